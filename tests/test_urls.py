"""URL classification, canonical forms and base-URL mapping (lcnews.extract.urls)."""

from __future__ import annotations

import pytest

from lcnews.extract.urls import BaseUrlError, SiteUrls, in_channels, is_loopback, normalize_base_url
from lcnews.site import load_profile

PROFILE = load_profile()
REPLICA = SiteUrls(PROFILE, "http://127.0.0.1:8123")
REAL = SiteUrls(PROFILE)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.lcxw.cn/yaowen/shendu/20250206/105692.html", "article"),
        ("http://lcxw.cn/yaowen/shendu/20250206/105692.html", "article"),
        ("/bumen/caijing/20250207/105806.html?utm_source=wechat#top", "article"),
        ("/yaowen/shehui/", "listing"),
        ("/yaowen/shehui/index_3.html", "listing"),
        ("/", "listing"),
        ("/kandianshi/", "skip"),
        ("/tingguangbo/live.m3u8", "skip"),
        ("/zhuanti/2025lianghui/", "skip"),
        ("/static/logo.png", "skip"),
        ("https://www.example.com/yaowen/shendu/20250206/105692.html", "offsite"),
        ("http://lcrb.lcxw.cn/paper/pc/content/content_1.html", "offsite"),
        ("mailto:x@lcxw.cn", "offsite"),
    ],
)
def test_classify(url: str, kind: str) -> None:
    assert REPLICA.classify(url).kind == kind


def test_article_ref_fields() -> None:
    c = REAL.classify("https://www.lcxw.cn/yaowen/shendu/20250206/105692.html")
    assert c.article is not None
    assert (c.article.article_id, c.article.channel, c.article.date) == (105692, "yaowen/shendu", "20250206")


@pytest.mark.parametrize(
    "url",
    [
        "http://lcxw.cn/yaowen/shendu/20250206/105692.html?from=timeline&utm_source=wechat",
        "https://www.lcxw.cn/yaowen/shendu/20250206/105692.html#comments",
        "http://127.0.0.1:8123/yaowen/shendu/20250206/105692.html",
    ],
)
def test_canonical_article_url_is_on_origin_without_query(url: str) -> None:
    assert REPLICA.canonical_url(url) == "https://www.lcxw.cn/yaowen/shendu/20250206/105692.html"


def test_site_links_are_fetched_from_base_url() -> None:
    assert (
        REPLICA.fetch_url("https://www.lcxw.cn/yaowen/shehui/index_2.html?utm_medium=x")
        == "http://127.0.0.1:8123/yaowen/shehui/index_2.html"
    )


def test_listing_keeps_non_tracking_query() -> None:
    assert REAL.canonical_url("https://www.lcxw.cn/yaowen/?page=2&spm=abc") == "https://www.lcxw.cn/yaowen/?page=2"
    assert REAL.classify("/yaowen/?page=2").page == 2


@pytest.mark.parametrize("bad", ["ftp://x", "127.0.0.1:80", "http://", "http://host:99999"])
def test_bad_base_url(bad: str) -> None:
    with pytest.raises(BaseUrlError):
        normalize_base_url(bad)


@pytest.mark.parametrize(
    ("url", "loop"),
    [
        ("http://127.0.0.1:1", True),
        ("http://localhost", True),
        ("http://[::1]:80", True),
        ("https://www.lcxw.cn", False),
    ],
)
def test_is_loopback(url: str, loop: bool) -> None:
    assert is_loopback(url) is loop


@pytest.mark.parametrize(
    ("channel", "wanted", "inside"),
    [
        ("yaowen/shendu", ("yaowen",), True),
        ("yaowen", ("yaowen/shendu",), False),
        ("yaowenx", ("yaowen",), False),
        ("bumen/caijing", (), True),
    ],
)
def test_in_channels(channel: str, wanted: tuple[str, ...], inside: bool) -> None:
    assert in_channels(channel, wanted) is inside


def test_legacy_article_url_is_an_article_without_channel() -> None:
    c = REPLICA.classify("/html/2025/01/105237.shtml")
    assert c.kind == "article" and c.article is not None
    assert (c.article.article_id, c.article.channel) == (105237, "")
