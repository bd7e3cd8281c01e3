"""The archive's schema: tables, columns and migrations keyed by ``meta.schema_version``.

Columns of ``articles`` follow the ``Article`` dataclass (lists and dicts stored as JSON text).
Every table and column is documented in docs/schema.md.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable

import sqlite_utils

from lcnews.db import fts
from lcnews.db.print_schema import PRINT_TABLES, add_missing_print_columns, create_print_tables
from lcnews.extract.normalize import NORMALIZER_VERSION, translation_table
from lcnews.items import Article

SCHEMA_VERSION = 6

# Names other tools read: fixed, and first in the table.
LEADING = ["article_id", "url", "channel", "title", "published_at", "source", "authors", "editors", "body"]
BOOKKEEPING: dict[str, type] = {
    "first_seen_at": str,
    "last_seen_at": str,
    "updated_at": str,
    "version": int,
    "withdrawn_at": str,
    "withdrawn_status": int,
    "cluster_id": int,
    "run_id": int,
}
# Article fields that are not columns: ``raw`` carries the fetched page to the archive, which stores
# it in raw_pages; ``index_text`` carries search index tokens precomputed by an extract worker.
TRANSIENT_FIELDS = frozenset({"raw", "index_text"})
TABLES = (
    "meta",
    "articles",
    "article_versions",
    "article_channels",
    "raw_pages",
    "crawl_runs",
    "dead_links",
    "channel_state",
    "search_chars",
    fts.FTS_TABLE,
)  # (articles_fts_tiers is not required: ranking works without it, only slower)
# The print editions' tables (a SQLite archive holds them; a backend may not yet: PrintArchiveAPI)
SQLITE_TABLES = (*TABLES, *PRINT_TABLES)


@functools.cache
def article_fields() -> dict[str, type]:
    """Article field name → Python column type (int, str; lists/dicts are JSON, i.e. str)."""
    hints = typing.get_type_hints(Article)
    out: dict[str, type] = {}
    for f in dataclasses.fields(Article):
        if f.name in TRANSIENT_FIELDS:
            continue
        hint = hints[f.name]
        origin = typing.get_origin(hint)
        if hint is int:
            out[f.name] = int
        elif origin in (list, dict) or hint in (list, dict):
            out[f.name] = str
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            out[f.name] = int if args == [int] else str
        else:
            out[f.name] = str
    return out


@functools.cache
def json_fields() -> frozenset[str]:
    hints = typing.get_type_hints(Article)
    out = set()
    for f in dataclasses.fields(Article):
        if f.name in TRANSIENT_FIELDS:
            continue
        origin = typing.get_origin(hints[f.name]) or hints[f.name]
        if origin in (list, dict):
            out.add(f.name)
    return frozenset(out)


@functools.cache
def article_columns() -> dict[str, type]:
    fields = article_fields()
    cols: dict[str, type] = {}
    for name in LEADING:
        cols[name] = fields.get(name, str)
    for name, t in fields.items():
        cols.setdefault(name, t)
    cols.update(BOOKKEEPING)
    return cols


def _create_v1(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key")
    cols = article_columns()
    db.table("articles").create(cols, pk="article_id", not_null={"url", "version"}, defaults={"version": 1})
    db.table("articles").create_index(["url"], unique=True)
    db.table("articles").create_index(["published_at"])
    db.table("articles").create_index(["channel", "published_at"])
    db.table("articles").create_index(["content_hash"])
    db.table("articles").create_index(["cluster_id"])
    db.table("articles").create_index(["raw_sha256"])

    vcols = dict(cols)
    vcols["replaced_at"] = str
    db.table("article_versions").create(vcols, pk=("article_id", "version"))

    db.table("article_channels").create(
        {"article_id": int, "channel": str, "listing_url": str, "first_seen_at": str, "last_seen_at": str},
        pk=("article_id", "channel", "listing_url"),
    )
    db.table("article_channels").create_index(["channel"])

    db.table("raw_pages").create(
        {
            "sha256": str,
            "url": str,
            "canonical_url": str,
            "article_id": int,
            "status": int,
            "headers": str,
            "body": bytes,
            "fetched_at": str,
            "encoding": str,
        },
        pk="sha256",
    )
    db.table("raw_pages").create_index(["article_id"])

    db.table("crawl_runs").create(
        {
            "run_id": int,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "settings": str,
            "base_url": str,
            "pages": int,
            "items": int,
            "archived": int,
            "updated": int,
            "unchanged": int,
            "dropped": str,
            "errors": int,
            "coverage": str,
            "exit_code": int,
            "pid": int,
        },
        pk="run_id",
    )
    # Article links that answered 404/410 before they were ever archived: not fetched again by
    # incremental runs (only --full retries them).
    db.table("dead_links").create(
        {"article_id": int, "url": str, "status": int, "first_seen_at": str, "last_seen_at": str},
        pk="article_id",
    )
    # Channels whose listing a finished run walked to its last page: only these may stop paging
    # early on later runs (a crawl killed mid-backfill resumes the walk instead).
    db.table("channel_state").create({"channel": str, "complete_at": str, "run_id": int}, pk="channel")
    db.table("search_chars").create({"from_char": str, "to_char": str}, pk="from_char")
    # Version 1's search index (bigrams + end-of-run marker, positions, prefix index); v2 replaces it.
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts.FTS_TABLE} USING fts5("
        "title, body, content='', tokenize='ascii', prefix='1')"
    )
    fts.configure_rank(db.conn)


def _search_v2(db: sqlite_utils.Database) -> None:
    """Search index v2: characters + bigrams, ``detail='column'`` (no positions), verified matches.

    Only created here: migration 3, which always follows, replaces it and rebuilds from ``articles``.
    """
    db.execute(f"DROP TABLE IF EXISTS {fts.FTS_TABLE}")
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts.FTS_TABLE} USING fts5("
        "title, body, content='', tokenize='ascii', detail='column')"
    )


def _search_v3(db: sqlite_utils.Database) -> None:
    """Search index v3: bigrams of the whole text with positions (``detail='full'``: exact phrase
    matches, punctuation included, and bm25 term frequencies) plus ``articles_fts_chars`` (distinct
    letters/digits, ``detail='none'``) for one-character terms; rebuilt from ``articles``."""
    fts.create_index(db.conn)
    fts.rebuild(db.conn)


def _tiers_v5(db: sqlite_utils.Database) -> None:
    """Ranking tiers (``articles_fts_tiers``, ``lcnews.db.tiers``): relevance ranks every match
    exactly; filled from ``articles`` (version 3 rebuilds all three index tables itself)."""
    if not fts.has_tiers(db.conn):
        fts.rebuild_tiers(db.conn)


# Indexes for ``lcnews serve``'s facets (``channel`` and ``published_at`` have theirs from version
# 1): ``source`` for its facet and selections, ``authors`` so the reporters' facet reads a small
# covering index instead of every row. Created on any writable open when missing (additive).
FACET_INDEXES = (("source",), ("authors",))


def ensure_indexes(db: sqlite_utils.Database) -> list[str]:
    """Create the missing ``FACET_INDEXES``; returns their columns. The caller owns the transaction."""
    have = {tuple(ix.columns) for ix in db.table("articles").indexes}
    made = []
    for cols in FACET_INDEXES:
        if cols not in have:
            db.table("articles").create_index(list(cols), if_not_exists=True)
            made.append(",".join(cols))
    return made


# crawl_runs columns added after version 1 (JSON: reason -> count): why listing pages and redirects
# were not followed (``lcnews.spiders.bounds``, ``lcnews.middlewares``), and fetches that failed.
RUN_COLUMNS_V6 = ("stops", "failures")


def _run_reasons_v6(db: sqlite_utils.Database) -> None:
    """``crawl_runs.stops`` and ``crawl_runs.failures`` (additive; idempotent)."""
    have = set(db.table("crawl_runs").columns_dict)
    for name in RUN_COLUMNS_V6:
        if name not in have:
            db.table("crawl_runs").add_column(name, str)


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: _create_v1,
    2: _search_v2,
    3: _search_v3,
    4: create_print_tables,  # the print editions (lcnews.db.print_schema)
    5: _tiers_v5,
    6: _run_reasons_v6,
}


def migrate(db: sqlite_utils.Database, current: int) -> None:
    """Apply migrations ``current+1 .. SCHEMA_VERSION``; the caller owns the transaction."""
    for version in range(current + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[version](db)
        set_meta(db, "schema_version", str(version))
    ensure_indexes(db)


def add_missing_columns(db: sqlite_utils.Database) -> list[str]:
    """New Article fields become new columns, missing facet indexes are created (additive, never
    destructive)."""
    ensure_indexes(db)
    added = []
    for table in ("articles", "article_versions"):
        have = set(db.table(table).columns_dict)
        for name, t in article_columns().items():
            if name not in have:
                db.table(table).add_column(name, t)
                added.append(f"{table}.{name}")
    return added + add_missing_print_columns(db)


def write_search_chars(db: sqlite_utils.Database) -> None:
    """The normaliser's character map, for plain-SQL search (see docs/schema.md)."""
    db.execute("DELETE FROM search_chars")
    db.table("search_chars").insert_all(
        ({"from_char": chr(k), "to_char": v} for k, v in translation_table().items()),
        batch_size=2000,
    )
    set_meta(db, "normalizer_version", NORMALIZER_VERSION)


def set_meta(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.table("meta").upsert({"key": key, "value": value}, pk="key")


def get_meta(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return None if row is None else row[0]
