"""lcnews.spiders.lcxw: how the spider is set up from the crawler's settings (no network)."""

from __future__ import annotations

from scrapy.crawler import Crawler

from lcnews.runner import build_settings
from lcnews.spiders.lcxw import LcxwSpider


def _spider(**overrides: object) -> tuple[LcxwSpider, Crawler]:
    crawler = Crawler(LcxwSpider, build_settings(dict(overrides)))
    return LcxwSpider.from_crawler(crawler), crawler


def test_loopback_base_url_gets_the_loopback_settings() -> None:
    _, crawler = _spider(LCNEWS_BASE_URL="http://127.0.0.1:8000")
    s = crawler.settings
    assert s.getfloat("DOWNLOAD_DELAY") == 0 and not s.getbool("AUTOTHROTTLE_ENABLED")
    assert s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 16 and s.getfloat("LCNEWS_RETRY_BACKOFF_MAX") == 0


def test_real_host_keeps_the_polite_defaults() -> None:
    _, crawler = _spider()
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 1.0 and crawler.settings.getbool("AUTOTHROTTLE_ENABLED")


def test_a_command_line_setting_beats_the_loopback_settings() -> None:
    _, crawler = _spider(LCNEWS_BASE_URL="http://127.0.0.1:8000", DOWNLOAD_DELAY=2)
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == 2


def test_mirror_base_url_is_handed_to_the_pipelines() -> None:
    spider, crawler = _spider(LCNEWS_BASE_URL="http://127.0.0.1:8000")
    assert crawler.settings.get("LCNEWS_BASE_URL") == spider.urls.base == "http://127.0.0.1:8000"


def test_channels_argument_is_split_on_commas() -> None:
    crawler = Crawler(LcxwSpider, build_settings())
    spider = LcxwSpider.from_crawler(crawler, channels="yaowen/shendu,/bumen/")
    assert spider.channels == ("yaowen/shendu", "bumen")
