"""Datasette canned queries over the print editions (plain data; the tables' descriptions and facets are in
``lcnews.datasette.metadata``)."""

from __future__ import annotations

from lcnews.db import print_canned

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
