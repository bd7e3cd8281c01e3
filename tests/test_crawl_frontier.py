"""`lcnews crawl --frontier`: two workers share one crawl of the replica through a real Redis into one
PostgreSQL archive: every article archived exactly once, no URL fetched more often than one crawl
of its own fetches it; a worker killed mid-crawl loses nothing and duplicates nothing."""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from conftest import CrawlResult, crawl_env, require_e2e
from servers import pg_schema

from lcnews.testsite import ReplicaServer

# Slow enough (latency, one request at a time per worker) that a worker can be killed mid-crawl.
WORKER = ["-s", "CONCURRENT_REQUESTS=2", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "LCNEWS_FRONTIER_HEARTBEAT_TTL=5",
          "-s", "LCNEWS_FRONTIER_HOST_CONCURRENCY=4"]  # fmt: skip


@dataclass
class Shared:
    procs: list[subprocess.CompletedProcess[str] | None]
    requests: list[tuple[str, int]]
    articles: list[tuple[int, str]]
    redis_left: list[bytes]
    max_at_once: int  # most requests the replica answered at the same time


@dataclass
class _Worker:
    """A worker whose output goes to files: two workers' pipes read one after the other would
    leave the second blocked on a full pipe, its heartbeat included."""

    proc: subprocess.Popen[str]
    out: Any
    err: Any

    def finished(self) -> subprocess.CompletedProcess[str]:
        self.proc.wait(timeout=240)
        texts = []
        for f in (self.out, self.err):
            f.seek(0)
            texts.append(f.read())
            f.close()
        return subprocess.CompletedProcess(self.proc.args, self.proc.returncode, *texts)


def _worker(url: str, base: str, redis_url: str, name: str, extra: tuple[str, ...]) -> _Worker:
    require_e2e()
    cmd = [sys.executable, "-m", "lcnews", "crawl", "--db", url, "--base-url", base, "--no-progress",
           "--frontier", redis_url, "--frontier-name", name, *WORKER, *extra]  # fmt: skip
    out, err = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed by finished()
    return _Worker(subprocess.Popen(cmd, stdout=out, stderr=err, text=True, env=crawl_env()), out, err)


def shared_crawl(replica: CrawlResult, redis_url: str, *extra: str, kill_after: int | None = None) -> Shared:
    """Two workers crawl the replica; with ``kill_after``, the first is killed once the replica has
    answered that many requests (mid-crawl, whatever the machine's speed)."""
    import redis

    name = "t" + uuid.uuid4().hex[:8]
    replica.site.reset()  # re-arm the "500 once" trap, as for the crawl of its own it is compared with
    with pg_schema() as url, ReplicaServer(replica.site, latency=0.05) as srv:
        workers = [_worker(url, srv.base_url, redis_url, name, extra) for _ in range(2)]
        outs: list[subprocess.CompletedProcess[str] | None] = []
        if kill_after is not None:
            deadline = time.monotonic() + 120
            while len(srv.request_log) < kill_after and time.monotonic() < deadline:
                time.sleep(0.02)
            os.kill(workers[0].proc.pid, signal.SIGKILL)  # no clean-up of any kind: its requests are in flight
        outs.extend(w.finished() for w in workers)
        with psycopg.connect(url) as conn:
            articles = conn.execute("SELECT article_id, title FROM articles ORDER BY article_id").fetchall()
        left = list(redis.Redis.from_url(redis_url).scan_iter(f"lcnews:{name}:*"))
        return Shared(outs, list(srv.request_log), articles, left, srv.max_active)


@pytest.fixture(scope="module")
def two_workers(replica_crawl: CrawlResult, redis_url: str) -> Shared:
    return shared_crawl(replica_crawl, redis_url)


@pytest.fixture(scope="module")
def one_killed(replica_crawl: CrawlResult, redis_url: str) -> Shared:
    return shared_crawl(replica_crawl, redis_url, kill_after=30)


