"""Shared fixtures: the offline replica on loopback and a real `lcnews crawl` run in a subprocess."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lcnews.testsite import ReplicaServer, ReplicaSite, build_site


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


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `lcnews ARGS` in a fresh interpreter (Scrapy's reactor cannot restart in-process)."""
    return subprocess.run(
        [sys.executable, "-m", "lcnews", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
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
