"""Stage 2, parse: decoded text -> a :class:`Page` every later stage reads (tree, walk, head data).

The page is walked once (:class:`~lcnews.extract.dom.PageBlocks`); its ``<head>`` data (the
``<title>``, meta tags, JSON-LD, canonical link) are read once here, so the stages after it never
search the tree for them again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from lcnews.extract.dom import PageBlocks, collapse, parse_html, text_of
from lcnews.extract.select import Selector

__all__ = ["Page", "parse_page"]

_CLASSED = etree.XPath("//*[@class or @id]")


@dataclass
class Page:
    root: etree._Element
    url: str | None  # the page's URL (base for relative links)
    walk: PageBlocks
    head_title: str = ""
    # meta tags: lowercased name / property / itemprop -> contents in page order
    metas: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[Any] = field(default_factory=list)
    canonical_url: str = ""
    _selector: Selector | None = field(default=None, repr=False)
    _classed: list[tuple[etree._Element, str]] | None = field(default=None, repr=False)

    @property
    def classed(self) -> list[tuple[etree._Element, str]]:
        """Every element with a class or id and its lowercased ``"class id"`` string, in page
        order: the one list the stages that look for title-, byline- or source-classed elements
        filter (a walk over every element per stage cost more than the search itself)."""
        if self._classed is None:
            self._classed = [
                (el, f"{el.get('class') or ''} {el.get('id') or ''}".lower()) for el in _CLASSED(self.root)
            ]
        return self._classed

    def select(self, selector: str) -> list[etree._Element]:
        """Elements matching a CSS selector (one index of the page, shared by every stage)."""
        if self._selector is None:
            self._selector = Selector(self.root)
        return self._selector.select(selector)

    def meta(self, *keys: str) -> str:
        """The first non-empty content of the first of ``keys`` present."""
        for key in keys:
            for value in self.metas.get(key, ()):
                if value:
                    return value
        return ""

    def jsonld_values(self, key: str) -> list[str]:
        """Every string value of ``key`` in the page's JSON-LD objects, in order."""
        out: list[str] = []
        stack: list[Any] = list(reversed(self.jsonld))
        while stack:
            obj = stack.pop()
            if isinstance(obj, dict):
                value = obj.get(key)
                if isinstance(value, str):
                    out.append(value)
                elif isinstance(value, dict) and isinstance(value.get("name"), str):
                    out.append(value["name"])
                elif isinstance(value, list):
                    out.extend(
                        v if isinstance(v, str) else v.get("name", "") for v in value if isinstance(v, (str, dict))
                    )
                stack.extend(reversed([v for k, v in obj.items() if k != key and isinstance(v, (dict, list))]))
            elif isinstance(obj, list):
                stack.extend(reversed(obj))
        return [v for v in out if isinstance(v, str) and v]


def _base(root: etree._Element, url: str | None) -> str | None:
    for el in root.iter("base"):
        href = (el.get("href") or "").strip()
        if href:
            try:
                return str(urljoin(url or "", href))
            except ValueError:
                return url
    return url


def _canonical(root: etree._Element, base: str | None, metas: dict[str, list[str]]) -> str:
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            try:
                return str(urljoin(base or "", (el.get("href") or "").strip()))
            except ValueError:
                break
    og = next(iter(metas.get("og:url", ())), "")
    if og:
        try:
            return urljoin(base or "", og.strip())
        except ValueError:
            pass
    return base or ""


def parse_page(text: str, url: str | None = None) -> Page | None:
    """Parse decoded HTML into a :class:`Page`; None when there is nothing to parse."""
    root = parse_html(text)
    if root is None:
        return None
    base = _base(root, url)
    head_title = ""
    for el in root.iter("title"):
        head_title = collapse(text_of(el))
        break
    metas: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key:
            metas.setdefault(key, []).append(collapse(el.get("content") or ""))
    jsonld: list[Any] = []
    for el in root.iter("script"):
        if "ld+json" in (el.get("type") or "").lower() and el.text:
            try:
                jsonld.append(json.loads(el.text))
            except ValueError:
                continue  # broken JSON-LD is common; the other evidence still counts
    return Page(
        root=root,
        url=base,
        walk=PageBlocks(root, base),
        head_title=head_title,
        metas=metas,
        jsonld=jsonld,
        canonical_url=_canonical(root, base, metas),
    )
