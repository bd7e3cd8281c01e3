"""Read-only research queries: streaming exports (CSV, JSON Lines) and the SQL of the Datasette tools.

Exports walk one cursor in batches, so memory stays constant whatever the archive's size; there is
no row or size cap. The file is written beside its final name (``FILE.part``) and renamed when
complete, so an interrupted export never leaves a truncated file under the requested name.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lcnews.db import schema
from lcnews.db import search as fts
from lcnews.db.archive import Archive
from lcnews.db.errors import ArchiveError

FORMATS = ("csv", "jsonl")
BATCH_SIZE = 200
# Index tokens are at most two characters long, so a three-letter token matches no article.
NO_MATCH = '"zzz"'


class ExportError(ArchiveError):
    """The export cannot be written (format, path); the message says why, for the user."""


# --- exports ------------------------------------------------------------------------------------


@dataclass
class ExportResult:
    path: Path
    dictionary: Path
    rows: int
    columns: list[str]


def export_format(out: str | os.PathLike[str]) -> str:
    """``csv`` or ``jsonl`` from the file name; ExportError for anything else."""
    ext = Path(out).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise ExportError(
            f"cannot export to {Path(out).name!r}: the file name must end in "
            + " or ".join(f".{f}" for f in FORMATS)
        )
    return ext


def iter_articles(
    conn: sqlite3.Connection,
    *,
    query: str | None = None,
    channel: str | None = None,
    since: str | None = None,
    until: str | None = None,
    author: str | None = None,
    source: str | None = None,
    batch_size: int = BATCH_SIZE,
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """Column names and every matching ``articles`` row (stored values), by ``article_id``.

    Filters and query mean exactly what they mean in ``lcnews.db.search`` (same code); rows come in
    rowid order, which neither the index nor the table has to sort.
    """
    where, params = fts._filters(channel, since, until, author, source)
    cq = fts.compile_query(query) if query is not None else None
    if cq is None:
        sql = "SELECT a.* FROM articles a"
        sql += "".join(f" {'WHERE' if i == 0 else 'AND'} {w}" for i, w in enumerate(where))
    else:
        sql = (
            f"SELECT a.* FROM {fts.FTS_TABLE} f JOIN articles a ON a.article_id = f.rowid"
            f" WHERE {fts.FTS_TABLE} MATCH ?" + "".join(f" AND {w}" for w in where)
        )
        params = [cq.match, *params]
    sql += " ORDER BY a.article_id"
    cur = fts._run(conn, sql, params)
    columns = [d[0] for d in cur.description]
    ti, bi = columns.index("title"), columns.index("body")

    def rows() -> Iterator[tuple[Any, ...]]:
        while batch := cur.fetchmany(batch_size):
            for row in batch:
                if cq is not None and cq.needs_verify and not fts._verified(cq, row[ti], row[bi]):
                    continue
                yield row

    return columns, rows()


def _write_csv(fh: IO[str], columns: list[str], rows: Iterator[tuple[Any, ...]]) -> int:
    # JSON columns are written as stored: JSON text, which round-trips with json.loads.
    writer = csv.writer(fh)
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
        n += 1
    return n


def _write_jsonl(fh: IO[str], columns: list[str], rows: Iterator[tuple[Any, ...]]) -> int:
    json_cols = {i for i, c in enumerate(columns) if c in schema.json_fields()}
    n = 0
    for row in rows:
        obj = {
            c: (json.loads(v) if i in json_cols and isinstance(v, str) and v else v)
            for i, (c, v) in enumerate(zip(columns, row, strict=True))
        }
        fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def dictionary_path(out: str | os.PathLike[str]) -> Path:
    p = Path(out)
    return p.with_name(p.stem + ".dictionary.md")


def _prepare_out(out: Path) -> None:
    if out.is_dir():
        raise ExportError(f"{out} is a directory; give a file name, e.g. {out / 'articles.csv'}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"cannot create directory {out.parent}: {e.strerror}") from None
    if not os.access(out.parent, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write to {out.parent}: the directory is not writable")
    if out.exists() and not os.access(out, os.W_OK):
        raise ExportError(f"cannot overwrite {out}: the file is read-only")


def export_articles(
    db: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    descriptions: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
    **filters: Any,
) -> ExportResult:
    """Write every matching article (full text) to ``out`` (.csv or .jsonl) plus a data dictionary.

    ``filters``: ``query``, ``channel``, ``since``, ``until``, ``author``, ``source`` (as in
    ``lcnews.db.search``). ``descriptions`` (column → meaning) and ``notes`` (source, licence)
    go into the dictionary.
    Raises ExportError, QueryError or the archive's errors; the requested file is untouched then.
    """
    out_path = Path(out).expanduser()
    fmt = export_format(out_path)
    with Archive(db, readonly=True) as archive:
        # Validate the query and filters before touching the file system.
        columns, rows = iter_articles(archive.conn, **filters)
        _prepare_out(out_path)
        part = out_path.with_name(out_path.name + ".part")
        try:
            # utf-8-sig: the BOM makes Excel read the CSV as UTF-8; JSON Lines has none.
            enc = "utf-8-sig" if fmt == "csv" else "utf-8"
            with open(part, "w", encoding=enc, newline="") as fh:
                write = _write_csv if fmt == "csv" else _write_jsonl
                n = write(fh, columns, rows)
            os.replace(part, out_path)
        except OSError as e:
            part.unlink(missing_ok=True)
            raise ExportError(f"cannot write {out_path}: {e.strerror or e}") from None
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    dict_path = dictionary_path(out_path)
    try:
        dict_path.write_text(
            data_dictionary(
                out_path, fmt, columns, n, descriptions or {}, filters, Path(db), notes
            ),
            encoding="utf-8",
        )
    except OSError as e:
        raise ExportError(f"cannot write {dict_path}: {e.strerror or e}") from None
    return ExportResult(out_path, dict_path, n, columns)


def data_dictionary(
    out: Path,
    fmt: str,
    columns: list[str],
    rows: int,
    descriptions: Mapping[str, str],
    filters: Mapping[str, Any],
    db: Path,
    notes: Sequence[str] = (),
) -> str:
    """The Markdown data dictionary written beside an export."""
    used = {k: v for k, v in filters.items() if v not in (None, "")}
    selection = ", ".join(f"{k} = {v!r}" for k, v in used.items()) or "every article"
    json_cols = sorted(c for c in columns if c in schema.json_fields())
    if fmt == "csv":
        layout = [
            (
                "CSV, UTF-8 with a byte-order mark (Excel opens it as UTF-8), comma-separated, "
                "double-quote quoting, CRLF row ends; one header row."
            ),
            "`body` keeps its line breaks inside the quoted cell (one paragraph per line).",
            "An empty cell is NULL or an empty string. Numbers are written as digits.",
            (
                "List and object columns are JSON text, exactly as stored: `[\"张三\", \"李四\"]` "
                "(`json.loads` in Python, `jsonlite::fromJSON` in R, `JSON.parse` in JavaScript)."
            ),
            (
                "Excel shows at most 32,767 characters per cell and may read a cell starting with "
                "= + - @ as a formula; read long bodies with pandas/R "
                "(`pd.read_csv(path, encoding='utf-8-sig')`)."
            ),
        ]
    else:
        layout = [
            (
                "JSON Lines, UTF-8 (no BOM): one JSON object per line, one line per article, keys "
                "in the column order below."
            ),
            (
                "List and object columns are real JSON arrays/objects; NULL is `null`. `body` "
                "keeps its line breaks as `\\n`."
            ),
            "`pd.read_json(path, lines=True)` reads it.",
        ]
    lines = [
        f"# Data dictionary: {out.name}",
        "",
        f"- Rows: {rows:,} articles ({selection}), in `article_id` order.",
        f"- Archive: `{db}`",
        f"- Written: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} by `lcnews export`",
        *(f"- {note}" for note in notes),
        *(f"- {item}" for item in layout),
        f"- JSON columns: {', '.join(f'`{c}`' for c in json_cols) or 'none'}",
        (
            "- Times: `published_at` is the site's local time (`+08:00`); `*_at` bookkeeping "
            "columns are UTC (ISO 8601)."
        ),
        "",
        "| column | meaning |",
        "|---|---|",
    ]
    lines += [
        f"| `{c}` | {descriptions.get(c, '(see docs/schema.md)').replace('|', '/')} |"
        for c in columns
    ]
    return "\n".join(lines) + "\n"


# --- SQL of the Datasette tools -----------------------------------------------------------------
# The lcnews_* functions are registered by the Datasette plugin (lcnews/datasette/plugin.py).


def is_archive(conn: sqlite3.Connection) -> bool:
    """Whether a connection is to an lcnews archive (has the search index and character map)."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {"meta", "articles", fts.FTS_TABLE, "search_chars"} <= names


