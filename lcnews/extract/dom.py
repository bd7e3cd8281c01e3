# Long file: parsing and the one walk share their tag sets and whitespace rules; split, every stage would import both halves.
"""Parse HTML, and the one tree walk that turns a page into paragraphs and images.

Everything that touches lxml text lives here, so block boundaries, whitespace collapsing and image
sources are the same for every stage. Walks are iterative: no nesting depth, however absurd, can
end one early or lose a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from lcnews.extract import vocab
from lcnews.extract.normalize import normalize

__all__ = [
    "BLOCK_TAGS",
    "SKIP_TAGS",
    "Block",
    "ImageRef",
    "PageBlocks",
    "collapse",
    "norm_of",
    "parse_html",
    "text_of",
    "walk",
]

_ZERO_WIDTH = ("\u200b", "\ufeff", "\u200c", "\u200d", "\u2060")
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
# libxml2 stops at the first </html> and drops whatever follows; CMS includes often close the
# document early (a footer include ending in </body></html>, then the rest of the article).
_EARLY_CLOSE_RE = re.compile(r"</\s*(?:html|body)\s*>", re.IGNORECASE)

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
HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_LAZY_SRC_ATTRS = ("data-original", "data-src", "data-lazy-src", "data-url", "original", "file", "data-echo")
_MAX_FIGURE_TEXT = 300  # an image's block holding at most this much text is a figure
_LAYOUT_TAGS = frozenset(["table", "tbody", "thead", "tfoot", "tr", "body", "main", "section", "article", "form"])
_TEXT_BLOCKS = frozenset(
    ["p", "center", "figure", "figcaption", "td", "th", "li", "dd", "h1", "h2", "h3", "h4", "h5", "h6"]
)


def collapse(text: str) -> str:
    """Collapse whitespace runs to one space and strip (the contract's paragraph rule).

    ``str.split()`` splits on exactly the characters a regex ``\\s`` matches; only zero-width
    characters need mapping first."""
    for zw in _ZERO_WIDTH:
        if zw in text:
            text = text.replace(zw, " ")
    return " ".join(text.split())


def text_of(el: etree._Element) -> str:
    """All text under an element (like lxml.html's text_content, for plain etree elements)."""
    return "".join(el.itertext())


# Plain etree elements: lxml.html's element classes add a Python-level lookup per node visited.
def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        recover=True,
        default_doctype=False,
        collect_ids=False,
        huge_tree=True,
    )


_PARSER = _parser()
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:_-]*)\b[^>]*?(/?)>")
_VOID = frozenset(
    ["br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "track", "wbr"]
)
_MAX_DEPTH = 200
# Tags libxml2 closes by itself when the next one opens (they never nest): kept wherever they sit,
# and not counted as depth (their end tags are often missing).
_FLAT_KEEP = frozenset(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd"])


def _flatten(text: str) -> str:
    """Drop the tags nested deeper than ``_MAX_DEPTH`` (keeping their text), for pages whose
    nesting exceeds libxml2's depth limit (it silently ends the tree there). A block tag dropped so
    becomes a ``<br>``: the paragraphs inside a 2,000-deep ``<blockquote>`` stay paragraphs."""
    out: list[str] = []
    depth = 0
    pos = 0
    for m in _TAG_RE.finditer(text):
        closing, tag, selfclose = m.group(1), m.group(2).lower(), m.group(3)
        keep = True
        if tag in _VOID or selfclose or tag in _FLAT_KEEP:
            pass  # paragraphs and headings keep their boundaries however deep they sit
        elif closing:
            keep = depth <= _MAX_DEPTH
            depth = max(0, depth - 1)
        else:
            depth += 1
            keep = depth <= _MAX_DEPTH
        out.append(text[pos : m.start()])
        if keep:
            out.append(m.group(0))
        elif tag in BLOCK_TAGS:
            out.append("<br>")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def parse_html(text: str) -> etree._Element | None:
    """Parse HTML text leniently; None when there is nothing to parse.

    Recovers what libxml2 alone would lose: content after an early ``</html>``/``</body>``, page
    content nested under ``<head>``, and subtrees deeper than its depth limit."""
    if not text or not text.strip():
        return None
    text = _XML_DECL_RE.sub("", text, count=1)
    text = _EARLY_CLOSE_RE.sub("", text)
    parser = _PARSER
    try:
        root = etree.fromstring(text, parser=parser)
        if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
            root = etree.fromstring(_flatten(text), parser=_parser())
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None
    if root is None or not isinstance(root.tag, str):
        return None
    _rehome_head(root)
    return root


_HEAD_TAGS = frozenset(["title", "meta", "link", "script", "style", "base", "noscript", "template"])


def _rehome_head(root: etree._Element) -> None:
    """Move page content libxml2 left inside <head> into <body>.

    An unknown tag before <body> (a CMS include tag, a stray ``<form>`` above ``<html>``) makes
    libxml2 nest the rest of the page under <head>, which no stage reads."""
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


@dataclass
class ImageRef:
    src: str
    alt: str = ""
    title: str = ""


@dataclass
class Block:
    """One paragraph of text (or one image) in page order."""

    text: str = ""
    link_chars: int = 0
    image: ImageRef | None = None
    caption_hint: bool = False  # inside figcaption, a caption-classed element, or beside an image
    beside_image: bool = False  # the hint is only that: text in the same element as an image
    centered: bool = False
    tag: str = ""  # the innermost block element's tag
    owner: etree._Element | None = None  # that element
    # normalize(text), filled for a page's walk in one pass (see norm_of); derived, not compared
    norm: str = field(default="", compare=False, repr=False)


def norm_of(block: Block) -> str:
    """The normalised text of a block (computed once per page walk, else here)."""
    if block.norm or not block.text:
        return block.norm
    block.norm = normalize(block.text)
    return block.norm


_caption_verdicts: dict[str, bool] = {}


def _class_says_caption(el: etree._Element) -> bool:
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return False
    name = f"{cls or ''} {ident or ''}"
    verdict = _caption_verdicts.get(name)
    if verdict is None:
        low = name.lower()
        verdict = any(stem in low for stem in vocab.CAPTION_CLASS_STEMS)
        if len(_caption_verdicts) < 50000:  # class strings repeat across pages: cache the verdict
            _caption_verdicts[name] = verdict
    return verdict


def _image_src(el: etree._Element, base: str | None) -> str:
    src = (el.get("src") or "").strip()
    if not src or src.startswith("data:") or "blank." in src or "loading" in src or "grey.gif" in src:
        for attr in _LAZY_SRC_ATTRS:
            alt = (el.get(attr) or "").strip()
            if alt and not alt.startswith("data:"):
                src = alt
                break
    if not src or src.startswith("data:"):
        return ""
    if base:
        try:
            return str(urljoin(base, src))
        except ValueError:
            return src
    return src


def _is_centered(el: etree._Element) -> bool:
    style = el.get("style")
    align = el.get("align")
    if style is None and align is None:
        return bool(el.tag == "center")
    style = (style or "").replace(" ", "").lower()
    return "text-align:center" in style or (align or "").lower() == "center" or el.tag == "center"


@dataclass
class _Ctx:
    link: bool = False
    caption: bool = False
    centered: bool = False
    block: etree._Element | None = None


class _Walker:
    """One iterative pass over a subtree, producing :class:`Block` s and, for every block element,
    the range of blocks it produced (``spans``)."""

    def __init__(self, base: str | None, skip: set[etree._Element] | None, root: etree._Element) -> None:
        self.base = base
        self.skip = skip or set()
        self.root = root
        self.blocks: list[Block] = []
        self.spans: dict[etree._Element, tuple[int, int]] = {}
        self._parts: list[str] = []
        self._links = 0
        self._ctx = _Ctx()  # context of the pending text's first part
        self._img_block: etree._Element | None = None

    def _flush(self) -> None:
        if not self._parts:
            return
        text = collapse("".join(self._parts))
        if text:
            ctx = self._ctx
            beside_image = ctx.block is not None and ctx.block is self._img_block
            self.blocks.append(
                Block(
                    text=text,
                    link_chars=min(self._links, len(text)),
                    caption_hint=ctx.caption or beside_image,
                    beside_image=beside_image and not ctx.caption,
                    centered=ctx.centered,
                    tag=ctx.block.tag if ctx.block is not None and isinstance(ctx.block.tag, str) else "",
                    owner=ctx.block,
                )
            )
        self._parts.clear()  # the same list: run() holds it
        self._links = 0

    def _text(self, text: str, ctx: _Ctx) -> None:
        if not self._parts:
            self._ctx = ctx
        self._parts.append(text)
        if ctx.link:
            self._links += len(collapse(text))

    def _image(self, el: etree._Element, ctx: _Ctx) -> None:
        src = _image_src(el, self.base)
        if not src:
            return
        self._flush()
        self.blocks.append(
            Block(
                image=ImageRef(src=src, alt=collapse(el.get("alt") or ""), title=collapse(el.get("title") or "")),
                tag="img",
                owner=ctx.block,
            )
        )
        holder = ctx.block
        # the same verdict whatever the walk's root, so a subtree walked alone gives the page's blocks
        small = holder is not None and len(text_of(holder)) <= _MAX_FIGURE_TEXT
        self._img_block = holder if small else None

    def run(self) -> None:
        # An explicit stack instead of recursion, of (element, context of its parent, kind, value):
        # kind 0 enters the element; 1 leaves an inline element (value: its tail); 2 leaves a block
        # element (value: where its blocks start). Hot loop: locals, each tag and tail read once
        # (lxml builds a new str on every access), no leave frame for an inline element without tail.
        root = self.root
        skip = self.skip
        blocks = self.blocks
        spans = self.spans
        parts = self._parts
        flush = self._flush
        stack: list[tuple[etree._Element, _Ctx, int, Any]] = [(root, _Ctx(block=None), 0, 0)]
        pop, push = stack.pop, stack.append
        while stack:
            el, pctx, kind, value = pop()
            if kind:
                if kind == 2:
                    flush()
                    spans[el] = (value, len(blocks))
                    value = el.tail if el is not root else None
                if value:
                    if not parts:
                        self._ctx = pctx
                    parts.append(value)
                    if pctx.link:
                        self._links += len(collapse(value))
                continue
            tag = el.tag
            if not isinstance(tag, str):  # comments, processing instructions
                tail = el.tail if el is not root else None
                if tail:
                    self._text(tail, pctx)
                continue
            tag = tag.lower()
            if (skip and el in skip) or tag in SKIP_TAGS:
                tail = el.tail if el is not root else None
                if tail:
                    self._text(tail, pctx)
                continue
            if tag == "img":
                self._image(el, pctx)
                tail = el.tail
                if tail:
                    self._text(tail, pctx)
                continue
            ctx = pctx
            if tag in BLOCK_TAGS:
                flush()
                if tag in ("br", "hr"):
                    tail = el.tail
                    if tail:
                        self._text(tail, pctx)
                    continue
                caption = pctx.caption or tag == "figcaption" or _class_says_caption(el)
                # alignment of a layout container (a centred <table>, a page-wide <div>) is not
                # the alignment of the text in it: inherit it only from text-level blocks
                centered = _is_centered(el) if tag not in _LAYOUT_TAGS else False
                if not centered and pctx.centered and pctx.block is not None and pctx.block.tag in _TEXT_BLOCKS:
                    centered = True
                ctx = _Ctx(link=pctx.link, caption=caption, centered=centered, block=el)
                push((el, pctx, 2, len(blocks)))
            else:
                if tag == "a" and not pctx.link:
                    ctx = _Ctx(link=True, caption=pctx.caption, centered=pctx.centered, block=pctx.block)
                tail = el.tail if el is not root else None
                if tail:
                    push((el, pctx, 1, tail))
            text = el.text
            if text:
                if not parts:
                    self._ctx = ctx
                parts.append(text)
                if ctx.link:
                    self._links += len(collapse(text))
            stack.extend([(child, ctx, 0, 0) for child in reversed(el)])
        flush()


def walk(node: etree._Element, base: str | None = None, skip: set[etree._Element] | None = None) -> list[Block]:
    """Paragraphs and images under ``node`` in document order (``skip`` subtrees left out)."""
    w = _Walker(base, skip, node)
    w.run()
    return w.blocks


class PageBlocks:
    """The whole page's paragraphs and images, walked once, with the slice every block element
    produced. A block element produces the same blocks walked alone or as part of the page (it
    flushes on entry and exit), so stages slice this walk instead of walking subtrees again."""

    def __init__(self, root: etree._Element, base: str | None = None) -> None:
        w = _Walker(base, None, root)
        w.run()
        self.root = root
        self.base = base
        self.blocks = w.blocks
        self.spans = w.spans
        self.text_blocks = [b for b in w.blocks if b.image is None]
        self.lines = [b.text for b in self.text_blocks]
        # one translate over the whole page instead of one per line per stage (normalize keeps
        # lengths and newlines, so the joined text splits back into the same lines)
        norms = normalize("\n".join(self.lines)).split("\n") if self.lines else []
        if len(norms) == len(self.lines):
            for b, n in zip(self.text_blocks, norms, strict=True):
                b.norm = n
        self.norms = [norm_of(b) for b in self.text_blocks]
        # block index -> line index (images are not lines)
        self._line_at: list[int] = []
        k = 0
        for b in w.blocks:
            self._line_at.append(k)
            if b.image is None:
                k += 1
        self._line_at.append(k)

    def span(self, el: etree._Element) -> tuple[int, int] | None:
        """The block range of a block element (None for inline elements)."""
        if el is self.root:
            return 0, len(self.blocks)
        return self.spans.get(el)

    def line_range(self, el: etree._Element) -> tuple[int, int] | None:
        """The range of text lines (images left out) a block element produced."""
        s = self.span(el)
        if s is None:
            return None
        return self._line_at[s[0]], self._line_at[s[1]]

    def blocks_of(self, el: etree._Element, skip: Iterable[etree._Element] = ()) -> list[Block]:
        """The blocks under a block element, without those of ``skip`` subtrees; walks the subtree
        again only when an element involved is inline (its text shares lines with others)."""
        span = self.span(el)
        skip = [s for s in skip if s is not el]
        spans = [self.span(s) for s in skip]
        if span is None or any(s is None for s in spans):
            return walk(el, self.base, set(skip))
        lo, hi = span
        if not skip:
            return self.blocks[lo:hi]
        drop = sorted(s for s in spans if s is not None)
        out: list[Block] = []
        pos = lo
        for a, b in drop:
            if b <= pos or a >= hi:
                continue
            out.extend(self.blocks[pos : max(pos, a)])
            pos = max(pos, b)
        out.extend(self.blocks[pos:hi])
        return out
