"""The full-text index of the archive: its two FTS5 tables, their DDL, and index maintenance.

* ``articles_fts`` (``detail='full'``, positions kept, so bm25 has term frequencies): the bigram
  tokens of each column (``lcnews.extract.tokens``).
* ``articles_fts_chars`` (``detail='none'``): the distinct letters/digits of each column, so a
  one-character term is found without merging every bigram that starts with it.
* Both are contentless (``content=''``), built-in ``ascii`` tokenizer, rowid = ``article_id``: any
  SQLite client can open and query the file. Deleting a row needs exactly the tokens it was inserted
  with, so the text's tokens are recomputed from the stored text.

Queries against these tables are ``lcnews.db.query`` and ``lcnews.db.rank``; the caller of every
function here owns the transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

from lcnews.db.api import BatchMap
from lcnews.extract.tokens import index_text, tokens_key

FTS_TABLE = "articles_fts"
CHARS_TABLE = "articles_fts_chars"
# bm25 column weights: a hit in the title counts this many times a hit in the body.
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0

FTS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, body, content='', tokenize='ascii', detail='full')"
)
CHARS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {CHARS_TABLE} USING fts5("
    "title, body, content='', tokenize='ascii', detail='none')"
)

_INS_FTS = f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (?, ?, ?)"
_INS_CHARS = f"INSERT INTO {CHARS_TABLE}(rowid, title, body) VALUES (?, ?, ?)"

Row = tuple[int, str, str]


def index_rows(article_id: int, title: str, body: str, pre: Sequence[str] | None = None) -> tuple[Row, Row]:
    """The ``articles_fts`` and ``articles_fts_chars`` rows of one article; ``pre`` is its
    precomputed ``index_text``, used when its key says it belongs to this very text."""
    t = pre if pre is not None and len(pre) == 5 and pre[0] == tokens_key(title, body) else None
    if t is None:
        t = index_text(title, body)
    return (article_id, t[1], t[2]), (article_id, t[3], t[4])


def index_insert(
    conn: sqlite3.Connection, article_id: int, title: str, body: str, pre: Sequence[str] | None = None
) -> None:
    """Index one article; ``pre`` is its ``index_text`` when precomputed (used if it matches)."""
    f, c = index_rows(article_id, title, body, pre)
    conn.execute(_INS_FTS, f)
    conn.execute(_INS_CHARS, c)


def index_delete(conn: sqlite3.Connection, article_id: int, title: str, body: str) -> None:
    """Remove a row from the contentless index: needs exactly the tokens it was inserted with."""
    f, c = index_rows(article_id, title, body)
    conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body) VALUES ('delete', ?, ?, ?)", f)
    conn.execute(f"INSERT INTO {CHARS_TABLE}({CHARS_TABLE}, rowid, title, body) VALUES ('delete', ?, ?, ?)", c)


def configure_rank(conn: sqlite3.Connection) -> None:
    """Store the bm25 weights in the FTS table, so ``ORDER BY rank`` works in any client too."""
    conn.execute(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', ?)",
        (f"bm25({TITLE_WEIGHT}, {BODY_WEIGHT})",),
    )


def create_index(conn: sqlite3.Connection) -> None:
    """(Re-)create both index tables, empty, with the configured rank."""
    conn.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    conn.execute(f"DROP TABLE IF EXISTS {CHARS_TABLE}")
    conn.execute(FTS_DDL)
    conn.execute(CHARS_DDL)
    configure_rank(conn)


def index_rows_batch(rows: list[tuple[int, str | None, str | None]]) -> list[tuple[Row, Row]]:
    """The index rows of a batch of (article_id, title, body): a job ``rebuild`` may run in workers."""
    return [index_rows(aid, title or "", body or "") for aid, title, body in rows]


def rebuild(conn: sqlite3.Connection, batch_size: int = 2000, batch_map: BatchMap = map) -> int:
    """Re-create every index row from ``articles``; returns the rows indexed. ``batch_map`` computes
    the tokens of each batch (in worker processes, in order) while this connection inserts."""
    conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
    conn.execute(f"INSERT INTO {CHARS_TABLE}({CHARS_TABLE}) VALUES ('delete-all')")
    cur = conn.execute("SELECT article_id, title, body FROM articles ORDER BY article_id")

    def batches() -> Iterator[list[tuple[int, str | None, str | None]]]:
        while rows := cur.fetchmany(batch_size):
            yield rows

    n = 0
    for pairs in batch_map(index_rows_batch, batches()):
        conn.executemany(_INS_FTS, [p[0] for p in pairs])
        conn.executemany(_INS_CHARS, [p[1] for p in pairs])
        n += len(pairs)
    return n


def integrity_problem(conn: sqlite3.Connection) -> str | None:
    """FTS5's own integrity check of ``articles_fts``; None when healthy."""
    try:
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 0)")
    except sqlite3.DatabaseError as e:
        return f"search index: {e}"
    return None
