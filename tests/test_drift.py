"""The site changes its template: the generic layer still archives every article, and the
layout-drift alarm goes off with its own exit status. A first crawl of unknown markup is no drift."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CrawlResult, crawl_replica

from lcnews.runner import EXIT_DRIFT
from lcnews.testsite import build_site

N, SEED = 40, 5
UNKNOWN = build_site(n_articles=N, seed=SEED, template="unknown")
EXPECTED = [t for t in UNKNOWN.truth if t["reachable"] and t["status"] == 200]


@pytest.fixture(scope="module")
def first_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("drift") / "first.db"
    result = crawl_replica(build_site(n_articles=N, seed=SEED), db)
    assert result.returncode == 0, result.stderr[-2000:]
    return db


@pytest.fixture(scope="module")
def changed_template_crawl(first_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """The same site after a redesign, crawled again in full into the same archive."""
    db = tmp_path_factory.mktemp("drift2") / "a.db"
    shutil.copy(first_archive, db)
    return crawl_replica(build_site(n_articles=N, seed=SEED, template="unknown"), db, "--full")


@pytest.fixture(scope="module")
def unknown_first_crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    return crawl_replica(
        build_site(n_articles=N, seed=SEED, template="unknown"), tmp_path_factory.mktemp("drift3") / "a.db"
    )


def test_template_change_raises_drift_alarm(changed_template_crawl: CrawlResult) -> None:
    assert changed_template_crawl.returncode == EXIT_DRIFT, changed_template_crawl.stderr[-2000:]
    assert "LAYOUT DRIFT" in changed_template_crawl.stderr
    assert "generic extractor" in changed_template_crawl.stderr


def test_drift_recorded_in_crawl_runs(changed_template_crawl: CrawlResult) -> None:
    runs = changed_template_crawl.rows("select coverage, exit_code from crawl_runs order by run_id")
    first, second = (json.loads(r["coverage"]) for r in runs)
    assert first["shares"]["generic"] == 0.0 and not first["alarms"]
    assert second["shares"]["generic"] == 1.0 and second["alarms"]
    assert [r["exit_code"] for r in runs] == [0, EXIT_DRIFT]


def test_first_crawl_of_unknown_markup_is_not_drift(unknown_first_crawl: CrawlResult) -> None:
    assert unknown_first_crawl.returncode == 0, unknown_first_crawl.stderr[-2000:]


def test_unknown_template_still_archives_every_article(unknown_first_crawl: CrawlResult) -> None:
    ids = {r["article_id"] for r in unknown_first_crawl.rows("select article_id from articles")}
    assert ids == {t["article_id"] for t in EXPECTED}


@pytest.mark.parametrize("truth", EXPECTED, ids=[t["path"] for t in EXPECTED])
def test_generic_layer_gets_every_field(unknown_first_crawl: CrawlResult, truth: dict) -> None:
    row = unknown_first_crawl.rows("select * from articles where article_id = ?", truth["article_id"])[0]
    assert row["extractor"] == "generic"
    for name in ("title", "published_at", "source", "body"):
        assert row[name] == truth[name], name
    for name in ("authors", "correspondents", "photographers", "editors"):
        assert json.loads(row[name]) == truth[name], name
