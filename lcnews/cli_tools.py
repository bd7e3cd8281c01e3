"""Researcher commands: `serve` (Datasette), `export` (CSV / JSON Lines) and `rebuild-index`.

Standalone click commands, registered on the main group in ``lcnews.cli`` with ``add_command``.
``lcnews.cli`` is imported inside the commands (it imports this module), for its error helpers.
"""

from __future__ import annotations

import socket
from pathlib import Path

import click


def _check_port(host: str, port: int) -> None:
    """Fail with one message when the address cannot be listened on (port in use, bad host)."""
    from lcnews.cli import UserError

    try:
        family, kind, proto, _, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise UserError(f"cannot listen on {host!r}: {exc}") from None
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            sock.bind(addr)
        except OSError as exc:
            raise UserError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc} "
                "(another server on that port? choose one with --port)"
            ) from None


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to browse.")
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True,
              help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 makes the archive reachable from the network).")
def serve(db: str, port: int, host: str) -> None:
    """Browse, facet and search the archive in Datasette (read-only; Chinese search box)."""
    from lcnews.cli import UserError, _check_db
    from lcnews.db import Archive, ArchiveError

    dbpath = _check_db(db, must_exist=True)
    try:
        import uvicorn

        from lcnews.datasette.app import build_datasette, database_name
    except ImportError as exc:
        raise UserError(
            f"lcnews serve needs Datasette ({exc.name} is not installed): "
            "pip install 'lcnews[serve]'"
        ) from None
    try:
        with Archive(dbpath, readonly=True) as archive:
            stale = archive.index_stale
    except ArchiveError as exc:
        raise UserError(str(exc)) from None
    if stale:
        click.secho(f"Warning: the search index of {dbpath} was built by another lcnews version; "
                    f"search may miss articles until you run: lcnews rebuild-index --db {db}",
                    fg="yellow", err=True)  # fmt: skip
    wal = Path(dbpath + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # Immutable mode reads the main file only: writes still in the WAL are not visible.
        click.secho(f"Warning: {wal.name} holds writes not yet in the archive file (is a crawl "
                    "running?); they are not shown until the writer finishes.",
                    fg="yellow", err=True)  # fmt: skip
    _check_port(host, port)
    ds = build_datasette(dbpath)
    url_host = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {dbpath} read-only at http://{url_host}:{port}/"
               f"{database_name(dbpath)}/articles  (Ctrl-C to stop)")  # fmt: skip
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to export from.")
@click.option("--out", required=True, type=click.Path(), metavar="FILE.csv|FILE.jsonl",
              help="Output file; the extension picks the format. A data dictionary "
                   "FILE.dictionary.md is written beside it.")  # fmt: skip
@click.option("--query", help="Only articles matching this search (same syntax as lcnews search).")
@click.option("--channel", help="Only articles of this channel (and its sub-channels).")
@click.option("--since", help="Published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--author", help="Only articles by this reporter.")
@click.option("--source", help="Only articles from this source (来源).")
def export(db: str, out: str, query: str | None, channel: str | None, since: str | None,
           until: str | None, author: str | None, source: str | None) -> None:  # fmt: skip
    """Export matching articles with full text to CSV (opens in Excel) or JSON Lines."""
    from lcnews.cli import UserError, _check_db
    from lcnews.datasette.metadata import LICENSE, SOURCE, SOURCE_URL, column_docs
    from lcnews.db import ArchiveError
    from lcnews.db.export import export_articles, export_format

    try:
        export_format(out)
    except ArchiveError as exc:
        raise UserError(str(exc)) from None
    dbpath = _check_db(db, must_exist=True)
    try:
        result = export_articles(
            dbpath, out,
            descriptions=column_docs("articles"),
            notes=[f"Source: {SOURCE} {SOURCE_URL}", f"Licence: {LICENSE}"],
            query=query, channel=channel, since=since, until=until, author=author, source=source,
        )  # fmt: skip
    except ArchiveError as exc:  # QueryError and ExportError included
        raise UserError(str(exc)) from None
    click.echo(f"Exported {result.rows} article{'s' if result.rows != 1 else ''} to {result.path}")
    click.echo(f"Data dictionary: {result.dictionary}")


@click.command("rebuild-index")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to re-index.")
def rebuild_index(db: str) -> None:
    """Rebuild the full-text search index from the articles table."""
    from lcnews.cli import UserError, _check_db, _locked
    from lcnews.db import Archive, ArchiveError, ArchiveLocked

    dbpath = _check_db(db, must_exist=True)
    try:
        with Archive(dbpath) as archive:
            archive.acquire_run_lock()  # a crawl writing meanwhile would wait on the rebuild
            n = archive.rebuild_index()
    except ArchiveLocked as exc:
        raise _locked(str(exc)) from None
    except ArchiveError as exc:
        raise UserError(str(exc)) from None
    click.echo(f"Rebuilt the search index of {dbpath}: {n} article{'s' if n != 1 else ''} indexed")
