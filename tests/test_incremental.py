"""Incremental crawls: the replica's first state, then its later state, into the same archive."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CrawlResult, crawl_replica

from lcnews.testsite import build_site

pytestmark = pytest.mark.e2e

N, SEED = 60, 1
LATER = build_site(n_articles=N, seed=SEED, state="later")
INITIAL_IDS = {t["article_id"] for t in build_site(n_articles=N, seed=SEED).truth}
NEW = [t for t in LATER.truth if t["state_note"] == "new" and t["reachable"] and t["status"] == 200]
EDITED = next(t for t in LATER.truth if t["state_note"] == "edited")
REMOVED = next(t for t in LATER.truth if t["state_note"] == "removed")


@pytest.fixture(scope="module")
def first_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("inc") / "first.db"
    result = crawl_replica(build_site(n_articles=N, seed=SEED), db)
    assert result.returncode == 0, result.stderr[-2000:]
    return db


def _copy(db: Path, tmp_path: Path) -> Path:
    out = tmp_path / "archive.db"
    shutil.copy(db, out)
    return out


@pytest.fixture(scope="module")
def later_default(first_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """The later state with default settings: replica dates are far older than the revisit window."""
    db = _copy(first_archive, tmp_path_factory.mktemp("later"))
    return crawl_replica(build_site(n_articles=N, seed=SEED, state="later"), db)


@pytest.fixture(scope="module")
def later_revisit_all(first_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """The later state with a revisit window covering every article: edits and removals are seen."""
    db = _copy(first_archive, tmp_path_factory.mktemp("revisit"))
    return crawl_replica(build_site(n_articles=N, seed=SEED, state="later"), db, "--revisit-days", "100000")


def _article_paths(result: CrawlResult) -> list[str]:
    return [p for p, _ in result.request_log if result.site.model and "/20" in p and p.endswith(".html")]


def test_new_articles_archived(later_default: CrawlResult) -> None:
    assert later_default.returncode == 0, later_default.stderr[-2000:]
    ids = {r["article_id"] for r in later_default.rows("select article_id from articles")}
    assert {t["article_id"] for t in NEW} <= ids


def test_only_new_article_pages_fetched(later_default: CrawlResult) -> None:
    fetched = {p.split("?")[0] for p in _article_paths(later_default)}
    new_paths = {t["path"] for t in NEW}
    assert fetched == new_paths


def test_listing_paging_stops_at_archived_pages(later_default: CrawlResult) -> None:
    listing_requests = [p for p, _ in later_default.request_log if not p.endswith(".html") or "index" in p]
    channels = len(later_default.site.channels)
    # one or two pages per channel, plus the home page and robots.txt; never the whole history
    assert len(listing_requests) <= 2 * channels + 2


def test_row_count_never_lower(later_default: CrawlResult) -> None:
    ids = {r["article_id"] for r in later_default.rows("select article_id from articles")}
    assert ids >= (INITIAL_IDS & ids) and len(ids) >= len({i for i in INITIAL_IDS}) - 3


def test_edit_stored_as_version(later_revisit_all: CrawlResult) -> None:
    assert later_revisit_all.returncode == 0, later_revisit_all.stderr[-2000:]
    row = later_revisit_all.rows("select * from articles where article_id = ?", EDITED["article_id"])[0]
    assert (row["title"], row["body"], row["version"]) == (EDITED["title"], EDITED["body"], 2)
    old = later_revisit_all.rows("select * from article_versions where article_id = ?", EDITED["article_id"])
    assert len(old) == 1 and old[0]["title"] != EDITED["title"]


def test_removal_marked_not_deleted(later_revisit_all: CrawlResult) -> None:
    row = later_revisit_all.rows("select * from articles where article_id = ?", REMOVED["article_id"])
    assert len(row) == 1 and row[0]["withdrawn_at"] and row[0]["body"]


def test_unchanged_articles_are_not_versioned(later_revisit_all: CrawlResult) -> None:
    versions = later_revisit_all.rows("select distinct article_id from article_versions")
    assert [r["article_id"] for r in versions] == [EDITED["article_id"]]


def test_second_run_recorded(later_revisit_all: CrawlResult) -> None:
    runs = later_revisit_all.rows("select * from crawl_runs order by run_id")
    assert len(runs) == 2 and all(r["status"] == "finished" for r in runs)
    assert runs[1]["updated"] == 1 and json.loads(runs[1]["settings"])["LCNEWS_REVISIT_DAYS"] == 100000


def test_full_refetches_everything(first_archive: Path, tmp_path: Path) -> None:
    db = _copy(first_archive, tmp_path)
    result = crawl_replica(build_site(n_articles=N, seed=SEED), db, "--full")
    assert result.returncode == 0, result.stderr[-2000:]
    fetched = {p.split("?")[0] for p in _article_paths(result)}
    reachable = {t["path"] for t in LATER.truth if t["reachable"] and t["status"] == 200 and t["state_note"] != "new"}
    assert reachable - fetched <= {t["path"] for t in LATER.truth if len(t["paths"]) > 1}


def test_deep_listings_are_not_walked_again(tmp_path: Path) -> None:
    """300 articles: channels have many listing pages; the later run reads one or two per channel."""
    db = tmp_path / "a.db"
    first = crawl_replica(build_site(n_articles=300, seed=2), db)
    assert first.returncode == 0, first.stderr[-2000:]
    later_site = build_site(n_articles=300, seed=2, state="later")
    later = crawl_replica(later_site, db)
    assert later.returncode == 0, later.stderr[-2000:]
    new = {t["path"] for t in later_site.truth if t["state_note"] == "new" and t["reachable"] and t["status"] == 200}
    fetched_articles = {p.split("?")[0] for p in _article_paths(later)}
    listings = [p for p, _ in later.request_log if p.split("?")[0] not in fetched_articles]
    assert fetched_articles == new
    assert len(listings) <= 2 * len(later_site.channels) + 2, listings
