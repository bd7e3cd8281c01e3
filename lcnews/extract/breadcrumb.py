"""The breadcrumb (``您的位置：首页 > 要闻 > 聊城政情``): channel names, and a line no other field
may be read from."""

from __future__ import annotations

import re

from lcnews.extract.dom import collapse, text_of
from lcnews.extract.normalize import normalize
from lcnews.extract.page import Page
from lcnews.extract.rules import Rules

__all__ = ["Breadcrumb", "find_breadcrumb", "looks_like_crumbs"]

_SPLIT_RE = re.compile(r"\s*(?:>>?|＞|»|›|→|->|/|\\|\|)\s*")
_CLASS_STEMS = ("crumb", "position", "location", "weizhi", "nav-path", "navpath", "dqwz", "mianbao", "path")
_MAX = 200


class Breadcrumb:
    def __init__(self, text: str = "", names: list[str] | None = None) -> None:
        self.text = text
        self.names = names or []

    def __bool__(self) -> bool:
        return bool(self.text)


def looks_like_crumbs(line: str, rules: Rules) -> bool:
    """A line of crumbs: a lead-in (您的位置) or two or more separators between short parts."""
    n = normalize(line)
    if rules.breadcrumb_re.match(n):
        return True
    parts = [p for p in re.split(r"\s*(?:>>?|»|›|→|->)\s*", n) if p]
    return len(parts) >= 3 and all(len(p) <= 12 for p in parts)


def _names(text: str, rules: Rules, title: str) -> list[str]:
    n = normalize(text)
    m = rules.breadcrumb_re.match(n)
    if m:
        text, n = text[m.end() :], n[m.end() :]
    names: list[str] = []
    pos = 0
    first = True  # the first crumb after the lead-in is where a site names itself
    for sep in [*_SPLIT_RE.finditer(n), None]:
        a, b = (sep.start(), sep.end()) if sep is not None else (len(n), len(n))
        part, part_n = text[pos:a].strip(" :："), n[pos:a].strip(" :")
        pos = b
        if not part:
            continue
        root, first = first, False
        if part_n in rules.breadcrumb_skip or part == title or len(part) > 20:
            continue
        if not rules.is_channel_name(part) and (
            normalize(part) in rules.site_names or (root and rules.is_site_name(part))
        ):
            continue  # 聊城新闻网 > 要闻: the site's own name is the root, not a channel
        if part not in names:
            names.append(part)
    return names


def find_breadcrumb(page: Page, rules: Rules, selectors: tuple[str, ...] = (), title: str = "") -> Breadcrumb:
    """The breadcrumb: a profile selector's node, else an element whose class names one, else the
    shortest block opening with a lead-in (您的位置:…)."""
    if selectors:
        for sel in selectors:
            for node in page.select(sel):
                text = collapse(text_of(node))
                if text and len(text) <= _MAX:
                    return Breadcrumb(text, _names(text, rules, title))
    walk = page.walk
    for i, line in enumerate(walk.lines):
        if len(line) > _MAX:
            continue
        n = walk.norms[i]
        if rules.breadcrumb_re.match(n) and (len(n) > 8 or i + 1 >= len(walk.lines)):
            return Breadcrumb(line, _names(line, rules, title))
        if rules.breadcrumb_re.match(n):
            # the lead-in alone on its line: the crumbs follow on the next one
            joined = line + " " + walk.lines[i + 1]
            if len(joined) <= _MAX:
                return Breadcrumb(joined, _names(joined, rules, title))
    for el, name in page.classed:
        if el.tag in ("div", "p", "span", "nav", "ol", "ul", "td") and any(s in name for s in _CLASS_STEMS):
            text = collapse(text_of(el))
            if 2 <= len(text) <= _MAX and looks_like_crumbs(text, rules):
                return Breadcrumb(text, _names(text, rules, title))
    return Breadcrumb()
