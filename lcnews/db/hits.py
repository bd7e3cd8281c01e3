"""Running a search on one SQLite connection: hits (ranked or by date, with snippets) and counts.

A search is validated and compiled first (``plan_search``/``plan_count``: every user error is a
``QueryError`` before anything is opened), then run on a connection whose index ``check_index``
accepted. ``lcnews.db.search`` (any handle: archive, connection, path) and ``Archive.search`` both
go through here.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lcnews.db.errors import QueryError
from lcnews.db.query import CompiledQuery, compile_query, filters, id_source, run, verified, where_clause
from lcnews.db.rank import by_date, order_by, ranked
from lcnews.db.snippets import DEFAULT_MARKS, snippet
from lcnews.extract.normalize import NORMALIZER_VERSION
from lcnews.extract.tokens import INDEX_VERSION

MAX_LIMIT = 1000

STALE_MESSAGE = (
    "the search index of {path} was built by an older lcnews (schema or normaliser version); "
    "searching it would give wrong results. Run `lcnews rebuild-index --db {path}` "
    "(or open the archive writable once, which upgrades it)"
)

DateLike = str | dt.date | None


def check_index(conn: sqlite3.Connection, stale: bool | None = None, where: object = "the archive") -> None:
    """Refuse to search an index this code cannot read correctly (an older schema opened read-only).

    ``stale`` is the archive's own verdict when it has one (``Archive.index_stale``); None reads
    the versions from the ``meta`` table of the connection."""
    if stale is not None:
        if stale:
            raise QueryError(STALE_MESSAGE.format(path=where))
        return
    try:
        meta = dict(
            conn.execute("SELECT key, value FROM meta WHERE key IN ('schema_version', 'normalizer_version')").fetchall()
        )
    except sqlite3.Error:
        return  # not an lcnews archive: let the query itself fail
    version = meta.get("schema_version") or "0"
    if (version.isdigit() and int(version) < int(INDEX_VERSION)) or meta.get(
        "normalizer_version", NORMALIZER_VERSION
    ) != NORMALIZER_VERSION:
        path = conn.execute("PRAGMA database_list").fetchone()[2] or "the archive"
        raise QueryError(STALE_MESSAGE.format(path=path))


@dataclass
class SearchPlan:
    """A validated search: the compiled query, filter conditions and what to return."""

    cq: CompiledQuery
    where: list[str]
    params: list[Any]
    limit: int
    offset: int
    sort: str
    marks: tuple[str, str]
    snippet_width: int


def plan_search(
    query: str,
    *,
    limit: int = 20,
    offset: int = 0,
    channel: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    author: str | None = None,
    source: str | None = None,
    sort: str = "relevance",
    marks: tuple[str, str] = DEFAULT_MARKS,
    snippet_width: int = 120,
) -> SearchPlan:
    """Validate and compile a search (``QueryError`` says what is wrong, for the user)."""
    if not isinstance(limit, int) or not 0 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 0 and {MAX_LIMIT}")
    if not isinstance(offset, int) or offset < 0:
        raise QueryError("offset must be 0 or more")
    order_by(sort)
    cq = compile_query(query)
    where, params = filters(channel, since, until, author, source)
    return SearchPlan(cq, where, params, limit, offset, sort, marks, snippet_width)


def run_search(conn: sqlite3.Connection, plan: SearchPlan) -> list[dict[str, Any]]:
    """One dict per article: url, article_id, title, published_at, channel, source, withdrawn_at,
    snippet, score (bm25, higher is better; None unless sort="relevance")."""
    if plan.limit == 0:
        return []
    cq = plan.cq
    it = (
        ranked(conn, cq, plan.where, plan.params)
        if plan.sort == "relevance"
        else by_date(conn, cq, plan.where, plan.params, plan.sort)
    )
    rows: list[tuple[Any, ...]] = []
    for k, row in enumerate(it):
        if k >= plan.offset:
            rows.append(row)
            if len(rows) >= plan.limit:
                break
    ids = [r[0] for r in rows if len(r) < 9]
    bodies = {r[0]: r[8] for r in rows if len(r) >= 9}
    if ids:
        sql = f"SELECT article_id, body FROM articles WHERE article_id IN ({','.join('?' * len(ids))})"
        bodies |= dict(conn.execute(sql, ids).fetchall())
    needles = [t for t in cq.include if t.strip()]
    return [
        {
            "url": r[1],
            "article_id": r[0],
            "title": r[2],
            "published_at": r[3],
            "channel": r[4],
            "source": r[5],
            "withdrawn_at": r[6],
            "snippet": snippet(bodies.get(r[0]) or "", needles, width=plan.snippet_width, marks=plan.marks),
            "score": r[7],
        }
        for r in rows
    ]


@dataclass
class CountPlan:
    cq: CompiledQuery
    where: list[str]
    params: list[Any]


def plan_count(
    query: str,
    *,
    channel: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    author: str | None = None,
    source: str | None = None,
) -> CountPlan:
    cq = compile_query(query)
    where, params = filters(channel, since, until, author, source)
    return CountPlan(cq, where, params)


def run_count(conn: sqlite3.Connection, plan: CountPlan) -> int:
    """Number of articles the same search would find (every match)."""
    cq = plan.cq
    src, cond, p = id_source(cq)
    join = f" FROM {src} JOIN articles a ON a.article_id = f.rowid{where_clause(cond, plan.where)}"
    if not cq.needs_verify:
        return int(run(conn, "SELECT count(*)" + join, [*p, *plan.params]).fetchone()[0])
    cur = run(conn, "SELECT a.title, a.body" + join, [*p, *plan.params])
    return sum(1 for t, b in cur if verified(cq, t, b))


def iter_match_ids(conn: sqlite3.Connection, query: str) -> Iterator[int]:
    """All matching article ids, unordered (for tests and exports)."""
    cq = compile_query(query)
    check_index(conn)
    src, cond, p = id_source(cq)
    if not cq.needs_verify:
        yield from (r[0] for r in run(conn, f"SELECT f.rowid FROM {src} WHERE {cond}", p))
        return
    sql = f"SELECT a.article_id, a.title, a.body FROM {src} JOIN articles a ON a.article_id = f.rowid WHERE {cond}"
    for aid, t, b in run(conn, sql, p):
        if verified(cq, t, b):
            yield aid
