"""Orchestration: bytes in, an :class:`Extracted` out. Site rules first, the generic layer after.

Never raises: whatever the input (empty, binary, malformed, huge), the result is a best effort
with empty fields and a note in ``warnings``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from lxml import etree

from lcnews.extract.body import CleanBody, clean_blocks, is_chrome, is_stop
from lcnews.extract.bylines import Credits, parse_byline, parse_labelled_line
from lcnews.extract.dates import DateHit, date_from_jsonld, date_from_meta, find_date, find_month
from lcnews.extract.decode import decode_html
from lcnews.extract.dom import PageText, collapse, parse_html, text_of, walk
from lcnews.extract.generic import GenericPick, pick_main
from lcnews.extract.meta import (
    base_url,
    canonical_url,
    clean_title,
    head_title,
    og_title,
    parse_breadcrumb,
    parse_meta_line,
)
from lcnews.extract.rules import Rules, rules_for
from lcnews.extract.sitepage import locate
from lcnews.site import SiteProfile

__all__ = ["EXTRACTOR_VERSION", "Extracted", "extract_article"]

EXTRACTOR_VERSION = "1.3.0"

# A density pick scoring below this (a page of a few short lines) cannot overrule a selector.
_WEAK_PICK = 12.0
# A selector node holding the headline needs this much more text to be the story.
_MIN_STORY = 80
# Lines between the headline and the body that may hold the date / source / byline.
_HEAD_WINDOW = 12
# A line longer than this is prose, not a meta line or a post footer: its dates are events.
_MAX_DATE_LINE = 100
_COUNTER_RE = re.compile(r"[(（]\d+[)）]")
# A line longer than this is not a byline.
_MAX_BYLINE_LINE = 60
# "据新华社拉萨电（记者 格桑边觉）", "新华社北京5月9日电(记者 X)": any wire dateline's credit
_ANY_DATELINE_RE = re.compile(r"[电電讯訊][(（](?P<inner>[^()（）]{2,40})[)）]")
_DATELINE_LINES = 3
_HAN_RE = re.compile(r"^[\u3400-\u9fff]+$")
# Han words ending like these are things, not people (手记, 评论, 新华社, 日报)
_NOT_NAME_END = tuple("记讯报社网站稿论图文")
# Lines above the headline that may hold its date.
_ABOVE_TITLE = 3
# A dated line inside the body counts when little else is on it ("2003-7-24 钱江晚报").
_MAX_DATE_REST = 12
_CRUMB_SEPARATORS = (">", "＞", "»", "›")
# Body lines that may still hold the headline and its bare-name byline.
_BODY_HEAD_LINES = 4
_MAX_HEADING = 40
_SENTENCE_RE = re.compile(r"[，。；！？,;!?]")
# A month with no day only counts on a short line ("——《北京之春》1998年3月号").
_MAX_MONTH_LINE = 30


@dataclass
class Extracted:
    title: str = ""
    title_raw: str = ""
    published_at: str | None = None
    published_raw: str = ""
    source: str = ""
    source_raw: str = ""
    authors: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    byline_raw: str = ""
    editor_raw: str = ""
    body: str = ""
    images: list[dict[str, str]] = field(default_factory=list)
    channel_names: list[str] = field(default_factory=list)
    canonical_url: str = ""
    encoding: str = ""
    layer: str = ""  # "site" | "generic" | "" (nothing extracted)
    extractor_version: str = EXTRACTOR_VERSION
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _content_type(headers: Mapping[str, Any] | None) -> str | None:
    if not headers:
        return None
    try:
        items = headers.items()
    except AttributeError:
        return None
    for key, value in items:
        k = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if k.lower() != "content-type":
            continue
        if isinstance(value, (list, tuple)):
            value = value[0] if value else ""
        return value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return None


def extract_article(
    data: bytes | str,
    url: str | None = None,
    headers: Mapping[str, str] | None = None,
    profile: SiteProfile | None = None,
) -> Extracted:
    """Extract an article's fields from a page (see docs/CONTRACTS.md for each field)."""
    result = Extracted()
    try:
        _extract(result, data, url, headers, profile)
    except Exception as exc:  # noqa: BLE001 -- the contract is "never raise": report it instead
        result.warnings.append(f"extraction error: {type(exc).__name__}: {exc}")
    return result


