# Long file: the one class that implements ArchiveAPI on SQLite, every method a thin transaction around a module (store, reads, runs, fts); print editions are already mixed in from print_archive.py.
"""The SQLite archive: one file (WAL) holding articles, their versions, raw pages and crawl runs.

``Archive`` implements ``lcnews.db.api.ArchiveAPI``: it opens and recognises the file, migrates its
schema (``lcnews.db.schema``), owns the transactions, and runs each method of the interface as one
transaction around the module that does the work: ``store`` (upserts, versions, raw pages), ``reads``,
``runs`` (run lock, ``crawl_runs``), ``clusters`` (near-duplicates), ``fts`` and ``hits`` (search).

Writes happen in one ``BEGIN IMMEDIATE`` transaction per batch; nothing archived is ever deleted; a
failed batch rolls back and leaves the file valid. A file that is not an lcnews archive is refused
without being modified (it is only read, never written, before it has been recognised).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlite_utils

from lcnews.db import channels, fts, hits, printed, reads, runs, schema
from lcnews.db.api import JOB_KEY, BatchMap
from lcnews.db.clusters import SimIndex
from lcnews.db.errors import (
    ArchiveError,
    ArchiveLocked,
    ArchiveNotFound,
    CorruptArchive,
    UnwritablePath,
)
from lcnews.db.print_archive import PrintArchive
from lcnews.db.readonly import connect_readonly, wal_bytes
from lcnews.db.rows import now_iso
from lcnews.db.runs import RunLock
from lcnews.db.store import Store
from lcnews.extract.normalize import NORMALIZER_VERSION
from lcnews.items import Gone

# Integrity-check existing archives up to this size on every writable open (about 1 s per 500 MB).
AUTO_CHECK_MAX_BYTES = 256 * 1024 * 1024


class Archive(PrintArchive):
    """An lcnews archive file. ``with Archive(path) as archive:`` opens and closes it.

    ``readonly=True`` opens with SQLite's ``mode=ro`` (``immutable=1`` in a folder it cannot write:
    see ``connect_readonly``): no lock, no migration, no writes.
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
        self.index_stale = False
        self.immutable = False  # opened read-only with SQLite's immutable=1 (see connect_readonly)
        self._conn: sqlite3.Connection | None = None
        self._db: sqlite_utils.Database | None = None
        self._store: Store | None = None
        self._lock = RunLock(self.path)
        self._sims = SimIndex()

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
    def location(self) -> str:
        return str(self.path)

    @property
    def lock_path(self) -> Path:
        return self._lock.path

    @property
    def store(self) -> Store:
        if self._store is None:
            raise ArchiveError(f"archive {self.path} is not open")
        return self._store

    @property
    def db(self) -> sqlite_utils.Database:
        if self._db is None:
            raise ArchiveError(f"archive {self.path} is not open")
        return self._db

    def open(self) -> Archive:
        if self._conn is not None:
            return self
        self._check_path()
        if self.readonly:
            with self._errors():
                conn, self.immutable = connect_readonly(self.path, self.timeout)
        else:
            try:
                conn = sqlite3.connect(str(self.path), timeout=self.timeout, isolation_level=None)
            except sqlite3.OperationalError as e:
                raise UnwritablePath(f"cannot open archive {self.path}: {e}") from e
        # Autocommit at the driver level: every transaction here is an explicit BEGIN IMMEDIATE.
        self._conn = conn
        self._db = sqlite_utils.Database(conn, execute_plugins=False)
        self._store = Store(conn, self._db, self._sims)
        try:
            with self._errors():
                self._recognise_and_prepare()
        except BaseException:
            self.close()
            raise
        return self

    @property
    def unmerged_wal(self) -> int:
        """Bytes in ``PATH-wal`` that an immutable open does not see (0 when opened otherwise)."""
        return wal_bytes(self.path) if self.immutable else 0

    def close(self) -> None:
        self.release_run_lock()
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                if self._conn.in_transaction:
                    self._conn.rollback()
            self._conn.close()
        self._conn = None
        self._db = None
        self._store = None
        self._sims.forget()

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
            missing = [t for t in schema.SQLITE_TABLES if t not in names]
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
            schema.add_missing_columns(self.db)  # and the facet indexes
            if stale:
                # Deletes from a contentless index need the exact tokens it was built with:
                # when the normaliser changed, rebuild before anything else writes.
                fts.rebuild(self.conn)
                printed.rebuild_index(self.conn)
                schema.write_search_chars(self.db)
            else:
                fts.retier_if_drifted(self.conn)
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
            if self.readonly and "unable to open" in msg:
                raise UnwritablePath(f"cannot read archive {self.path}: {e}") from e
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
                self._sims.forget()  # the in-memory near-duplicate index may hold rolled-back rows
                raise

    # --- run lock and crawl runs -------------------------------------------------------------

    def acquire_run_lock(self) -> None:
        """Take the run lock (``PATH.lock``, flock): one crawl writes at a time."""
        self._lock.acquire()

    def release_run_lock(self) -> None:
        self._lock.release()

    @property
    def holds_run_lock(self) -> bool:
        return self._lock.held

    def start_run(self, settings: Mapping[str, Any], *, base_url: str = "") -> int:
        """Take the run lock and record a new run; returns its ``run_id``."""
        self.acquire_run_lock()
        with self._txn():
            return runs.insert_run(self.db, settings, base_url)

    def finish_run(self, run_id: int, stats: Mapping[str, Any], *, status: str = "finished") -> None:
        """Store a run's figures (keys named like ``crawl_runs`` columns) and release the lock."""
        try:
            with self._txn():
                runs.finish_row(self.db, run_id, stats, status)
        finally:
            self.release_run_lock()

    def runs(self) -> list[dict[str, Any]]:
        return runs.all_runs(self.db)

    # --- writing --------------------------------------------------------------------------------

    def write_batch(
        self,
        articles: Iterable[Any],
        raw_pages: Iterable[Any] = (),
        *,
        run_id: int | None = None,
        seen_at: str | None = None,
        channels: Iterable[tuple[int, str, str]] = (),
        gone: Iterable[Gone] = (),
        job: tuple[str, Mapping[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Archive a batch in one transaction; returns counts.

        Same ``article_id`` ⇒ same row. Changed title or body ⇒ the old row goes to
        ``article_versions`` and ``version`` goes up by one; unchanged ⇒ only ``last_seen_at``
        moves. An article seen again after a 404/410 has ``withdrawn_at`` cleared. Listing
        sightings (``channels``) and removals (``gone``, as ``mark_gone``) ride in the same transaction.
        Returns ``{"archived", "updated", "refreshed", "unchanged", "raw_pages", "withdrawn",
        "dead_links", "dropped": {reason: n}}``.
        """
        seen = seen_at or now_iso()
        with self._txn():
            stats = self.store.write_batch(articles, raw_pages, run_id, seen)
            self.store.record_channels(list(channels), seen)
            stats["withdrawn"] = stats["dead_links"] = 0
            for g in gone:
                stats["withdrawn" if self.store.mark_gone(g, g.seen_at or seen) else "dead_links"] += 1
            if job is not None:
                # plain SQL: sqlite-utils' upsert probes with a DROP TABLE, refused while a reader
                # of this connection (the re-extraction's export_rows) is open
                self.conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [JOB_KEY + job[0], json.dumps(dict(job[1]), ensure_ascii=False)],
                )
            return stats

    def job_state(self, name: str) -> dict[str, Any] | None:
        """A resumable job's progress (``meta`` key ``job:NAME``, JSON), as ``write_batch`` stored it."""
        value = schema.get_meta(self.db, JOB_KEY + name)
        return dict(json.loads(value)) if value else None

    def record_channels(self, entries: Iterable[tuple[int, str, str]], *, seen_at: str | None = None) -> None:
        """Record that listing ``listing_url`` of ``channel`` showed ``article_id``."""
        with self._txn():
            self.store.record_channels(list(entries), seen_at or now_iso())

    def record_listing(self, seen: Any) -> None:
        """Record a ``ListingSeen``: every article id it showed, under its channel and URL."""
        entries = [(aid, seen.channel, seen.listing_url) for aid in seen.article_ids]
        self.record_channels(entries, seen_at=seen.seen_at or None)

    def mark_gone(self, gone: Gone) -> bool:
        """Record a ``Gone`` (the page answered 404/410) in one transaction.

        An archived article is marked withdrawn (see ``mark_withdrawn``; True). A link that was
        never archived goes to ``dead_links`` so incremental runs stop fetching it (False).
        """
        with self._txn():
            return self.store.mark_gone(gone, gone.seen_at or now_iso())

    def mark_withdrawn(self, article_id: int, status: int, seen_at: str | None = None) -> bool:
        """The page answered 404/410: set ``withdrawn_at`` (first time only). False if unknown."""
        with self._txn():
            return self.store.mark_withdrawn(article_id, status, seen_at or now_iso())

    def mark_channels_complete(self, channels: Iterable[str], run_id: int | None) -> None:
        seen = now_iso()
        with self._txn():
            self.store.mark_channels_complete(channels, run_id, seen)

    def rebuild_index(self, *, batch_map: BatchMap = map) -> int:
        """Rebuild the search index and the plain-SQL character map; returns rows indexed (the
        tokens of each batch computed through ``batch_map``)."""
        with self._txn():
            n = fts.rebuild(self.conn, batch_map=batch_map)
            printed.rebuild_index(self.conn)
            schema.write_search_chars(self.db)
        self.index_stale = False
        return n

    # --- reading --------------------------------------------------------------------------------

    def count(self) -> int:
        return reads.count(self.conn)

    def known_article_ids(self) -> set[int]:
        return reads.known_article_ids(self.conn)

    def known_articles(self) -> Mapping[int, str | None]:
        """article_id → published_at of every archived article (drives incremental crawls)."""
        return reads.known_articles(self.conn)

    def dead_link_ids(self) -> set[int]:
        """Ids whose pages answered 404/410 and were never archived."""
        return reads.dead_link_ids(self.conn)

    def complete_channels(self) -> set[str]:
        """Channels whose whole listing history a finished run has walked."""
        return reads.complete_channels(self.conn)

    def article(self, article_id: int) -> dict[str, Any] | None:
        return reads.article(self.db, article_id)

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        """Earlier versions of an article, oldest first (the current one is ``article()``)."""
        return reads.versions(self.db, article_id)

    def channels(self, article_id: int) -> list[dict[str, Any]]:
        return reads.channels(self.db, article_id)

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
        return reads.iter_articles(
            self.conn,
            channel=channel,
            since=since,
            until=until,
            include_withdrawn=include_withdrawn,
            batch_size=batch_size,
        )

    def export_rows(
        self,
        *,
        query: str | None = None,
        channel: str | None = None,
        since: str | None = None,
        until: str | None = None,
        author: str | None = None,
        source: str | None = None,
        batch_size: int = 200,
    ) -> reads.ExportRows:
        """Column names and every matching row as stored, by ``article_id`` (``lcnews export``)."""
        return reads.export_rows(
            self.conn,
            query=query,
            channel=channels.resolve(self.conn, channel),
            since=since,
            until=until,
            author=author,
            source=source,
            batch_size=batch_size,
        )

    def raw_page(self, sha256: str) -> bytes:
        """The page bytes exactly as fetched; KeyError if not archived."""
        return reads.raw_page(self.conn, sha256)

    def raw_page_record(self, sha256: str) -> dict[str, Any]:
        """A stored page with its fetch facts (url, canonical_url, status, headers, body bytes)."""
        return reads.raw_page_record(self.conn, sha256)

    def unextracted_pages(self) -> list[dict[str, Any]]:  # see ArchiveAPI
        return reads.unextracted_pages(self.conn)

    def search(self, query: str, **options: Any) -> list[dict[str, Any]]:
        """See ``lcnews.db.search.search``."""
        plan = hits.plan_search(query, **options)
        hits.check_index(self.conn, self.index_stale, self.path)
        return hits.run_search(self.conn, plan)

    def search_count(self, query: str, **filters: Any) -> int:
        plan = hits.plan_count(query, **filters)
        hits.check_index(self.conn, self.index_stale, self.path)
        return hits.run_count(self.conn, plan)

    def trend(self, query: str, *, by: str = "month", **filters: Any) -> list[tuple[str, int]]:
        """See ``lcnews.db.search.trend``."""
        plan = hits.plan_count(query, **filters)
        hits.check_index(self.conn, self.index_stale, self.path)
        return hits.run_trend(self.conn, plan, by)

    def integrity_problems(self, *, quick: bool = False) -> list[str]:
        """SQLite's own check plus FTS5's; an empty list means healthy."""
        pragma = "quick_check" if quick else "integrity_check"
        rows = [r[0] for r in self.conn.execute(f"PRAGMA {pragma}")]
        problems = [] if rows == ["ok"] else rows
        if not quick and not self.readonly:
            problem = fts.integrity_problem(self.conn)
            if problem:
                problems.append(problem)
        return problems
