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
EXIT_PARTIAL = 3  # some pages failed (crawl_runs.errors), or the site stopped answering mid-run
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
        """Failures worth a look, one per page or item: fetches that failed for good (after their
        retries), spider and item exceptions. The progress line, the summary and ``crawl_runs``
        all read this one sum."""
        return sum(int(v or 0) for k, v in self.stats.items() if k.startswith("lcnews/errors/"))

    @property
    def failures(self) -> dict[str, int]:
        """Pages that failed for good, by reason (``refused``, ``timeout``, ``http_503`` ...)."""
        prefix = "lcnews/failures/"
        return {k.removeprefix(prefix): int(v or 0) for k, v in self.stats.items() if k.startswith(prefix)}

    @property
    def unreachable(self) -> str:
        """Why the run stopped early because its site stopped answering ('' when it did not)."""
        return str(self.stats.get("lcnews/site_unreachable") or "")

    @property
    def archive_opened(self) -> bool:
        return "lcnews/run_id" in self.stats

    @property
    def drops(self) -> dict[str, int]:
        return {k.removeprefix("lcnews/drop/"): int(v) for k, v in self.stats.items() if k.startswith("lcnews/drop/")}

    @property
    def stops(self) -> dict[str, int]:
        """Listing pages and redirects not followed, by reason (crawl bounds, off-site redirects)."""
        return self._by_prefix("lcnews/stop/")

    @property
    def retried(self) -> dict[str, int]:
        """Attempts that failed and were retried, by reason (``http_503``, ``truncated`` ...)."""
        return self._by_prefix("lcnews/retried/")

    @property
    def failures_by_reason(self) -> dict[str, int]:
        """``crawl_runs.failures``: pages that failed for good, by reason, and the attempts that
        were retried (``retried_<reason>``)."""
        return {**self.failures, **{f"retried_{k}": v for k, v in self.retried.items()}}

    def _by_prefix(self, prefix: str) -> dict[str, int]:
        return {k.removeprefix(prefix): int(v) for k, v in self.stats.items() if k.startswith(prefix)}

    @property
    def alarms(self) -> list[str]:
        return list(self.stats.get("lcnews/drift_alarms") or [])

    @property
    def exit_code(self) -> int:
        if self.expect_archive and not self.archive_opened:
            return EXIT_ERROR
        if self.alarms:
            return EXIT_DRIFT
        if self.errors or self.unreachable:
            return EXIT_PARTIAL
        return EXIT_OK


def _clock(seconds: float) -> str:
    s = max(0, int(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:02d}:{s % 60:02d}"


def progress_line(
    stats: dict[str, Any],
    elapsed: float,
    *,
    queued: int | None = None,
    recent_rate: float | None = None,
    target: int = 0,
) -> str:
    """The live progress line: elapsed time, pages, articles and their current rate, the queue,
    errors by reason, and an ETA when the end is known (``--max-articles``). The counts are the
    ones the summary and ``crawl_runs`` report (:class:`CrawlOutcome`)."""
    o = CrawlOutcome(stats=stats)
    articles = o.count("lcnews/items/accepted")
    rate = recent_rate if recent_rate is not None else articles / max(elapsed, 1e-6)
    parts = [
        _clock(elapsed),
        f"pages {o.count('response_received_count')}",
        f"articles {articles} ({rate:.1f}/s)",
    ]
    if queued is not None:
        parts.append(f"queue {queued}")
    errors = f"errors {o.errors}"
    top = sorted(o.failures.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    if top:
        errors += " (" + ", ".join(f"{k} {v}" for k, v in top) + ")"
    parts.append(errors)
    if target and rate > 0 and articles < target:
        parts.append(f"ETA {_clock((target - articles) / rate)}")
    if o.unreachable:
        parts.append("SITE UNREACHABLE")
    return "  ".join(parts)
