"""The archive's exceptions: narrow, so callers (the CLI) can turn each into one clear message."""

from __future__ import annotations


class ArchiveError(Exception):
    """Base class for every error the archive raises on purpose."""


class CorruptArchive(ArchiveError):
    """The file is not a SQLite database, or not an lcnews archive (the file is left untouched)."""


class ArchiveLocked(ArchiveError):
    """Another process holds the run lock or the database write lock."""


class UnwritablePath(ArchiveError):
    """The archive's directory does not exist or cannot be written to."""


class ArchiveNotFound(ArchiveError):
    """Opened read-only, but there is no archive at that path."""


class QueryError(ArchiveError, ValueError):
    """A search query or filter the archive cannot run; the message says why, for the user."""
