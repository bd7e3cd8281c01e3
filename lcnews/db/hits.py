"""Running a search on one SQLite connection: hits (ranked or by date, with snippets) and counts.

A search is validated and compiled first (``plan_search``/``plan_count``: every user error is a
``QueryError`` before anything is opened), then run on a connection whose index ``check_index``
accepted. ``lcnews.db.search`` (any handle: archive, connection, path) and ``Archive.search`` both
go through here.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lcnews.db import channels
from lcnews.db.errors import QueryError
from lcnews.db.query import (
    CompiledQuery,
    channel_filter,
    compile_query,
    filters,
    id_source,
    run,
    verified,
    where_clause,
)
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
    """A validated search: the compiled query, filter conditions and what to return. ``channel`` is
    checked against the archive when the search runs (``with_channel``)."""

    cq: CompiledQuery
    where: list[str]
    params: list[Any]
    limit: int
    offset: int
    sort: str
    marks: tuple[str, str]
    snippet_width: int
    channel: str | None = None
    rank_window: int | None = None


def with_channel(conn: sqlite3.Connection, plan: SearchPlan | CountPlan) -> tuple[list[str], list[Any]]:
    """The plan's conditions with its channel (a slug or Chinese name, ``lcnews.db.channels``)
    added; ``QueryError`` listing the channels when the archive has no such channel."""
    slug = channels.resolve(conn, plan.channel)
    if slug is None:
        return plan.where, plan.params
    cond, params = channel_filter(slug)
    return [*plan.where, cond], [*plan.params, *params]


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
    author_contains: str | None = None,
    source_contains: str | None = None,
    rank_window: int | None = None,
) -> SearchPlan:
    """Validate and compile a search (``QueryError`` says what is wrong, for the user).
    ``rank_window=N``: relevance orders only the newest ``N`` matches (then newest first)."""
    if rank_window is not None and (not isinstance(rank_window, int) or rank_window < 1):
        raise QueryError("rank window must be a whole number of articles, 1 or more")
    if not isinstance(limit, int) or not 0 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 0 and {MAX_LIMIT}")
    if not isinstance(offset, int) or offset < 0:
        raise QueryError("offset must be 0 or more")
    order_by(sort)
    cq = compile_query(query)
    where, params = filters(
        None, since, until, author, source, author_contains=author_contains, source_contains=source_contains
    )
    return SearchPlan(cq, where, params, limit, offset, sort, marks, snippet_width, channel, rank_window)


def run_search(conn: sqlite3.Connection, plan: SearchPlan) -> list[dict[str, Any]]:
    """One dict per article: url, article_id, title, published_at, channel, source, authors,
    withdrawn_at, snippet, score (bm25, higher is better; None unless sort="relevance")."""
    where, params = with_channel(conn, plan)
    if plan.limit == 0:
        return []
    cq = plan.cq
    if plan.sort == "relevance":
        it = ranked(conn, cq, where, params, plan.rank_window)
    else:
        it = by_date(conn, cq, where, params, plan.sort)
    rows: list[tuple[Any, ...]] = []
    for k, row in enumerate(it):
        if k >= plan.offset:
            rows.append(row)
            if len(rows) >= plan.limit:
                break
    bodies = {r[0]: r[8] for r in rows if len(r) >= 9}
    authors: dict[int, list[str]] = {}
    if rows:
        ids = [r[0] for r in rows]
        sql = f"SELECT article_id, authors, body FROM articles WHERE article_id IN ({','.join('?' * len(ids))})"
        for aid, names, body in conn.execute(sql, ids):
            authors[aid] = _names(names)
            bodies.setdefault(aid, body)
    needles = [t for t in cq.include if t.strip()]
    return [
        {
            "url": r[1],
            "article_id": r[0],
            "title": r[2],
            "published_at": r[3],
            "channel": r[4],
            "source": r[5],
            "authors": authors.get(r[0], []),
            "withdrawn_at": r[6],
            "snippet": snippet(bodies.get(r[0]) or "", needles, width=plan.snippet_width, marks=plan.marks),
            "score": r[7],
        }
        for r in rows
    ]


def _names(value: Any) -> list[str]:
    try:
        names = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return []
    return [str(n) for n in names] if isinstance(names, list) else []


@dataclass
class CountPlan:
    cq: CompiledQuery
    where: list[str]
    params: list[Any]
    channel: str | None = None


def plan_count(
    query: str,
    *,
    channel: str | None = None,
    since: DateLike = None,
    until: DateLike = None,
    author: str | None = None,
    source: str | None = None,
    author_contains: str | None = None,
    source_contains: str | None = None,
) -> CountPlan:
    cq = compile_query(query)
    where, params = filters(
        None, since, until, author, source, author_contains=author_contains, source_contains=source_contains
    )
    return CountPlan(cq, where, params, channel)


def run_count(conn: sqlite3.Connection, plan: CountPlan) -> int:
    """Number of articles the same search would find (every match)."""
    cq = plan.cq
    where, params = with_channel(conn, plan)
    src, cond, p = id_source(cq)
    join = f" FROM {src} JOIN articles a ON a.article_id = f.rowid{where_clause(cond, where)}"
    if not cq.needs_verify:
        return int(run(conn, "SELECT count(*)" + join, [*p, *params]).fetchone()[0])
    cur = run(conn, "SELECT a.title, a.body" + join, [*p, *params])
    return sum(1 for t, b in cur if verified(cq, t, b))


PERIODS = ("month", "week", "year")


def period_of(published_at: str, by: str) -> str | None:
    """``2025-03`` (month), ``2025-W09`` (ISO week) or ``2025`` (year) of a ``published_at`` value."""
    try:
        day = dt.date.fromisoformat(published_at[:10])
    except (TypeError, ValueError):
        return None
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if by == "year":
        return f"{day.year:04d}"
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def periods_between(first: str, last: str, by: str) -> list[str]:
    """Every period from ``first`` to ``last`` (inclusive), so a chart shows the empty ones as 0."""
    out: list[str] = []
    if by == "year":
        return [f"{y:04d}" for y in range(int(first), int(last) + 1)]
    if by == "month":
        y, m = int(first[:4]), int(first[5:7])
        while f"{y:04d}-{m:02d}" <= last:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    day = dt.date.fromisocalendar(int(first[:4]), int(first[6:]), 1)
    end = dt.date.fromisocalendar(int(last[:4]), int(last[6:]), 1)
    while day <= end:
        year, week, _ = day.isocalendar()
        out.append(f"{year:04d}-W{week:02d}")
        day += dt.timedelta(days=7)
    return out


def run_trend(conn: sqlite3.Connection, plan: CountPlan, by: str = "month") -> list[tuple[str, int]]:
    """Matching articles per period of ``published_at`` (``PERIODS``), oldest first, every period
    between the first and the last hit included (0 when none); undated articles are left out."""
    if by not in PERIODS:
        raise QueryError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    cq = plan.cq
    where, params = with_channel(conn, plan)
    src, cond, p = id_source(cq)
    cols = "a.published_at" + (", a.title, a.body" if cq.needs_verify else "")
    sql = f"SELECT {cols} FROM {src} JOIN articles a ON a.article_id = f.rowid{where_clause(cond, where)}"
    counts: Counter[str] = Counter()
    for row in run(conn, sql, [*p, *params]):
        if cq.needs_verify and not verified(cq, row[1], row[2]):
            continue
        period = period_of(row[0], by) if row[0] else None
        if period:
            counts[period] += 1
    if not counts:
        return []
    return [(k, counts.get(k, 0)) for k in periods_between(min(counts), max(counts), by)]


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
