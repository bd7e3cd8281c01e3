"""Where an archive is: a SQLite file path, or a PostgreSQL URL (told apart without importing psycopg)."""

from __future__ import annotations

import urllib.parse

SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(location: object) -> bool:
    """Whether ``--db`` names a PostgreSQL archive rather than a SQLite file."""
    return isinstance(location, str) and location.startswith(SERVER_SCHEMES)


def redact(url: str) -> str:
    """A URL for messages: its password replaced by ``***``."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
