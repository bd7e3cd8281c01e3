"""lcnews.reextract: stored pages rebuilt with the current extractor, in-process; pages that once gave
no article (an extractor bug, no body found) are retried and archived when they now give one."""

from __future__ import annotations

from pathlib import Path

import pytest

from lcnews import reextract as reextract_module
from lcnews.db import open_archive
from lcnews.extract.assemble import assemble
from lcnews.items import Article, RawPage
from lcnews.reextract import reextract
from lcnews.site import load_profile
from lcnews.testsite import build_site

SITE = build_site(n_articles=12, seed=5)
TRUTHS = [t for t in SITE.truth if t["status"] == 200 and t["reachable"]][:3]
PROFILE = load_profile()


def _page(truth: dict) -> RawPage:
    status, headers, body = SITE.respond("GET", truth["path"])
    return RawPage(url="http://127.0.0.1:1" + truth["path"], canonical_url=truth["url"], article_id=truth["article_id"],
                   channel=truth["channel"], status=status, headers=headers, body=body,
                   fetched_at="2025-01-01T00:00:00Z")  # fmt: skip


@pytest.fixture
def archive_with_a_failed_page(tmp_path: Path) -> Path:
    """Two articles archived, the third page stored raw only (as the crawl keeps an extract_error)."""
    db = tmp_path / "a.db"
    pages = [_page(t) for t in TRUTHS]
    articles: list[Article] = []
    for page in pages[:2]:
        article = assemble(page, PROFILE)
        article.raw = page
        articles.append(article)
    with open_archive(db) as archive:
        archive.write_batch(articles, [pages[2]])
    return db


def test_a_page_that_gave_no_article_is_archived_when_it_now_extracts(archive_with_a_failed_page: Path) -> None:
    with open_archive(archive_with_a_failed_page) as archive:
        report = reextract(archive, PROFILE)
        row = archive.article(TRUTHS[2]["article_id"])
        assert archive.unextracted_pages() == []
    assert (report.articles, report.retried, report.recovered) == (2, 1, [TRUTHS[2]["article_id"]])
    assert row is not None and row["title"] == TRUTHS[2]["title"] and row["channel"] == TRUTHS[2]["channel"]
    assert row["body"] == TRUTHS[2]["body"]


def test_a_page_that_still_fails_stays_stored_and_is_reported(
    archive_with_a_failed_page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = TRUTHS[2]["article_id"]

    def assemble_or_fail(page: RawPage, *args: object) -> Article:
        if page.article_id == failing:
            raise ZeroDivisionError("still a bug")
        return assemble(page, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(reextract_module, "assemble", assemble_or_fail)
    with open_archive(archive_with_a_failed_page) as archive:
        report = reextract(archive, PROFILE)
        assert [p["article_id"] for p in archive.unextracted_pages()] == [failing]
    assert report.recovered == [] and report.failed == {failing: "ZeroDivisionError('still a bug')"}


def test_an_unchanged_archive_retries_nothing(archive_with_a_failed_page: Path) -> None:
    with open_archive(archive_with_a_failed_page) as archive:
        reextract(archive, PROFILE)
        report = reextract(archive, PROFILE)
    assert (report.articles, report.retried, report.counts["updated"]) == (3, 0, 0)
