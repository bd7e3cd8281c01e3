"""Writing articles: upserts with versions, raw pages, listing sightings, withdrawals, dead links.

Same ``article_id`` ⇒ same row. Changed title or body ⇒ the old row goes to ``article_versions``
and ``version`` goes up by one; unchanged ⇒ only ``last_seen_at`` moves (metadata a newer extractor
reads differently is refreshed in place). Nothing is ever deleted. Every method runs inside the
transaction the archive opened (``Archive._txn``).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils

from lcnews.db import fts, schema
from lcnews.db.clusters import SimIndex
from lcnews.db.rows import as_dict
from lcnews.extract.normalize import content_hash, script_of, simhash
from lcnews.items import Gone

RAW_ZLIB_LEVEL = 6  # raw_pages.body compression (lcnews.pipelines.workers compresses the same way)

# Columns updated in place when an article's title and body are unchanged but its metadata is not
# (a re-crawl or `lcnews reextract` with a better extractor).
REFRESHED_FIELDS = (
    "published_at", "published_raw", "source", "source_raw", "authors", "correspondents",
    "photographers", "editors", "byline_raw", "editor_raw", "images", "channel_names", "title_raw",
    "extractor", "extractor_version", "encoding", "script", "raw_sha256", "fetched_at",
)  # fmt: skip
# Changes to these alone are bookkeeping, not a metadata refresh.
_BOOKKEEPING_ONLY = ("raw_sha256", "extractor_version", "fetched_at")

ChannelEntry = tuple[int, str, str]  # (article_id, channel, listing_url)


class Store:
    """The write side of one open SQLite archive (its connection and near-duplicate index)."""

    def __init__(self, conn: sqlite3.Connection, db: sqlite_utils.Database, sims: SimIndex) -> None:
        self.conn = conn
        self.db = db
        self.sims = sims

    def write_batch(
        self, articles: Iterable[Any], raw_pages: Iterable[Any], run_id: int | None, seen: str
    ) -> dict[str, Any]:
        """Archive a batch; returns ``{"archived", "updated", "refreshed", "unchanged", "raw_pages",
        "dropped": {reason: n}}``."""
        items = [as_dict(a) for a in articles]
        # An Article may carry its fetched page (Article.raw): archive it with the batch. The same
        # page object passed both ways is archived (compressed, hashed) once.
        page_objs = list(raw_pages)
        page_objs += [i["raw"] for i in items if i.get("raw") is not None]
        pages = [as_dict(p) for p in {id(p): p for p in page_objs}.values()]
        stats: dict[str, Any] = {
            "archived": 0, "updated": 0, "refreshed": 0, "unchanged": 0, "raw_pages": 0, "dropped": {},
        }  # fmt: skip
        encodings = {i.get("raw_sha256"): i.get("encoding") for i in items if i.get("raw_sha256")}
        self.sims.load(self.conn)
        stats["raw_pages"] = self.insert_raw_pages(pages, encodings)
        channel_rows: list[ChannelEntry] = []
        for item in items:
            outcome = self.upsert_article(item, run_id, seen)
            if outcome.startswith("dropped:"):
                reason = outcome.split(":", 1)[1]
                stats["dropped"][reason] = stats["dropped"].get(reason, 0) + 1
                continue
            stats[outcome] += 1
            if item.get("channel"):
                channel_rows.append((item["article_id"], item["channel"], item.get("listing_url") or ""))
        for p in pages:
            if p.get("listing_channel") and p.get("article_id") is not None:
                channel_rows.append((p["article_id"], p["listing_channel"], p.get("listing_url") or ""))
        self.record_channels(channel_rows, seen)
        return stats

    def upsert_article(self, item: dict[str, Any], run_id: int | None, seen: str) -> str:
        """Insert, version or refresh one article; returns the outcome (or ``dropped:reason``)."""
        try:
            aid = int(item["article_id"])
        except (KeyError, TypeError, ValueError):
            return "dropped:no_article_id"
        if not item.get("url"):
            return "dropped:no_url"
        row = article_row(item)
        old = self.conn.execute("SELECT * FROM articles WHERE article_id = ?", [aid])
        cols = [d[0] for d in old.description]
        found = old.fetchone()
        holder = self.conn.execute(
            "SELECT article_id FROM articles WHERE url = ? AND article_id != ?", [row["url"], aid]
        ).fetchone()
        if holder is not None:
            return "dropped:url_conflict"
        if found is None:
            row.update(
                first_seen_at=seen, last_seen_at=seen, updated_at=seen, version=1,
                withdrawn_at=None, withdrawn_status=None, run_id=run_id,
                cluster_id=self.sims.cluster_for(aid, row["simhash"], len(row["body"] or "")),
            )  # fmt: skip
            self._write_row("INSERT INTO articles", row)
            fts.index_insert(self.conn, aid, row["title"] or "", row["body"] or "", item.get("index_text"))
            return "archived"
        prev = dict(zip(cols, found, strict=True))
        if prev["title"] == row["title"] and prev["body"] == row["body"]:
            return self._refresh(aid, row, prev, seen)
        version_row = dict(prev)
        version_row["replaced_at"] = seen
        self.db.table("article_versions").insert(version_row, replace=True)
        fts.index_delete(self.conn, aid, prev["title"] or "", prev["body"] or "")
        row.update(
            first_seen_at=prev["first_seen_at"], last_seen_at=seen, updated_at=seen,
            version=int(prev["version"] or 1) + 1, withdrawn_at=None, withdrawn_status=None,
            run_id=run_id, cluster_id=prev["cluster_id"],
        )  # fmt: skip
        self._write_row("REPLACE INTO articles", row)
        fts.index_insert(self.conn, aid, row["title"] or "", row["body"] or "", item.get("index_text"))
        self.sims.remember(aid, row["simhash"], prev["cluster_id"] or aid, len(row["body"] or ""))
        return "updated"

    def _refresh(self, aid: int, row: dict[str, Any], prev: dict[str, Any], seen: str) -> str:
        """Same text: metadata a newer extractor reads differently is refreshed in place (the text,
        which versions track, is untouched)."""
        changed = {k: row[k] for k in REFRESHED_FIELDS if k in row and row[k] != prev.get(k)}
        meta_changed = any(k not in _BOOKKEEPING_ONLY for k in changed)
        if meta_changed:
            changed["updated_at"] = seen
        else:
            changed = {}
        sets = "".join(f", {k} = ?" for k in changed)
        self.conn.execute(
            f"UPDATE articles SET last_seen_at = ?, withdrawn_at = NULL, withdrawn_status = NULL{sets} WHERE article_id = ?",
            [seen, *changed.values(), aid],
        )
        return "refreshed" if meta_changed else "unchanged"

    def _write_row(self, verb: str, row: dict[str, Any]) -> None:
        # The hot path: a plain prepared statement (sqlite-utils re-reads the table schema per call).
        names = list(row)
        self.conn.execute(
            f"{verb} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [row[n] for n in names],
        )

    def insert_raw_pages(self, pages: list[dict[str, Any]], encodings: Mapping[Any, Any]) -> int:
        """Insert raw pages (new sha256 only). A page whose ``body_zlib`` and ``body_sha256`` were
        computed in an extract worker is stored as is; otherwise its body is hashed and compressed here."""
        rows: dict[str, tuple[Any, ...]] = {}
        for p in pages:
            packed, sha = p.get("body_zlib"), p.get("body_sha256")
            if not (packed and sha):
                body = p.get("body") or b""
                if isinstance(body, str):
                    body = body.encode("utf-8")
                sha = hashlib.sha256(body).hexdigest()
                if sha in rows:
                    continue
                packed = zlib.compress(body, RAW_ZLIB_LEVEL)
            elif sha in rows:
                continue
            rows[sha] = (
                sha,
                p.get("url", ""),
                p.get("canonical_url", ""),
                p.get("article_id"),
                p.get("status"),
                json.dumps(p.get("headers") or {}, ensure_ascii=False),
                packed,
                p.get("fetched_at", ""),
                p.get("encoding") or encodings.get(sha) or "",
            )
        if not rows:
            return 0
        before = self.conn.total_changes
        self.conn.executemany(
            "INSERT OR IGNORE INTO raw_pages (sha256, url, canonical_url, article_id, status, headers, body,"
            " fetched_at, encoding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            list(rows.values()),
        )
        return self.conn.total_changes - before

    def record_channels(self, entries: Iterable[ChannelEntry], seen: str) -> None:
        """Record that listing ``listing_url`` of ``channel`` showed ``article_id``."""
        self.conn.executemany(
            "INSERT INTO article_channels (article_id, channel, listing_url, first_seen_at,"
            " last_seen_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, channel, listing_url)"
            " DO UPDATE SET last_seen_at = excluded.last_seen_at",
            [(int(a), c, u or "", seen, seen) for a, c, u in entries],
        )

    def mark_withdrawn(self, article_id: int, status: int, seen: str) -> bool:
        """Set ``withdrawn_at`` (first time only) of an archived article; False if unknown."""
        cur = self.conn.execute(
            "UPDATE articles SET withdrawn_at = coalesce(withdrawn_at, ?), withdrawn_status = ? WHERE article_id = ?",
            [seen, int(status), int(article_id)],
        )
        return cur.rowcount > 0

    def mark_gone(self, gone: Gone, seen: str) -> bool:
        """A page answered 404/410: an archived article is marked withdrawn (True), a link never
        archived is recorded as dead (False)."""
        if self.mark_withdrawn(gone.article_id, gone.status, seen):
            return True
        self.record_dead_link(gone.article_id, gone.url, gone.status, seen)
        return False

    def record_dead_link(self, article_id: int, url: str, status: int, seen: str) -> None:
        """A link that answered 404/410 (or robots.txt forbids) before it was ever archived."""
        self.conn.execute(
            "INSERT INTO dead_links (article_id, url, status, first_seen_at, last_seen_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET"
            " status = excluded.status, last_seen_at = excluded.last_seen_at",
            [int(article_id), url, int(status), seen, seen],
        )

    def mark_channels_complete(self, channels: Iterable[str], run_id: int | None, seen: str) -> None:
        self.conn.executemany(
            "INSERT INTO channel_state (channel, complete_at, run_id) VALUES (?, ?, ?)"
            " ON CONFLICT (channel) DO UPDATE SET complete_at = excluded.complete_at,"
            " run_id = excluded.run_id",
            [(c, seen, run_id) for c in sorted(channels)],
        )


def article_row(item: dict[str, Any]) -> dict[str, Any]:
    """The ``articles`` row of an item: JSON columns encoded, fingerprints filled when missing."""
    fields = schema.article_fields()
    jsons = schema.json_fields()
    row: dict[str, Any] = {}
    for name in fields:
        value = item.get(name)
        if name in jsons:
            if value is None:
                value = {} if name == "extra" else []
            value = json.dumps(value, ensure_ascii=False)
        row[name] = value
    row["article_id"] = int(item["article_id"])
    row["title"] = row.get("title") or ""
    row["body"] = row.get("body") or ""
    if not row.get("content_hash"):
        row["content_hash"] = content_hash(row["title"], row["body"])
    if not row.get("simhash"):
        row["simhash"] = simhash(row["body"])
    if not row.get("script") and "script" in fields:
        row["script"] = script_of(row["title"] + "\n" + row["body"])
    return row
