"""The print editions in the archive: writing articles (versions, dedupe, index), pages and editions;
reading them back; searching them; linking them to the web articles they share text with.

One row per (paper, content_id). A changed headline or body copies the old row to
``print_article_versions`` (``version`` + 1); the same text only moves ``last_seen_at`` and refreshes
page facts. A different content id with the same script-insensitive ``content_hash`` in the same
edition is a copy of an archived article (dropped, counted). Nothing is deleted. The caller owns
the transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from lcnews.db.clusters import SIMHASH_MAX_DISTANCE, SIMHASH_MIN_CHARS
from lcnews.db.errors import QueryError
from lcnews.db.fts import text_rows
from lcnews.db.print_schema import PRINT_CHARS, PRINT_FTS, print_columns, print_json_fields
from lcnews.db.query import compile_query, date_bounds, id_source, verified
from lcnews.db.rows import as_dict
from lcnews.db.snippets import DEFAULT_MARKS, snippet
from lcnews.extract.normalize import hamming

RAW_ZLIB_LEVEL = 6
_TEXT = ("pretitle", "title", "subtitle", "body")
# Page facts a later fetch may correct without a new version (the text is what versions track).
_REFRESHED = ("page_no", "page_name", "position", "pdf_url", "layout_url", "images", "authors",
              "correspondents", "photographers", "continued_to", "continued_from", "field_sources",
              "extractor_version", "raw_sha256", "fetched_url", "fetched_at", "encoding", "paper_name")  # fmt: skip
MAX_LIMIT = 100_000  # counting (lcnews search --count) asks for every hit


def headline(row: dict[str, Any]) -> str:
    """What the index holds as a print article's title: 引题, title and 副题."""
    return " ".join(x for x in (row.get("pretitle"), row.get("title"), row.get("subtitle")) if x)


def _row(item: dict[str, Any]) -> dict[str, Any]:
    cols = print_columns()
    row = {k: item.get(k) for k in cols if k in item and k != "print_id"}
    for k in print_json_fields():
        if k in row and not isinstance(row[k], str):
            row[k] = json.dumps(row[k] if row[k] is not None else [], ensure_ascii=False)
    return row


def _index(conn: sqlite3.Connection, pid: int, row: dict[str, Any], pre: Any = None, delete: bool = False) -> None:
    f, c = text_rows(pid, headline(row), row.get("body") or "", None if delete else pre)
    if delete:
        conn.execute(f"INSERT INTO {PRINT_FTS}({PRINT_FTS}, rowid, title, body) VALUES ('delete', ?, ?, ?)", f)
        conn.execute(f"INSERT INTO {PRINT_CHARS}({PRINT_CHARS}, rowid, title, body) VALUES ('delete', ?, ?, ?)", c)
    else:
        conn.execute(f"INSERT INTO {PRINT_FTS}(rowid, title, body) VALUES (?, ?, ?)", f)
        conn.execute(f"INSERT INTO {PRINT_CHARS}(rowid, title, body) VALUES (?, ?, ?)", c)


def _insert(conn: sqlite3.Connection, verb: str, table: str, row: dict[str, Any]) -> int:
    names = list(row)
    cur = conn.execute(
        f"{verb} INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", [row[n] for n in names]
    )
    return int(cur.lastrowid or 0)


def upsert_print(conn: sqlite3.Connection, item: dict[str, Any], run_id: int | None, seen: str) -> str:
    """Insert, version or refresh one print article; the outcome (or ``dropped:reason``)."""
    try:
        paper, cid = str(item["paper"]), int(item["content_id"])
    except (KeyError, TypeError, ValueError):
        return "dropped:no_content_id"
    if not item.get("url") or not paper:
        return "dropped:no_url"
    row = _row(item)
    cur = conn.execute("SELECT * FROM print_articles WHERE paper = ? AND content_id = ?", [paper, cid])
    cols = [d[0] for d in cur.description]
    found = cur.fetchone()
    if found is None:
        twin = conn.execute(
            "SELECT 1 FROM print_articles WHERE paper = ? AND edition_date = ? AND content_hash = ? AND content_id != ?",
            [paper, row.get("edition_date"), row.get("content_hash"), cid],
        ).fetchone()
        if twin is not None and row.get("content_hash"):
            return "dropped:duplicate"
        if conn.execute("SELECT 1 FROM print_articles WHERE url = ?", [row["url"]]).fetchone():
            return "dropped:url_conflict"
        row.update(first_seen_at=seen, last_seen_at=seen, updated_at=seen, version=1, run_id=run_id)
        pid = _insert(conn, "INSERT", "print_articles", row)
        _index(conn, pid, row, item.get("index_text"))
        return "archived"
    prev = dict(zip(cols, found, strict=True))
    pid = int(prev["print_id"])
    if all((prev.get(k) or "") == (row.get(k) or "") for k in _TEXT):
        changed = {k: row[k] for k in _REFRESHED if k in row and row[k] != prev.get(k)}
        sets = "".join(f", {k} = ?" for k in changed)
        extra = ", updated_at = ?" if changed else ""
        conn.execute(
            f"UPDATE print_articles SET last_seen_at = ?{sets}{extra} WHERE print_id = ?",
            [seen, *changed.values(), *([seen] if changed else []), pid],
        )
        return "refreshed" if changed else "unchanged"
    old = dict(prev)
    old["replaced_at"] = seen
    _insert(conn, "INSERT OR REPLACE", "print_article_versions", old)
    _index(conn, pid, prev, delete=True)
    row.update(
        print_id=pid, first_seen_at=prev["first_seen_at"], last_seen_at=seen, updated_at=seen,
        version=int(prev["version"] or 1) + 1, run_id=run_id,
    )  # fmt: skip
    _insert(conn, "REPLACE", "print_articles", row)
    _index(conn, pid, row, item.get("index_text"))
    return "updated"


