"""Stage: title. Candidates from independent evidence, chosen by agreement.

Evidence: headline elements (h1-h3, title-classed elements), their place (the strongest heading just
above or at the top of the content), the ``<title>`` with its site and channel affixes removed,
and ``og:title`` / ``twitter:title`` / JSON-LD ``headline``. A site name, a channel name or a
breadcrumb crumb is never a title: a text logo ``<h1>站名</h1>`` above an ``<h2>`` headline loses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from lcnews.extract import vocab
from lcnews.extract.dom import HEADING_TAGS, collapse, text_of
from lcnews.extract.normalize import normalize
from lcnews.extract.page import Page
from lcnews.extract.rules import Rules

__all__ = ["TitleChoice", "choose_title", "headline_line", "strip_affixes"]

_SEP_RE = re.compile(r"\s+[-|｜–—·:_/]+\s+|\s*(?:_|\||｜|——|--|::|»|›)+\s*|(?<=\S)-(?=\S)|(?<=\S)\s+-|-\s+(?=\S)")
_LEFT_SEP_RE = re.compile(r"^(?P<site>[^:：]{2,16})\s*[:：]\s*")
_MIN, _MAX = 2, 160
_LEADING_TAG_RE = re.compile(r"^\s*(?:[\[【][^\]】]{1,10}[\]】]\s*)+")
_HEAD_TAGS = ("h1", "h2", "h3")
_NEAR = 12  # lines between a heading and the content's first line that still make it "just above"
_FURNITURE_ANCESTOR_STEMS = (
    "logo",
    "header",
    "nav",
    "menu",
    "footer",
    "side",
    "related",
    "recommend",
    "hotnews",
    "rank",
    "tuijian",
    "paihang",
    "banner",
    "comment",
)
# Furniture words that only count as a whole class token ("list" is a sidebar, "postlist" a thread).
_FURNITURE_ANCESTOR_TOKENS = frozenset(["list", "top", "link", "links", "right", "hot", "ad", "ads"])
_TOKEN_SPLIT_RE = re.compile(r"[\s_-]+")


@dataclass
class TitleChoice:
    title: str = ""
    raw: str = ""
    node: etree._Element | None = None
    line: int = -1  # page line index of the headline (-1: not on the page)
    evidence: list[str] = field(default_factory=list)


def _parts(text: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of a <title> between separators."""
    out, pos = [], 0
    for m in _SEP_RE.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _affix(part: str, rules: Rules, extra: set[str]) -> bool:
    """A part of a <title> that names a site, a channel or a section, not the headline."""
    n = normalize(part).strip()
    if not n:
        return True
    if n in extra or rules.is_site_name(part) or rules.is_channel_name(part):
        return True
    if len(n) <= 8 and any(n.endswith(w) or n == w for w in vocab.SECTION_WORDS):
        return True
    if n.startswith("powered by") or "all rights reserved" in n:
        return True
    return bool(re.fullmatch(r"(?:www\.)?[a-z0-9.-]+\.(?:com|cn|net|org|gov\.cn)(?:\.cn)?", n))


def strip_affixes(title: str, rules: Rules, extra: set[str] | None = None) -> str:
    """The headline inside a ``<title>``: site, channel and section names cut from both ends
    (``标题_要闻_站名``, ``站名-标题``, ``站名：标题``); an unknown short trailing part after a spaced
    separator goes too when the headline is much longer."""
    title = collapse(title)
    extra = extra or set()
    parts = _parts(title)
    if not parts:
        return title
    while len(parts) > 1 and _affix(title[parts[-1][0] : parts[-1][1]], rules, extra):
        parts.pop()
    # on the left only a site's own name ("站名-标题"); a channel there is the headline's own
    # prefix ("锐评|…", "图说|…")
    while len(parts) > 1 and rules.is_site_name(title[parts[0][0] : parts[0][1]]):
        parts.pop(0)
    out = title[parts[0][0] : parts[-1][1]].strip()
    m = _LEFT_SEP_RE.match(out)
    if m and _affix(m.group("site"), rules, extra) and len(out) - m.end() >= 4:
        out = out[m.end() :]
    if len(parts) > 1:
        # an unknown site name after a spaced separator: short, and the rest much longer
        last = title[parts[-1][0] : parts[-1][1]]
        head = title[parts[0][0] : parts[-2][1]].strip()
        sep = title[parts[-2][1] : parts[-1][0]]
        if sep.strip() != sep and len(last) <= 12 and len(head) >= 2 * len(last) and not _SEP_RE.search(head):
            out = head
    return out


