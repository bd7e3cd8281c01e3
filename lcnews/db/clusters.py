"""Near-duplicate clusters: SimHash bands kept in memory while a writer archives.

SimHashes at most ``SIMHASH_MAX_DISTANCE`` bits apart share a cluster (``articles.cluster_id``, the
smallest article id of the group). With 4 bands of 16 bits, two hashes within 3 bits agree on at
least one band (pigeonhole), so band lookups find them all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from lcnews.extract.normalize import hamming

SIMHASH_MAX_DISTANCE = 3
SIMHASH_MIN_CHARS = 50  # shorter bodies (photo pages, stubs) are not clustered


class SimIndex:
    """The archived SimHashes by band; loaded once per open archive, forgotten on rollback."""

    def __init__(self) -> None:
        self._sims: dict[int, tuple[int, int]] | None = None  # article_id -> (simhash, cluster)
        self._bands: dict[tuple[int, int], set[int]] = {}

    def forget(self) -> None:
        """Drop the index (it may hold rolled-back rows); the next ``load`` reads it again."""
        self._sims, self._bands = None, {}

    def load(self, conn: sqlite3.Connection) -> None:
        if self._sims is not None:
            return
        cur = conn.execute(
            "SELECT article_id, simhash, cluster_id FROM articles WHERE simhash != '' AND length(body) >= ?",
            [SIMHASH_MIN_CHARS],
        )
        self.load_rows(cur)

    @property
    def loaded(self) -> bool:
        return self._sims is not None

    def load_rows(self, rows: Iterable[tuple[int, str, int | None]]) -> None:
        """Load (article_id, simhash, cluster_id) of every article of ``SIMHASH_MIN_CHARS`` or more
        (any backend's query)."""
        self._sims, self._bands = {}, {}
        for aid, sh, cluster in rows:
            self.remember(aid, sh, cluster or aid, SIMHASH_MIN_CHARS)

    def remember(self, aid: int, sh: str, cluster: int, body_len: int) -> None:
        if self._sims is None or not sh or body_len < SIMHASH_MIN_CHARS:
            return
        h = int(sh, 16)
        self._sims[aid] = (h, cluster)
        for i in range(4):
            self._bands.setdefault((i, (h >> (16 * i)) & 0xFFFF), set()).add(aid)

    def cluster_for(self, aid: int, sh: str, body_len: int) -> int:
        """The cluster a new article joins (its own id when it has no near-duplicate)."""
        if not sh or body_len < SIMHASH_MIN_CHARS or self._sims is None:
            return aid
        h = int(sh, 16)
        best: int | None = None
        for i in range(4):
            for other in self._bands.get((i, (h >> (16 * i)) & 0xFFFF), ()):
                oh, cluster = self._sims[other]
                if other != aid and hamming(h, oh) <= SIMHASH_MAX_DISTANCE:
                    best = cluster if best is None else min(best, cluster)
        cluster_id = aid if best is None else best
        self.remember(aid, sh, cluster_id, body_len)
        return cluster_id
