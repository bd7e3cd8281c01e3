"""Retry back-off grows exponentially and is capped, none for loopback hosts; retries are counted
by reason; redirects are followed within the site only, never round a loop or past the limit."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.test import get_crawler

from lcnews.extract.urls import SiteUrls
from lcnews.middlewares import (
    RedirectRefused,
    SiteMetaRefreshMiddleware,
    SiteRedirectMiddleware,
    backoff_delay,
    retry_reason,
)
from lcnews.site import load_profile


@pytest.mark.parametrize(("n", "expected"), [(1, 2.0), (2, 4.0), (3, 8.0), (10, 60.0), (0, 0.0)])
def test_backoff_delay(n: int, expected: float) -> None:
    assert backoff_delay(n, 2.0, 60.0) == expected


def test_backoff_disabled_by_zero_cap() -> None:
    assert backoff_delay(3, 2.0, 0.0) == 0.0


# --- redirects within the site only ---------------------------------------------------------------

MIRROR = "http://127.0.0.1:8000"


def _middleware(cls: type, base: str = MIRROR) -> SiteRedirectMiddleware:
    crawler = get_crawler(settings_dict={"REDIRECT_MAX_TIMES": 10})
    crawler.spider = SimpleNamespace(urls=SiteUrls(load_profile(), base))  # type: ignore[assignment]
    return cls.from_crawler(crawler)  # type: ignore[no-any-return]


def _redirect(mw: SiteRedirectMiddleware, location: str, request: Request | None = None) -> Request | Response:
    request = request or Request(f"{MIRROR}/yaowen/20250101/1.html")
    response = Response(request.url, status=302, headers={"Location": location}, request=request)
    return mw.process_response(request, response)


@pytest.mark.parametrize(
    "location", ["http://localhost:8000/yaowen/20250101/1.html", "https://example.org/a.html", "//evil.example/x"]
)
def test_a_redirect_to_another_host_is_refused_and_counted(location: str) -> None:
    mw = _middleware(SiteRedirectMiddleware)
    with pytest.raises(RedirectRefused, match="offsite_redirect"):
        _redirect(mw, location)
    assert mw.crawler.stats.get_value("lcnews/stop/offsite_redirect") == 1


def test_a_redirect_within_the_site_is_followed() -> None:
    out = _redirect(_middleware(SiteRedirectMiddleware), "/yaowen/shendu/20250101/1.html")
    assert isinstance(out, Request) and out.url == f"{MIRROR}/yaowen/shendu/20250101/1.html"


def test_a_redirect_to_the_origin_while_crawling_a_mirror_is_fetched_from_the_mirror() -> None:
    out = _redirect(_middleware(SiteRedirectMiddleware), "https://www.lcxw.cn/yaowen/20250101/1.html?hop=6")
    assert isinstance(out, Request) and out.url == f"{MIRROR}/yaowen/20250101/1.html?hop=6"


def test_a_redirect_back_to_a_page_of_the_chain_is_a_loop() -> None:
    mw = _middleware(SiteRedirectMiddleware)
    first = _redirect(mw, "/r/a")
    assert isinstance(first, Request)
    with pytest.raises(RedirectRefused, match="redirect_loop"):
        _redirect(mw, "/yaowen/20250101/1.html", request=first)
    assert mw.crawler.stats.get_value("lcnews/stop/redirect_loop") == 1


def test_a_chain_longer_than_the_limit_is_refused() -> None:
    mw = _middleware(SiteRedirectMiddleware)
    request: Request | Response = Request(f"{MIRROR}/r/0")
    with pytest.raises(RedirectRefused, match="redirect_limit"):
        for hop in range(1, 12):
            assert isinstance(request, Request)
            request = _redirect(mw, f"/r/{hop}", request=request)
    assert isinstance(request, Request) and request.meta["redirect_times"] == 10


def test_a_meta_refresh_to_another_host_is_refused() -> None:
    mw = _middleware(SiteMetaRefreshMiddleware)
    request = Request(f"{MIRROR}/yaowen/20250101/1.html")
    body = b'<html><head><meta http-equiv="refresh" content="0; url=http://localhost:8000/x.html"></head></html>'
    response = HtmlResponse(request.url, body=body, encoding="utf-8", request=request)
    with pytest.raises(RedirectRefused):
        mw.process_response(request, response)


def test_a_refused_redirect_is_an_ignored_request() -> None:
    assert issubclass(RedirectRefused, IgnoreRequest)  # no error: the spider's errback counts nothing twice


class ResponseNeverReceived(Exception):  # named like Twisted's
    pass


class ResponseDataLossError(Exception):  # named like Scrapy's
    pass


@pytest.mark.parametrize(
    ("reason", "key"),
    [
        ("503 Service Unavailable", "http_503"),
        (ResponseNeverReceived(), "connection_lost"),
        (ResponseDataLossError, "truncated"),
        (TimeoutError(), "timeout"),
        (KeyError(), "keyerror"),
    ],
)
def test_retry_reasons_are_stable_keys(reason: object, key: str) -> None:
    assert retry_reason(reason) == key
