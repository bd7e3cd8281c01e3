"""Scoring functions for ``bench/extraction_eval.py`` (pure, stdlib only, importable by tests).

Chinese body
    Character 4-gram precision / recall / F1 over multisets, after NFKC and removal of all
    whitespace. One score per page; suites report the unweighted mean over pages (macro).

English body (Zyte article-extraction-benchmark metric, reimplemented from its description)
    ``\\w+`` tokens, 4-token shingles (a text of fewer than 4 tokens is one shingle), multiset
    tp/fp/fn normalised per document to sum to 1, precision and recall averaged over the
    documents where they are defined, F1 = 2PR/(P+R) from the two means.

Dates
    Truth strings as written by the zh-cwced annotator (``2005-5-7 21:23:57``, ``2022-02-13 07:48``,
    ``2004-12-10``, ``2018``, ``1998-3``, ``UNKNOWN``); predictions in any common shape
    (ISO 8601, ``2005年5月7日 21:23``, ``2005/05/07``). Compared on the local wall-clock fields
    the page shows (time zones ignored), at the truth's precision.

Authors
    Exact set match after splitting on whitespace / 、 / , / ; / / and dropping labels.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------
# Chinese body: character n-grams
# ---------------------------------------------------------------------------------------------

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_WS_RE = re.compile(r"[\s" + _INVISIBLE + r"]+")


def normalize_zh(text: str | None) -> str:
    """NFKC, then drop every whitespace and zero-width character."""
    if not text:
        return ""
    return _WS_RE.sub("", unicodedata.normalize("NFKC", text))


def char_ngrams(text: str, n: int = 4) -> Counter[str]:
    """Multiset of character n-grams of an already-normalised string.

    A non-empty string shorter than ``n`` counts as a single gram, so very short texts can
    still match (and mismatch) instead of vanishing.
    """
    if not text:
        return Counter()
    if len(text) < n:
        return Counter([text])
    return Counter(text[i : i + n] for i in range(len(text) - n + 1))


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


def f1_of(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def overlap_prf(pred: Counter, truth: Counter) -> PRF:
    """Multiset P/R/F1. Both empty -> 1/1/1; one side empty -> 0/0/0."""
    n_pred = sum(pred.values())
    n_true = sum(truth.values())
    if n_pred == 0 and n_true == 0:
        return PRF(1.0, 1.0, 1.0)
    if n_pred == 0 or n_true == 0:
        return PRF(0.0, 0.0, 0.0)
    tp = sum((pred & truth).values())
    p, r = tp / n_pred, tp / n_true
    return PRF(p, r, f1_of(p, r))


def zh_body_prf(pred: str | None, truth: str | None, n: int = 4) -> PRF:
    """Character n-gram P/R/F1 of one page (NFKC, whitespace removed)."""
    return overlap_prf(char_ngrams(normalize_zh(pred), n), char_ngrams(normalize_zh(truth), n))


def macro(scores: Sequence[PRF]) -> PRF:
    """Unweighted mean of per-page P, R and F1 (F1 is the mean of page F1s)."""
    if not scores:
        return PRF(0.0, 0.0, 0.0)
    return PRF(
        statistics.fmean(s.precision for s in scores),
        statistics.fmean(s.recall for s in scores),
        statistics.fmean(s.f1 for s in scores),
    )


# ---------------------------------------------------------------------------------------------
# Zyte article-extraction-benchmark metric (English body)
# ---------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\w+")


def zyte_shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def zyte_tp_fp_fn(pred: str | None, truth: str | None, n: int = 4) -> tuple[float, float, float]:
    """Per-document (tp, fp, fn) over shingle multisets, normalised to sum to 1."""
    p, t = zyte_shingles(pred, n), zyte_shingles(truth, n)
    tp = float(sum((p & t).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total
    return tp, fp, fn


def _zyte_precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp > 0 else 0.0


def _zyte_recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn > 0 else 0.0


def zyte_aggregate(triples: Iterable[tuple[float, float, float]]) -> PRF:
    """Mean precision over docs with tp+fp > 0, mean recall over docs with tp+fn > 0,
    F1 from the two means (the benchmark's official aggregation)."""
    triples = list(triples)
    ps = [_zyte_precision(*t) for t in triples if t[0] + t[1] > 0]
    rs = [_zyte_recall(*t) for t in triples if t[0] + t[2] > 0]
    p = statistics.fmean(ps) if ps else 0.0
    r = statistics.fmean(rs) if rs else 0.0
    return PRF(p, r, f1_of(p, r))


def zyte_page_prf(pred: str | None, truth: str | None) -> PRF:
    """One page's precision/recall under the Zyte metric (for per-page dumps)."""
    t = zyte_tp_fp_fn(pred, truth)
    p = _zyte_precision(*t) if t[0] + t[1] > 0 else 0.0
    r = _zyte_recall(*t) if t[0] + t[2] > 0 else 0.0
    return PRF(p, r, f1_of(p, r))


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)"
    r"(?:\s*[-/.年]\s*(?P<m>\d{1,2})(?!\d)"
    r"(?:\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:(?:T|[\s,，]*)(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?!\d))?"
    r")?)?"
)


