"""Stage: publication time and source. Candidates from independent evidence, chosen by agreement.

The meta line is read as text, whatever elements split it (``<span>来源：</span><span>X</span>
<span>2024-06-08 21:32</span>``): any whitespace, half- or full-width colons, either order, with or
without seconds, ``YYYY年MM月DD日 HH:MM``. Time evidence: a labelled time (发布时间/时间/日期) or one beside
来源 in the lines between headline and body; meta tags and JSON-LD; a ``<time>`` element; the date
in the URL; a short dated line at the top or end of the body. Candidates that agree on the day
reinforce each other. Times in scripts, players and sidebars are never candidates. A source never
holds a date, a time or a counter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from lxml import etree

from lcnews.extract import vocab
from lcnews.extract.content import is_notice
from lcnews.extract.dates import META_DATE_KEYS, DateHit, find_date, find_dates, parse_date
from lcnews.extract.dom import Block, collapse, norm_of
from lcnews.extract.normalize import normalize
from lcnews.extract.page import Page
from lcnews.extract.rules import Rules

__all__ = ["SourceChoice", "TimeChoice", "choose_source", "choose_time", "url_day"]

_MAX_LINE = 160
_LABEL_GAP = 14  # characters between a time label and its date
_SOURCE_MAX = 40
_SOURCE_LABEL_AT = 60  # a 来源 label further into a line is prose, not the meta line
_EDITED_AFTER_RE = re.compile(r"\s*(?:编辑|修改|更新|重新编辑)")
_URL_DATE_RES = (
    re.compile(r"/(?P<y>20\d\d|19\d\d)[-_/]?(?P<m>[01]\d)[-_/]?(?P<d>[0-3]\d)(?:/|_|\.|$)"),
    re.compile(r"[/_tc](?P<y>20\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)[_\d]"),
    re.compile(r"/(?P<y>20\d\d)[-/](?P<m>[01]\d)/(?P<d>[0-3]\d)/"),
)


@dataclass
class _Hit:
    hit: DateHit
    signal: str
    weight: float

    @property
    def day(self) -> str:
        return self.hit.iso[:10]


@dataclass
class TimeChoice:
    iso: str | None = None
    raw: str = ""
    evidence: list[str] = field(default_factory=list)


@dataclass
class SourceChoice:
    source: str = ""
    raw: str = ""
    evidence: list[str] = field(default_factory=list)


def url_day(url: str | None, profile_re: re.Pattern[str] | None = None) -> str | None:
    """The YYYY-MM-DD a URL carries (the profile's ``date`` group, else a common URL date form)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I).split("?")[0]
    candidates: list[re.Match[str]] = []
    if profile_re is not None and "date" in profile_re.groupindex:
        m = profile_re.search(path)
        if m and m.group("date"):
            d = m.group("date")
            if len(d) == 8 and d.isdigit():
                return _valid(d[:4], d[4:6], d[6:])
    for rx in _URL_DATE_RES:
        m = rx.search(path)
        if m:
            candidates.append(m)
    for m in candidates:
        day = _valid(m["y"], m["m"], m["d"])
        if day:
            return day
    return None


def _valid(y: str, m: str, d: str) -> str | None:
    try:
        dt = datetime(int(y), int(m), int(d))
    except ValueError:
        return None
    if dt.year < 1990 or dt > datetime.now() + timedelta(days=2):
        return None
    return f"{dt:%Y-%m-%d}"


def _in_player(block: Block) -> bool:
    el = block.owner
    while el is not None:
        name = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if name.strip() and any(s in name for s in vocab.PLAYER_CLASS_STEMS):
            return True
        el = el.getparent()
    return False


def _future(hit: DateHit) -> bool:
    try:
        dt = datetime.fromisoformat(hit.iso)
    except ValueError:
        return True
    return dt.replace(tzinfo=None) > datetime.now() + timedelta(days=2)


def _line_hits(text: str, rules: Rules, tz: str, base: float, signal: str, out: list[_Hit]) -> None:
    """The dates of one line of the meta area, weighted by what stands beside them."""
    if len(text) > _MAX_LINE:
        return
    hits = [h for h in find_dates(text, tz) if not _future(h)]
    if not hits:
        return
    n = normalize(text)
    has_source = rules.source_re.search(n) is not None
    has_counter = rules.counter_re.search(n) is not None and any(c.isdigit() for c in n)
    for k, h in enumerate(hits):
        before = n[max(0, h.start - _LABEL_GAP) : h.start]
        after = n[h.start + len(h.raw) : h.start + len(h.raw) + 6]
        if _EDITED_AFTER_RE.match(after):
            out.append(_Hit(h, f"{signal}:updated", base - 6))  # "… 于 2024-05-09 10:32 编辑"
            continue
        ups = [m.span() for m in rules.updated_re.finditer(before)]
        pubs = [m.span() for m in rules.published_re.finditer(before) if not any(a <= m.start() < b for a, b in ups)]
        nearest_up = max((b for _, b in ups), default=-1)
        nearest_pub = max((b for _, b in pubs), default=-1)
        if nearest_up > nearest_pub:
            out.append(_Hit(h, f"{signal}:updated", base - 6))  # the label nearest the date says "updated"
            continue
        if pubs:
            out.append(_Hit(h, f"{signal}:labelled", base + 3))
        elif has_source or has_counter:
            out.append(_Hit(h, f"{signal}:meta-line", base + 2))
        elif len(n) - len(h.raw) <= 30:
            out.append(_Hit(h, f"{signal}:stamp", base + 1))
        else:
            out.append(_Hit(h, f"{signal}:text", base - 3))
        if k == 0:
            out[-1].weight += 0.25  # the first date of a meta line is the publication's


def choose_time(
    page: Page,
    rules: Rules,
    head: Sequence[Block],
    meta_lines: Sequence[str],
    body_dates: Sequence[str],
    tail: Sequence[Block],
    url: str | None,
    site_meta: str = "",
) -> TimeChoice:
    tz = rules.profile.timezone_offset
    cands: list[_Hit] = []
    if site_meta:
        _line_hits(site_meta, rules, tz, 8.0, "selector", cands)
    for i, block in enumerate(head):
        if not _in_player(block):
            before = len(cands)
            _line_hits(block.text, rules, tz, 7.0, "head", cands)
            for c in cands[before:]:
                c.weight += 0.5 * i / max(1, len(head))  # nearer the body: the meta line, not a top bar
    for line in meta_lines:
        _line_hits(line, rules, tz, 7.5, "content-top", cands)
    for key in META_DATE_KEYS:
        for value in page.metas.get(key, ()):
            hit = parse_date(value, tz)
            if hit and not _future(hit):
                cands.append(_Hit(hit, f"meta {key}", 6.0))
                break
    for value in page.jsonld_values("datePublished"):
        hit = parse_date(value, tz)
        if hit and not _future(hit):
            cands.append(_Hit(hit, "json-ld", 7.0))
            break
    for el in page.root.iter("time"):
        hit = parse_date(el.get("datetime") or collapse("".join(el.itertext())), tz)
        if hit and not _future(hit):
            cands.append(_Hit(hit, "<time>", 5.0))
            break
    for line in [*body_dates[:3], *body_dates[-3:]]:
        hit = find_date(line, tz)
        if hit and not _future(hit) and len(line) - len(hit.raw) <= 12:
            cands.append(_Hit(hit, "body", 2.0))
    for block in tail[:6]:
        n = norm_of(block)
        if len(block.text) <= _MAX_LINE and block.link_chars <= len(block.text) // 3:
            for h in find_dates(block.text, tz)[:1]:
                if not _future(h):
                    labelled = rules.published_re.search(n) is not None
                    cands.append(_Hit(h, "tail", 4.0 if labelled else 1.5))
    day = url_day(url, rules.profile.article_re)
    # one line read twice (it sits in the meta area and at the top of the content) is one witness
    unique: dict[tuple[str, str], _Hit] = {}
    for c in cands:
        witness = (c.hit.raw, c.day)
        if witness not in unique or c.weight > unique[witness].weight:
            unique[witness] = c
    cands = list(unique.values())
    if not cands:
        if day:
            return TimeChoice(f"{day}T00:00:00{tz}", "", ["url (day only)"])
        return _page_labelled(page, rules, tz)
    best: _Hit | None = None
    best_score = -1e9
    for c in cands:
        agree = {o.signal.split(":")[0] for o in cands if o is not c and o.day == c.day}
        score = c.weight + 2.5 * len(agree) + (3.0 if day and c.day == day else 0.0) + (0.5 if c.hit.has_time else 0.0)
        if score > best_score:
            best, best_score = c, score
    assert best is not None
    evidence = [best.signal]
    evidence += sorted({o.signal for o in cands if o is not best and o.day == best.day})
    if day and best.day == day:
        evidence.append("url")
    hit = best.hit
    if hit.has_time and not _has_seconds(hit):
        # the page shows minutes; a <time datetime> or meta tag of the same minute gives seconds
        finer = [o for o in cands if o.hit.iso[:16] == hit.iso[:16] and _has_seconds(o.hit)]
        if finer:
            hit = DateHit(finer[0].hit.iso, hit.raw, True, hit.start)
            evidence.append("seconds from " + finer[0].signal)
    if not hit.has_time:
        timed = [o for o in cands if o.day == best.day and o.hit.has_time]
        if timed:
            hit = max(timed, key=lambda o: o.weight).hit
            evidence.append("time from " + next(o.signal for o in timed if o.hit is hit))
    return TimeChoice(hit.iso, hit.raw, evidence)


def _has_seconds(hit: DateHit) -> bool:
    digits = re.findall(r"\d+", hit.raw)
    return len(digits) >= 6 or bool(re.search(r"\d:\d\d:\d\d", hit.raw)) or ("T" in hit.raw and hit.raw.count(":") >= 2)


def _page_labelled(page: Page, rules: Rules, tz: str) -> TimeChoice:
    """Last resort: a labelled publication time anywhere on the page (not in a link list)."""
    for block in page.walk.text_blocks:
        text = block.text
        if len(text) > _MAX_LINE or block.link_chars > len(text) // 2:
            continue
        n = normalize(text)
        m = rules.published_re.search(n)
        if m and m.group("label") not in ("发布", "时间", "日期"):
            hit = find_date(text[m.end() : m.end() + 40], tz)
            if hit and not _future(hit):
                return TimeChoice(hit.iso, hit.raw, ["page:labelled"])
    return TimeChoice()


# -- source --------------------------------------------------------------------------------------

_CUT_RE = re.compile(r"\s{2,}|[|【\[“”\"'‘’「」]|\s[-—]\s")


def source_value(text: str, n: str, start: int, rules: Rules) -> tuple[str, str]:
    """The source named from ``start`` on: up to a date, a time, a counter, another label, a
    separator or a wide gap. Returns (value, the value as shown)."""
    end = len(n)
    lead = n[start:].lstrip(" :|")
    if any(rx.match(lead) for rx in (rules.bare_label_re, rules.published_re, rules.counter_re, rules.updated_re)):
        return "", ""  # "来源： 作者：X", "来源： 点击：": the source is empty, another part follows
    for rx in (rules.bare_label_re, rules.published_re, rules.updated_re, rules.counter_re, rules.source_re):
        m = rx.search(n, start)
        if m is not None and start < m.start() < end:
            end = m.start()
    hit = find_date(text[start:end])
    if hit is not None:
        end = start + hit.start
    m = re.search(r"\d{1,2}:\d\d", n[start:end])
    if m:
        end = start + m.start()
    m = _CUT_RE.search(n, start, end)
    if m and m.start() > start + 1:
        end = m.start()
    shown = text[start:end].strip()
    value = shown.strip(" :：,，;；|/()（）[]【】<>《》-—\u3000\xa0\t")
    if re.search(r"\d{3,}|\d+\s*次", normalize(value)):
        return "", ""
    if len(value) > _SOURCE_MAX:
        value = value.split()[0] if value.split() else ""
        shown = value
    if normalize(value).replace(" ", "") in rules.boilerplate:
        return "", ""
    return value, shown


def _segments(el: etree._Element) -> list[str]:
    """The text nodes under an element in document order (scripts and styles left out): the
    element boundaries a meta line's text has lost."""
    out: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(el, True)]
    while stack:
        node, entering = stack.pop()
        if not entering:
            if node is not el and node.tail and node.tail.strip():
                out.append(node.tail)
            continue
        stack.append((node, False))
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "noscript"):
            continue
        if node.text and node.text.strip():
            out.append(node.text)
        stack.extend((child, True) for child in reversed(node))
    return out


