"""The search API: ``search`` and ``count`` on an archive, a sqlite3/sqlite-utils connection or a path.

How the index works is ``lcnews.db.fts`` (tables) and ``lcnews.extract.tokens`` (tokens); a query is
compiled by ``lcnews.db.query``, ordered by ``lcnews.db.rank`` and run by ``lcnews.db.hits``. This
module opens what it is given (a path read-only), checks the index, and runs it; it also holds the
same search written in plain SQL (``PLAIN_SQL_SEARCH``) for clients without lcnews.

Semantics: an article matches when its normalised title or body contains every positive term (space
separated, ``"..."`` keeps a phrase) and none of the ``-term`` ones. Recall and precision are 1.0
against a substring scan (docs/schema.md, bench/search_bench.py).
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any

from lcnews.db.api import ArchiveAPI
from lcnews.db.archive import Archive
from lcnews.db.hits import (
    MAX_LIMIT,
    PERIODS,
    check_index,
    iter_match_ids,
    plan_count,
    plan_search,
    run_count,
    run_search,
    run_trend,
)
from lcnews.db.rank import RANK_WINDOW, SORTS, clear_stats_cache
from lcnews.db.snippets import DEFAULT_MARKS

__all__ = [
    "DEFAULT_MARKS",
    "MAX_LIMIT",
    "PERIODS",
    "PLAIN_SQL_SEARCH",
    "RANK_WINDOW",
    "SORTS",
    "clear_stats_cache",
    "count",
    "iter_match_ids",
    "search",
    "trend",
]


class _Handle:
    """A connection from an Archive, sqlite-utils Database, sqlite3 connection or a path (opened
    read-only here, closed on exit), with the index checked."""

    def __init__(self, db: Any) -> None:
        self._owned: Archive | None = None
        stale: bool | None = None
        where: object = "the archive"
        if isinstance(db, (str, os.PathLike)):
            self._owned = Archive(db, readonly=True).open()
            self.conn = self._owned.conn
            stale, where = self._owned.index_stale, self._owned.path
        elif isinstance(db, sqlite3.Connection):
            self.conn = db
        elif hasattr(db, "conn"):
            self.conn = db.conn
            if hasattr(db, "index_stale"):
                stale, where = bool(db.index_stale), getattr(db, "path", "the archive")
        else:
            raise TypeError(f"expected an Archive, a connection or a path, not {db!r}")
        try:
            check_index(self.conn, stale, where)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._owned is not None:
            self._owned.close()
            self._owned = None

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.close()


def _other_backend(db: Any) -> ArchiveAPI | None:
    """An open archive of another backend (PostgreSQL): searched through its own methods."""
    return db if isinstance(db, ArchiveAPI) and not isinstance(db, Archive) else None


def search(db: Any, query: str, **options: Any) -> list[dict[str, Any]]:
    """Search the archive ``db``; one dict per article: url, article_id, title, published_at,
    channel, source, authors, withdrawn_at, snippet, score (bm25, higher is better; None unless
    sort="relevance"). Query syntax: ``lcnews.db.syntax`` (words, "phrases", -exclusions, OR,
    parentheses; anything else is a ``QueryError`` saying what is supported).

    Options: ``limit`` (20, at most ``MAX_LIMIT``), ``offset``, ``channel`` (a slug or its Chinese
    name, sub-channels included; unknown: ``QueryError``), ``since``, ``until``, ``author`` /
    ``source`` (exactly that name as stored), ``author_contains`` / ``source_contains`` (a
    substring of it), ``sort`` (relevance, newest, oldest), ``marks`` (around hits in the
    snippet), ``snippet_width``, ``rank_window``. Relevance: FTS5's bm25 (title ×5, body ×1) over
    every match (ties by newest article id); ``rank_window=N`` orders only the newest ``N``
    matches, older ones following newest first. ``sort="newest"``/``"oldest"`` return every match
    by ``published_at``."""
    if (other := _other_backend(db)) is not None:
        return other.search(query, **options)
    plan = plan_search(query, **options)
    with _Handle(db) as conn:
        return run_search(conn, plan)


def count(db: Any, query: str, **filters: Any) -> int:
    """Number of articles ``search`` would find for the same query and filters (every match)."""
    if (other := _other_backend(db)) is not None:
        return other.search_count(query, **filters)
    plan = plan_count(query, **filters)
    with _Handle(db) as conn:
        return run_count(conn, plan)


def trend(db: Any, query: str, *, by: str = "month", **filters: Any) -> list[tuple[str, int]]:
    """(period, matching articles) per ``by`` (``PERIODS``: month ``2025-03``, ISO week
    ``2025-W09``, year) of ``published_at``, oldest first, every period between the first and the
    last hit included (0 when none). Same query and filters as ``count``; undated articles are
    left out."""
    if (other := _other_backend(db)) is not None:
        return other.trend(query, by=by, **filters)
    plan = plan_count(query, **filters)
    with _Handle(db) as conn:
        return run_trend(conn, plan, by)


# --- plain SQL ----------------------------------------------------------------------------------

# The same search in SQL only (sqlite3 shell, `sqlite-utils query`, Datasette without the plugin):
# bind :q to a query of space-separated terms (ANDed), ``-term`` excludes (no quoted phrases).
# Each character is normalised through search_chars, ASCII punctuation becomes its full-width form;
# a term of 2+ characters is the phrase of its bigrams, one character the prefix query "c"*.
# Ranked by the table's configured rank (bm25, title ×5) over every match.
PLAIN_SQL_SEARCH = """\
WITH RECURSIVE
  q(s) AS (SELECT trim(:q) || ' '),
  raw(i, c) AS (
    SELECT 1, substr(s, 1, 1) FROM q WHERE length(s) > 1
    UNION ALL SELECT i + 1, substr(s, i + 1, 1) FROM raw, q WHERE i < length(s)
  ),
  norm(i, c) AS (
    SELECT i, CASE WHEN c IN (' ', char(9), char(10), char(13), char(12288)) THEN ' '
                   ELSE coalesce((SELECT to_char FROM search_chars WHERE from_char = c), c) END
    FROM raw
  ),
  tok(i, c, term) AS (
    SELECT i,
           CASE WHEN unicode(c) BETWEEN 33 AND 126 AND NOT c GLOB '[0-9a-z]'
                THEN char(unicode(c) + 65248) ELSE c END,
           (SELECT count(*) FROM norm n2 WHERE n2.i < n.i AND n2.c = ' ')
    FROM norm n WHERE c != ' '
  ),
  terms(term, neg, first) AS (
    SELECT term, (SELECT c FROM tok t2 WHERE t2.term = t.term ORDER BY i LIMIT 1) = '－'
                 AND count(*) > 1, min(i)
    FROM tok t GROUP BY term
  ),
  body(term, neg, i, c) AS (
    SELECT t.term, terms.neg, t.i, t.c FROM tok t JOIN terms ON terms.term = t.term
    WHERE NOT (terms.neg AND t.i = terms.first)
  ),
  expr(term, neg, e) AS (
    SELECT term, neg, CASE WHEN count(*) = 1 THEN '"' || max(c) || '"*'
      ELSE '"' || (SELECT group_concat(g, ' ') FROM (
             SELECT b1.c || b2.c AS g FROM body b1 JOIN body b2 ON b2.i = b1.i + 1
             WHERE b1.term = body.term AND b2.term = body.term ORDER BY b1.i)) || '"' END
    FROM body GROUP BY term, neg
  ),
  m(match) AS (
    SELECT '(' || (SELECT group_concat(e, ' AND ') FROM (SELECT e FROM expr WHERE NOT neg ORDER BY term)) || ')'
           || coalesce(' NOT (' || (SELECT group_concat(e, ' OR ') FROM (SELECT e FROM expr WHERE neg ORDER BY term)) || ')', '')
  )
SELECT a.article_id, a.url, a.title, a.published_at, a.channel, round(-articles_fts.rank, 3) AS score
FROM articles_fts JOIN articles a ON a.article_id = articles_fts.rowid
WHERE articles_fts MATCH (SELECT match FROM m)
ORDER BY articles_fts.rank
LIMIT 20"""
