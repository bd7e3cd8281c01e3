"""Chinese full-text search over the archive: index tokens, query compiler, ranked search.

Design (measured in docs/search-design; recall and precision 1.0 against a substring scan):

* Text and query go through the same per-code-point ``normalize`` (same length, script-insensitive).
* The index holds, for each run of letters/digits (``[^\\W_]+``), its overlapping bigrams followed by
  the run's last character alone as an end-of-run marker: ``新質生產力：2025年`` is indexed as
  ``新质 质生 生产 产力 力 20 02 25 5年 年``. The FTS5 table is contentless (``content=''``), uses the
  built-in ``ascii`` tokenizer (every non-ASCII code point is a token character, so the space-joined
  tokens pass through unchanged) and ``prefix='1'``; rowid = ``article_id``. Any SQLite client can open
  the file: no extension, no custom tokenizer.
* A query term becomes one quoted FTS5 phrase of the same tokens (``聊城`` → ``"聊城"``, one character
  → ``"钢"*``), so user text never reaches MATCH unquoted. A term containing punctuation or spaces is
  matched on its letter/digit runs through the index and then verified as an exact substring of the
  normalised title or body.

Semantics: an article matches when its normalised title or body contains every positive term (space
separated, ``"..."`` keeps a phrase) and none of the ``-term`` ones.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lcnews.db.errors import QueryError
from lcnews.extract.normalize import normalize, translation_table

if TYPE_CHECKING:
    from lcnews.db.archive import Archive

FTS_TABLE = "articles_fts"
# bm25 column weights: a hit in the title counts this many times a hit in the body.
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
MAX_LIMIT = 1000
SORTS = ("relevance", "newest", "oldest")
DEFAULT_MARKS = ("<mark>", "</mark>")

_RUN = re.compile(r"[^\W_]+")

FTS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, body, content='', tokenize='ascii', detail='column')"
)
# Relevance scores: every positive term in the title, or only somewhere in title + body.
TITLE_SCORE = 2.0
BODY_SCORE = 1.0


# --- index tokens -------------------------------------------------------------------------------


def tokens_of_normalized(ntext: str) -> str:
    """Index tokens of already-normalised text, space-joined: every distinct character and every
    distinct overlapping bigram of each run of letters/digits, in order of first appearance.

    ``detail='column'`` stores one entry per (token, article, column), so repeats add nothing.
    """
    out: list[str] = []
    for run in _RUN.findall(ntext):
        out.extend(run)
        out.extend(map(str.__add__, run, run[1:]))
    return " ".join(dict.fromkeys(out))


def index_tokens(text: str) -> str:
    """Index tokens of raw text (normalised first)."""
    return tokens_of_normalized(normalize(text))


def index_insert(conn: sqlite3.Connection, article_id: int, title: str, body: str) -> None:
    conn.execute(
        f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (?, ?, ?)",
        (article_id, index_tokens(title), index_tokens(body)),
    )


def index_delete(conn: sqlite3.Connection, article_id: int, title: str, body: str) -> None:
    """Remove a row from the contentless index: needs exactly the tokens it was inserted with."""
    conn.execute(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body) VALUES ('delete', ?, ?, ?)",
        (article_id, index_tokens(title), index_tokens(body)),
    )


def configure_rank(conn: sqlite3.Connection) -> None:
    """Store the bm25 weights in the FTS table, so ``ORDER BY rank`` works in any client too."""
    conn.execute(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', ?)",
        (f"bm25({TITLE_WEIGHT}, {BODY_WEIGHT})",),
    )


def rebuild(conn: sqlite3.Connection, batch_size: int = 2000) -> int:
    """Re-create every index row from ``articles``; the caller owns the transaction."""
    conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
    n = 0
    cur = conn.execute("SELECT article_id, title, body FROM articles ORDER BY article_id")
    while rows := cur.fetchmany(batch_size):
        conn.executemany(
            f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (?, ?, ?)",
            [(r[0], index_tokens(r[1] or ""), index_tokens(r[2] or "")) for r in rows],
        )
        n += len(rows)
    return n


# --- query compiler -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    text: str  # normalised
    negative: bool = False


@dataclass
class CompiledQuery:
    """A user query turned into an FTS5 MATCH expression plus exact post-filters.

    ``match`` finds candidates in title or body; ``title_match`` the candidates whose title holds
    every positive term (the first relevance tier). Candidates of a term listed in ``verify`` are
    checked as exact substrings of the normalised title or body.
    """

    match: str
    include: list[str]  # normalised positive terms (every one must be a substring)
    verify: list[str] = field(default_factory=list)  # positives the index cannot decide alone
    exclude_verify: list[str] = field(default_factory=list)  # negatives checked as substrings
    title_match: str = ""

    @property
    def needs_verify(self) -> bool:
        return bool(self.verify or self.exclude_verify)


def parse_query(query: str) -> list[Term]:
    """Split a query into terms: whitespace separates, ``"..."`` keeps a phrase, ``-`` excludes.

    An unbalanced quote runs to the end of the query (a lenient reading, never an error).
    """
    if not isinstance(query, str):
        raise QueryError("the query must be text")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long: {len(query)} characters (at most {MAX_QUERY_CHARS})")
    terms: list[Term] = []
    i, n = 0, len(query)
    while i < n:
        if query[i].isspace():
            i += 1
            continue
        negative = False
        if query[i] == "-" and i + 1 < n and not query[i + 1].isspace():
            negative = True
            i += 1
        if query[i] == '"':
            end = query.find('"', i + 1)
            end = n if end < 0 else end
            text = query[i + 1 : end].strip()
            i = end + 1
        else:
            end = i
            while end < n and not query[end].isspace():
                end += 1
            text = query[i:end]
            i = end
        if text:
            terms.append(Term(normalize(text), negative))
    if len(terms) > MAX_TERMS:
        raise QueryError(f"too many terms: {len(terms)} (at most {MAX_TERMS})")
    return terms


def term_phrase(nterm: str) -> tuple[str | None, bool]:
    """FTS5 expression for one normalised term, and whether a hit must be verified as a substring.

    The expression is the AND of the term's index tokens (one character → ``"钢"``, two →
    ``"聊城"``, longer → ``("新质" AND "质生" AND "生产" AND "产力")``); each token is quoted, so user
    text never reaches MATCH as syntax. Only a term that is one run of 1–2 letters/digits is decided
    by the index alone. Returns ``(None, True)`` for a term without letters or digits.
    """
    runs = _RUN.findall(nterm)
    if not runs:
        return None, True
    exact = len(runs) == 1 and len(runs[0]) == len(nterm) and len(nterm) <= 2
    tokens: list[str] = []
    for run in runs:
        tokens.extend([run] if len(run) == 1 else map(str.__add__, run, run[1:]))
    quoted = ['"' + t + '"' for t in dict.fromkeys(tokens)]
    expr = quoted[0] if len(quoted) == 1 else "(" + " AND ".join(quoted) + ")"
    return expr, not exact


def compile_query(query: str) -> CompiledQuery:
    terms = parse_query(query)
    if not terms:
        raise QueryError("empty query: give at least one word to search for")
    positives = [t for t in terms if not t.negative]
    if not positives:
        raise QueryError("the query only excludes ('-term'); add a term to search for")
    include_phrases: list[str] = []
    verify: list[str] = []
    exclude_phrases: list[str] = []
    exclude_verify: list[str] = []
    for t in terms:
        phrase, needs_verify = term_phrase(t.text)
        if t.negative:
            if needs_verify:
                exclude_verify.append(t.text)  # an index NOT would also drop near misses
            else:
                assert phrase is not None
                exclude_phrases.append(phrase)
        else:
            if phrase is not None:
                include_phrases.append(phrase)
            if needs_verify:
                verify.append(t.text)
    if not include_phrases:
        raise QueryError(
            "nothing to search for: the query has no letters or digits "
            "(punctuation alone cannot be searched)"
        )
    positive = " AND ".join(dict.fromkeys(include_phrases))
    expr, title_expr = f"({positive})", f"({{title}} : ({positive}))"
    for phrase in dict.fromkeys(exclude_phrases):
        expr, title_expr = f"({expr} NOT {phrase})", f"({title_expr} NOT {phrase})"
    return CompiledQuery(
        match=expr,
        include=[t.text for t in positives],
        verify=verify,
        exclude_verify=exclude_verify,
        title_match=title_expr,
    )


# --- exact matching on raw text -----------------------------------------------------------------


@functools.cache
def _preimages() -> dict[str, str]:
    """Normalised character → every character that normalises to it (itself first)."""
    inv: dict[str, list[str]] = {}
    for k, v in translation_table().items():
        inv.setdefault(v, [v]).append(chr(k))
    return {v: "".join(ks) for v, ks in inv.items()}


@functools.lru_cache(maxsize=4096)
def term_regex(nterm: str) -> re.Pattern[str]:
    """A regex that finds ``nterm`` in raw text exactly where ``normalize(text)`` contains it.

    ``normalize`` maps code points one by one, so each character becomes the class of the
    characters that normalise to it (钢 → ``[钢鋼]``): no need to normalise the text itself.
    """
    pre = _preimages()
    parts = []
    for ch in nterm:
        alts = pre.get(ch)
        parts.append("[" + "".join(map(re.escape, alts)) + "]" if alts else re.escape(ch))
    return re.compile("".join(parts))


def _has(nterm: str, text: str | None) -> bool:
    return bool(text) and term_regex(nterm).search(text) is not None  # type: ignore[arg-type]


# --- filters ------------------------------------------------------------------------------------


def _date_bounds(value: str | dt.date | None, name: str, upper: bool) -> str | None:
    """``since`` → lower bound; ``until`` → exclusive upper bound (the whole day/month/year)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise QueryError(f"{name}: expected a date like 2025-01-31")
    s = value.strip()
    try:
        if re.fullmatch(r"\d{4}", s):
            y = int(s)
            return str(y + 1) if upper else s
        if re.fullmatch(r"\d{4}-\d{2}", s):
            d = dt.date(int(s[:4]), int(s[5:]), 1)
            if not upper:
                return s
            nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
            return nxt.isoformat()[:7]
        d = dt.date.fromisoformat(s[:10])
        if len(s) > 10:
            raise ValueError
        return (d + dt.timedelta(days=1)).isoformat() if upper else d.isoformat()
    except ValueError:
        raise QueryError(f"{name}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)") from None


