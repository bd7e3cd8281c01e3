"""``FrontierScheduler``: scrapy-redis's shared queue and fingerprints, made safe for a fleet of workers.

scrapy-redis (``scrapy_redis.scheduler.Scheduler``) already keeps the queue and the request
fingerprints in Redis, so workers share one crawl and no URL is scheduled twice. What it lacks for
a crawl that must lose nothing, and that this class adds:

* **in flight until archived**: a request is taken from the queue into this worker's in-flight
  hash in one atomic step (``keys.TAKE``) and leaves it only once everything its response yielded is
  written to the archive (``FrontierAcks`` counts the items, ``ArchivePipeline`` signals its
  flushes);
* **heartbeats and recovery**: every worker refreshes ``alive:<worker>``; any worker puts a dead
  worker's in-flight requests back in the queue (``keys.REQUEUE``), so a worker killed anywhere
  loses nothing and its share is finished by the others (or by itself, restarted). The heartbeat
  beats from a thread of its own, so a worker whose event loop is only busy for a while (a slow
  flush, a full log pipe, a CPU starved by its neighbours) is not taken for dead and its requests
  are not fetched twice; the thread stops beating once the loop has not turned for
  ``LCNEWS_FRONTIER_STALL_SECONDS``, so a wedged worker's requests do come back;
* **one end for all**: a worker with nothing to do stays until the queue is empty and no worker holds
  a request (``keys.FINISH``), then every worker finishes and the crawl's keys are removed.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections import Counter
from typing import Any

from redis.exceptions import RedisError
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request
from scrapy.utils.misc import load_object
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from lcnews.frontier.keys import FINISH, REQUEUE, TAKE, Keys
from lcnews.frontier.middlewares import FRONTIER_ID, LEASE
from lcnews.pipelines.archive import archive_flush, archive_flushed, archive_flushing

log = logging.getLogger(__name__)


class FrontierScheduler(Scheduler):
    crawler: Any
    keys: Keys
    worker: str
    ttl: int
    df: Any
    queue: Any
    finished: bool
    _beat: task.LoopingCall | None
    _beater: threading.Thread | None
    _stop_beating: threading.Event
    _pulse: float
    stall_seconds: float
    _items: Counter[str]
    _had_items: set[str]
    _done: set[str]
    _waiting: set[str]
    _flushing: set[str]

    @classmethod
    def from_crawler(cls, crawler: Any) -> FrontierScheduler:
        sched: FrontierScheduler = super().from_crawler(crawler)
        s = crawler.settings
        sched.crawler = crawler
        sched.keys = Keys(s.get("LCNEWS_FRONTIER_NAME") or "lcxw")
        sched.worker = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        sched.ttl = max(2, s.getint("LCNEWS_FRONTIER_HEARTBEAT_TTL"))
        sched.stall_seconds = max(float(sched.ttl), s.getfloat("LCNEWS_FRONTIER_STALL_SECONDS"))
        sched._take = sched.server.register_script(TAKE)
        sched._requeue = sched.server.register_script(REQUEUE)
        sched._finish = sched.server.register_script(FINISH)
        sched._items = Counter()
        sched._had_items = set()
        sched._done = set()
        sched._waiting = set()
        sched._flushing = set()
        sched._beat = None
        sched._beater = None
        sched._stop_beating = threading.Event()
        sched._pulse = time.monotonic()
        sched.finished = False
        for handler, signal in (
            (sched._item_finished, signals.item_scraped),
            (sched._item_finished, signals.item_dropped),
            (sched._item_finished, signals.item_error),
            (sched._spider_idle, signals.spider_idle),
            (sched._flushing_started, archive_flushing),
            (sched._flushing_done, archive_flushed),
        ):
            crawler.signals.connect(handler, signal=signal)
        # An idle worker looks for requests others added every half second, not every 5 s (the
        # engine's heartbeat; one crawl per process, so setting it on this engine is harmless).
        crawler.engine._SLOT_HEARTBEAT_INTERVAL = 0.5
        return sched

    # --- life of a worker -------------------------------------------------------------------------

    def open(self, spider: Any) -> None:
        # scrapy-redis's own, without its Spider.log() call (deprecated since Scrapy 2.13).
        self.spider = spider
        self.queue = load_object(self.queue_cls)(
            server=self.server, spider=spider, key=self.queue_key % {"spider": spider.name}, serializer=self.serializer
        )
        if not self.df:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        if len(self.queue):
            log.info("shared frontier: resuming a crawl with %d requests queued", len(self.queue))
        self.beat()
        self.recover()
        self._pulse = time.monotonic()
        self._beat = task.LoopingCall(self.tick)
        self._beat.start(self.ttl / 4, now=False)
        self._beater = threading.Thread(target=self._beat_while_alive, name="lcnews-frontier-heartbeat", daemon=True)
        self._beater.start()
        log.info("shared frontier %s: worker %s joined", self.keys.prefix, self.worker)

    def beat(self) -> None:
        """This worker is alive for another heartbeat TTL."""
        pipe = self.server.pipeline()
        pipe.set(self.keys.alive(self.worker), "1", ex=self.ttl)
        pipe.sadd(self.keys.workers, self.worker)  # back on the list if another worker thought it dead
        pipe.execute()

    def tick(self) -> None:
        """On the event loop, every quarter TTL: the loop turns (the thread's proof that this worker
        still works), and dead workers' requests go back to the queue."""
        self._pulse = time.monotonic()
        self.recover()

    def _beat_while_alive(self) -> None:
        while not self._stop_beating.wait(self.ttl / 4):
            stalled = time.monotonic() - self._pulse
            if stalled > self.stall_seconds:
                continue  # wedged: let the heartbeat lapse, so the others take its requests back
            try:
                self.beat()
            except RedisError as exc:  # Redis away for a moment: the next beat retries
                log.warning("shared frontier: heartbeat failed (%s); retrying", exc)

    def close(self, reason: str) -> None:
        if self._beat is not None and self._beat.running:
            self._beat.stop()
        self._stop_beating.set()
        if self._beater is not None:
            self._beater.join(timeout=self.ttl)  # no beat after the worker has left the list below
        if reason == "finished":
            self.ack_all()
        else:  # stopped before its requests were done: they go back for the others
            n = self._requeue(
                keys=[
                    self.keys.inflight(self.worker),
                    self.keys.alive(self.worker),
                    self.keys.queue,
                    self.keys.workers,
                ],
                args=[self.worker, "1"],
            )
            if n:
                log.info("shared frontier: %d unfinished requests returned to the queue", n)
        self.server.srem(self.keys.workers, self.worker)
        self.server.delete(self.keys.alive(self.worker))
        self.crawler.stats.set_value("lcnews/frontier/worker", self.worker)

    def recover(self) -> int:
        """Return every dead worker's in-flight requests to the queue; how many went back."""
        back = 0
        for raw in self.server.smembers(self.keys.workers):
            w = raw.decode()
            if w == self.worker:
                continue
            n = int(self._requeue(keys=[self.keys.inflight(w), self.keys.alive(w), self.keys.queue, self.keys.workers],
                                  args=[w, "0"]))  # fmt: skip
            if n:
                log.warning("shared frontier: worker %s stopped beating; %d of its requests requeued", w, n)
                self.crawler.stats.inc_value("lcnews/frontier/recovered", n)
            back += n
        return back

    # --- taking and acknowledging requests -------------------------------------------------------

    def enqueue_request(self, request: Request) -> bool:
        # scrapy-redis's own, without the ``spider`` argument Scrapy 2.13+ deprecates for stats.
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        for own in (FRONTIER_ID, LEASE):  # this worker's, copied by a redirect or retry: not the next taker's
            request.meta.pop(own, None)
        self.crawler.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        got = self._take(keys=[self.keys.queue, self.keys.inflight(self.worker)])
        if not got:
            return None
        fid, blob = got[0].decode(), got[1]
        request: Request = self.queue._decode_request(blob)
        request.meta[FRONTIER_ID] = fid
        self.crawler.stats.inc_value("scheduler/dequeued/redis")
        return request

    def item_yielded(self, fid: str | None) -> None:
        if fid:
            self._items[fid] += 1
            self._had_items.add(fid)

    def callback_done(self, fid: str | None) -> None:
        """Everything the response's callback yielded has been handed on (its requests queued)."""
        if fid:
            self._done.add(fid)
            self._settle(fid)

    def _item_finished(self, item: Any, response: Any = None, **_: Any) -> None:
        fid = getattr(getattr(response, "request", None), "meta", {}).get(FRONTIER_ID)
        if fid and fid in self._items:
            self._items[fid] -= 1
            self._settle(fid)

    def _settle(self, fid: str) -> None:
        if fid not in self._done or self._items.get(fid, 0) > 0:
            return
        self._done.discard(fid)
        self._items.pop(fid, None)
        if fid in self._had_items:  # its items wait in the archive pipeline's batch
            self._had_items.discard(fid)
            self._waiting.add(fid)
        else:
            self.ack([fid])

    def _flushing_started(self) -> None:
        self._flushing = set(self._waiting)

    def _flushing_done(self) -> None:
        self.ack(self._flushing)
        self._waiting -= self._flushing
        self._flushing = set()

    def ack(self, fids: Any) -> None:
        fids = list(fids)
        if fids:
            self.server.hdel(self.keys.inflight(self.worker), *fids)

    def ack_all(self) -> None:
        """Idle or finished: every request this worker took is done and archived."""
        self.server.delete(self.keys.inflight(self.worker))
        self._waiting.clear()

    # --- the end of the crawl --------------------------------------------------------------------

    def _spider_idle(self, spider: Any) -> None:
        self.crawler.signals.send_catch_log(signal=archive_flush)
        self.ack_all()
        self.recover()
        finish_keys = [self.keys.queue, self.keys.workers, self.keys.dupefilter, self.keys.articles]
        if self._finish(keys=finish_keys, args=[self.keys.prefix]):
            self.finished = True
            return
        raise DontCloseSpider

    def has_pending_requests(self) -> bool:
        return bool(len(self.queue))
