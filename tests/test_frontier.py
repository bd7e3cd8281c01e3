"""lcnews.frontier: the shared crawl's Redis scripts and settings, on a real Redis server
(tests/servers.py): taking a request holds it in flight, a dead worker's requests come back, the
crawl ends only when nobody holds one, and a host's budget is the fleet's."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from scrapy.settings import Settings

from lcnews import frontier
from lcnews.frontier.keys import FINISH, HOST_TURN, REQUEUE, TAKE, Keys
from lcnews.frontier.middlewares import LEASE, SharedHostBudget
from lcnews.runner import build_settings


@pytest.fixture
def r(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture
def keys(r: redis.Redis) -> Iterator[Keys]:
    k = Keys("t" + uuid.uuid4().hex[:10])
    yield k
    for key in r.scan_iter(k.prefix + ":*"):  # test scratch only
        r.delete(key)


def take(r: redis.Redis, keys: Keys, worker: str) -> Any:
    return r.register_script(TAKE)(keys=[keys.queue, keys.inflight(worker)])


def requeue(r: redis.Redis, keys: Keys, worker: str, force: bool = False) -> int:
    script = r.register_script(REQUEUE)
    return int(script(keys=[keys.inflight(worker), keys.alive(worker), keys.queue, keys.workers],
                      args=[worker, "1" if force else "0"]))  # fmt: skip


def finish(r: redis.Redis, keys: Keys) -> int:
    script = r.register_script(FINISH)
    return int(script(keys=[keys.queue, keys.workers, keys.dupefilter, keys.articles], args=[keys.prefix]))


def test_taking_a_request_holds_it_in_flight(r: redis.Redis, keys: Keys) -> None:
    r.zadd(keys.queue, {b"second": 1, b"first": -5})
    fid, blob = take(r, keys, "w1")
    assert blob == b"first" and r.zcard(keys.queue) == 1
    assert r.hget(keys.inflight("w1"), fid) == b"-5\nfirst"


def test_an_empty_queue_gives_nothing(r: redis.Redis, keys: Keys) -> None:
    assert take(r, keys, "w1") is None


def test_a_dead_workers_requests_go_back_with_their_priority(r: redis.Redis, keys: Keys) -> None:
    r.zadd(keys.queue, {b"a": -3, b"b": 0})
    r.sadd(keys.workers, "w1")
    take(r, keys, "w1"), take(r, keys, "w1")
    assert requeue(r, keys, "w1") == 2
    assert r.zrange(keys.queue, 0, -1, withscores=True) == [(b"a", -3.0), (b"b", 0.0)]
    assert not r.exists(keys.inflight("w1")) and not r.sismember(keys.workers, "w1")


def test_a_live_workers_requests_stay(r: redis.Redis, keys: Keys) -> None:
    r.zadd(keys.queue, {b"a": 0})
    r.set(keys.alive("w1"), "1", ex=10)
    take(r, keys, "w1")
    assert requeue(r, keys, "w1") == 0 and r.hlen(keys.inflight("w1")) == 1


def test_a_stopping_worker_returns_its_own_requests(r: redis.Redis, keys: Keys) -> None:
    r.zadd(keys.queue, {b"a": 0})
    r.set(keys.alive("w1"), "1", ex=10)
    take(r, keys, "w1")
    assert requeue(r, keys, "w1", force=True) == 1 and r.zcard(keys.queue) == 1


@pytest.mark.parametrize(("queued", "held", "complete"), [((), (), True), ((b"a",), (), False), ((), (b"b",), False)])
def test_the_crawl_ends_only_when_nothing_is_queued_or_held(
    r: redis.Redis, keys: Keys, queued: tuple[bytes, ...], held: tuple[bytes, ...], complete: bool
) -> None:
    r.sadd(keys.workers, "w1", "w2")
    r.sadd(keys.dupefilter, "fp")
    for q in queued:
        r.zadd(keys.queue, {q: 0})
    for h in held:
        r.hset(keys.inflight("w2"), "x", h)
    assert finish(r, keys) == int(complete)
    assert r.exists(keys.dupefilter) == int(not complete)  # a complete crawl's fingerprints go


def test_a_host_allows_at_most_its_budget_at_once(r: redis.Redis, keys: Keys) -> None:
    turn = r.register_script(HOST_TURN)
    got = [int(turn(keys=[keys.host_leases("h"), keys.host_next("h")], args=[2, 0, f"l{i}", 30])[0]) for i in range(4)]
    assert got == [1, 1, 0, 0]
    r.zrem(keys.host_leases("h"), "l0")
    assert int(turn(keys=[keys.host_leases("h"), keys.host_next("h")], args=[2, 0, "l9", 30])[0]) == 1


def test_a_host_delay_spaces_the_fleets_requests(r: redis.Redis, keys: Keys) -> None:
    turn = r.register_script(HOST_TURN)
    first = turn(keys=[keys.host_leases("h"), keys.host_next("h")], args=[10, 0.5, "a", 30])
    second = turn(keys=[keys.host_leases("h"), keys.host_next("h")], args=[10, 0.5, "b", 30])
    assert int(first[0]) == 1 and int(second[0]) == 0 and 0.3 < float(second[1]) <= 0.5


def test_an_expired_lease_frees_its_turn(r: redis.Redis, keys: Keys) -> None:
    turn = r.register_script(HOST_TURN)
    assert int(turn(keys=[keys.host_leases("h"), keys.host_next("h")], args=[1, 0, "a", 0.05])[0]) == 1
    time.sleep(0.1)  # the worker holding it died: its lease runs out
    assert int(turn(keys=[keys.host_leases("h"), keys.host_next("h")], args=[1, 0, "b", 30])[0]) == 1


def test_apply_switches_a_crawl_to_the_shared_frontier(redis_url: str) -> None:
    s = build_settings({"LCNEWS_FRONTIER_URL": redis_url, "LCNEWS_FRONTIER_NAME": "x", "DOWNLOAD_DELAY": 1.5})
    assert frontier.apply(s)
    assert s["SCHEDULER"] == "lcnews.frontier.scheduler.FrontierScheduler"
    assert s["SCHEDULER_QUEUE_KEY"] == "lcnews:x:queue" and s["SCHEDULER_DUPEFILTER_KEY"] == "lcnews:x:dupefilter"
    assert (s.getfloat("LCNEWS_FRONTIER_HOST_DELAY"), s.getfloat("DOWNLOAD_DELAY")) == (1.5, 0.0)
    assert "lcnews.frontier.middlewares.SharedHostBudget" in s.getdict("DOWNLOADER_MIDDLEWARES")


def test_apply_leaves_a_crawl_of_its_own_alone() -> None:
    s = Settings({"SCHEDULER": "scrapy.core.scheduler.Scheduler"})
    assert not frontier.apply(s) and s["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"


def test_an_article_is_claimed_by_one_worker(redis_url: str, keys: Keys) -> None:
    s = Settings({"REDIS_URL": redis_url, "LCNEWS_FRONTIER_NAME": keys.name})
    a, b = frontier.ArticleClaims(s), frontier.ArticleClaims(s)
    assert [a.claim(7), b.claim(7), b.claim(8)] == [True, False, True]


REACTOR_SETTINGS = ("TWISTED_REACTOR", "TWISTED_REACTOR_ENABLED", "ASYNCIO_EVENT_LOOP")  # get_crawler's own


def _budget_chain(redis_url: str, keys: Keys) -> tuple[Any, Any]:
    """The downloader middlewares of a shared-frontier crawl, as Scrapy orders them, and its
    SharedHostBudget."""
    from scrapy import Spider
    from scrapy.core.downloader.middleware import DownloaderMiddlewareManager
    from scrapy.utils.test import get_crawler

    s = build_settings({"LCNEWS_FRONTIER_URL": redis_url, "LCNEWS_FRONTIER_NAME": keys.name})
    frontier.apply(s)
    values = {k: v for k, v in s.copy_to_dict().items() if k not in REACTOR_SETTINGS}
    crawler = get_crawler(Spider, values)
    crawler.spider = crawler._create_spider("t")
    chain = DownloaderMiddlewareManager.from_crawler(crawler)
    (budget,) = [m for m in chain.middlewares if isinstance(m, SharedHostBudget)]
    return chain, budget


@pytest.mark.parametrize(
    ("status", "headers", "turned_into"),
    [(301, {"Location": "/new"}, "/new"), (503, {}, "/old")],  # a redirect's next hop, a retry
)
def test_a_host_turn_is_given_back_when_the_answer_becomes_a_new_request(
    redis_url: str, keys: Keys, r: redis.Redis, status: int, headers: dict[str, str], turned_into: str
) -> None:
    """A redirect or retry middleware that turns the answer into a new request skips the
    process_response of the middlewares below it: the budget sits above them, or its turn would be
    held (and renewed) for as long as the worker runs."""
    import asyncio

    from scrapy.http import HtmlResponse, Request

    chain, budget = _budget_chain(redis_url, keys)

    async def answer(request: Request) -> HtmlResponse:
        return HtmlResponse(request.url, status=status, headers=headers, request=request)

    out = asyncio.run(chain.download_async(answer, Request("http://example.org/old")))
    assert isinstance(out, Request) and out.url == "http://example.org" + turned_into
    assert budget.held == {}
    assert r.zcard(keys.host_leases("example.org")) == 0
    assert LEASE not in out.meta


def _beating(r: redis.Redis, keys: Keys, stall_seconds: float) -> Any:
    """A FrontierScheduler's heartbeat thread alone, with a 1 s TTL, on an event loop that never turns."""
    import threading

    from lcnews.frontier.scheduler import FrontierScheduler

    sched = FrontierScheduler.__new__(FrontierScheduler)
    sched.server, sched.keys, sched.worker = r, keys, "w1"
    sched.ttl, sched.stall_seconds = 1, stall_seconds
    sched._stop_beating, sched._pulse = threading.Event(), time.monotonic()
    sched._beater = threading.Thread(target=sched._beat_while_alive, daemon=True)
    sched._beater.start()
    return sched


