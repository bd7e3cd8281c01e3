"""The full-text index of the archive: its two FTS5 tables, their DDL, and index maintenance.

* ``articles_fts`` (``detail='full'``, positions kept, so bm25 has term frequencies): the bigram
  tokens of each column (``lcnews.extract.tokens``).
* ``articles_fts_chars`` (``detail='none'``): the distinct letters/digits of each column, so a
  one-character term is found without merging every bigram that starts with it.
* ``articles_fts_tiers`` (``detail='none'``): per article, each distinct bigram and character with
  its bm25 weight's tier (``lcnews.db.tiers``), so relevance ranks every match without scoring
  each one.
* All three are contentless (``content=''``), built-in ``ascii`` tokenizer, rowid = ``article_id``: any
  SQLite client can open and query the file. Deleting a row needs exactly the tokens it was inserted
  with, so the text's tokens are recomputed from the stored text.

Queries against these tables are ``lcnews.db.query`` and ``lcnews.db.rank``; the caller of every
function here owns the transaction.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator, Sequence

from lcnews.db.api import BatchMap
from lcnews.db.fts5record import read_averages
from lcnews.db.tiers import BODY_WEIGHT, TIER_AVGDL, TITLE_WEIGHT, tier_text
from lcnews.extract.tokens import index_text, tokens_key

FTS_TABLE = "articles_fts"
CHARS_TABLE = "articles_fts_chars"
TIERS_TABLE = "articles_fts_tiers"
__all__ = ["BODY_WEIGHT", "CHARS_TABLE", "FTS_TABLE", "TIERS_TABLE", "TITLE_WEIGHT"]

FTS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, body, content='', tokenize='ascii', detail='full')"
)
CHARS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {CHARS_TABLE} USING fts5("
    "title, body, content='', tokenize='ascii', detail='none')"
)

TIERS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TIERS_TABLE} USING fts5(tiers, content='', tokenize='ascii', detail='none')"
)

_INS_FTS = f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (?, ?, ?)"
_INS_CHARS = f"INSERT INTO {CHARS_TABLE}(rowid, title, body) VALUES (?, ?, ?)"
_INS_TIERS = f"INSERT INTO {TIERS_TABLE}(rowid, tiers) VALUES (?, ?)"

Row = tuple[int, str, str]


def text_rows(article_id: int, title: str, body: str, pre: Sequence[str] | None = None) -> tuple[Row, Row]:
    """The ``articles_fts`` and ``articles_fts_chars`` rows of one text (any table of that form:
    the print index too); ``pre`` is its precomputed ``index_text``, used when its key says it
    belongs to this very text."""
    t = pre if pre is not None and len(pre) == 5 and pre[0] == tokens_key(title, body) else None
    if t is None:
        t = index_text(title, body)
    return (article_id, t[1], t[2]), (article_id, t[3], t[4])


def index_rows(
    article_id: int, title: str, body: str, pre: Sequence[str] | None = None, tier_avgdl: float = TIER_AVGDL
) -> tuple[Row, Row, tuple[int, str]]:
    """``text_rows`` and the ``articles_fts_tiers`` row of one article; ``tier_avgdl`` is the
    archive's reference length of the tiers (``tier_avgdl``)."""
    f, c = text_rows(article_id, title, body, pre)
    return f, c, (article_id, tier_text(f[1], f[2], tier_avgdl))


