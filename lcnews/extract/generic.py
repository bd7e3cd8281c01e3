"""The generic layer: find the main text of an unknown page by text and link density.

Readability-style scoring adapted to Chinese pages: every paragraph-like unit (a ``<p>``, or the
loose text of a ``<div>``/``<td>`` laid out with ``<br>``) scores by its length and sentence
punctuation; the score flows to its container and, damped, to the container's ancestors; the
container's score is then discounted by its link density. The best container wins, together with
siblings that score well on their own. Works on Chinese and Latin-script pages alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree as etree

from lcnews.extract.dom import SKIP_TAGS, text_of

__all__ = ["GenericPick", "pick_main"]

# class/id words of page furniture; a node matching them (and no content word) is ignored
_NEGATIVE_RE = re.compile(
    r"comment|footer|foot\b|sidebar|side[-_]?bar|\bside\b|\bnav|menu|breadcrumb|crumb|share|social|"
    r"related|recommend|\bhot|rank|copyright|advert|\bads?\b|\bad[-_]|banner|login|popup|modal|"
    r"subscribe|newsletter|sponsor|promo|widget|toolbar|pagination|pager|tags?\b|author-?bio|"
    r"masthead|header|topbar|\bfixed|cookie|outbrain|taboola|disqus|xgxw|xgyd|tuijian|pinglun|"
    r"\blist\b|more",
    re.I,
)
_POSITIVE_RE = re.compile(
    r"article|\bbody|content|entry|\bmain|\bpost|\btext|story|detail|zhengwen|\bzw\b|news_?txt|"
    r"con_?txt|artibody|\bcont\b|endtext|TRS_Editor|\bzoom\b",
    re.I,
)
_PARA_TAGS = frozenset("p pre blockquote h2 h3 h4 h5 h6 li dd".split())
_LISTISH_TAGS = frozenset("li dd h2 h3 h4 h5 h6".split())
_CONTAINER_SKIP = frozenset("nav aside footer".split())
# sentence punctuation, Chinese and Latin
_PUNCT_RE = re.compile(r"[，。；！？、]|[,;!?.](?=\s)")
# A teaser cut short ("...", "…") is a list entry pointing elsewhere, not article text.
_TEASER_RE = re.compile(r"(?:\.\.\.|…|。。。)\s*$")
# Units shorter than this (menu items, list entries, stamps) carry no score.
_MIN_UNIT = 25
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

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.text_len: dict[etree._Element, int] = {}
        self.link_len: dict[etree._Element, int] = {}
        self.scores: dict[etree._Element, float] = {}
        self.negative: list[etree._Element] = []
        self.ignored: set[etree._Element] = set()
        self.units: list[tuple[etree._Element, float, bool]] = []

    @staticmethod
    def _len(s: str | None) -> int:
        return len("".join(s.split())) if s else 0

    _class_verdict: dict[str, bool] = {}

    @classmethod
    def _furniture(cls, name: str) -> bool:
        verdict = cls._class_verdict.get(name)
        if verdict is None:
            verdict = bool(_NEGATIVE_RE.search(name)) and not _POSITIVE_RE.search(name)
            if len(cls._class_verdict) < 50000:
                cls._class_verdict[name] = verdict
        return verdict

    def measure(self, el: etree._Element, in_link: bool) -> tuple[int, int]:
        tag = el.tag
        if not isinstance(tag, str):
            return 0, 0
        tag = tag.lower()
        if tag in SKIP_TAGS:
            return 0, 0
        if el is not self.root:
            cls = _cls(el)
            if tag in _CONTAINER_SKIP or (cls and self._furniture(cls)):
                self.negative.append(el)
        link = in_link or tag == "a"
        own = self._len(el.text)
        total = own
        links = own if link else 0
        own_punct = len(_PUNCT_RE.findall(el.text)) if el.text else 0
        for child in el:
            t, lk = self.measure(child, link)
            total += t
            links += lk
            if child.tail:
                n = self._len(child.tail)
                own += n
                total += n
                if link:
                    links += n
                own_punct += len(_PUNCT_RE.findall(child.tail))
        self.text_len[el] = total
        self.link_len[el] = links
        if link:
            return total, links
        if tag in _PARA_TAGS:
            if total - links >= _MIN_UNIT:
                text = text_of(el)
                self._unit(el, total - links, len(_PUNCT_RE.findall(text)), whole=True)
        elif own >= _MIN_UNIT and tag not in ("a", "span", "font", "strong", "b", "em", "i"):
            self._unit(el, own, own_punct, whole=False)
        return total, links

    def _unit(self, el: etree._Element, length: int, punct: int, whole: bool) -> None:
        if length > 0 and not (length < 160 and _TEASER_RE.search(text_of(el) if whole else _own_text(el))):
            score = 1.0 + punct + min(length / 100.0, 3.0)
            if el.tag in _LISTISH_TAGS:
                score *= 0.5  # list entries are more often teasers than article paragraphs
            self.units.append((el, score, whole))

    def score(self) -> None:
        page_text = max(1, self.text_len.get(self.root, 0) - self.link_len.get(self.root, 0))
        for el in self.negative:
            # a furniture-looking class on the node that holds most of the page is a false alarm
            if el.tag in _CONTAINER_SKIP or self.text_len[el] - self.link_len[el] < 0.4 * page_text:
                self.ignored.add(el)
        ignored = self.ignored
        for el, score, whole in self.units:
            if ignored and any(a in ignored for a in el.iterancestors()) or el in ignored:
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


def pick_main(root: etree._Element) -> GenericPick | None:
    """The node holding the main text, plus subtrees inside it to leave out."""
    body = root.find("body")
    start = body if body is not None else root
    scorer = _Scorer(start)
    try:
        scorer.measure(start, False)
    except RecursionError:
        return None
    scorer.score()
    if not scorer.scores:
        return None
    best: etree._Element | None = None
    best_score = 0.0
    finals: dict[etree._Element, float] = {}
    for el, score in scorer.scores.items():
        final = score * (1.0 - scorer.density(el))
        cls = _cls(el)
        if cls and _POSITIVE_RE.search(cls):
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
    skip = {el for el in scorer.ignored if _is_descendant(el, node)}
    # inside the chosen node, drop link-heavy blocks (lists of related links, tag clouds)
    for el in node.iter():
        if el is node or not isinstance(el.tag, str):
            continue
        total = scorer.text_len.get(el, 0)
        if total >= 20 and el.tag not in _PARA_TAGS and scorer.density(el) > 0.6:
            skip.add(el)
    return GenericPick(node=node, skip=skip, score=best_score, scores=finals)


def _own_text(el: etree._Element) -> str:
    return "".join([el.text or ""] + [c.tail or "" for c in el])


def _is_descendant(el: etree._Element, ancestor: etree._Element) -> bool:
    node = el.getparent()
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False
