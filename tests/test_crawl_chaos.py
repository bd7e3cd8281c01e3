"""End to end: a crawl of the replica in chaos mode (faults, traps, off-site redirects; seeded)
archives every article the replica eventually serves, once, with its fields, spends few requests in
traps, none off the site, counts every failure by reason and exits 0 with a sound file."""

from __future__ import annotations

import json

import pytest
from conftest import CrawlResult, crawl_replica

from lcnews.testsite import ReplicaServer, build_site
from lcnews.testsite.chaos import ARTICLE_FAULTS, BURST, ChaosSite

pytestmark = pytest.mark.e2e

N, SEED, CHAOS = 200, 7, 3
MAX_TRAP_REQUESTS = 60
SITE = build_site(n_articles=N, seed=SEED, chaos=CHAOS)
assert isinstance(SITE, ChaosSite)
FAULTED = sorted(SITE.chaos.faults.items())
SERVED = [t for t in SITE.truth if t["article_id"] in SITE.chaos.served]
TEXT_FIELDS = ("title", "published_at", "source", "body")
LIST_FIELDS = ("authors", "editors")


@pytest.fixture(scope="module")
def chaos_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[CrawlResult, list[str]]:
    site = build_site(n_articles=N, seed=SEED, chaos=CHAOS)
    db = tmp_path_factory.mktemp("chaos") / "archive.db"
    with ReplicaServer(site) as server:
        result = crawl_replica(site, db, server=server)
        offsite = list(server.offsite_log)
    return result, offsite


def _run(crawl: CrawlResult) -> dict:
    (run,) = crawl.rows("select * from crawl_runs")
    return {k: json.loads(run[k]) if k in ("stops", "failures", "dropped") else run[k] for k in run.keys()}  # noqa: SIM118 - a Row


def test_the_chaos_crawl_exits_0(chaos_crawl: tuple[CrawlResult, list[str]]) -> None:
    crawl, _ = chaos_crawl
    assert crawl.returncode == 0, crawl.stderr[-3000:]


def test_every_served_article_is_archived_once(chaos_crawl: tuple[CrawlResult, list[str]]) -> None:
    crawl, _ = chaos_crawl
    ids = [r["article_id"] for r in crawl.rows("select article_id from articles")]
    assert len(ids) == len(set(ids)) and set(ids) == SITE.chaos.served


@pytest.mark.parametrize(("article_id", "fault"), FAULTED, ids=[f"{f}-{a}" for a, f in FAULTED])
def test_a_faulted_article_has_its_fields_or_is_not_archived(
    chaos_crawl: tuple[CrawlResult, list[str]], article_id: int, fault: str
) -> None:
    crawl, _ = chaos_crawl
    rows = crawl.rows("select * from articles where article_id = ?", article_id)
    if article_id not in SITE.chaos.served:
        assert rows == []
        return
    truth = next(t for t in SERVED if t["article_id"] == article_id)
    (row,) = rows
    assert {f: row[f] for f in TEXT_FIELDS} == {f: truth[f] for f in TEXT_FIELDS}
    assert {f: json.loads(row[f]) for f in LIST_FIELDS} == {f: truth[f] for f in LIST_FIELDS}
    assert row["url"] == truth["url"]


def test_every_other_article_has_its_fields(chaos_crawl: tuple[CrawlResult, list[str]]) -> None:
    crawl, _ = chaos_crawl
    rows = {r["article_id"]: r for r in crawl.rows("select * from articles")}
    wrong = [
        t["article_id"]
        for t in SERVED
        if t["article_id"] not in SITE.chaos.faults and any(rows[t["article_id"]][f] != t[f] for f in TEXT_FIELDS)
    ]
    assert wrong == []


def test_few_requests_are_spent_in_traps(chaos_crawl: tuple[CrawlResult, list[str]]) -> None:
    crawl, _ = chaos_crawl
    trapped = [p for p, _status in crawl.request_log if SITE.is_trap(p)]
    assert len(trapped) <= MAX_TRAP_REQUESTS, trapped


def test_no_request_leaves_the_site(chaos_crawl: tuple[CrawlResult, list[str]]) -> None:
    _, offsite = chaos_crawl
    assert offsite == []


def test_off_site_entries_are_never_archived(chaos_crawl: tuple[CrawlResult, list[str]]) -> None:
    crawl, _ = chaos_crawl
    assert crawl.rows("select article_id from articles where article_id >= 990000") == []


@pytest.mark.parametrize(
    ("reason", "expected"),
    [("offsite_redirect", len(SITE.chaos.offsite)), ("redirect_loop", 1)],
)
def test_refused_redirects_are_counted_by_reason(
    chaos_crawl: tuple[CrawlResult, list[str]], reason: str, expected: int
) -> None:
    crawl, _ = chaos_crawl
    assert _run(crawl)["stops"].get(reason) == expected


def test_the_traps_ended_walks_are_counted(chaos_crawl: tuple[CrawlResult, list[str]]) -> None:
    crawl, _ = chaos_crawl
    assert _run(crawl)["stops"].get("barren_page", 0) >= len(SITE.chaos.endless) + len(SITE.chaos.calendars)


def test_transient_failures_are_counted_by_reason_and_none_failed_for_good(
    chaos_crawl: tuple[CrawlResult, list[str]],
) -> None:
    crawl, _ = chaos_crawl
    failures = _run(crawl)["failures"]
    assert {k for k in failures if not k.startswith("retried_")} == set()
    bursts = ARTICLE_FAULTS["burst"] * BURST + BURST  # the burst articles and the burst listing page
    assert (failures.get("retried_http_503"), failures.get("retried_truncated")) == (
        bursts,
        ARTICLE_FAULTS["truncate"],
    )


def test_the_archive_is_sound(chaos_crawl: tuple[CrawlResult, list[str]]) -> None:
    crawl, _ = chaos_crawl
    assert crawl.rows("pragma integrity_check")[0][0] == "ok"
