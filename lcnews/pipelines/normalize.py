"""Pipeline: script detection and script-insensitive fingerprints (OpenCC-normalised text).

The extract pipeline's workers usually fill these already; this stage covers articles that arrive
without them (in-process extraction turned off, or other producers).
"""

from __future__ import annotations

from typing import Any

from lcnews.extract.assemble import add_fingerprints
from lcnews.items import Article


class NormalizePipeline:
    def process_item(self, item: Any) -> Any:
        if isinstance(item, Article) and not item.content_hash:
            add_fingerprints(item)
        return item
