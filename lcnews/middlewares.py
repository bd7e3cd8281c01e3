"""Downloader middleware: retries for 5xx and timeouts with exponential back-off."""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request

from lcnews.extract.urls import is_loopback

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