@pytest.fixture(scope="module")
def one_at_a_time(replica_crawl: CrawlResult, redis_url: str) -> Shared:
    """Each worker would send 4 requests at once; the site's budget for the fleet is 2."""
    per_worker = ["-s", "CONCURRENT_REQUESTS=4", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4"]
    return shared_crawl(replica_crawl, redis_url, *per_worker, "-s", "LCNEWS_FRONTIER_HOST_CONCURRENCY=2")


@pytest.fixture(scope="module")
def redis_url() -> str:
    from servers import require_redis

    return require_redis()


def _expected(replica: CrawlResult) -> list[tuple[int, str]]:
    return [
        (r["article_id"], r["title"])
        for r in replica.rows("SELECT article_id, title FROM articles ORDER BY article_id")
    ]


def _extra_fetches(shared: Shared, replica: CrawlResult) -> dict[str, int]:
    """Pages fetched more often than a crawl of its own fetches them (it retries the replica's 5xx
    traps); an article linked under several URLs counts as one page, whichever URL was taken. A
    redirect (3xx) is a hop on the way to a page, not a page: whether a crawl meets an article's old
    URL before its own link depends on which listing it reads first, in a fleet as alone."""
    page = {path: f"article {t['article_id']}" for t in replica.site.truth for path in t["paths"]}

    def counts(log: list[tuple[str, int]]) -> collections.Counter[str]:
        pages = (page.get(p, p) for p, status in log if p != "/robots.txt" and not 300 <= status < 400)
        return collections.Counter(pages)  # robots.txt: each worker reads it

    alone, fleet = counts(replica.request_log), counts(shared.requests)
    return {p: n - alone[p] for p, n in fleet.items() if n > alone[p]}


@pytest.mark.e2e
def test_both_workers_finish(two_workers: Shared) -> None:
    assert [p.returncode for p in two_workers.procs if p] == [0, 0], [p.stderr[-2000:] for p in two_workers.procs if p]


@pytest.mark.e2e
def test_every_article_is_archived_exactly_once(two_workers: Shared, replica_crawl: CrawlResult) -> None:
    assert two_workers.articles == _expected(replica_crawl)


@pytest.mark.e2e
def test_both_workers_did_part_of_the_crawl(two_workers: Shared) -> None:
    new = [
        int(line.split()[2])
        for p in two_workers.procs
        if p
        for line in p.stdout.splitlines()
        if "articles archived" in line
    ]
    assert len(new) == 2 and all(n > 0 for n in new)


@pytest.mark.e2e
def test_no_url_is_fetched_twice(two_workers: Shared, replica_crawl: CrawlResult) -> None:
    assert _extra_fetches(two_workers, replica_crawl) == {}


@pytest.mark.e2e
def test_a_finished_crawl_leaves_only_expiring_host_budgets_in_redis(two_workers: Shared) -> None:
    assert all(b":host:" in k for k in two_workers.redis_left)


@pytest.mark.e2e
def test_a_killed_worker_loses_nothing_and_duplicates_nothing(one_killed: Shared, replica_crawl: CrawlResult) -> None:
    killed, survivor = one_killed.procs
    assert killed is not None and killed.returncode == -signal.SIGKILL
    assert survivor is not None and survivor.returncode == 0, survivor.stderr[-2000:]
    assert one_killed.articles == _expected(replica_crawl)
    assert "returned to the queue" in survivor.stdout  # the dead worker's requests were taken over


@pytest.mark.e2e
def test_only_the_killed_workers_unfinished_requests_are_fetched_again(
    one_killed: Shared, replica_crawl: CrawlResult
) -> None:
    """What the killed worker had taken but not yet archived (in flight, or fetched and waiting in
    its unwritten batch) is done again by the survivor; nothing else is fetched twice."""
    survivor = one_killed.procs[1]
    assert survivor is not None
    (line,) = [x for x in survivor.stdout.splitlines() if "returned to the queue" in x]
    returned = int(line.split()[2])
    extra: Any = _extra_fetches(one_killed, replica_crawl)
    assert 0 < sum(extra.values()) <= returned, (extra, returned)


@pytest.mark.e2e
def test_the_host_budget_holds_for_the_whole_fleet(one_at_a_time: Shared, two_workers: Shared) -> None:
    assert [p.returncode for p in one_at_a_time.procs if p] == [0, 0]
    assert one_at_a_time.max_at_once <= 2 < two_workers.max_at_once  # budget 4 there: the limit bites
