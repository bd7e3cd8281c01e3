"""Pipeline: raw article page -> Article, through the pure extraction core (lcnews.extract)."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import DropItem

from lcnews.extract import extract_article
from lcnews.items import Article, RawPage
from lcnews.site import load_profile

log = logging.getLogger(__name__)


def article_from_page(page: RawPage, profile: Any) -> Article:
    """Extract one raw page into an Article (pure: also used by `lcnews reextract`)."""
    ex = extract_article(page.body, url=page.url, headers=page.headers, profile=profile)
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
        images=[dict(i) for i in ex.images],
        extractor=ex.layer,
        extractor_version=ex.extractor_version,
        encoding=ex.encoding,
        http_status=page.status,
        fetched_at=page.fetched_at,
        listing_url=page.listing_url,
        extra={"warnings": list(ex.warnings)} if ex.warnings else {},
        raw=page,
    )


class ExtractPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.profile = load_profile(crawler.settings.get("LCNEWS_SITE_PROFILE") or None)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, RawPage):
            return item
        try:
            article = article_from_page(item, self.profile)
        except Exception as exc:  # the extractor must never stop a crawl: count and drop
            log.exception("extraction failed for %s", item.url)
            self.stats.inc_value("lcnews/drop/extract_error")
            raise DropItem(f"extract error: {exc!r}") from exc
        if not article.body.strip():
            self.stats.inc_value("lcnews/drop/no_body")
            raise DropItem(f"no body: {item.url}")
        self.stats.inc_value(f"lcnews/extract/layer_{article.extractor or 'unknown'}")
        return article