def _ancestor_furniture(el: etree._Element) -> bool:
    """Whether a heading sits in page furniture (a header bar, a menu, a sidebar, a related list).
    Up to an ``<article>``/``<main>`` ancestor only: what holds the article is not furniture, and
    an article's own ``<header>`` holds its headline."""
    for anc in el.iterancestors():
        tag = anc.tag
        if tag in ("article", "main"):
            return False
        if tag in ("nav", "aside"):
            return True
        in_article = any(a.tag in ("article", "main") for a in anc.iterancestors())
        if tag in ("header", "footer") and not in_article:
            return True
        name = f"{anc.get('class') or ''} {anc.get('id') or ''}".lower()
        if not name.strip():
            continue
        stems = [s for s in _FURNITURE_ANCESTOR_STEMS if s in name]
        if in_article:
            stems = [s for s in stems if s not in ("header", "banner")]
        tokens = _FURNITURE_ANCESTOR_TOKENS.intersection(_TOKEN_SPLIT_RE.split(name))
        if (stems or tokens) and not any(s in name for s in ("content", "article", "detail", "main", "title")):
            return True
    return False


def _is_logo(el: etree._Element, text: str, rules: Rules, site_name: str) -> bool:
    n = normalize(text)
    if rules.is_site_name(text) or (site_name and n == normalize(site_name)):
        return True
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        if href in ("/", "./", "index.html", "/index.html") or re.fullmatch(
            r"https?://[^/]+/?(?:index\.s?html?)?", href
        ):
            return True
    name = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return "logo" in name


_CLASS_TITLE_TAGS = frozenset(["div", "td", "p", "span", "strong", "b", "font", "h4"])


def _title_name(name: str) -> bool:
    """Whether a lowercased ``"class id"`` names a headline (and not a kicker or subtitle)."""
    if not name.strip() or any(s in name for s in vocab.SUBTITLE_CLASS_STEMS):
        return False
    return any(s in name for s in vocab.TITLE_CLASS_STEMS)


def _class_title(el: etree._Element) -> bool:
    return _title_name(f"{el.get('class') or ''} {el.get('id') or ''}".lower())


def _candidates(page: Page, repeats: set[str]) -> list[etree._Element]:
    """Headings, title-classed elements, and any block whose text repeats the page's title."""
    body = page.root.find("body")
    scope = body if body is not None else page.root
    out: list[etree._Element] = list(scope.iter(*_HEAD_TAGS))
    for el, name in page.classed:
        if el.tag in _CLASS_TITLE_TAGS and el.tag not in _HEAD_TAGS and _title_name(name):
            out.append(el)

    if repeats:
        seen = set(out)
        for block in page.walk.text_blocks:
            if block.owner is not None and block.owner not in seen and block.text.replace(" ", "") in repeats:
                out.append(block.owner)
                seen.add(block.owner)
    return out


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a.replace(" ", "") == b.replace(" ", "")