def _extract(
    res: Extracted,
    data: bytes | str,
    url: str | None,
    headers: Mapping[str, str] | None,
    profile: SiteProfile | None,
) -> None:
    rules = rules_for(profile)
    text, res.encoding = decode_html(data, _content_type(headers))
    sample = text[:20000]
    if sample and sample.count("\ufffd") > 0.05 * len(sample):
        res.warnings.append("page is not text (binary or undecodable bytes)")
        return
    root = parse_html(text)
    if root is None:
        res.warnings.append("empty page")
        return
    base = base_url(root, url)
    res.canonical_url = canonical_url(root, base)
    nodes = locate(root, rules)
    page_title = head_title(root)

    # --- body: site layer, else generic ------------------------------------------------
    title_text = nodes.title or og_title(root) or page_title
    res.title_raw = title_text
    res.title = clean_title(title_text, rules, page_title=not nodes.title)
    cleaned: CleanBody | None = None
    body_node: etree._Element | None = None
    title_node = nodes.title_node
    pick = pick_main(root)
    if nodes.body is not None:
        if pick is not None and not _agrees(nodes.body, pick, title_node):
            res.warnings.append(f"site body selector {nodes.body_selector!r} missed the main text")
        else:
            cleaned = clean_blocks(walk(nodes.body, base, nodes.remove), rules, title=res.title)
            if cleaned.lines:
                res.layer, body_node = "site", nodes.body
            else:
                res.warnings.append(f"site body selector {nodes.body_selector!r} gave no text")
                cleaned = None
    if cleaned is None:
        if pick is not None:
            if not nodes.title or (page_title and nodes.title not in page_title):
                res.title_raw, res.title, title_node = _generic_title(root, rules, page_title)
            cleaned = clean_blocks(
                walk(pick.node, base, pick.skip), rules, title=res.title, generic=True
            )
            if cleaned.lines:
                res.layer, body_node = "generic", pick.node
        if not res.layer:
            res.warnings.append("no article body found")
    if cleaned is None:
        cleaned = CleanBody()
    res.body = cleaned.text
    res.images = cleaned.images
    credits = cleaned.credits

    # the neighbourhood of headline and body holds the meta line, bylines and the editor line
    around: list[str] = []
    tail_after: list[str] = []
    page_text: PageText | None = None
    if body_node is not None:
        # the headline-body neighbourhood first; the whole page only if it has no date
        page_text = PageText(root)
        around = page_text.lines_of(_region(title_node, body_node))
        tail_after = _tail_lines(around, cleaned.lines[-1], rules)
    head_lines = _head_lines(around, res.title, cleaned.lines[:1])

    # --- meta line: source and date ---------------------------------------------------
    date: DateHit | None = None
    meta_text = nodes.meta or next(iter(cleaned.meta_lines), "")
    if not meta_text:
        meta_text = next(
            (ln for ln in head_lines if rules.source_re.search(ln) and find_date(ln)), ""
        )
    if meta_text:
        res.source, res.source_raw, date = parse_meta_line(meta_text, rules)
    if not res.source and cleaned.source:
        res.source, res.source_raw = cleaned.source, cleaned.source
    if date is None:
        date = _page_date(root, rules, head_lines, tail_after, cleaned.date_lines)
    if date is None and cleaned.lines:
        page_text = page_text or PageText(root)
        around = page_text.lines
        head_lines = _head_lines(around, res.title, cleaned.lines[:1])
        date = _page_date(
            root,
            rules,
            head_lines,
            _tail_lines(around, cleaned.lines[-1], rules),
            cleaned.date_lines,
            _outward(around, cleaned.lines[0]),
        )
    if date is not None:
        res.published_at, res.published_raw = date.iso, date.raw

    # --- an editor line just after the body node (often a sibling outside it) ----------
    if not credits.editors and cleaned.lines:
        for line in _tail_lines(around, cleaned.lines[-1], rules):
            labelled = parse_labelled_line(line, rules)
            if labelled is not None and labelled[0].editors:
                credits.merge(labelled[0])

    # --- bylines near the headline (generic pages put 作者/记者 there) -------------------
    if res.layer == "generic" and not (credits.authors or credits.correspondents):
        for line in head_lines:
            got = _head_credits(line, rules)
            if got is not None:
                credits.merge(got)
    if credits.authors and rules.not_names.intersection(credits.authors):
        # "——作者手记": a label followed by a word that names nobody
        credits.authors = [a for a in credits.authors if a not in rules.not_names]
        if not credits.authors:
            credits.byline_raw.clear()
    if res.layer and not (credits.authors or credits.correspondents or credits.byline_raw):
        _fallback_authors(credits, rules, head_lines, cleaned, tail_after)
        if not credits.authors and body_node is not None:
            # the credit sits outside the headline-body subtree (a post footer above the body,
            # a 作者: line after the article's own container): the same search on the whole page
            page = page_text.lines if page_text is not None else PageText(root).lines
            _fallback_authors(
                credits,
                rules,
                _head_lines(page, res.title, cleaned.lines[:1]),
                cleaned,
                _tail_lines(page, cleaned.lines[-1], rules),
                bare_names=False,
            )
    _fill_credits(res, credits)

    # --- breadcrumb --------------------------------------------------------------------
    crumb = nodes.breadcrumb
    if not crumb:
        crumb = _find_breadcrumb(root, rules)
    if crumb:
        res.channel_names = parse_breadcrumb(crumb, rules, res.title)


