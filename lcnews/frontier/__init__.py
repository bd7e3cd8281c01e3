"""The shared frontier: several crawl processes, on one host or many, share one crawl through Redis.

``LCNEWS_FRONTIER_URL = "redis://host:6379/0"`` (``lcnews crawl --frontier URL``) turns it on:
``apply`` swaps in scrapy-redis's queue and request-fingerprint set (``scheduler.FrontierScheduler``,
which adds what a shared crawl needs on top: each taken request held in the worker's in-flight
hash until its items are archived, heartbeats, recovery of a dead worker's requests, and one end
of the crawl for all workers) and the per-host budget every worker shares
(``middlewares.SharedHostBudget``). Each worker writes its items through the one PostgreSQL archive.
Keys live under ``lcnews:<LCNEWS_FRONTIER_NAME>:`` (``keys.Keys``).
"""

from __future__ import annotations

from typing import Any

from scrapy.settings import SETTINGS_PRIORITIES

FRONTIER_SCHEMES = ("redis://", "rediss://", "unix://")
SHARED_HOST_BUDGET_ORDER = 950  # above Scrapy's retry (550) and redirect (580, 600) middlewares


def is_frontier_url(url: object) -> bool:
    return isinstance(url, str) and url.startswith(FRONTIER_SCHEMES)


def apply(settings: Any, priority: str = "spider") -> bool:
    """Switch ``settings`` (Scrapy's, still mutable) to the shared frontier when
    ``LCNEWS_FRONTIER_URL`` is set; returns whether it did."""
    url = settings.get("LCNEWS_FRONTIER_URL")
    if not url:
        return False
    from lcnews.frontier.keys import Keys

    keys = Keys(settings.get("LCNEWS_FRONTIER_NAME") or "lcxw")
    budget = settings.getint("LCNEWS_FRONTIER_HOST_CONCURRENCY") or settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
    delay = settings.get("LCNEWS_FRONTIER_HOST_DELAY")
    if delay in (None, ""):
        delay = settings.getfloat("DOWNLOAD_DELAY")
    values = {
        "SCHEDULER": "lcnews.frontier.scheduler.FrontierScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "REDIS_URL": url,
        "SCHEDULER_PERSIST": True,  # the last worker clears the crawl's keys when it is complete
        "SCHEDULER_QUEUE_KEY": keys.queue,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        # The host's delay and concurrency are the fleet's now (SharedHostBudget), not each worker's.
        "LCNEWS_FRONTIER_HOST_CONCURRENCY": max(1, budget),
        "LCNEWS_FRONTIER_HOST_DELAY": float(delay),
    }
    for key, value in values.items():
        settings.set(key, value, priority=priority)
    # The delay the user gave (-s DOWNLOAD_DELAY=2 included) became the fleet's: each worker adds none.
    for key, value in (("DOWNLOAD_DELAY", 0), ("AUTOTHROTTLE_ENABLED", False)):
        settings.set(key, value, priority=max(settings.getpriority(key) or 0, SETTINGS_PRIORITIES["cmdline"]))
    dl = dict(settings.getdict("DOWNLOADER_MIDDLEWARES"))
    # Nearest the download: every attempt (a retry, a redirect's next hop) waits its own turn, and
    # the turn is given back before a redirect or retry middleware turns the answer into a new
    # request (a middleware that does skips the process_response of those below it).
    dl["lcnews.frontier.middlewares.SharedHostBudget"] = SHARED_HOST_BUDGET_ORDER
    settings.set("DOWNLOADER_MIDDLEWARES", dl, priority=priority)
    sp = dict(settings.getdict("SPIDER_MIDDLEWARES"))
    sp["lcnews.frontier.middlewares.FrontierAcks"] = 10  # outermost: sees everything a callback yields
    settings.set("SPIDER_MIDDLEWARES", sp, priority=priority)
    return True


class ArticleClaims:
    """Article ids requested by any worker of the shared crawl: an article linked under two URLs
    is fetched once by the fleet, as one process fetches it once (``LcxwSpider._requested_ids``)."""

    def __init__(self, settings: Any) -> None:
        from scrapy_redis.connection import get_redis_from_settings

        from lcnews.frontier.keys import Keys

        self.server = get_redis_from_settings(settings)
        self.key = Keys(settings.get("LCNEWS_FRONTIER_NAME") or "lcxw").articles

    def claim(self, article_id: int) -> bool:
        """True for the one worker that asks first."""
        return bool(self.server.sadd(self.key, article_id))