def parse_date_fields(text: str | None) -> tuple[int, ...] | None:
    """First date in ``text`` as (year[, month[, day[, hour, minute]]]), or None.

    Seconds are dropped; components the string does not give are absent (precision is the
    tuple length). Invalid calendar values give None.
    """
    if not text:
        return None
    s = unicodedata.normalize("NFKC", str(text)).strip()
    m = _DATE_RE.search(s)
    if not m:
        return None
    fields = [int(m["y"])]
    for key in ("m", "d", "H", "M"):
        if m[key] is None:
            break
        fields.append(int(m[key]))
    limits = (None, (1, 12), (1, 31), (0, 23), (0, 59))
    for value, lim in zip(fields, limits, strict=False):
        if lim and not lim[0] <= value <= lim[1]:
            return None
    return tuple(fields)


def parse_truth_date(text: str | None) -> tuple[int, ...] | None:
    """zh-cwced date truth -> fields, or None for UNKNOWN / empty / a non-date (e.g. a name)."""
    if not text or not text.strip() or text.strip().upper() in {"UNKNOWN", "UNKNWON"}:
        return None
    return parse_date_fields(text)


def date_match(pred: str | None, truth: tuple[int, ...], level: str = "day") -> bool:
    """Whether ``pred`` agrees with ``truth`` fields.

    ``level="day"``: compare year..day (or the truth's coarser precision, e.g. ``1998-3``).
    ``level="minute"``: compare year..minute; the truth must carry a time, and a prediction
    without a time is a miss.
    """
    want = 5 if level == "minute" else 3
    k = min(want, len(truth))
    if level == "minute" and len(truth) < 5:
        raise ValueError("truth has no time")
    got = parse_date_fields(pred)
    if got is None or len(got) < k:
        return False
    return got[:k] == truth[:k]


# ---------------------------------------------------------------------------------------------
# Authors
# ---------------------------------------------------------------------------------------------

_PAREN_RE = re.compile(r"[(（][^()（）]*[)）]")
_AUTHOR_SPLIT_RE = re.compile(r"[\s、,，;；/|]+")
_AUTHOR_LABEL_RE = re.compile(
    r"^(?:本报|本台|本网|特约|实习|首席)?(?:记者|作者|通讯员|撰稿|撰文|编辑|责任编辑|责编|文|图|摄影?)"
    r"\s*[:：]?\s*"
)
_AUTHOR_DROP = {"", "记者", "本报记者", "作者", "通讯员", "文", "图", "摄", "文/图", "by", "By", "BY"}


def split_authors(value: str | Iterable[str] | None) -> set[str]:
    """Normalised author set from a string or a list of strings.

    NFKC; parenthesised parts dropped (``周思博 (Joel Spolsky)`` -> 周思博); split on
    whitespace, 、 , ， ; / |; leading labels (记者/作者/本报记者...) stripped.
    """
    if value is None:
        return set()
    items = [value] if isinstance(value, str) else list(value)
    out: set[str] = set()
    for item in items:
        if not item:
            continue
        s = _PAREN_RE.sub(" ", unicodedata.normalize("NFKC", str(item)))
        for raw in _AUTHOR_SPLIT_RE.split(s):
            part = _AUTHOR_LABEL_RE.sub("", raw).strip(" :：.。·")
            if part not in _AUTHOR_DROP:
                out.add(part)
    return out


def parse_truth_authors(text: str | None) -> set[str] | None:
    """zh-cwced author truth -> set, or None for UNKNOWN / empty."""
    if not text or not text.strip() or text.strip().upper() == "UNKNOWN":
        return None
    return split_authors(text) or None


