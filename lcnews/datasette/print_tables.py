"""Datasette metadata of the print editions' tables: descriptions, facets, canned queries (plain data)."""

from __future__ import annotations

from typing import Any

from lcnews.db import print_canned

_PRINT_COLUMNS = {
    "print_id": "Row id (the print search index rowid).",
    "paper": "lcrb (聊城日报) or lcwb (聊城晚报).",
    "paper_name": "The paper's name.",
    "content_id": "The e-paper's article number (content_N.html), a counter per paper.",
    "url": "Canonical, dated URL on http://lcrb.lcxw.cn.",
    "fetched_url": "URL actually fetched.",
    "edition_date": "Date of the edition (YYYY-MM-DD).",
    "page_no": "Page number.",
    "page_name": "Page name (要闻, 城事 ...).",
    "position": "Order on its page (1 = first in the page's title list).",
    "pretitle": "引题 (kicker above the title).",
    "title": "Title.",
    "subtitle": "副题 (subtitle).",
    "authors": "Reporters (JSON array).",
    "correspondents": "通讯员 (JSON array).",
    "photographers": "Photo credits (JSON array).",
    "byline_raw": "The byline lines as printed.",
    "body": "Clean text, one paragraph per line (docs/schema.md).",
    "images": 'Photos (JSON array of {"src", "caption"}).',
    "continued_to": "Pages it continues on (下转第X版), JSON array.",
    "continued_from": "Pages it continues from (上接第X版), JSON array.",
    "pdf_url": "The page's PDF.",
    "layout_url": "The layout page that linked it.",
    "script": "simplified / traditional / mixed.",
    "content_hash": "sha256 of normalised title+body (script-insensitive).",
    "simhash": "64-bit SimHash of the normalised body.",
    "extractor_version": "Version of the e-paper extractor.",
    "field_sources": "Per field, the evidence that chose it (JSON object).",
    "encoding": "Encoding the page was decoded with.",
    "http_status": "HTTP status of the fetch.",
    "fetched_at": "When fetched (UTC).",
    "raw_sha256": "→ raw_pages.sha256.",
    "extra": "Anything else the extractor kept (JSON object).",
    "first_seen_at": "First archived (UTC).",
    "last_seen_at": "Last seen by a crawl (UTC).",
    "updated_at": "When the current version was written (UTC).",
    "version": "1 for the first; +1 each time 引题, title, 副题 or body changed.",
    "run_id": "crawl_runs.run_id that wrote the current version.",
}

PRINT_TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "print_articles": ("The print editions: one row per printed article (paper, content_id).", _PRINT_COLUMNS),
    "print_article_versions": (
        "Superseded versions of print articles.",
        {**_PRINT_COLUMNS, "replaced_at": "When the newer version arrived (UTC)."},
    ),
    "print_editions": (
        "One row per paper and day: its pages and articles, or missing (no edition that day).",
        {
            "paper": "lcrb or lcwb.",
            "paper_name": "The paper's name.",
            "edition_date": "YYYY-MM-DD.",
            "pages": "Layout pages of the day.",
            "articles": "Articles those pages list.",
            "missing": "1 when the day had no edition (404).",
            "status": "HTTP status of the day's first layout page.",
            "first_seen_at": "First recorded (UTC).",
            "last_seen_at": "Last recorded (UTC).",
        },
    ),
    "print_pages": (
        "One row per printed page: its name, PDF and articles (0 for an advert-only page).",
        {
            "paper": "lcrb or lcwb.",
            "edition_date": "YYYY-MM-DD.",
            "page_no": "Page number.",
            "page_name": "Page name.",
            "url": "Layout page (canonical).",
            "pdf_url": "The page's PDF.",
            "content_ids": "The page's articles, in order (JSON array).",
            "articles": "How many.",
            "raw_sha256": "The layout page as fetched → raw_pages.",
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
            "edition_date": "The edition.",
            "page_no": "Its page.",
            "published_at": "The web article's publication time.",
            "days_after": "Edition date minus the web publication day (negative: the web was later).",
            "distance": "SimHash bits apart.",
            "linked_at": "When linked (UTC).",
        },
    ),
}

PRINT_FACETS: dict[str, Any] = {
    "print_articles": {
        "sort_desc": "edition_date",
        "facets": ["paper", "page_name", {"month": "edition_date"}],
    },
    "print_editions": {"facets": ["paper", "missing"]},
}

PRINT_QUERIES: dict[str, dict[str, str]] = {
    "edition": {
        "title": "One day's edition, page by page",
        "description": "Every page of one paper's edition (paper lcrb or lcwb, date YYYY-MM-DD) with the "
        "articles printed on it in order; a page with no article is an advert page.",
        "sql": print_canned.EDITION_SQL,
    },
    "printed_web_articles": {
        "title": "Web articles that were printed, and how many days apart",
        "description": "Web articles whose text a print article carries (paper lcrb/lcwb, page_no, year "
        "of the web article; leave any empty for all). days_after = edition date − web publication day.",
        "sql": print_canned.PRINTED_WEB_SQL,
    },
}
