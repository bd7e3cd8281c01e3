"""Pipeline: raw article page -> Article, through the pure extraction core (lcnews.extract)."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from scrapy.exceptions import DropItem

from lcnews.extract import extract_article
from lcnews.extract.urls import SiteUrls
from lcnews.items import Article, RawPage
from lcnews.site import load_profile

log = logging.getLogger(__name__)


def article_from_page(page: RawPage, profile: Any, urls: SiteUrls | None = None) -> Article:
    """Extract one raw page into an Article (pure: also used by `lcnews reextract`).

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
        raw=page,
    )


class ExtractPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.profile = load_profile(crawler.settings.get("LCNEWS_SITE_PROFILE") or None)
        self.urls = SiteUrls(self.profile, crawler.settings.get("LCNEWS_BASE_URL") or None)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, RawPage):
            return item
        try:
            article = article_from_page(item, self.profile, self.urls)
        except Exception as exc:  # the extractor must never stop a crawl: count and drop
            log.exception("extraction failed for %s", item.url)
            self.stats.inc_value("lcnews/drop/extract_error")
            raise DropItem(f"extract error: {exc!r}") from exc
        if not article.body.strip():
            self.stats.inc_value("lcnews/drop/no_body")
            raise DropItem(f"no body: {item.url}")
        self.stats.inc_value(f"lcnews/extract/layer_{article.extractor or 'unknown'}")
        return article