def insert_raw(conn: sqlite3.Connection, pages: Iterable[dict[str, Any]]) -> int:
    """Raw pages (content and layout pages) into ``raw_pages``, new sha256 only."""
    rows = {}
    for p in pages:
        body = p.get("body") or b""
        sha = hashlib.sha256(body).hexdigest()
        rows[sha] = (
            sha, p.get("url", ""), p.get("canonical_url", ""), None, p.get("status"),
            json.dumps(p.get("headers") or {}, ensure_ascii=False), zlib.compress(body, RAW_ZLIB_LEVEL),
            p.get("fetched_at", ""), p.get("encoding") or "",
        )  # fmt: skip
    before = conn.total_changes
    conn.executemany(
        "INSERT OR IGNORE INTO raw_pages (sha256, url, canonical_url, article_id, status, headers, body,"
        " fetched_at, encoding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        list(rows.values()),
    )
    return conn.total_changes - before


def record_page(conn: sqlite3.Connection, page: dict[str, Any]) -> None:
    ids = list(page.get("content_ids") or [])
    body = page.get("body") or b""
    sha = hashlib.sha256(body).hexdigest() if body else ""
    seen = page["seen_at"]
    conn.execute(
        "INSERT INTO print_pages (paper, edition_date, page_no, page_name, url, pdf_url, content_ids, articles,"
        " raw_sha256, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (paper, edition_date, page_no) DO UPDATE SET page_name = excluded.page_name,"
        " url = excluded.url, pdf_url = excluded.pdf_url, content_ids = excluded.content_ids,"
        " articles = excluded.articles, raw_sha256 = excluded.raw_sha256, last_seen_at = excluded.last_seen_at",
        [page["paper"], page["edition_date"], page["page_no"], page.get("page_name") or "", page.get("url") or "",
         page.get("pdf_url") or "", json.dumps(ids), len(ids), sha, seen, seen],
    )  # fmt: skip


def record_edition(conn: sqlite3.Connection, ed: dict[str, Any]) -> None:
    """An edition seen (or seen missing). A day once archived is never turned into a missing one."""
    seen = ed["seen_at"]
    articles = int(ed.get("articles") or 0)
    conn.execute(
        "INSERT INTO print_editions (paper, paper_name, edition_date, pages, articles, missing, status,"
        " first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (paper, edition_date) DO UPDATE SET last_seen_at = excluded.last_seen_at,"
        " articles = CASE WHEN excluded.missing THEN print_editions.articles ELSE excluded.articles END,"
        " status = excluded.status,"
        " pages = CASE WHEN excluded.missing THEN print_editions.pages ELSE excluded.pages END,"
        " missing = CASE WHEN excluded.missing THEN print_editions.missing ELSE 0 END",
        [ed["paper"], ed.get("paper_name") or "", ed["edition_date"], int(ed.get("pages") or 0), articles,
         1 if ed.get("missing") else 0, ed.get("status"), seen, seen],
    )  # fmt: skip