def _dom_source(el: etree._Element, rules: Rules) -> tuple[str, str] | None:
    """A labelled source read with the element boundaries: the value is what follows the label in
    its own text node, else the next text node (``来源：<a>X</a><span>地名</span>``)."""
    segs = _segments(el)
    for i, seg in enumerate(segs):
        n = normalize(seg)
        m = rules.source_re.search(n)
        if m is None:
            continue
        got = source_value(seg, n, m.end(), rules)
        if got[0] or seg[m.end() :].strip():
            return got
        for nxt in segs[i + 1 : i + 2]:
            nn = normalize(nxt).strip()
            labelled = any(
                rx.match(nn) for rx in (rules.source_re, rules.published_re, rules.bare_label_re, rules.counter_re)
            )
            if labelled or find_date(nxt):
                return "", ""  # the label's value is empty: a time or another part follows
            return source_value(nxt, normalize(nxt), 0, rules)
        return "", ""
    return None


def _label_source(text: str, rules: Rules) -> tuple[str, str] | None:
    n = normalize(text)
    m = rules.source_re.search(n)
    if m is None:
        return None
    return source_value(text, n, m.end(), rules)


def choose_source(
    page: Page,
    rules: Rules,
    head: Sequence[Block],
    meta_lines: Sequence[str],
    body_source: str,
    site_meta: str = "",
    tail: Sequence[Block] = (),
) -> SourceChoice:
    """The 来源 of the article: a labelled source in the meta area (the selector's meta node, the
    lines between headline and body, the content's top lines), else a source-classed element, else
    a ``source`` meta tag."""
    found: list[tuple[str, str, str]] = []  # (value, raw, signal)
    for line, signal in [(site_meta, "selector")] + [(ln, "content-top") for ln in meta_lines]:
        got = _label_source(line, rules) if line else None
        if got is not None:
            found.append((got[0], got[1], signal))
    for zone, blocks in (("head", head), ("tail", tail)):
        for b in blocks:
            n = norm_of(b)
            m = rules.source_re.search(n)
            if m is None or m.start() > _SOURCE_LABEL_AT or is_notice(b.text, rules):
                continue  # "凡注明来源：本网的作品…": a notice quoting the label is not the meta line
            got = _dom_source(b.owner, rules) if b.owner is not None else None
            if got is None:
                got = _label_source(b.text, rules)
            if got is not None:
                found.append((got[0], got[1], zone))
    if body_source:
        found.append((body_source, body_source, "body"))
    if found:
        value, raw, signal = found[0]
        if not value:
            # "来源：" with nothing after it, on the first meta line: a later one may say it
            named = next(((v, r, s) for v, r, s in found if v), None)
            if named is not None:
                value, raw, signal = named
        agree = sorted({s for v, _, s in found if v == value and s != signal})
        return SourceChoice(value, raw if value else "", [signal, *agree])
    for el in _source_classed(page):
        labelled = _dom_source(el, rules)
        if labelled is not None:
            if labelled[0]:
                return SourceChoice(labelled[0], labelled[1], ["source-classed element"])
            continue
        text = collapse("".join(el.itertext()))
        n = normalize(text).replace(" ", "")
        if (
            2 <= len(text) <= _SOURCE_MAX
            and find_date(text) is None
            and not re.search(r"\d{3,}", text)
            and n not in rules.boilerplate
            and n not in rules.not_names
        ):
            return SourceChoice(text, text, ["source-classed element"])
    meta = page.meta("source", "og:source", "article:source")
    if meta and len(meta) <= _SOURCE_MAX:
        return SourceChoice(meta, meta, ["meta source"])
    return SourceChoice()


def _source_classed(page: Page) -> list[etree._Element]:
    out = []
    for el, name in page.classed:
        if el.tag in ("span", "em", "a", "i", "div", "p") and ("source" in name or "laiyuan" in name) and len(el) <= 2:
            out.append(el)
    return out[:3]
