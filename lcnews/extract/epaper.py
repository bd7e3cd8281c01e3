"""Founder e-paper article pages: headline block, credits, body, captions, continuation notes, page.

Evidence, strongest first: the visible headline block (profile selectors, else the rows around
the title), the ``enpproperty`` comment (:mod:`lcnews.extract.epaper_meta`), meta tags, the URL.
Where two agree, ``field_sources`` says so. The body is the text between the content markers
(``<!--enpcontent-->``), with the metadata comments and their leaked tails cut out first,
bylines read with the web extractor's credit grammar (:mod:`lcnews.extract.credits`), captions
moved to ``images`` and ``下转第X版``/``上接第X版`` notes to ``continued_to``/``continued_from``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

from lcnews.extract.credits import Credits, bare_names, parse_credit_line, photo_credit, split_dateline
from lcnews.extract.decode import decode_html
from lcnews.extract.dom import Block, collapse, text_of, walk
from lcnews.extract.epaper_meta import Metadata, chinese_number, content_ref, layout_ref, split_metadata
from lcnews.extract.normalize import normalize
from lcnews.extract.page import Page, parse_page
from lcnews.extract.rules import Rules, rules_for
from lcnews.site import EpaperProfile, SiteProfile

__all__ = ["EPAPER_EXTRACTOR_VERSION", "PrintExtracted", "extract_print_article"]

EPAPER_EXTRACTOR_VERSION = "1"
_MAX_HEAD = 80  # a 引题/副题 row is short
_MAX_CAPTION = 200
_DATE_RE = re.compile(r"(?P<y>\d{4})\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})")
_STRAY_END_RE = re.compile(r"</\s*(?:body|html)\s*>", re.I)
_MARK_RE = re.compile(r"^[■□●◆▲★\s]+")


@dataclass
class PrintExtracted:
    """The fields of one printed article as its page shows them."""

    paper: str = ""  # "lcrb" | "lcwb"
    paper_name: str = ""
    content_id: int | None = None
    edition_date: str = ""  # "YYYY-MM-DD"
    page_no: int | None = None
    page_name: str = ""
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
    nav: dict[str, str] = field(default_factory=dict)  # prev_article, next_article, toc, prev_page, next_page
    encoding: str = ""
    extractor_version: str = EPAPER_EXTRACTOR_VERSION
    field_sources: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


# --- the body --------------------------------------------------------------------------------


def _content_html(text: str, ep: EpaperProfile) -> str | None:
    """The HTML between the first content start marker and the last end marker."""
    lower = text.lower()
    for start in ep.label("content_start"):
        for end in ep.label("content_end"):
            a = lower.find(start.lower())
            b = lower.rfind(end.lower())
            if a >= 0 and b > a:
                inner = text[a + len(start) : b]
                inner = re.sub(re.escape(start) + "|" + re.escape(end), " ", inner, flags=re.I)
                return _STRAY_END_RE.sub(" ", inner)
    return None


def _note(text: str, ep: EpaperProfile) -> tuple[str, list[int], list[int]]:
    """A paragraph without its continuation notes, and the pages they name (to, from)."""
    to: list[int] = []
    frm: list[int] = []
    for kind, found in (("continued_to", to), ("continued_from", frm)):
        rx = ep.pattern(kind)
        # the note alone, or in brackets at either end of the paragraph
        bracketed = re.compile(r"[(（]\s*(?:" + rx.pattern + r")\s*[)）]")
        while True:
            m = bracketed.search(text) or rx.fullmatch(text.strip(" 。"))
            if not m:
                break
            no = chinese_number(m.group("no"))
            if no is not None:
                found.append(no)
            text = (text[: m.start()] + text[m.end() :]).strip()
    return text, to, frm


def _caption_elements(page: Page, ep: EpaperProfile) -> set[etree._Element]:
    out: set[etree._Element] = set()
    for sel in ep.selector("caption"):
        for el in page.select(sel):
            out.add(el)
            out.update(el.iterdescendants())
    return out


@dataclass
class _Body:
    paragraphs: list[str] = field(default_factory=list)
    credits: Credits = field(default_factory=Credits)
    images: list[dict[str, str]] = field(default_factory=list)
    to: list[int] = field(default_factory=list)
    frm: list[int] = field(default_factory=list)


def _credit_of(line: str, rules: Rules, *, opening: bool) -> Credits | None:
    got = parse_credit_line(line, rules)
    if got is not None and not got.empty:
        return got
    if _MARK_RE.match(line):
        # "■ 吴建正": a marked bare name — the writer when it opens the text, else the photographer
        names = bare_names(_MARK_RE.sub("", line), rules)
        if names:
            c = Credits()
            c.add("author" if opening else "photographer", names)
            c.byline_raw.append(line.strip())
            return c
    return None


def _body(blocks: list[Block], rules: Rules, ep: EpaperProfile, captions: set[etree._Element]) -> _Body:
    out = _Body()
    pending_image: dict[str, str] | None = None
    texts: list[str] = []
    for block in blocks:
        if block.image is not None:
            pending_image = {"src": block.image.src, "caption": block.image.title or block.image.alt or ""}
            out.images.append(pending_image)
            continue
        text = collapse(block.text)
        if not text:
            continue
        is_caption = block.owner in captions or (
            pending_image is not None and block.caption_hint and len(text) <= _MAX_CAPTION
        )
        if is_caption and pending_image is not None:
            pending_image["caption"] = text
            pending_image = None
            pc = photo_credit(text, rules)
            if pc is not None:
                out.credits.add("photographer", pc.photographers)
            continue
        pending_image = None
        texts.append(text)
    # continuation notes, then the credit lines at either end, then datelines
    paragraphs: list[str] = []
    for line in texts:
        kept, to, frm = _note(line, ep)
        out.to += to
        out.frm += frm
        if kept:
            paragraphs.append(kept)
    while paragraphs:
        got = _credit_of(paragraphs[0], rules, opening=True)
        if got is None:
            break
        out.credits.merge(got)
        paragraphs.pop(0)
    while paragraphs:
        got = _credit_of(paragraphs[-1], rules, opening=False)
        if got is None or not got.people:
            break
        out.credits.merge(got)
        paragraphs.pop()
    if paragraphs:
        dl, rest = split_dateline(paragraphs[0], rules)
        if dl is not None:
            out.credits.merge(dl)
            paragraphs[0] = rest
    out.paragraphs = [p for p in paragraphs if p]
    return out


# --- the headline block ----------------------------------------------------------------------


def _first(page: Page, selectors: tuple[str, ...]) -> etree._Element | None:
    for sel in selectors:
        for el in page.select(sel):
            if collapse(text_of(el)):
                return el
    return None


def _row_neighbour(el: etree._Element, step: int) -> str | None:
    """The text of the row (or sibling element) just before/after the title's: None when there is
    no such row, "" when it is empty (an empty 引题 row)."""
    node = el
    while node is not None and node.tag in ("td", "th", "span", "font", "b", "strong"):
        parent = node.getparent()
        if parent is None or parent.tag == "tr":
            node = parent
            break
        node = parent
    if node is None:
        return None
    sib = node.getprevious() if step < 0 else node.getnext()
    while sib is not None and not isinstance(sib.tag, str):
        sib = sib.getprevious() if step < 0 else sib.getnext()
    if sib is None:
        return None
    text = collapse(text_of(sib))
    return text if len(text) <= _MAX_HEAD else None


def _same(a: str, b: str) -> bool:
    return bool(a) and normalize(a).replace(" ", "") == normalize(b).replace(" ", "")


def _headline(page: Page, ep: EpaperProfile, meta: Metadata, out: PrintExtracted) -> None:
    enp_title = meta.first(ep.label("tag_title"))
    enp_pre = meta.first(ep.label("tag_pretitle"))
    enp_sub = meta.first(ep.label("tag_subtitle"))
    title_el = _first(page, ep.selector("title"))
    if title_el is None and enp_title:
        for el in page.root.iter():
            if (
                isinstance(el.tag, str)
                and el.tag not in ("title", "html", "body")
                and _same(collapse(text_of(el)), enp_title)
            ):
                title_el = el
    if title_el is not None:
        out.title = collapse(text_of(title_el))
        out.field_sources["title"] = "headline + enpproperty" if _same(out.title, enp_title) else "headline"
    elif enp_title:
        out.title = enp_title
        out.field_sources["title"] = "enpproperty"
    for name, selectors, enp, step in (
        ("pretitle", ep.selector("pretitle"), enp_pre, -1),
        ("subtitle", ep.selector("subtitle"), enp_sub, 1),
    ):
        el = _first(page, selectors)
        value: str | None = collapse(text_of(el)) if el is not None else None
        source = "headline"
        if value is None and title_el is not None:
            value = _row_neighbour(title_el, step)
            source = "headline row"
            if value and enp and not _same(value, enp):
                value = None  # a neighbouring row that is not the kicker the metadata names
        if value is None:
            value, source = enp, "enpproperty"
        elif _same(value, enp):
            source += " + enpproperty"
        setattr(out, name, value)
        if value:
            out.field_sources[name] = source


# --- page, date, navigation --------------------------------------------------------------------


def _navigation(page: Page, ep: EpaperProfile, out: PrintExtracted) -> None:
    base = page.url or ""
    for el in page.root.iter("a"):
        label = collapse(text_of(el)).replace(" ", "")
        href = (el.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#")):
            continue
        for kind in ("prev_article", "next_article", "toc", "prev_page", "next_page"):
            if label in ep.label(kind) and kind not in out.nav:
                out.nav[kind] = urljoin(base, href)
        absolute = urljoin(base, href)
        if not out.pdf_url and ep.pdf_re.search(urlsplit(absolute).path):
            out.pdf_url = absolute


def _date_of(value: str) -> str:
    m = _DATE_RE.search(value)
    return f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}" if m else ""


def _page_and_date(page: Page, ep: EpaperProfile, meta: Metadata, url: str | None, out: PrintExtracted) -> None:
    ref = content_ref(url or "", ep) if url else None
    if ref is not None:
        out.content_id = ref.content_id
        if ref.paper is not None:
            out.paper, out.paper_name = ref.paper.key, ref.paper.name
    toc = layout_ref(out.nav.get("toc", ""), ep)
    dates = [
        ("url", ref.date if ref else ""),
        ("enpproperty", _date_of(meta.first(ep.label("tag_date")))),
        ("meta", _date_of(page.meta(*(k.lower() for k in ep.label("meta_date"))))),
        ("toc link", toc[1] if toc else ""),
    ]
    text = collapse(" ".join(t for t in page.root.itertext() if t and t.strip()))
    line = ep.pattern("page_line").search(text)
    if line:
        dates.append(("edition line", f"{line.group('y')}-{int(line.group('m')):02d}-{int(line.group('d')):02d}"))
    chosen = next((v for _, v in dates if v), "")
    out.edition_date = chosen
    if chosen:
        out.field_sources["edition_date"] = " + ".join(k for k, v in dates if v == chosen)
    numbers = [
        ("meta", page.meta(*(k.lower() for k in ep.label("meta_page_no")))),
        ("enpproperty", meta.first(ep.label("tag_page_no"))),
        ("edition line", line.group("no") if line else ""),
    ]
    label = ep.pattern("page_label").search(text)
    if label:
        numbers.append(("page label", label.group("no")))
    values = [(k, chinese_number(v)) for k, v in numbers if v]
    got = [(k, v) for k, v in values if v is not None]
    if got:
        out.page_no = got[0][1]
        out.field_sources["page_no"] = " + ".join(k for k, v in got if v == got[0][1])
    name = (label.group("name") or "").strip() if label else ""
    out.page_name = name or meta.first(ep.label("tag_page_name"))
    if out.page_name:
        out.field_sources["page_name"] = "page label" if name else "enpproperty"
    if not out.paper_name:
        named = meta.first(ep.label("tag_paper")) or page.head_title
        for p in ep.papers:
            if p.name in named:
                out.paper, out.paper_name = p.key, p.name


# --- the whole page ----------------------------------------------------------------------------


def extract_print_article(
    data: bytes | str,
    url: str | None = None,
    headers: Mapping[str, str] | None = None,
    profile: SiteProfile | None = None,
) -> PrintExtracted:
    """Every field of one e-paper article page (pure: bytes in, values out)."""
    rules = rules_for(profile)
    ep = rules.profile.epaper
    out = PrintExtracted()
    if ep is None:
        out.warnings.append("the site profile has no [epaper] section")
        return out
    content_type = None
    for k, v in (headers or {}).items():
        if k.lower() == "content-type":
            content_type = v
    if isinstance(data, bytes):
        text, out.encoding = decode_html(data, content_type)
    else:
        text = data
    text, meta = split_metadata(text, ep)
    page = parse_page(text, url)
    if page is None:
        out.warnings.append("empty document")
        return out
    _headline(page, ep, meta, out)
    _navigation(page, ep, out)
    _page_and_date(page, ep, meta, url, out)
    inner = _content_html(text, ep)
    captions = _caption_elements(page, ep)
    if inner is not None:
        fragment = parse_page(f"<html><body><div>{inner}</div></body></html>", page.url)
        blocks = walk(fragment.root, page.url) if fragment is not None else []
        if fragment is not None:
            captions |= _caption_elements(fragment, ep)
        out.field_sources["body"] = "content markers"
    else:
        blocks = []
        out.warnings.append("no content markers")
    body = _body(blocks, rules, ep, captions)
    # photos printed beside the text, outside the markers: in a photo box, or with a caption element
    if inner is not None:
        boxes = {el for sel in ep.selector("photo") for box in page.select(sel) for el in box.iter("img")}
        for el in page.root.iter("img"):
            src = urljoin(page.url or "", el.get("src") or "")
            if not src or any(img["src"] == src for img in body.images):
                continue
            cap = _caption_near(el, captions)
            if cap is None and el not in boxes:
                continue
            body.images.append({"src": src, "caption": cap or ""})
            pc = photo_credit(cap, rules) if cap else None
            if pc is not None:
                body.credits.add("photographer", pc.photographers)
    out.body = "\n".join(body.paragraphs)
    out.images = body.images
    out.continued_to, out.continued_from = body.to, body.frm
    credits = body.credits
    enp_author = meta.first(ep.label("tag_author")) or page.meta(*(k.lower() for k in ep.label("meta_reporter")))
    if not credits.authors and enp_author:
        names = [n for n in re.split(r"[\s、,，;；]+", enp_author) if n]
        if names and all(bare_names(n, rules) for n in names):
            credits.add("author", names)
            out.field_sources["authors"] = "enpproperty"
    elif credits.authors:
        agree = enp_author and all(a in enp_author for a in credits.authors)
        out.field_sources["authors"] = "byline + enpproperty" if agree else "byline"
    out.authors, out.correspondents, out.photographers = credits.authors, credits.correspondents, credits.photographers
    out.byline_raw = " ".join(credits.byline_raw)
    return out


def _caption_near(img: etree._Element, captions: set[etree._Element]) -> str | None:
    """The caption element printed with an image outside the body: in its box (the image's parent
    or grandparent), or its box's next sibling."""
    box = img.getparent()
    for _ in range(3):
        if box is None or sum(1 for _ in box.iter("img")) > 1:
            return None
        for el in box.iter():
            if el in captions and el is not img:
                text = collapse(text_of(el))
                if text:
                    return text
        nxt = box.getnext()
        if nxt is not None and nxt in captions:
            text = collapse(text_of(nxt))
            if text:
                return text
        box = box.getparent()
    return None