# Extra condition for the table's search box: terms with punctuation are verified as substrings.
SEARCH_VERIFY_WHERE = "lcnews_verify(:{param}, {title}, {body})"

SEARCH_SQL = f"""\
SELECT a.article_id, a.published_at, a.channel, a.source, a.title,
       lcnews_snippet(a.body, :q) AS snippet, round(-f.rank, 3) AS score, a.url
FROM {fts.FTS_TABLE} f JOIN articles a ON a.article_id = f.rowid
WHERE {fts.FTS_TABLE} MATCH lcnews_match(:q) AND lcnews_verify(:q, a.title, a.body)
ORDER BY f.rank
LIMIT 1000"""

REPORTER_MONTH_SQL = """\
SELECT j.value AS reporter, substr(a.published_at, 1, 7) AS month, count(*) AS articles
FROM articles a, json_each(CASE WHEN json_valid(a.authors) THEN a.authors ELSE '[]' END) j
WHERE :reporter = '' OR j.value = trim(:reporter)
GROUP BY reporter, month
ORDER BY reporter, month"""

CHANNEL_MONTH_SQL = """\
SELECT channel, substr(published_at, 1, 7) AS month, count(*) AS articles
FROM articles
GROUP BY channel, month
ORDER BY channel, month"""

ARTICLE_VERSIONS_SQL = """\
SELECT version, 'superseded' AS state, updated_at AS written_at, replaced_at, title,
       published_at, content_hash, raw_sha256, body
FROM article_versions WHERE article_id = :article_id
UNION ALL
SELECT version, 'current', updated_at, NULL, title, published_at, content_hash, raw_sha256, body
FROM articles WHERE article_id = :article_id
ORDER BY version"""


def month_facet_sql(inner_sql: str, column: str, limit: int) -> str:
    """Count rows of ``inner_sql`` per month (``YYYY-MM``) of an ISO date column, newest first."""
    col = '"' + column.replace('"', '""') + '"'
    return (
        f"SELECT substr({col}, 1, 7) AS value, count(*) AS count FROM ({inner_sql})"
        f" WHERE {col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"
        f" GROUP BY value ORDER BY value DESC LIMIT {int(limit)}"
    )
