"""Pipeline: raw article page -> Article, through the pure extraction core (lcnews.extract).

Extraction is CPU-bound and the crawl loop is single-threaded, so pages are extracted (and
fingerprinted) in worker processes (`LCNEWS_EXTRACT_WORKERS`, 0 = in this process): the crawl keeps
fetching on one core while the other extracts.
"""

from __future__ import annotations

import logging
from typing import Any

from lcnews.extract.urls import SiteUrls
from lcnews.items import Article, RawPage, Unextracted
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
        except (TimeoutError, WorkerCrashed) as exc:
            # A page that hangs or kills a worker costs that page only; the pool replaces the worker.
            return self._unextracted(item, "extract_timeout" if isinstance(exc, TimeoutError) else "extract_crash", exc)
        except Exception as exc:  # noqa: BLE001 - an extractor bug costs this page only: counted, page kept
            return self._unextracted(item, "extract_error", exc)
        packed = article.raw  # workers.prepare_page: the page's body compressed and hashed, no body
        if packed is not None and packed.body_zlib and packed.body_sha256:
            item.body_zlib, item.body_sha256 = packed.body_zlib, packed.body_sha256
        article.raw = item
        if not article.body.strip():
            self.stats.inc_value("lcnews/drop/no_body")
            return Unextracted(item, "no_body")
        self.stats.inc_value(f"lcnews/extract/layer_{article.extractor or 'unknown'}")
        return article

    def _unextracted(self, page: RawPage, reason: str, exc: BaseException) -> Unextracted:
        """Count the failure (an ERROR: the run exits 3) and hand the page on to be archived raw."""
        log.error("%s on %s: %r", reason, page.url, exc)
        self.stats.inc_value(f"lcnews/drop/{reason}")
        return Unextracted(page, reason, repr(exc))

    async def _prepare(self, page: RawPage) -> Article:
        if self.pool is None:
            return workers.prepare_page(page, self.profile, self.urls)
        article: Article = await self.pool.run(page, timeout=self.timeout)
        return article
