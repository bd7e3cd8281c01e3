"""The e-paper replica (lcnews.testsite.epaper): the editions, traps and later state it promises."""

from __future__ import annotations

import pytest

from lcnews.testsite.epaper import build_epaper


@pytest.fixture(scope="module")
def site():
    return build_epaper(seed=3, days=14)


@pytest.fixture(scope="module")
def later():
    return build_epaper(seed=3, days=14, state="later")


def test_two_papers_two_weeks(site):
    assert {(e["paper"]) for e in site.editions} == {"lcrb", "lcwb"} and len(site.editions) == 28


@pytest.mark.parametrize("paper", ["lcrb", "lcwb"])
def test_four_to_twelve_pages_a_day(site, paper):
    sizes = {e["pages"] for e in site.editions if e["paper"] == paper and not e["missing"]}
    assert sizes and min(sizes) >= 4 and max(sizes) <= 12


def test_evening_paper_skips_sundays(site):
    from datetime import date

    sundays = [e for e in site.editions if e["paper"] == "lcwb" and date.fromisoformat(e["date"]).weekday() == 6]
    assert sundays and all(e["missing"] for e in sundays)


def test_a_missing_daily_edition_answers_404(site):
    missing = [e for e in site.editions if e["paper"] == "lcrb" and e["missing"]]
    y, m, d = missing[0]["date"].split("-")
    assert len(missing) == 1 and site.respond("GET", f"/paper/pc/layout/{y}{m}/{d}/node_01.html")[0] == 404


def test_advert_only_pages_exist(site):
    ads = [p for p in site.model.pages.values() if p.advert]
    assert ads and all(not p.articles for p in ads)


def test_continued_articles_point_both_ways(site):
    to = [t for t in site.truth if t["continued_to"]]
    frm = {(t["paper"], t["edition_date"], t["title"]) for t in site.truth if t["continued_from"]}
    assert to and all((t["paper"], t["edition_date"], t["title"]) in frm for t in to)


@pytest.mark.parametrize("field", ["pretitle", "subtitle", "correspondents", "photographers", "images"])
def test_optional_fields_occur(site, field):
    assert any(t[field] for t in site.truth) and not all(t[field] for t in site.truth)


def test_both_templates_and_gbk_pages(site):
    heads = {site.respond("GET", t["path"])[1]["Content-Type"] for t in site.truth}
    assert heads == {"text/html", "text/html; charset=utf-8"}


def test_gbk_page_decodes_as_gbk(site):
    t = next(t for t in site.truth if site.respond("GET", t["path"])[1]["Content-Type"] == "text/html")
    assert t["title"] in site.respond("GET", t["path"])[2].decode("gbk")


def test_leaked_metadata_block_is_in_some_pages(site):
    leaked = [t for t in site.truth if t["leaked"]]
    assert leaked and b"<error><!--#include" in site.respond("GET", leaked[0]["path"])[2]


@pytest.mark.parametrize(("paper", "dir_"), [("lcrb", "paper"), ("lcwb", "lcwb")])
def test_entry_page_refreshes_to_latest_edition(site, paper, dir_):
    last = max(e["date"] for e in site.editions if e["paper"] == paper and not e["missing"])
    y, m, d = last.split("-")
    body = site.respond("GET", f"/{dir_}/pc/layout/index.html")[2].decode()
    assert 'http-equiv="refresh"' in body and f"/{y}{m}/{d}/node_01.html" in body


@pytest.mark.parametrize(("paper", "form"), [("lcrb", "/content/content_"), ("lcwb", "/content/2024")])
def test_content_url_forms(site, paper, form):
    assert all(form in t["path"] for t in site.truth if t["paper"] == paper)


def test_later_state_adds_two_days(site, later):
    assert len(later.editions) == len(site.editions) + 4 and later.last_day > site.last_day


def test_later_state_edits_one_article(site, later):
    before = {t["content_id"]: t for t in site.truth}
    edited = [t for t in later.truth if t["edited"]]
    assert len(edited) == 1 and edited[0]["title"] != before[edited[0]["content_id"]]["title"]


def test_same_seed_same_site():
    assert build_epaper(seed=5, days=3).truth == build_epaper(seed=5, days=3).truth


def test_unknown_path_is_404(site):
    assert site.respond("GET", "/paper/pc/content/content_1.html")[0] == 404
