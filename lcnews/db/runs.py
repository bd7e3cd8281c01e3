"""Crawl runs: the run lock (one writer per archive) and the ``crawl_runs`` table.

The lock is ``PATH.lock`` held with flock: the kernel drops it when the process dies, even on
kill -9, so there are no stale locks. Row writes here run inside the archive's transaction.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlite_utils

from lcnews.db.errors import ArchiveLocked, UnwritablePath
from lcnews.db.rows import now_iso

JSON_COLUMNS = ("settings", "dropped", "coverage", "stops", "failures")


class RunLock:
    """The run lock of the archive at ``archive_path``."""

    def __init__(self, archive_path: Path) -> None:
        self.archive_path = archive_path
        self.path = Path(str(archive_path) + ".lock")
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock without waiting; ``ArchiveLocked`` names the holder's pid when taken."""
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise UnwritablePath(f"cannot create lock file {self.path}: {e}") from e
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            os.close(fd)
            if e.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                who = f" (pid {holder})" if holder else ""
                raise ArchiveLocked(
                    f"another crawl{who} is writing to {self.archive_path}; wait for it to finish"
                ) from e
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def insert_run(db: sqlite_utils.Database, settings: Mapping[str, Any], base_url: str) -> int:
    """Record a new run (the caller holds the lock, so any run still marked running died)."""
    db.conn.execute("UPDATE crawl_runs SET status = 'aborted' WHERE status = 'running'")
    table = db.table("crawl_runs")
    table.insert(
        {
            "started_at": now_iso(),
            "status": "running",
            "settings": json.dumps(dict(settings), ensure_ascii=False, default=str),
            "base_url": base_url,
            "pid": os.getpid(),
        }
    )
    run_id = table.last_pk
    assert isinstance(run_id, int)
    return run_id


def finish_row(db: sqlite_utils.Database, run_id: int, stats: Mapping[str, Any], status: str) -> None:
    """Store a run's figures: keys named like ``crawl_runs`` columns (others are ignored)."""
    table = db.table("crawl_runs")
    cols = set(table.columns_dict) - {"run_id", "started_at", "pid"}
    update: dict[str, Any] = {"finished_at": now_iso(), "status": status}
    for key, value in stats.items():
        if key in cols:
            is_json = isinstance(value, (dict, list))
            update[key] = json.dumps(value, ensure_ascii=False) if is_json else value
    table.update(run_id, update)


def all_runs(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every run, oldest first, JSON columns decoded."""
    rows = list(db.query("SELECT * FROM crawl_runs ORDER BY run_id"))
    for r in rows:
        for key in JSON_COLUMNS:
            if r.get(key):
                r[key] = json.loads(r[key])
    return rows
