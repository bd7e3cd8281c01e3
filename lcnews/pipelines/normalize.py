"""Pipeline: script detection and script-insensitive fingerprints (OpenCC-normalised text)."""

from __future__ import annotations

from typing import Any

from lcnews.extract.normalize import content_hash, script_of, simhash
from lcnews.items import Article


class NormalizePipeline:
    def process_item(self, item: Any) -> Any:
        if isinstance(item, Article):
            item.script = script_of(item.title + item.body)
            item.content_hash = content_hash(item.title, item.body)
            item.simhash = simhash(item.body)
        return item