def _fallback_authors(
    credits: Credits,
    rules: Rules,
    head_lines: list[str],
    cleaned: CleanBody,
    tail: list[str],
    *,
    bare_names: bool = True,
) -> None:
    """Pages with no reporter credit: a labelled credit near the body (作者:/记者 in the first or
    last lines, a dateline 据新华社电(记者 X)), a post footer's poster, else a bare name line
    right under the headline. Called only when nothing better named an author."""
    near = head_lines[::-1] + cleaned.lines[:3] + cleaned.lines[-3:] + tail
    for line in near:
        # "记者直击 >": a breadcrumb crumb that happens to start with a reporter label
        if len(line) <= _MAX_BYLINE_LINE and not any(c in line for c in _CRUMB_SEPARATORS):
            got = _head_credits(line, rules)
            if got is not None and got.authors and not rules.not_names.intersection(got.authors):
                credits.merge(got)
                return
    for line in cleaned.lines[:_DATELINE_LINES]:
        m = _ANY_DATELINE_RE.search(line[:40])
        if m:
            got = parse_byline(m.group("inner"), rules)
            if got is not None and got.authors:
                credits.merge(got)
                return
    names = _poster(head_lines + cleaned.date_lines + tail, rules)
    if names:
        credits.add("author", names)
        return
    if not bare_names:
        return  # far from the headline, a lone name is as likely a menu entry (看电视)
    for line in (head_lines[-1:] + head_lines[:1]) if head_lines else []:
        names = _bare_name(line, rules)
        if names:
            credits.add("author", names)
            credits.byline_raw.append(line)
            return
    # a headline the body kept (the page's <title> named the site): "标题 / 胡平 / 正文…"
    lines = cleaned.lines
    for i in range(1, min(len(lines), _BODY_HEAD_LINES)):
        if _is_heading(lines[i - 1]):
            names = _bare_name(lines[i], rules)
            if names:
                credits.add("author", names)
                credits.byline_raw.append(lines[i])
                return


def _fill_credits(res: Extracted, credits: Credits) -> None:
    res.authors = credits.authors
    res.correspondents = credits.correspondents
    res.photographers = credits.photographers
    res.editors = credits.editors
    res.byline_raw = "\n".join(dict.fromkeys(credits.byline_raw))
    res.editor_raw = "\n".join(dict.fromkeys(credits.editor_raw))


def _agrees(
    site: etree._Element, pick: GenericPick, headline: etree._Element | None = None
) -> bool:
    """The selector's node holds the main text: it is the density pick, or one contains the other
    with most of the text, or it scores close to the pick on its own, or it holds the headline
    while the pick lies elsewhere (a short story beside a long stream of teasers). A selector
    matching a banner or the whole page wrapper on a foreign template does not."""
    main = pick.node
    if site is main or pick.score < _WEAK_PICK:
        return True
    if pick.scores.get(site, 0.0) >= 0.5 * pick.score:
        return True
    if (
        headline is not None
        and _inside(headline, site)
        and not _inside(headline, main)
        and not _inside(main, site)
        and not _inside(site, main)
        and len(collapse(text_of(site))) - len(collapse(text_of(headline))) >= _MIN_STORY
    ):
        return True
    for anc in main.iterancestors():
        if anc is site:
            return len(text_of(main)) >= 0.8 * len(text_of(site))
    if any(anc is main for anc in site.iterancestors()):
        return len(text_of(site)) >= 0.5 * len(text_of(main))
    return False


def _inside(el: etree._Element, ancestor: etree._Element) -> bool:
    return el is ancestor or any(a is ancestor for a in el.iterancestors())


def _region(title: etree._Element | None, body: etree._Element) -> etree._Element:
    """The smallest subtree holding both headline and body (or the body's grandparent)."""
    if title is not None:
        # the set holds the elements themselves: id() of a proxy lxml has already dropped can
        # be reused by another node's proxy and match the wrong ancestor
        body_anc = {body, *body.iterancestors()}
        node: etree._Element | None = title
        while node is not None:
            if node in body_anc:
                return node
            node = node.getparent()
    up = body.getparent()
    if up is not None and up.getparent() is not None:
        up = up.getparent()
    return up if up is not None else body


