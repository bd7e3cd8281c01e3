"""FTS5's own records, read directly: the averages record (rows and tokens per column).

FTS5 keeps, in row ``id = 1`` of ``<table>_data``, the number of rows followed by the total tokens of
each column, as SQLite varints. bm25 needs both (``lcnews.db.rank``); reading them costs one row,
where FTS5's auxiliary functions would scan the table.
"""

from __future__ import annotations


def parse_varints(blob: bytes) -> list[int]:
    """Every SQLite varint in ``blob`` (1-9 bytes each; big-endian 7-bit groups, the 9th byte whole)."""
    vals, i = [], 0
    while i < len(blob):
        v = 0
        for k in range(9):
            b = blob[i]
            i += 1
            if k == 8:
                v = (v << 8) | b
                break
            v = (v << 7) | (b & 0x7F)
            if not b & 0x80:
                break
        vals.append(v)
    return vals


def read_averages(blob: bytes) -> tuple[int, int]:
    """(rows, tokens of the first two columns) from an averages record; (0, 0) when empty."""
    vals = parse_varints(blob)
    rows = vals[0] if vals else 0
    tokens = sum(vals[1:3]) if len(vals) >= 3 else 0
    return rows, tokens
