"""HTML parsing and the one tree walk that turns a node into paragraphs and images.

Everything that touches lxml text lives here so the rules (block tags, whitespace collapsing,
image sources) are the same for the site layer and the generic layer.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin

from lxml import etree

__all__ = [
    "BLOCK_TAGS",
    "Block",
    "ImageRef",
    "PageText",
    "Selector",
    "collapse",
    "css",
    "parse_html",
    "text_of",
    "walk",
    "walk_text",
]

# Whitespace per the clean-body contract: space, tab, newline, U+3000, NBSP (and friends): every
# str.isspace() character plus the zero-width space and the BOM (see collapse()).
_ZERO_WIDTH = ("\u200b", "\ufeff")
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "main",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "center",
        "form",
        "hr",
        "address",
        "nav",
        "details",
        "summary",
        "fieldset",
        "legend",
        "caption",
    ]
)
# Subtrees never holding article text.
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "select",
        "option",
        "textarea",
        "button",
        "input",
        "head",
        "title",
        "meta",
        "link",
        "canvas",
        "video",
        "audio",
        "map",
        "area",
    ]
)
_CAPTION_HINT_RE = re.compile(
    r"caption|pic[-_]?(?:txt|text|desc|info|title)|img[-_]?(?:txt|desc|title)"
    r"|photo[-_]?(?:txt|desc)|tuzhu|imgtext|picintro",
    re.IGNORECASE,
)
_LAZY_SRC_ATTRS = ("data-original", "data-src", "data-lazy-src", "data-url", "original", "file")


_caption_verdicts: dict[str, bool] = {}


def _caption_class(cls: str) -> bool:
    """Whether a class/id string names a caption (cached: the same strings repeat)."""
    verdict = _caption_verdicts.get(cls)
    if verdict is None:
        verdict = bool(_CAPTION_HINT_RE.search(cls))
        if len(_caption_verdicts) < 50000:
            _caption_verdicts[cls] = verdict
    return verdict


def collapse(text: str) -> str:
    """Collapse whitespace runs to one space and strip (the contract's paragraph rule).

    ``str.split()`` splits on exactly the characters a regex ``\\s`` matches (str.isspace); only
    the zero-width space and the BOM need mapping first. Called for every paragraph and link text
    of every page, this is several times faster than a ``re.sub`` over the same class."""
    for zw in _ZERO_WIDTH:
        if zw in text:
            text = text.replace(zw, " ")
    return " ".join(text.split())


def text_of(el: etree._Element) -> str:
    """All text under an element (like lxml.html's text_content, for plain etree elements)."""
    return "".join(el.itertext())


# Plain etree elements: lxml.html's element classes add a Python-level lookup per node visited,
# which cost more than the whole parse.
_PARSER = etree.HTMLParser(
    remove_comments=True,
    remove_pis=True,
    recover=True,
    default_doctype=False,
    collect_ids=False,
    huge_tree=True,
)


def parse_html(text: str) -> etree._Element | None:
    """Parse HTML text leniently; None when there is nothing to parse."""
    if not text or not text.strip():
        return None
    text = _XML_DECL_RE.sub("", text, count=1)
    try:
        root = etree.fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None
    if root is None or not isinstance(root.tag, str):
        return None
    _rehome_head(root)
    return root


_HEAD_TAGS = frozenset(["title", "meta", "link", "script", "style", "base", "noscript", "template"])


def _rehome_head(root: etree._Element) -> None:
    """Move page content libxml2 left inside <head> into <body>.

    An unknown tag before <body> (``<sohu_cms_include:x>``, a stray ``<form>`` above ``<html>``)
    makes libxml2 nest the rest of the page under <head>, which no extractor reads."""
    head = root.find("head")
    if head is None:
        return
    strays = [c for c in head if isinstance(c.tag, str) and c.tag not in _HEAD_TAGS]
    if not strays:
        return
    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
        for el in reversed(strays):
            body.insert(0, el)
    else:
        for el in reversed(strays):
            body.insert(0, el)


@lru_cache(maxsize=512)
def _css_xpath(selector: str) -> etree.XPath | None:
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    try:
        return CSSSelector(selector, translator="html")
    except (SelectorError, etree.XPathError, ValueError):
        return None  # a bad selector in a user profile must not break extraction


def css(node: etree._Element, selector: str) -> list[etree._Element]:
    """Elements matching a CSS selector (an invalid selector matches nothing)."""
    xp = _css_xpath(selector)
    if xp is None:
        return []
    try:
        return list(xp(node))
    except etree.XPathError:
        return []


_SIMPLE_RE = re.compile(r"^(?P<tag>[a-zA-Z][a-zA-Z0-9]*)?(?:(?P<kind>[.#])(?P<name>[\w-]+))?$")


class Selector:
    """CSS selection over one page, fast for the simple selectors profiles use.

    One pass indexes elements by tag, class token and id; ``tag``, ``.cls``, ``#id``, ``tag.cls``
    and a descendant pair of those are answered from the index (cssselect's XPath scans the whole
    tree once per selector, which dominated extraction time). Anything else goes to cssselect.

    ``expected`` (the selectors that will be asked, e.g. a profile's) keeps only the class and id
    names they use in the index; a name outside them rebuilds the full index, so results never
    depend on it.
    """

    def __init__(self, root: etree._Element, expected: Iterable[str] | None = None) -> None:
        self.root = root
        self._indexed = False
        self._by_class: dict[str, list[etree._Element]] = {}
        self._by_id: dict[str, list[etree._Element]] = {}
        self._names = _names_of(tuple(expected)) if expected is not None else None
        self._outer: Selector | None = None

    def within(self, node: etree._Element) -> Selector:
        """Selection under ``node`` (itself included) that reuses this page's index."""
        sub = Selector(node)
        sub._outer = self
        return sub

    _CLASSED = etree.XPath("descendant-or-self::*[@class or @id]")

    def _index(self, kind: str, name: str) -> None:
        names = self._names
        if names is not None and name not in (names[0] if kind == "." else names[1]):
            self._names = names = None  # an unexpected name: index every name after all
            self._indexed = False
            self._by_class.clear()
            self._by_id.clear()
        if self._indexed:
            return
        by_class, by_id = self._by_class, self._by_id
        for el in self._CLASSED(self.root):
            cls = el.get("class")
            if cls:
                for token in cls.split():
                    if names is None or token in names[0]:
                        by_class.setdefault(token, []).append(el)
            ident = el.get("id")
            if ident:
                ident = ident.strip()
                if names is None or ident in names[1]:
                    by_id.setdefault(ident, []).append(el)
        self._indexed = True

    def _simple(self, m: re.Match[str]) -> list[etree._Element]:
        tag, kind, name = m.group("tag"), m.group("kind"), m.group("name")
        if not kind:
            return list(self.root.iter(tag.lower())) if tag else []
        if self._outer is not None:
            node = self.root
            return [
                el
                for el in self._outer._simple(m)
                if el is node or any(a is node for a in el.iterancestors())
            ]
        self._index(kind, name)
        if kind == ".":
            found = self._by_class.get(name, [])
        elif kind == "#":
            found = self._by_id.get(name, [])
        if tag:
            tag = tag.lower()
            found = [el for el in found if el.tag == tag]
        return list(found)

    def select(self, selector: str) -> list[etree._Element]:
        parts = selector.split()
        matches = [_SIMPLE_RE.match(p) for p in parts]
        if not parts or len(parts) > 2 or not all(matches):
            return css(self.root, selector)
        outer = self._simple(matches[0])  # type: ignore[arg-type]
        if len(parts) == 1:
            return outer
        inner = self._simple(matches[1])  # type: ignore[arg-type]
        if not outer or not inner:
            return []
        outer_set = set(outer)
        return [el for el in inner if any(a in outer_set for a in el.iterancestors())]


@lru_cache(maxsize=64)
def _names_of(selectors: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The class names and ids that simple selectors ask for."""
    classes: set[str] = set()
    ids: set[str] = set()
    for selector in selectors:
        for part in selector.split():
            m = _SIMPLE_RE.match(part)
            if m and m.group("kind"):
                (classes if m.group("kind") == "." else ids).add(m.group("name"))
    return frozenset(classes), frozenset(ids)


@dataclass
class ImageRef:
    src: str
    alt: str = ""


@dataclass
class Block:
    """One paragraph of text (or one image) in page order."""

    text: str = ""
    link_chars: int = 0
    image: ImageRef | None = None
    caption_hint: bool = False  # inside figcaption or an element whose class names a caption
    centered: bool = False
    tag: str = ""


def _image_src(el: etree._Element, base: str | None) -> str:
    src = (el.get("src") or "").strip()
    if not src or src.startswith("data:") or "blank" in src or "loading" in src:
        for attr in _LAZY_SRC_ATTRS:
            alt = (el.get(attr) or "").strip()
            if alt and not alt.startswith("data:"):
                src = alt
                break
    if not src or src.startswith("data:"):
        return ""
    if base:
        try:
            return urljoin(base, src)
        except ValueError:
            return src
    return src


def _is_centered(el: etree._Element) -> bool:
    style = el.get("style")
    align = el.get("align")
    if style is None and align is None:
        return el.tag == "center"  # the common case: no attribute to read
    style = (style or "").replace(" ", "").lower()
    return (
        "text-align:center" in style
        or (align or "").lower() == "center"
        or el.tag == "center"
    )


# An image's block holding at most this much text is a figure: its text is the caption.
_MAX_FIGURE_TEXT = 300


class _Walker:
    """One recursive pass; the hot loop (every node under the body) keeps attribute lookups in
    locals and flushes only when text is pending (a flush with nothing pending is a no-op)."""

    def __init__(
        self, base: str | None, skip: set[etree._Element] | None, root: etree._Element | None = None
    ) -> None:
        self.root = root
        self.base = base
        self.skip = skip or set()
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.caption = False
        self.centered = False
        self.tag = ""
        self.cur_block: etree._Element | None = None
        self.part_block: etree._Element | None = None
        self.img_block: etree._Element | None = None

    def flush(self) -> None:
        if self.parts:
            text = collapse("".join(self.parts))
            if text:
                # text sharing a small block with an image (<div><img><span>…</span></div>)
                beside_image = self.part_block is not None and self.part_block is self.img_block
                self.blocks.append(
                    Block(
                        text=text,
                        link_chars=min(self.link_chars, len(text)),
                        caption_hint=self.caption or beside_image,
                        centered=self.centered,
                        tag=self.tag,
                    )
                )
            self.parts = []
            self.link_chars = 0
            self.caption = False
            self.centered = False
            self.tag = ""

    def _image(self, el: etree._Element) -> None:
        src = _image_src(el, self.base)
        if src:
            self.flush()
            self.blocks.append(Block(image=ImageRef(src=src, alt=collapse(el.get("alt") or ""))))
            holder = self.cur_block
            small = (
                holder is not None
                and holder is not self.root
                and len(text_of(holder)) <= _MAX_FIGURE_TEXT
            )
            self.img_block = holder if small else None

    def visit(self, el: etree._Element, in_link: bool, caption: bool, centered: bool) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        skip = self.skip
        if skip and el in skip:
            return
        tag = tag.lower()
        if tag in SKIP_TAGS:
            return
        if tag == "img":
            self._image(el)
            return
        block = tag in BLOCK_TAGS
        prev_block = self.cur_block
        if block:
            if self.parts:
                self.flush()
            if tag == "br":
                return
            self.cur_block = el
            if not caption:
                if tag == "figcaption":
                    caption = True
                else:
                    cls = el.get("class")
                    ident = el.get("id")
                    if cls or ident:
                        caption = _caption_class((cls or "") + " " + (ident or ""))
            if not centered:
                centered = _is_centered(el)
        link = in_link or tag == "a"
        text = el.text
        if text:
            parts = self.parts
            if not parts:
                self.caption, self.centered, self.tag = caption, centered, tag
                self.part_block = self.cur_block
            parts.append(text)
            if link:
                self.link_chars += len(collapse(text))
        for child in el:
            self.visit(child, link, caption, centered)
            tail = child.tail
            if tail:
                parts = self.parts
                if not parts:
                    self.caption, self.centered, self.tag = caption, centered, tag
                    self.part_block = self.cur_block
                parts.append(tail)
                if link:
                    self.link_chars += len(collapse(tail))
        if block:
            if self.parts:
                self.flush()
            self.cur_block = prev_block


def _has_image_src(el: etree._Element) -> bool:
    """Whether :func:`_image_src` finds a source (without resolving it)."""
    src = (el.get("src") or "").strip()
    if not src or src.startswith("data:") or "blank" in src or "loading" in src:
        for attr in _LAZY_SRC_ATTRS:
            alt = (el.get(attr) or "").strip()
            if alt and not alt.startswith("data:"):
                return True
    return bool(src) and not src.startswith("data:")


class _TextWalker:
    """:class:`_Walker`'s paragraphs, text only: the same block boundaries (an image still ends a
    paragraph) without images, captions, link counts or alignment, which the searches around the
    headline and body do not need. Records the paragraph range of every block element."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.spans: dict[etree._Element, tuple[int, int]] = {}

    def flush(self) -> None:
        text = collapse("".join(self.parts))
        if text:
            self.lines.append(text)
        self.parts.clear()

    def visit(self, el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        tag = tag.lower()
        if tag in SKIP_TAGS:
            return
        if tag == "img":
            if _has_image_src(el) and self.parts:
                self.flush()
            return
        parts = self.parts
        block = tag in BLOCK_TAGS
        if block:
            if parts:
                self.flush()
            if tag == "br":
                return
            start = len(self.lines)
        text = el.text
        if text:
            parts.append(text)
        visit = self.visit
        for child in el:
            visit(child)
            tail = child.tail
            if tail:
                parts.append(tail)
        if block:
            if parts:
                self.flush()
            self.spans[el] = (start, len(self.lines))


class PageText:
    """The whole page's paragraph texts, walked once, and for every block element the slice of
    them it produced. A block element's text is the same whether it is walked alone or as part of
    the page (it flushes on entry and on exit), so the searches around the headline and the body
    slice the page walk instead of walking their subtree again."""

    def __init__(self, root: etree._Element) -> None:
        w = _TextWalker()
        self.complete = True
        try:
            w.visit(root)
        except RecursionError:
            self.complete = False  # spans are partial: subtrees get walked on their own
        if w.parts:
            w.flush()
        self.root = root
        self.lines = w.lines
        self._spans = w.spans

    def lines_of(self, el: etree._Element) -> list[str]:
        if el is self.root:
            return self.lines
        span = self._spans.get(el) if self.complete else None
        if span is None:  # not a block element, or inside a subtree the walk skips
            return walk_text(el)
        return self.lines[span[0] : span[1]]


def walk_text(node: etree._Element) -> list[str]:
    """The text of :func:`walk`'s paragraphs under ``node``, images left out."""
    w = _TextWalker()
    with contextlib.suppress(RecursionError):  # absurdly deep junk markup: keep what was collected
        w.visit(node)
    if w.parts:
        w.flush()
    return w.lines


def walk(
    node: etree._Element, base: str | None = None, skip: set[etree._Element] | None = None
) -> list[Block]:
    """Paragraphs and images under ``node`` in document order (``skip`` subtrees left out)."""
    w = _Walker(base, skip, node)
    try:
        w.visit(node, False, False, False)
    except RecursionError:  # absurdly deep junk markup: keep what was collected
        pass
    w.flush()
    return w.blocks