def _find_breadcrumb(root: etree._Element, rules: Rules) -> str:
    """The text of a block opening with a breadcrumb lead-in (您的位置:...)."""
    for node in rules.breadcrumb_xpath(root):
        el = node.getparent()
        if el is None:
            continue
        text = collapse(text_of(el))
        while len(text) < 8 and el.getparent() is not None:
            el = el.getparent()
            text = collapse(text_of(el))
        if rules.breadcrumb_prefix_re.match(text) and len(text) <= 200:
            return text
    return ""


def _tail_lines(texts: list[str], last_body: str, rules: Rules) -> list[str]:
    """A few lines after the body's last line, up to the first stop marker."""
    probe = last_body[-30:]
    for i in range(len(texts) - 1, -1, -1):
        if probe in texts[i]:
            out = []
            for t in texts[i + 1 : i + 1 + _HEAD_WINDOW]:
                if is_stop(t, rules):
                    break
                out.append(t)
            return out
    return []


_SAME_TEXT = etree.XPath("//body//*[normalize-space(text()) = $t]")


def _generic_title(
    root: etree._Element, rules: Rules, page_title: str
) -> tuple[str, str, etree._Element | None]:
    """The headline of an unknown template: an element repeating the <title> (minus the site
    name), else an <h1>/<h2> the <title> contains, else og:title or the cleaned <title>."""
    og = og_title(root)
    for candidate in dict.fromkeys(
        (
            clean_title(page_title, rules),
            clean_title(og, rules),
            clean_title(page_title, rules, page_title=True),
        )
    ):
        if len(candidate) >= 4:
            found = _SAME_TEXT(root, t=candidate)
            if found:
                return candidate, candidate, found[0]
    for tag in ("h1", "h2"):
        for el in root.iter(tag):
            text = collapse(text_of(el) or "")
            if 4 <= len(text) <= 150 and (text in page_title or text in og):
                return text, text, el
    for el in root.iter("h1"):
        text = collapse(text_of(el) or "")
        if 4 <= len(text) <= 150:
            return text, text, el
    raw = og or page_title
    return raw, clean_title(raw, rules, page_title=True), None


def _head_lines(texts: list[str], title: str, first_body: list[str]) -> list[str]:
    """Text lines after the headline and before the first body line (the meta area); without a
    headline line, the few lines just above the body."""
    end = len(texts)
    if first_body:
        # the body's own line, else the first line holding its opening: a short first line
        # (a heading) is often contained in the headline above it ("X" in "X会议议程")
        first = first_body[0]
        probe = first[:30]
        try:
            end = texts.index(first)
        except ValueError:
            for i, t in enumerate(texts):
                if probe and probe in t:
                    end = i
                    break
    start = -1
    norm = title.replace(" ", "")
    if norm:
        for i in range(end - 1, -1, -1):
            if texts[i].replace(" ", "") == norm:
                start = i + 1
                break
    if start < 0:
        return texts[max(0, end - _HEAD_WINDOW) : end]
    # a date line may sit just above the headline (2022年02月13日 / headline / subtitle)
    above = texts[max(0, start - 1 - _ABOVE_TITLE) : start - 1]
    if end - start > 2 * _HEAD_WINDOW:
        # headline and body far apart: the lines under the headline and those above the body
        return above + texts[start : start + _HEAD_WINDOW] + texts[end - _HEAD_WINDOW : end]
    return above + texts[start:end]


