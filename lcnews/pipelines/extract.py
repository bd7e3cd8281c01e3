"""Pipeline: raw article page -> Article, through the pure extraction core (lcnews.extract).

Extraction is CPU-bound and the crawl loop is single-threaded, so pages are extracted (and
fingerprinted) in worker processes (`LCNEWS_EXTRACT_WORKERS`, 0 = in this process): the crawl keeps
fetching on one core while the other extracts.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy.exceptions import DropItem

from lcnews.extract.urls import SiteUrls
from lcnews.items import Article, RawPage
from lcnews.pipelines import workers
from lcnews.pipelines.workerpool import AsyncWorkerPool, WorkerCrashed
from lcnews.site import load_profile

log = logging.getLogger(__name__)


class ExtractPipeline:
    def __init__(self, crawler: Any) -> None:
        s = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.profile_path = s.get("LCNEWS_SITE_PROFILE") or None
        self.base_url = s.get("LCNEWS_BASE_URL") or None
        self.workers = max(0, s.getint("LCNEWS_EXTRACT_WORKERS"))
        self.timeout = s.getfloat("LCNEWS_EXTRACT_TIMEOUT")
        self.profile = load_profile(self.profile_path)
        self.urls = SiteUrls(self.profile, self.base_url)
        self.pool: AsyncWorkerPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        return cls(crawler)

    async def open_spider(self) -> None:
        if self.workers:
            self.pool = AsyncWorkerPool(self.workers, (self.profile_path, self.base_url))
            await self.pool.start()

    async def close_spider(self) -> None:
        if self.pool is not None:
            await self.pool.close()
            self.pool = None

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, RawPage):
            return item
        try:
            article = await self._prepare(item)
        except DropItem:
            raise
        except Exception as exc:  # the extractor must never stop a crawl: count and drop
            log.error("extraction failed for %s: %r", item.url, exc)
            self.stats.inc_value("lcnews/drop/extract_error")
            raise DropItem(f"extract error: {exc!r}") from exc
        packed = article.raw  # workers.prepare_page: the page's body compressed and hashed, no body
        if packed is not None and packed.body_zlib and packed.body_sha256:
            item.body_zlib, item.body_sha256 = packed.body_zlib, packed.body_sha256
        article.raw = item
        if not article.body.strip():
            self.stats.inc_value("lcnews/drop/no_body")
            raise DropItem(f"no body: {item.url}")
        self.stats.inc_value(f"lcnews/extract/layer_{article.extractor or 'unknown'}")
        return article

    async def _prepare(self, page: RawPage) -> Article:
        if self.pool is None:
            return workers.prepare_page(page, self.profile, self.urls)
        try:
            article: Article = await self.pool.run(page, timeout=self.timeout)
        except (TimeoutError, WorkerCrashed) as exc:
            # A page that hangs or kills a worker costs that page only; the pool replaces the worker.
            reason = "extract_timeout" if isinstance(exc, asyncio.TimeoutError) else "extract_crash"
            self.stats.inc_value(f"lcnews/drop/{reason}")
            log.error("%s on %s", reason, page.url)
            raise DropItem(f"{reason}: {page.url}") from exc
        return article
