"""Writing to the PostgreSQL archive: ``lcnews.db.store``'s rules (upserts, versions, raw pages,
listings, withdrawals, dead links) in PostgreSQL's SQL, with the search index kept in step.

Every method runs inside the transaction ``PgArchive`` opened, which holds the archive's write lock
(a transaction-level advisory lock): writers on several hosts take turns batch by batch, as
SQLite's ``BEGIN IMMEDIATE`` makes them, so versions and near-duplicate clusters come out as one
writer would make them. Nothing is ever deleted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import psycopg

from lcnews.db.api import BatchMap
from lcnews.db.clusters import SIMHASH_MIN_CHARS, SimIndex
from lcnews.db.pg.search import grams_of
from lcnews.db.rows import as_dict
from lcnews.db.store import _BOOKKEEPING_ONLY, RAW_ZLIB_LEVEL, REFRESHED_FIELDS, article_row
from lcnews.extract.normalize import normalize
from lcnews.extract.tokens import token_text

Conn = psycopg.Connection[Any]
ChannelEntry = tuple[int, str, str]


def clean(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL: it becomes U+FFFD (the only change from SQLite's copy)."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) and "\x00" in value else value


def index_row(article_id: int, title: str, body: str) -> tuple[int, str, str, list[str]]:
    """The ``articles_fts`` row of one article: index characters of title and body, and grams."""
    tt, tb = token_text(normalize(title)), token_text(normalize(body))
    return article_id, tt, tb, sorted(grams_of(tt) | grams_of(tb))


def index_rows_batch(rows: list[tuple[Any, ...]]) -> list[tuple[int, str, str, list[str]]]:
    """The ``articles_fts`` rows of a batch of (article_id, title, body): a job workers may run."""
    return [index_row(a, t or "", b or "") for a, t, b in rows]


class PgStore:
    """The write side of one open PostgreSQL archive."""

    def __init__(self, conn: Conn, sims: SimIndex) -> None:
        self.conn = conn
        self.sims = sims
        self.rows_delta = 0  # articles_fts rows and characters this transaction added (meta.fts_*)
        self.chars_delta = 0

    # --- bookkeeping of the search statistics ------------------------------------------------

    def begin(self, serial_seen: int | None) -> int:
        """Start a write: reload the near-duplicate index when another writer wrote since this one
        last did (``meta.index_serial``); returns the serial this write will leave."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'index_serial'").fetchone()
        serial = int(row[0]) if row else 0
        if serial_seen != serial or not self.sims.loaded:
            self.sims.load_rows(
                self.conn.execute(
                    "SELECT article_id, simhash, cluster_id FROM articles WHERE simhash != ''"
                    " AND char_length(body) >= %s",
                    [SIMHASH_MIN_CHARS],
                )
            )
        self.rows_delta = self.chars_delta = 0
        return serial + 1

    def end(self, serial: int) -> None:
        """Record this write's index changes (serial, rows, characters) in ``meta``."""
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('index_serial', %s), ('fts_rows', %s), ('fts_chars', %s)"
            " ON CONFLICT (key) DO UPDATE SET value = CASE WHEN excluded.key = 'index_serial' THEN excluded.value"
            " ELSE (meta.value::bigint + excluded.value::bigint)::text END",
            [str(serial), str(self.rows_delta), str(self.chars_delta)],
        )

    # --- articles -----------------------------------------------------------------------------

    def write_batch(
        self, articles: Iterable[Any], raw_pages: Iterable[Any], run_id: int | None, seen: str
    ) -> dict[str, Any]:
        """``lcnews.db.store.Store.write_batch`` on PostgreSQL (same counts, same rules)."""
        items = [as_dict(a) for a in articles]
        page_objs = list(raw_pages)
        page_objs += [i["raw"] for i in items if i.get("raw") is not None]
        pages = [as_dict(p) for p in {id(p): p for p in page_objs}.values()]
        stats: dict[str, Any] = {
            "archived": 0, "updated": 0, "refreshed": 0, "unchanged": 0, "raw_pages": 0, "dropped": {},
        }  # fmt: skip
        encodings = {i.get("raw_sha256"): i.get("encoding") for i in items if i.get("raw_sha256")}
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
        try:
            aid = int(item["article_id"])
        except (KeyError, TypeError, ValueError):
            return "dropped:no_article_id"
        if not item.get("url"):
            return "dropped:no_url"
        row = {k: clean(v) for k, v in article_row(item).items()}
        cur = self.conn.execute("SELECT * FROM articles WHERE article_id = %s", [aid])
        found = cur.fetchone()
        cols = [d.name for d in cur.description or ()]
        holder = self.conn.execute(
            "SELECT article_id FROM articles WHERE url = %s AND article_id != %s", [row["url"], aid]
        ).fetchone()
        if holder is not None:
            return "dropped:url_conflict"
        if found is None:
            row.update(
                first_seen_at=seen, last_seen_at=seen, updated_at=seen, version=1,
                withdrawn_at=None, withdrawn_status=None, run_id=run_id,
                cluster_id=self.sims.cluster_for(aid, row["simhash"], len(row["body"] or "")),
            )  # fmt: skip
            self._insert("articles", row)
            self.index(aid, row["title"], row["body"], None)
            return "archived"
        prev = dict(zip(cols, found, strict=True))
        if prev["title"] == row["title"] and prev["body"] == row["body"]:
            return self._refresh(aid, row, prev, seen)
        version_row = dict(prev)
        version_row["replaced_at"] = seen
        self._insert("article_versions", version_row, conflict="(article_id, version) DO NOTHING")
        row.update(
            first_seen_at=prev["first_seen_at"], last_seen_at=seen, updated_at=seen,
            version=int(prev["version"] or 1) + 1, withdrawn_at=None, withdrawn_status=None,
            run_id=run_id, cluster_id=prev["cluster_id"],
        )  # fmt: skip
        names = [n for n in row if n != "article_id"]
        self.conn.execute(
            f"UPDATE articles SET {', '.join(f'{n} = %s' for n in names)} WHERE article_id = %s",
            [*(row[n] for n in names), aid],
        )
        self.index(aid, row["title"], row["body"], (prev["title"] or "", prev["body"] or ""))
        self.sims.remember(aid, row["simhash"], prev["cluster_id"] or aid, len(row["body"] or ""))
        return "updated"

    def _refresh(self, aid: int, row: dict[str, Any], prev: dict[str, Any], seen: str) -> str:
        changed = {k: row[k] for k in REFRESHED_FIELDS if k in row and row[k] != prev.get(k)}
        meta_changed = any(k not in _BOOKKEEPING_ONLY for k in changed)
        if meta_changed:
            changed["updated_at"] = seen
        else:
            changed = {}
        sets = "".join(f", {k} = %s" for k in changed)
        self.conn.execute(
            f"UPDATE articles SET last_seen_at = %s, withdrawn_at = NULL, withdrawn_status = NULL{sets}"
            " WHERE article_id = %s",
            [seen, *changed.values(), aid],
        )
        return "refreshed" if meta_changed else "unchanged"

    def _insert(self, table: str, row: Mapping[str, Any], conflict: str | None = None) -> None:
        names = list(row)
        sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(['%s'] * len(names))})"
        if conflict:
            sql += f" ON CONFLICT {conflict}"
        self.conn.execute(sql, [row[n] for n in names])

    def index(self, aid: int, title: str, body: str, old: tuple[str, str] | None) -> None:
        """Index one article's current text (replacing its old row), keeping the statistics."""
        r = index_row(aid, title or "", body or "")
        self.conn.execute(
            "INSERT INTO articles_fts (article_id, title, body, grams) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (article_id) DO UPDATE SET title = excluded.title, body = excluded.body,"
            " grams = excluded.grams",
            r,
        )
        if old is None:
            self.rows_delta += 1
        else:
            self.chars_delta -= len(old[0]) + len(old[1])
        self.chars_delta += len(title or "") + len(body or "")

    # --- the rest -----------------------------------------------------------------------------

    def insert_raw_pages(self, pages: list[dict[str, Any]], encodings: Mapping[Any, Any]) -> int:
        import hashlib
        import zlib

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
                clean(p.get("url", "")),
                clean(p.get("canonical_url", "")),
                p.get("article_id"),
                p.get("status"),
                clean(json.dumps(p.get("headers") or {}, ensure_ascii=False)),
                packed,
                p.get("fetched_at", ""),
                p.get("encoding") or encodings.get(sha) or "",
            )
        if not rows:
            return 0
        new = 0
        with self.conn.cursor() as cur:
            for r in rows.values():
                cur.execute(
                    "INSERT INTO raw_pages (sha256, url, canonical_url, article_id, status, headers, body,"
                    " fetched_at, encoding) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                    r,
                )
                new += cur.rowcount
        return new

    def record_channels(self, entries: Iterable[ChannelEntry], seen: str) -> None:
        rows = [(int(a), clean(c), clean(u or ""), seen, seen) for a, c, u in entries]
        if not rows:
            return
        with self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO article_channels (article_id, channel, listing_url, first_seen_at, last_seen_at)"
                " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (article_id, channel, listing_url)"
                " DO UPDATE SET last_seen_at = excluded.last_seen_at",
                rows,
            )

    def mark_withdrawn(self, article_id: int, status: int, seen: str) -> bool:
        cur = self.conn.execute(
            "UPDATE articles SET withdrawn_at = coalesce(withdrawn_at, %s), withdrawn_status = %s"
            " WHERE article_id = %s",
            [seen, int(status), int(article_id)],
        )
        return cur.rowcount > 0

    def record_dead_link(self, article_id: int, url: str, status: int, seen: str) -> None:
        self.conn.execute(
            "INSERT INTO dead_links (article_id, url, status, first_seen_at, last_seen_at)"
            " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (article_id) DO UPDATE SET"
            " status = excluded.status, last_seen_at = excluded.last_seen_at",
            [int(article_id), clean(url), int(status), seen, seen],
        )

    def mark_channels_complete(self, channels: Iterable[str], run_id: int | None, seen: str) -> None:
        rows = [(c, seen, run_id) for c in sorted(channels)]
        if not rows:
            return
        with self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO channel_state (channel, complete_at, run_id) VALUES (%s, %s, %s)"
                " ON CONFLICT (channel) DO UPDATE SET complete_at = excluded.complete_at, run_id = excluded.run_id",
                rows,
            )

    def rebuild_index(self, batch_size: int = 2000, batch_map: BatchMap = map) -> int:
        """Re-create every ``articles_fts`` row from ``articles`` and the statistics with them (the
        rows of each batch computed through ``batch_map``, e.g. in worker processes)."""
        self.conn.execute("TRUNCATE articles_fts")  # derived rows, rebuilt from articles just below
        n = chars = 0
        with self.conn.cursor(name="lcnews_rebuild") as src, self.conn.cursor() as dst:
            src.execute("SELECT article_id, title, body FROM articles ORDER BY article_id")

            def batches() -> Iterator[list[tuple[Any, ...]]]:
                while rows := src.fetchmany(batch_size):
                    yield rows

            for out in batch_map(index_rows_batch, batches()):
                dst.executemany(
                    "INSERT INTO articles_fts (article_id, title, body, grams) VALUES (%s, %s, %s, %s)", out
                )
                n += len(out)
                chars += sum(len(t) + len(b) for _, t, b, _ in out)
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('fts_rows', %s), ('fts_chars', %s)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [str(n), str(chars)],
        )
        self.rows_delta = self.chars_delta = 0
        return n
