"""Tool adapters for ``bench/extraction_eval.py``: ours and the peer extractors.

Every adapter takes a :class:`Page` and returns a :class:`Pred`. Peers that take a ``str`` all
get the same decoded ``page.html``; ours gets the raw bytes (plus URL and headers), because
decoding is part of what our extractor does.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------------------------------------
# Data carried between loader, adapters and scorer
# ---------------------------------------------------------------------------------------------


@dataclass
class Page:
    suite: str
    id: str
    raw: bytes  # bytes as given to our extractor (CleanEval wrapper removed)
    html: str  # the same page decoded once, for every peer that takes a str
    url: str | None = None
    headers: dict[str, str] | None = None
    truth: dict[str, Any] = field(default_factory=dict)
    note: str = ""  # e.g. host, template, encoding


@dataclass
class Pred:
    body: str = ""
    title: str | None = None
    date: str | None = None
    authors: list[str] | str | None = None
    source: str | None = None
    editors: list[str] | None = None


@dataclass
class Tool:
    name: str
    version: str
    run: Callable[[Page], Pred]
    # which fields the tool gives at all ("—" in the table otherwise)
    fields: frozenset[str]
    date_has_time: bool = True


# ---------------------------------------------------------------------------------------------
# Decoding (shared by all peers)
# ---------------------------------------------------------------------------------------------

_GB_ALIASES = {"gb2312", "gbk", "gb_2312", "gb_2312-80", "x-gbk", "csgb2312", "gb18030", "cp936"}
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)


def _norm_encoding(name: str | None) -> str | None:
    if not name:
        return None
    n = name.strip().lower()
    if n in _GB_ALIASES:
        return "gb18030"
    if n in {"utf8", "utf-8"}:
        return "utf-8"
    try:
        import codecs

        return codecs.lookup(n).name
    except LookupError:
        return None


def decode_bytes(data: bytes, content_type: str | None = None, hint: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding): BOM, HTTP charset, a hint (CleanEval ``encoding=``),
    ``<meta charset>``, then UTF-8 if it decodes strictly, else gb18030 with replacement.
    GB2312/GBK are always decoded as their superset gb18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), "utf-16"
    declared: list[str] = []
    if content_type:
        m = _HEADER_CHARSET_RE.search(content_type)
        if m:
            declared.append(m.group(1))
    if hint:
        declared.append(hint)
    m = _META_CHARSET_RE.search(data[:8192])
    if m:
        declared.append(m.group(1).decode("ascii", "replace"))
    for name in declared:
        enc = _norm_encoding(name)
        if not enc:
            continue
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            # declared charset is wrong or the page has stray bytes: UTF-8 if valid, else
            # the declared charset with replacement characters
            try:
                return data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                return data.decode(enc, "replace"), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace"), "gb18030"


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "figcaption", "header",
    "footer",
}  # fmt: skip


def html_fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element (for readability's summary())."""
    import lxml.html

    if not fragment or not fragment.strip():
        return ""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in {"script", "style", "noscript"}:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    lines = (re.sub(r"[ \t\r\f\v\u3000\xa0]+", " ", ln).strip() for ln in "".join(parts).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _is_zh(page: Page) -> bool:
    return page.suite != "en-zyte"


# ---------------------------------------------------------------------------------------------
# adapters
# ---------------------------------------------------------------------------------------------


def make_ours(spec: str = "lcnews.extract:extract_article") -> Tool:
    """Our extractor. ``spec`` = ``module:function`` (e.g. a stub or another branch's copy)."""
    mod_name, _, fn_name = spec.partition(":")
    mod = importlib.import_module(mod_name)
    fn = getattr(mod, fn_name or "extract_article")

    def run(page: Page) -> Pred:
        r = fn(page.raw, url=page.url, headers=page.headers)
        return Pred(
            body=getattr(r, "body", "") or "",
            title=getattr(r, "title", None),
            date=getattr(r, "published_at", None),
            authors=list(getattr(r, "authors", None) or []),
            source=getattr(r, "source", None),
            editors=list(getattr(r, "editors", None) or []),
        )

    version = getattr(mod, "__version__", None) or _version("lcnews")
    return Tool("lcnews", str(version), run, frozenset({"title", "date", "authors", "source", "editors"}))


def make_trafilatura() -> Tool:
    import trafilatura

    def run(page: Page) -> Pred:
        # bare_extraction(...).text is exactly what extract() returns for output_format="txt";
        # one call gives body and metadata (title, htmldate date, author).
        doc = trafilatura.bare_extraction(
            page.html, url=page.url, include_comments=False, include_tables=True, with_metadata=True
        )
        if doc is None:
            return Pred()
        return Pred(body=doc.text or "", title=doc.title, date=doc.date, authors=doc.author)

    return Tool("trafilatura", _version("trafilatura"), run, frozenset({"title", "date", "authors"}), False)


def make_gne() -> Tool:
    from gne import GeneralNewsExtractor

    extractor = GeneralNewsExtractor()

    def run(page: Page) -> Pred:
        r = extractor.extract(page.html)
        return Pred(
            body=r.get("content") or "",
            title=r.get("title"),
            date=r.get("publish_time"),
            authors=r.get("author"),
        )

    return Tool("gne", _version("gne"), run, frozenset({"title", "date", "authors"}))


def make_readability() -> Tool:
    from readability import Document

    def run(page: Page) -> Pred:
        doc = Document(page.html, url=page.url)
        return Pred(body=html_fragment_to_text(doc.summary(html_partial=True)), title=doc.short_title())

    return Tool("readability-lxml", _version("readability-lxml"), run, frozenset({"title"}))


def make_newspaper() -> Tool:
    import newspaper

    def run(page: Page) -> Pred:
        # language="zh" needs jieba (newspaper4k[zh]); without it newspaper scores Chinese
        # paragraphs with English stop words.
        # fetch_images=False: no network for the top image (the run is offline anyway)
        art = newspaper.Article(
            page.url or "http://example.invalid/",
            language="zh" if _is_zh(page) else "en",
            fetch_images=False,
        )
        art.download(input_html=page.html)
        art.parse()
        date = art.publish_date.isoformat() if art.publish_date else None
        return Pred(body=art.text or "", title=art.title, date=date, authors=list(art.authors or []))

    return Tool("newspaper4k", _version("newspaper4k"), run, frozenset({"title", "date", "authors"}))


PEER_FACTORIES: dict[str, Callable[[], Tool]] = {
    "trafilatura": make_trafilatura,
    "gne": make_gne,
    "readability-lxml": make_readability,
    "newspaper4k": make_newspaper,
}
ALL_TOOLS = ("lcnews", *PEER_FACTORIES)
