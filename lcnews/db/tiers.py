"""Impact tiers: how strongly each bigram and character weighs in each article, for exact ranking.

bm25 (``lcnews.db.rank``) scores a term in an article as ``idf · (k1+1)·x / (x+1)`` with
``x = tf / (k1·(1 − b + b·dl/avgdl))``, ``tf`` = 5 × hits in the title + hits in the body, ``dl`` the
article's length. For a given query the score only grows with ``x``. So the archive keeps, per
article, one token per distinct bigram and character of its text: the bigram (or character)
followed by the *tier* of its ``x``, computed with the archive's *reference length* ``A0``
(``meta.tiers_avgdl``: the average length when the tiers were last built, ``TIER_AVGDL`` for a new
archive) instead of the table's current average, so a write never re-tiers other rows. Tiers are geometric buckets
(``TIER_RATIO`` apart); they live in the contentless FTS5 table ``articles_fts_tiers``
(``lcnews.db.fts``), so "every article where 聊城 has tier ≥ j" is one small index lookup.

Ranking over every match then walks the tiers from the top (``lcnews.db.rank.ranked``): an article
not yet seen has, for every positive term, some bigram below the tier reached, so its ``x`` and
hence its score are bounded; the articles already scored that beat the bound are final, in exact
order. A phrase's ``x`` is at most any of its bigrams' (each hit of the phrase is a hit of each of
its bigrams, in the same column), so a longer term walks the tiers of its key bigram. With the
table's current average ``A``, ``x(A) ≤ x(A0) · max(1, A / A0)``: the bound stays exact, and it
is tight while ``A`` stays near ``A0`` (the archive re-tiers itself when they drift apart:
``lcnews.db.fts.retier_if_drifted``).
"""

from __future__ import annotations

import math
from collections import Counter

# bm25 column weights: a hit in the title counts this many times a hit in the body.
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
BM25_K1 = 1.2
BM25_B = 0.75
TIER_AVGDL = 1000.0  # reference article length (characters) of a new archive's tiers
TIER_FLOOR = 0.25  # x below FLOOR·RATIO is tier 0
TIER_RATIO = 1.1
TIER_MAX = 95
MARK_BASE = 0xE000  # tier j is the private-use character U+E000 + j (never in normalised text)
MARKS = tuple(chr(MARK_BASE + j) for j in range(TIER_MAX + 1))
_TITLE_TIMES = int(TITLE_WEIGHT)  # counted this many times (BODY_WEIGHT is 1)
assert _TITLE_TIMES == TITLE_WEIGHT and BODY_WEIGHT == 1
_LOG_RATIO = math.log(TIER_RATIO)
_SAFETY = 1 + 1e-9  # bounds are widened by this much against rounding


def tier_of(x: float) -> int:
    """The tier of a weight ``x`` (0 .. TIER_MAX)."""
    if x < TIER_FLOOR * TIER_RATIO:
        return 0
    return min(TIER_MAX, int(math.log(x / TIER_FLOOR) / _LOG_RATIO))


def lower_edge(j: int) -> float:
    """Every weight of tier ``j`` or above is at least this (rounding aside)."""
    return 0.0 if j <= 0 else TIER_FLOOR * TIER_RATIO**j


def x_bound(j: int, avgdl: float, tier_avgdl: float = TIER_AVGDL) -> float:
    """Every article whose tier (built with reference length ``tier_avgdl``) is below ``j`` for a
    term has ``x`` below this at the table's average length ``avgdl``."""
    if j > TIER_MAX:
        return math.inf
    return TIER_FLOOR * TIER_RATIO**j * max(1.0, avgdl / tier_avgdl) * _SAFETY


def _norm_factor(dl: int, tier_avgdl: float) -> float:
    return BM25_K1 * (1 - BM25_B + BM25_B * dl / tier_avgdl)


def tier_text(title_tokens: str, body_tokens: str, tier_avgdl: float = TIER_AVGDL) -> str:
    """The ``articles_fts_tiers`` tokens of one article from its ``articles_fts`` token strings
    (``lcnews.extract.tokens``: ``"ab bc cd d"`` per column): each distinct bigram and character,
    followed by its tier's mark. (Counted at C speed: a title token is counted ``TITLE_WEIGHT``
    times.)"""
    tt = title_tokens.split(" ") if title_tokens else []
    bt = body_tokens.split(" ") if body_tokens else []
    dl = len(tt) + len(bt)  # one token per character
    if not dl:
        return ""
    # Bigrams: every token but the last of a column (the last character alone); characters: every
    # third character of the token string (each character starts exactly one token).
    weights = Counter(bt[:-1])
    weights.update(body_tokens[::3])
    weights.update(tt[:-1] * _TITLE_TIMES)
    weights.update(title_tokens[::3] * _TITLE_TIMES)
    k = _norm_factor(dl, tier_avgdl)
    mark = {w: MARKS[tier_of(w / k)] for w in set(weights.values())}
    return " ".join(map(str.__add__, weights, map(mark.__getitem__, weights.values())))


def tier_token(key: str, j: int) -> str:
    """The ``articles_fts_tiers`` phrase of ``key`` (a bigram or a character) at tier ``j``."""
    return f'"{key}{MARKS[j]}"'
