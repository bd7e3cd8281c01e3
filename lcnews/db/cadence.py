"""When a writer commits: a full batch, or pending work that has waited long enough.

A crawl killed between commits loses what it had not committed, so batches are closed by size *or*
by age: the first commit of a run's progress comes quickly (``first_seconds`` after the first pending
item), each later one may wait twice as long as the one before, up to ``max_seconds``. At a polite crawl's
pace that is one transaction about every second; on a fast one, a full batch comes first.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class Cadence:
    """Decides when pending items are committed (``due``); the writer reports ``added``/``flushed``."""

    def __init__(
        self,
        batch_size: int,
        max_seconds: float,
        first_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.batch_size = max(1, batch_size)
        self.max_seconds = max(0.0, max_seconds)
        self.wait = min(max(0.0, first_seconds), self.max_seconds)
        self.clock = clock
        self.pending = 0
        self._oldest: float | None = None  # when the oldest uncommitted item arrived

    def added(self, n: int = 1) -> None:
        if n > 0 and self._oldest is None:
            self._oldest = self.clock()
        self.pending += n

    def due(self) -> bool:
        """A full batch, or the oldest pending item has waited ``wait`` seconds."""
        if not self.pending:
            return False
        if self.pending >= self.batch_size:
            return True
        return self._oldest is not None and self.clock() - self._oldest >= self.wait

    def waited(self) -> float:
        """Seconds the oldest pending item has waited (0 when nothing is pending)."""
        return 0.0 if self._oldest is None else self.clock() - self._oldest

    def flushed(self, progress: bool = True) -> None:
        """The pending items were committed. ``progress=False`` (only bookkeeping, e.g. listing
        sightings before any article) keeps the wait, so the first real progress is committed fast."""
        self.pending = 0
        self._oldest = None
        if progress:  # the next commit may wait twice as long, up to max_seconds (a floor keeps 0 from sticking)
            self.wait = min(self.max_seconds, max(self.wait * 2, 0.05))
