"""The archive package: the only code in lcnews that writes SQL.

Outside this package, lcnews uses an archive through ``ArchiveAPI`` (``lcnews.db.api``), opened by
``open_archive``; ``Archive`` is its SQLite implementation. The modules, bottom up (each imports
only those before it): ``errors``, ``fts5record``, ``fts`` (index tables and maintenance),
``schema`` (tables, migrations), ``rows``, ``syntax`` (the query language), ``query`` (compile a
query, filters), ``rank`` (bm25, date order), ``snippets``, ``channels`` (slugs and Chinese names),
``hits`` (run a search or a trend on a connection), ``clusters``, ``runs``,
``store`` (writes), ``reads``, ``api`` (the interface), ``readonly`` (read-only opening),
``archive``, then ``search`` (the search API
for any handle) and ``canned`` (the Datasette tools' SQL, the dashboard's figures). See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import os

from lcnews.db.api import ArchiveAPI
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


def open_archive(location: str | os.PathLike[str], *, readonly: bool = False, check: bool | None = None) -> ArchiveAPI:
    """Open the archive at ``location`` (a SQLite file path): the one place a backend is chosen.

    ``readonly=True`` reads only (no lock, no migration); ``check`` forces (or skips) the integrity
    check a writable open does on files up to 256 MB. Raises the ``lcnews.db.errors`` exceptions.
    """
    return Archive(location, readonly=readonly, check=check).open()


__all__ = [
    "SCHEMA_VERSION",
    "Archive",
    "ArchiveAPI",
    "ArchiveError",
    "ArchiveLocked",
    "ArchiveNotFound",
    "CorruptArchive",
    "QueryError",
    "UnwritablePath",
    "open_archive",
]
