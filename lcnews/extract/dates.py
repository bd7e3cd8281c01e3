"""Publication dates: find them in meta tags, JSON-LD and page text; normalise to Beijing time.

``published_at`` is ``YYYY-MM-DDTHH:MM:SS+08:00`` (the profile's offset); ``published_raw`` is the
string as the page shows it. Impossible dates (month 13, 31 February, year 1066) are rejected.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from lxml import etree

__all__ = [
    "DateHit",
    "date_from_jsonld",
    "date_from_meta",
    "find_date",
    "find_month",
    "parse_date",
    "to_iso",
]

# <meta> names/properties/itemprops that carry the publication time (generic web vocabulary).
META_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "published_time",
    "pubdate",
    "publishdate",
    "publish_date",
    "publishtime",
    "publish-date",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "originalpublicationdate",
    "weibo:article:create_at",
    "firstpublishedtime",
    "date",
    "created",
    "release_date",
)
_META_RANK = {k: i for i, k in enumerate(META_DATE_KEYS)}

# Full-width digits and colons map one-to-one, so match offsets stay valid in the raw text.
_FULLWIDTH = str.maketrans("０１２３４５６７８９：－／", "0123456789:-/")
_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
    # the year apart from the day ("2024 12/15 09:57", a masthead stamp split across elements)
    r"|\s+(?P<m3>\d{1,2})/(?P<d3>\d{1,2})(?![\d/]))"
    r"(?:(?:\s*(?:T|\s|[（(][^()（）]{1,4}[)）]|星期.|周.)\s*|\s*)"
    r"(?P<H>\d{1,2})\s*[:时時]\s*(?P<M>\d{2})(?:\s*[:分]\s*(?P<S>\d{2})(?:\.\d+)?)?"
    r"(?:\s*(?P<tz>Z|[+-]\d{2}:?\d{2}))?)?"
)
# US order as some CMSs print it: 9/17/2004 5:54:13 AM
_US_RE = re.compile(
    r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])"
    r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp][Mm])?)?"
)
# A month with no day ("《北京之春》1998年3月号", "2003年5月"): a magazine issue or a dated essay.
_MONTH_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d)")
_ISO_COMPACT_RE = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:T?(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?)?$")


@dataclass(frozen=True)
class DateHit:
    iso: str
    raw: str
    has_time: bool
    start: int = 0  # offset of the match in the searched text


def _offset(tz: str) -> timezone:
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", tz.strip())
    if not m:
        return timezone(timedelta(hours=8))
    sign = 1 if m.group(1) == "+" else -1
    return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3))))


def to_iso(
    y: int,
    m: int,
    d: int,
    hh: int = 0,
    mm: int = 0,
    ss: int = 0,
    tz: str | None = None,
    local_offset: str = "+08:00",
) -> str | None:
    """ISO 8601 in the site's local offset, or None for an impossible or implausible date."""
    try:
        dt = datetime(y, m, d, hh, mm, ss)
    except ValueError:
        return None
    if dt.year < 1990 or dt.year > datetime.now().year + 1:
        return None
    local = _offset(local_offset)
    aware = dt.replace(tzinfo=UTC if tz == "Z" else _offset(tz)).astimezone(local) if tz else dt.replace(tzinfo=local)
    return aware.strftime("%Y-%m-%dT%H:%M:%S") + aware.strftime("%z")[:3] + ":" + aware.strftime("%z")[3:]


def _hit(m: re.Match[str], text: str, local_offset: str) -> DateHit | None:
    month = m.group("m") or m.group("m2") or m.group("m3")
    day = m.group("d") or m.group("d2") or m.group("d3")
    has_time = m.group("H") is not None
    iso = to_iso(
        int(m.group("y")),
        int(month),
        int(day),
        int(m.group("H") or 0),
        int(m.group("M") or 0),
        int(m.group("S") or 0),
        m.group("tz"),
        local_offset,
    )
    if iso is None and has_time:
        # A bad time next to a good date: keep the date.
        iso = to_iso(int(m.group("y")), int(month), int(day), local_offset=local_offset)
        has_time = False
    if iso is None:
        return None
    return DateHit(iso=iso, raw=text[m.start() : m.end()].strip(), has_time=has_time, start=m.start())


