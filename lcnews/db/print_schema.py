"""The print editions' tables (schema migration 4): articles, their versions, pages, editions, the
print↔web links and the print search index. Documented in docs/schema.md ("The print editions").
"""

from __future__ import annotations

import dataclasses
import functools
import typing

import sqlite_utils

from lcnews.db import fts
from lcnews.items import PrintArticle

PRINT_FTS = "print_fts"
PRINT_CHARS = "print_fts_chars"
PRINT_TABLES = (
    "print_articles",
    "print_article_versions",
    "print_pages",
    "print_editions",
    "print_web_links",
    PRINT_FTS,
    PRINT_CHARS,
)
TRANSIENT = frozenset({"raw", "index_text"})
PRINT_BOOKKEEPING: dict[str, type] = {
    "first_seen_at": str,
    "last_seen_at": str,
    "updated_at": str,
    "version": int,
    "run_id": int,
}


@functools.cache
def print_json_fields() -> frozenset[str]:
    hints = typing.get_type_hints(PrintArticle)
    return frozenset(
        f.name
        for f in dataclasses.fields(PrintArticle)
        if f.name not in TRANSIENT and typing.get_origin(hints[f.name]) in (list, dict)
    )


@functools.cache
def print_columns() -> dict[str, type]:
    """``print_articles`` columns in order: ``print_id``, the PrintArticle fields, bookkeeping."""
    hints = typing.get_type_hints(PrintArticle)
    cols: dict[str, type] = {"print_id": int}
    for f in dataclasses.fields(PrintArticle):
        if f.name in TRANSIENT:
            continue
        hint = hints[f.name]
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        cols[f.name] = int if hint is int or args == [int] else str
    cols.update(PRINT_BOOKKEEPING)
    return cols


def create_print_tables(db: sqlite_utils.Database) -> None:
    """Migration 4 (additive, idempotent): the print tables and their index."""
    have = set(db.table_names())
    cols = print_columns()
    if "print_articles" not in have:
        db.table("print_articles").create(cols, pk="print_id", not_null={"paper", "content_id", "url"})
        db.table("print_articles").create_index(["paper", "content_id"], unique=True)
        db.table("print_articles").create_index(["url"], unique=True)
        db.table("print_articles").create_index(["paper", "edition_date", "page_no"])
        db.table("print_articles").create_index(["content_hash"])
    if "print_article_versions" not in have:
        vcols = dict(cols)
        vcols["replaced_at"] = str
        db.table("print_article_versions").create(vcols, pk=("print_id", "version"))
    if "print_pages" not in have:
        db.table("print_pages").create(
            {
                "paper": str,
                "edition_date": str,
                "page_no": int,
                "page_name": str,
                "url": str,
                "pdf_url": str,
                "content_ids": str,
                "articles": int,
                "raw_sha256": str,
                "first_seen_at": str,
                "last_seen_at": str,
            },
            pk=("paper", "edition_date", "page_no"),
        )
    if "print_editions" not in have:
        db.table("print_editions").create(
            {
                "paper": str,
                "paper_name": str,
                "edition_date": str,
                "pages": int,
                "articles": int,
                "missing": int,
                "status": int,
                "first_seen_at": str,
                "last_seen_at": str,
            },
            pk=("paper", "edition_date"),
        )
    if "print_web_links" not in have:
        db.table("print_web_links").create(
            {
                "print_id": int,
                "article_id": int,
                "paper": str,
                "edition_date": str,
                "page_no": int,
                "published_at": str,
                "days_after": int,
                "distance": int,
                "linked_at": str,
            },
            pk=("print_id", "article_id"),
        )
        db.table("print_web_links").create_index(["article_id"])
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {PRINT_FTS} USING fts5("
        "title, body, content='', tokenize='ascii', detail='full')"
    )
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {PRINT_CHARS} USING fts5("
        "title, body, content='', tokenize='ascii', detail='none')"
    )
    db.execute(
        f"INSERT INTO {PRINT_FTS}({PRINT_FTS}, rank) VALUES ('rank', ?)",
        [f"bm25({fts.TITLE_WEIGHT}, {fts.BODY_WEIGHT})"],
    )


def add_missing_print_columns(db: sqlite_utils.Database) -> list[str]:
    """New PrintArticle fields become new columns (additive)."""
    added = []
    for table in ("print_articles", "print_article_versions"):
        if table not in db.table_names():
            continue
        have = set(db.table(table).columns_dict)
        for name, t in print_columns().items():
            if name not in have:
                db.table(table).add_column(name, t)
                added.append(f"{table}.{name}")
    return added
