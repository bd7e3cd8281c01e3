"""The page builder every family renders with: it writes markup and records the ground truth together.

A family calls :class:`Build` helpers (``time``, ``credit``, ``furn``, ``body``...); each helper returns
the markup it shows and, in the same call, records what that markup means for the truth (a name
shown after ``责任编辑：`` becomes an editor, a line of furniture becomes a line that must not be body).
So markup and truth cannot drift apart. ``finish`` encodes the page and returns a :class:`PortalPage`.
"""

from __future__ import annotations

import html as _html
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from .text import Story

BEIJING = timezone(timedelta(hours=8))
WS = re.compile(r"[\s\u3000\xa0]+")


def norm_ws(text: str) -> str:
    """The contract's whitespace rule: collapse runs (incl. U+3000, NBSP) to one space, strip."""
    return WS.sub(" ", text).strip()


def esc(text: str) -> str:
    return _html.escape(text, quote=False)


def attr(text: str) -> str:
    return _html.escape(text, quote=True)


@dataclass
class PortalPage:
    """One generated third-party page: what a crawler would have fetched, and what it means."""

    url: str
    html: bytes
    headers: dict[str, str]
    family: str
    truth: dict[str, Any]


# Which truth list a credit label feeds (None: a credit kept out of the body and out of every field).
ROLE_FIELD: dict[str, str | None] = {
    "记者": "authors", "本报记者": "authors", "作者": "authors", "文": "authors", "撰文": "authors",
    "采写": "authors", "执笔": "authors", "本期评论员": "authors", "特约撰稿": "authors",
    "通讯员": "correspondents", "本报通讯员": "correspondents",
    "摄影": "photographers", "摄": "photographers", "图": "photographers", "摄像": "photographers",
    # editors: names labelled 编辑/责任编辑/责编 in any form (docs/CONTRACTS.md); the review chain
    # (初审/终审/审核...) and 校对 are credits in no field, as on the site's own replica
    "编辑": "editors", "责任编辑": "editors", "责编": "editors", "初审编辑": "editors", "终审编辑": "editors",
    "值班编辑": "editors",
    "初审": None, "复审": None, "终审": None, "一审": None, "二审": None, "三审": None, "审核": None,
    "编审": None,
    "校对": None, "监制": None, "出品": None, "统筹": None, "策划": None, "设计": None, "制作": None,
    "供稿": None,
}  # fmt: skip

# Encoding modes: (bytes codec, HTTP Content-Type, <meta> charset shown or None).
ENCODINGS: dict[str, tuple[str, str, str | None]] = {
    "utf8": ("utf-8", "text/html; charset=utf-8", "utf-8"),
    "utf8-header-only": ("utf-8", "text/html; charset=UTF-8", None),
    "utf8-undeclared": ("utf-8", "text/html", None),
    "gbk-meta": ("gbk", "text/html", "gb2312"),
    "gbk-header": ("gbk", "text/html; charset=GBK", "gb2312"),
    "gbk-undeclared": ("gbk", "text/html", None),
    "gbk-meta-says-utf8": ("gbk", "text/html", "utf-8"),  # a template copied from a UTF-8 site
    "utf8-meta-says-gb2312": ("utf-8", "text/html", "gb2312"),  # converted to UTF-8, meta left behind
}
LYING = frozenset({"gbk-meta-says-utf8", "utf8-meta-says-gb2312"})

TIME_FORMS = {
    "sec": "%Y-%m-%d %H:%M:%S",
    "min": "%Y-%m-%d %H:%M",
    "cn": "%Y年%m月%d日 %H:%M",
    "cn_tight": "%Y年%m月%d日%H:%M",
    "cn_sec": "%Y年%m月%d日 %H:%M:%S",
    "slash": "%Y/%m/%d %H:%M",
    "slash_sec": "%Y/%m/%d %H:%M:%S",
    "date": "%Y-%m-%d",
    "slash_date": "%Y/%m/%d",
    "cn_date": "%Y年%m月%d日",
}


