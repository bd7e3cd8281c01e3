"""Run one crawl in this process: build settings, start Scrapy, show progress, return the outcome.

Used by the CLI (`lcnews crawl`, `lcnews demo`); exit statuses and ``CrawlOutcome`` are in
``lcnews.outcome``. Scrapy's reactor cannot restart, so one process
runs one crawl; tests and benchmarks start the CLI in a subprocess.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections import deque
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from lcnews.outcome import CrawlOutcome, progress_line
from lcnews.spiders.epaper import EpaperSpider
from lcnews.spiders.lcxw import LcxwSpider


def build_settings(overrides: dict[str, Any] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("lcnews.settings", priority="project")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def _writes_to_stderr(handler: logging.Handler) -> bool:
    return isinstance(handler, logging.StreamHandler) and handler.stream in (sys.stderr, sys.__stderr__)


class _Progress:
    """Live progress from the crawler's stats, in a thread (:func:`lcnews.outcome.progress_line`)."""

    WINDOW = 30.0  # seconds over which the current rate is measured

    def __init__(self, crawler: Any, enabled: bool) -> None:
        self.crawler = crawler
        self.enabled = enabled
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._samples: deque[tuple[float, int]] = deque()

    def _queued(self) -> int | None:
        engine = getattr(self.crawler, "engine", None)
        scheduler = getattr(engine, "scheduler", None) if engine is not None else None
        if scheduler is None or not hasattr(scheduler, "__len__"):
            return None
        active = getattr(getattr(engine, "downloader", None), "active", ())
        return len(scheduler) + len(active)

    def line(self) -> str:
        stats = dict(self.crawler.stats.get_stats()) if self.crawler.stats else {}
        now = time.monotonic()
        articles = int(stats.get("lcnews/items/accepted", 0) or 0)
        self._samples.append((now, articles))
        while len(self._samples) > 2 and now - self._samples[0][0] > self.WINDOW:
            self._samples.popleft()
        t0, a0 = self._samples[0]
        recent = (articles - a0) / (now - t0) if now - t0 >= 5 else None
        target = self.crawler.settings.getint("LCNEWS_MAX_ARTICLES", 0)
        return progress_line(stats, now - self.started, queued=self._queued(), recent_rate=recent, target=target)

    def _run(self) -> None:
        from rich.console import Console
        from rich.live import Live
        from rich.text import Text

        console = Console(stderr=True)

        class _Line:
            def __rich__(inner) -> Text:
                return Text(self.line())

        with Live(_Line(), console=console, refresh_per_second=4, transient=False):
            # log lines (a failed page, a warning) print above the live line, not across it: the
            # handlers Scrapy installed write to the stream Live redirects
            moved = [h for h in logging.getLogger().handlers if _writes_to_stderr(h)]
            for h in moved:
                h.setStream(sys.stderr)  # type: ignore[attr-defined]
            try:
                while not self._stop.wait(0.25):
                    pass
            finally:
                for h in moved:
                    h.setStream(sys.__stderr__)  # type: ignore[attr-defined]

    def start(self) -> None:
        if self.enabled:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=2)


def run_crawl(overrides: dict[str, Any], *, progress: bool = False, spider: str = "lcxw") -> CrawlOutcome:
    """Crawl with the given settings overrides (LCNEWS_DB_PATH, LCNEWS_BASE_URL, ...); ``spider``
    "epaper" crawls the print editions (its own pipeline, LCNEWS_EPAPER_PIPELINES)."""
    if spider == "epaper":
        overrides = {"ITEM_PIPELINES": build_settings().getdict("LCNEWS_EPAPER_PIPELINES"), **overrides}
    settings = build_settings(overrides)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(EpaperSpider if spider == "epaper" else LcxwSpider)
    ticker = _Progress(crawler, progress)
    started = time.monotonic()
    process.crawl(crawler)
    ticker.start()
    try:
        process.start()
    finally:
        ticker.stop()
    logging.getLogger(__name__).debug("crawl finished")
    stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
    pipelines = settings.getwithbase("ITEM_PIPELINES")
    expect_archive = any("ArchivePipeline" in str(k) and v is not None for k, v in pipelines.items())
    return CrawlOutcome(stats=stats, seconds=time.monotonic() - started, expect_archive=expect_archive)
