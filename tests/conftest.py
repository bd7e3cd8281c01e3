"""Shared fixtures: the offline replica on loopback and a real `lcnews crawl` run in a subprocess.

Markers (pyproject): ``e2e`` for tests that start lcnews in a subprocess (crawls of the loopback
replica), ``browser`` for tests that drive Chromium. A test using ``replica_crawl`` is marked e2e
here; any other test that calls ``run_cli``/``crawl_replica`` must carry the marker itself (those
helpers fail the test otherwise), so ``pytest -m "not e2e and not browser"`` runs only fast tests.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from lcnews.testsite import ReplicaServer, ReplicaSite, build_site

# Property-based tests (hypothesis): "ci", the default, runs a modest, fixed set of examples (derandomized:
# the same inputs on every run, so CI is fast and never flaky, and no example database is written);
# HYPOTHESIS_PROFILE=explore draws many fresh ones when hunting for bugs by hand.
settings.register_profile(
    "ci",
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,  # no timed tests: speed is bench/'s business
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("explore", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@dataclass
class CrawlResult:
    site: ReplicaSite
    base_url: str
    db: Path
    returncode: int
    stdout: str
    stderr: str
    request_log: list[tuple[str, int]]

    def rows(self, sql: str, *params: Any) -> list[sqlite3.Row]:
        conn = sqlite3.connect(self.db)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()


# Crawl subprocesses treat every warning as an error, as pyproject's filterwarnings does for the
# tests themselves, so a deprecation on the real crawl path (spider, pipelines, extract workers,
# which inherit the environment) fails CI. A known third-party warning would be ignored here by its
# exact category and module (PYTHONWARNINGS matches module names literally, no wildcards).
CRAWL_WARNINGS = "error"


def crawl_env() -> dict[str, str]:
    """The environment of a crawl subprocess: this one, with warnings as errors."""
    return {**os.environ, "PYTHONWARNINGS": CRAWL_WARNINGS}


_RUNNING: dict[str, pytest.Item] = {}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _RUNNING["item"] = item


def require_e2e() -> None:
    """Fail the running test unless it is marked e2e (it starts lcnews in a subprocess)."""
    item = _RUNNING.get("item")
    if item is not None and item.get_closest_marker("e2e") is None:
        pytest.fail(f"{item.nodeid} runs lcnews in a subprocess: mark it @pytest.mark.e2e", pytrace=False)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "replica_crawl" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `lcnews ARGS` in a fresh interpreter (Scrapy's reactor cannot restart in-process)."""
    require_e2e()
    return subprocess.run(
        [sys.executable, "-m", "lcnews", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        env=crawl_env(),
    )


def crawl_replica(site: ReplicaSite, db: Path, *extra: str, server: ReplicaServer | None = None) -> CrawlResult:
    def go(srv: ReplicaServer) -> CrawlResult:
        srv.clear_log()
        proc = run_cli("crawl", "--db", str(db), "--base-url", srv.base_url, "--no-progress", *extra)
        return CrawlResult(site, srv.base_url, db, proc.returncode, proc.stdout, proc.stderr, list(srv.request_log))

    if server is not None:
        return go(server)
    with ReplicaServer(site) as srv:
        return go(srv)


# The replica every crawl test shares: build is deterministic, so truth can parametrise tests.
REPLICA_ARTICLES = 60
REPLICA_SEED = 1


@pytest.fixture(scope="session")
def replica_site() -> ReplicaSite:
    return build_site(n_articles=REPLICA_ARTICLES, seed=REPLICA_SEED)


@pytest.fixture(scope="session")
def replica_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CrawlResult]:
    site = build_site(n_articles=REPLICA_ARTICLES, seed=REPLICA_SEED)
    db = tmp_path_factory.mktemp("crawl") / "archive.db"
    yield crawl_replica(site, db)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema on the test server (tests/servers.py): its URL."""
    from servers import pg_schema

    with pg_schema() as url:
        yield url


@pytest.fixture
def redis_url() -> str:
    """The test Redis server's URL (tests/servers.py); the test fails when it is not running."""
    from servers import require_redis

    return require_redis()
