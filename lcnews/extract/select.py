"""CSS selection over one page, fast for the simple selectors a site profile uses.

Kept apart from the tree walk (:mod:`lcnews.extract.dom`): the profile's selectors are one piece of
evidence of the site layer, read through :meth:`lcnews.extract.page.Page.select`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

__all__ = ["Selector", "css"]


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
    return list(xp(node))


_SIMPLE_RE = re.compile(r"^(?P<tag>[a-zA-Z][a-zA-Z0-9]*)?(?:(?P<kind>[.#])(?P<name>[\w-]+))?$")


class Selector:
    """CSS selection over one page, fast for the simple selectors profiles use (``tag``, ``.cls``,
    ``#id``, ``tag.cls`` and a descendant pair of those, answered from one index of the page);
    anything else goes to cssselect."""

    _CLASSED = etree.XPath("descendant-or-self::*[@class or @id]")

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self._by_class: dict[str, list[etree._Element]] | None = None
        self._by_id: dict[str, list[etree._Element]] = {}

    def _index(self) -> None:
        by_class: dict[str, list[etree._Element]] = {}
        for el in self._CLASSED(self.root):
            cls = el.get("class")
            if cls:
                for token in cls.split():
                    by_class.setdefault(token, []).append(el)
            ident = el.get("id")
            if ident:
                self._by_id.setdefault(ident.strip(), []).append(el)
        self._by_class = by_class

    def _simple(self, m: re.Match[str]) -> list[etree._Element]:
        tag, kind, name = m.group("tag"), m.group("kind"), m.group("name")
        if not kind:
            return list(self.root.iter(tag.lower())) if tag else []
        if self._by_class is None:
            self._index()
        assert self._by_class is not None
        found = self._by_class.get(name, []) if kind == "." else self._by_id.get(name, [])
        if tag:
            tag = tag.lower()
            found = [el for el in found if el.tag == tag]
        return list(found)

    def select(self, selector: str) -> list[etree._Element]:
        parts = selector.split()
        matches = [_SIMPLE_RE.match(p) for p in parts]
        if not parts or len(parts) > 2 or not all(matches):
            return css(self.root, selector)
        first = matches[0]
        assert first is not None
        outer = self._simple(first)
        if len(parts) == 1:
            return outer
        second = matches[1]
        assert second is not None
        inner = self._simple(second)
        if not outer or not inner:
            return []
        outer_set = set(outer)
        return [el for el in inner if any(a in outer_set for a in el.iterancestors())]
