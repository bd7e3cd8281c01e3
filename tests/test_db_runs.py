"""lcnews.db.runs: the run lock file and the crawl_runs rows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lcnews.db import ArchiveLocked
from lcnews.db.runs import RunLock


def test_lock_file_names_the_holder(tmp_path: Path) -> None:
    lock = RunLock(tmp_path / "a.db")
    lock.acquire()
    try:
        assert lock.held and lock.path.read_text().strip() == str(os.getpid())
        with pytest.raises(ArchiveLocked, match=f"pid {os.getpid()}"):
            RunLock(tmp_path / "a.db").acquire()
    finally:
        lock.release()
    assert not lock.held


def test_released_lock_can_be_taken_again(tmp_path: Path) -> None:
    first, second = RunLock(tmp_path / "a.db"), RunLock(tmp_path / "a.db")
    first.acquire()
    first.release()
    second.acquire()
    assert second.held
    second.release()
