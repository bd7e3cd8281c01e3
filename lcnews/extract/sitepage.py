"""The site layer: find title, meta line, breadcrumb and body with the profile's CSS selectors.

It only locates nodes; cleaning is body.py's job. When no body selector finds a node with
usable text, :func:`locate` says so and the orchestrator falls back to the generic layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from lcnews.extract.dom import Selector, collapse, text_of
from lcnews.extract.rules import Rules
from lcnews.site import SiteProfile

__all__ = ["SiteNodes", "locate"]

# A body node needs some text ("the first selector matching a non-empty node wins").
MIN_BODY_CHARS = 2
_MAX_TITLE_CHARS = 200


@dataclass
class SiteNodes:
    title: str = ""  # title text as shown, whitespace collapsed
    title_node: etree._Element | None = None
    meta: str = ""
    breadcrumb: str = ""
    body: etree._Element | None = None
    body_selector: str = ""
    remove: set[etree._Element] = field(default_factory=set)


def _first_text(
    sel_: Selector, selectors: tuple[str, ...], max_chars: int | None = None
) -> tuple[str, etree._Element | None]:
    for sel in selectors:
        for node in sel_.select(sel):
            text = collapse(text_of(node) or "")
            if text and (max_chars is None or len(text) <= max_chars):
                return text, node
    return "", None


def _expected(profile: SiteProfile, kinds: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sel for kind in kinds for sel in profile.selector(kind))


def locate(root: etree._Element, rules: Rules) -> SiteNodes:
    profile = rules.profile
    found = SiteNodes()
    index = Selector(root, _expected(profile, ("title", "meta", "breadcrumb", "body", "body_remove")))
    found.title, found.title_node = _first_text(index, profile.selector("title"), _MAX_TITLE_CHARS)
    for sel in profile.selector("meta"):
        for node in index.select(sel):
            text = collapse(text_of(node) or "")
            if (
                text
                and len(text) <= 300
                and (rules.source_re.search(text) or any(c.isdigit() for c in text))
            ):
                found.meta = text
                break
        if found.meta:
            break
    found.breadcrumb = _first_text(index, profile.selector("breadcrumb"), 300)[0]
    for sel in profile.selector("body"):
        for node in index.select(sel):
            text = text_of(node) or ""
            if len(collapse(text)) >= MIN_BODY_CHARS:
                found.body, found.body_selector = node, sel
                break
        if found.body is not None:
            break
    if found.body is not None:
        body_index = index.within(found.body)
        for sel in profile.selector("body_remove"):
            found.remove.update(body_index.select(sel))
        found.remove.discard(found.body)
    return found
