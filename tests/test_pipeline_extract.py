"""lcnews.pipelines.extract: raw pages become Articles (in-process here: LCNEWS_EXTRACT_WORKERS=0)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from scrapy.utils.test import get_crawler

from lcnews.items import Article, Gone, RawPage, Unextracted
from lcnews.pipelines.extract import ExtractPipeline
from lcnews.testsite import build_site

SITE = build_site(n_articles=12, seed=5)
T = next(t for t in SITE.truth if t["status"] == 200 and t["reachable"])


def _pipe() -> tuple[ExtractPipeline, Any]:
    crawler = get_crawler(settings_dict={"LCNEWS_EXTRACT_WORKERS": 0, "LCNEWS_BASE_URL": "http://127.0.0.1:1"})
    return ExtractPipeline.from_crawler(crawler), crawler


def _page(body: bytes | None = None) -> RawPage:
    status, headers, page = SITE.respond("GET", T["path"])
    return RawPage(url="http://127.0.0.1:1" + T["path"], canonical_url=T["url"], article_id=T["article_id"],
                   channel=T["channel"], status=status, headers=headers, body=page if body is None else body,
                   fetched_at="")  # fmt: skip


def test_a_page_becomes_an_article_carrying_its_page() -> None:
    pipe, crawler = _pipe()
    page = _page()
    article = asyncio.run(pipe.process_item(page))
    assert isinstance(article, Article) and article.title == T["title"] and article.raw is page
    assert page.body_sha256 == article.raw_sha256 and page.body_zlib
    assert crawler.stats.get_value(f"lcnews/extract/layer_{article.extractor}") == 1


def test_a_page_without_body_text_is_counted_and_handed_on_raw() -> None:
    pipe, crawler = _pipe()
    page = _page(b"<html><body></body></html>")
    out = asyncio.run(pipe.process_item(page))
    assert isinstance(out, Unextracted) and out.page is page and out.reason == "no_body"
    assert crawler.stats.get_value("lcnews/drop/no_body") == 1


def _broken_stage(*args: object, **kwargs: object) -> None:
    raise ZeroDivisionError("a bug in a stage")


def test_an_extractor_bug_reaches_the_pipeline_as_extract_error(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """extract_article catches nothing: a stage's exception is counted, logged as an ERROR (the run
    exits 3) and the page is handed on to be archived raw, never a silent partial article."""
    monkeypatch.setattr("lcnews.extract.article.choose_title", _broken_stage)
    pipe, crawler = _pipe()
    page = _page()
    out = asyncio.run(pipe.process_item(page))
    assert isinstance(out, Unextracted) and out.page is page and out.reason == "extract_error"
    assert "ZeroDivisionError('a bug in a stage')" in out.error
    assert crawler.stats.get_value("lcnews/drop/extract_error") == 1
    assert crawler.stats.get_value("lcnews/drop/no_body") is None
    assert [r.levelname for r in caplog.records if "extract_error" in r.getMessage()] == ["ERROR"]


def test_other_items_pass_untouched() -> None:
    pipe, _ = _pipe()
    gone = Gone(article_id=1, url="u", status=404, seen_at="")
    assert asyncio.run(pipe.process_item(gone)) is gone
