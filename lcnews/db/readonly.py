"""Opening an archive to read it only: SQLite's ``mode=ro``, or ``immutable=1`` in a folder that
cannot be written (see ``connect_readonly`` and docs/schema.md, "Reading an archive you cannot write")."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from lcnews.db.errors import UnwritablePath


def _uri(path: Path, query: str) -> str:
    return f"file:{quote(str(path.resolve()))}?{query}"


def wal_bytes(path: str | os.PathLike[str]) -> int:
    """Size of the archive's write-ahead log ``PATH-wal`` (0 when there is none)."""
    try:
        return os.stat(f"{os.fspath(path)}-wal").st_size
    except OSError:
        return 0


def connect_readonly(path: str | os.PathLike[str], timeout: float = 10.0) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection to an archive file, and whether it is immutable.

    ``mode=ro`` first: it reads the file and its write-ahead log consistently while a crawl writes
    (readers share the ``-shm`` index with the writer). An archive is in WAL mode, and a WAL reader
    needs ``PATH-shm``: when it is missing or not readable and the folder cannot be written (a shared
    drive, a USB stick, a colleague's folder), ``mode=ro`` cannot start. Then no writer can be running
    (a live writer keeps ``PATH-shm`` there), and ``immutable=1`` reads the main file alone, creating
    nothing beside it; whatever a stale ``PATH-wal`` still holds is not seen (``wal_bytes``).
    Raises ``UnwritablePath`` when neither mode can read the file.
    """
    p = Path(path)
    try:
        conn = sqlite3.connect(_uri(p, "mode=ro"), uri=True, timeout=timeout, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn, False
        except sqlite3.OperationalError as e:
            conn.close()
            msg = str(e).lower()
            writable_folder = os.access(p.resolve().parent, os.W_OK | os.X_OK)
            if writable_folder or not ("readonly" in msg or "read-only" in msg or "unable to open" in msg):
                raise
        conn = sqlite3.connect(_uri(p, "mode=ro&immutable=1"), uri=True, timeout=timeout, isolation_level=None)
        return conn, True
    except sqlite3.OperationalError as e:
        if "unable to open" in str(e).lower() and not os.access(p, os.R_OK):
            raise UnwritablePath(f"cannot read archive {p}: the file is not readable by this user") from e
        if "unable to open" in str(e).lower():
            raise UnwritablePath(f"cannot read archive {p}: {e}") from e
        raise


def read_mode(path: str | os.PathLike[str]) -> str:
    """How a reader opens the archive at ``path``: ``"ro"`` or ``"immutable"`` (``connect_readonly``)."""
    conn, immutable = connect_readonly(path)
    conn.close()
    return "immutable" if immutable else "ro"


# What a sealed connection refuses at compile time: opening another file, file and extension functions,
# and undoing query_only. (Writes are refused by SQLite itself: mode=ro and query_only.)
_DENIED_FUNCTIONS = frozenset(["load_extension", "readfile", "writefile", "edit", "fts3_tokenizer"])


def _authorize(action: int, arg1: str | None, arg2: str | None, db: str | None, trigger: str | None) -> int:
    if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in _DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() == "query_only" and arg2 is not None:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def seal(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Make a read-only connection unable to change any file or open another one, whatever SQL it is
    given (``PRAGMA query_only``, which it cannot undo, and an authorizer refusing ATTACH and file
    functions): for connections that serve other people's queries (Datasette), which must not rely
    on SQL checks alone."""
    conn.execute("PRAGMA query_only = 1")
    conn.set_authorizer(_authorize)
    return conn
