"""The print editions in the archive (lcnews.db.printed through ArchiveAPI): rows, versions,
dedupe, pages, editions, search in both scripts, print↔web links."""

from __future__ import annotations

import dataclasses

import pytest

from lcnews.db import open_archive
from lcnews.extract.epaper_assemble import assemble_print
from lcnews.extract.normalize import content_hash, simhash
from lcnews.items import Article, EditionSeen, PrintArticle, PrintPageSeen, PrintRawPage
from lcnews.site import load_profile
from lcnews.testsite.epaper import build_epaper

PROFILE = load_profile()
SITE = build_epaper(seed=4, days=2)
SEEN = "2026-01-01T00:00:00+00:00"


def _assembled(truth: dict) -> PrintArticle:
    status, headers, body = SITE.respond("GET", truth["path"])
    raw = PrintRawPage(
        url="http://127.0.0.1:9" + truth["path"], canonical_url=truth["url"], paper=truth["paper"],
        content_id=truth["content_id"], edition_date=truth["edition_date"], status=status, headers=headers,
        body=body, fetched_at=SEEN, page_no=truth["page_no"], page_name=truth["page_name"],
    )  # fmt: skip
    article = assemble_print(raw, PROFILE)
    article.raw = raw
    return article


ARTICLES = [_assembled(t) for t in SITE.truth[:12]]


@pytest.fixture
def archive(tmp_path):
    with open_archive(tmp_path / "a.db") as a:
        yield a


def test_each_article_is_one_row(archive):
    archive.write_print_batch(ARTICLES)
    stats = archive.write_print_batch(ARTICLES)
    assert (stats["unchanged"], len(list(archive.iter_print_articles()))) == (12, 12)


@pytest.mark.parametrize("field", ["title", "body", "page_no", "page_name", "authors", "edition_date", "url"])
def test_fields_round_trip(archive, field):
    archive.write_print_batch(ARTICLES[:1])
    t = SITE.truth[0]
    assert archive.print_article(t["paper"], t["content_id"])[field] == t[field]


def test_raw_page_is_kept_for_reextraction(archive):
    archive.write_print_batch(ARTICLES[:1])
    row = archive.print_article(ARTICLES[0].paper, ARTICLES[0].content_id)
    assert archive.raw_page_record(row["raw_sha256"])["body"] == ARTICLES[0].raw.body


def test_changed_text_makes_a_version(archive):
    archive.write_print_batch(ARTICLES[:1])
    edited = dataclasses.replace(ARTICLES[0], title=ARTICLES[0].title + "（更新）", index_text=None)
    assert archive.write_print_batch([edited])["updated"] == 1
    a = ARTICLES[0]
    assert (
        archive.print_article(a.paper, a.content_id)["version"],
        len(archive.print_versions(a.paper, a.content_id)),
    ) == (2, 1)


def test_a_copy_under_another_id_is_dropped(archive):
    archive.write_print_batch(ARTICLES[:1])
    a = ARTICLES[0]
    copy = dataclasses.replace(a, content_id=a.content_id + 9999, url=a.url.replace(str(a.content_id), "x"), raw=None)
    assert archive.write_print_batch([copy])["dropped"] == {"duplicate": 1}


def test_missing_day_is_recorded_and_never_overrides_an_archived_one(archive):
    day = EditionSeen("lcrb", "聊城日报", "2024-03-05", 6, False, 200, SEEN)
    archive.write_print_batch([], editions=[day])
    archive.write_print_batch([], editions=[dataclasses.replace(day, missing=True, pages=0, status=404)])
    archive.write_print_batch([], editions=[EditionSeen("lcwb", "聊城晚报", "2024-03-10", 0, True, 404, SEEN)])
    got = {(e["paper"], e["edition_date"]): (e["pages"], e["missing"]) for e in archive.print_editions()}
    assert got == {("lcrb", "2024-03-05"): (6, False), ("lcwb", "2024-03-10"): (0, True)}


def test_layout_pages_are_stored(archive):
    page = PrintPageSeen(
        "lcrb", "2024-03-05", 3, "广告", "http://lcrb.lcxw.cn/x.html", "", [], SEEN, body=b"<html></html>"
    )
    assert archive.write_print_batch([], pages=[page])["raw_pages"] == 1
    assert archive.conn.execute("SELECT page_name, articles FROM print_pages").fetchall() == [("广告", 0)]


def _word(article: PrintArticle, n: int) -> str:
    return next(
        article.body[i : i + n]
        for i in range(len(article.body))
        if all("\u4e00" <= c <= "\u9fff" for c in article.body[i : i + n])
    )


@pytest.mark.parametrize("n", [2, 3, 4])
@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_search_finds_print_articles_in_both_scripts(archive, n, script):
    import opencc

    archive.write_print_batch(ARTICLES)
    a = ARTICLES[3]
    word = _word(a, n)
    if script == "traditional":
        word = opencc.OpenCC("s2t").convert(word)
    assert a.url in {h["url"] for h in archive.search_print(word, limit=1000)}


def test_search_filters_by_paper_and_page(archive):
    archive.write_print_batch(ARTICLES)
    a = ARTICLES[0]
    hits = archive.search_print(_word(a, 2), paper=a.paper, page_no=a.page_no, limit=1000)
    assert hits and all((h["paper"], h["page_no"], h["kind"]) == (a.paper, a.page_no, "print") for h in hits)


def test_print_web_link_from_near_duplicate_bodies(archive):
    a = ARTICLES[2]
    web = Article(
        article_id=5, url="https://www.lcxw.cn/yaowen/20240306/5.html", title=a.title, body=a.body,
        published_at="2024-03-03T09:00:00+08:00", simhash=simhash(a.body), content_hash=content_hash(a.title, a.body),
    )  # fmt: skip
    archive.write_batch([web])
    archive.write_print_batch([a])
    assert archive.link_print_web() == 1 and archive.link_print_web() == 0
    row = archive.conn.execute("SELECT article_id, edition_date, days_after FROM print_web_links").fetchone()
    assert row == (5, a.edition_date, (int(a.edition_date[-2:]) - 3))
