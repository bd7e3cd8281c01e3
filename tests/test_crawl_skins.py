"""Crawls of the replica in other markups (issue 8): every article found through each skin's listing
and pagination form, and every archived field exact against the generator's truth.

The skins (lcnews.testsite.skins) render the same site in the manner of other Chinese CMSs; the
extractor and the profile know none of them. Chosen to cover the pagination forms: 0-based
``index_N`` (trs-wcm), ``?page=N`` (phpcms-portal), ``list_N`` (dede-default), a JavaScript pager with
plain links (div-simple), and a skin per article (mixed).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import CrawlResult, crawl_replica

from lcnews.testsite import build_site

SKINS = ["trs-wcm", "phpcms-portal", "dede-default", "div-simple", "mixed"]
FIELDS = ["title", "published_at", "source", "authors", "correspondents", "photographers", "editors", "body"]
LISTS = {"authors", "correspondents", "photographers", "editors"}


@pytest.fixture(scope="module", params=SKINS)
def skin_crawl(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    site = build_site(40, 1, skin=request.param)
    db = tmp_path_factory.mktemp("skin") / "archive.db"
    return crawl_replica(site, db)


def _rows(db: Path) -> dict[int, dict[str, object]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return {r["article_id"]: dict(r) for r in conn.execute("SELECT * FROM articles")}
    finally:
        conn.close()


@pytest.mark.e2e
def test_every_article_of_the_skin_is_archived_once(skin_crawl: CrawlResult) -> None:
    assert skin_crawl.returncode == 0, skin_crawl.stderr[-2000:]
    want = {t["article_id"] for t in skin_crawl.site.truth if t["reachable"] and t["status"] == 200}
    assert set(_rows(skin_crawl.db)) == want


@pytest.mark.e2e
def test_every_archived_field_is_exact(skin_crawl: CrawlResult) -> None:
    truth = {t["article_id"]: t for t in skin_crawl.site.truth}
    wrong = []
    for aid, row in _rows(skin_crawl.db).items():
        for field in FIELDS:
            value = row[field]
            if field in LISTS:
                value = json.loads(str(value))
            if value != truth[aid][field]:
                wrong.append((aid, field, value, truth[aid][field]))
    assert not wrong, wrong[:5]
