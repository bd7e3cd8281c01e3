"""The reading room's Datasette hooks: article pages, readable tables, channel names, ranked search
on the articles page, the dashboard, CSV with a BOM, messages for searches that cannot run.

Only databases served with lcnews metadata count (``plugins.lcnews.archive`` in the database's
metadata, set by ``lcnews.datasette.metadata.build_metadata``); every other database served by the
same Datasette is left as Datasette shows it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from lcnews.datasette import ranked, reading
from lcnews.db import QueryError
from lcnews.db import canned as queries
from lcnews.db.hits import PERIODS
from lcnews.db.query import compile_query
from lcnews.db.snippets import DEFAULT_MARKS

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
STATIC_MOUNT = "lcnews-static"
BOM = "\ufeff".encode()
SEARCH_QUERY = "search"
HASH_COLUMNS = ("content_hash", "raw_sha256", "simhash")
# Columns whose text is long: tables show an excerpt (the article page and the CSV have it all).
EXCERPT_COLUMNS = ("body",)


def config(datasette: Any, database: str | None) -> dict[str, Any]:
    """The lcnews plugin config of a database (empty unless it is an archive served by lcnews)."""
    if not database:
        return {}
    found = datasette.plugin_config("lcnews", database=database) or {}
    return found if found.get("archive") else {}


def archive_names(datasette: Any) -> set[str]:
    return {name for name in datasette.databases if config(datasette, name)}


def static_url(datasette: Any, name: str) -> str:
    return datasette.urls.path(f"/{STATIC_MOUNT}/{name}")


def query_error(query: str | None) -> str:
    """Why a search query cannot run ('' when it can, or when it is blank)."""
    if query is None or not str(query).strip():
        return ""
    try:
        compile_query(str(query))
    except QueryError as exc:
        return str(exc)
    return ""


def marked(value: Any) -> Markup:
    """A snippet as HTML: its text escaped, its ``<mark>`` hit markers kept."""
    start, end = DEFAULT_MARKS
    html = str(escape(value or "")).replace(str(escape(start)), start).replace(str(escape(end)), end)
    return Markup(html)


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters["lcnews_marked"] = marked


# --- cells ----------------------------------------------------------------------------------------


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    cfg = config(datasette, database)
    if not cfg or not isinstance(value, str):
        return None
    # sqlite3.Row: `in` looks at the values, keys() at the column names.
    if table == "articles" and column == "title" and row is not None and "article_id" in row.keys():  # noqa: SIM118
        href = datasette.urls.row(database, "articles", str(row["article_id"]))
        return Markup('<a class="lcnews-title" href="{}">{}</a>').format(href, value)
    if table == "articles" and column == "url" and value.startswith("http"):
        shown = "/" + value.split("://", 1)[1].partition("/")[2]
        return Markup('<a class="lcnews-url" href="{}" title="{}">{}</a>').format(value, value, shown)
    if column == "snippet" and table is None:
        return Markup('<div class="lcnews-snippet">{}</div>').format(marked(value))
    if column in EXCERPT_COLUMNS and len(value) > reading.EXCERPT_CHARS:
        return Markup('<div class="lcnews-excerpt">{}</div>').format(reading.excerpt(value))
    if column == "channel" and value:
        label = reading.channel_label(value, cfg.get("channel_names") or {})
        if label:
            return Markup('{} <span class="lcnews-zh">{}</span>').format(value, label)
    if column in HASH_COLUMNS and len(value) > reading.HASH_CHARS + 1:
        return Markup('<code class="lcnews-hash" title="{}">{}</code>').format(value, reading.short_hash(value))
    return None


# --- pages ----------------------------------------------------------------------------------------


@hookimpl
def extra_css_urls(database: str | None, datasette: Any) -> list[str]:
    return [static_url(datasette, "lcnews.css")] if config(datasette, database) else []


@hookimpl
def extra_template_vars(
    template: str, database: str | None, table: str | None, view_name: str, request: Any, datasette: Any
) -> Callable[[], Any]:
    async def inner() -> dict[str, Any]:
        cfg = config(datasette, database)
        if not cfg or request is None or database is None:
            return {}
        names = cfg.get("channel_names") or {}
        out: dict[str, Any] = {
            "lcnews": True,
            "lcnews_channel_names": names,
            "lcnews_dashboard_url": datasette.urls.database(database) + "/-/dashboard",
            "lcnews_hidden_columns": [],
        }
        if template.startswith("query") and request.url_vars.get("table") == SEARCH_QUERY:
            out["lcnews_search_error"] = query_error(request.args.get("q"))
        if table == "articles" and view_name == "table":
            out["lcnews_all_columns"] = bool(request.args.get("_lcnews_columns"))
            out["lcnews_reading_columns"] = list(reading.READING_COLUMNS)
            if ranked.wanted(request.args):
                out["lcnews_ranked"] = await _ranked(datasette, database, request)
        if table == "articles" and view_name == "row":
            out["lcnews_article"] = await _article(datasette, database, request, cfg)
        return out

    return inner


async def _ranked(datasette: Any, database: str, request: Any) -> ranked.Ranked:
    where, params = ranked.column_filters(request, "articles")
    try:
        page = max(0, int(request.args.get(ranked.PAGE_ARG) or 0))
    except ValueError:
        page = 0
    query = str(request.args.get("_search"))
    db = datasette.get_database(database)
    return await db.execute_fn(lambda conn: ranked.ranked_hits(conn, query, where, params, page))


async def _article(datasette: Any, database: str, request: Any, cfg: dict[str, Any]) -> dict[str, Any] | None:
    pk = request.url_vars.get("pks", "")
    if not str(pk).isdigit():
        return None
    db = datasette.get_database(database)
    rows = (await db.execute("SELECT * FROM articles WHERE article_id = ?", [int(pk)])).rows
    if not rows:
        return None
    row = dict(rows[0])
    older = (await db.execute("SELECT count(*) FROM article_versions WHERE article_id = ?", [int(pk)])).rows[0][0]
    # The canned query article_versions (it shadows the table of the same name): old and current.
    versions_url = datasette.urls.table(database, "article_versions") + f"?article_id={int(pk)}"
    return reading.article_view(
        row,
        names=cfg.get("channel_names") or {},
        versions=int(older) + 1,
        site=str(cfg.get("site") or ""),
        versions_url=versions_url,
    )


@hookimpl
def table_actions(datasette: Any, database: str, table: str) -> list[dict[str, str]]:
    if not config(datasette, database) or table != "articles":
        return []
    return [{"href": datasette.urls.database(database) + "/-/dashboard", "label": "Dashboard: charts of this archive"}]


@hookimpl
def database_actions(datasette: Any, database: str) -> list[dict[str, str]]:
    if not config(datasette, database):
        return []
    return [{"href": datasette.urls.database(database) + "/-/dashboard", "label": "Dashboard: charts of this archive"}]


# --- the dashboard --------------------------------------------------------------------------------


async def dashboard(request: Any, datasette: Any) -> Response:
    database = request.url_vars["database"]
    cfg = config(datasette, database)
    if not cfg:
        return Response.html("Not an lcnews archive", status=404)
    query = str(request.args.get("q") or "")
    by = str(request.args.get("by") or "month")
    if by not in PERIODS:
        by = "month"
    names = cfg.get("channel_names") or {}
    db = datasette.get_database(database)
    data = await db.execute_fn(lambda conn: queries.dashboard_figures(conn, query, by, names))
    html = await datasette.render_template(
        "lcnews_dashboard.html",
        {
            "database": database,
            "data": data,
            "data_json": Markup(json.dumps(data, ensure_ascii=False).replace("</", "<\\/")),
            "chart_js": static_url(datasette, "vendor/chart.umd.min.js"),
            "dashboard_js": static_url(datasette, "dashboard.js"),
            "periods": PERIODS,
            "search_url": datasette.urls.table(database, "articles"),
        },
        request=request,
    )
    return Response.html(html, status=400 if data["error"] else 200)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/(?P<database>[^/]+)/-/dashboard$", dashboard)]


# --- responses: CSV with a BOM, search errors as 400 in JSON and CSV -----------------------------


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[Any], Any]:
    def wrap(app: Any) -> Any:
        async def room(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") != "http":
                await app(scope, receive, send)
                return
            path = str(scope.get("path", ""))
            parts = path.strip("/").split("/")
            archive = len(parts) >= 2 and parts[0] in archive_names(datasette)
            if archive and parts[1].split(".")[0] == SEARCH_QUERY and "." in parts[1]:
                from urllib.parse import parse_qs

                q = parse_qs(scope.get("query_string", b"").decode("utf-8", "replace")).get("q", [""])[0]
                message = query_error(q)
                if message:
                    body = {"ok": False, "error": f"Search: {message}", "status": 400, "title": "Invalid search"}
                    await Response.json(body, status=400).asgi_send(send)
                    return
            if not (archive and path.endswith(".csv")):
                await app(scope, receive, send)
                return
            started = False

            async def send_with_bom(message: dict[str, Any]) -> None:
                nonlocal started
                if message["type"] == "http.response.start":
                    headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-length"]
                    message = {**message, "headers": headers}
                elif message["type"] == "http.response.body" and not started:
                    started = True
                    message = {**message, "body": BOM + message.get("body", b"")}
                await send(message)

            await app(scope, receive, send_with_bom)

        return room

    return wrap
