"""Near-duplicate clusters: SimHash bands kept in memory while a writer archives.

SimHashes at most ``SIMHASH_MAX_DISTANCE`` bits apart share a cluster (``articles.cluster_id``, the
smallest article id of the group). With 4 bands of 16 bits, two hashes within 3 bits agree on at
least one band (pigeonhole), so band lookups find them all.

Memory stays small at any archive size: the archived hashes are loaded once into flat arrays (ids,
hashes, clusters and, per band, the sorted ``band << 32 | position`` keys: about 56 bytes per
article), and only what this writer adds or changes is kept in dictionaries.
"""

from __future__ import annotations

import sqlite3
from array import array
from bisect import bisect_left
from collections.abc import Iterable

from lcnews.extract.normalize import hamming

SIMHASH_MAX_DISTANCE = 3
SIMHASH_MIN_CHARS = 50  # shorter bodies (photo pages, stubs) are not clustered
_BANDS = 4


def _band(h: int, i: int) -> int:
    return (h >> (16 * i)) & 0xFFFF


class SimIndex:
    """The archived SimHashes by band; loaded once per open archive, forgotten on rollback."""

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        """Drop the index (it may hold rolled-back rows); the next ``load`` reads it again."""
        self._loaded = False
        self._ids = array("q")  # archived article ids (position = index in the arrays)
        self._hashes = array("Q")
        self._clusters = array("q")
        self._keys: list[array[int]] = [array("Q") for _ in range(_BANDS)]  # sorted band << 32 | pos
        self._new: dict[int, tuple[int, int]] = {}  # article_id -> (simhash, cluster): this writer's
        self._new_bands: dict[tuple[int, int], set[int]] = {}

    def load(self, conn: sqlite3.Connection) -> None:
        if self._loaded:
            return
        cur = conn.execute(
            "SELECT article_id, simhash, cluster_id FROM articles WHERE simhash != '' AND length(body) >= ?",
            [SIMHASH_MIN_CHARS],
        )
        self.load_rows(cur)

    @property
    def loaded(self) -> bool:
        return self._loaded

    def load_rows(self, rows: Iterable[tuple[int, str, int | None]]) -> None:
        """Load (article_id, simhash, cluster_id) of every article of ``SIMHASH_MIN_CHARS`` or more
        (any backend's query, in any order)."""
        self.forget()
        for aid, sh, cluster in rows:
            self._ids.append(aid)
            self._hashes.append(int(sh, 16))
            self._clusters.append(cluster or aid)
        hashes = self._hashes
        for i in range(_BANDS):
            self._keys[i] = array("Q", sorted(_band(h, i) << 32 | pos for pos, h in enumerate(hashes)))
        self._loaded = True

    def _entry(self, aid: int, pos: int) -> tuple[int, int]:
        new = self._new.get(aid)
        return new if new is not None else (self._hashes[pos], self._clusters[pos])

    def _neighbours(self, h: int) -> list[tuple[int, int, int]]:
        """(article_id, simhash, cluster) of every indexed article sharing a band with ``h``."""
        out = []
        for i in range(_BANDS):
            b = _band(h, i)
            keys = self._keys[i]
            k = bisect_left(keys, b << 32)
            while k < len(keys) and keys[k] >> 32 == b:
                pos = keys[k] & 0xFFFFFFFF
                aid = self._ids[pos]
                out.append((aid, *self._entry(aid, pos)))
                k += 1
            for aid in self._new_bands.get((i, b), ()):
                out.append((aid, *self._new[aid]))
        return out

    def remember(self, aid: int, sh: str, cluster: int, body_len: int) -> None:
        if not self._loaded or not sh or body_len < SIMHASH_MIN_CHARS:
            return
        h = int(sh, 16)
        self._new[aid] = (h, cluster)
        for i in range(_BANDS):
            self._new_bands.setdefault((i, _band(h, i)), set()).add(aid)

    def cluster_for(self, aid: int, sh: str, body_len: int) -> int:
        """The cluster a new article joins (its own id when it has no near-duplicate)."""
        if not sh or body_len < SIMHASH_MIN_CHARS or not self._loaded:
            return aid
        h = int(sh, 16)
        best: int | None = None
        for other, oh, cluster in self._neighbours(h):
            if other != aid and hamming(h, oh) <= SIMHASH_MAX_DISTANCE:
                best = cluster if best is None else min(best, cluster)
        cluster_id = aid if best is None else best
        self.remember(aid, sh, cluster_id, body_len)
        return cluster_id
