"""lcnews.extract.assemble: a raw page becomes the Article the archive stores."""

from __future__ import annotations

import hashlib

import pytest

from lcnews.extract import extract_article
from lcnews.extract.assemble import add_fingerprints, article_from_page, assemble
from lcnews.extract.normalize import content_hash, simhash
from lcnews.extract.tokens import index_text
from lcnews.extract.urls import SiteUrls
from lcnews.items import Article, RawPage
from lcnews.site import load_profile
from lcnews.testsite import build_site

SITE = build_site(n_articles=12, seed=3)
PROFILE = load_profile()
TRUTH = [t for t in SITE.truth if t["status"] == 200 and t["reachable"]]
MIRROR = "http://127.0.0.1:1"


def _page(t: dict[str, object]) -> RawPage:
    status, headers, body = SITE.respond("GET", str(t["path"]))
    return RawPage(url=MIRROR + str(t["path"]), canonical_url=str(t["url"]), article_id=int(t["article_id"]),  # type: ignore[call-overload]
                   channel=str(t["channel"]), status=status, headers=headers, body=body, fetched_at="2025-01-01T00:00:00Z",
                   listing_url="https://www.lcxw.cn/yaowen/")  # fmt: skip


@pytest.mark.parametrize("t", TRUTH[:6], ids=lambda t: str(t["article_id"]))
def test_fields_are_the_extractors(t: dict[str, object]) -> None:
    page = _page(t)
    ex = extract_article(page.body, url=page.canonical_url, headers=page.headers, profile=PROFILE)
    article = article_from_page(page, PROFILE)
    assert (article.title, article.body, article.published_at, article.authors) == (
        ex.title,
        ex.body,
        ex.published_at,
        ex.authors,
    )
    assert (article.extractor, article.encoding) == (ex.layer, ex.encoding)


def test_identity_and_provenance_come_from_the_page() -> None:
    page = _page(TRUTH[0])
    article = article_from_page(page, PROFILE)
    assert (article.article_id, article.url, article.fetched_url) == (page.article_id, page.canonical_url, page.url)
    assert article.raw_sha256 == hashlib.sha256(page.body).hexdigest()
    assert (article.listing_url, article.http_status, article.fetched_at) == (page.listing_url, 200, page.fetched_at)


def test_images_of_a_mirror_crawl_are_archived_on_the_origin() -> None:
    with_images = [t for t in TRUTH if t.get("images")]
    article = article_from_page(_page(with_images[0]), PROFILE, SiteUrls(PROFILE, MIRROR))
    assert article.images and all(i["src"].startswith(PROFILE.origin) for i in article.images)


def test_fingerprints_and_index_tokens() -> None:
    article = add_fingerprints(Article(article_id=1, url="u", title="聊城", body="鋼鐵產業" * 20))
    assert article.content_hash == content_hash("聊城", "鋼鐵產業" * 20)
    assert article.simhash == simhash("鋼鐵產業" * 20) and article.script == "traditional"
    assert article.index_text == index_text("聊城", "鋼鐵產業" * 20)


def test_assemble_is_extraction_then_fingerprints() -> None:
    page = _page(TRUTH[1])
    assert assemble(page, PROFILE) == add_fingerprints(article_from_page(page, PROFILE))


@pytest.mark.parametrize("t", TRUTH[:3], ids=lambda t: str(t["article_id"]))
def test_the_evidence_of_each_field_is_kept_for_the_archive(t: dict[str, object]) -> None:
    article = article_from_page(_page(t), PROFILE)
    assert {"title", "body", "published_at"} <= set(article.field_sources)
    assert all(isinstance(v, str) and v for v in article.field_sources.values())
