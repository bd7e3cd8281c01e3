"""Page-level metadata shared by both layers: title, canonical URL, meta line, breadcrumb."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree

from lcnews.extract.dates import DateHit, find_date
from lcnews.extract.dom import collapse, text_of
from lcnews.extract.rules import Rules

__all__ = [
    "base_url",
    "canonical_url",
    "clean_title",
    "head_title",
    "parse_breadcrumb",
    "parse_meta_line",
]

# Separators between a headline and the site name in <title>.
_TITLE_SPLIT_RE = re.compile(r"\s+[-|｜–—·]+\s+|\s*[_｜|]+\s*|\s*--+\s*|\s+-\s*|\s*-\s+")
_CRUMB_SPLIT_RE = re.compile(r"\s*(?:>>?|＞|»|›|→|/|\\)\s*")


def _strip_known(title: str, rules: Rules) -> str:
    changed = True
    while changed:
        changed = False
        for sfx in rules.title_suffixes:
            if title.endswith(sfx) and len(title) > len(sfx):
                head = title[: -len(sfx)].rstrip()
                stripped = head.rstrip("_-|｜–—·:： ")
                if stripped != head or head != title[: -len(sfx)]:
                    title, changed = stripped, True
    return title


def clean_title(raw: str, rules: Rules, *, page_title: bool = False) -> str:
    """Drop a site-name suffix (``_聊城新闻网``, ``-聊城新闻网``, `` | 大众网``) from a title.

    A headline element only loses the profile's known site names (``|`` inside a headline is
    part of it: ``锐评|以民生实事引领高质量发展``); a ``<title>`` (``page_title``) also loses an
    unknown trailing site name after a separator."""
    title = _strip_known(collapse(raw), rules)
    if not title or not page_title:
        return title
    parts = [p for p in _TITLE_SPLIT_RE.split(title) if p]
    if len(parts) <= 1:
        return title
    # unknown site name(s): the headline is the first part unless that is tiny (a channel name)
    first = parts[0]
    longest = max(parts, key=len)
    if len(first) >= 0.5 * len(longest):
        # keep separators inside the headline: cut the original at the first separator only
        # when the tail looks like a site name (short)
        m = _TITLE_SPLIT_RE.search(title)
        tail = title[m.end() :] if m else ""
        if m and len(tail) <= max(20, len(first)):
            return title[: m.start()].strip()
        return title
    return longest


def head_title(root: etree._Element) -> str:
    for el in root.iter("title"):
        return collapse(text_of(el) or "")
    return ""


def og_title(root: etree._Element) -> str:
    for el in root.iter("meta"):
        if (el.get("property") or el.get("name") or "").lower() in ("og:title", "twitter:title"):
            return collapse(el.get("content") or "")
    return ""


def base_url(root: etree._Element, url: str | None) -> str | None:
    for el in root.iter("base"):
        href = (el.get("href") or "").strip()
        if href:
            try:
                return urljoin(url or "", href)
            except ValueError:
                return url
    return url


def canonical_url(root: etree._Element, base: str | None) -> str:
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            try:
                return urljoin(base or "", el.get("href", "").strip())
            except ValueError:
                break
    for el in root.iter("meta"):
        if (el.get("property") or "").lower() == "og:url" and el.get("content"):
            try:
                return urljoin(base or "", el.get("content", "").strip())
            except ValueError:
                break
    return base or ""


def parse_meta_line(text: str, rules: Rules) -> tuple[str, str, DateHit | None]:
    """``来源:聊城日报  2022-01-13 09:14:06`` -> (source, source_raw, date).

    source_raw is the value as shown (before trimming); source is trimmed of brackets/spaces."""
    source = raw = ""
    m = rules.source_re.search(text)
    if m:
        raw = m.group("value")
        source = collapse(raw).strip("[]【】()（）").strip()
    return source, raw.strip(), find_date(text, rules.profile.timezone_offset)


def parse_breadcrumb(text: str, rules: Rules, title: str = "") -> list[str]:
    """``您的位置:首页>要闻 > 聊城政情 >`` -> ``["要闻", "聊城政情"]``."""
    text = rules.breadcrumb_prefix_re.sub("", collapse(text), count=1)
    names = []
    for part in _CRUMB_SPLIT_RE.split(text):
        part = part.strip(" :：")
        if not part or part in rules.breadcrumb_skip or part == title or len(part) > 20:
            continue
        if part not in names:
            names.append(part)
    return names
