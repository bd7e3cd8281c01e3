"""Build the Datasette instance ``lcnews serve`` runs: one archive, immutable, plugin and metadata."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from datasette.plugins import pm

from lcnews.datasette import plugin
from lcnews.datasette.metadata import build_metadata
from lcnews.site import SiteProfile

SETTINGS: dict[str, Any] = {
    # Long bodies would make the table page unreadable; the row page shows the whole text.
    "truncate_cells_html": 300,
    # Ranked 1-character searches and facets over a large archive need more than the defaults.
    "sql_time_limit_ms": 5000,
    "facet_time_limit_ms": 1000,
}


def register_plugin() -> None:
    """Register the lcnews plugin with Datasette's plugin manager (once per process)."""
    if not pm.is_registered(plugin):
        pm.register(plugin, name="lcnews")


def database_name(db: str | os.PathLike[str]) -> str:
    """The name Datasette serves a file under (its stem): the key of its metadata."""
    return Path(db).stem


def build_datasette(db: str | os.PathLike[str], *, profile: SiteProfile | None = None, **settings: Any) -> Datasette:
    """A Datasette serving the archive ``db`` immutably (``-i``: read-only, never locked); the
    site's name and URL come from ``profile`` (default: the configured one)."""
    register_plugin()
    path = str(Path(db).resolve())
    name = database_name(db)
    ds = Datasette(
        immutables=[path],
        metadata=build_metadata(name, profile),
        settings={**SETTINGS, **settings},
    )
    assert name in ds.databases, f"Datasette named the database {list(ds.databases)}"
    return ds
