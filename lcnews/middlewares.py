"""Downloader middlewares: retries for 5xx and timeouts with exponential back-off, and the
watch that winds a crawl down when its site stops answering."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response

from lcnews.extract.urls import is_loopback
from lcnews.health import Reachability, failure_reason

log = logging.getLogger(__name__)

_META = "lcnews_retry_wait"


def backoff_delay(retry_times: int, base: float, cap: float) -> float:
    """Seconds to wait before the `retry_times`-th retry (1-based): base, 2*base, 4*base ... <= cap."""
    if retry_times < 1 or base <= 0 or cap <= 0:
        return 0.0
    return float(min(cap, base * 2 ** (retry_times - 1)))


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, plus a growing wait before each retry (none on loopback)."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("LCNEWS_RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("LCNEWS_RETRY_BACKOFF_MAX", 60.0)

    def _retry(self, request: Request, reason: Any) -> Request | None:
        new = super()._retry(request, reason)
        if new is not None and not is_loopback(new.url):
            new.meta[_META] = backoff_delay(new.meta.get("retry_times", 1), self.base, self.cap)
        return new

    async def process_request(self, request: Request) -> None:
        wait = request.meta.pop(_META, 0.0)
        if wait:
            await asyncio.sleep(wait)


class SiteHealthMiddleware:
    """Counts every failed attempt by reason and closes the run (reason ``site_unreachable``)
    once the site has stopped answering (:class:`lcnews.health.Reachability`): a dead server
    costs a minute, not a retry of every queued page. Sits outside the retry middleware, so it
    sees each attempt."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        s = crawler.settings
        self.watch = Reachability(
            max_seconds=s.getfloat("LCNEWS_UNREACHABLE_SECONDS", 60.0),
            max_failures=s.getint("LCNEWS_UNREACHABLE_FAILURES", 20),
        )
        self._closing: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> SiteHealthMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        self.watch.answered()
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        reason = failure_reason(exception)
        self.crawler.stats.inc_value(f"lcnews/attempt_failures/{reason}")
        message = self.watch.failed(reason)
        if message is not None and self._closing is None:
            log.error("%s; winding the crawl down", message)
            self.crawler.stats.set_value("lcnews/site_unreachable", message)
            self._closing = asyncio.ensure_future(self.crawler.engine.close_spider_async(reason="site_unreachable"))