def fmt_time(ts: datetime, form: str) -> str:
    if form == "nopad":  # forum style: 2024-5-9 10:21
        return f"{ts.year}-{ts.month}-{ts.day} {ts:%H:%M}"
    if form == "nopad_sec":
        return f"{ts.year}-{ts.month}-{ts.day} {ts:%H:%M:%S}"
    return ts.strftime(TIME_FORMS[form])


@dataclass
class Build:
    rng: random.Random
    story: Story
    url: str
    family: str
    encoding: str
    paragraphs: list[str] = field(default_factory=list)  # the truth body, in order
    title: str = ""
    published_raw: str = ""
    has_time: bool = True
    source: str = ""
    authors: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    images: list[dict[str, str]] = field(default_factory=list)
    not_body: list[str] = field(default_factory=list)
    traps: list[str] = field(default_factory=list)
    distractor_times: list[str] = field(default_factory=list)
    containers: list[str] = field(default_factory=list)  # opening tag(s) of the content container(s)
    furniture_inside: list[str] = field(default_factory=list)
    attached: list[str] = field(default_factory=list)  # datelines / trailing bylines shown inside a paragraph
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.paragraphs:
            self.paragraphs = list(self.story.paragraphs)
        if not self.title:
            self.title = self.story.title

    # -- randomness -------------------------------------------------------------------------------
    def pick(self, *options: Any) -> Any:
        return self.rng.choice(options)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def colon(self) -> str:
        return self.pick("：", "：", ":", ": ")

    def gap(self) -> str:
        """Whitespace between meta-line items, in the forms pages use (markup, not text)."""
        return self.pick("&nbsp;&nbsp;", "\u3000", "&nbsp;&nbsp;&nbsp;&nbsp;", "  ", "&emsp;", "\u3000\u3000", " ")

    def trap(self, name: str) -> None:
        if name not in self.traps:
            self.traps.append(name)

    # -- time -----------------------------------------------------------------------------------
    def time(self, form: str) -> str:
        """The publish time as shown (recorded as the truth's raw string)."""
        text = fmt_time(self.story.ts, form)
        self.published_raw = text
        self.has_time = ":" in text
        return text

    def time_raw(self, text: str, has_time: bool = True) -> str:
        """A publish time shown in a family's own shape (e.g. split across spans): text as a reader sees it."""
        self.published_raw = text
        self.has_time = has_time
        return text

    def other_time(self, days: float, form: str = "min", trap: str = "") -> str:
        """A date that is not the publish time (sidebar, player build, update...), recorded as a distractor."""
        ts = self.story.ts + timedelta(days=days, minutes=self.rng.randint(3, 600))
        text = fmt_time(ts, form)
        self.distractor_times.append(text)
        if trap:
            self.trap(trap)
        return text

    # -- credits ------------------------------------------------------------------------------------
    def record(self, label: str, names: list[str]) -> None:
        role = ROLE_FIELD[label]
        if role is None:
            return
        target: list[str] = getattr(self, role)
        for n in names:
            if n not in target:
                target.append(n)

    def people(self, k: int = 1) -> list[str]:
        return self.story.names(self.rng, k)

    def credit(self, label: str, k: int = 1, sep: str = "", joiner: str = "、", names: list[str] | None = None) -> str:
        """``label + sep + names`` as text (not escaped), names recorded under the label's role."""
        names = names if names is not None else self.people(k)
        self.record(label, names)
        return f"{label}{sep}{joiner.join(names)}"

    def furn(self, text: str, inside: bool = False) -> str:
        """A line of furniture (escaped); it must never be body."""
        line = norm_ws(text)
        if line:
            self.not_body.append(line)
            if inside:
                self.furniture_inside.append(line)
        return esc(text)

    def set_source(self, name: str) -> str:
        self.source = name
        return name

    # -- head ----------------------------------------------------------------------------------
    def meta_charset(self, style: str = "") -> str:
        declared = ENCODINGS[self.encoding][2]
        if declared is None:
            return ""
        style = style or self.pick("charset", "http-equiv")
        if style == "charset":
            return f'<meta charset="{declared}">'
        return f'<meta http-equiv="Content-Type" content="text/html; charset={declared}" />'

    def head(self, title_tag: str, metas: str = "", extra: str = "", charset_style: str = "") -> str:
        """``<head>`` with the charset declaration the encoding mode calls for, the ``<title>`` and metas."""
        css = f'<link rel="stylesheet" href="/css/{self.family}.css" />'
        return (f"<head>\n{self.meta_charset(charset_style)}\n<title>{esc(title_tag)}</title>\n{metas}\n{css}\n"
                f"{extra}\n</head>")  # fmt: skip

    def og(self, site: str, mode: str = "") -> str:
        """og:title present (the headline), absent, or stale (an earlier draft or the site's name)."""
        mode = mode or self.pick("present", "present", "absent", "stale")
        if mode == "absent":
            return ""
        value = self.title
        if mode == "stale":
            self.trap("og_stale")
            half = self.title.split(" ")[0]
            value = self.pick(
                site, half if half != self.title else site, self.title[: max(4, len(self.title) // 2)] + "（草稿）"
            )
        return f'<meta property="og:title" content="{attr(value)}" />\n<meta property="og:site_name" content="{attr(site)}" />'

    def title_tag(self, form: str, site: str, channel: str = "") -> str:
        """``<title>`` text: ``form`` with {t} (headline), {c} (channel), {s} (site)."""
        return form.format(t=self.title, c=channel, s=site)

    def container(self, tag: str) -> str:
        self.containers.append(tag)
        return tag

    # -- finish -----------------------------------------------------------------------------------
    def finish(self, markup: str) -> PortalPage:
        codec, ctype, declared = ENCODINGS[self.encoding]
        data = markup.encode(codec, "xmlcharrefreplace")  # as GBK CMSs write ©: an entity
        if codec == "gbk" and declared == "gb2312":
            try:
                data.decode("gb2312")
            except UnicodeDecodeError:
                self.trap("gbk_beyond_gb2312")  # a name such as 王喆: GBK bytes a strict GB2312 decoder refuses
        ts = self.story.ts
        if self.published_raw and self.has_time:
            seconds = self.published_raw.count(":") >= 2
            published_at = ts.strftime("%Y-%m-%dT%H:%M:") + (f"{ts:%S}" if seconds else "00") + "+08:00"
        elif self.published_raw:
            published_at = ts.strftime("%Y-%m-%d")
        else:
            published_at = None
        body = [norm_ws(p) for p in self.paragraphs if norm_ws(p)]
        if self.story.event_md and any(self.story.event_md in p for p in body):
            self.trap("dated_event_in_text")
        truth = {
            "url": self.url,
            "family": self.family,
            "title": norm_ws(self.title),
            "published_at": published_at,
            "published_day": ts.strftime("%Y-%m-%d") if self.published_raw else None,
            "published_has_time": bool(self.published_raw) and self.has_time,
            "published_raw": norm_ws(self.published_raw),
            "source": self.source,
            "authors": self.authors,
            "correspondents": self.correspondents,
            "photographers": self.photographers,
            "editors": self.editors,
            "body": "\n".join(body),
            "first_paragraph": body[0],
            "last_paragraph": body[-1],
            "images": self.images,
            "encoding": codec,
            "charset_mode": self.encoding,
            "traps": sorted(set(self.traps) | ({"lying_charset"} if self.encoding in LYING else set())),
            "not_body": list(dict.fromkeys(self.not_body)),
            "distractor_times": self.distractor_times,
            "containers": self.containers,
            "furniture_inside": list(dict.fromkeys(self.furniture_inside)),
            "attached": self.attached,
            **self.extra,
        }
        return PortalPage(self.url, data, {"Content-Type": ctype}, self.family, truth)


@dataclass(frozen=True)
class Family:
    """A page family: one coherent template of one kind of site, with seeded variation."""

    name: str
    label: str  # what kind of site it is written after
    render: Any  # Callable[[Build], str]
    url: Any  # Callable[[random.Random, datetime, int], str]
    encodings: tuple[str, ...] = ("utf8",)
    n_par: tuple[int, int] = (4, 8)
    kind: str = "story"  # story | notice


def doc(b: Build, head: str, body: str, doctype: str = "<!DOCTYPE html>", html_attr: str = "") -> str:
    return f"{doctype}\n<html{html_attr}>\n{head}\n<body>\n{body}\n</body>\n</html>\n"
