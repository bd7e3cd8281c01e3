"""Ordering the matches of a compiled query by publication date (``sort="newest"``/``"oldest"``).

A query with few matches sorts its ids; a frequent one walks the ``published_at`` index in chunks
and keeps the ids the index matches (early exit). Rows as ``lcnews.db.rank`` yields them, score None.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from lcnews.db.errors import QueryError
from lcnews.db.query import CompiledQuery, id_source, run, verified, where_clause

# sort="newest"/"oldest": a term matching more articles than this walks the published_at index.
DATE_WALK_MIN_HITS = 3000
SORTS = ("relevance", "newest", "oldest")

COLS = "a.article_id, a.url, a.title, a.published_at, a.channel, a.source, a.withdrawn_at"


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
