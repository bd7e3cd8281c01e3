"""CPU-bound article work (extraction + fingerprints) as plain functions, run in worker processes.

No Scrapy imports: this module is loaded by `ProcessPoolExecutor` workers (spawned, not forked, so
no reactor or thread state is copied) and by `lcnews reextract`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import zlib
from typing import Any

from lcnews.db.search import index_text
from lcnews.extract import extract_article
from lcnews.extract.normalize import content_hash, script_of, simhash
from lcnews.extract.urls import SiteUrls
from lcnews.items import Article, RawPage
from lcnews.site import SiteProfile, load_profile


def article_from_page(page: RawPage, profile: SiteProfile, urls: SiteUrls | None = None) -> Article:
    """Extract one raw page into an Article.

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


# -- worker-process entry points ----------------------------------------------------------------
_STATE: dict[str, Any] = {}


def init_worker(profile_path: str | None, base_url: str | None) -> None:
    profile = load_profile(profile_path or None)
    _STATE["profile"] = profile
    _STATE["urls"] = SiteUrls(profile, base_url or None)


RAW_ZLIB_LEVEL = 6  # the raw_pages.body compression level (lcnews.db.archive uses the same)


def prepare_page(page: RawPage, profile: SiteProfile, urls: SiteUrls | None = None) -> Article:
    """Extract and fingerprint a page, and compress and hash its raw bytes for the archive.

    ``Article.raw`` is set to a copy of the page without ``body`` but with ``body_zlib`` and
    ``body_sha256``: what the archive stores, and all that goes back from a worker process.
    """
    article = add_fingerprints(article_from_page(page, profile, urls))
    article.raw = dataclasses.replace(
        page, body=b"", body_zlib=zlib.compress(page.body, RAW_ZLIB_LEVEL), body_sha256=article.raw_sha256
    )
    return article


def prepare(page: RawPage) -> Article:
    """Extract and fingerprint a page in a worker (the raw bytes go back compressed only)."""
    return prepare_page(page, _STATE["profile"], _STATE["urls"])


if __name__ == "__main__":  # a worker process of lcnews.pipelines.workerpool
    import sys

    from lcnews.pipelines.workerpool import serve

    serve(sys.stdin.buffer, sys.stdout.buffer, {"init": init_worker, "run": prepare})
