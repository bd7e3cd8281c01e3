"""Founder e-paper metadata: the ``enpproperty`` comments, page numbers, dates and URL parts.

A Founder article page carries ``<!--enpproperty <date>…</date><title>…</title>…/enpproperty-->``.
A second copy often holds ``<error><!--#include … --></error>``: its nested ``-->`` closes the
comment early and the rest (date, ids, paper name, file name, title) becomes page text. Both are
cut out of the HTML here as one span, from ``<!--enpproperty`` to ``/enpproperty-->``, so the
leaked tail can never reach a body, and their tags are read as evidence.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lcnews.site import EpaperProfile, Paper

__all__ = [
    "ContentRef",
    "Metadata",
    "chinese_number",
    "content_ref",
    "layout_ref",
    "split_metadata",
]

_TAG_RE = re.compile(r"<(?P<tag>[a-zA-Z][\w-]*)>(?P<value>.*?)</(?P=tag)>", re.S)
_INNER_TAG_RE = re.compile(r"<[^>]*>")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass
class Metadata:
    """Tags of every metadata comment, first non-empty value per tag (lowercased names)."""

    tags: dict[str, str] = field(default_factory=dict)
    comments: int = 0

    def first(self, names: tuple[str, ...]) -> str:
        for name in names:
            value = self.tags.get(name.lower(), "")
            if value:
                return value
        return ""


def _value(raw: str) -> str:
    text = html.unescape(_INNER_TAG_RE.sub(" ", raw))
    return " ".join(text.split())


def _read_tags(span: str, into: Metadata) -> None:
    span = re.sub(r"<error>.*?</error>", " ", span, flags=re.S | re.I)
    for m in _TAG_RE.finditer(span):
        tag = m.group("tag").lower()
        value = _value(m.group("value"))
        if value and not into.tags.get(tag):
            into.tags[tag] = value


def split_metadata(text: str, ep: EpaperProfile) -> tuple[str, Metadata]:
    """The page without its metadata comments (and their leaked tails), and their tags."""
    meta = Metadata()
    for start in ep.label("metadata_start"):
        for end in ep.label("metadata_end"):
            pattern = re.compile(re.escape(start) + r"(.*?)" + re.escape(end), re.S | re.I)
            pieces: list[str] = []
            pos = 0
            for m in pattern.finditer(text):
                _read_tags(m.group(1), meta)
                meta.comments += 1
                pieces.append(text[pos : m.start()])
                pos = m.end()
            if pieces:
                pieces.append(text[pos:])
                text = " ".join(pieces)
    for start in ep.label("extra_comment_start"):
        pattern = re.compile(re.escape(start) + r"(.*?)-->", re.S | re.I)
        for m in pattern.finditer(text):
            _read_tags(m.group(1), meta)
        text = pattern.sub(" ", text)
    return text, meta


def chinese_number(value: str) -> int | None:
    """``"3"``, ``"03"``, ``"三"``, ``"十二"``, ``"二十"`` → the number; None when it is not one."""
    value = value.strip()
    if value.isdigit():
        return int(value)
    if not value or any(c not in _DIGITS and c != "十" for c in value):
        return None
    if "十" in value:
        tens, _, ones = value.partition("十")
        t = _DIGITS.get(tens, 1) if tens else 1
        o = _DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o
    n = 0
    for c in value:
        n = n * 10 + _DIGITS[c]
    return n


@dataclass(frozen=True)
class ContentRef:
    """What an article URL says: its paper, content id and (dated form) edition date."""

    paper: Paper | None
    content_id: int
    date: str  # "YYYY-MM-DD", "" for the undated form


def content_ref(url: str, ep: EpaperProfile, base: str | None = None) -> ContentRef | None:
    """The content page a URL (absolute or relative to ``base``) points at; None if it is not one."""
    path = urlsplit(urljoin(base or "", url)).path
    m = ep.content_re.match(path)
    if not m:
        return None
    groups = m.groupdict()
    date = ""
    if groups.get("yyyymm") and groups.get("dd"):
        ym = groups["yyyymm"]
        date = f"{ym[:4]}-{ym[4:]}-{groups['dd']}"
    return ContentRef(ep.paper(groups.get("dir") or ""), int(m.group("id")), date)


def layout_ref(url: str, ep: EpaperProfile, base: str | None = None) -> tuple[Paper | None, str, str] | None:
    """(paper, ``YYYY-MM-DD``, node) of a layout page URL; None if it is not one."""
    path = urlsplit(urljoin(base or "", url)).path
    m = ep.layout_re.match(path)
    if not m:
        return None
    ym = m.group("yyyymm")
    return ep.paper(m.group("dir")), f"{ym[:4]}-{ym[4:]}-{m.group('dd')}", m.group("nn")
