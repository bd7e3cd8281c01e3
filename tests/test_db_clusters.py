"""lcnews.db.clusters: near-duplicate SimHashes share the smallest id's cluster."""

from __future__ import annotations

import sqlite3

from lcnews.db.clusters import SIMHASH_MIN_CHARS, SimIndex


def _loaded() -> SimIndex:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE articles (article_id INTEGER, simhash TEXT, cluster_id INTEGER, body TEXT)")
    conn.execute("INSERT INTO articles VALUES (5, ?, 5, ?)", ["00000000000000ff", "x" * SIMHASH_MIN_CHARS])
    index = SimIndex()
    index.load(conn)
    return index


def test_within_three_bits_joins_the_cluster() -> None:
    assert _loaded().cluster_for(9, "00000000000000f8", SIMHASH_MIN_CHARS) == 5  # 3 bits apart


def test_four_bits_apart_is_its_own_cluster() -> None:
    assert _loaded().cluster_for(9, "00000000000000f0", SIMHASH_MIN_CHARS) == 9


def test_short_bodies_are_not_clustered() -> None:
    assert _loaded().cluster_for(9, "00000000000000ff", SIMHASH_MIN_CHARS - 1) == 9


def test_a_forgotten_index_clusters_nothing_until_loaded_again() -> None:
    index = _loaded()
    index.forget()
    assert index.cluster_for(9, "00000000000000ff", SIMHASH_MIN_CHARS) == 9
