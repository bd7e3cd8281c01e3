"""``lcnews export``: every matching article, full text, to CSV, JSON Lines or Parquet, with a data dictionary.

Backend-neutral: rows come from ``ArchiveAPI.export_rows``, walked in batches, so memory stays
constant whatever the archive's size; there is no row or size cap. The file is written beside its
final name (``FILE.part``) and renamed when complete, so an interrupted export never leaves a
truncated file under the requested name. Parquet (``pyarrow``, the ``parquet`` extra) is written in
row groups of ``PARQUET_ROW_GROUP`` articles, lists as real list columns.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import os
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lcnews.db.api import ArchiveAPI, PrintArchiveAPI
from lcnews.db.errors import ArchiveError
from lcnews.db.print_schema import print_columns, print_json_fields
from lcnews.db.schema import json_fields
from lcnews.items import Article

FORMATS = ("csv", "jsonl", "parquet")
BATCH_SIZE = 200  # rows read from the archive per batch
PARQUET_ROW_GROUP = 5000  # articles per Parquet row group (what the writer holds in memory)


class ExportError(ArchiveError):
    """The export cannot be written (format, path); the message says why, for the user."""


@dataclass
class ExportResult:
    path: Path
    dictionary: Path
    rows: int
    columns: list[str]


def export_format(out: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format: ``fmt`` when given, else from the file name (.csv, .jsonl, .parquet);
    ExportError for anything else, or when Parquet is asked for without pyarrow installed."""
    ext = (fmt or Path(out).suffix.lstrip(".")).lower()
    if ext == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ExportError("Parquet export needs pyarrow: pip install 'lcnews[parquet]'") from None
    if ext not in FORMATS:
        if fmt:
            raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
        raise ExportError(
            f"cannot export to {Path(out).name!r}: the file name must end in .csv, .jsonl or .parquet (or give --format)"
        )
    return ext


def _write_csv(fh: IO[str], columns: list[str], rows: Iterator[tuple[Any, ...]]) -> int:
    # JSON columns are written as stored: JSON text, which round-trips with json.loads.
    writer = csv.writer(fh)
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
        n += 1
    return n


def _write_jsonl(
    fh: IO[str], columns: list[str], rows: Iterator[tuple[Any, ...]], json_names: frozenset[str] | None = None
) -> int:
    names = json_fields() if json_names is None else json_names
    json_cols = {i for i, c in enumerate(columns) if c in names}
    n = 0
    for row in rows:
        obj = {
            c: (json.loads(v) if i in json_cols and isinstance(v, str) and v else v)
            for i, (c, v) in enumerate(zip(columns, row, strict=True))
        }
        fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def _print_rows(archive: ArchiveAPI, filters: Mapping[str, Any]) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """``print_articles`` as stored (JSON columns as text), for the writers."""
    if not isinstance(archive, PrintArchiveAPI):
        raise ExportError(f"the archive at {archive.location} holds no print editions")
    unknown = sorted(k for k, v in filters.items() if v not in (None, "") and k not in ("paper", "since", "until"))
    if unknown:
        raise ExportError(f"--{unknown[0]} applies to web articles, not to print articles")
    columns = list(print_columns())
    json_names = print_json_fields()
    it = archive.iter_print_articles(
        paper=filters.get("paper"), since=filters.get("since"), until=filters.get("until"), batch_size=BATCH_SIZE
    )

    def rows() -> Iterator[tuple[Any, ...]]:
        for row in it:
            yield tuple(json.dumps(row.get(c), ensure_ascii=False) if c in json_names else row.get(c) for c in columns)

    return columns, rows()


def _arrow_schema(columns: list[str]) -> Any:
    """Arrow types of the exported columns: integers as int64, list-of-name columns as lists of
    strings, ``images`` as a list of {src, caption}, every other column (objects included, as their
    JSON text) as a string."""
    import pyarrow as pa

    from lcnews.db.schema import article_columns

    types = article_columns()
    hints = typing.get_type_hints(Article)
    fields = []
    for c in columns:
        hint = hints.get(c)
        if c == "images":
            t = pa.list_(pa.struct([("src", pa.string()), ("caption", pa.string())]))
        elif typing.get_origin(hint) is list:
            t = pa.list_(pa.string())
        elif types.get(c) is int:
            t = pa.int64()
        else:
            t = pa.string()
        fields.append(pa.field(c, t))
    return pa.schema(fields)


def _type_name(t: Any) -> str:
    """``list<string>``, ``list<struct<src: string, caption: string>>``, ``int64``, ``string``."""
    import pyarrow as pa

    if pa.types.is_list(t):
        return f"list<{_type_name(t.value_type)}>"
    if pa.types.is_struct(t):
        return "struct<" + ", ".join(f"{f.name}: {_type_name(f.type)}" for f in t) + ">"
    return str(t)


