"""A crawl log a person can read: one line per failed page with its reason, no tracebacks, a site
that stops answering noticed and the run wound down (exit 3), and the same error count in the
summary, the progress line and ``crawl_runs``."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import crawl_env, require_e2e, run_cli

from lcnews.outcome import progress_line
from lcnews.testsite import ReplicaServer, build_site


def _crawl_until_down(tmp_path: Path, after_requests: int) -> tuple[subprocess.CompletedProcess[str], int]:
    require_e2e()
    site = build_site(n_articles=400, seed=7)
    db = tmp_path / "a.db"
    srv = ReplicaServer(site).start()
    cmd = [sys.executable, "-m", "lcnews", "crawl", "--db", str(db), "--base-url", srv.base_url, "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=crawl_env())
    deadline = time.monotonic() + 120
    while len(srv.request_log) < after_requests and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    served = len(srv.request_log)
    srv.go_down()
    out, err = proc.communicate(timeout=180)
    srv.stop()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err), served


@pytest.fixture(scope="module")
def site_went_down(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], int, Path]:
    tmp = tmp_path_factory.mktemp("down")
    proc, served = _crawl_until_down(tmp, after_requests=60)
    return proc, served, tmp / "a.db"


@pytest.mark.e2e
def test_a_site_that_stops_answering_ends_the_run_with_exit_3(site_went_down) -> None:
    proc, served, _ = site_went_down
    assert served >= 60, "the site went down before the test could"
    assert proc.returncode == 3, proc.stderr[-2000:]
    assert "SITE UNREACHABLE" in proc.stderr


@pytest.mark.e2e
def test_no_traceback_reaches_the_log(site_went_down) -> None:
    proc, _, _ = site_went_down
    assert "Traceback" not in proc.stderr + proc.stdout


@pytest.fixture(scope="module")
def some_pages_fail(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Path, list[str]]:
    """A crawl where five article pages answer 503 to every attempt."""
    site = build_site(n_articles=60, seed=2)
    broken = sorted(t["path"] for t in site.truth if t["reachable"] and t["status"] == 200)[:5]
    answer = site.respond
    site.respond = lambda method, path: (503, {}, b"busy") if path in broken else answer(method, path)  # type: ignore[method-assign]
    db = tmp_path_factory.mktemp("fail") / "a.db"
    with ReplicaServer(site) as srv:
        proc = run_cli("crawl", "--db", str(db), "--base-url", srv.base_url, "--no-progress")
    return proc, db, broken


@pytest.mark.e2e
def test_each_failed_page_is_one_line_with_its_reason(some_pages_fail) -> None:
    proc, _, broken = some_pages_fail
    failed = sorted(
        line.rsplit("/", 1)[-1] for line in proc.stderr.splitlines() if "article failed (http_503): " in line
    )
    assert failed == sorted(p.rsplit("/", 1)[-1] for p in broken)


@pytest.mark.e2e
def test_failed_pages_leave_no_traceback(some_pages_fail) -> None:
    proc, _, _ = some_pages_fail
    assert "Traceback" not in proc.stderr + proc.stdout and proc.returncode == 3


@pytest.mark.e2e
def test_the_summary_and_crawl_runs_count_the_same_errors(some_pages_fail) -> None:
    proc, db, _ = some_pages_fail
    shown = re.search(r"errors\s+(\d+)\s+\(pages failed: http_503: (\d+)\)", proc.stdout)
    assert shown is not None, proc.stdout
    with sqlite3.connect(db) as con:
        (stored, code) = con.execute("SELECT errors, exit_code FROM crawl_runs ORDER BY run_id DESC LIMIT 1").fetchone()
    assert (int(shown.group(1)), int(shown.group(2)), stored, code) == (5, 5, 5, 3)


def test_the_progress_line_shows_time_queue_rate_errors_by_reason_and_eta() -> None:
    stats = {
        "response_received_count": 120,
        "lcnews/items/accepted": 50,
        "lcnews/errors/article_fetch": 3,
        "lcnews/failures/timeout": 2,
        "lcnews/failures/refused": 1,
    }
    line = progress_line(stats, 65.0, queued=40, recent_rate=2.0, target=250)
    assert line == "01:05  pages 120  articles 50 (2.0/s)  queue 40  errors 3 (timeout 2, refused 1)  ETA 01:40"


def test_the_progress_line_says_when_the_site_is_unreachable() -> None:
    line = progress_line({"lcnews/site_unreachable": "site unreachable: ..."}, 3700.0)
    assert line.startswith("1:01:40  pages 0  articles 0 (0.0/s)  errors 0") and line.endswith("SITE UNREACHABLE")
