"""The archive package: the only code in lcnews that writes SQL (schema, upsert, versions, search).

``lcnews.db.search`` is the search module (``search.search(...)``, ``search.count(...)``); it is not
re-exported as a function so the module name is never shadowed.
"""

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

__all__ = [
    "SCHEMA_VERSION",
    "Archive",
    "ArchiveError",
    "ArchiveLocked",
    "ArchiveNotFound",
    "CorruptArchive",
    "QueryError",
    "UnwritablePath",
]