def write_print(
    conn: sqlite3.Connection,
    articles: Iterable[Any],
    pages: Iterable[Any],
    editions: Iterable[Any],
    run_id: int | None,
    seen: str,
) -> dict[str, Any]:
    stats: dict[str, Any] = {"archived": 0, "updated": 0, "refreshed": 0, "unchanged": 0, "raw_pages": 0,
                             "pages": 0, "editions": 0, "dropped": {}}  # fmt: skip
    items = [as_dict(a) for a in articles]
    page_items = [as_dict(p) for p in pages]
    raws = [as_dict(i["raw"]) for i in items if i.get("raw") is not None]
    raws += [
        {"url": p.get("fetched_url") or p["url"], "canonical_url": p["url"], "status": p.get("status", 200),
         "headers": p.get("headers") or {}, "body": p["body"], "fetched_at": p["seen_at"]}
        for p in page_items if p.get("body")
    ]  # fmt: skip
    stats["raw_pages"] = insert_raw(conn, raws)
    for item in items:
        outcome = upsert_print(conn, item, run_id, seen)
        if outcome.startswith("dropped:"):
            reason = outcome.split(":", 1)[1]
            stats["dropped"][reason] = stats["dropped"].get(reason, 0) + 1
        else:
            stats[outcome] += 1
    for p in page_items:
        record_page(conn, p)
        stats["pages"] += 1
    for e in editions:
        record_edition(conn, as_dict(e))
        stats["editions"] += 1
    return stats


# --- reading ---------------------------------------------------------------------------------------


def decode_print(row: dict[str, Any]) -> dict[str, Any]:
    for k in print_json_fields():
        if isinstance(row.get(k), str):
            row[k] = json.loads(row[k])
    return row


def _dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur]


def known_print(conn: sqlite3.Connection, papers: Iterable[str]) -> dict[tuple[str, int], dict[str, Any]]:
    keys = list(papers)
    sql = "SELECT paper, content_id, title, edition_date FROM print_articles"
    if keys:
        sql += f" WHERE paper IN ({','.join('?' * len(keys))})"
    return {(p, int(c)): {"title": t, "edition_date": d} for p, c, t, d in conn.execute(sql, keys)}


def editions(conn: sqlite3.Connection, paper: str | None, since: str | None, until: str | None) -> list[dict[str, Any]]:
    conds, params = _date_conds("edition_date", since, until)
    if paper:
        conds.append("paper = ?")
        params.append(paper)
    where = " WHERE " + " AND ".join(conds) if conds else ""
    rows = _dicts(conn.execute(f"SELECT * FROM print_editions{where} ORDER BY paper, edition_date", params))
    for r in rows:
        r["missing"] = bool(r["missing"])
    return rows


def article(conn: sqlite3.Connection, paper: str, content_id: int) -> dict[str, Any] | None:
    rows = _dicts(conn.execute("SELECT * FROM print_articles WHERE paper = ? AND content_id = ?", [paper, content_id]))
    return decode_print(rows[0]) if rows else None


def versions(conn: sqlite3.Connection, paper: str, content_id: int) -> list[dict[str, Any]]:
    cur = conn.execute(
        "SELECT * FROM print_article_versions WHERE paper = ? AND content_id = ? ORDER BY version", [paper, content_id]
    )
    return [decode_print(r) for r in _dicts(cur)]


