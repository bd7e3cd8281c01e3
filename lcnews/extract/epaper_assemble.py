"""Assemble a ``PrintArticle`` from a fetched e-paper page (pure): extraction, what the layout page
said (page number and name, PDF, position), fingerprints and search index tokens.

Shared by the e-paper crawl and re-extraction: what a ``print_articles`` row holds is decided here.
Links resolve against the URL actually fetched (undated and dated content URLs sit at different
depths) and are then written on the e-paper's origin.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

from lcnews.extract.epaper import extract_print_article
from lcnews.extract.normalize import content_hash, script_of, simhash
from lcnews.extract.tokens import index_text
from lcnews.items import PrintArticle, PrintRawPage
from lcnews.site import SiteProfile

__all__ = ["assemble_print", "on_origin"]


def on_origin(url: str, origin: str) -> str:
    """The same path and query on ``origin`` (a replica's or mirror's link written on the site's)."""
    if not url:
        return url
    parts = urlsplit(url)
    o = urlsplit(origin)
    return urlunsplit((o.scheme, o.netloc, parts.path, parts.query, ""))


def _agree(layout: object, page: object, name: str, sources: dict[str, str]) -> None:
    if layout not in (None, "") and page not in (None, ""):
        sources[name] = "layout page + article page" if layout == page else "layout page"
    elif layout not in (None, ""):
        sources[name] = "layout page"


def assemble_print(raw: PrintRawPage, profile: SiteProfile) -> PrintArticle:
    """Raw e-paper page → the row the archive stores for it."""
    ep = profile.epaper
    origin = ep.origin if ep is not None else ""
    ex = extract_print_article(raw.body, url=raw.url, headers=raw.headers, profile=profile)
    sources = dict(ex.field_sources)
    _agree(raw.page_no, ex.page_no, "page_no", sources)
    _agree(raw.page_name, ex.page_name, "page_name", sources)
    paper = ep.paper(raw.paper) if ep is not None else None
    article = PrintArticle(
        paper=raw.paper,
        content_id=raw.content_id,
        url=raw.canonical_url,
        paper_name=paper.name if paper is not None else ex.paper_name,
        fetched_url=raw.url,
        edition_date=raw.edition_date or ex.edition_date,
        page_no=raw.page_no if raw.page_no is not None else ex.page_no,
        page_name=raw.page_name or ex.page_name,
        position=raw.position,
        pretitle=ex.pretitle,
        title=ex.title,
        subtitle=ex.subtitle,
        authors=list(ex.authors),
        correspondents=list(ex.correspondents),
        photographers=list(ex.photographers),
        byline_raw=ex.byline_raw,
        body=ex.body,
        images=[{"src": on_origin(i["src"], origin), "caption": i["caption"]} for i in ex.images],
        continued_to=list(ex.continued_to),
        continued_from=list(ex.continued_from),
        pdf_url=on_origin(raw.pdf_url or ex.pdf_url, origin),
        layout_url=raw.layout_url,
        extractor_version=ex.extractor_version,
        field_sources=sources,
        encoding=ex.encoding,
        http_status=raw.status,
        fetched_at=raw.fetched_at,
        raw_sha256=hashlib.sha256(raw.body).hexdigest(),
        extra={"warnings": list(ex.warnings)} if ex.warnings else {},
    )
    if raw.edition_date and ex.edition_date and raw.edition_date != ex.edition_date:
        article.extra["page_date"] = ex.edition_date  # the page says another day: kept, not chosen
    text = " ".join(x for x in (article.pretitle, article.title, article.subtitle) if x)
    article.script = script_of(text + article.body)
    article.content_hash = content_hash(article.title, article.body)
    article.simhash = simhash(article.body)
    article.index_text = index_text(text, article.body)
    return article
