"""Downloader middlewares: retries for 5xx and timeouts with exponential back-off, the watch
that winds a crawl down when its site stops answering, and redirects (3xx and
``<meta http-equiv=refresh>``) followed only within the site's hosts, never round a loop."""

from __future__ import annotations

import asyncio
import logging
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
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


def retry_reason(reason: Any) -> str:
    """A retried attempt's reason in the words of ``lcnews.health``: ``http_503`` (Scrapy's
    ``"503 Service Unavailable"``), ``timeout``, ``connection_lost``, ``truncated``, ..."""
    if isinstance(reason, str):
        code = reason.split(" ", 1)[0]
        return f"http_{code}" if code.isdigit() else reason.lower().replace(" ", "_")
    if isinstance(reason, type) and issubclass(reason, BaseException):
        reason = reason()
    return failure_reason(reason) if isinstance(reason, BaseException) else str(reason).lower()


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, plus a growing wait before each retry (none on loopback)."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("LCNEWS_RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("LCNEWS_RETRY_BACKOFF_MAX", 60.0)

    def _retry(self, request: Request, reason: Any) -> Request | None:
        self.crawler.stats.inc_value(f"lcnews/retried/{retry_reason(reason)}")
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


class RedirectRefused(IgnoreRequest):
    """A redirect lcnews does not follow; ``reason`` is its ``lcnews/stop/<reason>`` key."""

    def __init__(self, reason: str, url: str) -> None:
        super().__init__(f"{reason}: {url}")
        self.reason = reason


class _SiteRedirects:
    """Mixed into Scrapy's redirect middlewares: a redirect off the site's hosts (the profile's, or
    the mirror crawled) is refused before it is requested, a loop when it comes back round, a chain
    longer than ``REDIRECT_MAX_TIMES`` at its limit; each is counted as ``lcnews/stop/<reason>``. A
    redirect to the profile's origin while a mirror is crawled is fetched from the mirror."""

    crawler: Any

    def _redirect(self, redirected: Request, request: Request, *args: Any) -> Request:
        urls = getattr(self.crawler.spider, "urls", None)
        if urls is not None:
            if not urls.is_site(redirected.url):
                raise self._refuse("offsite_redirect", redirected.url)
            to = urlsplit(redirected.url)
            if urls.base != urls.origin and to.netloc.lower() != urlsplit(urls.base).netloc.lower():
                base = urlsplit(urls.base)  # the origin's own host: fetched from the mirror, query kept
                redirected = redirected.replace(url=urlunsplit((base.scheme, base.netloc, *to[2:])))
        if redirected.url == request.url or redirected.url in request.meta.get("redirect_urls", ()):
            raise self._refuse("redirect_loop", redirected.url)
        try:
            return super()._redirect(redirected, request, *args)  # type: ignore[misc]
        except IgnoreRequest:
            raise self._refuse("redirect_limit", redirected.url) from None

    def _refuse(self, reason: str, url: str) -> RedirectRefused:
        self.crawler.stats.inc_value(f"lcnews/stop/{reason}")
        return RedirectRefused(reason, url)


class SiteRedirectMiddleware(_SiteRedirects, RedirectMiddleware):
    """Scrapy's 3xx redirects, within the site only."""


class SiteMetaRefreshMiddleware(_SiteRedirects, MetaRefreshMiddleware):
    """Scrapy's ``<meta http-equiv=refresh>`` redirects, within the site only."""
