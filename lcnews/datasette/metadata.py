"""What every table and column of the archive means, and Datasette metadata built from it.

Plain data: no Datasette import, so ``lcnews export`` uses the same descriptions for its data
dictionary. Kept in step with docs/schema.md (tests/test_serve.py fails when a column of a real
archive has no description here). The site's name and URL come from the site profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lcnews.datasette.print_tables import PRINT_QUERIES
from lcnews.db import canned as queries
from lcnews.site import SiteProfile, load_profile


@dataclass(frozen=True)
class Source:
    """Who published what the archive holds: ``聊城新闻网 (lcxw.cn)``, its URL and the licence note."""

    name: str  # the site's name with its domain, e.g. 聊城新闻网 (lcxw.cn)
    site: str  # the site's name alone
    url: str  # the site's home page
    license: str


def source_of(profile: SiteProfile | None = None) -> Source:
    """The source note of an archive crawled with ``profile`` (default: the configured profile)."""
    p = profile if profile is not None else load_profile()
    domain = (urlsplit(p.origin).hostname or p.origin).removeprefix("www.")
    return Source(
        name=f"{p.name} ({domain})" if p.name else domain,
        site=p.name or domain,
        url=p.origin.rstrip("/") + "/",
        license=(
            f"Article texts, headlines and photos: © {p.name or domain} / their authors; archived for research "
            "(quotation, text analysis), not for republication. lcnews software: MIT."
        ),
    )


_ARTICLE_COLUMNS: dict[str, str] = {
    "article_id": "The site's numeric article id; also the search index rowid.",
    "url": "Canonical URL on the site's origin (unique).",
    "channel": "Channel slug from the URL path, e.g. yaowen/shendu.",
    "title": "Clean title.",
    "published_at": "Publication time, site-local: YYYY-MM-DDTHH:MM:SS+08:00 (NULL if unknown).",
    "source": "Normalised source (来源), e.g. 聊城日报.",
    "authors": "Reporters in byline order (JSON array of strings).",
    "editors": "编辑/责任编辑 ... in order (JSON array of strings).",
    "body": "Clean text, one paragraph per line.",
    "fetched_url": "URL actually fetched (mirror/replica origin).",
    "channel_names": 'Breadcrumb names, e.g. ["要闻","深度"] (JSON array).',
    "title_raw": "Title as shown on the page.",
    "published_raw": "Publication date string as shown on the page.",
    "source_raw": "Source (来源) string as shown on the page.",
    "byline_raw": "Byline string as shown on the page.",
    "editor_raw": "Editor line as shown on the page.",
    "correspondents": "通讯员 (JSON array of strings).",
    "photographers": "Photo credits (JSON array of strings).",
    "images": 'Images in the body (JSON array of {"src", "caption"} objects).',
    "script": "simplified / traditional / mixed / empty (no Han text).",
    "extractor": "site (profile rules) or generic (fallback).",
    "extractor_version": "Version of that extractor.",
    "field_sources": "Per field, the evidence that chose its value (JSON object); a field absent from it was not found.",
    "encoding": "Encoding the page was decoded with.",
    "http_status": "HTTP status of the fetch that produced this version.",
    "fetched_at": "When the page was fetched (UTC).",
    "raw_sha256": "sha256 of the raw page bytes → raw_pages.sha256.",
    "content_hash": "sha256 of normalised title+body, whitespace removed (script-insensitive).",
    "simhash": "64-bit SimHash (16 hex digits) of normalised body 4-gram shingles.",
    "listing_url": "Listing page that linked it.",
    "extra": "Anything else the extractor kept (JSON object).",
    "first_seen_at": "First archived (UTC).",
    "last_seen_at": "Last time a crawl saw it, changed or not (UTC).",
    "updated_at": "When the current version was written (UTC).",
    "version": "1 for the first version; +1 each time the title or body changed.",
    "withdrawn_at": "NULL unless the page later answered 404/410 (cleared if it comes back).",
    "withdrawn_status": "That 404/410.",
    "cluster_id": "Near-duplicate group: smallest article_id whose SimHash is within 3 bits.",
    "run_id": "crawl_runs.run_id that wrote the current version.",
}

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "articles": ("One row per article: the current version of its text and metadata.", _ARTICLE_COLUMNS),
    "article_versions": (
        "Superseded versions: the whole old row, copied when a newer title or body arrived.",
        {
            **_ARTICLE_COLUMNS,
            "version": "The version number this row had while it was current.",
            "replaced_at": "When the newer version arrived (UTC).",
        },
    ),
    "article_channels": (
        "Where an article was listed (one row per channel and listing page).",
        {
            "article_id": "→ articles.article_id.",
            "channel": "Channel slug of the listing (or of the article's own URL).",
            "listing_url": "Listing page URL; empty for the article's own channel.",
            "first_seen_at": "First seen on that listing (UTC).",
            "last_seen_at": "Last seen on that listing (UTC).",
        },
    ),
    "raw_pages": (
        "Article pages exactly as fetched (zlib-compressed bytes).",
        {
            "sha256": "sha256 hex of the uncompressed bytes.",
            "url": "URL fetched.",
            "canonical_url": "The page on the site's origin.",
            "article_id": "The article it is (when known).",
            "status": "HTTP status.",
            "headers": "Response headers (JSON object).",
            "body": "zlib-compressed page bytes.",
            "fetched_at": "When fetched (UTC).",
            "encoding": "Encoding the extractor decoded it with.",
        },
    ),
    "crawl_runs": (
        "One row per crawl.",
        {
            "run_id": "Run number.",
            "started_at": "Start (UTC).",
            "finished_at": "End (UTC).",
            "status": "running / finished / failed / aborted.",
            "settings": "Settings of the run (JSON object).",
            "base_url": "Origin crawled (the site, a mirror or the replica).",
            "pages": "Pages fetched.",
            "items": "Articles extracted.",
            "archived": "New articles.",
            "updated": "New versions of known articles.",
            "unchanged": "Articles seen again unchanged.",
            "dropped": "Dropped items: reason → count (JSON object).",
            "stops": "Listing pages and redirects not followed: reason → count (JSON object; crawl bounds, off-site redirects).",
            "failures": "Failed fetches: reason → count (JSON object; retried_* were retried, the rest failed for good).",
            "errors": "Errors logged.",
            "coverage": "Coverage figures (JSON object).",
            "exit_code": "Exit code of the crawl.",
            "pid": "Process id of the crawl.",
        },
    ),
    "dead_links": (
        "Article links that answered 404/410 before they were ever archived, or that robots.txt forbids.",
        {
            "article_id": "Article id from the link.",
            "url": "The link.",
            "status": "404, 410, or 0 = forbidden by robots.txt.",
            "first_seen_at": "First seen dead (UTC).",
            "last_seen_at": "Last seen dead (UTC).",
        },
    ),
    "channel_state": (
        "Channels whose whole listing a finished crawl walked; only these stop paging early on later runs.",
        {
            "channel": "Channel slug.",
            "complete_at": "When a finished run last walked it to its last page (UTC).",
            "run_id": "That run (crawl_runs.run_id).",
        },
    ),
    "meta": (
        "Archive key/value settings.",
        {
            "key": "schema_version, normalizer_version or created_at.",
            "value": "Its value.",
        },
    ),
    "search_chars": (
        "The search normaliser's character map, so plain SQL can normalise a query.",
        {
            "from_char": "A character the normaliser changes.",
            "to_char": "What it becomes (Simplified, NFKC, lowercase).",
        },
    ),
}

SEARCH_HELP = (
    "Chinese full-text search, either script: every space-separated term must occur as a "
    'substring of the title or body; "..." keeps a phrase, -term excludes. 1- and 2-character '
    "words work. Same results as `lcnews search`."
)

CANNED_QUERIES: dict[str, dict[str, str]] = {
    "search": {
        "title": "Search articles (ranked, with snippets)",
        "description": SEARCH_HELP + " Shows the 1,000 best hits by relevance (title hits count "
        "5×); `lcnews export --query` writes every hit.",
        "sql": queries.SEARCH_SQL,
    },
    "reporter_month": {
        "title": "Articles by reporter per month",
        "description": "Articles per reporter (authors) and month of published_at. Leave reporter empty for everyone.",
        "sql": queries.REPORTER_MONTH_SQL,
    },
    "channel_month": {
        "title": "Articles per channel per month",
        "description": "Articles per channel (the article's own URL channel) and month.",
        "sql": queries.CHANNEL_MONTH_SQL,
    },
    "article_versions": {
        "title": "An article's versions",
        "description": "Every version of one article, oldest first: superseded ones from "
        "article_versions, then the current row.",
        "sql": queries.ARTICLE_VERSIONS_SQL,
    },
}


_PROVENANCE = ("script", "content_hash", "simhash", "extractor_version", "field_sources", "encoding", "http_status",
               "fetched_at", "raw_sha256", "extra", "first_seen_at", "last_seen_at", "updated_at", "version", "run_id")  # fmt: skip
_PRINT_COLUMNS: dict[str, str] = {
    "print_id": "Row id of the print article (also the print search index rowid).",
    "paper": "lcrb (聊城日报) or lcwb (聊城晚报).",
    "content_id": "The e-paper's article number (content_N.html; a counter per paper).",
    "url": "Canonical dated URL on http://lcrb.lcxw.cn (unique).",
    "paper_name": "The paper's name.",
    "fetched_url": "The URL actually fetched (either URL form, or a replica's origin).",
    "edition_date": "YYYY-MM-DD of the edition whose layout page printed it.",
    "page_no": "Page number in that edition.",
    "page_name": "The page's name, e.g. 要闻.",
    "position": "Order on the page (1 = first in its title list).",
    "pretitle": "引题 (kicker above the title); empty when not printed.",
    "title": "Title.",
    "subtitle": "副题 (subtitle); empty when not printed.",
    "authors": "Reporters (JSON array).",
    "correspondents": "Correspondents, 通讯员 (JSON array).",
    "photographers": "Photographers (JSON array).",
    "byline_raw": "The byline lines the names came from.",
    "body": "Clean text between the content markers (no leaked metadata, navigation, captions or 下转/上接 notes).",
    "images": 'Images: JSON array of {"src", "caption"}.',
    "continued_to": "Pages it continues on (下转第X版), JSON array.",
    "continued_from": "Pages it continues from (上接第X版), JSON array.",
    "pdf_url": "The printed page's PDF.",
    "layout_url": "Canonical URL of the layout page that linked it.",
    **{k: _ARTICLE_COLUMNS[k] for k in _PROVENANCE},
}
TABLES.update(
    {
        "print_articles": ("Print editions: one row per paper and e-paper article (lcnews epaper).", _PRINT_COLUMNS),
        "print_article_versions": (
            "Superseded versions of print articles: the whole old row.",
            {**_PRINT_COLUMNS, "replaced_at": "When the newer version arrived (UTC)."},
        ),
        "print_pages": (
            "One row per printed page of an edition.",
            {
                "paper": "lcrb or lcwb.",
                "edition_date": "YYYY-MM-DD.",
                "page_no": "Page number.",
                "page_name": "The page's name.",
                "url": "Canonical layout page URL.",
                "pdf_url": "The page's PDF.",
                "content_ids": "The page's articles in order (JSON array of content ids).",
                "articles": "How many articles the page lists (0: an advert-only page).",
                "raw_sha256": "The layout page as fetched → raw_pages.sha256.",
                "first_seen_at": "First fetched (UTC).",
                "last_seen_at": "Last fetched (UTC).",
            },
        ),
        "print_editions": (
            "One row per paper and day: which days are complete, and which had no edition.",
            {
                "paper": "lcrb or lcwb.",
                "paper_name": "The paper's name.",
                "edition_date": "YYYY-MM-DD.",
                "pages": "Layout pages of the day.",
                "articles": "Articles those pages list (the day is complete when that many are archived).",
                "missing": "1 when the day has no edition (its first layout page answered 404).",
                "status": "What the last run found.",
                "first_seen_at": "First seen (UTC).",
                "last_seen_at": "Last seen (UTC).",
            },
        ),
        "print_web_links": (
            "Print articles the website also published (near-duplicate bodies).",
            {
                "print_id": "→ print_articles.print_id.",
                "article_id": "→ articles.article_id.",
                "paper": "lcrb or lcwb.",
                "edition_date": "The print edition's date.",
                "page_no": "The page it was printed on.",
                "published_at": "The web article's publication time.",
                "days_after": "Edition date minus the web article's day (negative: the web was later).",
                "distance": "SimHash bits apart.",
                "linked_at": "When the link was recorded (UTC).",
            },
        ),
    }
)
CANNED_QUERIES.update(PRINT_QUERIES)


def column_docs(table: str) -> dict[str, str]:
    return dict(TABLES[table][1]) if table in TABLES else {}


def build_metadata(database: str, profile: SiteProfile | None = None) -> dict[str, Any]:
    """Datasette metadata for an archive served under the name ``database``."""
    source = source_of(profile)
    tables: dict[str, Any] = {
        name: {"description": description, "columns": dict(columns)} for name, (description, columns) in TABLES.items()
    }
    tables["articles"].update(
        {
            # The standard search box goes through the plugin's bigram query compiler.
            "fts_table": "articles_fts",
            "fts_pk": "article_id",
            "sort_desc": "published_at",
            "facets": ["channel", {"month": "published_at"}, "source", {"names": "authors"}],
        }
    )
    tables["search_chars"]["hidden"] = True
    tables["print_articles"].update(
        {"sort_desc": "edition_date", "facets": ["paper", "page_name", {"month": "edition_date"}]}
    )
    p = profile if profile is not None else load_profile()
    return {
        "title": f"{source.site} archive",
        "description": f"Articles of {source.name} crawled by lcnews. " + SEARCH_HELP,
        "source": source.name,
        "source_url": source.url,
        "license": source.license,
        "databases": {
            database: {
                "description": "One lcnews archive (opened read-only). Schema: docs/schema.md. "
                "Dashboard: /" + database + "/-/dashboard",
                "tables": tables,
                "queries": {name: dict(q) for name, q in CANNED_QUERIES.items()},
                # Read by the reading room (lcnews.datasette.room): this database is an archive.
                "plugins": {
                    "lcnews": {
                        "archive": True,
                        "site": source.name,
                        "channel_names": {c.slug: c.name for c in p.channels},
                    }
                },
            }
        },
    }
