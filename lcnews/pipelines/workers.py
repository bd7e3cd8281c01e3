"""The extraction worker process: a page in, an assembled Article out (no Scrapy imports).

Started by ``lcnews.pipelines.workerpool`` as ``python -m lcnews.pipelines.workers`` (a fresh
interpreter: no reactor or thread state is copied). The work itself is ``lcnews.extract.assemble``;
this module adds the raw page's compression, so only compressed bytes travel back to the crawl.
The same processes run the batch jobs of ``lcnews reextract`` and ``lcnews rebuild-index``
(``workerpool.PoolMap``).
"""

from __future__ import annotations

import dataclasses
import zlib
from typing import Any

from lcnews.extract.assemble import assemble
from lcnews.extract.urls import SiteUrls
from lcnews.items import Article, RawPage
from lcnews.site import SiteProfile, load_profile

_STATE: dict[str, Any] = {}

RAW_ZLIB_LEVEL = 6  # the raw_pages.body compression level (lcnews.db.store uses the same)


# A small page extracted once at start-up: the extractor's lazy state (script conversion tables,
# compiled patterns) is loaded before the crawl's first page arrives, not while it waits (~0.3 s).
_WARM_UP_PAGE = (
    "<html><head><meta charset='utf-8'><title>示例标题</title></head><body><h1>示例标题</h1>"
    "<div>2025-01-01 08:00 来源：示例 编辑：示例</div><div><p>示例正文第一段，說明文字。</p>"
    "<p>示例正文第二段，说明文字。</p></div></body></html>"
).encode()


def init_worker(profile_path: str | None, base_url: str | None) -> None:
    profile = load_profile(profile_path or None)
    _STATE["profile"] = profile
    _STATE["urls"] = SiteUrls(profile, base_url or None)
    warm = RawPage(url=profile.origin + "/", canonical_url=profile.origin + "/", article_id=0, channel="",
                   status=200, headers={"content-type": "text/html; charset=utf-8"}, body=_WARM_UP_PAGE,
                   fetched_at="")  # fmt: skip
    prepare_page(warm, profile, _STATE["urls"])


def prepare_page(page: RawPage, profile: SiteProfile, urls: SiteUrls | None = None) -> Article:
    """Assemble a page, and compress and hash its raw bytes for the archive.

    ``Article.raw`` is set to a copy of the page without ``body`` but with ``body_zlib`` and
    ``body_sha256``: what the archive stores, and all that goes back from a worker process.
    """
    article = assemble(page, profile, urls)
    article.raw = dataclasses.replace(
        page, body=b"", body_zlib=zlib.compress(page.body, RAW_ZLIB_LEVEL), body_sha256=article.raw_sha256
    )
    return article


def prepare(page: RawPage) -> Article:
    """Assemble a page in a worker (the raw bytes go back compressed only)."""
    return prepare_page(page, _STATE["profile"], _STATE["urls"])


def run(payload: Any) -> Any:
    """A job: a crawled ``RawPage`` (``prepare``), or ``(func, item)`` from ``PoolMap``: ``func(item)``."""
    if isinstance(payload, tuple) and len(payload) == 2 and callable(payload[0]):
        return payload[0](payload[1])
    return prepare(payload)


if __name__ == "__main__":  # a worker process of lcnews.pipelines.workerpool
    import sys

    from lcnews.pipelines.workerpool import serve

    serve(sys.stdin.buffer, sys.stdout.buffer, {"init": init_worker, "run": run})
