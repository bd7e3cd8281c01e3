"""Reading the archive: articles, their versions and listings, raw pages, export rows, crawl state.

Plain SELECTs on one connection; articles come back as dicts with JSON columns decoded.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import sqlite_utils

from lcnews.db.fts import FTS_TABLE
from lcnews.db.query import compile_query, filters, run, verified
from lcnews.db.rows import decode

RAW_PAGE_COLUMNS = (
    "sha256",
    "url",
    "canonical_url",
    "article_id",
    "status",
    "headers",
    "body",
    "fetched_at",
    "encoding",
)
ExportRows = tuple[list[str], Iterator[tuple[Any, ...]]]


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def known_article_ids(conn: sqlite3.Connection) -> set[int]:
    return {r[0] for r in conn.execute("SELECT article_id FROM articles")}


class KnownArticles(Mapping[int, str | None]):
    """article_id → published_at of every archived article (drives incremental crawls), compact:
    the ids in one sorted array, the times in one ASCII blob with offsets (about 40 bytes per
    article instead of about 200 in a dict), read in batches."""

    _NONE = b"\x00"

    def __init__(self, rows: Iterable[tuple[int, str | None]]) -> None:
        self._ids = array("q")
        self._ends = array("q")
        blob = bytearray()
        for aid, published in rows:  # ascending ids
            self._ids.append(aid)
            blob += published.encode() if published is not None else self._NONE
            self._ends.append(len(blob))
        self._blob = bytes(blob)

    def _index(self, key: object) -> int:
        if isinstance(key, int):
            i = bisect_left(self._ids, key)
            if i < len(self._ids) and self._ids[i] == key:
                return i
        return -1

    def __contains__(self, key: object) -> bool:
        return self._index(key) >= 0

    def __getitem__(self, key: int) -> str | None:
        i = self._index(key)
        if i < 0:
            raise KeyError(key)
        raw = self._blob[self._ends[i - 1] if i else 0 : self._ends[i]]
        return None if raw == self._NONE else raw.decode()

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def known_articles(conn: sqlite3.Connection) -> KnownArticles:
    """article_id → published_at of every archived article (drives incremental crawls)."""
    cur = conn.execute("SELECT article_id, published_at FROM articles ORDER BY article_id")

    def rows() -> Iterator[tuple[int, str | None]]:
        while batch := cur.fetchmany(4096):
            yield from batch

    return KnownArticles(rows())


def dead_link_ids(conn: sqlite3.Connection) -> set[int]:
    """Ids whose pages answered 404/410 and were never archived."""
    sql = "SELECT article_id FROM dead_links WHERE article_id NOT IN (SELECT article_id FROM articles)"
    return {r[0] for r in conn.execute(sql)}


def complete_channels(conn: sqlite3.Connection) -> set[str]:
    """Channels whose whole listing history a finished run has walked."""
    return {r[0] for r in conn.execute("SELECT channel FROM channel_state")}


def article(db: sqlite_utils.Database, article_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM articles WHERE article_id = ?", [article_id]))
    return decode(rows[0]) if rows else None


def versions(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    """Earlier versions of an article, oldest first (the current one is ``article()``)."""
    sql = "SELECT * FROM article_versions WHERE article_id = ? ORDER BY version"
    return [decode(r) for r in db.query(sql, [article_id])]


def channels(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    sql = "SELECT * FROM article_channels WHERE article_id = ? ORDER BY first_seen_at, channel"
    return list(db.query(sql, [article_id]))


def iter_articles(
    conn: sqlite3.Connection,
    *,
    channel: str | None = None,
    since: str | None = None,
    until: str | None = None,
    include_withdrawn: bool = True,
    batch_size: int = 500,
) -> Iterator[dict[str, Any]]:
    """Every article (JSON columns decoded), by ``published_at`` then id."""
    where, params = filters(channel, since, until, None, None)
    if not include_withdrawn:
        where.append("a.withdrawn_at IS NULL")
    sql = "SELECT a.* FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY a.published_at IS NULL, a.published_at, a.article_id"
    cur = conn.execute(sql, params)
    cols = [d[0] for d in cur.description]
    while rows := cur.fetchmany(batch_size):
        for r in rows:
            yield decode(dict(zip(cols, r, strict=True)))


def export_rows(
    conn: sqlite3.Connection,
    *,
    query: str | None = None,
    channel: str | None = None,
    since: str | None = None,
    until: str | None = None,
    author: str | None = None,
    source: str | None = None,
    batch_size: int = 200,
) -> ExportRows:
    """Column names and every matching ``articles`` row (stored values: JSON columns as text), by
    ``article_id``. Query and filters mean what they mean in search (same code); raises
    ``QueryError`` at once, before any row is read."""
    where, params = filters(channel, since, until, author, source)
    cq = compile_query(query) if query is not None else None
    if cq is None:
        sql = "SELECT a.* FROM articles a"
        sql += "".join(f" {'WHERE' if i == 0 else 'AND'} {w}" for i, w in enumerate(where))
    else:
        sql = f"SELECT a.* FROM {FTS_TABLE} f JOIN articles a ON a.article_id = f.rowid WHERE {FTS_TABLE} MATCH ?"
        sql += "".join(f" AND {w}" for w in where)
        params = [cq.match, *params]
    sql += " ORDER BY a.article_id"  # rowid order: neither the index nor the table has to sort
    cur = run(conn, sql, params)
    columns = [d[0] for d in cur.description]
    ti, bi = columns.index("title"), columns.index("body")

    def rows() -> Iterator[tuple[Any, ...]]:
        while batch := cur.fetchmany(batch_size):
            for row in batch:
                if cq is not None and cq.needs_verify and not verified(cq, row[ti], row[bi]):
                    continue
                yield row

    return columns, rows()


def raw_page(conn: sqlite3.Connection, sha256: str) -> bytes:
    """The page bytes exactly as fetched; KeyError if not archived."""
    row = conn.execute("SELECT body FROM raw_pages WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        raise KeyError(sha256)
    return zlib.decompress(row[0])


def raw_page_record(conn: sqlite3.Connection, sha256: str) -> dict[str, Any]:
    """A stored page with its fetch facts (url, canonical_url, status, headers, body bytes)."""
    sql = f"SELECT {', '.join(RAW_PAGE_COLUMNS)} FROM raw_pages WHERE sha256 = ?"
    row = conn.execute(sql, [sha256]).fetchone()
    if row is None:
        raise KeyError(sha256)
    rec = dict(zip(RAW_PAGE_COLUMNS, row, strict=True))
    rec["headers"] = json.loads(rec["headers"] or "{}")
    rec["body"] = zlib.decompress(rec["body"])
    return rec


def unextracted_pages(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The newest stored page of each article id that has no ``articles`` row (the extractor gave no
    article): sha256, url, canonical_url, article_id, fetched_at; by article id."""
    rows = conn.execute(
        "SELECT sha256, url, canonical_url, article_id, fetched_at FROM raw_pages AS r"
        " WHERE article_id IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.article_id = r.article_id)"
        " ORDER BY article_id, fetched_at DESC"
    ).fetchall()
    out: dict[int, dict[str, Any]] = {}
    for sha, url, canonical, article_id, fetched_at in rows:
        out.setdefault(int(article_id), {"sha256": sha, "url": url, "canonical_url": canonical,
                                         "article_id": int(article_id), "fetched_at": fetched_at})  # fmt: skip
    return list(out.values())
