"""Ordering the matches of a compiled query: bm25 relevance over every match, or by publication date.

Relevance (``sort="relevance"``): FTS5's bm25 (k1 1.2, b 0.75, title ×5, body ×1, the ``rank``
configured on ``articles_fts``) orders every match, computed here from the articles' text and
cached per-token document counts (a 3+-character term's IDF uses its key bigram's count:
documented approximation). Frequent terms are not scored match by match: the ranking tiers
(``lcnews.db.tiers``) bound the score of every article not yet read, so only the articles that can
reach the page are scored, and the order is still exact. ``window=N`` (a user's choice) orders the
newest ``N`` matches only, older matches following newest first (see docs/schema.md, "Relevance").

``sort="newest"``/``"oldest"``: every match by ``published_at`` (``lcnews.db.bydate``).

Every iterator yields rows (article_id, url, title, published_at, channel, source, withdrawn_at,
score[, body]) from one connection; the caller checks the index and builds the hits.
"""

from __future__ import annotations

import heapq
import json
import math
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from lcnews.db.bydate import SORTS, by_date, order_by
from lcnews.db.fts import BODY_WEIGHT, CHARS_TABLE, FTS_TABLE, TIERS_TABLE, TITLE_WEIGHT, has_tiers, tier_avgdl
from lcnews.db.fts5record import read_averages
from lcnews.db.query import (
    ALNUM,
    CompiledQuery,
    has,
    id_source,
    preimages,
    run,
    term_regex,
    verified,
    where_clause,
)
from lcnews.db.tiers import BM25_B, BM25_K1, TIER_AVGDL, TIER_MAX, tier_token, x_bound
from lcnews.extract.tokens import token_text

__all__ = ["BM25_B", "BM25_K1", "RANK_WINDOW", "SORTS", "bm25", "by_date", "clear_stats_cache", "order_by", "ranked"]

# The window size the benchmark compares with (``window=RANK_WINDOW``; relevance used to rank
# only the newest 200 matches).
RANK_WINDOW = 200
# Relevance: the tier walk gives up on reading candidates one by one after this many (the rest is
# scored from the index's list of matches, as without tiers).
TIER_WALK_MAX_IDS = 20_000
TIER_WALK_MAX_FETCH = 400_000  # ids read from the tiers (two keys per term)
# Relevance: a query with at most this many matches is scored match by match (no tier walk).
FEW_MATCHES = 3000

COLS = "a.article_id, a.url, a.title, a.published_at, a.channel, a.source, a.withdrawn_at"


# --- bm25 inputs: whole-table statistics ---------------------------------------------------------

SAMPLE_SHARE = 16  # a longer term's key bigram: the fewest matches among the newest 1/16 of ids


def sample_floor(lo: int, hi: int) -> int:
    """The lowest article id of the sample range (any backend: the same articles)."""
    return hi - (hi - lo) // SAMPLE_SHARE


class _Stats:
    """Whole-table bm25 inputs of one index state: rows, average tokens per row (FTS5's own
    averages record) and an LRU of document frequencies per token (``articles_fts`` bigram or
    ``articles_fts_chars`` character), each counted once per index state by FTS5 itself.

    A count stops at ``half`` (more than half the rows): bm25's IDF is then at or below zero,
    which the scorer raises to its floor whatever the exact count, so the scores are the same and
    a very frequent token costs half a count."""

    MAX_TOKENS = 50_000

    def __init__(self, averages: bytes) -> None:
        self.rows, total = read_averages(averages)
        self.avgdl = total / self.rows if self.rows else 1.0
        self.half = self.rows // 2 + 1
        self.id_range: tuple[int, int] | None = None
        self.samples: dict[tuple[str, str], int] = {}
        self.df: dict[tuple[str, str], tuple[int, int]] = {}  # (count, the cap it was counted to)

    def doc_freq(self, conn: sqlite3.Connection, table: str, expr: str, cap: int | None = None) -> int:
        """Documents matching ``expr``, at most ``cap`` (default ``half``): FTS5's count, stopped
        at the cap, once per index state (a count stopped at a lower cap is redone for a higher one)."""
        cap = self.half if cap is None else min(cap, self.half)
        key = (table, expr)
        hit = self.df.pop(key, None)
        if hit is None or (hit[0] >= hit[1] and hit[1] < cap):  # unknown, or known only below cap
            sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?)"
            hit = (int(run(conn, sql, [expr, cap]).fetchone()[0]), cap)
            if len(self.df) >= self.MAX_TOKENS:
                del self.df[next(iter(self.df))]
        self.df[key] = hit  # most recently used last
        return min(hit[0], cap)

    def sample_count(self, conn: sqlite3.Connection, expr: str) -> int:
        """Matches of ``expr`` in ``articles_fts`` among the newest sixteenth of the id range
        (``SAMPLE_SHARE``; FTS5 seeks to the range, so it costs a sixteenth of a count), once per
        index state."""
        key = ("sample", expr)
        n = self.samples.get(key)
        if n is None:
            if self.id_range is None:
                t = f"{FTS_TABLE}_docsize"  # two subqueries: each is one index seek
                row = conn.execute(f"SELECT (SELECT min(rowid) FROM {t}), (SELECT max(rowid) FROM {t})").fetchone()
                self.id_range = (row[0] or 0, row[1] or 0)
            sql = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? AND rowid >= ?"
            n = int(run(conn, sql, [expr, sample_floor(*self.id_range)]).fetchone()[0])
            if len(self.samples) >= self.MAX_TOKENS:
                self.samples.clear()
            self.samples[key] = n
        return n


