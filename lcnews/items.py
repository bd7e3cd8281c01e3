"""The item schemas: what the spider yields and what the pipelines archive.

``RawPage`` is a fetched article page as the server sent it (the spider's only output for articles);
the extract pipeline turns it into an ``Article``. Columns of the ``articles`` table follow
``Article``'s fields (lists and dicts are stored as JSON); see docs/schema.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawPage:
    """An article page as fetched: enough to re-extract it offline later."""

    url: str  # the URL actually fetched (may be a mirror / replica origin)
    canonical_url: str  # the same page on the profile's origin, tracking queries removed
    article_id: int
    channel: str  # channel slug from the URL path, e.g. "yaowen/shendu"
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: str  # ISO 8601 UTC
    listing_url: str = ""  # the listing page that linked it ("" when reached otherwise)
    listing_channel: str = ""
    # Transient (not columns): ``body`` zlib-compressed and its sha256 hex, computed in an extract
    # worker so the archive only stores them; the archive compresses and hashes when they are unset.
    body_zlib: bytes | None = field(default=None, repr=False, compare=False)
    body_sha256: str = field(default="", repr=False, compare=False)


@dataclass
class Article:
    # identity
    article_id: int
    url: str  # canonical URL on the site's origin
    fetched_url: str = ""
    channel: str = ""  # slug, e.g. "yaowen/shendu"
    channel_names: list[str] = field(default_factory=list)  # breadcrumb names, e.g. ["要闻", "深度"]
    # metadata
    title: str = ""
    title_raw: str = ""
    published_at: str | None = None  # "YYYY-MM-DDTHH:MM:SS+08:00"
    published_raw: str = ""
    source: str = ""
    source_raw: str = ""
    authors: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    byline_raw: str = ""
    editor_raw: str = ""
    # content
    body: str = ""  # clean text, one paragraph per line (definition: docs/schema.md)
    images: list[dict[str, str]] = field(default_factory=list)  # [{"src": ..., "caption": ...}]
    script: str = ""  # "simplified" | "traditional" | "mixed" | "" (no Han text)
    # provenance
    extractor: str = ""  # "site" (profile rules) or "generic" (fallback)
    extractor_version: str = ""
    # field -> the evidence that chose its value, e.g. {"title": "h1 + <title> + above content",
    # "published_at": "head:labelled + url"} (docs/schema.md, "field_sources")
    field_sources: dict[str, str] = field(default_factory=dict)
    encoding: str = ""
    http_status: int = 200
    fetched_at: str = ""
    raw_sha256: str = ""  # hash of the raw page bytes (raw_pages table)
    content_hash: str = ""  # sha256 of normalised title + body (script-insensitive)
    simhash: str = ""  # 64-bit SimHash of normalised body shingles, hex
    listing_url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # Transient: the page this article came from, handed to the archive (not a column).
    raw: RawPage | None = field(default=None, repr=False, compare=False)
    # Transient: the search index strings of title + body (``lcnews.extract.tokens.index_text``),
    # precomputed in an extract worker; the archive uses them when they match the text.
    index_text: tuple[str, ...] | None = field(default=None, repr=False, compare=False)


@dataclass
class Unextracted:
    """An article page that gave no article: the extractor raised (a bug), crashed or hung its worker,
    or found no body. Archived as a raw page only (no ``articles`` row, nothing counted as archived),
    so ``lcnews reextract`` retries it with a fixed extractor and the next crawl fetches it again."""

    page: RawPage
    reason: str  # extract_error | extract_crash | extract_timeout | no_body
    error: str = ""  # the exception, for extract_error


@dataclass
class ListingSeen:
    """A listing page and the articles it showed (feeds the article_channels table)."""

    listing_url: str  # canonical URL of the listing page
    channel: str
    article_ids: list[int]
    paths: list[str]  # article paths in the same order (an id may appear under several channels)
    seen_at: str


@dataclass
class Gone:
    """An archived article whose page now answers 404/410: marked withdrawn, never deleted."""

    article_id: int
    url: str
    status: int
    seen_at: str


# --- the print editions (the e-paper) ---------------------------------------------------------


@dataclass
class PrintRawPage:
    """An e-paper article page as fetched, with what its layout page said about it."""

    url: str  # the URL actually fetched
    canonical_url: str  # the dated form on the e-paper's origin
    paper: str  # "lcrb" | "lcwb"
    content_id: int
    edition_date: str  # "YYYY-MM-DD", the edition whose layout page linked it
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: str
    page_no: int | None = None  # from the layout page
    page_name: str = ""
    pdf_url: str = ""
    layout_url: str = ""  # canonical URL of the layout page
    position: int = 0  # order on its page (1 = first in the page's title list)


@dataclass
class PrintArticle:
    """One printed article: a row of ``print_articles`` (docs/schema.md)."""

    paper: str
    content_id: int
    url: str  # canonical, dated form on the e-paper's origin
    paper_name: str = ""
    fetched_url: str = ""
    edition_date: str = ""
    page_no: int | None = None
    page_name: str = ""
    position: int = 0
    pretitle: str = ""
    title: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    byline_raw: str = ""
    body: str = ""
    images: list[dict[str, str]] = field(default_factory=list)
    continued_to: list[int] = field(default_factory=list)
    continued_from: list[int] = field(default_factory=list)
    pdf_url: str = ""
    layout_url: str = ""
    script: str = ""
    content_hash: str = ""
    simhash: str = ""
    extractor_version: str = ""
    field_sources: dict[str, str] = field(default_factory=dict)
    encoding: str = ""
    http_status: int = 200
    fetched_at: str = ""
    raw_sha256: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    raw: PrintRawPage | None = field(default=None, repr=False, compare=False)
    index_text: tuple[str, ...] | None = field(default=None, repr=False, compare=False)


@dataclass
class PrintPageSeen:
    """A layout page of one edition: its number, name, PDF and the articles printed on it."""

    paper: str
    edition_date: str
    page_no: int
    page_name: str
    url: str  # canonical
    pdf_url: str
    content_ids: list[int]
    seen_at: str
    # the page as fetched, kept in raw_pages
    fetched_url: str = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = field(default=b"", repr=False)


@dataclass
class EditionSeen:
    """One paper's edition of one day: its pages, or missing (the layout page answered 404)."""

    paper: str
    paper_name: str
    edition_date: str
    pages: int
    missing: bool
    status: int
    seen_at: str
    articles: int = 0  # articles the day's layout pages list
