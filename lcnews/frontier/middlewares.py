"""The shared frontier's middlewares: item counting for acknowledgements, and the fleet's host budget."""

from __future__ import annotations

import asyncio
import urllib.parse
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy_redis.connection import get_redis_from_settings
from twisted.internet import task

from lcnews.frontier.keys import HOST_TURN, RENEW, Keys

LEASE = "lcnews_host_lease"  # request.meta: the host turn a request holds
FRONTIER_ID = "lcnews_frontier_id"  # request.meta: the in-flight entry a request came from


class FrontierAcks:
    """Spider middleware (outermost): counts the items each response's callback yields and tells
    the scheduler when the callback is done, so its request leaves the in-flight hash only once
    they are archived."""

    def __init__(self, crawler: Any) -> None:
        if not crawler.settings.get("LCNEWS_FRONTIER_URL"):
            raise NotConfigured("no shared frontier")
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> FrontierAcks:
        return cls(crawler)

    def _scheduler(self) -> Any:
        return self.crawler.engine.scheduler

    def _fid(self, response: Response) -> str | None:
        return response.meta.get(FRONTIER_ID) if response.request is not None else None

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        sched, fid = self._scheduler(), self._fid(response)
        try:
            for x in result:
                if not isinstance(x, Request):
                    sched.item_yielded(fid)
                yield x
        finally:
            sched.callback_done(fid)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        sched, fid = self._scheduler(), self._fid(response)
        try:
            async for x in result:
                if not isinstance(x, Request):
                    sched.item_yielded(fid)
                yield x
        finally:
            sched.callback_done(fid)


class SharedHostBudget:
    """Downloader middleware: one politeness budget per host for the whole fleet. Before each
    download, a worker waits for a turn (``keys.HOST_TURN``): at most
    ``LCNEWS_FRONTIER_HOST_CONCURRENCY`` requests to that host running across all workers, started
    at least ``LCNEWS_FRONTIER_HOST_DELAY`` seconds apart. A turn is a lease its worker renews while
    the request runs; a killed worker's turns expire within the heartbeat TTL."""

    def __init__(self, crawler: Any) -> None:
        s = crawler.settings
        if not s.get("LCNEWS_FRONTIER_URL"):
            raise NotConfigured("no shared frontier")
        self.server = get_redis_from_settings(s)
        self.keys = Keys(s.get("LCNEWS_FRONTIER_NAME") or "lcxw")
        self.limit = max(1, s.getint("LCNEWS_FRONTIER_HOST_CONCURRENCY"))
        self.delay = max(0.0, s.getfloat("LCNEWS_FRONTIER_HOST_DELAY"))
        # A turn lasts one heartbeat TTL and is renewed while its request runs (a dead worker's
        # turns come back within the TTL, as its requests do).
        self.lease_seconds = max(2, s.getint("LCNEWS_FRONTIER_HEARTBEAT_TTL"))
        self.turn = self.server.register_script(HOST_TURN)
        self.renew_script = self.server.register_script(RENEW)
        self.held: dict[str, str] = {}  # lease id -> host
        self._renewer: task.LoopingCall | None = None
        self.stats = crawler.stats
        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    def renew(self) -> None:
        if self.held:
            leases = list(self.held.items())
            self.renew_script(
                keys=[self.keys.host_leases(h) for _, h in leases],
                args=[self.lease_seconds, *(lid for lid, _ in leases)],
            )

    def _closed(self, spider: Any) -> None:
        if self._renewer is not None and self._renewer.running:
            self._renewer.stop()

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedHostBudget:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        if self._renewer is None:
            self._renewer = task.LoopingCall(self.renew)
            self._renewer.start(self.lease_seconds / 4, now=False)
        host = urllib.parse.urlsplit(request.url).netloc
        lease = uuid.uuid4().hex
        waited = 0.0
        while True:
            granted, wait = self.turn(
                keys=[self.keys.host_leases(host), self.keys.host_next(host)],
                args=[self.limit, self.delay, lease, self.lease_seconds],
            )
            if int(granted):
                break
            pause = min(float(wait), 1.0)
            waited += pause
            await asyncio.sleep(pause)
        if waited:
            self.stats.inc_value("lcnews/frontier/host_wait_ms", int(waited * 1000))
        request.meta[LEASE] = (host, lease)
        self.held[lease] = host

    def _release(self, request: Request) -> None:
        held = request.meta.pop(LEASE, None)
        if held:
            self.held.pop(held[1], None)
            self.server.zrem(self.keys.host_leases(held[0]), held[1])

    def process_response(self, request: Request, response: Response) -> Response:
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: BaseException) -> None:
        self._release(request)