# Per-process cache, one entry per database file, keyed by the index state: FTS5's averages
# record (rows, tokens) and the structure records of both tables (their write counter and segment
# list change with every write). An open write transaction is never cached.
_STATS: dict[str, tuple[tuple[Any, ...], _Stats]] = {}
_STATE_SQL = (f"SELECT (SELECT block FROM {FTS_TABLE}_data WHERE id = 1),"
              f" (SELECT block FROM {FTS_TABLE}_data WHERE id = 10),"
              f" (SELECT block FROM {CHARS_TABLE}_data WHERE id = 10)")  # fmt: skip


def _stats(conn: sqlite3.Connection) -> _Stats:
    avg, s1, s2 = conn.execute(_STATE_SQL).fetchone()
    avg = bytes(avg) if avg else b""
    if conn.in_transaction:
        return _Stats(avg)
    path = conn.execute("PRAGMA database_list").fetchone()[2] or f":memory:{id(conn)}"
    state = (avg, s1, s2)
    hit = _STATS.get(path)
    if hit is None or hit[0] != state:
        if len(_STATS) >= 8:
            _STATS.pop(next(iter(_STATS)))
        hit = _STATS[path] = (state, _Stats(avg))
    return hit[1]


def clear_stats_cache() -> None:
    """Forget every cached document frequency (benchmarks: measure a cold process)."""
    _STATS.clear()


def _term_df(conn: sqlite3.Connection, st: _Stats, term: str, phrase: str) -> int:
    """Documents containing ``term``, for the IDF (``_term_df_key``)."""
    return _term_df_key(conn, st, term, phrase)[0]


def _term_df_key(conn: sqlite3.Connection, st: _Stats, term: str, phrase: str) -> tuple[int, str]:
    """(documents containing ``term`` — at most ``_Stats.half`` —, its tier key). One letter/digit: exact, from
    ``articles_fts_chars``. Two characters: exact. Longer terms: the document frequency of the key
    bigram, the one with the fewest matches among the newest sixteenth of the ids (an upper bound of
    the phrase's own count, see docs/schema.md, "Relevance"); its tiers bound the term's weight.
    Anything else (a one-character punctuation prefix query): the phrase's own count. Every count
    is cached per index state (``_stats``)."""
    s = token_text(term)
    if len(term) == 1 and ALNUM.match(term):
        return st.doc_freq(conn, CHARS_TABLE, '"' + term + '"'), s
    if len(s) < 2:
        return st.doc_freq(conn, FTS_TABLE, phrase), s
    # The key bigram: the one with the fewest matches among the newest sixteenth of the id range
    # (ties: the first in code-point order), then counted in full: a sample costs 1/16 of a count.
    g = _ranked_grams(conn, st, s)[0]
    return st.doc_freq(conn, FTS_TABLE, '"' + g + '"'), g


def _ranked_grams(conn: sqlite3.Connection, st: _Stats, s: str) -> list[str]:
    """The distinct bigrams of index text ``s``, fewest matches among the newest sixteenth first
    (ties: code-point order); one bigram alone is not sampled."""
    grams = sorted(dict.fromkeys(map(str.__add__, s, s[1:])))
    if len(grams) > 1:
        grams.sort(key=lambda g: st.sample_count(conn, '"' + g + '"'))  # stable: ties keep code-point order
    return grams


