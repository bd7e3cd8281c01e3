"""`lcnews serve`: the archive in Datasette, read-only, with the lcnews search plugin."""

from __future__ import annotations

import socket

import click

from lcnews.cli.common import UserError, check_db, opened, site_profile
from lcnews.db import is_server_url


def _check_port(host: str, port: int) -> None:
    """Fail with one message when the address cannot be listened on (port in use, bad host)."""
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
                f"cannot listen on {host}:{port}: {exc.strerror or exc} (another server on that port? choose one with --port)"
            ) from None


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to browse.")
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True, help="Port to listen on.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 makes the archive reachable from the network).",
)
def serve(db: str, port: int, host: str) -> None:
    """Browse, facet and search the archive in Datasette (read-only; Chinese search box)."""
    if is_server_url(db):
        raise UserError(
            "lcnews serve opens a SQLite archive file (Datasette reads SQLite only), not a PostgreSQL archive; "
            "query this one with lcnews search / trend / history / export --db URL"
        )
    dbpath = check_db(db, must_exist=True)
    try:
        import uvicorn

        from lcnews.datasette.app import build_datasette, database_name
    except ImportError as exc:
        raise UserError(
            f"lcnews serve needs Datasette ({exc.name} is not installed): pip install 'lcnews[serve]'"
        ) from None
    with opened(dbpath, readonly=True) as archive:
        stale = archive.index_stale
    if stale:
        click.secho(
            f"Warning: the search index of {dbpath} was built by another lcnews version; "
            f"search may miss articles until you run: lcnews rebuild-index --db {db}",
            fg="yellow",
            err=True,
        )
    _check_port(host, port)
    ds = build_datasette(dbpath, profile=site_profile(None))
    mode = (
        "read-only; a running crawl's new articles appear as they are written"
        if ds.lcnews_read_mode == "ro"
        else "immutable: the folder cannot be written, so nothing is created beside the archive"
    )
    url_host = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {dbpath} ({mode})")
    click.echo(
        f"  http://{url_host}:{port}/{database_name(dbpath)}/articles  (dashboard: .../-/dashboard; Ctrl-C to stop)"
    )
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
