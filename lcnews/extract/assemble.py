"""Assemble an ``Article`` from a raw page (pure): extraction, fingerprints and search index tokens.

The one step shared by the crawl (``lcnews.pipelines.extract`` and its worker processes) and
``lcnews reextract``: what an archived row holds is decided here, whoever fetched the page.
"""

from __future__ import annotations

import hashlib

from lcnews.extract import extract_article
from lcnews.extract.normalize import content_hash, script_of, simhash
from lcnews.extract.tokens import index_text
from lcnews.extract.urls import SiteUrls
from lcnews.items import Article, RawPage
from lcnews.site import SiteProfile


def article_from_page(page: RawPage, profile: SiteProfile, urls: SiteUrls | None = None) -> Article:
    """Extract one raw page into an Article (no fingerprints yet: see ``assemble``).

    Links in the page resolve against the canonical URL, so images of a mirror or replica crawl are
    archived on the site's own origin like the article itself.
    """
    ex = extract_article(page.body, url=page.canonical_url or page.url, headers=page.headers, profile=profile)
    images = [dict(i) for i in ex.images]
    if urls is not None:
        for image in images:
            image["src"] = urls.on_origin(image.get("src", ""))
    return Article(
        article_id=page.article_id,
        url=page.canonical_url,
        fetched_url=page.url,
        channel=page.channel,
        channel_names=list(ex.channel_names),
        title=ex.title,
        title_raw=ex.title_raw,
        published_at=ex.published_at,
        published_raw=ex.published_raw,
        source=ex.source,
        source_raw=ex.source_raw,
        authors=list(ex.authors),
        correspondents=list(ex.correspondents),
        photographers=list(ex.photographers),
        editors=list(ex.editors),
        byline_raw=ex.byline_raw,
        editor_raw=ex.editor_raw,
        body=ex.body,
        images=images,
        extractor=ex.layer,
        extractor_version=ex.extractor_version,
        field_sources=dict(ex.field_sources),
        encoding=ex.encoding,
        http_status=page.status,
        fetched_at=page.fetched_at,
        listing_url=page.listing_url,
        extra={"warnings": list(ex.warnings)} if ex.warnings else {},
        raw_sha256=hashlib.sha256(page.body).hexdigest(),
    )


def add_fingerprints(article: Article) -> Article:
    """Script and script-insensitive fingerprints (OpenCC-normalised content hash and SimHash), and
    the search index tokens (``Article.index_text``), so the writer process does not tokenise."""
    article.script = script_of(article.title + article.body)
    article.content_hash = content_hash(article.title, article.body)
    article.simhash = simhash(article.body)
    article.index_text = index_text(article.title or "", article.body or "")
    return article


def assemble(page: RawPage, profile: SiteProfile, urls: SiteUrls | None = None) -> Article:
    """Raw page → Article with fingerprints and index tokens: what the archive stores for it."""
    return add_fingerprints(article_from_page(page, profile, urls))