def _date_conds(col: str, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    conds: list[str] = []
    params: list[Any] = []
    lo, hi = date_bounds(since, "since", False), date_bounds(until, "until", True)
    if lo:
        conds.append(f"{col} >= ?")
        params.append(lo)
    if hi:
        conds.append(f"{col} < ?")
        params.append(hi)
    return conds, params


def iter_print(
    conn: sqlite3.Connection, paper: str | None, since: str | None, until: str | None, batch_size: int
) -> Iterator[dict[str, Any]]:
    conds, params = _date_conds("edition_date", since, until)
    if paper:
        conds.append("paper = ?")
        params.append(paper)
    where = " WHERE " + " AND ".join(conds) if conds else ""
    cur = conn.execute(
        f"SELECT * FROM print_articles{where} ORDER BY edition_date, paper, page_no, position, content_id", params
    )
    cols = [d[0] for d in cur.description]
    while True:
        batch = cur.fetchmany(batch_size)
        if not batch:
            return
        for r in batch:
            yield decode_print(dict(zip(cols, r, strict=True)))


# --- search ----------------------------------------------------------------------------------------


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    limit: int = 20,
    offset: int = 0,
    paper: str | None = None,
    since: str | None = None,
    until: str | None = None,
    page_no: int | None = None,
    sort: str = "relevance",
    marks: tuple[str, str] = DEFAULT_MARKS,
    snippet_width: int = 120,
) -> list[dict[str, Any]]:
    """Print hits: kind, url, paper, paper_name, edition_date, page_no, page_name, title, pretitle,
    subtitle, authors, snippet, score (bm25, higher is better, when ranked by relevance)."""
    if not isinstance(limit, int) or not 0 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 0 and {MAX_LIMIT}")
    if sort not in ("relevance", "newest", "oldest"):
        raise QueryError(f"sort must be relevance, newest or oldest, not {sort!r}")
    cq = compile_query(query)
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'print_articles'").fetchone() is None:
        return []  # an archive from before the print editions (opened read-only) holds none
    src, cond, params = id_source(cq, "f", (PRINT_FTS, PRINT_CHARS))
    conds, more = _date_conds("p.edition_date", since, until)
    if paper:
        conds.append("p.paper = ?")
        more.append(paper)
    if page_no is not None:
        conds.append("p.page_no = ?")
        more.append(page_no)
    ranked = src.startswith(PRINT_FTS + " ") and sort == "relevance"
    score = "-f.rank" if ranked else "NULL"  # bm25 with the web index's weights (print_schema)
    order = {"relevance": "score DESC, p.edition_date DESC" if ranked else "p.edition_date DESC",
             "newest": "p.edition_date DESC", "oldest": "p.edition_date ASC"}[sort]  # fmt: skip
    sql = (
        f"SELECT p.*, {score} AS score FROM {src} JOIN print_articles p ON p.print_id = f.rowid"
        f" WHERE {' AND '.join([cond, *conds])} ORDER BY {order}, p.page_no, p.content_id"
    )
    out: list[dict[str, Any]] = []
    skipped = 0
    needles = [t for t in cq.include if t.strip()]
    for r in _dicts(conn.execute(sql, [*params, *more])):
        if cq.needs_verify and not verified(cq, headline(r), r["body"]):
            continue
        if skipped < offset:
            skipped += 1
            continue
        if len(out) >= limit:
            break
        decode_print(r)
        out.append(
            {
                "kind": "print",
                "url": r["url"],
                "paper": r["paper"],
                "paper_name": r["paper_name"],
                "edition_date": r["edition_date"],
                "page_no": r["page_no"],
                "page_name": r["page_name"],
                "pretitle": r["pretitle"],
                "title": r["title"],
                "subtitle": r["subtitle"],
                "authors": r["authors"],
                "snippet": snippet(r["body"] or "", needles, width=snippet_width, marks=marks),
                "score": r["score"],
            }
        )
    return out


def rebuild_index(conn: sqlite3.Connection) -> int:
    """The print search index again from ``print_articles`` (after a normaliser change)."""
    for t in (PRINT_FTS, PRINT_CHARS):
        conn.execute(f"INSERT INTO {t}({t}) VALUES ('delete-all')")
    n = 0
    for r in _dicts(conn.execute("SELECT print_id, pretitle, title, subtitle, body FROM print_articles")):
        _index(conn, int(r["print_id"]), r)
        n += 1
    return n


# --- print ↔ web -------------------------------------------------------------------------------------


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def link_web(conn: sqlite3.Connection, seen: str) -> int:
    """Record every (print article, web article) pair whose bodies are near-duplicates: the web
    archive's cluster rule (SimHash within ``SIMHASH_MAX_DISTANCE`` bits, script-insensitive, bodies
    of ``SIMHASH_MIN_CHARS``+). ``days_after`` = edition date − the web article's publication day.
    Returns the links added (links are never removed)."""
    bands: dict[tuple[int, int], list[tuple[int, int, str | None]]] = {}
    for aid, sh, published in conn.execute(
        "SELECT article_id, simhash, published_at FROM articles WHERE simhash != '' AND length(body) >= ?",
        [SIMHASH_MIN_CHARS],
    ):
        h = int(sh, 16)
        for i in range(4):
            bands.setdefault((i, (h >> (16 * i)) & 0xFFFF), []).append((aid, h, published))
    have = {(p, a) for p, a in conn.execute("SELECT print_id, article_id FROM print_web_links")}
    rows = []
    for pid, sh, paper, date, page_no in conn.execute(
        "SELECT print_id, simhash, paper, edition_date, page_no FROM print_articles"
        " WHERE simhash != '' AND length(body) >= ?",
        [SIMHASH_MIN_CHARS],
    ):
        h = int(sh, 16)
        near: dict[int, tuple[int, str | None]] = {}
        for i in range(4):
            for aid, oh, published in bands.get((i, (h >> (16 * i)) & 0xFFFF), ()):
                d = hamming(h, oh)
                if d <= SIMHASH_MAX_DISTANCE:
                    near[aid] = (d, published)
        for aid, (d, published) in near.items():
            if (pid, aid) in have:
                continue
            pd, wd = _day(date), _day(published)
            days = (pd - wd).days if pd and wd else None
            rows.append((pid, aid, paper, date, page_no, published, days, d, seen))
    conn.executemany(
        "INSERT OR IGNORE INTO print_web_links (print_id, article_id, paper, edition_date, page_no, published_at,"
        " days_after, distance, linked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)
