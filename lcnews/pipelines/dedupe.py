"""Pipeline: one item per article per run, however many URLs led to it."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from lcnews.items import Article


class DedupePipeline:
    def __init__(self, crawler: Any) -> None:
        self.stats = crawler.stats
        self.seen_ids: set[int] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Article):
            article_id = ItemAdapter(item)["article_id"]
            if article_id in self.seen_ids:
                self.stats.inc_value("lcnews/drop/duplicate_id")
                raise DropItem(f"duplicate article id {article_id}")
            self.seen_ids.add(article_id)
        return item
