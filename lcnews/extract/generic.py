"""The generic layer: find the main text of an unknown page by text and link density.

Readability-style scoring adapted to Chinese pages: every paragraph-like unit (a ``<p>``, or the
loose text of a ``<div>``/``<td>`` laid out with ``<br>``) scores by its length and sentence
punctuation; the score flows to its container and, damped, to the container's ancestors; the
container's score is then discounted by its link density. The best container wins, together with
siblings that score well on their own. Works on Chinese and Latin-script pages alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from lxml import etree

from lcnews.extract import vocab
from lcnews.extract.dom import BLOCK_TAGS, SKIP_TAGS, text_of

__all__ = ["GenericPick", "is_furniture_class", "pick_main"]

# class/id vocabulary of furniture and of content: lcnews.extract.vocab. Substring stems and
# whole-word tokens are checked with `in` on plain strings: a regex alternation over every class
# attribute of every page was the single largest cost of this layer.
_NEGATIVE_STEMS = vocab.FURNITURE_CLASS_STEMS
_STRONG_NEGATIVE_STEMS = vocab.STRONG_FURNITURE_STEMS
_NEGATIVE_WORDS = frozenset(vocab.FURNITURE_CLASS_WORDS)
_NEGATIVE_PREFIXES = vocab.FURNITURE_CLASS_PREFIXES
_POSITIVE_STEMS = vocab.CONTENT_CLASS_STEMS
_POSITIVE_PREFIXES = vocab.CONTENT_CLASS_PREFIXES
_POSITIVE_WORDS = frozenset(vocab.CONTENT_CLASS_WORDS)
_TOKEN_RE = re.compile(r"[a-z0-9]+")


def _class_words(name: str) -> tuple[str, list[str]]:
    low = name.lower()
    return low, _TOKEN_RE.findall(low)


def _has_stem(low: str, stems: tuple[str, ...]) -> bool:
    # a plain loop: any() over a generator costs more than the substring tests themselves
    for stem in stems:  # noqa: SIM110
        if stem in low:
            return True
    return False


def _has_word(tokens: list[str], words: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    for t in tokens:  # noqa: SIM110 -- as in _has_stem
        if t in words or t.startswith(prefixes):
            return True
    return False


def _is_positive(low: str, tokens: list[str]) -> bool:
    return _has_stem(low, _POSITIVE_STEMS) or _has_word(tokens, _POSITIVE_WORDS, _POSITIVE_PREFIXES)


# Reader comments can outweigh the article they follow; only a near-whole-page node escapes.
_COMMENT_STEMS = ("comment", "pinglun", "disqus")


def _is_comments(name: str) -> bool:
    return _has_stem(name.lower(), _COMMENT_STEMS)


def _is_strong_negative(name: str) -> bool:
    return _has_stem(name.lower(), _STRONG_NEGATIVE_STEMS)


def _is_negative(low: str, tokens: list[str]) -> bool:
    return _has_stem(low, _NEGATIVE_STEMS) or _has_word(tokens, _NEGATIVE_WORDS, _NEGATIVE_PREFIXES)


_PARA_TAGS = frozenset(["p", "pre", "blockquote", "h2", "h3", "h4", "h5", "h6", "li", "dd"])
# a <div> holding only inline markup (<div><font>…</font>text</div>) is a paragraph, like <p>
_PARA_DIVS = frozenset(["div", "section", "center"])
_INLINE_TAGS = frozenset(["a", "span", "font", "strong", "b", "em", "i"])
_LISTISH_TAGS = frozenset(["li", "dd", "h2", "h3", "h4", "h5", "h6"])
_CONTAINER_SKIP = frozenset(["nav", "aside", "footer"])
# sentence punctuation, Chinese and Latin
_PUNCT_RE = re.compile(r"[，。；！？、]|[,;!?.](?=\s)")
# A teaser cut short ("...", "…") is a list entry pointing elsewhere, not article text.
_TEASER_RE = re.compile(r"(?:\.\.\.|…|。。。)\s*$")
# Units shorter than this (menu items, list entries, stamps) carry no score.
_MIN_UNIT = 25
_MIN_SHORT_UNIT = 6
_WS_RE = re.compile(r"\s+")


@dataclass
class GenericPick:
    node: etree._Element
    skip: set[etree._Element]
    score: float
    scores: dict[etree._Element, float]  # link-discounted score of every scored container


def _cls(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


class _Scorer:
    """Pass 1 measures text/link lengths bottom-up and collects paragraph units; pass 2 decides
    which furniture-looking subtrees to ignore (knowing the page total) and scores containers."""

    def __init__(self, root: etree._Element, notice: Callable[[str], bool] | None = None) -> None:
        self.root = root
        self.notice = notice
        self.text_len: dict[etree._Element, int] = {}
        self.link_len: dict[etree._Element, int] = {}
        self.scores: dict[etree._Element, float] = {}
        self.negative: list[etree._Element] = []
        self.ignored: set[etree._Element] = set()
        self.units: list[tuple[etree._Element, float, bool]] = []

    @staticmethod
    def _len(s: str | None) -> int:
        return len("".join(s.split())) if s else 0

    # class/id strings repeat across pages; the verdict is cached process-wide
    _class_verdict: ClassVar[dict[str, bool]] = {}

    @classmethod
    def _furniture(cls, name: str) -> bool:
        verdict = cls._class_verdict.get(name)
        if verdict is None:
            low, tokens = _class_words(name)
            verdict = _is_negative(low, tokens) and (
                not _is_positive(low, tokens) or _has_stem(low, _STRONG_NEGATIVE_STEMS)
            )
            if len(cls._class_verdict) < 50000:
                cls._class_verdict[name] = verdict
        return verdict

    def measure(self, root: etree._Element) -> None:
        """Text and link lengths of every element, bottom-up, and the paragraph units; an
        explicit stack, so no nesting depth ends the walk (hot loop: plain locals, each tag read
        once -- lxml builds a new str on every ``.tag`` access)."""
        text_len, link_len = self.text_len, self.link_len
        # (element, tag, in_link, children done?)
        stack: list[tuple[etree._Element, str, bool, bool]] = []
        tag0 = root.tag
        if isinstance(tag0, str) and tag0 not in SKIP_TAGS:
            stack.append((root, tag0, False, False))
        while stack:
            el, tag, in_link, done = stack.pop()
            link = in_link or tag == "a"
            if not done:
                if el is not self.root:
                    cls = el.get("class")
                    ident = el.get("id")
                    if tag in _CONTAINER_SKIP or ((cls or ident) and self._furniture(f"{cls or ''} {ident or ''}")):
                        self.negative.append(el)
                stack.append((el, tag, in_link, True))
                for child in reversed(el):
                    ctag = child.tag
                    if isinstance(ctag, str) and ctag not in SKIP_TAGS:
                        stack.append((child, ctag, link, False))
                continue
            text = el.text
            own = len("".join(text.split())) if text else 0
            total = own
            links = 0
            blocks = False
            for child in el:
                ctag = child.tag
                if ctag in BLOCK_TAGS:
                    blocks = True
                total += text_len.get(child, 0)
                links += link_len.get(child, 0)
                tail = child.tail
                if tail:
                    n = len("".join(tail.split()))
                    own += n
                    total += n
            if link:
                links = total
            text_len[el] = total
            link_len[el] = links
            if link:
                continue
            if tag in _PARA_TAGS or (tag in _PARA_DIVS and not blocks):
                # a list entry or paragraph that is mostly a link is a teaser (thread index, 相关)
                if total - links >= _MIN_SHORT_UNIT and links * 2 < total:
                    full = text_of(el)
                    self._unit(el, total - links, len(_PUNCT_RE.findall(full)), whole=True, text=full)
            elif own >= _MIN_SHORT_UNIT and tag not in _INLINE_TAGS:
                own_text = _own_text(el)
                self._unit(el, own, len(_PUNCT_RE.findall(own_text)), whole=False, text=own_text)

    def _unit(self, el: etree._Element, length: int, punct: int, whole: bool, text: str) -> None:
        if length > 0 and not (length < 160 and _TEASER_RE.search(text)):
            score = 1.0 + punct + min(length / 100.0, 3.0)
            if self.notice is not None and self.notice(text):
                # a disclaimer, copyright or follow-us paragraph: it must not outweigh the story
                self.units.append((el, -score, whole))
                return
            if el.tag in _LISTISH_TAGS:
                score *= 0.5  # list entries are more often teasers than article paragraphs
            self.units.append((el, score if length >= _MIN_UNIT else -score, whole))

    def score(self) -> None:
        page_text = max(1, self.text_len.get(self.root, 0) - self.link_len.get(self.root, 0))
        comments = set()
        for el in self.negative:
            if _is_comments(_cls(el)):
                # reader comments can outweigh the post they follow: set aside whatever their size
                comments.add(el)
            # a furniture-looking class on the node that holds most of the page is a false alarm
            elif (
                el.tag in _CONTAINER_SKIP
                or self.text_len[el] - self.link_len[el] < 0.4 * page_text
                or (_is_strong_negative(_cls(el)) and self.text_len[el] < 0.8 * page_text)
            ):
                self.ignored.add(el)
        self.ignored |= comments
        self._add_scores()
        if not self.scores and comments:
            # a page that is all comments (or a wrapper so named): score them after all
            self.ignored -= comments
            self._add_scores()

    def _add_scores(self) -> None:
        ignored = self.ignored
        # short units (menu items, stamps) only count on a page that has nothing longer
        units = [u for u in self.units if u[1] > 0] or [(e, -s, w) for e, s, w in self.units]
        for el, score, whole in units:
            if ignored and (el in ignored or any(a in ignored for a in el.iterancestors())):
                continue
            # a <p> gives its score to its container; loose text scores for its own element
            node = el.getparent() if whole else el
            factor = 1.0
            depth = 0
            while node is not None and depth < 4:
                self.scores[node] = self.scores.get(node, 0.0) + score * factor
                node = node.getparent()
                depth += 1
                factor = 0.5 if depth == 1 else 1.0 / (depth * 2)

    def density(self, el: etree._Element) -> float:
        total = self.text_len.get(el, 0)
        return self.link_len.get(el, 0) / total if total else 1.0


def pick_main(root: etree._Element, notice: Callable[[str], bool] | None = None) -> GenericPick | None:
    """The node holding the main text, plus subtrees inside it to leave out. ``notice`` tells a
    paragraph of boilerplate (disclaimer, copyright, follow-us) from article text: such units
    count against their container."""
    body = root.find("body")
    start = body if body is not None else root
    scorer = _Scorer(start, notice)
    scorer.measure(start)
    scorer.score()
    if not scorer.scores:
        return None
    best: etree._Element | None = None
    best_score = 0.0
    finals: dict[etree._Element, float] = {}
    for el, score in scorer.scores.items():
        final = score * (1.0 - scorer.density(el))
        cls = _cls(el)
        if cls and _is_positive(*_class_words(cls)):
            final *= 1.25
        finals[el] = final
        if final > best_score:
            best, best_score = el, final
    if best is None:
        return None
    # climb while the parent holds substantially more good text (split articles, page parts)
    node = best
    parent = node.getparent()
    while parent is not None and parent is not start.getparent():
        ps = scorer.scores.get(parent, 0.0) * (1.0 - scorer.density(parent))
        if ps >= best_score * 1.4 and scorer.density(parent) < 0.3:
            node = parent
            parent = node.getparent()
        else:
            break
    node = _with_split_halves(node, start, finals, best_score, scorer)
    skip = {el for el in scorer.ignored if _is_descendant(el, node)}
    # inside the chosen node, drop link-heavy blocks (lists of related links, tag clouds)
    for el in node.iter():
        if el is node or not isinstance(el.tag, str):
            continue
        # block containers only: an inline link inside a paragraph is part of its sentence
        total = scorer.text_len.get(el, 0)
        if total >= 20 and el.tag in BLOCK_TAGS and el.tag not in _PARA_TAGS and scorer.density(el) > 0.6:
            skip.add(el)
    return GenericPick(node=node, skip=skip, score=best_score, scores=finals)


def _same_kind(a: etree._Element, b: etree._Element) -> bool:
    """Two blocks of one template: same tag and a shared class token, or one id extends the other
    (``artibody`` / ``artibody_more``)."""
    if a.tag != b.tag:
        return False
    ca, cb = set((a.get("class") or "").split()), set((b.get("class") or "").split())
    if ca & cb:
        return True
    ia, ib = (a.get("id") or "").strip(), (b.get("id") or "").strip()
    return bool(ia and ib and (ia.startswith(ib) or ib.startswith(ia)))


def _with_split_halves(
    node: etree._Element, start: etree._Element, finals: dict[etree._Element, float], best: float, scorer: _Scorer
) -> etree._Element:
    """The parent, when the article is split across sibling blocks of the same kind (a "read more"
    fold, an advert between two halves) and a sibling scores like the pick."""
    parent = node.getparent()
    if parent is None or parent is start.getparent():
        return node
    for sib in parent:
        if (
            sib is not node
            and isinstance(sib.tag, str)
            and finals.get(sib, 0.0) >= 0.3 * best
            and scorer.density(sib) < 0.3
            and sib not in scorer.ignored
            and _same_kind(sib, node)
        ):
            return parent
    return node


def _own_text(el: etree._Element) -> str:
    return "".join([el.text or ""] + [c.tail or "" for c in el])


def _is_descendant(el: etree._Element, ancestor: etree._Element) -> bool:
    node = el.getparent()
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def is_furniture_class(name: str) -> bool:
    """Whether a class/id string names page furniture (and not the content it may sit beside)."""
    return _Scorer._furniture(name)
