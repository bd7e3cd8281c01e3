"""A small archive holding the print editions of a replica (built without a crawl, for fast tests)."""

from __future__ import annotations

from pathlib import Path

from lcnews.db import open_archive
from lcnews.extract.epaper_assemble import assemble_print
from lcnews.items import EditionSeen, PrintArticle, PrintPageSeen, PrintRawPage
from lcnews.site import load_profile
from lcnews.testsite.epaper import EpaperSite

SEEN = "2026-01-01T00:00:00+00:00"
BASE = "http://127.0.0.1:9"


def assembled(site: EpaperSite, truth: dict) -> PrintArticle:
    status, headers, body = site.respond("GET", truth["path"])
    raw = PrintRawPage(
        url=BASE + truth["path"], canonical_url=truth["url"], paper=truth["paper"], content_id=truth["content_id"],
        edition_date=truth["edition_date"], status=status, headers=headers, body=body, fetched_at=SEEN,
        page_no=truth["page_no"], page_name=truth["page_name"],
    )  # fmt: skip
    article = assemble_print(raw, load_profile())
    article.raw = raw
    return article


def build(site: EpaperSite, path: Path) -> Path:
    """Every article, page and edition of ``site`` archived at ``path``."""
    pages = [
        PrintPageSeen(
            p.paper.key,
            p.day.isoformat(),
            p.page_no,
            p.name,
            "http://lcrb.lcxw.cn" + p.path,
            "",
            [a.content_id for a in p.articles],
            SEEN,
        )
        for p in site.model.pages.values()
    ]
    editions = [
        EditionSeen(e["paper"], "", e["date"], e["pages"], e["missing"], 404 if e["missing"] else 200, SEEN)
        for e in site.editions
    ]
    with open_archive(path) as a:
        a.write_print_batch([assembled(site, t) for t in site.truth], pages, editions)
    return path
