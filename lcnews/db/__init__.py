"""The archive package: the only code in lcnews that writes SQL.

Outside this package, lcnews uses an archive through ``ArchiveAPI`` (``lcnews.db.api``), opened by
``open_archive``; ``Archive`` is its SQLite implementation. The modules, bottom up (each imports
only those before it): ``errors``, ``fts5record``, ``fts`` (index tables and maintenance),
``schema`` (tables, migrations), ``rows``, ``syntax`` (the query language), ``query`` (compile a
query, filters), ``rank`` (bm25, date order), ``snippets``, ``channels`` (slugs and Chinese names),
``hits`` (run a search or a trend on a connection), ``clusters``, ``runs``,
``store`` (writes), ``reads``, ``api`` (the interface), ``readonly`` (read-only opening),
``archive``, then ``search`` (the search API
for any handle) and ``canned`` (the Datasette tools' SQL, the dashboard's figures); ``urls`` tells a
PostgreSQL URL from a file path, and ``pg/`` is the PostgreSQL archive (the same interface). See
docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import os

from lcnews.db.api import ArchiveAPI, PrintArchiveAPI
from lcnews.db.archive import Archive
from lcnews.db.errors import (
    ArchiveError,
    ArchiveLocked,
    ArchiveNotFound,
    CorruptArchive,
    QueryError,
    UnwritablePath,
)
from lcnews.db.schema import SCHEMA_VERSION
from lcnews.db.urls import is_server_url


def open_archive(
    location: str | os.PathLike[str], *, readonly: bool = False, check: bool | None = None, shared_runs: bool = False
) -> ArchiveAPI:
    """Open the archive at ``location``: the one place a backend is chosen. A SQLite file path, or a
    ``postgresql://`` URL (``lcnews.db.pg``, the ``server`` extra).

    ``readonly=True`` reads only (no lock, no migration); ``check`` forces (or skips) the integrity
    check a writable open does on SQLite files up to 256 MB; ``shared_runs`` (PostgreSQL) makes the
    run lock shared among the workers of one shared crawl. Raises the ``lcnews.db.errors`` exceptions.
    """
    if is_server_url(location):
        try:
            from lcnews.db.pg import PgArchive
        except ImportError as exc:
            raise ArchiveError(
                f"a PostgreSQL archive needs psycopg ({exc.name} is not installed): pip install 'lcnews[server]'"
            ) from None
        return PgArchive(str(location), readonly=readonly, shared_runs=shared_runs).open()
    if shared_runs:
        raise ArchiveError("a shared crawl writes to a PostgreSQL archive (--db postgresql://…), not a SQLite file")
    return Archive(location, readonly=readonly, check=check).open()


def print_archive(archive: ArchiveAPI) -> PrintArchiveAPI:
    """The open archive as one that holds print editions (``ArchiveError`` when its backend does not)."""
    if not isinstance(archive, PrintArchiveAPI):
        raise ArchiveError(f"the archive at {archive.location} does not hold print editions (use a SQLite archive)")
    return archive


__all__ = [
    "SCHEMA_VERSION",
    "Archive",
    "ArchiveAPI",
    "ArchiveError",
    "ArchiveLocked",
    "ArchiveNotFound",
    "CorruptArchive",
    "PrintArchiveAPI",
    "QueryError",
    "UnwritablePath",
    "is_server_url",
    "open_archive",
    "print_archive",
]
