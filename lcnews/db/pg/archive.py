"""The PostgreSQL archive: ``ArchiveAPI`` on a database (or a schema of one) that a group shares.

``PgArchive("postgresql://user:pass@host/db")`` opens it; ``?options=-csearch_path%3DNAME`` picks
a schema. The tables are the SQLite archive's (``lcnews.db.pg.schema``), created on the first
writable open. Each write method is one transaction holding the archive's write lock (an advisory
transaction lock), so several crawl workers on several hosts may write to one archive: the run
lock (a session advisory lock) is exclusive for a crawl of its own and shared for the workers of
one shared crawl (``shared_runs=True``, ``lcnews crawl --frontier``). Nothing is ever deleted.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from collections.abc import Iterable, Iterator, Mapping
from types import TracebackType
from typing import Any

import psycopg
from psycopg.rows import dict_row

from lcnews.db.api import JOB_KEY, BatchMap
from lcnews.db.clusters import SimIndex
from lcnews.db.errors import ArchiveError, ArchiveLocked, ArchiveNotFound, CorruptArchive, QueryError
from lcnews.db.pg import schema
from lcnews.db.pg import search as pgsearch
from lcnews.db.pg.store import PgStore
from lcnews.db.query import verified
from lcnews.db.rows import decode, now_iso
from lcnews.db.urls import redact
from lcnews.extract.normalize import NORMALIZER_VERSION
from lcnews.items import Gone

Conn = psycopg.Connection[Any]
ExportRows = tuple[list[str], Iterator[tuple[Any, ...]]]
# Advisory lock keys (with the schema's name hashed in, so schemas of one database are separate).
_RUN_LOCK = "lcnews-run"
_WRITE_LOCK = "lcnews-write"
RUN_JSON = ("settings", "dropped", "coverage", "stops", "failures")


class PgArchive:
    """An lcnews archive in PostgreSQL. ``with PgArchive(url) as archive:`` opens and closes it."""

    def __init__(self, url: str, *, readonly: bool = False, shared_runs: bool = False, timeout: float = 10.0) -> None:
        self.url = url
        self._readonly = readonly
        self.shared_runs = shared_runs
        self.timeout = timeout
        self._index_stale = False
        self._conn: Conn | None = None
        self._store: PgStore | None = None
        self._sims = SimIndex()
        self._lock_held = False
        self._serial: int | None = None

    # --- lifecycle ------------------------------------------------------------------------------

    @property
    def location(self) -> str:
        return redact(self.url)

    @property
    def readonly(self) -> bool:
        return self._readonly

    @property
    def index_stale(self) -> bool:
        return self._index_stale

    def __enter__(self) -> PgArchive:
        return self.open()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<PgArchive {self.location!r} {'open' if self._conn else 'closed'}>"

    @property
    def conn(self) -> Conn:
        if self._conn is None:
            raise ArchiveError(f"archive {self.location} is not open")
        return self._conn

    @property
    def store(self) -> PgStore:
        if self._store is None:
            raise ArchiveError(f"archive {self.location} is not open")
        return self._store

    def open(self) -> PgArchive:
        if self._conn is not None:
            return self
        try:
            conn = psycopg.connect(self.url, autocommit=True, connect_timeout=max(1, int(self.timeout)))
        except psycopg.OperationalError as e:
            reason = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
            raise ArchiveNotFound(f"cannot connect to the PostgreSQL archive {self.location}: {reason}") from e
        except psycopg.ProgrammingError as e:
            raise ArchiveError(f"not a PostgreSQL URL: {self.location} ({e})") from e
        self._conn = conn
        self._store = PgStore(conn, self._sims)
        try:
            with self._errors():
                if self._readonly:
                    conn.execute("SET default_transaction_read_only = on")
                self._recognise_and_prepare()
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        with contextlib.suppress(psycopg.Error):
            self.release_run_lock()
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):
                self._conn.close()
        self._conn = None
        self._store = None
        self._lock_held = False
        self._sims.forget()

    def _recognise_and_prepare(self) -> None:
        conn = self.conn
        names = schema.existing_tables(conn)
        if "meta" not in names or "articles" not in names:
            if names - {"meta", "articles"} and not self._readonly:
                raise CorruptArchive(
                    f"{self.location} holds other tables but not an lcnews archive (no meta/articles "
                    "tables); it was not modified. Give an empty database or schema."
                )
            if self._readonly:
                raise ArchiveNotFound(f"no lcnews archive in {self.location}")
        version_text = None
        if "meta" in names:
            version_text = schema.get_meta(conn, "schema_version")
        if version_text is not None and (not version_text.isdigit() or int(version_text) > schema.SCHEMA_VERSION):
            raise ArchiveError(
                f"{self.location} has schema version {version_text}; this lcnews reads up to "
                f"{schema.SCHEMA_VERSION}: upgrade lcnews"
            )
        stale = version_text is not None and schema.get_meta(conn, "normalizer_version") != NORMALIZER_VERSION
        if self._readonly:
            missing = [t for t in schema.TABLES if t not in names]
            if missing:
                raise CorruptArchive(f"{self.location}: archive tables missing: {', '.join(missing)}")
            self._index_stale = stale
            return
        with self._txn(write_lock=True):  # one creator/migrator at a time
            for stmt in schema.ddl():
                conn.execute(stmt)
            schema.add_missing_columns(conn)
            if schema.get_meta(conn, "schema_version") is None:
                schema.set_meta(conn, "schema_version", str(schema.SCHEMA_VERSION))
                schema.set_meta(conn, "created_at", now_iso())
                schema.set_meta(conn, "backend", "postgresql")
                schema.write_search_chars(conn)
            else:  # the DDL above added what a newer schema has (additive, IF NOT EXISTS)
                schema.set_meta(conn, "schema_version", str(schema.SCHEMA_VERSION))
                if schema.get_meta(conn, "normalizer_version") != NORMALIZER_VERSION:
                    self.store.rebuild_index()
                    schema.write_search_chars(conn)

    # --- errors and transactions ----------------------------------------------------------------

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except psycopg.errors.ReadOnlySqlTransaction as e:
            raise ArchiveError(f"archive {self.location} is open read-only") from e
        except psycopg.errors.InsufficientPrivilege as e:
            raise ArchiveError(f"archive {self.location}: permission denied ({e})") from e
        except (psycopg.errors.LockNotAvailable, psycopg.errors.DeadlockDetected) as e:
            raise ArchiveLocked(f"archive {self.location} is locked by another writer: {e}") from e
        except psycopg.OperationalError as e:
            raise ArchiveError(f"archive {self.location}: the server connection failed ({e})") from e
        except psycopg.Error as e:
            raise ArchiveError(f"archive {self.location}: {e}") from e

    @contextlib.contextmanager
    def _txn(self, *, write_lock: bool = True) -> Iterator[None]:
        """One transaction, with the archive's write lock held to its end; rolled back on error."""
        if self._readonly:
            raise ArchiveError(f"archive {self.location} is open read-only")
        conn = self.conn
        with self._errors():
            try:
                with conn.transaction():
                    if write_lock:
                        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s || current_schema()))", [_WRITE_LOCK])
                    yield
            except BaseException:
                self._sims.forget()
                self._serial = None
                raise

    @contextlib.contextmanager
    def _write(self) -> Iterator[PgStore]:
        """A write transaction that may change the search index (its statistics kept in ``meta``)."""
        with self._txn():
            store = self.store
            serial = store.begin(self._serial)
            yield store
            store.end(serial)
        self._serial = serial

    # --- run lock and crawl runs -------------------------------------------------------------

    def acquire_run_lock(self) -> None:
        """Take the run lock without waiting: exclusive, or shared among a shared crawl's workers."""
        if self._lock_held:
            return
        fn = "pg_try_advisory_lock_shared" if self.shared_runs else "pg_try_advisory_lock"
        with self._errors():
            row = self.conn.execute(f"SELECT {fn}(hashtext(%s || current_schema()))", [_RUN_LOCK]).fetchone()
        if not (row and row[0]):
            kind = "a crawl of its own" if self.shared_runs else "another crawl"
            raise ArchiveLocked(f"{kind} is writing to {self.location}; wait for it to finish")
        self._lock_held = True

    def release_run_lock(self) -> None:
        if self._lock_held and self._conn is not None:
            fn = "pg_advisory_unlock_shared" if self.shared_runs else "pg_advisory_unlock"
            self._conn.execute(f"SELECT {fn}(hashtext(%s || current_schema()))", [_RUN_LOCK])
        self._lock_held = False

    @property
    def holds_run_lock(self) -> bool:
        return self._lock_held

    def start_run(self, settings: Mapping[str, Any], *, base_url: str = "") -> int:
        self.acquire_run_lock()
        with self._txn():
            if not self.shared_runs:  # the lock is ours: any run still marked running died
                self.conn.execute("UPDATE crawl_runs SET status = 'aborted' WHERE status = 'running'")
            row = self.conn.execute(
                "INSERT INTO crawl_runs (started_at, status, settings, base_url, pid)"
                " VALUES (%s, 'running', %s, %s, %s) RETURNING run_id",
                [now_iso(), json.dumps(dict(settings), ensure_ascii=False, default=str), base_url, os.getpid()],
            ).fetchone()
        assert row is not None
        return int(row[0])

    def finish_run(self, run_id: int, stats: Mapping[str, Any], *, status: str = "finished") -> None:
        cols = {"finished_at", "status", "settings", "base_url", "pages", "items", "archived", "updated",
                "unchanged", "dropped", "errors", "coverage", "exit_code", "stops", "failures"}  # fmt: skip
        update: dict[str, Any] = {"finished_at": now_iso(), "status": status}
        for key, value in stats.items():
            if key in cols:
                update[key] = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value
        try:
            with self._txn():
                sets = ", ".join(f"{k} = %s" for k in update)
                self.conn.execute(f"UPDATE crawl_runs SET {sets} WHERE run_id = %s", [*update.values(), run_id])
        finally:
            self.release_run_lock()

    def runs(self) -> list[dict[str, Any]]:
        with self._errors(), self.conn.cursor(row_factory=dict_row) as cur:
            rows = cur.execute("SELECT * FROM crawl_runs ORDER BY run_id").fetchall()
        for r in rows:
            for key in RUN_JSON:
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
        channels: Iterable[tuple[int, str, str]] = (),
        gone: Iterable[Gone] = (),
        job: tuple[str, Mapping[str, Any]] | None = None,
    ) -> dict[str, Any]:
        seen = seen_at or now_iso()
        with self._write() as store:
            stats = store.write_batch(articles, raw_pages, run_id, seen)
            store.record_channels(list(channels), seen)
            stats["withdrawn"] = stats["dead_links"] = 0
            for g in gone:
                stats["withdrawn" if self._gone(g, g.seen_at or seen) else "dead_links"] += 1
            if job is not None:
                schema.set_meta(self.conn, JOB_KEY + job[0], json.dumps(dict(job[1]), ensure_ascii=False))
            return stats

    def job_state(self, name: str) -> dict[str, Any] | None:
        with self._errors():
            value = schema.get_meta(self.conn, JOB_KEY + name)
        return dict(json.loads(value)) if value else None

    def record_channels(self, entries: Iterable[tuple[int, str, str]], *, seen_at: str | None = None) -> None:
        with self._txn():
            self.store.record_channels(list(entries), seen_at or now_iso())

    def mark_gone(self, gone: Gone) -> bool:
        with self._txn():
            return self._gone(gone, gone.seen_at or now_iso())

    def _gone(self, gone: Gone, seen: str) -> bool:
        """Inside a transaction: withdrawn (True) or recorded as a dead link (False)."""
        if self.store.mark_withdrawn(gone.article_id, gone.status, seen):
            return True
        self.store.record_dead_link(gone.article_id, gone.url, gone.status, seen)
        return False

    def mark_channels_complete(self, channels: Iterable[str], run_id: int | None) -> None:
        with self._txn():
            self.store.mark_channels_complete(channels, run_id, now_iso())

    def rebuild_index(self, *, batch_map: BatchMap = map) -> int:
        with self._write() as store:
            n = store.rebuild_index(batch_map=batch_map)
            schema.write_search_chars(self.conn)
        self._index_stale = False
        return n

    # --- reading --------------------------------------------------------------------------------

    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._errors():
            return self.conn.execute(sql, list(params)).fetchall()

    def _dicts(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        with self._errors(), self.conn.cursor(row_factory=dict_row) as cur:
            return cur.execute(sql, list(params)).fetchall()

    @contextlib.contextmanager
    def _reader(self) -> Iterator[Conn]:
        """A connection of its own for a long read streamed with a server-side cursor, so the
        caller may write through this archive while it iterates."""
        self.conn  # noqa: B018  # an open archive only
        with self._errors(), psycopg.connect(self.url, connect_timeout=max(1, int(self.timeout))) as reader:
            reader.read_only = True
            yield reader

    def count(self) -> int:
        return int(self._all("SELECT count(*) FROM articles")[0][0])

    def known_articles(self) -> dict[int, str | None]:
        return {int(a): p for a, p in self._all("SELECT article_id, published_at FROM articles")}

    def dead_link_ids(self) -> set[int]:
        sql = "SELECT d.article_id FROM dead_links d WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = d.article_id)"
        return {int(r[0]) for r in self._all(sql)}

    def complete_channels(self) -> set[str]:
        return {r[0] for r in self._all("SELECT channel FROM channel_state")}

    def article(self, article_id: int) -> dict[str, Any] | None:
        rows = self._dicts("SELECT * FROM articles WHERE article_id = %s", [article_id])
        return decode(rows[0]) if rows else None

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        sql = "SELECT * FROM article_versions WHERE article_id = %s ORDER BY version"
        return [decode(r) for r in self._dicts(sql, [article_id])]

    def channels(self, article_id: int) -> list[dict[str, Any]]:
        sql = "SELECT * FROM article_channels WHERE article_id = %s ORDER BY first_seen_at, channel"
        return self._dicts(sql, [article_id])

    def iter_articles(
        self,
        *,
        channel: str | None = None,
        since: str | None = None,
        until: str | None = None,
        include_withdrawn: bool = True,
        batch_size: int = 500,
    ) -> Iterator[dict[str, Any]]:
        where = pgsearch._filters(since, until)
        if channel:
            where.append(pgsearch.channel_filter(channel))
        if not include_withdrawn:
            where.append(pgsearch.Sql("a.withdrawn_at IS NULL"))
        sql = "SELECT a.* FROM articles a" + (" WHERE " + " AND ".join(w.text for w in where) if where else "")
        sql += " ORDER BY a.published_at IS NULL, a.published_at, a.article_id"
        params = [x for w in where for x in w.params]
        with self._reader() as reader, reader.cursor(name="lcnews_iter", row_factory=dict_row) as cur:
            cur.execute(sql, params)
            while rows := cur.fetchmany(batch_size):
                for r in rows:
                    yield decode(r)

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
    ) -> ExportRows:
        with self._errors():
            sql, params, cq = pgsearch.export_sql(self.conn, query, channel, since, until, author, source)
            cur = self.conn.cursor()
            cur.execute(sql + " LIMIT 0", params)
            columns = [d.name for d in cur.description or ()]
        ti, bi = columns.index("title"), columns.index("body")

        def rows() -> Iterator[tuple[Any, ...]]:
            with self._reader() as reader, reader.cursor(name="lcnews_export") as named:
                named.execute(sql, params)
                while batch := named.fetchmany(batch_size):
                    for row in batch:
                        if cq is not None and cq.needs_verify and not verified(cq, row[ti], row[bi]):
                            continue
                        yield tuple(row)

        return columns, rows()

    def raw_page(self, sha256: str) -> bytes:
        return bytes(self.raw_page_record(sha256)["body"])

    def raw_page_record(self, sha256: str) -> dict[str, Any]:
        rows = self._dicts(
            "SELECT sha256, url, canonical_url, article_id, status, headers, body, fetched_at, encoding"
            " FROM raw_pages WHERE sha256 = %s",
            [sha256],
        )
        if not rows:
            raise KeyError(sha256)
        rec = rows[0]
        rec["headers"] = json.loads(rec["headers"] or "{}")
        rec["body"] = zlib.decompress(bytes(rec["body"]))
        return rec

    def unextracted_pages(self) -> list[dict[str, Any]]:
        """See ``ArchiveAPI.unextracted_pages``."""
        return self._dicts(
            "SELECT DISTINCT ON (article_id) sha256, url, canonical_url, article_id, fetched_at FROM raw_pages AS r"
            " WHERE article_id IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.article_id = r.article_id)"
            " ORDER BY article_id, fetched_at DESC",
            [],
        )

    def _check_index(self) -> None:
        if self._index_stale:
            raise QueryError(
                f"the search index of {self.location} was built by an older lcnews (normaliser version); "
                f"searching it would give wrong results. Run `lcnews rebuild-index --db URL` "
                "(or open the archive writable once, which upgrades it)"
            )

    def search(self, query: str, **options: Any) -> list[dict[str, Any]]:
        p = pgsearch.plan(query, **options)
        self._check_index()
        with self._errors():
            return pgsearch.run_search(self.conn, p, self.url)

    def search_count(self, query: str, **filters: Any) -> int:
        p = pgsearch.plan(query, count_only=True, **filters)
        self._check_index()
        with self._errors():
            return pgsearch.run_count(self.conn, p)

    def trend(self, query: str, *, by: str = "month", **filters: Any) -> list[tuple[str, int]]:
        p = pgsearch.plan(query, count_only=True, **filters)
        self._check_index()
        with self._errors():
            return pgsearch.run_trend(self.conn, p, by)

    def match_ids(self, query: str) -> set[int]:
        """Every article the query matches (unordered; tests and parity checks)."""
        self._check_index()
        with self._errors():
            return pgsearch.match_ids(self.conn, query)
