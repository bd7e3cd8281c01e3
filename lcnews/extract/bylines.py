"""Stage: credits. Reporters, correspondents, photographers and editors, gathered only where bylines sit.

Bylines are read from the body's opening and closing lines (the body stage hands over what it
took out), the lines between headline and body, the few lines after the body, and byline-classed
elements -- never from the breadcrumb, the menu, the title, a related list or a share bar. Names
must look like names (:func:`lcnews.extract.credits.is_name`); with nothing better, an author
meta tag or a bare name line right under the headline counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from lcnews.extract import vocab
from lcnews.extract.breadcrumb import looks_like_crumbs
from lcnews.extract.credits import Credits, bare_names, credits_in_text, is_name, parse_credit_line, photo_credit
from lcnews.extract.dom import Block, collapse, text_of
from lcnews.extract.normalize import normalize
from lcnews.extract.page import Page
from lcnews.extract.rules import Rules

__all__ = ["CreditChoice", "gather_credits"]

_MAX_LINE = 120
_BYLINE_TAGS = frozenset(["span", "div", "p", "em", "i", "a", "td", "li", "strong", "address"])
_ALL_ROLES = ("author", "correspondent", "both", "photographer", "editor")


@dataclass
class CreditChoice:
    credits: Credits
    evidence: dict[str, list[str]] = field(default_factory=dict)  # field -> signals that named someone


def _note(choice: CreditChoice, before: Credits, signal: str) -> None:
    after = choice.credits
    for name, a, b in (
        ("authors", before.authors, after.authors),
        ("correspondents", before.correspondents, after.correspondents),
        ("photographers", before.photographers, after.photographers),
        ("editors", before.editors, after.editors),
    ):
        if len(b) > len(a) and signal not in choice.evidence.setdefault(name, []):
            choice.evidence[name].append(signal)


def _snapshot(c: Credits) -> Credits:
    return Credits(list(c.authors), list(c.correspondents), list(c.photographers), list(c.editors))


def _usable(block: Block, rules: Rules, title: str) -> bool:
    text = block.text
    if not text or len(text) > _MAX_LINE:
        return False
    if title and normalize(text).replace(" ", "") == normalize(title).replace(" ", ""):
        return False
    if looks_like_crumbs(text, rules):
        return False
    # a menu or share bar: mostly links (a byline is plain text, or one linked name)
    return not (block.link_chars > 0.5 * len(text) and len(text) > 12)


def _read(line: str, rules: Rules, roles: tuple[str, ...]) -> Credits | None:
    got = parse_credit_line(line, rules)
    if got is not None and not got.empty:
        return got
    caption = photo_credit(line, rules)
    if caption is not None and caption.photographers:
        # a caption beside the body ("市民在游玩。 本报记者 X 摄"): X took the picture, not the story
        only = Credits()
        only.add("photographer", caption.photographers)
        return only
    found = credits_in_text(line, rules, roles)
    return found if not found.empty else None


def _byline_elements(page: Page) -> list[etree._Element]:
    out = []
    for el, name in page.classed:
        if el.tag not in _BYLINE_TAGS:
            continue
        if any(s in name for s in vocab.BYLINE_CLASS_STEMS):
            if "bio" in name or "avatar" in name or "list" in name:
                continue
            out.append(el)
            if len(out) >= 6:
                break
    return out


def gather_credits(
    page: Page,
    rules: Rules,
    body_credits: Credits,
    head: Sequence[Block],
    tail: Sequence[Block],
    *,
    title: str = "",
    generic: bool = False,
    exclude: Sequence[str] = (),
    caption_photographers: Sequence[str] = (),
) -> CreditChoice:
    """Every credit of the article, with the evidence that named each field."""
    choice = CreditChoice(Credits())
    before = _snapshot(choice.credits)
    choice.credits.merge(body_credits)
    _note(choice, before, "body")
    for zone, blocks in (("head", head), ("tail", tail)):
        for block in blocks:
            if not _usable(block, rules, title):
                continue
            got = _read(block.text, rules, _ALL_ROLES)
            if got is not None:
                before = _snapshot(choice.credits)
                choice.credits.merge(got)
                _note(choice, before, zone)
    credits = choice.credits
    if caption_photographers:
        before = _snapshot(credits)
        credits.add("photographer", list(caption_photographers))
        _note(choice, before, "captions")
    if not credits.people or not credits.editors:
        for el in _byline_elements(page):
            text = collapse(text_of(el))
            if not text or len(text) > _MAX_LINE:
                continue
            got = _read(text, rules, _ALL_ROLES)
            if got is None:
                cls = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
                role = "editor" if any(s in cls for s in ("editor", "bianji", "zeren")) else "author"
                names = bare_names(text, rules)
                if names:
                    got = Credits()
                    got.add(role, names)
            if got is not None:
                before = _snapshot(credits)
                credits.merge(got)
                _note(choice, before, "byline element")
    if not credits.authors:
        for value in [*page.jsonld_values("author"), page.meta("author", "article:author", "byline")]:
            names = [t for t in value.replace("、", " ").replace(",", " ").split() if t]
            if names and len(names) <= 3 and all(is_name(t, rules) for t in names):
                before = _snapshot(credits)
                credits.add("author", names)
                _note(choice, before, "meta author")
                break
    if generic and not credits.people and head:
        # an essay's bare name line right under the headline
        for block in (head[0], head[-1]):
            if _usable(block, rules, title) and not block.link_chars:
                names = bare_names(block.text, rules)
                if names:
                    before = _snapshot(credits)
                    credits.add("author", names)
                    credits.byline_raw.append(block.text)
                    _note(choice, before, "bare name under headline")
                    break
    # a name that is a crumb, the headline, or part of a site's or source's name ("文｜财新 X": the
    # brand of 财新网 before the writer's name) names nobody
    bad = [normalize(x) for x in exclude if x]
    if bad:
        for lst in (credits.authors, credits.correspondents, credits.photographers, credits.editors):
            lst[:] = [
                x
                for x in lst
                if not any(normalize(x) == b or (len(b) > len(x) and b.startswith(normalize(x))) for b in bad)
            ]
    return choice