def authors_match(pred: str | Iterable[str] | None, truth: set[str], editors: Iterable[str] | None = None) -> bool:
    """Exact set match; a truth that names the page's editor as its author also matches when the
    tool put that name in ``editors`` and named no author (the contract keeps editors apart)."""
    got = split_authors(pred)
    if got == truth:
        return True
    return not got and bool(editors) and split_authors(editors) >= truth


# ---------------------------------------------------------------------------------------------
# Clean body (the held-out metric): first and last paragraph present, no furniture
# ---------------------------------------------------------------------------------------------

_CREDIT_LINE_RE = re.compile(
    r"^[\[【(（]?\s*(?:责任编辑|责编|编辑|本报记者|记者|通讯员|文|图|摄影|作者)\s*[:：丨|/]"
    r"|^.{0,24}[(（][^()（）]{0,12}摄[)）]$|^PlayVideo$|^[(（]完[)）]$"
)
_SENTENCE_END_RE = re.compile(r"[。！？!?；;…”」）)]")
_MIN_PARA = 8  # truth paragraphs shorter than this (headings, stray marks) are not the anchor
_PRESENT = 0.8  # share of a paragraph's char 4-grams that must be in the body


def _anchor_paragraphs(truth_body: str) -> tuple[str, str] | None:
    """The truth's first and last paragraphs of text: credit, editor and furniture lines that a
    truth file keeps (``【责任编辑:X】``, ``本报记者 X``) are not the article's text."""
    paras = [p for p in (truth_body or "").split("\n") if p.strip()]
    text = [
        p for p in paras if not (any(r.search(p.strip()) for r in _BOILER_RES) or _CREDIT_LINE_RE.search(p.strip()))
    ]
    norm = [normalize_zh(p) for p in (text or paras)]
    # a heading (a short line with no sentence punctuation: the title a truth file repeats, a
    # subheading) is not a paragraph
    prose = [p for p in norm if len(p) >= _MIN_PARA and (len(p) > 40 or _SENTENCE_END_RE.search(p))]
    long = prose or [p for p in norm if len(p) >= _MIN_PARA] or [p for p in norm if p]
    if not long:
        return None
    return long[0], long[-1]


def _present(para: str, pred_norm: str, pred_grams: Counter[str]) -> bool:
    """A paragraph is in the body when it is a substring of it, or when nearly all its character
    4-grams are (a dateline prefix ``本报讯（记者 X）`` the contract removes is not a miss)."""
    if para in pred_norm:
        return True
    grams = char_ngrams(para)
    total = sum(grams.values())
    if not total:
        return False
    hit = sum(min(c, pred_grams.get(g, 0)) for g, c in grams.items())
    return hit >= _PRESENT * total


def clean_body(pred_body: str | None, truth_body: str | None) -> bool:
    """The clean-body check used on held-out pages: the truth's first and last paragraphs are in
    the body (whitespace and width ignored) and no line of it is page furniture that the truth
    lacks (:func:`leaked_lines`)."""
    anchors = _anchor_paragraphs(truth_body or "")
    if anchors is None:
        return not (pred_body or "").strip()
    pred = normalize_zh(pred_body)
    grams = char_ngrams(pred)  # the anchors are normalised: so must the body's grams be
    first, last = anchors
    return _present(first, pred, grams) and _present(last, pred, grams) and not leaked_lines(pred_body, truth_body)


# ---------------------------------------------------------------------------------------------
# Boilerplate leaks (replica): body lines absent from the truth that look like page furniture
# ---------------------------------------------------------------------------------------------

BOILERPLATE_PATTERNS: tuple[str, ...] = (
    r"相关(?:推荐|阅读|新闻|链接)",
    r"版权所有|Copyright|©",
    r"^(?:责任)?编辑\s*[:：]|责编\s*[:：]|初审|审核\s*[:：]",
    r"^来源\s*[:：]",
    r"网友评论|发表评论|我要评论",
    r"^分享(?:到)?|扫一扫|二维码",
    r"上一篇|下一篇|返回(?:首页|顶部)|打印本页|关闭窗口",
    r"A\+\s*A-",
    r"(?:栏目策划|本期评论员|视频制作)\s*[:：]",
    r"^[■●]?\s*(?:本报)?(?:记者|通讯员)\s*\S+$",
)
_BOILER_RES = tuple(re.compile(p) for p in BOILERPLATE_PATTERNS)


