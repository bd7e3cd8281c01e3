"""The site profile: every site-specific fact (URLs, channels, selectors, labels) as data.

The profile is a TOML file (``lcnews/profiles/lcxw.toml`` by default). Code reads it through
:class:`SiteProfile`; nothing else in lcnews names a path, selector or label of the site.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

DEFAULT_PROFILE = "lcxw"


class ProfileError(ValueError):
    """The profile file is missing, unreadable or inconsistent."""


@dataclass(frozen=True)
class Channel:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass
class SiteProfile:
    name: str
    origin: str
    hosts: tuple[str, ...]
    start_paths: tuple[str, ...]
    timezone_offset: str
    article_pattern: str
    legacy_article_patterns: tuple[str, ...]
    listing_pattern: str
    skip_patterns: tuple[str, ...]
    skip_menu_labels: tuple[str, ...]
    tracking_params: tuple[str, ...]
    next_texts: tuple[str, ...]
    max_listing_pages: int
    channels: tuple[Channel, ...]
    selectors: dict[str, tuple[str, ...]]
    labels: dict[str, tuple[str, ...]]
    boilerplate_lines: tuple[str, ...]
    stop_markers: tuple[str, ...]
    line_patterns: tuple[str, ...]
    path: str = ""
    raw: dict[str, Any] = field(default_factory=dict, repr=False)
    epaper: EpaperProfile | None = None  # the print editions ([epaper]), when the profile has them

    # -- compiled forms (cached) -------------------------------------------------------------
    @cached_property
    def article_re(self) -> re.Pattern[str]:
        return re.compile(self.article_pattern)

    @cached_property
    def legacy_article_res(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.legacy_article_patterns)

    @cached_property
    def listing_re(self) -> re.Pattern[str]:
        return re.compile(self.listing_pattern)

    @cached_property
    def skip_res(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.I) for p in self.skip_patterns)

    @cached_property
    def line_res(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.line_patterns)

    @cached_property
    def channel_names(self) -> dict[str, str]:
        return {c.slug: c.name for c in self.channels}

    def channel(self, slug: str) -> Channel | None:
        for c in self.channels:
            if c.slug == slug:
                return c
        return None

    def label(self, kind: str) -> tuple[str, ...]:
        return self.labels.get(kind, ())

    def selector(self, kind: str) -> tuple[str, ...]:
        return self.selectors.get(kind, ())


@dataclass(frozen=True)
class Paper:
    key: str  # "lcrb"
    dir: str  # the folder on the e-paper host: "paper"
    name: str  # "聊城日报"


@dataclass
class EpaperProfile:
    """The e-paper's site facts (``[epaper]`` of the profile): URL forms, papers, selectors, labels."""

    origin: str
    hosts: tuple[str, ...]
    entry: str
    layout: str
    first_node: str
    layout_pattern: str
    content_pattern: str
    content: str
    pdf_pattern: str
    max_pages: int
    papers: tuple[Paper, ...]
    selectors: dict[str, tuple[str, ...]]
    labels: dict[str, tuple[str, ...]]
    patterns: dict[str, str]  # the regular-expression labels (page_label, continued_to, ...)

    @cached_property
    def layout_re(self) -> re.Pattern[str]:
        return re.compile(self.layout_pattern)

    @cached_property
    def content_re(self) -> re.Pattern[str]:
        return re.compile(self.content_pattern)

    @cached_property
    def pdf_re(self) -> re.Pattern[str]:
        return re.compile(self.pdf_pattern, re.I)

    def pattern(self, kind: str) -> re.Pattern[str]:
        return _compiled(self.patterns.get(kind, r"(?!x)x"))

    def label(self, kind: str) -> tuple[str, ...]:
        return self.labels.get(kind, ())

    def selector(self, kind: str) -> tuple[str, ...]:
        return self.selectors.get(kind, ())

    def paper(self, key_or_dir: str) -> Paper | None:
        for p in self.papers:
            if key_or_dir in (p.key, p.dir):
                return p
        return None

    def layout_path(self, paper: Paper, date: str, node: str | None = None) -> str:
        """``date`` is ``YYYY-MM-DD``; ``node`` the page's node number (the day's first by default)."""
        y, m, d = date.split("-")
        return self.layout.format(dir=paper.dir, yyyymm=y + m, dd=d, nn=node or self.first_node)

    def content_path(self, paper: Paper, date: str, content_id: int) -> str:
        y, m, d = date.split("-")
        return self.content.format(dir=paper.dir, yyyymm=y + m, dd=d, id=content_id)

    def entry_path(self, paper: Paper) -> str:
        return self.entry.format(dir=paper.dir)


