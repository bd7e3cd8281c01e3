"""Exit statuses and the outcome of a crawl, read from its Scrapy stats (pure; no Scrapy).

Neutral ground: the archive pipeline records the exit code of a run in ``crawl_runs``, the runner
returns a ``CrawlOutcome`` and the CLI exits with its code; none of them imports the others for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Exit statuses a scheduler can act on (documented in README "Exit statuses").
EXIT_OK = 0
EXIT_ERROR = 1  # bad input or a fatal error; nothing was crawled
EXIT_USAGE = 2  # bad command-line usage (click)
EXIT_PARTIAL = 3  # the crawl finished but some pages failed (see crawl_runs.errors)
EXIT_DRIFT = 4  # layout-drift alarm: the run's articles say extraction broke (lcnews.coverage)
EXIT_LOCKED = 5  # another run holds the archive


@dataclass
class CrawlOutcome:
    stats: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    expect_archive: bool = True  # False when the archive pipeline is switched off (bare benchmarks)

    def count(self, key: str) -> int:
        return int(self.stats.get(key, 0) or 0)

    @property
    def errors(self) -> int:
        """Failures worth a look: logged errors (retries given up, exceptions) and failed fetches."""
        return self.count("log_count/ERROR") + self.count("lcnews/errors/article_fetch")

    @property
    def archive_opened(self) -> bool:
        return "lcnews/run_id" in self.stats

    @property
    def drops(self) -> dict[str, int]:
        return {k.removeprefix("lcnews/drop/"): int(v) for k, v in self.stats.items() if k.startswith("lcnews/drop/")}

    @property
    def alarms(self) -> list[str]:
        return list(self.stats.get("lcnews/drift_alarms") or [])

    @property
    def exit_code(self) -> int:
        if self.expect_archive and not self.archive_opened:
            return EXIT_ERROR
        if self.alarms:
            return EXIT_DRIFT
        if self.errors:
            return EXIT_PARTIAL
        return EXIT_OK
