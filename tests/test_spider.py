"""lcnews.spiders.lcxw: how the spider is set up from the crawler's settings, and where a channel's
walk goes and stops (no network)."""

from __future__ import annotations

import pytest
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

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


# --- listing pages: where a channel's walk goes and where it stops ---------------------------------


ORIGIN = "https://www.lcxw.cn"


def _listing_spider(**overrides: object) -> LcxwSpider:
    """A spider on the site's origin with the shipped settings and live stats (no crawl)."""
    shipped = {k: v for k, v in build_settings(dict(overrides)).copy_to_dict().items() if k.startswith("LCNEWS_")}
    return LcxwSpider.from_crawler(get_crawler(LcxwSpider, shipped))


def _page(spider: LcxwSpider, path: str, links: list[tuple[str, str]], page: int = 1) -> list[str]:
    """Parse a listing page of yaowen with these (href, text) links; the listing URLs it requests."""
    html = "<html><body>" + "".join(f'<a href="{h}">{t}</a>' for h, t in links) + "</body></html>"
    url = ORIGIN + path
    resp = HtmlResponse(url, body=html.encode(), encoding="utf-8", request=Request(url))
    out = spider.parse_listing(resp, channel="yaowen", page=page)
    return [r.url for r in out if isinstance(r, Request) and r.callback == spider.parse_listing]


def _stops(spider: LcxwSpider) -> dict[str, int]:
    stats = spider.crawler.stats.get_stats()
    return {k.removeprefix("lcnews/stop/"): v for k, v in stats.items() if k.startswith("lcnews/stop/")}


def test_a_page_with_a_new_article_leads_on() -> None:
    spider = _listing_spider()
    got = _page(spider, "/yaowen/", [("/yaowen/20250101/1.html", "a"), ("index_2.html", "下一页")])
    assert got == [ORIGIN + "/yaowen/index_2.html"]


@pytest.mark.parametrize("articles", [[], ["/yaowen/20250101/1.html"]], ids=["empty", "all-seen"])
def test_a_barren_page_ends_the_walk(articles: list[str]) -> None:
    spider = _listing_spider()
    _page(spider, "/yaowen/", [("/yaowen/20250101/1.html", "a"), ("index_2.html", "下一页")])
    links = [(a, "a") for a in articles] + [("index_3.html", "下一页")]
    assert _page(spider, "/yaowen/index_2.html", links, page=2) == []
    assert _stops(spider) == {"barren_page": 1} and spider.walked_to_end == {"yaowen"}


def test_a_row_of_numbers_the_profile_does_not_know_costs_one_page() -> None:
    spider = _listing_spider()
    days = [(f"/yaowen/rili/2025/12/{d}/", str(d)) for d in range(1, 29)]
    got = _page(spider, "/yaowen/", [("/yaowen/20250101/1.html", "a"), *days])
    assert got == [ORIGIN + "/yaowen/rili/2025/12/2/"]


def test_a_channel_out_of_budget_is_cut_short_not_complete() -> None:
    spider = _listing_spider(LCNEWS_CRAWL_CHANNEL_BARREN_PAGES=1)
    spider.bounds.listing("yaowen", ORIGIN + "/yaowen/elsewhere.html", [])  # one barren page spent
    got = _page(spider, "/yaowen/", [("/yaowen/20250101/1.html", "a"), ("index_2.html", "下一页")])
    assert got == [] and _stops(spider) == {"channel_budget": 1}
    assert spider.walked_to_end == set() and spider.cut_short == {"yaowen"}
