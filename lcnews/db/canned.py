"""SQL of the Datasette tools: the canned queries, the search box's verify clause, the month facet,
and the dashboard's figures (articles per month by channel, a query's hits per period, top
reporters and sources).

The ``lcnews_*`` SQL functions these use are registered by the Datasette plugin
(``lcnews.datasette.plugin``) on connections to an archive (``is_archive``).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from lcnews.db.errors import QueryError
from lcnews.db.fts import FTS_TABLE
from lcnews.db.hits import check_index, periods_between, plan_count, run_trend
from lcnews.db.query import id_source, run, verified, where_clause

# Index tokens are at most two characters long, so a three-letter token matches no article.
NO_MATCH = '"zzz"'


def is_archive(conn: sqlite3.Connection) -> bool:
    """Whether a connection is to an lcnews archive (has the search index and character map)."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {"meta", "articles", FTS_TABLE, "search_chars"} <= names


# Extra condition for the table's search box: terms with punctuation are verified as substrings.
SEARCH_VERIFY_WHERE = "lcnews_verify(:{param}, {title}, {body})"

SEARCH_SQL = f"""\
SELECT a.article_id, a.published_at, a.channel, a.source, a.title,
       lcnews_snippet(a.body, :q) AS snippet, round(-f.rank, 3) AS score, a.url
FROM {FTS_TABLE} f JOIN articles a ON a.article_id = f.rowid
WHERE {FTS_TABLE} MATCH lcnews_search_match(:q) AND lcnews_verify(:q, a.title, a.body)
ORDER BY f.rank
LIMIT 1000"""

REPORTER_MONTH_SQL = """\
SELECT j.value AS reporter, substr(a.published_at, 1, 7) AS month, count(*) AS articles
FROM articles a, json_each(CASE WHEN json_valid(a.authors) THEN a.authors ELSE '[]' END) j
WHERE :reporter = '' OR j.value = trim(:reporter)
GROUP BY reporter, month
ORDER BY reporter, month"""

CHANNEL_MONTH_SQL = """\
SELECT channel, substr(published_at, 1, 7) AS month, count(*) AS articles
FROM articles
GROUP BY channel, month
ORDER BY channel, month"""

ARTICLE_VERSIONS_SQL = """\
SELECT version, 'superseded' AS state, updated_at AS written_at, replaced_at, title,
       published_at, content_hash, raw_sha256, body
FROM article_versions WHERE article_id = :article_id
UNION ALL
SELECT version, 'current', updated_at, NULL, title, published_at, content_hash, raw_sha256, body
FROM articles WHERE article_id = :article_id
ORDER BY version"""


def month_facet_sql(inner_sql: str, column: str, limit: int) -> str:
    """Count rows of ``inner_sql`` per month (``YYYY-MM``) of an ISO date column, newest first."""
    col = '"' + column.replace('"', '""') + '"'
    return (
        f"SELECT substr({col}, 1, 7) AS value, count(*) AS count FROM ({inner_sql})"
        f" WHERE {col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"
        f" GROUP BY value ORDER BY value DESC LIMIT {int(limit)}"
    )


def names_facet_sql(inner_sql: str, column: str, limit: int) -> str:
    """Count rows of ``inner_sql`` per name in a JSON list column (``authors``), most first. One
    pass over the column (a covering index serves it); Datasette's own array facet copies every
    row (bodies included) to de-duplicate, which takes seconds on a large archive. The archive's
    lists hold each name once, so a row counts once per name."""
    col = '"' + column.replace('"', '""') + '"'
    return (
        f"SELECT j.value AS value, count(*) AS count FROM ({inner_sql}) a, json_each(a.{col}) j"
        f" WHERE a.{col} LIKE '[%' GROUP BY j.value ORDER BY count DESC, value LIMIT {int(limit)}"
    )


def within_rows(conditions: list[str]) -> str:
    """A condition on ``articles a``: the article is among the rows ``conditions`` (on ``articles``) select."""
    return f"a.article_id IN (SELECT article_id FROM articles WHERE {' AND '.join(conditions)})"


