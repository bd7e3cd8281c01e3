"""The archive: one SQLite file (WAL) holding articles, their versions, raw pages and crawl runs.

This module and its siblings are the only code in lcnews that writes SQL. Writes happen in one
``BEGIN IMMEDIATE`` transaction per batch; nothing archived is ever deleted; a failed batch rolls
back and leaves the file valid. A file that is not an lcnews archive is refused without being
modified (it is only read, never written, before it has been recognised).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

import sqlite_utils

from lcnews.db import schema
from lcnews.db import search as fts
from lcnews.db.errors import (
    ArchiveError,
    ArchiveLocked,
    ArchiveNotFound,
    CorruptArchive,
    UnwritablePath,
)
from lcnews.extract.normalize import (
    NORMALIZER_VERSION,
    content_hash,
    hamming,
    script_of,
    simhash,
)

# Near-duplicates: SimHashes at most this many bits apart share a cluster. With 4 bands of 16 bits,
# two hashes within 3 bits agree on at least one band (pigeonhole), so band lookups find them all.
SIMHASH_MAX_DISTANCE = 3
SIMHASH_MIN_CHARS = 50  # shorter bodies (photo pages, stubs) are not clustered
# Integrity-check existing archives up to this size on every writable open (about 1 s per 500 MB).
AUTO_CHECK_MAX_BYTES = 256 * 1024 * 1024


# Columns updated in place when an article's title and body are unchanged but its metadata is not
# (a re-crawl or `lcnews reextract` with a better extractor).
REFRESHED_FIELDS = (
    "published_at", "published_raw", "source", "source_raw", "authors", "correspondents",
    "photographers", "editors", "byline_raw", "editor_raw", "images", "channel_names", "title_raw",
    "extractor", "extractor_version", "encoding", "script", "raw_sha256", "fetched_at",
)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _as_dict(obj: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return dict(obj)
    raise TypeError(f"expected a dataclass or a mapping, not {type(obj).__name__}")


class Archive:
    """An lcnews archive file. ``with Archive(path) as archive:`` opens and closes it.

    ``readonly=True`` opens with SQLite's ``mode=ro``: no lock, no migration, no writes.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        timeout: float = 10.0,
        check: bool | None = None,
    ) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.timeout = timeout
        self.check = check
        self.lock_path = Path(str(self.path) + ".lock")
        self.index_stale = False
        self._conn: sqlite3.Connection | None = None
        self._db: sqlite_utils.Database | None = None
        self._lock_fd: int | None = None
        self._sims: dict[int, tuple[int, int]] | None = None  # article_id -> (simhash, cluster)
        self._bands: dict[tuple[int, int], set[int]] = {}

    # --- lifecycle ------------------------------------------------------------------------------

    def __enter__(self) -> Archive:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "open" if self._conn else "closed"
        return f"<Archive {str(self.path)!r} {state}{' readonly' if self.readonly else ''}>"

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise ArchiveError(f"archive {self.path} is not open")
        return self._conn

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None:
            raise ArchiveError(f"archive {self.path} is not open")
        return self._db

    def open(self) -> Archive:
        if self._conn is not None:
            return self
        self._check_path()
        try:
            if self.readonly:
                uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, timeout=self.timeout, isolation_level=None)
            else:
                conn = sqlite3.connect(str(self.path), timeout=self.timeout, isolation_level=None)
        except sqlite3.OperationalError as e:
            raise UnwritablePath(f"cannot open archive {self.path}: {e}") from e
        # Autocommit at the driver level: every transaction here is an explicit BEGIN IMMEDIATE.
        self._conn = conn
        self._db = sqlite_utils.Database(conn, execute_plugins=False)
        try:
            with self._errors():
                self._recognise_and_prepare()
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        self.release_run_lock()
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                if self._conn.in_transaction:
                    self._conn.rollback()
            self._conn.close()
        self._conn = None
        self._db = None
        self._sims = None
        self._bands = {}

    def _check_path(self) -> None:
        p = self.path
        if p.is_dir():
            raise CorruptArchive(f"{p} is a directory, not an archive file")
        if self.readonly:
            if not p.exists():
                raise ArchiveNotFound(f"no archive at {p}")
        else:
            parent = p.resolve().parent
            if not parent.is_dir():
                raise UnwritablePath(f"cannot create archive {p}: directory {parent} does not exist")
            if not os.access(parent, os.W_OK | os.X_OK):
                raise UnwritablePath(f"cannot write archive {p}: directory {parent} is not writable")
            if p.exists() and not os.access(p, os.W_OK):
                raise UnwritablePath(f"cannot write archive {p}: the file is read-only")
        # The file's header is NOT read with open()/close() here: closing any descriptor of a
        # database file drops every POSIX lock this process holds on it, including those of another
        # connection already open in this process (a crawl's writer while the spider reads the
        # archive), which lets other processes read a half-written WAL ("database disk image is
        # malformed"). SQLite itself recognises a non-database ("file is not a database") without
        # writing to it; see _errors().
        if p.exists() and 0 < p.stat().st_size < 512:
            raise CorruptArchive(f"{p} is not a SQLite database, so not an lcnews archive")

    def _recognise_and_prepare(self) -> None:
        conn = self.conn
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if not names:
            if self.readonly:
                raise CorruptArchive(f"{self.path} is an empty database, not an lcnews archive")
            with self._txn():
                schema.migrate(self.db, 0)
                schema.set_meta(self.db, "created_at", now_iso())
                schema.write_search_chars(self.db)
            self._enable_wal()
            return
        if "meta" not in names or "articles" not in names:
            raise CorruptArchive(
                f"{self.path} is a SQLite database but not an lcnews archive "
                "(no meta/articles tables); it was not modified"
            )
        version_text = schema.get_meta(self.db, "schema_version")
        if version_text is None or not version_text.isdigit():
            raise CorruptArchive(f"{self.path}: meta.schema_version is missing or not a number")
        version = int(version_text)
        if version > schema.SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path} has schema version {version}; this lcnews reads up to "
                f"{schema.SCHEMA_VERSION}: upgrade lcnews"
            )
        if version == schema.SCHEMA_VERSION:
            missing = [t for t in schema.TABLES if t not in names]
            if missing:
                raise CorruptArchive(f"{self.path}: archive tables missing: {', '.join(missing)}")
        do_check = self.check
        if do_check is None:
            do_check = not self.readonly and self.path.stat().st_size <= AUTO_CHECK_MAX_BYTES
        if do_check:
            problems = self.integrity_problems(quick=True)
            if problems:
                raise CorruptArchive(f"{self.path} is damaged: {problems[0]}")
        stale = schema.get_meta(self.db, "normalizer_version") != NORMALIZER_VERSION
        if self.readonly:
            self.index_stale = stale or version < schema.SCHEMA_VERSION
            return
        with self._txn():
            if version < schema.SCHEMA_VERSION:
                schema.migrate(self.db, version)
            schema.add_missing_columns(self.db)
            if stale:
                # Deletes from a contentless index need the exact tokens it was built with:
                # when the normaliser changed, rebuild before anything else writes.
                fts.rebuild(self.conn)
                schema.write_search_chars(self.db)
        self._enable_wal()

    def _enable_wal(self) -> None:
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")

    # --- errors and transactions ----------------------------------------------------------------

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as e:
            msg = str(e).lower()
            if "locked" in msg or "busy" in msg:
                raise ArchiveLocked(f"archive {self.path} is locked by another writer: {e}") from e
            if "readonly" in msg or "read-only" in msg or "unable to open" in msg:
                raise UnwritablePath(f"cannot write archive {self.path}: {e}") from e
            if "disk i/o" in msg or "malformed" in msg or "not a database" in msg:
                raise CorruptArchive(f"archive {self.path} is damaged: {e}") from e
            raise ArchiveError(f"archive {self.path}: {e}") from e
        except sqlite3.IntegrityError as e:
            raise ArchiveError(f"archive {self.path}: {e}") from e
        except sqlite3.DatabaseError as e:
            raise CorruptArchive(f"archive {self.path} is damaged: {e}") from e

    @contextlib.contextmanager
    def _txn(self) -> Iterator[None]:
        """One write transaction; rolled back on any error, so the file stays as it was."""
        if self.readonly:
            raise ArchiveError(f"archive {self.path} is open read-only")
        conn = self.conn
        with self._errors():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                self._sims = None  # the in-memory near-duplicate index may hold rolled-back rows
                raise

    # --- run lock -------------------------------------------------------------------------------

    def acquire_run_lock(self) -> None:
        """Take the run lock (``PATH.lock``, flock): one crawl writes at a time.

        The kernel drops the lock when the process dies, even on kill -9: no stale locks.
        """
        if self._lock_fd is not None:
            return
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise UnwritablePath(f"cannot create lock file {self.lock_path}: {e}") from e
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            os.close(fd)
            if e.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                who = f" (pid {holder})" if holder else ""
                raise ArchiveLocked(
                    f"another crawl{who} is writing to {self.path}; wait for it to finish"
                ) from e
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._lock_fd = fd

    def release_run_lock(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    @property
    def holds_run_lock(self) -> bool:
        return self._lock_fd is not None

    # --- crawl runs -----------------------------------------------------------------------------

    def start_run(self, settings: Mapping[str, Any], *, base_url: str = "") -> int:
        """Take the run lock and record a new run; returns its ``run_id``."""
        self.acquire_run_lock()
        with self._txn():
            # We hold the lock, so any run still marked running died without finishing.
            self.conn.execute(
                "UPDATE crawl_runs SET status = 'aborted' WHERE status = 'running'"
            )
            table = self.db["crawl_runs"]
            table.insert(
                {
                    "started_at": now_iso(),
                    "status": "running",
                    "settings": json.dumps(dict(settings), ensure_ascii=False, default=str),
                    "base_url": base_url,
                    "pid": os.getpid(),
                }
            )
            run_id = table.last_pk
        assert isinstance(run_id, int)
        return run_id

    def finish_run(
        self, run_id: int, stats: Mapping[str, Any], *, status: str = "finished"
    ) -> None:
        """Store a run's figures (keys named like ``crawl_runs`` columns) and release the lock."""
        cols = set(self.db["crawl_runs"].columns_dict) - {"run_id", "started_at", "pid"}
        update: dict[str, Any] = {"finished_at": now_iso(), "status": status}
        for key, value in stats.items():
            if key in cols:
                is_json = isinstance(value, (dict, list))
                update[key] = json.dumps(value, ensure_ascii=False) if is_json else value
        try:
            with self._txn():
                self.db["crawl_runs"].update(run_id, update)
        finally:
            self.release_run_lock()

    def runs(self) -> list[dict[str, Any]]:
        rows = list(self.db.query("SELECT * FROM crawl_runs ORDER BY run_id"))
        for r in rows:
            for key in ("settings", "dropped", "coverage"):
                if r.get(key):
                    r[key] = json.loads(r[key])
        return rows

    # --- writing --------------------------------------------------------------------------------

    def write_batch(
        self,
        articles: Iterable[Any],
        raw_pages: Iterable[Any] = (),
        *,
        run_id: int | None = None,
        seen_at: str | None = None,
    ) -> dict[str, Any]:
        """Archive a batch in one transaction; returns counts.

        Same ``article_id`` ⇒ same row. Changed title or body ⇒ the old row goes to
        ``article_versions`` and ``version`` goes up by one; unchanged ⇒ only ``last_seen_at``
        moves. An article seen again after a 404/410 has ``withdrawn_at`` cleared.
        Returns ``{"archived", "updated", "unchanged", "raw_pages", "dropped": {reason: n}}``.
        """
        seen = seen_at or now_iso()
        items = [_as_dict(a) for a in articles]
        # An Article may carry its fetched page (Article.raw): archive it with the batch. The same
        # page object passed both ways is archived (compressed, hashed) once.
        page_objs = list(raw_pages)
        page_objs += [i["raw"] for i in items if i.get("raw") is not None]
        pages = [_as_dict(p) for p in {id(p): p for p in page_objs}.values()]
        stats: dict[str, Any] = {
            "archived": 0, "updated": 0, "refreshed": 0, "unchanged": 0, "raw_pages": 0, "dropped": {},
        }  # fmt: skip
        encodings = {i.get("raw_sha256"): i.get("encoding") for i in items if i.get("raw_sha256")}
        with self._txn():
            self._load_sims()
            stats["raw_pages"] = self._insert_raw_pages(pages, encodings)
            channel_rows: list[tuple[int, str, str]] = []
            for item in items:
                outcome = self._upsert_article(item, run_id, seen)
                if outcome.startswith("dropped:"):
                    reason = outcome.split(":", 1)[1]
                    stats["dropped"][reason] = stats["dropped"].get(reason, 0) + 1
                    continue
                stats[outcome] += 1
                if item.get("channel"):
                    channel_rows.append(
                        (item["article_id"], item["channel"], item.get("listing_url") or "")
                    )
            for p in pages:
                if p.get("listing_channel") and p.get("article_id") is not None:
                    channel_rows.append(
                        (p["article_id"], p["listing_channel"], p.get("listing_url") or "")
                    )
            self._record_channels(channel_rows, seen)
        return stats

    def _upsert_article(self, item: dict[str, Any], run_id: int | None, seen: str) -> str:
        try:
            aid = int(item["article_id"])
        except (KeyError, TypeError, ValueError):
            return "dropped:no_article_id"
        if not item.get("url"):
            return "dropped:no_url"
        row = self._article_row(item)
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
                cluster_id=self._cluster_for(aid, row["simhash"], len(row["body"] or "")),
            )  # fmt: skip
            self._write_row("INSERT INTO articles", row)
            fts.index_insert(self.conn, aid, row["title"] or "", row["body"] or "", item.get("index_text"))
            return "archived"
        prev = dict(zip(cols, found, strict=True))
        if prev["title"] == row["title"] and prev["body"] == row["body"]:
            # Same text: metadata a newer extractor reads differently is refreshed in place (the
            # text, which versions track, is untouched).
            changed = {k: row[k] for k in REFRESHED_FIELDS if k in row and row[k] != prev.get(k)}
            meta_changed = any(k not in ("raw_sha256", "extractor_version", "fetched_at") for k in changed)
            if meta_changed:
                changed["updated_at"] = seen
            else:
                changed = {}
            sets = "".join(f", {k} = ?" for k in changed)
            self.conn.execute(
                "UPDATE articles SET last_seen_at = ?, withdrawn_at = NULL, withdrawn_status = NULL"
                f"{sets} WHERE article_id = ?",
                [seen, *changed.values(), aid],
            )
            return "refreshed" if meta_changed else "unchanged"
        version_row = dict(prev)
        version_row["replaced_at"] = seen
        self.db["article_versions"].insert(version_row, replace=True)
        fts.index_delete(self.conn, aid, prev["title"] or "", prev["body"] or "")
        row.update(
            first_seen_at=prev["first_seen_at"], last_seen_at=seen, updated_at=seen,
            version=int(prev["version"] or 1) + 1, withdrawn_at=None, withdrawn_status=None,
            run_id=run_id, cluster_id=prev["cluster_id"],
        )  # fmt: skip
        self._write_row("REPLACE INTO articles", row)
        fts.index_insert(self.conn, aid, row["title"] or "", row["body"] or "", item.get("index_text"))
        self._remember_sim(aid, row["simhash"], prev["cluster_id"] or aid, len(row["body"] or ""))
        return "updated"

    def _write_row(self, verb: str, row: dict[str, Any]) -> None:
        # The hot path: a plain prepared statement (sqlite-utils re-reads the table schema per call).
        names = list(row)
        self.conn.execute(
            f"{verb} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [row[n] for n in names],
        )

    def _article_row(self, item: dict[str, Any]) -> dict[str, Any]:
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

    def _insert_raw_pages(self, pages: list[dict[str, Any]], encodings: dict[Any, Any]) -> int:
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
                packed = zlib.compress(body, 6)
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

    def record_channels(
        self, entries: Iterable[tuple[int, str, str]], *, seen_at: str | None = None
    ) -> None:
        """Record that listing ``listing_url`` of ``channel`` showed ``article_id``."""
        with self._txn():
            self._record_channels(list(entries), seen_at or now_iso())

    def _record_channels(self, entries: list[tuple[int, str, str]], seen: str) -> None:
        self.conn.executemany(
            "INSERT INTO article_channels (article_id, channel, listing_url, first_seen_at,"
            " last_seen_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, channel, listing_url)"
            " DO UPDATE SET last_seen_at = excluded.last_seen_at",
            [(int(a), c, u or "", seen, seen) for a, c, u in entries],
        )

    def record_listing(self, seen: Any) -> None:
        """Record a ``ListingSeen``: every article id it showed, under its channel and URL."""
        entries = [(aid, seen.channel, seen.listing_url) for aid in seen.article_ids]
        self.record_channels(entries, seen_at=seen.seen_at or None)

    def mark_gone(self, gone: Any) -> bool:
        """Record a ``Gone`` (the page answered 404/410).

        An archived article is marked withdrawn (see ``mark_withdrawn``; True). A link that was
        never archived goes to ``dead_links`` so incremental runs stop fetching it (False).
        """
        seen = gone.seen_at or now_iso()
        if self.mark_withdrawn(gone.article_id, gone.status, seen):
            return True
        with self._txn():
            self.conn.execute(
                "INSERT INTO dead_links (article_id, url, status, first_seen_at, last_seen_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET"
                " status = excluded.status, last_seen_at = excluded.last_seen_at",
                [int(gone.article_id), gone.url, int(gone.status), seen, seen],
            )
        return False

    def complete_channels(self) -> set[str]:
        """Channels whose whole listing history a finished run has walked."""
        return {r[0] for r in self.conn.execute("SELECT channel FROM channel_state")}

    def mark_channels_complete(self, channels: Iterable[str], run_id: int | None) -> None:
        seen = now_iso()
        with self._txn():
            self.conn.executemany(
                "INSERT INTO channel_state (channel, complete_at, run_id) VALUES (?, ?, ?)"
                " ON CONFLICT (channel) DO UPDATE SET complete_at = excluded.complete_at,"
                " run_id = excluded.run_id",
                [(c, seen, run_id) for c in sorted(channels)],
            )

    def dead_link_ids(self) -> set[int]:
        """Ids whose pages answered 404/410 and were never archived."""
        return {r[0] for r in self.conn.execute(
            "SELECT article_id FROM dead_links WHERE article_id NOT IN (SELECT article_id FROM articles)")}

    def mark_withdrawn(self, article_id: int, status: int, seen_at: str | None = None) -> bool:
        """The page answered 404/410: set ``withdrawn_at`` (first time only). False if unknown."""
        with self._txn():
            cur = self.conn.execute(
                "UPDATE articles SET withdrawn_at = coalesce(withdrawn_at, ?), withdrawn_status = ?"
                " WHERE article_id = ?",
                [seen_at or now_iso(), int(status), int(article_id)],
            )
        return cur.rowcount > 0

    def rebuild_index(self) -> int:
        """Rebuild the search index and the plain-SQL character map; returns rows indexed."""
        with self._txn():
            n = fts.rebuild(self.conn)
            schema.write_search_chars(self.db)
        self.index_stale = False
        return n

    # --- near-duplicate clusters ----------------------------------------------------------------

    def _load_sims(self) -> None:
        if self._sims is not None:
            return
        self._sims, self._bands = {}, {}
        cur = self.conn.execute(
            "SELECT article_id, simhash, cluster_id FROM articles WHERE simhash != ''"
            " AND length(body) >= ?",
            [SIMHASH_MIN_CHARS],
        )
        for aid, sh, cluster in cur:
            self._remember_sim(aid, sh, cluster or aid, SIMHASH_MIN_CHARS)

    def _remember_sim(self, aid: int, sh: str, cluster: int, body_len: int) -> None:
        if self._sims is None or not sh or body_len < SIMHASH_MIN_CHARS:
            return
        h = int(sh, 16)
        self._sims[aid] = (h, cluster)
        for i in range(4):
            self._bands.setdefault((i, (h >> (16 * i)) & 0xFFFF), set()).add(aid)

    def _cluster_for(self, aid: int, sh: str, body_len: int) -> int:
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
        self._remember_sim(aid, sh, cluster_id, body_len)
        return cluster_id

    # --- reading --------------------------------------------------------------------------------

    def _decode(self, row: dict[str, Any]) -> dict[str, Any]:
        for name in schema.json_fields():
            if isinstance(row.get(name), str):
                row[name] = json.loads(row[name])
        return row

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def known_article_ids(self) -> set[int]:
        return {r[0] for r in self.conn.execute("SELECT article_id FROM articles")}

    def known_articles(self) -> dict[int, str | None]:
        """article_id → published_at of every archived article (drives incremental crawls)."""
        return dict(self.conn.execute("SELECT article_id, published_at FROM articles").fetchall())

    def article(self, article_id: int) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM articles WHERE article_id = ?", [article_id]))
        return self._decode(rows[0]) if rows else None

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        """Earlier versions of an article, oldest first (the current one is ``article()``)."""
        sql = "SELECT * FROM article_versions WHERE article_id = ? ORDER BY version"
        return [self._decode(r) for r in self.db.query(sql, [article_id])]

    def channels(self, article_id: int) -> list[dict[str, Any]]:
        sql = "SELECT * FROM article_channels WHERE article_id = ? ORDER BY first_seen_at, channel"
        return list(self.db.query(sql, [article_id]))

    def iter_articles(
        self,
        *,
        channel: str | None = None,
        since: str | None = None,
        until: str | None = None,
        include_withdrawn: bool = True,
        batch_size: int = 500,
    ) -> Iterator[dict[str, Any]]:
        """Every article (JSON columns decoded), by ``published_at`` then id; for exports."""
        where, params = fts._filters(channel, since, until, None, None)
        if not include_withdrawn:
            where.append("a.withdrawn_at IS NULL")
        sql = "SELECT a.* FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY a.published_at IS NULL, a.published_at, a.article_id"
        cur = self.conn.execute(sql, params)
        cols = [d[0] for d in cur.description]
        while rows := cur.fetchmany(batch_size):
            for r in rows:
                yield self._decode(dict(zip(cols, r, strict=True)))

    def raw_page(self, sha256: str) -> bytes:
        """The page bytes exactly as fetched; KeyError if not archived."""
        row = self.conn.execute("SELECT body FROM raw_pages WHERE sha256 = ?", [sha256]).fetchone()
        if row is None:
            raise KeyError(sha256)
        return zlib.decompress(row[0])

    def raw_page_record(self, sha256: str) -> dict[str, Any]:
        """A stored page with its fetch facts (url, canonical_url, status, headers, body bytes)."""
        row = self.conn.execute(
            "SELECT sha256, url, canonical_url, article_id, status, headers, body, fetched_at, encoding"
            " FROM raw_pages WHERE sha256 = ?", [sha256]).fetchone()
        if row is None:
            raise KeyError(sha256)
        keys = ("sha256", "url", "canonical_url", "article_id", "status", "headers", "body", "fetched_at", "encoding")
        rec = dict(zip(keys, row, strict=True))
        rec["headers"] = json.loads(rec["headers"] or "{}")
        rec["body"] = zlib.decompress(rec["body"])
        return rec

    def search(self, query: str, **kwargs: Any) -> list[dict[str, Any]]:
        """See ``lcnews.db.search.search``."""
        return fts.search(self, query, **kwargs)

    def search_count(self, query: str, **kwargs: Any) -> int:
        return fts.count(self, query, **kwargs)

    def integrity_problems(self, *, quick: bool = False) -> list[str]:
        """SQLite's own check plus FTS5's; an empty list means healthy."""
        pragma = "quick_check" if quick else "integrity_check"
        rows = [r[0] for r in self.conn.execute(f"PRAGMA {pragma}")]
        problems = [] if rows == ["ok"] else rows
        if not quick and not self.readonly:
            try:
                self.conn.execute(
                    f"INSERT INTO {fts.FTS_TABLE}({fts.FTS_TABLE}, rank) VALUES ('integrity-check', 0)"
                )
            except sqlite3.DatabaseError as e:
                problems.append(f"search index: {e}")
        return problems
