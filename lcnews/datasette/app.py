"""Build the Datasette instance ``lcnews serve`` runs: one archive, read-only, plugin and metadata."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from datasette.plugins import pm

from lcnews.datasette import plugin, room
from lcnews.datasette.metadata import build_metadata
from lcnews.db.readonly import read_mode, seal
from lcnews.site import SiteProfile

SETTINGS: dict[str, Any] = {
    # Long cells would make the table page unreadable; the row page shows the whole text.
    "truncate_cells_html": 300,
    # Ranked 1-character searches over a large archive need more than the default query time.
    "sql_time_limit_ms": 5000,
    # A facet over a large selection (most of a 250,000-article archive) gives up after 200 ms and
    # is listed as timed out, so the page still answers within about a second; on the whole table
    # every facet has an index (lcnews.db.schema.FACET_INDEXES) and finishes well within it.
    "facet_time_limit_ms": 200,
    # The facets a reader needs are configured (channel, month, source, authors); suggestions of
    # every other column only push the data down the page.
    "suggest_facets": False,
}


def register_plugin() -> None:
    """Register the lcnews plugins with Datasette's plugin manager (once per process)."""
    if not pm.is_registered(plugin):
        pm.register(plugin, name="lcnews")
    if not pm.is_registered(room):
        pm.register(room, name="lcnews-room")


def database_name(db: str | os.PathLike[str]) -> str:
    """The name Datasette serves a file under (its stem): the key of its metadata."""
    return Path(db).stem


def build_datasette(
    db: str | os.PathLike[str], *, profile: SiteProfile | None = None, mode: str | None = None, **settings: Any
) -> Datasette:
    """A Datasette serving the archive ``db`` read-only; the site's name, URL and channel names come
    from ``profile`` (default: the configured one).

    ``mode`` (default: ``lcnews.db.readonly.read_mode``) is how every reader opens it: ``"ro"``
    (SQLite's read-only mode, which sees a running crawl's writes) or ``"immutable"`` (a folder the
    user cannot write, where no writer can run: nothing is created beside the file). Datasette
    never writes to it either way (no write queries; its own state is in memory).
    """
    register_plugin()
    path = str(Path(db).resolve())
    name = database_name(db)
    mode = mode or read_mode(path)
    ds = Datasette(
        files=[path] if mode == "ro" else [],
        immutables=[path] if mode == "immutable" else [],
        metadata=build_metadata(name, profile),
        settings={**SETTINGS, **settings},
        template_dir=str(room.TEMPLATES),
        static_mounts=[(room.STATIC_MOUNT, str(room.STATIC))],
    )
    assert name in ds.databases, f"Datasette named the database {list(ds.databases)}"
    _seal(ds.databases[name])
    ds.lcnews_read_mode = mode
    return ds


def _seal(database: Any) -> None:
    """Every connection Datasette opens to the archive, its write connection too, is a sealed
    read-only one (``lcnews.db.readonly.seal``): read-only does not rest on Datasette's SQL checks
    (a plugin or a future feature calling ``execute_write`` is refused by SQLite)."""
    connect = database.connect

    def sealed(write: bool = False) -> sqlite3.Connection:
        return seal(connect(write=False))

    database.connect = sealed
