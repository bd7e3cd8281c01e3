"""The lcnews Datasette plugin: the reading room over an archive.

Search: Chinese search in the standard search box (ranked like ``lcnews search`` on the articles
page, ``ranked.py``), snippets, clear messages for queries that cannot be searched. Reading: an
article page that reads like an article (``reading.py``, ``templates/row.html``), body excerpts and
the reading columns in tables, column notes folded away, channel names in Chinese beside slugs
(from the site profile, passed in the metadata's plugin config), CSV downloads with a BOM (Excel).
Pictures: ``/DB/-/dashboard`` (``templates/lcnews_dashboard.html``, Chart.js served locally). Every
hook acts only on archives served with lcnews metadata (``archive_names``).

Datasette's table search runs ``pk IN (SELECT rowid FROM fts WHERE fts MATCH escape_fts(:search))``.
On connections to an lcnews archive this plugin replaces ``escape_fts`` with lcnews's query compiler
(bigram phrases, the same as ``lcnews.db.query``), and adds a substring check for the terms the
index cannot decide alone (punctuation inside a term), so ``?_search=`` finds exactly the articles
``lcnews search`` finds, 1- and 2-character words included. Other databases served by the same
Datasette keep Datasette's own ``escape_fts``.

SQL functions (archive connections only): ``lcnews_match(q)`` (FTS5 MATCH expression; an error for
a query that cannot be searched), ``lcnews_query_error(q)`` (why not, or NULL),
``lcnews_verify(q, title, body)`` (1 when the article really matches), ``lcnews_snippet(body, q)``
(text around the first hit, hits in ``<mark>``), ``lcnews_normalize(text)``.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, path_with_removed_args
from datasette.utils.asgi import BadRequest

from lcnews.db import QueryError
from lcnews.db import canned as queries
from lcnews.db.fts import FTS_TABLE
from lcnews.db.query import CompiledQuery, compile_query, verified
from lcnews.db.snippets import snippet as make_snippet
from lcnews.extract.normalize import normalize

SEARCH_COLUMNS = ("title", "body")


@functools.lru_cache(maxsize=512)
def _compiled(query: str) -> CompiledQuery:
    return compile_query(query)


def match_expression(query: str | None) -> str:
    """FTS5 MATCH expression for a user query; a blank query matches nothing. Raises QueryError."""
    if query is None or not str(query).strip():
        return queries.NO_MATCH
    return _compiled(str(query)).match


def escape_fts(query: str | None) -> str:
    # Invalid queries were already reported by the filter hook (a 400 with the reason).
    try:
        return match_expression(query)
    except QueryError:
        return queries.NO_MATCH


# The canned search's MATCH: an invalid query matches nothing here, and the page says why
# (lcnews.datasette.room: the query page's message, a 400 for JSON and CSV).
search_match = escape_fts


def query_error(query: str | None) -> str | None:
    """Why ``query`` cannot be searched (None when it can): for your own SQL in Datasette."""
    if query is None or not str(query).strip():
        return "empty query: give at least one word to search for"
    try:
        _compiled(str(query))
    except QueryError as exc:
        return str(exc)
    return None


def verify(query: str | None, title: str | None, body: str | None) -> int:
    if query is None or not str(query).strip():
        return 0
    try:
        cq = _compiled(str(query))
    except QueryError:
        return 0
    return int(not cq.needs_verify or verified(cq, title, body))


def snippet(body: str | None, query: str | None) -> str:
    if not body or query is None or not str(query).strip():
        return ""
    try:
        needles = [t for t in _compiled(str(query)).include if t.strip()]
    except QueryError:
        return ""
    return make_snippet(body, needles)


def _normalize(text: str | None) -> str | None:
    return None if text is None else normalize(str(text))


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    # trylast: Datasette's own escape_fts is registered first, so ours replaces it.
    if not queries.is_archive(conn):
        return
    conn.create_function("escape_fts", 1, escape_fts, deterministic=True)
    conn.create_function("lcnews_match", 1, match_expression, deterministic=True)
    conn.create_function("lcnews_search_match", 1, search_match, deterministic=True)
    conn.create_function("lcnews_query_error", 1, query_error, deterministic=True)
    conn.create_function("lcnews_verify", 3, verify, deterministic=True)
    conn.create_function("lcnews_snippet", 2, snippet, deterministic=True)
    conn.create_function("lcnews_normalize", 1, _normalize, deterministic=True)


def _is_archive_table(datasette: Any, database: str, table: str | None) -> bool:
    """The articles table of a database served with lcnews metadata (fts_table set by us)."""
    if table != "articles":
        return False
    return datasette.table_metadata(database, table).get("fts_table") == FTS_TABLE


@hookimpl
def filters_from_request(
    request: Any, database: str, table: str, datasette: Any
) -> Callable[[], Awaitable[FilterArguments | None]]:
    async def inner() -> FilterArguments | None:
        if not _is_archive_table(datasette, database, table):
            return None
        raw = datasette.table_metadata(database, table).get("searchmode") == "raw"
        raw = {"raw": True, "escaped": False}.get(request.args.get("_searchmode", ""), raw)
        if raw:
            return None
        # Mirror Datasette's precedence: ?_search= wins over ?_search_<column>=.
        searches: list[tuple[str, tuple[str, ...]]]
        if "_search" in request.args:
            searches = [(request.args["_search"], SEARCH_COLUMNS)]
        else:
            searches = [
                (request.args[k], (k.removeprefix("_search_"),))
                for k in request.args
                if k.startswith("_search_") and k.removeprefix("_search_") in SEARCH_COLUMNS
            ]
        where: list[str] = []
        params: dict[str, str] = {}
        for i, (text, columns) in enumerate(searches):
            if not text.strip():
                continue
            try:
                cq = _compiled(text)
            except QueryError as exc:
                raise BadRequest(f"Search: {exc}") from None
            if cq.needs_verify:
                name = f"lcnews_search_{i}"
                title = "[title]" if "title" in columns else "NULL"
                body = "[body]" if "body" in columns else "NULL"
                where.append(queries.SEARCH_VERIFY_WHERE.format(param=name, title=title, body=body))
                params[name] = text
        return FilterArguments(where, params) if where else None

    return inner


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[Any], Any]:
    """A blank search box (``?_search=`` when filters are applied) means no search, not an error."""

    def wrap(app: Any) -> Any:
        async def strip_blank_search(scope: dict[str, Any], receive: Any, send: Any) -> None:
            qs = scope.get("query_string", b"") if scope.get("type") == "http" else b""
            if b"_search" in qs:
                pairs = parse_qsl(qs.decode("utf-8", "replace"), keep_blank_values=True)
                kept = [(k, v) for k, v in pairs if not (k.startswith("_search") and not v.strip())]
                if len(kept) != len(pairs):
                    scope = {**scope, "query_string": urlencode(kept).encode()}
            await app(scope, receive, send)

        return strip_blank_search

    return wrap


class MonthFacet(Facet):
    """Facet an ISO date column by month (``YYYY-MM``), newest first; selects with __startswith."""

    type = "month"

    async def suggest(self) -> list[dict[str, Any]]:
        return []

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results: list[dict[str, Any]] = []
        timed_out: list[str] = []
        qs_pairs = self.get_querystring_pairs()
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            sql = queries.month_facet_sql(self.sql, column, size + 1)
            try:
                rows = await self.ds.execute(
                    self.database,
                    sql,
                    self.params,
                    truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )
            except QueryInterrupted:
                timed_out.append(column)
                continue
            values = []
            key = f"{column}__startswith"
            for row in rows.rows[:size]:
                selected = (key, str(row["value"])) in qs_pairs
                change = path_with_removed_args if selected else path_with_added_args
                path = change(self.request, {key: str(row["value"])})
                values.append(
                    {
                        "value": row["value"],
                        "label": row["value"],
                        "count": row["count"],
                        "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
                        "selected": selected,
                    }
                )
            results.append(
                {
                    "name": column,
                    "type": self.type,
                    "hideable": source_and_config["source"] != "metadata",
                    "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet_month": column})),
                    "results": values,
                    "truncated": len(rows.rows) > size,
                }
            )
        return results, timed_out


class NamesFacet(Facet):
    """Facet a JSON list of names (``authors``) by name, most articles first; selects with
    ``__arraycontains`` (as Datasette's array facet, which is too slow on a large archive)."""

    type = "names"

    async def suggest(self) -> list[dict[str, Any]]:
        return []

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results: list[dict[str, Any]] = []
        timed_out: list[str] = []
        qs_pairs = self.get_querystring_pairs()
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            try:
                rows = await self.ds.execute(
                    self.database,
                    queries.names_facet_sql(self.sql, column, size + 1),
                    self.params,
                    truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )
            except QueryInterrupted:
                timed_out.append(column)
                continue
            values = []
            key = f"{column}__arraycontains"
            for row in rows.rows[:size]:
                selected = (key, str(row["value"])) in qs_pairs
                change = path_with_removed_args if selected else path_with_added_args
                path = change(self.request, {key: str(row["value"])})
                values.append(
                    {
                        "value": row["value"],
                        "label": row["value"],
                        "count": row["count"],
                        "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
                        "selected": selected,
                    }
                )
            results.append(
                {
                    "name": column,
                    "type": self.type,
                    "hideable": source_and_config["source"] != "metadata",
                    "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet_names": column})),
                    "results": values,
                    "truncated": len(rows.rows) > size,
                }
            )
        return results, timed_out


@hookimpl
def register_facet_classes() -> list[type]:
    return [MonthFacet, NamesFacet]
