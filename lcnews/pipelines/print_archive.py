"""Pipeline of `lcnews epaper`: assemble each fetched e-paper page and write print articles, layout
pages and editions to the archive in batches; record the run in ``crawl_runs``.

The archive opens in ``open_spider`` (``lcnews.db.open_archive`` → ``print_archive``); pending
items go in one transaction when ``LCNEWS_ARCHIVE_BATCH_SIZE`` of them wait or the oldest waited
``LCNEWS_ARCHIVE_FLUSH_SECONDS``; on close the rest, then the print↔web links, then the run's
figures and exit code. Assembly runs here, in the crawl process: an edition is a few dozen pages.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet.task import LoopingCall

from lcnews.db import ArchiveAPI, PrintArchiveAPI, open_archive, print_archive
from lcnews.db.cadence import Cadence
from lcnews.extract.epaper_assemble import assemble_print
from lcnews.items import EditionSeen, PrintArticle, PrintPageSeen, PrintRawPage
from lcnews.outcome import CrawlOutcome
from lcnews.site import SiteProfile, load_profile

log = logging.getLogger(__name__)
_TICK_SECONDS = 0.05
_RUN_SETTINGS = (
    "LCNEWS_EPAPER_BASE_URL",
    "LCNEWS_EPAPER_PAPERS",
    "LCNEWS_EPAPER_SINCE",
    "LCNEWS_EPAPER_UNTIL",
    "LCNEWS_EPAPER_REVISIT_DAYS",
    "LCNEWS_FULL",
    "LCNEWS_SITE_PROFILE",
    "ROBOTSTXT_OBEY",
    "DOWNLOAD_DELAY",
    "AUTOTHROTTLE_ENABLED",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "USER_AGENT",
)


class PrintArchivePipeline:
    def __init__(self, crawler: Any) -> None:
        s = crawler.settings
        self.path = s.get("LCNEWS_DB_PATH")
        if not self.path:
            raise NotConfigured("LCNEWS_DB_PATH is not set")
        self.crawler = crawler
        self.stats = crawler.stats
        self.profile: SiteProfile = load_profile(s.get("LCNEWS_SITE_PROFILE") or None)
        self.cadence = Cadence(
            s.getint("LCNEWS_ARCHIVE_BATCH_SIZE"),
            s.getfloat("LCNEWS_ARCHIVE_FLUSH_SECONDS"),
            s.getfloat("LCNEWS_ARCHIVE_FIRST_FLUSH_SECONDS"),
        )
        self.keep_raw = s.getbool("LCNEWS_ARCHIVE_RAW_PAGES")
        self._timer: LoopingCall | None = None
        self.handle: ArchiveAPI | None = None
        self.archive: PrintArchiveAPI | None = None
        self.run_id: int | None = None
        self.articles: list[PrintArticle] = []
        self.pages: list[PrintPageSeen] = []
        self.editions: list[EditionSeen] = []
        self.accepted = 0
        crawler.signals.connect(self._spider_error, signal=signals.spider_error)
        crawler.signals.connect(self._start_timer, signal=signals.spider_opened)
        crawler.signals.connect(self._spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> PrintArchivePipeline:
        return cls(crawler)

    def _spider_error(self, failure: Any, response: Any, spider: Any) -> None:
        self.stats.inc_value("lcnews/errors/spider")

    def _start_timer(self, spider: Any) -> None:
        self._timer = LoopingCall(self.tick)
        self._timer.start(_TICK_SECONDS, now=False)

    def _stop_timer(self) -> None:
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        self._timer = None

    def tick(self) -> None:
        if self.archive is not None and self.cadence.due():
            self.flush()

    def open_spider(self) -> None:
        self.handle = open_archive(self.path)
        self.archive = print_archive(self.handle)
        settings = json.loads(json.dumps({k: self.crawler.settings.get(k) for k in _RUN_SETTINGS}, default=list))
        base = self.crawler.settings.get("LCNEWS_EPAPER_BASE_URL", "")
        self.run_id = self.handle.start_run({"spider": "epaper", **settings}, base_url=base)
        self.stats.set_value("lcnews/run_id", self.run_id)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PrintRawPage):
            article = assemble_print(item, self.profile)
            if self.keep_raw:
                article.raw = item
            self.accepted += 1
            self.stats.set_value("lcnews/items/accepted", self.accepted)
            if not article.body and not article.title:
                self.stats.inc_value("lcnews/epaper/empty_article")
            self.articles.append(article)
        elif isinstance(item, PrintPageSeen):
            if not self.keep_raw:
                item.body = b""
            self.pages.append(item)
        elif isinstance(item, EditionSeen):
            self.editions.append(item)
        else:
            return item
        self.cadence.added()
        if self.cadence.due():
            self.flush()
        return item

    def flush(self) -> None:
        assert self.archive is not None and self.run_id is not None
        if not (self.articles or self.pages or self.editions):
            self.cadence.flushed()
            return
        result = self.archive.write_print_batch(self.articles, self.pages, self.editions, run_id=self.run_id)
        for key in ("archived", "updated", "refreshed", "unchanged", "raw_pages", "pages", "editions"):
            self.stats.inc_value(f"lcnews/items/{key}", int(result.get(key, 0)))
        for reason, n in (result.get("dropped") or {}).items():
            self.stats.inc_value(f"lcnews/drop/archive_{reason}", n)
        self.stats.inc_value("lcnews/archive/commits")
        self.cadence.flushed(progress=bool(self.articles))
        self.articles, self.pages, self.editions = [], [], []

    def close_spider(self) -> None:
        self._stop_timer()
        if self.archive is not None:
            self.flush()

    def _spider_closed(self, spider: Any, reason: str) -> None:
        self._stop_timer()
        if self.archive is None or self.handle is None or self.run_id is None:
            return
        try:
            self.flush()
            self.stats.set_value("lcnews/epaper/web_links", self.archive.link_print_web())
            stats = dict(self.stats.get_stats())
            outcome = CrawlOutcome(stats=stats)
            items = sum(outcome.count(f"lcnews/items/{k}") for k in ("archived", "updated", "refreshed", "unchanged"))
            self.handle.finish_run(
                self.run_id,
                {
                    "pages": outcome.count("response_received_count"),
                    "items": items,
                    "archived": outcome.count("lcnews/items/archived"),
                    "updated": outcome.count("lcnews/items/updated"),
                    "unchanged": outcome.count("lcnews/items/unchanged") + outcome.count("lcnews/items/refreshed"),
                    "dropped": outcome.drops,
                    "errors": outcome.errors,
                    "coverage": {
                        "editions": outcome.count("lcnews/items/editions"),
                        "missing_days": outcome.count("lcnews/epaper/missing_days"),
                    },
                    "exit_code": outcome.exit_code,
                },
                status="finished" if reason == "finished" else f"stopped: {reason}",
            )
        finally:
            self.handle.close()
            self.handle = self.archive = None
