"""SIGKILLs with the shipped defaults (no shrunken batch) lose nothing committed, commit progress
before most kills, leave a file that passes ``PRAGMA integrity_check``; the next run completes the
job with every article once and the search index in step with the table.

The kill moments are seeded: a crawl is killed a seeded number of requests into its run (30-120,
as the issue's kills were), ``lcnews reextract`` once a seeded number of articles were re-written.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import crawl_env, crawl_replica

from lcnews.db import open_archive
from lcnews.testsite import ReplicaServer, build_site

pytestmark = pytest.mark.e2e

N, SEED = 200, 7
CRAWL_KILLS, REEXTRACT_KILLS = 7, 3
SITE_TRUTH = build_site(n_articles=N, seed=SEED).truth
EXPECTED = {t["article_id"] for t in SITE_TRUTH if t["reachable"] and t["status"] == 200}


def _scalar(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute(sql).fetchone()[0] or 0)
    except sqlite3.OperationalError:
        return 0  # schema not created yet


def _integrity(db: Path) -> str:
    with sqlite3.connect(db, timeout=5) as conn:
        return str(conn.execute("pragma integrity_check").fetchone()[0])


def _kill_when(argv: list[str], ready: Callable[[], bool], may_finish: bool = False) -> bool:
    """Start `lcnews ARGV`, SIGKILL it (and its extract workers) once ``ready()``; it must still run,
    unless ``may_finish`` (little left to do): then a run that ended first must have exited 0.
    Whether it was killed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "lcnews", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=crawl_env(),
    )
    deadline = time.monotonic() + 120
    while not ready() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    if may_finish and proc.poll() is not None:
        assert proc.returncode == 0, f"lcnews {argv[0]} exited {proc.returncode}"
        return False
    assert proc.poll() is None, f"lcnews {argv[0]} finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return True


def test_seeded_kills_then_a_full_run_archive_everything_once(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    rng = random.Random(SEED)
    site = build_site(n_articles=N, seed=SEED)
    counts, progressed, kills = [0], 0, 0
    with ReplicaServer(site) as server:
        for _ in range(CRAWL_KILLS):
            kill_at = rng.randint(30, 120)
            server.clear_log()
            argv = ["crawl", "--db", str(db), "--base-url", server.base_url, "--no-progress"]
            # Late in the series an incremental run may need fewer requests than the kill point.
            killed = _kill_when(argv, lambda n=kill_at: len(server.request_log) >= n, may_finish=kills >= 3)
            assert _integrity(db) == "ok"
            counts.append(_scalar(db, "select count(*) from articles"))
            progressed += counts[-1] > counts[-2]
            if not killed:
                break
            kills += 1
        result = crawl_replica(site, db, server=server)
    assert counts == sorted(counts), f"the article count fell: {counts}"
    assert progressed * 2 > len(counts) - 1, f"progress committed before only {progressed} of {kills} kills"
    assert result.returncode == 0, result.stderr[-2000:]
    ids = [r["article_id"] for r in result.rows("select article_id from articles")]
    assert len(ids) == len(set(ids)) and set(ids) == EXPECTED
    statuses = [r["status"] for r in result.rows("select status from crawl_runs order by run_id")]
    # A killed run is marked aborted by the next one, never left "running".
    assert statuses[:kills] == ["aborted"] * kills and set(statuses[kills:]) == {"finished"}
    assert _index_in_step(db)

    for _ in range(REEXTRACT_KILLS):
        time.sleep(1.0)  # last_seen_at has whole seconds: what this run re-writes must stand out
        before = _scalar(db, "select count(*) from articles")
        stamp = _latest_seen(db)
        # a killed re-extraction is continued by the next run: kill it within the work left to it
        kill_at = rng.randint(1, max(1, _left_to_reextract(db, len(EXPECTED)) // 2))
        _kill_when(["reextract", "--db", str(db)], lambda n=kill_at, s=stamp: _rewritten_since(db, s) >= n)
        assert _integrity(db) == "ok"
        assert _scalar(db, "select count(*) from articles") == before
        assert _rewritten_since(db, stamp) >= kill_at  # what was committed stayed committed
        assert _index_in_step(db)


def _left_to_reextract(db: Path, total: int) -> int:
    """Articles the next ``lcnews reextract`` will re-write: those after a stopped job's last batch."""
    with sqlite3.connect(db, timeout=5) as conn:
        row = conn.execute("select value from meta where key = 'job:reextract'").fetchone()
    state = json.loads(row[0]) if row else {}
    return total - int(state["done"]) if state.get("status") == "running" else total


def _latest_seen(db: Path) -> str:
    with sqlite3.connect(db, timeout=5) as conn:
        return str(conn.execute("select max(last_seen_at) from articles").fetchone()[0])


def _rewritten_since(db: Path, stamp: str) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("select count(*) from articles where last_seen_at > ?", [stamp]).fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _index_in_step(db: Path) -> bool:
    """One index row per article, and an article's own title finds it."""
    with open_archive(db, readonly=True) as archive:
        rows = list(archive.iter_articles())
        indexed = {r[0] for r in sqlite3.connect(db).execute("select id from articles_fts_docsize")}
        if indexed != {r["article_id"] for r in rows}:
            return False
        sample = random.Random(SEED).sample(rows, 12)
        return all(
            r["article_id"] in {h["article_id"] for h in archive.search(f'"{r["title"]}"', limit=50)} for r in sample
        )