def test_a_busy_event_loop_keeps_its_heartbeat_until_it_counts_as_wedged(r: redis.Redis, keys: Keys) -> None:
    """A worker whose loop is busy for longer than the TTL (a slow flush, a full log pipe) is alive:
    its requests are not taken back and fetched twice. Past the stall limit it is wedged, and its
    heartbeat lapses so the others do take them back."""
    sched = _beating(r, keys, stall_seconds=2.0)
    try:
        time.sleep(1.6)  # longer than the TTL, and the loop has not turned once
        assert r.exists(keys.alive("w1"))
        deadline = time.monotonic() + 5
        while r.exists(keys.alive("w1")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not r.exists(keys.alive("w1"))
        assert 2.0 <= time.monotonic() - sched._pulse <= 2.0 + 1 + 1  # stall limit, then one TTL (and slack)
    finally:
        sched._stop_beating.set()
        sched._beater.join()


def test_a_turning_event_loop_keeps_beating(r: redis.Redis, keys: Keys) -> None:
    sched = _beating(r, keys, stall_seconds=1.0)
    try:
        for _ in range(12):  # 2.4 s: twice the stall limit, with the loop turning all along
            sched._pulse = time.monotonic()
            time.sleep(0.2)
        assert r.exists(keys.alive("w1"))
    finally:
        sched._stop_beating.set()
        sched._beater.join()
