"""End to end: a real Scrapy crawl of the offline replica on loopback, checked against its ground truth."""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPLICA_ARTICLES, REPLICA_SEED, CrawlResult

from lcnews.testsite import build_site

TRUTH = build_site(n_articles=REPLICA_ARTICLES, seed=REPLICA_SEED).truth
EXPECTED = [t for t in TRUTH if t["reachable"] and t["status"] == 200]
LIST_FIELDS = ("authors", "correspondents", "photographers", "editors")
TEXT_FIELDS = ("title", "published_at", "source", "body")
BOILERPLATE = re.compile(
    r"相关推荐|网友评论|版权所有|ICP备|公网安备|举报电话|^编辑[:：]|^责任编辑|A\+A-|^分享$|您的位置", re.M
)


def _row(crawl: CrawlResult, article_id: int) -> dict:
    rows = crawl.rows("select * from articles where article_id = ?", article_id)
    assert rows, f"article {article_id} not archived"
    return dict(rows[0])


def test_crawl_exits_cleanly(replica_crawl: CrawlResult) -> None:
    assert replica_crawl.returncode == 0, replica_crawl.stderr[-3000:]
    assert "articles archived" in replica_crawl.stdout


def test_every_reachable_article_archived_exactly_once(replica_crawl: CrawlResult) -> None:
    ids = [r["article_id"] for r in replica_crawl.rows("select article_id from articles")]
    assert len(ids) == len(set(ids))
    assert set(ids) == {t["article_id"] for t in EXPECTED}


def test_urls_are_canonical_on_the_site_origin(replica_crawl: CrawlResult) -> None:
    urls = [r["url"] for r in replica_crawl.rows("select url from articles")]
    assert all(u.startswith("https://www.lcxw.cn/") and "?" not in u and "#" not in u for u in urls)


@pytest.mark.parametrize("truth", EXPECTED, ids=[t["path"] for t in EXPECTED])
def test_archived_fields_equal_truth(replica_crawl: CrawlResult, truth: dict) -> None:
    row = _row(replica_crawl, truth["article_id"])
    for name in TEXT_FIELDS:
        assert row[name] == truth[name], name
    for name in LIST_FIELDS:
        assert json.loads(row[name]) == truth[name], name
    assert json.loads(row["images"]) == truth["images"]
    # A republished article may be archived under either of its paths; all are recorded.
    assert row["url"] in {"https://www.lcxw.cn" + p for p in truth["paths"]}


def test_no_boilerplate_in_bodies(replica_crawl: CrawlResult) -> None:
    leaks = {
        r["article_id"]: BOILERPLATE.findall(r["body"])
        for r in replica_crawl.rows("select article_id, body from articles")
        if BOILERPLATE.search(r["body"])
    }
    assert leaks == {}


def test_robots_txt_obeyed(replica_crawl: CrawlResult) -> None:
    disallowed = replica_crawl.site.robots_disallowed
    fetched = [p for p, _ in replica_crawl.request_log]
    assert "/robots.txt" in fetched
    assert [p for p in fetched if any(p.startswith(d) for d in disallowed)] == []


@pytest.mark.parametrize("prefix", ["/kandianshi", "/tingguangbo", "/zhuanti", "/static/", "/uploads/"])
def test_non_article_links_not_fetched(replica_crawl: CrawlResult, prefix: str) -> None:
    assert [p for p, _ in replica_crawl.request_log if p.startswith(prefix)] == []


def test_no_article_page_fetched_twice(replica_crawl: CrawlResult) -> None:
    ok = [p.split("?")[0] for p, s in replica_crawl.request_log if s == 200 and p.endswith(".html") and "/20" in p]
    assert len(ok) == len(set(ok))


def test_transient_500_is_retried(replica_crawl: CrawlResult) -> None:
    path = replica_crawl.site.traps["error_once"]
    statuses = [s for p, s in replica_crawl.request_log if p == path]
    assert statuses[:2] == [500, 200]


def test_old_url_redirect_followed(replica_crawl: CrawlResult) -> None:
    _old, new = replica_crawl.site.traps["redirect"]
    article_id = int(new.rsplit("/", 1)[1].split(".")[0])
    assert _row(replica_crawl, article_id)["url"] == "https://www.lcxw.cn" + new


def test_republished_article_recorded_under_both_channels(replica_crawl: CrawlResult) -> None:
    first, _second = replica_crawl.site.traps["republished"]
    article_id = int(first.rsplit("/", 1)[1].split(".")[0])
    channels = {
        r["channel"]
        for r in replica_crawl.rows("select channel from article_channels where article_id = ?", article_id)
    }
    assert {"bumen/caijing", "yaowen/shehui"} <= channels


def test_menu_only_channel_is_crawled(replica_crawl: CrawlResult) -> None:
    assert replica_crawl.rows("select count(*) n from articles where channel like 'wenhua%'")[0]["n"] > 0


@pytest.mark.parametrize("kind", ["gbk-header", "gbk-meta", "gbk-none"])
def test_gbk_pages_decoded(replica_crawl: CrawlResult, kind: str) -> None:
    article_id = replica_crawl.site.traps["gbk"][kind]
    truth = next(t for t in TRUTH if t["article_id"] == article_id)
    row = _row(replica_crawl, article_id)
    assert (row["title"], row["body"], row["encoding"].replace("gb18030", "gbk")) == (
        truth["title"],
        truth["body"],
        "gbk",
    )


def test_crawl_run_recorded(replica_crawl: CrawlResult) -> None:
    runs = replica_crawl.rows("select * from crawl_runs")
    assert len(runs) == 1
    run = runs[0]
    assert run["finished_at"] and run["status"] == "finished"
    assert run["pages"] >= len(EXPECTED) and run["items"] == len(EXPECTED)
    assert json.loads(run["settings"])["LCNEWS_BASE_URL"] == replica_crawl.base_url


def test_every_archived_article_keeps_its_raw_page(replica_crawl: CrawlResult) -> None:
    missing = replica_crawl.rows(
        "select article_id from articles where raw_sha256 not in (select sha256 from raw_pages)"
    )
    assert missing == []


def test_site_rules_layer_used_for_known_templates(replica_crawl: CrawlResult) -> None:
    layers = {r["extractor"] for r in replica_crawl.rows("select distinct extractor from articles")}
    assert layers == {"site"}


def test_raw_pages_can_be_switched_off(tmp_path) -> None:
    from conftest import crawl_replica

    result = crawl_replica(build_site(n_articles=20, seed=9), tmp_path / "a.db", "-s", "LCNEWS_ARCHIVE_RAW_PAGES=False")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.rows("select count(*) n from articles")[0]["n"] > 0
    assert result.rows("select count(*) n from raw_pages")[0]["n"] == 0
