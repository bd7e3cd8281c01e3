"""Copying a SQLite archive into a PostgreSQL archive (``lcnews sync``): incremental and idempotent.

Every row the file holds goes across as it is stored — articles with their earlier versions, raw
pages, listing sightings, dead links, channel state and crawl runs (given new ``run_id``s; the
articles point at them) — so the server archive has the file's history and provenance. Nothing in
either archive is deleted or rewritten backwards:

* an article the server lacks is inserted with its versions;
* one the server has at a lower version gets the missing versions, its current row becomes a
  version, and the file's current row replaces it (as a crawl's ``write_batch`` would);
* at the same version with the same text only the sightings move forward (``last_seen_at``,
  withdrawal); with different text (the server was crawled separately) it is left as it is and
  counted as a ``conflict``.

The file is recognised by ``meta.created_at`` and its first run; what a sync copied is recorded in the
server's ``meta`` (``sync:<source>``): a later sync reads only rows seen since (and re-checks the rest
cheaply: one primary-key lookup per row), and a sync repeated with nothing new changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import psycopg

from lcnews.db.archive import Archive
from lcnews.db.pg.archive import PgArchive
from lcnews.db.pg.store import clean
from lcnews.db.rows import now_iso

BATCH = 500
_ACTIVITY = "max(coalesce(last_seen_at, ''), coalesce(updated_at, ''), coalesce(withdrawn_at, ''))"


@dataclass
class SyncReport:
    source: str
    articles_new: int = 0
    articles_updated: int = 0
    articles_refreshed: int = 0
    conflicts: int = 0
    versions: int = 0
    raw_pages: int = 0
    runs: int = 0
    sightings: int = 0
    conflict_ids: list[int] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.articles_new + self.articles_updated + self.articles_refreshed + self.versions + self.raw_pages


def source_id(conn: sqlite3.Connection) -> str:
    """Who the file is: its creation time and its first run's start (stable across copies and moves)."""
    created = conn.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()
    first = conn.execute("SELECT min(started_at) FROM crawl_runs").fetchone()
    raw = f"{created[0] if created else ''}|{first[0] if first else ''}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> Iterator[dict[str, Any]]:
    cur = conn.execute(sql, params)
    cols = [d[0] for d in cur.description]
    while batch := cur.fetchmany(BATCH):
        for r in batch:
            yield dict(zip(cols, r, strict=True))


def _columns(pg: psycopg.Connection[Any], table: str) -> set[str]:
    cur = pg.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = %s",
        [table],
    )
    return {r[0] for r in cur}