def _filters(
    channel: str | None,
    since: str | dt.date | None,
    until: str | dt.date | None,
    author: str | None,
    source: str | None,
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if channel:
        ch = channel.strip("/")
        where.append(
            "(a.channel = ? OR substr(a.channel, 1, ?) = ? OR EXISTS (SELECT 1 FROM article_channels"
            " c WHERE c.article_id = a.article_id AND (c.channel = ? OR substr(c.channel, 1, ?) = ?)))"
        )
        params += [ch, len(ch) + 1, ch + "/", ch, len(ch) + 1, ch + "/"]
    lo = _date_bounds(since, "since", upper=False)
    hi = _date_bounds(until, "until", upper=True)
    if lo and hi and lo >= hi:
        raise QueryError(f"empty date range: since {since} is after until {until}")
    if lo:
        where.append("a.published_at >= ?")
        params.append(lo)
    if hi:
        where.append("a.published_at < ?")
        params.append(hi)
    if author:
        where.append("EXISTS (SELECT 1 FROM json_each(a.authors) j WHERE j.value = ?)")
        params.append(author.strip())
    if source:
        where.append("a.source = ?")
        params.append(source.strip())
    return where, params


# --- snippets -----------------------------------------------------------------------------------


def snippet(
    text: str,
    needles: Sequence[str],
    *,
    width: int = 120,
    marks: tuple[str, str] = DEFAULT_MARKS,
) -> str:
    """A window of ``text`` (in its own script) around the first hit, every hit wrapped in marks.

    ``needles`` are normalised terms; they are found in the original text through ``term_regex``
    (the same positions as in the normalised text, since ``normalize`` keeps length).
    """
    if not text:
        return ""
    rxs = [(len(n), term_regex(n)) for n in needles if n]
    first = min((m.start() for _, rx in rxs if (m := rx.search(text))), default=-1)
    start = 0 if first < 0 else max(0, first - width // 4)
    end = min(len(text), start + width)
    spans: list[tuple[int, int]] = []
    for ln, rx in rxs:
        m = rx.search(text, max(0, start - ln + 1))
        while m is not None and m.start() < end:
            p = m.start()
            spans.append((max(p, start), min(p + ln, end)))
            m = rx.search(text, p + 1)
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out: list[str] = ["…" if start > 0 else ""]
    pos = start
    for s, e in merged:
        out += [text[pos:s], marks[0], text[s:e], marks[1]]
        pos = e
    out.append(text[pos:end])
    if end < len(text):
        out.append("…")
    return "".join(out).replace("\n", " ")


# --- search -------------------------------------------------------------------------------------


def _verified(cq: CompiledQuery, title: str | None, body: str | None) -> bool:
    """Exact check of the terms the index cannot decide (substrings of normalised title/body)."""
    if any(not _has(v, title) and not _has(v, body) for v in cq.verify):
        return False
    return not any(_has(v, title) or _has(v, body) for v in cq.exclude_verify)


def _in_title(cq: CompiledQuery, title: str | None) -> bool:
    """Does the title alone hold every positive term (the first relevance tier)?"""
    return all(_has(t, title) for t in cq.include)


class _Conn:
    """Borrow a connection from an Archive, sqlite-utils Database, sqlite3 connection or a path."""

    def __init__(self, db_or_path: Any) -> None:
        self._owned: Archive | None = None
        if isinstance(db_or_path, (str, Path)):
            from lcnews.db.archive import Archive

            self._owned = Archive(db_or_path, readonly=True).open()
            self.conn = self._owned.conn
        elif isinstance(db_or_path, sqlite3.Connection):
            self.conn = db_or_path
        elif hasattr(db_or_path, "conn"):
            self.conn = db_or_path.conn
        else:
            raise TypeError(f"expected an Archive, a connection or a path, not {db_or_path!r}")

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, *exc: object) -> None:
        if self._owned is not None:
            self._owned.close()


def _run(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
    try:
        return conn.execute(sql, params)
    except sqlite3.OperationalError as e:  # never let a user see raw SQL errors
        raise QueryError(f"the search index could not run this query ({e})") from e


def _candidates(
    conn: sqlite3.Connection,
    cq: CompiledQuery,
    columns: str,
    where: list[str],
    params: list[Any],
    order: str,
    limit_sql: str = "",
    match: str | None = None,
) -> sqlite3.Cursor:
    sql = (
        f"SELECT {columns} FROM {FTS_TABLE} f JOIN articles a ON a.article_id = f.rowid "
        f"WHERE {FTS_TABLE} MATCH ?"
        + "".join(f" AND {w}" for w in where)
        + f" ORDER BY {order}{limit_sql}"
    )
    return _run(conn, sql, [cq.match if match is None else match, *params])


def _order(sort: str) -> str:
    if sort == "relevance":
        return "f.rowid DESC"
    if sort == "newest":
        return "a.published_at DESC, a.article_id DESC"
    if sort == "oldest":
        return "a.published_at IS NULL, a.published_at, a.article_id"
    raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")


_COLS = "a.article_id, a.url, a.title, a.published_at, a.channel, a.source, a.withdrawn_at"


def _ranked(
    conn: sqlite3.Connection, cq: CompiledQuery, where: list[str], params: list[Any]
) -> Iterator[tuple[Any, ...]]:
    """Every match in relevance order: articles whose title holds every positive term first, then
    the rest; newest article id first within each tier. Both tiers stream from the index in
    rowid order, so the first page costs about as much as reading its rows."""
    cols = _COLS + (", a.body" if cq.needs_verify else "")
    for row in _candidates(conn, cq, cols, where, params, "f.rowid DESC", match=cq.title_match):
        title = row[2]
        if _in_title(cq, title) and (not cq.needs_verify or _verified(cq, title, row[-1])):
            yield (*row[:7], TITLE_SCORE)
    for row in _candidates(conn, cq, cols, where, params, "f.rowid DESC"):
        title = row[2]
        if _in_title(cq, title):
            continue  # a first-tier article (or excluded there too)
        if not cq.needs_verify or _verified(cq, title, row[-1]):
            yield (*row[:7], BODY_SCORE)


def _by_date(
    conn: sqlite3.Connection, cq: CompiledQuery, where: list[str], params: list[Any], order: str
) -> Iterator[tuple[Any, ...]]:
    cols = _COLS + (", a.title, a.body" if cq.needs_verify else "")
    for row in _candidates(conn, cq, cols, where, params, order):
        if not cq.needs_verify or _verified(cq, row[-2], row[-1]):
            yield (*row[:7], None)


def search(
    db_or_path: Any,
    query: str,
    *,
    limit: int = 20,
    offset: int = 0,
    channel: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    author: str | None = None,
    source: str | None = None,
    sort: str = "relevance",
    marks: tuple[str, str] = DEFAULT_MARKS,
    snippet_width: int = 120,
) -> list[dict[str, Any]]:
    """Search the archive; one dict per article: url, article_id, title, published_at, channel,
    source, withdrawn_at, snippet, score (None unless sort="relevance").

    Relevance: articles whose title holds every positive term come first (score 2.0), then those
    that match in title + body together (score 1.0); newest article id first within each group."""
    if not isinstance(limit, int) or not 0 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 0 and {MAX_LIMIT}")
    if not isinstance(offset, int) or offset < 0:
        raise QueryError("offset must be 0 or more")
    order = _order(sort)
    cq = compile_query(query)
    where, params = _filters(channel, since, until, author, source)
    rows: list[tuple[Any, ...]] = []
    with _Conn(db_or_path) as conn:
        if limit == 0:
            return []
        if sort == "relevance":
            it = _ranked(conn, cq, where, params)
        elif not cq.needs_verify:
            # Decided by the index alone: let SQLite page (LIMIT/OFFSET bound after the filters).
            cur = _candidates(conn, cq, _COLS + ", NULL", where, [*params, limit, offset], order,
                              " LIMIT ? OFFSET ?")  # fmt: skip
            it, offset = iter(cur), 0
        else:
            it = _by_date(conn, cq, where, params, order)
        for k, row in enumerate(it):
            if k >= offset:
                rows.append(row)
                if len(rows) >= limit:
                    break
        ids = [r[0] for r in rows]
        bodies = dict(
            conn.execute(
                f"SELECT article_id, body FROM articles WHERE article_id IN ({','.join('?' * len(ids))})",
                ids,
            ).fetchall()
        ) if ids else {}
    needles = [t for t in cq.include if t.strip()]
    return [
        {
            "url": r[1],
            "article_id": r[0],
            "title": r[2],
            "published_at": r[3],
            "channel": r[4],
            "source": r[5],
            "withdrawn_at": r[6],
            "snippet": snippet(bodies.get(r[0]) or "", needles, width=snippet_width, marks=marks),
            "score": r[7],
        }
        for r in rows
    ]


def count(
    db_or_path: Any,
    query: str,
    *,
    channel: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    author: str | None = None,
    source: str | None = None,
) -> int:
    """Number of articles ``search`` would find for the same query and filters."""
    cq = compile_query(query)
    where, params = _filters(channel, since, until, author, source)
    with _Conn(db_or_path) as conn:
        if not cq.needs_verify:
            sql = (
                f"SELECT count(*) FROM {FTS_TABLE} f JOIN articles a ON a.article_id = f.rowid "
                f"WHERE {FTS_TABLE} MATCH ?" + "".join(f" AND {w}" for w in where)
            )
            return int(_run(conn, sql, [cq.match, *params]).fetchone()[0])
        cur = _candidates(conn, cq, "a.title, a.body", where, params, "f.rowid")
        return sum(1 for t, b in cur if _verified(cq, t, b))


def iter_match_ids(conn: sqlite3.Connection, query: str) -> Iterator[int]:
    """All matching article ids, unordered (for tests and exports)."""
    cq = compile_query(query)
    if not cq.needs_verify:
        cur = _run(conn, f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?", [cq.match])
        for (aid,) in cur:
            yield aid
        return
    cur = _candidates(conn, cq, "a.article_id, a.title, a.body", [], [], "f.rowid")
    for aid, t, b in cur:
        if _verified(cq, t, b):
            yield aid


# --- plain SQL ----------------------------------------------------------------------------------

# The same search for one term without punctuation, in SQL only: normalise each character through
# the search_chars table; MATCH the AND of the term's tokens (its character if it has one, else its
# bigrams); then check the term exactly with a GLOB whose classes hold every character that
# normalises to each query character (钢 → [钢鋼]). Works in the sqlite3 shell, `sqlite-utils query`
# and Datasette without any extension. Bind :q to the term.
PLAIN_SQL_SEARCH = """\
WITH RECURSIVE
  q(s) AS (SELECT trim(:q)),
  chars(i, c) AS (
    SELECT 1, coalesce((SELECT to_char FROM search_chars WHERE from_char = substr(s, 1, 1)),
                       substr(s, 1, 1)) FROM q WHERE length(s) > 0
    UNION ALL
    SELECT i + 1, coalesce((SELECT to_char FROM search_chars WHERE from_char = substr(s, i + 1, 1)),
                           substr(s, i + 1, 1))
    FROM chars, q WHERE i < length(s)
  ),
  grams(i, g) AS (
    SELECT c1.i, c1.c || c2.c FROM chars c1 JOIN chars c2 ON c2.i = c1.i + 1
  ),
  m(expr, pat) AS (
    SELECT CASE WHEN (SELECT count(*) FROM chars) = 1
                THEN '"' || (SELECT c FROM chars) || '"'
                ELSE (SELECT group_concat('"' || g || '"', ' AND ') FROM (SELECT g FROM grams ORDER BY i))
           END,
           '*' || (SELECT group_concat(cls, '') FROM (
             SELECT '[' || c || coalesce((SELECT group_concat(from_char, '') FROM search_chars
                                          WHERE to_char = c), '') || ']' AS cls
             FROM chars ORDER BY i)) || '*'
  )
SELECT a.article_id, a.url, a.title, a.published_at, a.channel,
       CASE WHEN a.title GLOB (SELECT pat FROM m) THEN 2.0 ELSE 1.0 END AS score
FROM articles_fts JOIN articles a ON a.article_id = articles_fts.rowid
WHERE articles_fts MATCH (SELECT expr FROM m)
  AND (a.title GLOB (SELECT pat FROM m) OR a.body GLOB (SELECT pat FROM m))
ORDER BY score DESC, a.article_id DESC
LIMIT 20"""