def tier_avgdl(conn: sqlite3.Connection) -> float:
    """The reference length the archive's tiers were built with (``meta.tiers_avgdl``)."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'tiers_avgdl'").fetchone()
    except sqlite3.OperationalError:  # not an lcnews archive
        return TIER_AVGDL
    return float(row[0]) if row else TIER_AVGDL


def _has_tier_avgdl(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM meta WHERE key = 'tiers_avgdl'").fetchone() is not None


def _set_tier_avgdl(conn: sqlite3.Connection, value: float) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('tiers_avgdl', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [repr(value)],
    )


def _index_size(conn: sqlite3.Connection) -> tuple[int, float]:
    """(rows, average length in characters = tokens) of ``articles_fts``, from FTS5's averages
    record (one row read); the average is ``TIER_AVGDL`` when empty."""
    row = conn.execute(f"SELECT block FROM {FTS_TABLE}_data WHERE id = 1").fetchone()
    rows, tokens = read_averages(bytes(row[0])) if row and row[0] else (0, 0)
    return rows, (round(tokens / rows, 1) if rows else TIER_AVGDL)


def index_insert(
    conn: sqlite3.Connection, article_id: int, title: str, body: str, pre: Sequence[str] | None = None
) -> None:
    """Index one article; ``pre`` is its ``index_text`` when precomputed (used if it matches)."""
    f, c, t = index_rows(article_id, title, body, pre, tier_avgdl(conn))
    conn.execute(_INS_FTS, f)
    conn.execute(_INS_CHARS, c)
    conn.execute(_INS_TIERS, t)


def index_delete(conn: sqlite3.Connection, article_id: int, title: str, body: str) -> None:
    """Remove a row from the contentless index: needs exactly the tokens it was inserted with."""
    f, c, t = index_rows(article_id, title, body, tier_avgdl=tier_avgdl(conn))
    conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body) VALUES ('delete', ?, ?, ?)", f)
    conn.execute(f"INSERT INTO {CHARS_TABLE}({CHARS_TABLE}, rowid, title, body) VALUES ('delete', ?, ?, ?)", c)
    conn.execute(f"INSERT INTO {TIERS_TABLE}({TIERS_TABLE}, rowid, tiers) VALUES ('delete', ?, ?)", t)


def configure_rank(conn: sqlite3.Connection) -> None:
    """Store the bm25 weights in the FTS table, so ``ORDER BY rank`` works in any client too."""
    conn.execute(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', ?)",
        (f"bm25({TITLE_WEIGHT}, {BODY_WEIGHT})",),
    )


def create_index(conn: sqlite3.Connection) -> None:
    """(Re-)create the three index tables, empty, with the configured rank."""
    conn.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    conn.execute(f"DROP TABLE IF EXISTS {CHARS_TABLE}")
    conn.execute(f"DROP TABLE IF EXISTS {TIERS_TABLE}")
    conn.execute(FTS_DDL)
    conn.execute(CHARS_DDL)
    conn.execute(TIERS_DDL)
    configure_rank(conn)


def has_tiers(conn: sqlite3.Connection) -> bool:
    """Whether the archive has ``articles_fts_tiers`` (schema version 5 on)."""
    sql = "SELECT 1 FROM sqlite_master WHERE name = ?"
    return conn.execute(sql, [TIERS_TABLE]).fetchone() is not None


def rebuild_tiers(conn: sqlite3.Connection, batch_size: int = 2000, batch_map: BatchMap = map) -> int:
    """(Re-)create and fill ``articles_fts_tiers`` from ``articles`` with the articles' current
    average length as the reference (a migration, a drifted average); returns rows."""
    conn.execute(f"DROP TABLE IF EXISTS {TIERS_TABLE}")
    conn.execute(TIERS_DDL)
    avgdl = _index_size(conn)[1]
    _set_tier_avgdl(conn, avgdl)
    n = 0
    for rows in batch_map(functools.partial(tier_rows_batch, tier_avgdl=avgdl), _batches(conn, batch_size)):
        conn.executemany(_INS_TIERS, rows)
        n += len(rows)
    return n


def _batches(conn: sqlite3.Connection, batch_size: int) -> Iterator[list[tuple[int, str | None, str | None]]]:
    cur = conn.execute("SELECT article_id, title, body FROM articles ORDER BY article_id")
    while rows := cur.fetchmany(batch_size):
        yield rows


def index_rows_batch(
    rows: list[tuple[int, str | None, str | None]], tier_avgdl: float = TIER_AVGDL
) -> list[tuple[Row, Row, tuple[int, str]]]:
    """The index rows of a batch of (article_id, title, body): a job ``rebuild`` may run in workers."""
    return [index_rows(aid, title or "", body or "", None, tier_avgdl) for aid, title, body in rows]


def tier_rows_batch(rows: list[tuple[int, str | None, str | None]], tier_avgdl: float) -> list[tuple[int, str]]:
    """The ``articles_fts_tiers`` rows of a batch (a job ``rebuild_tiers`` may run in workers)."""
    out = []
    for aid, title, body in rows:
        t = index_text(title or "", body or "")
        out.append((aid, tier_text(t[1], t[2], tier_avgdl)))
    return out


# Re-tier when the average length has moved this far from the tiers' reference (the bound stays
# exact either way; far apart, ranking reads more articles), from this many articles on.
RETIER_DRIFT = 0.25
RETIER_MIN_ROWS = 2000


def retier_if_drifted(conn: sqlite3.Connection) -> bool:
    """Rebuild the tiers when the articles' average length is more than ``RETIER_DRIFT`` away from
    their reference length (a new archive starts from ``TIER_AVGDL``; once it holds a few thousand
    articles, its own average is used). Returns whether it rebuilt. The caller owns the transaction."""
    if not has_tiers(conn):
        return False
    rows, avg = _index_size(conn)
    if rows < RETIER_MIN_ROWS:
        return False
    ref = tier_avgdl(conn)
    if abs(avg - ref) <= RETIER_DRIFT * ref:
        return False
    rebuild_tiers(conn)
    return True


def rebuild(conn: sqlite3.Connection, batch_size: int = 2000, batch_map: BatchMap = map) -> int:
    """Re-create every index row from ``articles``; returns the rows indexed. ``batch_map`` computes
    the tokens of each batch (in worker processes, in order) while this connection inserts. The
    tiers keep their reference length (the average of the index being replaced when there is none):
    any reference gives exact rankings, and ``retier_if_drifted`` moves it when it is far off."""
    if not has_tiers(conn):
        conn.execute(TIERS_DDL)
    ref = tier_avgdl(conn) if _has_tier_avgdl(conn) else _index_size(conn)[1]
    _set_tier_avgdl(conn, ref)
    for table in (FTS_TABLE, CHARS_TABLE, TIERS_TABLE):
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
    n = 0
    for triples in batch_map(functools.partial(index_rows_batch, tier_avgdl=ref), _batches(conn, batch_size)):
        conn.executemany(_INS_FTS, [p[0] for p in triples])
        conn.executemany(_INS_CHARS, [p[1] for p in triples])
        conn.executemany(_INS_TIERS, [p[2] for p in triples])
        n += len(triples)
    return n


def integrity_problem(conn: sqlite3.Connection) -> str | None:
    """FTS5's own integrity check of the index tables; None when healthy."""
    for table in (FTS_TABLE, CHARS_TABLE, TIERS_TABLE):
        try:
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 0)")
        except sqlite3.DatabaseError as e:
            return f"search index ({table}): {e}"
    return None