class Sync:
    """One sync of the SQLite archive ``lite`` (open read-only) into ``pg`` (open, run lock held)."""

    def __init__(self, lite: Archive, pg: PgArchive) -> None:
        self.lite = lite
        self.pg = pg
        self.src = lite.conn
        self.key = "sync:" + source_id(self.src)
        self.report = SyncReport(source=str(lite.path))
        state = self._meta(self.key)
        self.state: dict[str, Any] = json.loads(state) if state else {"runs": {}, "mark": ""}
        self.art_cols = _columns(pg.conn, "articles")
        self.ver_cols = _columns(pg.conn, "article_versions")

    def _meta(self, key: str) -> str | None:
        row = self.pg.conn.execute("SELECT value FROM meta WHERE key = %s", [key]).fetchone()
        return None if row is None else str(row[0])

    def run(self) -> SyncReport:
        mark = self.state.get("mark", "")
        # Activity of the file up to now: rows seen later go to the next sync.
        top = self.src.execute(f"SELECT max({_ACTIVITY}) FROM articles").fetchone()[0] or ""
        self._runs()
        self._articles(mark)
        self._raw_pages()
        self._sightings(mark)
        self.state["mark"] = max(mark, top)
        self.state["last"] = {"at": now_iso(), "from": str(self.lite.path)}
        with self.pg._txn():
            self.pg.conn.execute(
                "INSERT INTO meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [self.key, json.dumps(self.state, ensure_ascii=False)],
            )
        return self.report

    # --- runs -----------------------------------------------------------------------------------

    def _runs(self) -> None:
        mapping: dict[str, int] = self.state.setdefault("runs", {})
        cols = [c for c in _columns(self.pg.conn, "crawl_runs") if c != "run_id"]
        with self.pg._txn():
            for r in _rows(self.src, "SELECT * FROM crawl_runs ORDER BY run_id", []):
                values = [clean(r.get(c)) for c in cols]
                if str(r["run_id"]) in mapping:  # a run finished since the last sync: its figures
                    sets = ", ".join(f"{c} = %s" for c in cols)
                    self.pg.conn.execute(
                        f"UPDATE crawl_runs SET {sets} WHERE run_id = %s", [*values, mapping[str(r["run_id"])]]
                    )
                    continue
                row = self.pg.conn.execute(
                    f"INSERT INTO crawl_runs ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))}) RETURNING run_id",
                    values,
                ).fetchone()
                assert row is not None
                mapping[str(r["run_id"])] = int(row[0])
                self.report.runs += 1

    def _run_id(self, source_run: Any) -> Any:
        return None if source_run is None else self.state["runs"].get(str(source_run))

    # --- articles and versions ------------------------------------------------------------------

    def _articles(self, mark: str) -> None:
        rows = _rows(self.src, f"SELECT * FROM articles WHERE {_ACTIVITY} >= ? ORDER BY article_id", [mark])
        batch: list[dict[str, Any]] = []
        for r in rows:
            batch.append(r)
            if len(batch) >= BATCH:
                self._article_batch(batch)
                batch = []
        if batch:
            self._article_batch(batch)

    def _article_batch(self, batch: list[dict[str, Any]]) -> None:
        conn = self.pg.conn
        ids = [r["article_id"] for r in batch]
        with self.pg._write() as store:
            have = {
                r[0]: r[1:]
                for r in conn.execute(
                    "SELECT article_id, version, title, body FROM articles WHERE article_id = ANY(%s)", [ids]
                )
            }
            for r in batch:
                aid = r["article_id"]
                row = self._article_row(r, self.art_cols)
                old = have.get(aid)
                if old is None:
                    self._versions(aid)
                    store._insert("articles", row)
                    store.index(aid, row.get("title") or "", row.get("body") or "", None)
                    self.report.articles_new += 1
                    continue
                version, title, body = old
                if int(r["version"] or 1) > int(version or 1):
                    prev = conn.execute("SELECT * FROM articles WHERE article_id = %s", [aid])
                    names = [d.name for d in prev.description or ()]
                    found = prev.fetchone()
                    assert found is not None
                    vrow = dict(zip(names, found, strict=True))
                    vrow["replaced_at"] = r.get("updated_at") or now_iso()
                    self._versions(aid)
                    store._insert("article_versions", vrow, conflict="(article_id, version) DO NOTHING")
                    self._replace(aid, row)
                    store.index(aid, row.get("title") or "", row.get("body") or "", (title or "", body or ""))
                    self.report.articles_updated += 1
                elif int(r["version"] or 1) == int(version or 1) and (title, body) == (row["title"], row["body"]):
                    self._versions(aid)
                    cur = conn.execute(
                        "UPDATE articles SET last_seen_at = greatest(last_seen_at, %(ls)s::text),"
                        " withdrawn_at = CASE WHEN %(ls)s::text > last_seen_at THEN %(wa)s::text"
                        " ELSE coalesce(withdrawn_at, %(wa)s::text) END,"
                        " withdrawn_status = CASE WHEN %(ls)s::text > last_seen_at THEN %(ws)s::bigint"
                        " ELSE coalesce(withdrawn_status, %(ws)s::bigint) END"
                        " WHERE article_id = %(aid)s AND (last_seen_at < %(ls)s::text"
                        " OR (withdrawn_at IS NULL AND %(wa)s::text IS NOT NULL))",
                        {"ls": r["last_seen_at"], "wa": r["withdrawn_at"], "ws": r["withdrawn_status"], "aid": aid},
                    )
                    self.report.articles_refreshed += cur.rowcount
                else:
                    self.report.conflicts += 1
                    self.report.conflict_ids.append(aid)

    def _article_row(self, r: dict[str, Any], cols: set[str]) -> dict[str, Any]:
        row = {k: clean(v) for k, v in r.items() if k in cols}
        row["run_id"] = self._run_id(r.get("run_id"))
        return row

    def _replace(self, aid: int, row: dict[str, Any]) -> None:
        names = [n for n in row if n != "article_id"]
        self.pg.conn.execute(
            f"UPDATE articles SET {', '.join(f'{n} = %s' for n in names)} WHERE article_id = %s",
            [*(row[n] for n in names), aid],
        )

    def _versions(self, aid: int) -> None:
        """The file's earlier versions of ``aid`` the server lacks."""
        conn = self.pg.conn
        have = {r[0] for r in conn.execute("SELECT version FROM article_versions WHERE article_id = %s", [aid])}
        for v in _rows(self.src, "SELECT * FROM article_versions WHERE article_id = ? ORDER BY version", [aid]):
            if v["version"] in have:
                continue
            vrow = self._article_row(v, self.ver_cols)
            names = list(vrow)
            conn.execute(
                f"INSERT INTO article_versions ({', '.join(names)}) VALUES ({', '.join(['%s'] * len(names))})"
                " ON CONFLICT (article_id, version) DO NOTHING",
                [vrow[n] for n in names],
            )
            self.report.versions += 1

    # --- raw pages and sightings ----------------------------------------------------------------

    def _raw_pages(self) -> None:
        shas = [r[0] for r in self.src.execute("SELECT sha256 FROM raw_pages ORDER BY sha256")]
        conn = self.pg.conn
        for i in range(0, len(shas), BATCH):
            chunk = shas[i : i + BATCH]
            have = {r[0] for r in conn.execute("SELECT sha256 FROM raw_pages WHERE sha256 = ANY(%s)", [chunk])}
            missing = [s for s in chunk if s not in have]
            if not missing:
                continue
            marks = ",".join("?" * len(missing))
            with self.pg._txn():
                for p in _rows(self.src, f"SELECT * FROM raw_pages WHERE sha256 IN ({marks})", missing):
                    cols = list(p)
                    conn.execute(
                        f"INSERT INTO raw_pages ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})"
                        " ON CONFLICT DO NOTHING",
                        [clean(p[c]) for c in cols],
                    )
                    self.report.raw_pages += 1

    def _sightings(self, mark: str) -> None:
        conn = self.pg.conn
        with self.pg._txn():
            for c in _rows(self.src, "SELECT * FROM article_channels WHERE last_seen_at >= ?", [mark]):
                cur = conn.execute(
                    "INSERT INTO article_channels (article_id, channel, listing_url, first_seen_at, last_seen_at)"
                    " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (article_id, channel, listing_url) DO UPDATE SET"
                    " first_seen_at = least(article_channels.first_seen_at, excluded.first_seen_at),"
                    " last_seen_at = greatest(article_channels.last_seen_at, excluded.last_seen_at)"
                    " WHERE article_channels.last_seen_at < excluded.last_seen_at"
                    " OR article_channels.first_seen_at > excluded.first_seen_at",
                    [
                        c["article_id"],
                        clean(c["channel"]),
                        clean(c["listing_url"]),
                        c["first_seen_at"],
                        c["last_seen_at"],
                    ],
                )
                self.report.sightings += cur.rowcount
            for d in _rows(self.src, "SELECT * FROM dead_links WHERE last_seen_at >= ?", [mark]):
                conn.execute(
                    "INSERT INTO dead_links (article_id, url, status, first_seen_at, last_seen_at) VALUES (%s, %s, %s, %s, %s)"
                    " ON CONFLICT (article_id) DO UPDATE SET status = excluded.status,"
                    " last_seen_at = greatest(dead_links.last_seen_at, excluded.last_seen_at)",
                    [d["article_id"], clean(d["url"]), d["status"], d["first_seen_at"], d["last_seen_at"]],
                )
            for s in _rows(self.src, "SELECT * FROM channel_state", []):
                conn.execute(
                    "INSERT INTO channel_state (channel, complete_at, run_id) VALUES (%s, %s, %s)"
                    " ON CONFLICT (channel) DO UPDATE SET complete_at = greatest(channel_state.complete_at,"
                    " excluded.complete_at)",
                    [clean(s["channel"]), s["complete_at"], self._run_id(s["run_id"])],
                )


def sync(source: str, target: str) -> SyncReport:
    """Copy the SQLite archive at ``source`` into the PostgreSQL archive at ``target`` (see module doc)."""
    with Archive(source, readonly=True) as lite, PgArchive(target) as pg:
        pg.acquire_run_lock()
        try:
            return Sync(lite, pg).run()
        finally:
            pg.release_run_lock()