_PATTERN_LABELS = ("page_label", "page_line", "page_list_item", "continued_to", "continued_from")


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def parse_epaper(data: dict[str, Any], path: str = "") -> EpaperProfile:
    where = path or "<data>"
    try:
        papers = tuple(Paper(key=p["key"], dir=p["dir"], name=p["name"]) for p in data.get("papers", []))
        labels = data.get("labels", {})
        profile = EpaperProfile(
            origin=data["origin"].rstrip("/"),
            hosts=_tuple(data.get("hosts"), "epaper.hosts"),
            entry=data.get("entry", ""),
            layout=data["layout"],
            first_node=str(data.get("first_node", "01")),
            layout_pattern=data["layout_pattern"],
            content_pattern=data["content_pattern"],
            content=data["content"],
            pdf_pattern=data.get("pdf_pattern", r"\.pdf$"),
            max_pages=int(data.get("max_pages", 40)),
            papers=papers,
            selectors={k: _tuple(v, f"epaper.selectors.{k}") for k, v in data.get("selectors", {}).items()},
            labels={k: _tuple(v, f"epaper.labels.{k}") for k, v in labels.items() if k not in _PATTERN_LABELS},
            patterns={k: str(labels[k]) for k in _PATTERN_LABELS if k in labels},
        )
    except KeyError as exc:
        raise ProfileError(f"[epaper] in {where} lacks {exc.args[0]!r}") from None
    if not papers:
        raise ProfileError(f"[epaper] in {where} names no [[epaper.papers]]")
    for what, pattern in [
        ("layout_pattern", profile.layout_pattern),
        ("content_pattern", profile.content_pattern),
        ("pdf_pattern", profile.pdf_pattern),
        *profile.patterns.items(),
    ]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ProfileError(f"epaper {what} in {where}: bad regular expression {pattern!r}: {exc}") from None
    if "id" not in profile.content_re.groupindex:
        raise ProfileError(f"epaper content_pattern in {where} must define (?P<id>...)")
    return profile


def _tuple(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"{what} must be a list of strings")
    return tuple(value)


def parse_profile(data: dict[str, Any], path: str = "") -> SiteProfile:
    """Build a profile from parsed TOML, validating every field a crawl depends on."""
    try:
        site = data["site"]
        urls = data["urls"]
    except KeyError as exc:
        raise ProfileError(f"profile {path or '<data>'} lacks the [{exc.args[0]}] table") from None
    listing = data.get("listing", {})
    channels = []
    for i, ch in enumerate(data.get("channels", [])):
        if "slug" not in ch or "name" not in ch:
            raise ProfileError(f"channel #{i + 1} in {path or '<data>'} needs slug and name")
        channels.append(
            Channel(slug=ch["slug"].strip("/"), name=ch["name"], aliases=_tuple(ch.get("aliases"), "aliases"))
        )
    boiler = data.get("boilerplate", {})
    profile = SiteProfile(
        name=site.get("name", ""),
        origin=site["origin"].rstrip("/"),
        hosts=_tuple(site.get("hosts"), "site.hosts"),
        start_paths=_tuple(site.get("start_paths", ["/"]), "site.start_paths"),
        timezone_offset=site.get("timezone_offset", "+08:00"),
        article_pattern=urls["article"],
        legacy_article_patterns=_tuple(urls.get("legacy_article"), "urls.legacy_article"),
        listing_pattern=urls["listing"],
        skip_patterns=_tuple(urls.get("skip"), "urls.skip"),
        skip_menu_labels=_tuple(urls.get("skip_menu_labels"), "urls.skip_menu_labels"),
        tracking_params=_tuple(urls.get("tracking_params"), "urls.tracking_params"),
        next_texts=_tuple(listing.get("next_texts"), "listing.next_texts"),
        max_listing_pages=int(listing.get("max_pages", 500)),
        channels=tuple(channels),
        selectors={k: _tuple(v, f"selectors.{k}") for k, v in data.get("selectors", {}).items()},
        labels={k: _tuple(v, f"labels.{k}") for k, v in data.get("labels", {}).items()},
        boilerplate_lines=_tuple(boiler.get("lines"), "boilerplate.lines"),
        stop_markers=_tuple(boiler.get("stop_markers"), "boilerplate.stop_markers"),
        line_patterns=_tuple(boiler.get("line_patterns"), "boilerplate.line_patterns"),
        path=path,
        raw=data,
        epaper=parse_epaper(data["epaper"], path) if "epaper" in data else None,
    )
    for what, pattern in [
        ("urls.article", profile.article_pattern),
        ("urls.listing", profile.listing_pattern),
        *[("urls.skip", p) for p in profile.skip_patterns],
        *[("urls.legacy_article", p) for p in profile.legacy_article_patterns],
        *[("boilerplate.line_patterns", p) for p in profile.line_patterns],
    ]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ProfileError(f"{what} in {path or '<data>'}: bad regular expression {pattern!r}: {exc}") from None
    if "id" not in profile.article_re.groupindex or "channel" not in profile.article_re.groupindex:
        raise ProfileError("urls.article must define the named groups (?P<channel>...) and (?P<id>...)")
    for p in profile.legacy_article_patterns:
        if "id" not in re.compile(p).groupindex:
            raise ProfileError(f"urls.legacy_article pattern {p!r} must define (?P<id>...)")
    return profile


def load_profile(path: str | os.PathLike[str] | None = None) -> SiteProfile:
    """Load a profile: an explicit path, else $LCNEWS_SITE_PROFILE, else the bundled lcxw profile."""
    chosen = path or os.environ.get("LCNEWS_SITE_PROFILE")
    if chosen:
        p = Path(chosen)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise ProfileError(f"cannot read site profile {p}: {exc.strerror}") from None
        label = str(p)
    else:
        text = resources.files("lcnews.profiles").joinpath(f"{DEFAULT_PROFILE}.toml").read_text(encoding="utf-8")
        label = f"lcnews/profiles/{DEFAULT_PROFILE}.toml"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"site profile {label} is not valid TOML: {exc}") from None
    return parse_profile(data, label)
