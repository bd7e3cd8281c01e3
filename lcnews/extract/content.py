"""Stage 3, locate content: the element holding the article's text, and the subtrees in it to leave out.

Two independent signals: the profile's body selectors (the site layer) and the text/link-density
pick of :mod:`lcnews.extract.generic`. The selector's node is trusted when the density pick agrees
(the same node, or one holds most of the other's text); otherwise the density pick wins and the
article records that the generic layer produced it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from lcnews.extract.dom import collapse, text_of
from lcnews.extract.generic import GenericPick, is_furniture_class, pick_main
from lcnews.extract.normalize import normalize
from lcnews.extract.page import Page
from lcnews.extract.rules import Rules

__all__ = ["Content", "is_notice", "locate"]

_WEAK_PICK = 12.0  # a density pick scoring below this (a few short lines) cannot overrule a selector
_MIN_BODY_CHARS = 2


@dataclass
class Content:
    node: etree._Element | None = None
    skip: set[etree._Element] = field(default_factory=set)
    layer: str = ""  # "site" | "generic" | ""
    evidence: str = ""
    lines: tuple[int, int] = (0, 0)  # the page lines it spans


def is_notice(text: str, rules: Rules) -> bool:
    """A paragraph of boilerplate: a disclaimer, a copyright or licence line, a follow-us box."""
    n = normalize(text[:200])
    if n.lstrip("【[(■● ").startswith(rules.notice_openers) and not n.startswith("编者按"):
        return True
    return any(rx.search(n) for rx in rules.furniture_res)


def _site_node(page: Page, rules: Rules) -> tuple[etree._Element | None, str]:
    for sel in rules.profile.selector("body"):
        for node in page.select(sel):
            if len(collapse(text_of(node))) >= _MIN_BODY_CHARS:
                return node, sel
    return None, ""


def _inside(el: etree._Element, ancestor: etree._Element) -> bool:
    return el is ancestor or any(a is ancestor for a in el.iterancestors())


def _agrees(site: etree._Element, pick: GenericPick) -> bool:
    """The selector's node holds the main text: it is the density pick, or one contains the other
    with most of the text, or it scores close to the pick on its own."""
    main = pick.node
    if site is main or pick.score < _WEAK_PICK:
        return True
    if pick.scores.get(site, 0.0) >= 0.5 * pick.score:
        return True
    if _inside(main, site):
        return len(text_of(main)) >= 0.8 * len(text_of(site))
    if _inside(site, main):
        return len(text_of(site)) >= 0.5 * len(text_of(main))
    return False


def _furniture_inside(node: etree._Element) -> set[etree._Element]:
    """Furniture-classed subtrees inside the content node (share bars, related lists, QR boxes);
    a furniture-looking class on a subtree holding most of the text is a false alarm."""
    out: set[etree._Element] = set()
    total = max(1, len("".join(text_of(node).split())))
    for el in node.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        name = f"{el.get('class') or ''} {el.get('id') or ''}"
        if name.strip() and is_furniture_class(name) and len("".join(text_of(el).split())) < 0.4 * total:
            out.add(el)
    return out


def locate(page: Page, rules: Rules) -> Content:
    notice: Callable[[str], bool] = lambda t: is_notice(t, rules)  # noqa: E731 -- a closure over rules
    pick = pick_main(page.root, notice)
    site, selector = _site_node(page, rules)
    found = Content()
    if site is not None and (pick is None or _agrees(site, pick)):
        found.node, found.layer = site, "site"
        found.evidence = f"selector {selector}" + (" + density" if pick is not None else "")
        for sel in rules.profile.selector("body_remove"):
            found.skip.update(el for el in page.select(sel) if _inside(el, site))
        found.skip |= _furniture_inside(site)
        if pick is not None:
            found.skip |= {el for el in pick.skip if _inside(el, site)}
    elif pick is not None:
        found.node, found.layer = pick.node, "generic"
        found.evidence = "density" + (f" (selector {selector} disagreed)" if site is not None else "")
        found.skip = set(pick.skip)
    if found.node is None:
        return found
    found.skip.discard(found.node)
    span = page.walk.line_range(found.node)
    if span is None:
        first = collapse(text_of(found.node))[:20]
        idx = next((i for i, ln in enumerate(page.walk.lines) if first and first in ln), 0)
        span = (idx, idx + 1)
    found.lines = span
    return found
