"""`lcnews search` and `lcnews export`: find articles, or write every match to CSV / JSON Lines."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from lcnews.cli.common import (
    QueryCommand,
    UserError,
    archive_errors,
    check_db,
    filter_options,
    opened,
    query_text,
    site_profile,
)
from lcnews.db import PrintArchiveAPI
from lcnews.db.printed import MAX_LIMIT as MAX_PRINT

JSON_KEYS = ("url", "kind", "article_id", "title", "published_at", "channel", "source", "authors", "snippet")
PRINT_JSON_KEYS = (
    "url", "kind", "paper", "paper_name", "edition_date", "page_no", "page_name", "pretitle", "title", "subtitle",
    "authors", "snippet",
)  # fmt: skip
# Filters that only web articles have (a print article has a paper, a date and a page instead).
WEB_ONLY = ("channel", "author", "author_contains", "source", "source_contains")

SEARCH_HELP = """Full-text search (Chinese substrings of any length, either script).

\b
QUERY syntax (the same in Python and in Datasette's search):
  聊城 钢铁            both words (anywhere in the title or body)
  "聊城 钢铁"          the exact phrase, spaces and punctuation kept
  聊城 -钢铁           聊城 but not 钢铁 (no -- needed before a leading -)
  聊城 OR 东阿         either
  (聊城 OR 东阿) 钢铁  parentheses group
Anything else (NEAR(...), title:x, x*, ^x, +x, NOT) is an error saying so; quote it to search for the text.
"""


def _print_filters(filters: dict[str, Any], kind: str) -> dict[str, Any] | None:
    """The print search's options, or None when print articles are not searched."""
    web_only = [name for name in WEB_ONLY if filters.get(name)]
    if kind == "print" and web_only:
        raise UserError(f"--{web_only[0].replace('_', '-')} applies to web articles, not to --kind print")
    if kind == "web" or web_only:
        return None
    return {k: filters[k] for k in ("since", "until", "marks", "sort") if filters.get(k)}


def _date_of(hit: dict[str, Any]) -> str:
    return (hit.get("published_at") or hit.get("edition_date") or "")[:10]


def find_hits(
    db: str, query: str, *, limit: int, kind: str = "all", rank_window: int | None = None, **filters: Any
) -> list[dict[str, Any]]:
    """Web and/or print hits of a search, merged: by score for relevance, else by date."""
    pfilters = _print_filters(filters, kind)
    web: list[dict[str, Any]] = []
    printed: list[dict[str, Any]] = []
    with opened(db, readonly=True) as archive:
        if kind != "print":
            web = [{**h, "kind": "web"} for h in archive.search(query, limit=limit, rank_window=rank_window, **filters)]
        if pfilters is not None:
            if not isinstance(archive, PrintArchiveAPI):
                if kind == "print":
                    raise UserError(f"the archive at {archive.location} holds no print editions")
            else:
                with archive_errors():
                    printed = archive.search_print(query, limit=limit, **pfilters)
    return _merge(web, printed, filters.get("sort", "relevance"))[:limit]


def _merge(web: list[dict[str, Any]], printed: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """Two ranked lists into one, each keeping its own order: by score for relevance, else by date."""

    def key(h: dict[str, Any]) -> Any:
        if sort == "relevance":
            return float("-inf") if h.get("score") is None else float(h["score"])
        return _date_of(h) if sort == "newest" else tuple(-ord(c) for c in _date_of(h))

    out: list[dict[str, Any]] = []
    i = j = 0
    while i < len(web) and j < len(printed):
        if key(web[i]) >= key(printed[j]):
            out.append(web[i])
            i += 1
        else:
            out.append(printed[j])
            j += 1
    return out + web[i:] + printed[j:]


def print_search(
    db: str, query: str, *, limit: int, as_json: bool, kind: str = "all", rank_window: int | None = None, **filters: Any
) -> int:
    """Print the hits of a search of the archive at ``db``; returns how many."""
    if not as_json:  # the hit highlighted for a terminal; JSON keeps <mark>...</mark>
        filters["marks"] = ("\x1b[1;31m", "\x1b[0m") if sys.stdout.isatty() else ("【", "】")
    hits = find_hits(db, query, limit=limit, kind=kind, rank_window=rank_window, **filters)
    for hit in hits:
        printed = hit["kind"] == "print"
        if as_json:
            click.echo(
                json.dumps({k: hit.get(k) for k in (PRINT_JSON_KEYS if printed else JSON_KEYS)}, ensure_ascii=False)
            )
        elif printed:
            where = f"{hit['paper_name']} {hit['edition_date']} 第{hit['page_no']}版 {hit['page_name']}"
            click.secho(f"{where:<25} {hit['title']}", bold=True)
            credit = "、".join(hit.get("authors") or [])
            click.echo(f"  {hit['url']}" + (f"  {credit}" if credit else "") + f"\n  {hit['snippet']}")
        else:
            click.secho(f"{hit['published_at'] or '':<25} {hit['title']}", bold=True)
            credit = "  ".join(x for x in (hit.get("source") or "", "、".join(hit.get("authors") or [])) if x)
            click.echo(f"  {hit['url']}" + (f"  {credit}" if credit else "") + f"\n  {hit['snippet']}")
    if not as_json and not hits:
        click.echo("no matches")
    if not hits and kind != "print":
        hint_exact(db, query, filters)
    return len(hits)


def hint_exact(db: str, query: str, filters: dict[str, Any]) -> None:
    """No hit with an exact ``--source``/``--author``: say so when the substring would find some."""
    for name in ("source", "author"):
        value = filters.get(name)
        if not value:
            continue
        wider = {k: v for k, v in filters.items() if k not in (name, "marks")} | {f"{name}_contains": value}
        with opened(db, readonly=True) as archive:
            n = archive.search_count(query, **wider)
        if n:
            click.secho(
                f"Note: no {name} is exactly {value!r}; --{name}-contains {value} finds {n} article{'s' if n != 1 else ''}",
                fg="yellow",
                err=True,
            )


@click.command(
    cls=QueryCommand, help=SEARCH_HELP, short_help="Full-text search (Chinese substrings of any length, either script)."
)
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--db",
    required=True,
    type=click.Path(dir_okay=False),
    help="Archive to search (a SQLite file or a postgresql:// URL).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Maximum hits.")
@filter_options
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance", show_default=True)
@click.option(
    "--rank-window",
    type=click.IntRange(min=1),
    metavar="N",
    help="Relevance: order only the newest N matches by score, then the older ones newest first "
    "(default: every match by score).",
)
@click.option("--count", "count_only", is_flag=True, help="Print only the number of matching articles.")
@click.option(
    "--kind",
    type=click.Choice(["all", "web", "print"]),
    default="all",
    show_default=True,
    help="Web articles, print articles (the e-paper: lcnews epaper), or both.",
)
def search(
    query: tuple[str, ...],
    db: str,
    as_json: bool,
    limit: int,
    sort: str,
    rank_window: int | None,
    count_only: bool,
    kind: str,
    **filters: Any,
) -> None:
    text = query_text(query)
    dbpath = check_db(db, must_exist=True)
    if count_only:
        n = 0
        if kind != "print":
            with opened(dbpath, readonly=True) as archive:
                n = archive.search_count(text, **filters)
        pfilters = _print_filters(filters, kind)
        if pfilters is not None:
            with opened(dbpath, readonly=True) as archive:
                if isinstance(archive, PrintArchiveAPI):
                    with archive_errors():
                        n += len(archive.search_print(text, limit=MAX_PRINT, **pfilters))
                elif kind == "print":
                    raise UserError(f"the archive at {archive.location} holds no print editions")
        click.echo(n)
        if not n and kind != "print":
            hint_exact(dbpath, text, filters)
        return
    print_search(dbpath, text, limit=limit, as_json=as_json, sort=sort, kind=kind, rank_window=rank_window, **filters)


@click.command()
@click.option(
    "--db",
    required=True,
    type=click.Path(dir_okay=False),
    help="Archive to export from (a SQLite file or a postgresql:// URL).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(),
    metavar="FILE.csv|FILE.jsonl|FILE.parquet",
    help="Output file; the extension picks the format unless --format does. A data dictionary "
    "FILE.dictionary.md is written beside it.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "parquet"]),
    help="csv (Excel), jsonl (JSON Lines) or parquet (pandas, R, DuckDB; needs pyarrow: lcnews[parquet]).",
)
@click.option("--query", help="Only articles matching this search (same syntax as lcnews search).")
@click.option("--channel", help="Only articles of this channel (and its sub-channels).")
@click.option("--since", help="Published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--author", help="Only articles by this reporter.")
@click.option("--source", help="Only articles from this source (来源).")
@click.option(
    "--kind",
    type=click.Choice(["web", "print"]),
    default="web",
    show_default=True,
    help="Web articles, or the print articles of the e-paper (filters --paper, --since, --until on the edition date).",
)
@click.option("--paper", help="With --kind print: only this paper (lcrb, lcwb).")
def export(
    db: str,
    out: str,
    fmt: str | None,
    query: str | None,
    channel: str | None,
    since: str | None,
    until: str | None,
    author: str | None,
    source: str | None,
    kind: str,
    paper: str | None,
) -> None:
    """Export matching articles with full text to CSV (opens in Excel), JSON Lines or Parquet."""
    from lcnews.datasette.metadata import column_docs, source_of
    from lcnews.export import export_articles, export_format

    with archive_errors():
        export_format(out, fmt)
    dbpath = check_db(db, must_exist=True)
    origin = source_of(site_profile(None))
    if kind == "web" and paper:
        raise UserError("--paper applies to --kind print")
    filters: dict[str, Any] = {"since": since, "until": until}
    if kind == "print":
        filters.update(paper=paper, query=query, channel=channel, author=author, source=source)
    else:
        filters.update(query=query, channel=channel, author=author, source=source)
    with opened(dbpath, readonly=True) as archive, archive_errors():
        result = export_articles(
            archive,
            out,
            descriptions=column_docs("print_articles" if kind == "print" else "articles"),
            notes=[f"Source: {origin.name} {origin.url}", f"Licence: {origin.license}"],
            fmt=fmt,
            kind=kind,
            **filters,
        )
    noun = "print article" if kind == "print" else "article"
    click.echo(f"Exported {result.rows} {noun}{'s' if result.rows != 1 else ''} to {result.path}")
    click.echo(f"Data dictionary: {result.dictionary}")
