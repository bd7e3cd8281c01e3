"""A replica whose template the profile does not know: the generic layer still archives every
article, and the layout-drift alarm goes off with its own exit status."""

from __future__ import annotations

import json

import pytest
from conftest import CrawlResult, crawl_replica

from lcnews.runner import EXIT_DRIFT
from lcnews.testsite import build_site

UNKNOWN = build_site(n_articles=40, seed=5, template="unknown")
EXPECTED = [t for t in UNKNOWN.truth if t["reachable"] and t["status"] == 200]


@pytest.fixture(scope="module")
def unknown_crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    return crawl_replica(build_site(n_articles=40, seed=5, template="unknown"),
                         tmp_path_factory.mktemp("drift") / "a.db")


def test_drift_alarm_exit_status(unknown_crawl: CrawlResult) -> None:
    assert unknown_crawl.returncode == EXIT_DRIFT, unknown_crawl.stderr[-2000:]
    assert "LAYOUT DRIFT" in unknown_crawl.stderr


def test_drift_recorded_in_crawl_runs(unknown_crawl: CrawlResult) -> None:
    run = unknown_crawl.rows("select coverage, exit_code from crawl_runs")[0]
    coverage = json.loads(run["coverage"])
    assert run["exit_code"] == EXIT_DRIFT
    assert coverage["shares"]["generic"] == 1.0 and coverage["alarms"]


def test_unknown_template_still_archives_every_article(unknown_crawl: CrawlResult) -> None:
    ids = {r["article_id"] for r in unknown_crawl.rows("select article_id from articles")}
    assert ids == {t["article_id"] for t in EXPECTED}


@pytest.mark.parametrize("truth", EXPECTED, ids=[t["path"] for t in EXPECTED])
def test_generic_layer_gets_title_time_source(unknown_crawl: CrawlResult, truth: dict) -> None:
    row = unknown_crawl.rows("select * from articles where article_id = ?", truth["article_id"])[0]
    assert row["extractor"] == "generic"
    assert (row["title"], row["published_at"], row["source"]) == (truth["title"], truth["published_at"], truth["source"])