def _tier_keys(conn: sqlite3.Connection, st: _Stats, term: str) -> list[str]:
    """The keys whose tiers bound a term's weight: its character, its bigram, or a longer term's
    two bigrams with the fewest sampled matches (an article needs both at a tier to be read there)."""
    s = token_text(term)
    if len(s) < 2:
        return [s]
    return _ranked_grams(conn, st, s)[:2]


def _occurrences(term: str, pre: dict[str, str]) -> Callable[[str], int]:
    """Counts the occurrences of a normalised term in raw text (what FTS5 counts for its phrase)."""
    if len(term) == 1:
        alts = pre.get(term, term)
        if len(alts) == 1:
            return lambda text: text.count(alts) if text else 0
        return lambda text: sum(text.count(ch) for ch in alts) if text else 0
    rx = term_regex(term)
    if any(term[:k] == term[-k:] for k in range(1, len(term))):  # hits may overlap
        rx = re.compile("(?=" + rx.pattern + ")")
    find = rx.findall
    return lambda text: len(find(text)) if text else 0


class _Scorer:
    """FTS5's bm25 formula (same k1, b, weights, document length and average as ``rank`` on
    ``articles_fts``) computed from an article's text: term frequency = occurrences of the term in
    the title/body (what FTS5 counts for the phrase), IDF from cached per-token document
    frequencies (``_term_df_key``). Also decides, from the same text, whether an article matches
    the query (the index's own semantics: normalised substrings)."""

    def __init__(
        self,
        cq: CompiledQuery,
        n_rows: int,
        avgdl: float,
        term_df_key: Callable[[str, str], tuple[int, str]],
        tier_avgdl: float = TIER_AVGDL,
    ) -> None:
        self.cq = cq
        self.avgdl = avgdl
        self.tier_avgdl = tier_avgdl
        uniq = dict(zip(cq.phrases, cq.include, strict=True))  # a repeated term counts once (as in FTS5)
        pre = preimages()
        self.idfs: list[float] = []
        self.keys: list[str] = []
        self.tier_keys: list[list[str]] = []  # per positive term (``_tier_keys``)
        self.counters = [_occurrences(term, pre) for term in uniq.values()]
        for phrase, term in uniq.items():
            hits, key = term_df_key(term, phrase)
            idf = math.log((n_rows - hits + 0.5) / (hits + 0.5)) if n_rows else 0.0
            self.idfs.append(idf if idf > 0 else 1e-6)
            self.keys.append(key)
        self.k1p = BM25_K1 + 1
        self.k1b = BM25_K1 * BM25_B / avgdl
        self.k1nb = BM25_K1 * (1 - BM25_B)
        self.terms = list(zip(self.idfs, self.counters, strict=True))

    @classmethod
    def of(cls, conn: sqlite3.Connection, cq: CompiledQuery) -> _Scorer:
        """The scorer of ``cq`` on this SQLite archive (its statistics and tiers' reference)."""
        st = _stats(conn)
        sc = cls(cq, st.rows, st.avgdl, lambda t, p: _term_df_key(conn, st, t, p), tier_avgdl(conn))
        sc.tier_keys = [_tier_keys(conn, st, t) for t in dict(zip(cq.phrases, cq.include, strict=True)).values()]
        return sc

    def score(self, title: str | None, body: str | None) -> float:
        """bm25 of one article (higher is better)."""
        return self.score_match(title, body)[0]

    def score_match(self, title: str | None, body: str | None) -> tuple[float, bool]:
        """(bm25, whether every positive term occurs)."""
        title, body = title or "", body or ""
        kn = self.k1nb + self.k1b * (len(title) + len(body))
        score, every = 0.0, True
        for idf, cnt in self.terms:
            tf = TITLE_WEIGHT * cnt(title) + BODY_WEIGHT * cnt(body)
            if tf:
                score += idf * tf * self.k1p / (tf + kn)
            else:
                every = False
        return score, every

    def matching_score(self, title: str | None, body: str | None) -> float | None:
        """bm25 when the article matches the whole query (exclusions, OR groups), else None."""
        score, every = self.score_match(title, body)
        cq = self.cq
        if cq.tree is not None:
            return score if verified(cq, title, body) else None
        if not every or any(has(t, title) or has(t, body) for t in cq.exclude):
            return None
        return score if not cq.verify or verified(cq, title, body) else None

    def bound(self, j: int) -> float:
        """Every article whose tier (of each term's key) is below ``j`` scores below this."""
        x = x_bound(j, self.avgdl, self.tier_avgdl)
        f = self.k1p if math.isinf(x) else self.k1p * x / (x + 1)
        return sum(self.idfs) * f * (1 + 1e-9)


