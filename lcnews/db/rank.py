"""Ordering the matches of a compiled query: bm25 relevance over a window, or by publication date.

Relevance (``sort="relevance"``): FTS5's bm25 (k1 1.2, b 0.75, title ×5, body ×1, the ``rank``
configured on ``articles_fts``) orders the newest ``RANK_WINDOW`` (200) matching articles; older
matches follow newest first (see docs/schema.md, "Relevance"). Unless every term is one bigram, the
window is scored in Python (``_py_bm25``) from the rows' text and cached per-token document counts
(a 3+-character term's IDF uses its rarest bigram's count: documented approximation).

``sort="newest"``/``"oldest"``: every match by ``published_at``; a frequent term walks the date index.

Every iterator yields rows (article_id, url, title, published_at, channel, source, withdrawn_at,
score[, body]) from one connection; the caller checks the index and builds the hits.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from lcnews.db.errors import QueryError
from lcnews.db.fts import BODY_WEIGHT, CHARS_TABLE, FTS_TABLE, TITLE_WEIGHT
from lcnews.db.fts5record import read_averages
from lcnews.db.query import ALNUM, CompiledQuery, id_source, preimages, run, term_regex, verified, where_clause
from lcnews.extract.tokens import token_text

BM25_K1 = 1.2
BM25_B = 0.75
# Relevance scores the newest this many matches (all of them when fewer match).
RANK_WINDOW = 200
# sort="newest"/"oldest": a term matching more articles than this walks the published_at index.
DATE_WALK_MIN_HITS = 3000
SORTS = ("relevance", "newest", "oldest")

COLS = "a.article_id, a.url, a.title, a.published_at, a.channel, a.source, a.withdrawn_at"


# --- bm25 inputs: whole-table statistics ---------------------------------------------------------


class _Stats:
    """Whole-table bm25 inputs of one index state: rows, average tokens per row (FTS5's own
    averages record) and an LRU of document frequencies per token (``articles_fts`` bigram or
    ``articles_fts_chars`` character), each counted once per index state by FTS5 itself."""

    MAX_TOKENS = 50_000

    def __init__(self, averages: bytes) -> None:
        self.rows, total = read_averages(averages)
        self.avgdl = total / self.rows if self.rows else 1.0
        self.df: dict[tuple[str, str], int] = {}

    def doc_freq(self, conn: sqlite3.Connection, table: str, expr: str) -> int:
        """Documents matching ``expr`` (FTS5's count, once per index state)."""
        key = (table, expr)
        n = self.df.pop(key, None)
        if n is None:
            n = int(run(conn, f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", [expr]).fetchone()[0])
            if len(self.df) >= self.MAX_TOKENS:
                del self.df[next(iter(self.df))]
        self.df[key] = n  # most recently used last
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
    """Documents containing ``term``, for the IDF. One letter/digit: exact, from
    ``articles_fts_chars``. Two or more characters: the document frequency of the rarest bigram of
    the term (exact for two characters; for longer terms an upper bound of the phrase's, see
    docs/schema.md, "Relevance"). Anything else (a one-character punctuation prefix query): the
    phrase's own count. Every count is cached per index state (``_stats``)."""
    if len(term) == 1 and ALNUM.match(term):
        return st.doc_freq(conn, CHARS_TABLE, '"' + term + '"')
    s = token_text(term)
    if len(s) < 2:
        return st.doc_freq(conn, FTS_TABLE, phrase)
    return min(st.doc_freq(conn, FTS_TABLE, '"' + g + '"') for g in dict.fromkeys(map(str.__add__, s, s[1:])))


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


def _py_bm25(conn: sqlite3.Connection, cq: CompiledQuery, rows: list[tuple[Any, ...]]) -> list[float]:
    """FTS5's bm25 formula (same k1, b, weights, document length and average as ``rank`` on
    ``articles_fts``) computed from the text of ``rows`` (…, title, body last): term frequency =
    occurrences of the term in the title/body (what FTS5 counts for the phrase), IDF from cached
    per-token document frequencies (``_term_df``)."""
    st = _stats(conn)
    return bm25(cq, rows, st.rows, st.avgdl, lambda term, phrase: _term_df(conn, st, term, phrase))


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
    idfs = []
    uniq = dict(zip(cq.phrases, cq.include, strict=True))  # a repeated term counts once (as in FTS5)
    include = list(uniq.values())
    for phrase, term in uniq.items():
        hits = term_df(term, phrase)
        idf = math.log((n_rows - hits + 0.5) / (hits + 0.5)) if n_rows else 0.0
        idfs.append(idf if idf > 0 else 1e-6)
    pre = preimages()
    counters = [_occurrences(term, pre) for term in include]
    k1p, k1b, k1nb = BM25_K1 + 1, BM25_K1 * BM25_B / avgdl, BM25_K1 * (1 - BM25_B)
    terms = list(zip(idfs, counters, strict=True))
    out = []
    for r in rows:
        title, body = r[-2] or "", r[-1] or ""
        kn = k1nb + k1b * (len(title) + len(body))
        score = 0.0
        for idf, cnt in terms:
            tf = TITLE_WEIGHT * cnt(title) + BODY_WEIGHT * cnt(body)
            score += idf * tf * k1p / (tf + kn)
        out.append(-score)
    return out


# --- relevance ----------------------------------------------------------------------------------


def ranked(
    conn: sqlite3.Connection, cq: CompiledQuery, where: list[str], params: list[Any]
) -> Iterator[tuple[Any, ...]]:
    """Every match: the newest ``RANK_WINDOW`` in bm25 order (best first, ties newest first), then
    the older ones newest first (scored too, but not re-ordered: see docs/schema.md, "Relevance").

    The index only gives the newest ids (``ORDER BY rowid DESC LIMIT``, no ``rank``: FTS5 would
    count every phrase's documents over the whole table for its IDF); bm25 is computed here from
    the text of those rows (``_py_bm25``), then the tail follows in chunks. Rows are
    (article_id, url, title, published_at, channel, source, withdrawn_at, score, body)."""
    src, cond, p = id_source(cq)
    if not cq.chars_pos and all(" " not in ph and not ph.endswith("*") for ph in cq.phrases):
        yield from _ranked_fts(conn, cq, where, params)  # one bigram per term: FTS5's own bm25
        return
    cols = COLS + ", a.title, a.body"
    sql = (f"SELECT {cols} FROM {src} JOIN articles a ON a.article_id = f.rowid"
           f"{where_clause(cond, [*where, 'f.rowid < ?'])} ORDER BY f.rowid DESC LIMIT ?")  # fmt: skip
    below, size, first = 1 << 62, RANK_WINDOW, True
    while True:
        chunk = run(conn, sql, [*p, *params, below, size]).fetchall()
        if not chunk:
            return
        below = chunk[-1][0]
        rows = [r for r in chunk if verified(cq, r[-2], r[-1])] if cq.needs_verify else chunk
        scores = _py_bm25(conn, cq, rows) if rows else []
        order: Sequence[int] = range(len(rows))
        if first:
            order = sorted(order, key=lambda k: (scores[k], -rows[k][0]))
        for k in order:
            r = rows[k]
            yield (*r[:7], round(-scores[k], 6), r[8])
        if len(chunk) < size:
            return
        first, size = False, min(size * 4, 4096)


def _ranked_fts(
    conn: sqlite3.Connection, cq: CompiledQuery, where: list[str], params: list[Any]
) -> Iterator[tuple[Any, ...]]:
    """``ranked`` when every positive term is two characters (one bigram): FTS5's ``rank`` scores
    the window (its IDF is one doclist count per term, the same value ``_term_df`` gives), without
    reading the 200 bodies."""
    src, cond, p = id_source(cq)
    join = " JOIN articles a ON a.article_id = f.rowid" if where else ""
    # FTS5 scores the window only (the newest RANK_WINDOW ids, no join unless a filter needs it);
    # the rank column carries the configured bm25 (title ×5).
    window = (f"SELECT f.rowid AS id, f.rank AS rank FROM {src}{join}{where_clause(cond, where)}"
              " ORDER BY f.rowid DESC LIMIT ?")  # fmt: skip
    cols = COLS + (", a.title, a.body" if cq.needs_verify else "")
    sql = (f"SELECT {cols}, w.rank FROM ({window}) w JOIN articles a ON a.article_id = w.id"
           " ORDER BY w.rank, w.id DESC")  # fmt: skip
    floor = None
    for r in run(conn, sql, [*p, *params, RANK_WINDOW]):
        floor = r[0] if floor is None else min(floor, r[0])
        if not cq.needs_verify or verified(cq, r[7], r[8]):
            yield (*r[:7], round(-r[-1], 6))
    if floor is None:
        return
    tail = (f"SELECT {cols}, f.rank FROM {src} JOIN articles a ON a.article_id = f.rowid"
            f"{where_clause(cond, [*where, 'f.rowid < ?'])} ORDER BY f.rowid DESC")  # fmt: skip
    for r in run(conn, tail, [*p, *params, floor]):
        if not cq.needs_verify or verified(cq, r[7], r[8]):
            yield (*r[:7], round(-r[-1], 6))


# --- by date ------------------------------------------------------------------------------------


def _newest_ids(conn: sqlite3.Connection, cq: CompiledQuery, where: list[str], params: list[Any], n: int) -> list[int]:
    """Up to ``n`` matching ids (filters applied, verification not), highest article_id first."""
    src, cond, p = id_source(cq)
    join = " JOIN articles a ON a.article_id = f.rowid" if where else ""  # no filter: index only
    sql = f"SELECT f.rowid FROM {src}{join}{where_clause(cond, where)} ORDER BY f.rowid DESC LIMIT ?"
    return [r[0] for r in run(conn, sql, [*p, *params, n])]


def order_by(sort: str) -> str:
    if sort == "newest":
        return "a.published_at DESC, a.article_id DESC"
    if sort == "oldest":
        return "a.published_at IS NULL, a.published_at, a.article_id"
    if sort == "relevance":
        return ""
    raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")


def by_date(
    conn: sqlite3.Connection, cq: CompiledQuery, where: list[str], params: list[Any], sort: str
) -> Iterator[tuple[Any, ...]]:
    """Matches by date. A term with few hits: its ids from the index, sorted by date. A frequent
    one: walk the ``published_at`` index in chunks and keep the ids the index matches (early exit)."""
    order = order_by(sort)
    cols = COLS + (", a.title, a.body" if cq.needs_verify else "")
    src, cond, p = id_source(cq)
    probe = _newest_ids(conn, cq, where, params, DATE_WALK_MIN_HITS + 1)
    if len(probe) <= DATE_WALK_MIN_HITS:
        if not probe:
            return
        sql = (f"SELECT {cols} FROM articles a WHERE a.article_id IN (SELECT value FROM json_each(?))"
               f" ORDER BY {order}")  # fmt: skip
        rows: Iterator[tuple[Any, ...]] = iter(run(conn, sql, [json.dumps(probe)]))
    else:
        rows = _date_walk(conn, cq, cols, src, cond, p, where, params, order)
    for r in rows:
        if not cq.needs_verify or verified(cq, r[7], r[8]):
            yield (*r[:7], None)


def _date_walk(
    conn: sqlite3.Connection,
    cq: CompiledQuery,
    cols: str,
    src: str,
    cond: str,
    p: list[Any],
    where: list[str],
    params: list[Any],
    order: str,
    chunk: int = 256,
) -> Iterator[tuple[Any, ...]]:
    ids_sql = ("SELECT a.article_id FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY {order} LIMIT ? OFFSET ?")  # fmt: skip
    match_sql = f"SELECT f.rowid FROM {src} WHERE {cond} AND f.rowid BETWEEN ? AND ?"
    row_sql = f"SELECT {cols} FROM articles a WHERE a.article_id = ?"
    offset = 0
    while True:
        ids = [r[0] for r in run(conn, ids_sql, [*params, chunk, offset])]
        if not ids:
            return
        offset += len(ids)
        hit = {r[0] for r in run(conn, match_sql, [*p, min(ids), max(ids)])}
        for aid in ids:
            if aid in hit:
                yield conn.execute(row_sql, [aid]).fetchone()
        chunk = min(chunk * 2, 8192)
