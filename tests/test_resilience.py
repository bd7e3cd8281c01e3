"""A crawl killed with SIGKILL at any point loses nothing committed; the next run completes the job
with no duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import crawl_replica

from lcnews.testsite import ReplicaServer, build_site

N, SEED = 200, 7
SITE_TRUTH = build_site(n_articles=N, seed=SEED).truth
EXPECTED = {t["article_id"] for t in SITE_TRUTH if t["reachable"] and t["status"] == 200}


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # schema not created yet


@pytest.mark.parametrize("kill_after", [0, 20, 120], ids=["before-first-commit", "after-first-batch", "mid-crawl"])
def test_kill_9_then_rerun_archives_everything_once(tmp_path: Path, kill_after: int) -> None:
    db = tmp_path / "a.db"
    site = build_site(n_articles=N, seed=SEED)
    with ReplicaServer(site) as server:
        # Small batches and a slowed crawl so the kill lands between commits.
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "lcnews",
                "crawl",
                "--db",
                str(db),
                "--base-url",
                server.base_url,
                "--no-progress",
                "-s",
                "LCNEWS_ARCHIVE_BATCH_SIZE=10",
                "-s",
                "CONCURRENT_REQUESTS=2",
                "-s",
                "CONCURRENT_REQUESTS_PER_DOMAIN=2",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while _count(db) < kill_after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if kill_after == 0:
            time.sleep(1.0)
        assert proc.poll() is None, "the crawl finished before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)  # the crawler and its extraction workers
        proc.wait()
        committed = _count(db)
        assert committed >= kill_after

        result = crawl_replica(site, db, server=server)
    assert result.returncode == 0, result.stderr[-2000:]
    ids = [r["article_id"] for r in result.rows("select article_id from articles")]
    assert len(ids) == len(set(ids)) and set(ids) == EXPECTED
    runs = result.rows("select status from crawl_runs order by run_id")
    # The killed run (if it got as far as recording itself) is marked aborted, never left "running".
    assert [r["status"] for r in runs][-1] == "finished"
    assert {r["status"] for r in runs[:-1]} <= {"aborted"}
    assert result.rows("pragma integrity_check")[0][0] == "ok"