def _py_bm25(conn: sqlite3.Connection, cq: CompiledQuery, rows: list[tuple[Any, ...]]) -> list[float]:
    """Negated bm25 (``_Scorer``) of ``rows`` (…, title, body last): lower is better, as FTS5's rank."""
    sc = _Scorer.of(conn, cq)
    return [-sc.score(r[-2], r[-1]) for r in rows]


def bm25(
    cq: CompiledQuery,
    rows: Sequence[tuple[Any, ...]],
    n_rows: int,
    avgdl: float,
    term_df: Callable[[str, str], int],
) -> list[float]:
    """Negated bm25 scores of ``rows`` (…, title, body last) for any backend: ``n_rows`` articles
    indexed, ``avgdl`` their average length in characters (= FTS5 tokens), ``term_df(term, phrase)``
    a term's document frequency as ``_term_df`` defines it."""
    sc = _Scorer(cq, n_rows, avgdl, lambda t, p: (term_df(t, p), t))
    return [-sc.score(r[-2], r[-1]) for r in rows]


# --- relevance ----------------------------------------------------------------------------------


def ranked(
    conn: sqlite3.Connection,
    cq: CompiledQuery,
    where: list[str],
    params: list[Any],
    window: int | None = None,
) -> Iterator[tuple[Any, ...]]:
    """Every match in bm25 order (best first, ties newest first). Rows are (article_id, url, title,
    published_at, channel, source, withdrawn_at, score, body).

    ``window=N`` (a user's choice): only the newest ``N`` matches are ordered by score, every older
    match follows newest first (see docs/schema.md, "Relevance"). Otherwise every match is ranked:
    through the ranking tiers (``_ranked_tiers``) or, in an archive without them, by scoring each."""
    if window is not None:
        yield from _ranked_window(conn, cq, where, params, max(int(window), 1))
    elif has_tiers(conn):
        yield from _ranked_tiers(conn, cq, where, params)
    else:
        yield from _ranked_rest(conn, cq, where, params, _Scorer.of(conn, cq), set(), [])


_ROW_COLS = COLS + ", a.title, a.body"


def _rows_by_id(conn: sqlite3.Connection, ids: list[int], where: list[str], params: list[Any]) -> sqlite3.Cursor:
    sql = f"SELECT {_ROW_COLS} FROM articles a WHERE a.article_id IN (SELECT value FROM json_each(?))"
    sql += "".join(f" AND {w}" for w in where)
    return run(conn, sql, [json.dumps(ids), *params])


def _ranked_tiers(
    conn: sqlite3.Connection, cq: CompiledQuery, where: list[str], params: list[Any]
) -> Iterator[tuple[Any, ...]]:
    """Every match, exactly in bm25 order, without scoring every match: walk the tiers of each
    positive term's keys (``lcnews.db.tiers``, ``_tier_keys``) from the top; an article is read
    at tier ``j`` once every key of one of the terms has reached ``j`` in it; score it (from its
    text, which also decides whether it matches); after tier ``j``, every article not yet read
    scores below ``bound(j)``, so the scored ones above it are final and are yielded.

    A query with few matches (``FEW_MATCHES``) is scored match by match at once, as is the rest
    below tier 1 or once the walk has read ``TIER_WALK_MAX_IDS`` articles (a filter that few of
    them pass) (``_ranked_rest``)."""
    sc = _Scorer.of(conn, cq)
    src, cond, p = id_source(cq)
    join = " JOIN articles a ON a.article_id = f.rowid" if where else ""
    few = f"SELECT count(*) FROM (SELECT 1 FROM {src}{join}{where_clause(cond, where)} LIMIT ?)"
    if run(conn, few, [*p, *params, FEW_MATCHES + 1]).fetchone()[0] <= FEW_MATCHES or not sc.tier_keys:
        yield from _ranked_rest(conn, cq, where, params, sc, set(), [])
        return
    seen: set[int] = set()
    heap: list[tuple[float, int, tuple[Any, ...]]] = []
    reached = [[set[int]() for _ in keys] for keys in sc.tier_keys]  # ids at or above the tier, per key
    ids_sql = f"SELECT rowid FROM {TIERS_TABLE} WHERE {TIERS_TABLE} MATCH ?"
    fetched = 0
    for j in range(TIER_MAX, 0, -1):
        if len(seen) > TIER_WALK_MAX_IDS or fetched > TIER_WALK_MAX_FETCH:
            break
        ready: set[int] = set()
        for keys, sets in zip(sc.tier_keys, reached, strict=True):
            got = []
            for key, have in zip(keys, sets, strict=True):
                ids = [r[0] for r in conn.execute(ids_sql, [tier_token(key, j)])]
                fetched += len(ids)
                have.update(ids)
                got.append(ids)
            if len(keys) == 1:
                ready.update(got[0])
            else:  # in both keys' sets now, by one of this tier's ids
                ready.update(x for x in got[0] if x in sets[1])
                ready.update(x for x in got[1] if x in sets[0])
        new = [x for x in ready if x not in seen]
        if new:
            seen.update(new)
            for r in _rows_by_id(conn, new, where, params):
                s = sc.matching_score(r[7], r[8])
                if s is not None:
                    heapq.heappush(heap, (-s, -r[0], r))
        bound = sc.bound(j)
        while heap and -heap[0][0] >= bound:
            s, _, r = heapq.heappop(heap)
            yield (*r[:7], round(-s, 6), r[8])
    yield from _ranked_rest(conn, cq, where, params, sc, seen, heap)


