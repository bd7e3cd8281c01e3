"""The extraction chain: page bytes in, an :class:`Extracted` out, each field with its evidence.

Stages, each a pure function of what the ones before produced (and each with its own test file):

1. decode (:mod:`~lcnews.extract.decode`): bytes -> text, by HTTP header, ``<meta>``, detection;
2. parse (:mod:`~lcnews.extract.page`): text -> the tree, one walk of it, and the head's data;
3. locate content (:mod:`~lcnews.extract.content`): profile selectors and text density, agreed;
4. title (:mod:`~lcnews.extract.title`): headline elements, ``<title>``, ``og:title``, agreed;
5. body (:mod:`~lcnews.extract.body`): the content cleaned, credits and captions taken out;
6. time and source (:mod:`~lcnews.extract.timesource`): the meta area read as text, agreed;
7. credits (:mod:`~lcnews.extract.bylines`): the byline places only.

Input a page can cause (binary bytes, an empty document) gives empty fields and a warning; an
exception from a stage is a bug and propagates, so the crawl counts it (``extract_error``) and
keeps the raw page for ``lcnews reextract``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from lcnews.extract.body import CleanBody, clean_body, is_stop
from lcnews.extract.breadcrumb import find_breadcrumb
from lcnews.extract.bylines import gather_credits
from lcnews.extract.content import locate
from lcnews.extract.decode import decode_html
from lcnews.extract.dom import Block, collapse, norm_of, text_of
from lcnews.extract.page import Page, parse_page
from lcnews.extract.rules import Rules, rules_for
from lcnews.extract.timesource import choose_source, choose_time
from lcnews.extract.title import choose_title, headline_line
from lcnews.site import SiteProfile

__all__ = ["EXTRACTOR_VERSION", "Extracted", "extract_article"]

EXTRACTOR_VERSION = "2.1.0"  # 2.1: closing signatures, inline-picture paragraphs, glued names, pagers

_HEAD_WINDOW = 12  # meta-area lines read after the headline / before the body
_TAIL_WINDOW = 12  # lines read after the body
_ABOVE_TITLE = 3  # lines just above the headline read as part of the meta area


@dataclass
class Extracted:
    title: str = ""
    title_raw: str = ""
    published_at: str | None = None
    published_raw: str = ""
    source: str = ""
    source_raw: str = ""
    authors: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    byline_raw: str = ""
    editor_raw: str = ""
    body: str = ""
    images: list[dict[str, str]] = field(default_factory=list)
    channel_names: list[str] = field(default_factory=list)
    canonical_url: str = ""
    encoding: str = ""
    layer: str = ""  # "site" | "generic" | "" (nothing extracted)
    extractor_version: str = EXTRACTOR_VERSION
    warnings: list[str] = field(default_factory=list)
    # field -> the evidence that chose its value ("h1 + <title> + above content", "head:labelled")
    field_sources: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _content_type(headers: Mapping[str, Any] | None) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        k = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if k.lower() != "content-type":
            continue
        first = (value[0] if value else "") if isinstance(value, (list, tuple)) else value
        return first.decode("latin-1") if isinstance(first, bytes) else str(first)
    return None


def extract_article(
    data: bytes | str,
    url: str | None = None,
    headers: Mapping[str, Any] | None = None,
    profile: SiteProfile | None = None,
) -> Extracted:
    """Extract an article's fields from a page (see docs/CONTRACTS.md for each field)."""
    rules = rules_for(profile)
    res = Extracted()
    text, res.encoding = decode_html(data, _content_type(headers))
    sample = text[:20000]
    if sample and sample.count("\ufffd") > 0.05 * len(sample):
        res.warnings.append("page is not text (binary or undecodable bytes)")
        return res
    page = parse_page(text, url)
    if page is None:
        res.warnings.append("empty page")
        return res
    res.canonical_url = page.canonical_url
    _extract(res, page, rules, url)
    return res


def _find(lines: list[str], text: str, lo: int, hi: int) -> int:
    for i in range(max(0, lo), min(len(lines), hi)):
        if lines[i] == text or (text and text in lines[i]):
            return i
    return -1


