"""Run one crawl in this process: build settings, start Scrapy, show progress, return the outcome.

Used by the CLI (`lcnews crawl`, `lcnews demo`); exit statuses and ``CrawlOutcome`` are in
``lcnews.outcome``. Scrapy's reactor cannot restart, so one process
runs one crawl; tests and benchmarks start the CLI in a subprocess.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from lcnews.outcome import CrawlOutcome
from lcnews.spiders.epaper import EpaperSpider
from lcnews.spiders.lcxw import LcxwSpider


def build_settings(overrides: dict[str, Any] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("lcnews.settings", priority="project")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


class _Progress:
    """Live progress (pages, articles, errors, rate) from the crawler's stats, in a thread."""

    def __init__(self, crawler: Any, enabled: bool) -> None:
        self.crawler = crawler
        self.enabled = enabled
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def line(self) -> str:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        pages = int(stats.get("response_received_count", 0) or 0)
        articles = int(stats.get("lcnews/items/accepted", 0) or 0)
        errors = sum(int(v or 0) for k, v in stats.items() if k.startswith("lcnews/errors/"))
        elapsed = max(time.monotonic() - self.started, 1e-6)
        return (
            f"pages {pages:>6}  articles {articles:>6}  errors {errors:>3}  "
            f"{articles / elapsed:6.1f} articles/s  {pages / elapsed:6.1f} pages/s"
        )

    def _run(self) -> None:
        from rich.console import Console
        from rich.live import Live
        from rich.text import Text

        console = Console(stderr=True)

        class _Line:
            def __rich__(inner) -> Text:
                return Text(self.line())

        with Live(_Line(), console=console, refresh_per_second=4, transient=False):
            while not self._stop.wait(0.25):
                pass

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