def _ranked_rest(
    conn: sqlite3.Connection,
    cq: CompiledQuery,
    where: list[str],
    params: list[Any],
    sc: _Scorer,
    seen: set[int],
    heap: list[tuple[float, int, tuple[Any, ...]]],
) -> Iterator[tuple[Any, ...]]:
    """Every match not in ``seen`` scored (text read in chunks, only ids and scores kept), merged
    with the scored rows of ``heap``, all yielded in bm25 order."""
    src, cond, p = id_source(cq)
    sql = f"SELECT {_ROW_COLS} FROM {src} JOIN articles a ON a.article_id = f.rowid{where_clause(cond, where)}"
    order: list[tuple[float, int]] = [(h[0], h[1]) for h in heap]
    held = {-h[1]: h[2] for h in heap}
    cur = run(conn, sql, [*p, *params])
    while chunk := cur.fetchmany(512):
        for r in chunk:
            if r[0] in seen:
                continue
            if cq.needs_verify and not verified(cq, r[7], r[8]):
                continue
            order.append((-sc.score(r[7], r[8]), -r[0]))
    order.sort()
    for i in range(0, len(order), 256):
        part = order[i : i + 256]
        need = [-aid for _, aid in part if -aid not in held]
        rows = {r[0]: r for r in _rows_by_id(conn, need, [], [])} if need else {}
        for s, aid in part:
            r = held.pop(-aid, None) or rows[-aid]
            yield (*r[:7], round(-s, 6), r[8])


def _ranked_window(
    conn: sqlite3.Connection, cq: CompiledQuery, where: list[str], params: list[Any], window: int
) -> Iterator[tuple[Any, ...]]:
    """``ranked`` with a window: the newest ``window`` matches in bm25 order (ties newest first),
    then the older ones newest first (scored too, but not re-ordered)."""
    src, cond, p = id_source(cq)
    sql = (f"SELECT {_ROW_COLS} FROM {src} JOIN articles a ON a.article_id = f.rowid"
           f"{where_clause(cond, [*where, 'f.rowid < ?'])} ORDER BY f.rowid DESC LIMIT ?")  # fmt: skip
    sc: _Scorer | None = None
    below, size, first = 1 << 62, window, True
    while True:
        chunk = run(conn, sql, [*p, *params, below, size]).fetchall()
        if not chunk:
            return
        below = chunk[-1][0]
        rows = [r for r in chunk if verified(cq, r[-2], r[-1])] if cq.needs_verify else chunk
        sc = sc or _Scorer.of(conn, cq)
        scores = [sc.score(r[7], r[8]) for r in rows]
        order: Sequence[int] = range(len(rows))
        if first:
            order = sorted(order, key=lambda k: (-scores[k], -rows[k][0]))
        for k in order:
            r = rows[k]
            yield (*r[:7], round(scores[k], 6), r[8])
        if len(chunk) < size:
            return
        first, size = False, min(max(size, 200) * 4, 4096)
