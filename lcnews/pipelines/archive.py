"""Pipeline: batched writes of articles, raw pages, listing sightings and removals to the archive.

The archive is opened in ``open_spider`` through ``lcnews.db.open_archive`` (any ``ArchiveAPI``
backend). Articles, sightings and removals go in one transaction per batch, committed when the batch
is full or its oldest item has waited ``LCNEWS_ARCHIVE_FLUSH_SECONDS`` (``lcnews.db.cadence``), so a
killed crawl loses about a second of work; flushed on close. The run's figures and exit code
(``lcnews.outcome``) go to ``crawl_runs`` when the spider closes.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured
from twisted.internet.task import LoopingCall

from lcnews.coverage import Counts, Coverage, DriftRules, drift_alarms
from lcnews.db import ArchiveAPI, open_archive
from lcnews.db.cadence import Cadence
from lcnews.items import Article, Gone, ListingSeen, RawPage, Unextracted
from lcnews.outcome import CrawlOutcome
from lcnews.site import load_profile

log = logging.getLogger(__name__)

# Signals around each flush, for the shared frontier (lcnews.frontier.scheduler): a request leaves
# a worker's in-flight hash only once the items its response yielded are written. ``archive_flush``
# asks the pipeline to write what it holds now.
archive_flushing = object()
archive_flushed = object()
archive_flush = object()

# How often the pipeline looks for pending work that is due (well under the shortest flush wait).
_TICK_SECONDS = 0.05

# Settings recorded with each run (what a reader of crawl_runs needs to interpret it).
_RUN_SETTINGS = (
    "LCNEWS_BASE_URL",
    "LCNEWS_CHANNELS",
    "LCNEWS_MAX_ARTICLES",
    "LCNEWS_FULL",
    "LCNEWS_REVISIT_DAYS",
    "LCNEWS_SITE_PROFILE",
    "ROBOTSTXT_OBEY",
    "DOWNLOAD_DELAY",
    "AUTOTHROTTLE_ENABLED",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "USER_AGENT",
)


class ArchivePipeline:
    def __init__(self, crawler: Any) -> None:
        s = crawler.settings
        self.path = s.get("LCNEWS_DB_PATH")
        if not self.path:
            raise NotConfigured("LCNEWS_DB_PATH is not set")
        self.crawler = crawler
        self.stats = crawler.stats
        self.cadence = Cadence(
            s.getint("LCNEWS_ARCHIVE_BATCH_SIZE"),
            s.getfloat("LCNEWS_ARCHIVE_FLUSH_SECONDS"),
            s.getfloat("LCNEWS_ARCHIVE_FIRST_FLUSH_SECONDS"),
        )
        self._timer: LoopingCall | None = None
        self.keep_raw = s.getbool("LCNEWS_ARCHIVE_RAW_PAGES")
        self.max_articles = s.getint("LCNEWS_MAX_ARTICLES")
        self.rules = DriftRules(
            min_coverage={k: float(v) for k, v in s.getdict("LCNEWS_DRIFT_MIN_COVERAGE").items()},
            max_drop=s.getfloat("LCNEWS_DRIFT_MAX_DROP"),
            min_articles=s.getint("LCNEWS_DRIFT_MIN_ARTICLES"),
            confidence=s.getfloat("LCNEWS_DRIFT_CONFIDENCE"),
            max_implausible=s.getfloat("LCNEWS_DRIFT_MAX_IMPLAUSIBLE"),
            repeat_pages=s.getint("LCNEWS_DRIFT_REPEAT_PAGES"),
        )
        self.baseline_runs = s.getint("LCNEWS_DRIFT_BASELINE_RUNS")
        self.coverage = Coverage(
            min_body_chars=s.getint("LCNEWS_DRIFT_MIN_BODY_CHARS"),
            repeat_pages=self.rules.repeat_pages,
            not_names=frozenset(load_profile(s.get("LCNEWS_SITE_PROFILE") or None).channel_names.values()),
        )
        self.baseline: Counts | None = None
        self.archive: ArchiveAPI | None = None
        self.run_id: int | None = None
        self.articles: list[Article] = []
        self.pages: list[RawPage] = []  # pages that gave no article, archived raw for reextract
        self.sightings: list[ListingSeen] = []
        self.gone: list[Gone] = []
        self.accepted = 0
        crawler.signals.connect(self._spider_error, signal=signals.spider_error)
        crawler.signals.connect(self._item_error, signal=signals.item_error)
        crawler.signals.connect(self._start_timer, signal=signals.spider_opened)
        crawler.signals.connect(self._spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self._flush_requested, signal=archive_flush)
        self.shared = bool(s.get("LCNEWS_FRONTIER_URL"))  # a worker of a shared crawl

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchivePipeline:
        return cls(crawler)

    def _spider_error(self, failure: Any, response: Any, spider: Any) -> None:
        self.stats.inc_value("lcnews/errors/spider")

    def _item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        self.stats.inc_value("lcnews/errors/item")

    def _start_timer(self, spider: Any) -> None:
        """Commit pending work on time even while no item arrives (a slow page, a long back-off)."""
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
        self.archive = open_archive(self.path, shared_runs=self.shared)
        settings = {k: self.crawler.settings.get(k) for k in _RUN_SETTINGS}
        settings = json.loads(json.dumps(settings, default=list))
        self.baseline = self._baseline()
        self.run_id = self.archive.start_run(settings, base_url=self.crawler.settings.get("LCNEWS_BASE_URL", ""))
        self.stats.set_value("lcnews/run_id", self.run_id)

    def _baseline(self) -> Counts | None:
        """The pooled coverage counts of the last ``LCNEWS_DRIFT_BASELINE_RUNS`` healthy runs: finished,
        with articles, and not themselves alarmed (a drifted layout never becomes the norm)."""
        assert self.archive is not None
        healthy: list[Counts] = []
        for run in reversed(self.archive.runs()):
            if len(healthy) >= self.baseline_runs:
                break
            cov = run.get("coverage") or {}
            if run.get("status") == "finished" and cov.get("articles") and not cov.get("alarms"):
                healthy.append(Counts.from_record(cov))
        return Counts.pooled(healthy) if healthy else None

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Article):
            if self.max_articles and self.accepted >= self.max_articles:
                self.stats.inc_value("lcnews/drop/max_articles")
                raise DropItem("max articles reached")
            self.accepted += 1
            self.stats.set_value("lcnews/items/accepted", self.accepted)
            self.coverage.add(item)
            self.articles.append(item)
        elif isinstance(item, ListingSeen):
            self.sightings.append(item)
        elif isinstance(item, Gone):
            self.gone.append(item)
        elif isinstance(item, Unextracted):
            if not self.keep_raw:
                return item
            self.pages.append(item.page)
        else:
            return item
        self.cadence.added()
        if self.cadence.due():
            self.flush()
        return item

    def _flush_requested(self) -> None:
        if self.archive is not None and self.run_id is not None:
            self.flush()

    def flush(self) -> None:
        """Commit the pending articles, sightings and removals in one transaction."""
        assert self.archive is not None and self.run_id is not None
        send = self.crawler.signals.send_catch_log
        if not (self.articles or self.pages or self.sightings or self.gone):
            self.cadence.flushed()
            send(signal=archive_flushing)  # nothing to write: what waited for a flush is archived
            send(signal=archive_flushed)
            return
        send(signal=archive_flushing)
        if not self.keep_raw:  # write_batch archives each Article.raw it is given
            for article in self.articles:
                article.raw = None
        waited = self.cadence.waited()
        result = self.archive.write_batch(
            self.articles,
            self.pages,
            run_id=self.run_id,
            channels=[(aid, s.channel, s.listing_url) for s in self.sightings for aid in s.article_ids],
            gone=self.gone,
        )
        for key in ("archived", "updated", "unchanged", "raw_pages", "withdrawn", "dead_links"):
            self.stats.inc_value(f"lcnews/items/{key}", int(result.get(key, 0)))
        for reason, n in (result.get("dropped") or {}).items():
            self.stats.inc_value(f"lcnews/drop/archive_{reason}", n)
        self.stats.inc_value("lcnews/archive/commits")
        self.stats.max_value("lcnews/archive/max_wait_ms", round(waited * 1000))
        self.cadence.flushed(progress=bool(self.articles))
        self.articles, self.pages, self.sightings, self.gone = [], [], [], []
        send(signal=archive_flushed)

    def close_spider(self) -> None:
        self._stop_timer()
        if self.archive is not None:
            self.flush()

    def _spider_closed(self, spider: Any, reason: str) -> None:
        """Finish the run once the close reason is known (pipelines close before it is)."""
        self._stop_timer()
        if self.archive is None or self.run_id is None:
            return
        try:
            self.flush()
            walked: set[str] = getattr(spider, "walked_to_end", set())
            if reason == "finished" and walked:
                # Every listing page of these channels was read and every article on them handled.
                self.archive.mark_channels_complete(walked, self.run_id)
            shares = self.coverage.as_dict()
            alarms = drift_alarms(self.coverage, self.rules, self.baseline)
            self.stats.set_value("lcnews/coverage", shares)
            self.stats.set_value("lcnews/drift_alarms", alarms)
            for alarm in alarms:
                log.warning("LAYOUT DRIFT: %s", alarm)
            self.archive.finish_run(
                self.run_id,
                self._run_figures(shares, alarms),
                status="finished" if reason == "finished" else f"stopped: {reason}",
            )
        finally:
            self.archive.close()
            self.archive = None

    def _run_figures(self, coverage: dict[str, Any], alarms: list[str]) -> dict[str, Any]:
        stats = dict(self.stats.get_stats())
        stats["lcnews/drift_alarms"] = alarms
        outcome = CrawlOutcome(stats=stats)
        return {
            "pages": outcome.count("response_received_count"),
            "items": outcome.count("lcnews/items/archived")
            + outcome.count("lcnews/items/updated")
            + outcome.count("lcnews/items/unchanged"),
            "archived": outcome.count("lcnews/items/archived"),
            "updated": outcome.count("lcnews/items/updated"),
            "unchanged": outcome.count("lcnews/items/unchanged"),
            "dropped": outcome.drops,
            "stops": outcome.stops,
            "failures": outcome.failures_by_reason,
            "errors": outcome.errors,
            "coverage": {**coverage, "alarms": alarms},
            "exit_code": outcome.exit_code,
        }
