"""lcnews.db.fts5record: SQLite varints and FTS5's averages record."""

from __future__ import annotations

import sqlite3

import pytest

from lcnews.db.fts5record import parse_varints, read_averages


@pytest.mark.parametrize(
    ("blob", "values"),
    [
        (b"", []),
        (b"\x00\x7f", [0, 127]),
        (b"\x81\x00", [128]),
        (b"\xff\x7f", [16383]),
        (b"\x81\x80\x00", [16384]),
        (b"\xff" * 8 + b"\xff", [2**64 - 1]),  # the 9th byte carries 8 bits
    ],
)
def test_varints(blob: bytes, values: list[int]) -> None:
    assert parse_varints(blob) == values


def test_averages_record_of_a_real_fts5_table() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, content='', tokenize='ascii')")
    conn.execute("INSERT INTO t(rowid, title, body) VALUES (1, 'a b', 'c d e')")
    conn.execute("INSERT INTO t(rowid, title, body) VALUES (2, 'f', 'g')")
    conn.commit()  # FTS5 writes its records when the transaction ends
    (blob,) = conn.execute("SELECT block FROM t_data WHERE id = 1").fetchone()
    assert read_averages(blob) == (2, 7)


def test_empty_averages_record() -> None:
    assert read_averages(b"") == (0, 0)