def _norm_line(line: str) -> str:
    return normalize_zh(line)


def leaked_lines(pred_body: str | None, truth_body: str | None) -> list[str]:
    """Lines of ``pred_body`` that the truth does not contain and that match a boilerplate
    pattern (相关推荐, 版权所有, 编辑:, 分享, 上一篇...)."""
    if not pred_body:
        return []
    truth_norm = normalize_zh(truth_body)
    out = []
    for line in pred_body.split("\n"):
        n = _norm_line(line)
        if not n or n in truth_norm:
            continue
        stripped = line.strip()
        if any(r.search(stripped) for r in _BOILER_RES):
            out.append(stripped)
    return out


def extra_lines(pred_body: str | None, truth_body: str | None) -> list[str]:
    """Lines of ``pred_body`` whose text does not occur in the truth at all."""
    if not pred_body:
        return []
    truth_norm = normalize_zh(truth_body)
    return [ln.strip() for ln in pred_body.split("\n") if _norm_line(ln) and _norm_line(ln) not in truth_norm]


# ---------------------------------------------------------------------------------------------
# Furniture of third-party pages (bench/portals_eval.py)
# ---------------------------------------------------------------------------------------------

# The replica's patterns plus the credit, disclaimer, share, print, paywall and end-mark lines of
# Chinese portals, government sites, WeChat copies and forums (lcnews.testsite.portals).
FURNITURE_PATTERNS: tuple[str, ...] = (
    *BOILERPLATE_PATTERNS,
    r"免责声明|特别声明|版权声明|网站声明|^声明\s*[:：]",
    r"^[【\[(（]?(?:责任编辑|编辑|责编|校对|审核|监制|出品|采写|执笔|供稿|统筹|一审|二审|三审|初审编辑|终审)\s*[:：/︱|]",
    r"^[【\[(（]?(?:文|图|作者|记者|摄影)\s*[/︱|:：]",
    r"^(?:编辑|校对|审核|监制|记者|通讯员|摄影)\s+\S{2,4}(?:\s+(?:编辑|校对|审核|监制|摄影|通讯员)\s+\S{2,4})+$",
    r"^[（(【]完[）)】]$",
    r"我要纠错|【纠错】|字号\s*[:：]|字体\s*[:：]|打印本页|关闭窗口",
    r"^原标题\s*[:：]",
    r"返回.{0,4}查看更多|阅读原文|微信扫一扫|长按识别|扫码",
    r"^(?:上一张|下一张|幻灯播放|查看原图)",
    r"本帖最后由",
    r"订阅后|付费内容",
)
_FURNITURE_RES = tuple(re.compile(p) for p in FURNITURE_PATTERNS)


def furniture_lines(
    pred_body: str | None, truth_body: str | None, known: Iterable[str] = (), attached: Iterable[str] = ()
) -> list[str]:
    """Lines of ``pred_body`` that the truth does not contain and that are furniture: they match a
    furniture pattern, hold a known furniture line (≥ 4 characters), or are part of one.

    ``attached`` are strings shown inside a body paragraph (a dateline ``新华社…电（记者 X）``, a trailing
    ``（X）``): a paragraph that still carries one is a byline miss, not furniture, so it is not counted."""
    if not pred_body:
        return []
    truth_norm = normalize_zh(truth_body)
    known_norm = [k for k in (normalize_zh(x) for x in known) if k]
    attached_norm = [a for a in (normalize_zh(x) for x in attached) if a]
    out = []
    for line in pred_body.split("\n"):
        n = normalize_zh(line)
        if not n or n in truth_norm:
            continue
        bare = n
        for a in attached_norm:
            bare = bare.replace(a, "")
        if bare != n and (not bare or bare in truth_norm):
            continue
        stripped = line.strip()
        if (
            any(r.search(stripped) for r in _FURNITURE_RES)
            or any(len(k) >= 4 and k in n for k in known_norm)
            or (len(n) >= 2 and any(n in k for k in known_norm))
        ):
            out.append(stripped)
    return out


def paragraph_present(paragraph: str, pred_body: str | None) -> bool:
    """Whether a truth paragraph appears in the predicted body (NFKC, whitespace removed)."""
    return bool(paragraph) and normalize_zh(paragraph) in normalize_zh(pred_body)
