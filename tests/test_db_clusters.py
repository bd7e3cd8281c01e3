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


def test_articles_this_writer_adds_cluster_with_each_other() -> None:
    index = _loaded()
    assert index.cluster_for(20, "ff00000000000000", SIMHASH_MIN_CHARS) == 20
    assert index.cluster_for(21, "ff00000000000001", SIMHASH_MIN_CHARS) == 20


def test_a_changed_hash_replaces_the_archived_one() -> None:
    index = _loaded()
    index.remember(5, "ff00000000000000", 5, SIMHASH_MIN_CHARS)  # article 5 got a new version
    assert index.cluster_for(9, "00000000000000ff", SIMHASH_MIN_CHARS) == 9
    assert index.cluster_for(10, "ff00000000000000", SIMHASH_MIN_CHARS) == 5


def test_a_near_duplicate_is_found_among_many() -> None:
    import random

    rng = random.Random(3)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE articles (article_id INTEGER, simhash TEXT, cluster_id INTEGER, body TEXT)")
    rows = [(i, f"{rng.getrandbits(64):016x}", i, "x" * SIMHASH_MIN_CHARS) for i in range(1, 5001)]
    conn.executemany("INSERT INTO articles VALUES (?, ?, ?, ?)", rows)
    index = SimIndex()
    index.load(conn)
    target = int(rows[4321][1], 16) ^ 0b10000000100000001  # 3 bits apart from article 4322
    assert index.cluster_for(9999, f"{target:016x}", SIMHASH_MIN_CHARS) == 4322
