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
_CLIMB = 6  # ancestors of the headline searched for the story's own container
_MIN_STORY = 60  # characters of text such a container needs


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
    return rules.furniture_re.search(n) is not None


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


def _near_headline(page: Page, pick: GenericPick, anchor: int) -> etree._Element | None:
    """The story beside the headline, when the density pick is elsewhere (a feed of other stories,
    a long notice): climbing from the headline, the first ancestor that holds either the pick or
    a scored container of real text after the headline decides. None when the pick agrees."""
    walk = page.walk
    head = walk.text_blocks[anchor].owner
    if head is None:
        return None
    story = next((a for a in head.iterancestors() if a.tag in ("article", "main")), None)
    # HTML5 says where the story is: the pick agrees when it is in the headline's <article>
    if story is not None and (_inside(pick.node, story) or _inside(story, pick.node)):
        return None
    anc = story if story is not None else head.getparent()
    for _ in range(_CLIMB):
        if anc is None or anc.tag in ("body", "html"):
            return None
        if _inside(pick.node, anc) or _inside(anc, pick.node):
            return None
        best: etree._Element | None = None
        best_score = 0.0
        for el, score in pick.scores.items():
            if score <= best_score or not _inside(el, anc):
                continue
            r = walk.line_range(el)
            if r is None or r[0] <= anchor or el.tag == "figcaption" or _is_caption_box(el):
                continue
            if len("".join(" ".join(walk.lines[r[0] : r[1]]).split())) < _MIN_STORY:
                continue
            best, best_score = el, score
        if best is not None:
            return best
        anc = anc.getparent()
    return None


def _is_caption_box(el: etree._Element) -> bool:
    name = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return "caption" in name or "pic" in name or "img" in name or "photo" in name


def locate(page: Page, rules: Rules, anchor: int = -1) -> Content:
    """The content element; ``anchor`` is the page line of a headline the ``<title>`` confirms
    (-1: none), near which the article's text begins."""
    notice: Callable[[str], bool] = lambda t: is_notice(t, rules)  # noqa: E731 -- a closure over rules
    pick = pick_main(page.root, notice)
    if pick is not None and anchor >= 0:
        near = _near_headline(page, pick, anchor)
        if near is not None:
            pick = GenericPick(
                node=near,
                skip={el for el in pick.skip if _inside(el, near)},
                score=pick.scores[near],
                scores=pick.scores,
            )
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
