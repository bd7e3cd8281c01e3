"""Datasette over the print editions: the tables with their facets, and the canned queries."""

from __future__ import annotations

import asyncio

import pytest
from printed_archive import build

from lcnews.datasette.app import build_datasette, database_name
from lcnews.testsite.epaper import build_epaper

SITE = build_epaper(seed=9, days=2)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db = build(SITE, tmp_path_factory.mktemp("dp") / "a.db")
    return build_datasette(db), database_name(db)


def _get(served, path, **params):
    ds, name = served
    response = asyncio.run(ds.client.get(path.format(db=name), params=params))
    assert response.status_code == 200, response.text[:500]
    return response.json()


def test_print_articles_facets_on_paper_page_name_and_month(served):
    facets = _get(served, "/{db}/print_articles.json")["facet_results"]
    assert set(facets) == {"paper", "page_name", "edition_date"} and facets["edition_date"]["type"] == "month"
    counts = {f["value"]: f["count"] for f in facets["paper"]["results"]}
    assert counts == {p: sum(1 for t in SITE.truth if t["paper"] == p) for p in ("lcrb", "lcwb")}


def test_one_days_edition_page_by_page(served):
    edition = next(e for e in SITE.model.editions if not e.missing)
    data = _get(served, "/{db}/edition.json", paper=edition.paper.key, date=edition.day.isoformat(), _shape="array")
    want = [(p.page_no, a.content_id) for p in edition.pages for a in p.articles]
    pages = sorted({r["page_no"] for r in data})
    assert pages == [p.page_no for p in edition.pages] and len([r for r in data if r["title"]]) == len(want)


def test_printed_web_query_runs(served):
    assert _get(served, "/{db}/printed_web_articles.json", paper="", page_no="1", year="", _shape="array") == []