def choose_title(page: Page, rules: Rules, content_lines: tuple[int, int], crumbs: list[str]) -> TitleChoice:
    """The headline, with the evidence that chose it."""
    site_name = page.meta("og:site_name")
    extra = {normalize(c) for c in crumbs}
    if site_name:
        extra.add(normalize(site_name))
    head = page.head_title
    head_clean = strip_affixes(head, rules, extra) if head else ""
    og = page.meta("og:title", "twitter:title", "title")
    og_clean = strip_affixes(og, rules, extra) if og else ""
    ld = next(iter(page.jsonld_values("headline")), "")
    crumb_set = {normalize(c) for c in crumbs}
    start = content_lines[0]
    walk = page.walk
    best: TitleChoice | None = None
    best_score = 0.0
    repeats = {t.replace(" ", "") for t in (head, head_clean, og, og_clean, collapse(ld)) if len(t) >= 4}
    chosen_by_profile = {el for sel in rules.profile.selector("title") for el in page.select(sel)}
    for el in [*_candidates(page, repeats), *[e for e in chosen_by_profile]]:
        raw = collapse(text_of(el))
        label = rules.title_label_re.match(normalize(raw))
        text = collapse(raw[label.end() :]) if label else raw  # "标题：T" (matched on the normalised text)
        if head_clean and len(head_clean) >= 4 and text != head_clean and text.startswith(head_clean):
            text = head_clean  # the headline element also holds the meta line ("标题<br>2024-… 来源：")
        tagless = _LEADING_TAG_RE.sub("", text)
        if tagless != text and tagless.replace(" ", "") in repeats:
            text = tagless  # "[社区新闻] 标题": a board's tag before the headline the <title> repeats
        if not (_MIN <= len(text) <= _MAX):
            continue
        n = normalize(text)
        if n in crumb_set or rules.is_channel_name(text) or _is_logo(el, text, rules, site_name):
            continue
        evidence = [el.tag if el.tag in HEADING_TAGS else "title-class"]
        score = {"h1": 3.0, "h2": 2.0, "h3": 1.0}.get(el.tag, 1.5)
        if _class_title(el):
            score += 1.0
        if el in chosen_by_profile:
            score += 1.0
            evidence.append("selector")
        if text.replace(" ", "") in repeats and el.tag not in _HEAD_TAGS and not _class_title(el):
            evidence[0] = "repeats <title>"
        if head and (_same(text, head_clean) or _same(text, head)):
            score += 5.0
            evidence.append("<title>")
        elif head and len(text) >= 4 and text.replace(" ", "") in head.replace(" ", ""):
            score += 3.0
            evidence.append("<title> (part)")
        if og and (_same(text, og_clean) or _same(text, og)):
            score += 3.0
            evidence.append("og:title")
        if ld and _same(text, collapse(ld)):
            score += 2.0
            evidence.append("json-ld")
        span = walk.line_range(el)
        line = span[0] if span is not None else -1
        if line >= 0 and start - _NEAR <= line <= start + 3:
            score += 3.0
            evidence.append("above content")
        elif line >= 0 and line > start + 3:
            score -= 1.0
        if _ancestor_furniture(el):
            score -= 4.0
        links = sum(len(collapse(text_of(a))) for a in el.iter("a"))
        if links >= 0.8 * len(text) and "<title>" not in evidence:
            score -= 2.0  # a linked heading: a teaser pointing elsewhere
        if len(text) < 4:
            score -= 2.0
        # equal evidence: the heading higher on the page
        if score > best_score or (score == best_score and best is not None and 0 <= line < best.line):
            best_score = score
            best = TitleChoice(text, raw, el, line, evidence)
    if best is not None and (best_score >= 4.0 or not (head_clean or og_clean)):
        return best
    # no headline element agrees: the page's own title, cleaned
    for value, clean, what in (
        (head, head_clean, "<title>"),
        (og, og_clean, "og:title"),
        (ld, collapse(ld), "json-ld"),
    ):
        if clean and not rules.is_site_name(clean):
            return TitleChoice(clean, value, None, -1, [what + " (affixes removed)" if clean != value else what])
    return best or TitleChoice()


def headline_line(page: Page, rules: Rules) -> int:
    """The page line of a heading that repeats the ``<title>`` (or ``og:title``), before any
    other evidence: where the story begins. -1 when no heading agrees with the title."""
    wanted = set()
    for raw in (page.head_title, page.meta("og:title")):
        if raw:
            for t in (raw, strip_affixes(raw, rules)):
                if len(t) >= 4:
                    wanted.add(t.replace(" ", ""))
    if not wanted:
        return -1
    walk = page.walk
    for i, block in enumerate(walk.text_blocks):
        owner = block.owner
        if owner is None or block.text.replace(" ", "") not in wanted:
            continue
        heading = owner.tag in _HEAD_TAGS or _class_title(owner) or owner.tag in ("h4", "strong", "b", "div", "td", "p")
        if heading and not _ancestor_furniture(owner):
            return i
    return -1