def _zones(
    page: Page, rules: Rules, title_line: int, body: CleanBody, span: tuple[int, int]
) -> tuple[list[Block], list[Block]]:
    """The meta area (lines between headline and body) and the lines just after the body."""
    lines = page.walk.lines
    blocks = page.walk.text_blocks
    lo, hi = span
    if lo <= title_line < hi:
        lo = title_line + 1  # the content holds the headline: its body starts below it
    first = _find(lines, body.lines[0][:30], lo, hi) if body.lines else -1
    if first < 0 and body.lines:
        first = _find(lines, body.lines[0][:30], 0, len(lines))
    if first < 0:
        first = lo
    last = _find(lines, body.lines[-1][-30:], first, hi) if body.lines else -1
    if last < 0 and body.lines:
        last = _find(lines, body.lines[-1][-30:], first, len(lines))
    if last < 0:
        last = max(first, hi - 1)
    if 0 <= title_line < first:
        # a masthead stamp may sit just above the headline (time and source, then the <h1>)
        above = [b for b in blocks[max(0, title_line - _ABOVE_TITLE) : title_line] if not b.link_chars]
        if first - title_line <= 2 * _HEAD_WINDOW:
            head = above + blocks[title_line + 1 : first]
        else:
            head = above + blocks[title_line + 1 : title_line + 1 + _HEAD_WINDOW] + blocks[first - _HEAD_WINDOW : first]
    else:
        head = blocks[max(0, first - _HEAD_WINDOW) : first]
        if title_line > first:
            head = head + blocks[title_line + 1 : title_line + 1 + _HEAD_WINDOW // 2]
    tail: list[Block] = []
    for block in blocks[last + 1 : last + 1 + _TAIL_WINDOW]:
        n = norm_of(block)
        if is_stop(n, rules, notices=False):
            break
        if not is_stop(n, rules):  # a notice box between the body and its credit lines
            tail.append(block)
    return head, tail


def _site_meta(page: Page, rules: Rules) -> str:
    """The text of the profile's meta-line selector, when it matches a short node."""
    sels = rules.profile.selector("meta")
    if not sels:
        return ""
    for sel in sels:
        for node in page.select(sel):
            text = collapse(text_of(node))
            if text and len(text) <= 300:
                return text
    return ""


def _extract(res: Extracted, page: Page, rules: Rules, url: str | None) -> None:
    src = res.field_sources
    content = locate(page, rules, headline_line(page, rules))
    crumb = find_breadcrumb(page, rules, rules.profile.selector("breadcrumb"))
    title = choose_title(page, rules, content.lines, crumb.names)
    res.title, res.title_raw = title.title, title.raw
    src["title"] = " + ".join(title.evidence)
    res.channel_names = [c for c in crumb.names if c != title.title]
    if crumb:
        src["channel_names"] = "breadcrumb"
    body = CleanBody()
    if content.node is not None:
        blocks = page.walk.blocks_of(content.node, content.skip)
        body = clean_body(blocks, rules, title=title.title, generic=content.layer == "generic")
    if body.lines:
        res.layer = content.layer
        src["body"] = content.evidence
        if body.stopped_at:
            src["body"] += f"; ended at {body.stopped_at[:12]!r}"
    else:
        res.warnings.append("no article body found")
    res.body = body.text
    res.images = body.images
    head, tail = _zones(page, rules, title.line, body, content.lines)
    site_meta = _site_meta(page, rules)
    when = choose_time(page, rules, head, body.meta_lines, body.date_lines, tail, url or page.url, site_meta)
    res.published_at, res.published_raw = when.iso, when.raw
    if when.iso:
        src["published_at"] = " + ".join(when.evidence)
    source = choose_source(page, rules, head, [*body.meta_lines, *body.source_lines], "", site_meta, tail)
    res.source, res.source_raw = source.source, source.raw
    if source.source:
        src["source"] = " + ".join(source.evidence)
    exclude = [*crumb.names, title.title, *rules.site_names, res.source, page.meta("og:site_name")]
    choice = gather_credits(
        page,
        rules,
        body.credits,
        head,
        tail,
        title=title.title,
        generic=content.layer != "site",
        exclude=exclude,
        caption_photographers=body.caption_photographers,
    )
    credits = choice.credits
    for name, signals in choice.evidence.items():
        if getattr(credits, name):
            src[name] = " + ".join(signals)
    res.authors = credits.authors
    res.correspondents = credits.correspondents
    res.photographers = credits.photographers
    res.editors = credits.editors
    res.byline_raw = "\n".join(dict.fromkeys(credits.byline_raw))
    res.editor_raw = "\n".join(dict.fromkeys(credits.editor_raw))
