"""Print ↔ web: a web crawl and an e-paper crawl into one archive link the print articles that carry
a web article's text, and the canned query lists them with the days between."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from lcnews.db import print_canned
from lcnews.testsite import ReplicaServer, build_site
from lcnews.testsite.epaper import build_epaper
from tests.conftest import crawl_replica, run_cli

pytestmark = pytest.mark.e2e
START = dt.date(2024, 1, 2)


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    web = build_site(n_articles=60, seed=1)
    db = tmp_path_factory.mktemp("links") / "a.db"
    crawled = crawl_replica(web, db)
    assert crawled.returncode == 0, crawled.stderr
    paper = build_epaper(seed=2, days=7, start=START, web=[t for t in web.truth if t["reachable"]])
    with ReplicaServer(paper) as server:
        proc = run_cli("epaper", "--db", str(db), "--since", "2024-01-02", "--until", "2024-01-08",
                       "--base-url", server.base_url, "--no-progress")  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return paper, db


def test_reprinted_web_articles_are_linked(linked):
    paper, db = linked
    want = {(t["url"], t["web_url"]) for t in paper.truth if t["web_url"]}
    conn = sqlite3.connect(db)
    got = set(
        conn.execute(
            "SELECT p.url, a.url FROM print_web_links l JOIN print_articles p USING (print_id) JOIN articles a USING (article_id)"
        ).fetchall()
    )
    assert want and got == want


def test_canned_query_shows_days_after(linked):
    db = linked[1]
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = conn.execute(print_canned.PRINTED_WEB_SQL, {"paper": "lcrb", "page_no": "", "year": "2024"}).fetchall()
    assert rows and all(r["days_after"] == 1 for r in rows)