def _page_date(
    root: etree._Element,
    rules: Rules,
    head_lines: list[str],
    tail_lines: list[str],
    body_lines: list[str] | tuple[str, ...] = (),
    page_lines: list[str] | None = None,
) -> DateHit | None:
    """The publication date, most trusted evidence first: meta tags and JSON-LD; a labelled date
    above the body (发布时间/时间:); a post footer inside the body (发表于 …); any date above
    the body, nearest first; the lines just below it; a short dated line inside the body; on the
    whole page, a labelled date line; last, a month with no day (1998年3月号)."""
    tz = rules.profile.timezone_offset
    hit = date_from_meta(root, tz) or date_from_jsonld(root, tz)
    if hit:
        return hit
    head = [ln for ln in reversed(head_lines) if len(ln) <= _MAX_DATE_LINE]
    body = [ln for ln in body_lines if len(ln) <= _MAX_DATE_LINE]
    steps: list[tuple[list[str], re.Pattern[str] | None]] = [
        (head, rules.stamp_re),
        (body, rules.published_re),
    ]
    if page_lines is not None:
        # second pass over the whole page: a labelled line anywhere beats a bare date in a
        # sidebar above the body
        steps.append(([ln for ln in page_lines if len(ln) <= _MAX_DATE_LINE], rules.time_re))
    steps.append((head, None))
    for lines, label_re in steps:
        for line in lines:
            if label_re is None or label_re.search(line):
                hit = find_date(line, tz)
                if hit:
                    return hit
    for line in body:
        hit = find_date(line, tz)
        if hit and len(line) - len(hit.raw) <= _MAX_DATE_REST:
            return hit
    for line in tail_lines:
        # bare stamps below the body belong to related-article lists
        if not is_chrome(line, rules):
            hit = find_date(line, tz)
            if hit:
                return hit
    if page_lines is None:
        return None  # a month alone is the last resort, after the whole page was searched
    for line in [*body, *tail_lines]:
        if len(line) <= _MAX_MONTH_LINE:
            hit = find_month(line, tz)
            if hit:
                return hit
    return None


def _outward(texts: list[str], first_body: str) -> list[str]:
    """The page's lines from the body's first line down, then from just above it up."""
    probe = first_body[:30]
    for i, t in enumerate(texts):
        if probe in t:
            return texts[i:] + texts[:i][::-1]
    return texts


def _head_credits(line: str, rules: Rules) -> Credits | None:
    if len(line) > 120:
        return None
    counters = _COUNTER_RE.search(line) is not None
    got = None if counters else parse_byline(line, rules)
    if got is not None:
        return got
    # "作者:X 阅读(1660) 评论(5)": counters are not names; the piecewise reading below stops there
    labelled = None if counters else parse_labelled_line(line, rules)
    if labelled is not None and (labelled[0].authors or labelled[0].correspondents):
        return labelled[0]
    # a meta line mixing date, source and 作者:X -- take the labelled author pieces
    found = Credits()
    for m in rules.pair_re.finditer(line):
        role = rules.role_of(m.group("label"))
        if role not in ("author", "correspondent"):
            continue
        value = line[m.end() :]
        nxt = rules.pair_re.search(value)
        if nxt:
            value = value[: nxt.start()]
        names = []
        for token in value.replace("、", " ").split():
            if any(c.isdigit() or c in "()（）[]【】" for c in token):
                break  # "作者:zboygirl 阅读(1660)": the counters after the name end it
            got = parse_byline(token, rules, require_label=False)
            if got is None or not got.authors:
                break
            names.extend(got.authors)
        found.add(role, names)
    if not found.empty:
        return found
    # "新华网黑龙江频道 记者 伊琳 李清芬": a short lead-in, then the reporter label and names
    last = None
    for m in rules.role_re.finditer(line):
        last = m
    if last is not None and len(line) <= _MAX_BYLINE_LINE:
        label = last.group("label")
        got = parse_byline(line[last.start() :], rules)
        if got is not None and got.authors and label.endswith(rules.reporter_labels):
            return got
    return None


def _poster(lines: list[str], rules: Rules) -> list[str]:
    """The poster a forum/blog footer names ("X 发表于 …", "… by X", "本贴由X于…发表")."""
    for line in lines:
        if len(line) > _MAX_DATE_LINE or not find_date(line):
            continue
        m = rules.poster_re.search(line)
        if m:
            name = (m["a"] or m["b"] or m["c"] or m["d"]).strip("〓[]【】:：")
            got = parse_byline(name, rules, require_label=False)
            if got is not None and got.authors and name not in rules.not_names:
                return got.authors
    return []


def _is_heading(line: str) -> bool:
    """A short line with no sentence punctuation: a headline or subtitle, not prose."""
    return 2 <= len(line) <= _MAX_HEADING and not _SENTENCE_RE.search(line)


def _bare_name(line: str, rules: Rules) -> list[str]:
    """A line that is only a person's name (or two or three), as essays and blogs put it under
    the headline: short Han names or one user name, nothing that reads as a word of furniture."""
    if not line or len(line) > 16 or line in rules.not_names:
        return []
    got = parse_byline(line, rules, require_label=False)
    if got is None or not got.authors or len(got.authors) > 5:
        return []
    for name in got.authors:
        if name in rules.not_names or name.endswith(_NOT_NAME_END):
            return []
        if not (_HAN_RE.match(name) and 2 <= len(name) <= 4):
            return []  # a Latin word alone on a line is a language link or a label
    return got.authors