# --- the dashboard ------------------------------------------------------------------------------

TOP = 15
# Top-level channels drawn as their own series; the rest are summed as "other".
MAX_SERIES = 9


def channel_months(conn: sqlite3.Connection, names: Mapping[str, str]) -> dict[str, Any]:
    """Articles per month of ``published_at`` by top-level channel (``yaowen`` holds yaowen/shendu)."""
    sql = (
        "SELECT substr(published_at, 1, 7) AS month, CASE WHEN instr(channel, '/') > 0 THEN"
        " substr(channel, 1, instr(channel, '/') - 1) ELSE channel END AS top, count(*)"
        " FROM articles WHERE published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' GROUP BY month, top"
    )
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for month, top, n in conn.execute(sql):
        counts[top or "(none)"][month] = n
    if not counts:
        return {"months": [], "series": []}
    months = sorted({m for per in counts.values() for m in per})
    months = periods_between(months[0], months[-1], "month")
    order = sorted(counts, key=lambda c: -sum(counts[c].values()))
    shown, rest = order[:MAX_SERIES], order[MAX_SERIES:]
    series = [
        {"channel": c, "label": f"{c} {names[c]}" if c in names else c, "counts": [counts[c].get(m, 0) for m in months]}
        for c in shown
    ]
    if rest:
        other = [sum(counts[c].get(m, 0) for c in rest) for m in months]
        series.append({"channel": "", "label": f"other ({len(rest)} channels)", "counts": other})
    return {"months": months, "series": series}


def matching_ids(conn: sqlite3.Connection, query: str) -> list[int]:
    """Every article id the query matches (same compile and checks as ``lcnews search``)."""
    plan = plan_count(query)
    cq = plan.cq
    src, cond, p = id_source(cq)
    cols = "a.article_id" + (", a.title, a.body" if cq.needs_verify else "")
    sql = f"SELECT {cols} FROM {src} JOIN articles a ON a.article_id = f.rowid{where_clause(cond, [])}"
    return [r[0] for r in run(conn, sql, p) if not cq.needs_verify or verified(cq, r[1], r[2])]


def top_people(conn: sqlite3.Connection, ids: list[int] | None) -> dict[str, list[tuple[str, int]]]:
    """The most frequent reporters (``authors``) and sources, over ``ids`` (None: every article)."""
    scope = "" if ids is None else " AND a.article_id IN (SELECT value FROM json_each(?))"
    params = [] if ids is None else [json.dumps(ids)]
    reporters = conn.execute(
        "SELECT j.value, count(*) AS n FROM articles a,"
        " json_each(CASE WHEN json_valid(a.authors) THEN a.authors ELSE '[]' END) j"
        f" WHERE j.value != ''{scope} GROUP BY j.value ORDER BY n DESC, j.value LIMIT {TOP}",
        params,
    ).fetchall()
    sources = conn.execute(
        f"SELECT a.source, count(*) AS n FROM articles a WHERE coalesce(a.source, '') != ''{scope}"
        f" GROUP BY a.source ORDER BY n DESC, a.source LIMIT {TOP}",
        params,
    ).fetchall()
    return {"reporters": [(r[0], r[1]) for r in reporters], "sources": [(s[0], s[1]) for s in sources]}


def dashboard_figures(conn: sqlite3.Connection, query: str, by: str, names: Mapping[str, str]) -> dict[str, Any]:
    """Everything the dashboard draws; ``error`` holds the message when the query cannot be searched."""
    data: dict[str, Any] = {"query": query, "by": by, "error": "", "trend": [], "channels": channel_months(conn, names)}
    ids: list[int] | None = None
    if query.strip():
        try:
            check_index(conn)
            data["trend"] = run_trend(conn, plan_count(query), by)
            ids = matching_ids(conn, query)
        except QueryError as exc:
            data["error"] = str(exc)
    data["matches"] = None if ids is None else len(ids)
    data.update(top_people(conn, ids))
    return data
