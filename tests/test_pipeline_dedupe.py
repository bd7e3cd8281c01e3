"""lcnews.pipelines.dedupe: one item per article id per run."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from lcnews.items import Article, ListingSeen
from lcnews.pipelines.dedupe import DedupePipeline


def test_second_item_with_the_same_id_is_dropped_and_counted() -> None:
    crawler = get_crawler()
    pipe = DedupePipeline.from_crawler(crawler)
    first = Article(article_id=7, url="https://www.lcxw.cn/a/7.html")
    assert pipe.process_item(first) is first
    with pytest.raises(DropItem, match="duplicate article id 7"):
        pipe.process_item(Article(article_id=7, url="https://www.lcxw.cn/b/7.html"))
    assert crawler.stats is not None and crawler.stats.get_value("lcnews/drop/duplicate_id") == 1


def test_other_items_pass_untouched() -> None:
    pipe = DedupePipeline.from_crawler(get_crawler())
    seen = ListingSeen(listing_url="u", channel="yaowen", article_ids=[7, 7], paths=["a", "b"], seen_at="")
    assert pipe.process_item(seen) is seen and pipe.process_item(seen) is seen