def find_dates(text: str, local_offset: str = "+08:00") -> list[DateHit]:
    """Every valid date (with its time when adjacent) in a text, in order."""
    if not text:
        return []
    norm = text.translate(_FULLWIDTH)
    hits = []
    for m in _DATE_RE.finditer(norm):
        h = _hit(m, text, local_offset)
        if h:
            hits.append(h)
    return hits


def find_date(text: str, local_offset: str = "+08:00") -> DateHit | None:
    """The first valid date in a text."""
    if not text:
        return None
    norm = text.translate(_FULLWIDTH)
    for m in _DATE_RE.finditer(norm):
        h = _hit(m, text, local_offset)
        if h:
            return h
    for m in _US_RE.finditer(norm):
        hh = int(m["H"] or 0)
        if m["ampm"] and hh <= 12:
            hh = hh % 12 + (12 if m["ampm"].lower() == "pm" else 0)
        iso = to_iso(
            int(m["y"]),
            int(m["m"]),
            int(m["d"]),
            hh,
            int(m["M"] or 0),
            int(m["S"] or 0),
            None,
            local_offset,
        )
        if iso:
            return DateHit(iso, text[m.start() : m.end()].strip(), m["H"] is not None, m.start())
    return None


def find_month(text: str, local_offset: str = "+08:00") -> DateHit | None:
    """A year-and-month with no day, as the first of that month (``has_time`` False); the raw
    string shows the precision actually given."""
    if not text:
        return None
    norm = text.translate(_FULLWIDTH)
    for m in _MONTH_RE.finditer(norm):
        iso = to_iso(int(m["y"]), int(m["m"]), 1, local_offset=local_offset)
        if iso:
            return DateHit(iso, text[m.start() : m.end()].strip(), False, m.start())
    return None


def parse_date(value: str, local_offset: str = "+08:00") -> DateHit | None:
    """Parse one date value (meta content, JSON-LD, a time element); raw is the whole value."""
    value = (value or "").strip()
    if not value:
        return None
    m = _ISO_COMPACT_RE.match(value)
    if m:
        iso = to_iso(
            int(m["y"]),
            int(m["m"]),
            int(m["d"]),
            int(m["H"] or 0),
            int(m["M"] or 0),
            int(m["S"] or 0),
            None,
            local_offset,
        )
        return DateHit(iso, value, m["H"] is not None) if iso else None
    h = find_date(value, local_offset)
    if h is None:
        return None
    return DateHit(h.iso, value, h.has_time)


def date_from_meta(root: etree._Element, local_offset: str = "+08:00") -> DateHit | None:
    """The best publication date among <meta> tags and <time datetime> elements."""
    best: tuple[int, DateHit] | None = None
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key not in _META_RANK:
            continue
        hit = parse_date(el.get("content") or "", local_offset)
        if hit and (best is None or _META_RANK[key] < best[0]):
            best = (_META_RANK[key], hit)
    if best:
        return best[1]
    for el in root.iter("time"):
        if (el.get("itemprop") or "").lower() in ("datepublished", "") and el.get("datetime"):
            hit = parse_date(el.get("datetime") or "", local_offset)
            if hit:
                return hit
    return None


def _jsonld_dates(obj: object, out: list[str]) -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "datePublished" and isinstance(v, str):
                out.append(v)
            elif isinstance(v, (dict, list)):
                _jsonld_dates(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _jsonld_dates(v, out)


def date_from_jsonld(root: etree._Element, local_offset: str = "+08:00") -> DateHit | None:
    for el in root.iter("script"):
        if "ld+json" not in (el.get("type") or "").lower() or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        found: list[str] = []
        _jsonld_dates(data, found)
        for value in found:
            hit = parse_date(value, local_offset)
            if hit:
                return hit
    return None