def _write_parquet(path: Path, columns: list[str], rows: Iterator[tuple[Any, ...]]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(columns)
    lists = {i for i, f in enumerate(schema) if pa.types.is_list(f.type)}
    n = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        while batch := list(itertools.islice(rows, PARQUET_ROW_GROUP)):
            cols: list[list[Any]] = [[] for _ in columns]
            for row in batch:
                for i, v in enumerate(row):
                    cols[i].append((json.loads(v) if isinstance(v, str) and v else []) if i in lists else v)
            writer.write_table(pa.Table.from_arrays(cols, schema=schema), row_group_size=PARQUET_ROW_GROUP)
            n += len(batch)
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
    archive: ArchiveAPI,
    out: str | os.PathLike[str],
    *,
    descriptions: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
    fmt: str | None = None,
    kind: str = "web",
    **filters: Any,
) -> ExportResult:
    """Write every matching article (full text) to ``out`` (CSV, JSON Lines or Parquet: ``fmt``,
    else the extension .csv/.jsonl/.parquet) plus a data dictionary.

    ``kind="print"`` writes the print articles (``print_articles``; filters ``paper``, ``since``,
    ``until`` on the edition date), by edition date, paper, page and position.

    ``archive`` is open (read-only is enough). ``filters``: ``query``, ``channel``, ``since``,
    ``until``, ``author``, ``source`` (as in ``lcnews.db.search``). ``descriptions`` (column → meaning) and ``notes`` (source, licence)
    go into the dictionary.
    Raises ExportError, QueryError or the archive's errors; the requested file is untouched then.
    """
    out_path = Path(out).expanduser()
    fmt = export_format(out_path, fmt)
    # Validate the query and filters before touching the file system.
    json_names: frozenset[str] | None = None
    if kind == "print":
        if fmt == "parquet":
            raise ExportError("print articles export to CSV or JSON Lines (.csv, .jsonl), not Parquet")
        columns, rows = _print_rows(archive, filters)
        json_names = print_json_fields()
    else:
        columns, rows = archive.export_rows(batch_size=BATCH_SIZE, **filters)
    _prepare_out(out_path)
    part = out_path.with_name(out_path.name + ".part")
    try:
        # utf-8-sig: the BOM makes Excel read the CSV as UTF-8; JSON Lines has none.
        if fmt == "parquet":
            n = _write_parquet(part, columns, rows)
        else:
            enc = "utf-8-sig" if fmt == "csv" else "utf-8"
            with open(part, "w", encoding=enc, newline="") as fh:
                n = _write_csv(fh, columns, rows) if fmt == "csv" else _write_jsonl(fh, columns, rows, json_names)
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
                out_path, fmt, columns, n, descriptions or {}, filters, Path(archive.location), notes, kind=kind
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
    kind: str = "web",
) -> str:
    """The Markdown data dictionary written beside an export."""
    used = {k: v for k, v in filters.items() if v not in (None, "")}
    selection = ", ".join(f"{k} = {v!r}" for k, v in used.items()) or "every article"
    json_cols = sorted(c for c in columns if c in json_fields())
    if fmt == "parquet":
        json_cols = [c for c in json_cols if c in ("extra", "field_sources")]
    if fmt == "csv":
        layout = [
            (
                "CSV, UTF-8 with a byte-order mark (Excel opens it as UTF-8), comma-separated, "
                "double-quote quoting, CRLF row ends; one header row."
            ),
            "`body` keeps its line breaks inside the quoted cell (one paragraph per line).",
            "An empty cell is NULL or an empty string. Numbers are written as digits.",
            (
                'List and object columns are JSON text, exactly as stored: `["张三", "李四"]` '
                "(`json.loads` in Python, `jsonlite::fromJSON` in R, `JSON.parse` in JavaScript)."
            ),
            (
                "Excel shows at most 32,767 characters per cell and may read a cell starting with "
                "= + - @ as a formula; read long bodies with pandas/R "
                "(`pd.read_csv(path, encoding='utf-8-sig')`)."
            ),
        ]
    elif fmt == "parquet":
        layout = [
            (
                "Apache Parquet (zstd), one row per article, row groups of "
                f"{PARQUET_ROW_GROUP:,}; column types below. Integers are int64, text is UTF-8 string."
            ),
            (
                "`authors`, `editors`, `correspondents`, `photographers`, `channel_names`: lists of "
                "strings; `images`: a list of {src, caption}; `extra` and `field_sources`: JSON text."
            ),
            (
                "`pd.read_parquet(path)` (pandas), `arrow::read_parquet(path)` (R), "
                "`SELECT * FROM 'file.parquet'` (DuckDB)."
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
        f"- Rows: {rows:,} {'print ' if kind == 'print' else ''}articles ({selection}), in "
        + ("edition date, paper, page and position order." if kind == "print" else "`article_id` order."),
        f"- Archive: `{db}`",
        f"- Written: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} by `lcnews export`",
        *(f"- {note}" for note in notes),
        *(f"- {item}" for item in layout),
        f"- JSON columns: {', '.join(f'`{c}`' for c in json_cols) or 'none'}",
        ("- Times: `published_at` is the site's local time (`+08:00`); `*_at` bookkeeping columns are UTC (ISO 8601)."),
        "",
    ]
    meaning = {c: descriptions.get(c, "(see docs/schema.md)").replace("|", "/") for c in columns}
    if fmt == "parquet":
        types = {f.name: _type_name(f.type) for f in _arrow_schema(columns)}
        lines += ["| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{c}` | `{types[c]}` | {meaning[c]} |" for c in columns]
    else:
        lines += ["| column | meaning |", "|---|---|"]
        lines += [f"| `{c}` | {meaning[c]} |" for c in columns]
    return "\n".join(lines) + "\n"
