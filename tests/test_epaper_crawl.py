"""`lcnews epaper` end to end: crawls of the e-paper replica compared field by field with its truth,
a re-run, an extended range over the later state (new days, an edited article), one paper only."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from lcnews.db import open_archive
from lcnews.testsite import ReplicaServer
from lcnews.testsite.epaper import build_epaper
from tests.conftest import run_cli

pytestmark = pytest.mark.e2e

SEED, DAYS = 21, 7
SINCE = "2024-03-04"
UNTIL = "2024-03-10"
UNTIL_LATER = "2024-03-12"
FIELDS = [
    "url", "paper_name", "edition_date", "page_no", "page_name", "pretitle", "title", "subtitle", "authors",
    "correspondents", "photographers", "body", "continued_to", "continued_from",
]  # fmt: skip


def _crawl(server: ReplicaServer, db: Path, until: str, *extra: str) -> tuple[int, str, list[str]]:
    server.clear_log()
    proc = run_cli(
        "epaper", "--db", str(db), "--since", SINCE, "--until", until, "--base-url", server.base_url, "--no-progress",
        *extra,
    )  # fmt: skip
    return proc.returncode, proc.stdout + proc.stderr, [p for p, _ in server.request_log]


def _rows(db: Path) -> dict[tuple[str, int], dict]:
    with open_archive(db, readonly=True) as a:
        return {(r["paper"], r["content_id"]): r for r in a.iter_print_articles()}


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    site = build_epaper(seed=SEED, days=DAYS)
    db = tmp_path_factory.mktemp("epaper") / "a.db"
    with ReplicaServer(site) as server:
        code, out, log = _crawl(server, db, UNTIL)
        again = _crawl(server, db, UNTIL)
    return site, db, code, out, log, again


@pytest.fixture(scope="module")
def extended(first):
    _, db, *_ = first
    later = build_epaper(seed=SEED, days=DAYS, state="later")
    with ReplicaServer(later) as server:
        code, out, log = _crawl(server, db, UNTIL_LATER)
    return later, db, code, out, log


def test_crawl_exits_zero(first):
    assert first[2] == 0, first[3]


def test_every_article_archived_once(first):
    site, db = first[0], first[1]
    assert sorted(_rows(db)) == sorted((t["paper"], t["content_id"]) for t in site.truth)


@pytest.mark.parametrize("field", FIELDS)
def test_field_matches_truth(first, field):
    site, db = first[0], first[1]
    rows = _rows(db)
    wrong = [(t["path"], t[field], rows[(t["paper"], t["content_id"])][field]) for t in site.truth
             if rows[(t["paper"], t["content_id"])][field] != t[field]]  # fmt: skip
    assert wrong == []


def test_images_and_pdf_on_the_origin(first):
    site, db = first[0], first[1]
    rows = _rows(db)
    for t in site.truth:
        row = rows[(t["paper"], t["content_id"])]
        assert [{"src": urlsplit(i["src"]).path, "caption": i["caption"]} for i in row["images"]] == t["images"]
        assert all(i["src"].startswith("http://lcrb.lcxw.cn/") for i in row["images"])
        assert row["pdf_url"].startswith("http://lcrb.lcxw.cn/") and row["pdf_url"].endswith(".pdf")


@pytest.mark.parametrize(
    "leak", ["enpproperty", ".html", "上一篇", "下一篇", "返回目录", "上一版", "下一版", "下转", "上接"]
)
def test_no_metadata_or_navigation_in_any_body(first, leak):
    assert [k for k, r in _rows(first[1]).items() if leak in r["body"]] == []


def test_editions_record_missing_days(first):
    site, db = first[0], first[1]
    with open_archive(db, readonly=True) as a:
        got = {
            (e["paper"], e["edition_date"]): (e["missing"], e["pages"] if not e["missing"] else 0)
            for e in a.print_editions()
        }
    want = {(e["paper"], e["date"]): (e["missing"], e["pages"] if not e["missing"] else 0) for e in site.editions}
    assert got == want


def test_run_recorded_in_crawl_runs(first):
    conn = sqlite3.connect(first[1])
    rows = conn.execute("SELECT status, exit_code, archived FROM crawl_runs ORDER BY run_id").fetchall()
    assert rows[0] == ("finished", 0, len(first[0].truth))


def test_rerun_fetches_layout_pages_only(first):
    code, out, log = first[5]
    assert code == 0 and [p for p in log if "/content/" in p] == [] and any("/layout/" in p for p in log), out


def test_extended_range_archives_every_new_article(extended):
    later, db, code, out, _ = extended
    assert code == 0 and sorted(_rows(db)) == sorted((t["paper"], t["content_id"]) for t in later.truth), out


def test_extended_range_fetches_at_most_two_old_content_pages(first, extended):
    old = {t["path"] for t in first[0].truth}
    assert len([p for p in extended[4] if p in old]) <= 2


def test_edited_article_gets_a_new_version(extended):
    later, db = extended[0], extended[1]
    t = next(t for t in later.truth if t["edited"])
    with open_archive(db, readonly=True) as a:
        row, versions = a.print_article(t["paper"], t["content_id"]), a.print_versions(t["paper"], t["content_id"])
    assert (row["title"], row["body"], row["version"], len(versions)) == (t["title"], t["body"], 2, 1)


def test_one_paper_only(tmp_path):
    site = build_epaper(seed=SEED, days=2)
    with ReplicaServer(site) as server:
        code, out, _ = _crawl(server, tmp_path / "b.db", "2024-03-05", "--paper", "lcwb")
    assert code == 0 and {p for p, _ in _rows(tmp_path / "b.db")} == {"lcwb"}, out
