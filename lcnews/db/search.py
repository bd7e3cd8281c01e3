"""Chinese full-text search over the archive: index tokens, query compiler, ranked search.

Design (schema version 3; recall and precision 1.0 against a substring scan, see docs/schema.md):

* Text and query go through the same per-code-point ``normalize`` (same length, script-insensitive).
* ``articles_fts`` (``detail='full'``, positions kept, so bm25 has term frequencies): the normalised
  text of a column, with every ASCII punctuation mark shown as its full-width form (``,`` → ``，``)
  and every space or control character as ``U+FF5F``, is indexed as all its overlapping bigrams
  followed by its last character alone: ``聊城，2025年`` → ``聊城 城， ，2 20 02 25 5年 年``.
  A term of two or more characters is the FTS5 phrase of its bigrams (``聊城`` → ``"聊城"``,
  ``新质生产力`` → ``"新质 质生 生产 产力"``, ``，聊`` → ``"，聊"``): an exact substring match, punctuation
  included, decided by the index alone. One character is the prefix query ``"钢"*``.
* ``articles_fts_chars`` (``detail='none'``): the distinct letters/digits of each column, so a
  one-character term is found without merging every bigram that starts with it (the Python API uses
  it; the ``"钢"*`` form gives the same rows in any client).
* Both tables are contentless (``content=''``), built-in ``ascii`` tokenizer, rowid = ``article_id``:
  any SQLite client can open and query the file. Only a term containing a space or control
  character (several of them share ``U+FF5F``) is re-checked as a substring of the text.

Semantics: an article matches when its normalised title or body contains every positive term (space
separated, ``"..."`` keeps a phrase) and none of the ``-term`` ones.

Ranking (``sort="relevance"``): FTS5's bm25 (k1 1.2, b 0.75, title ×5, body ×1, the ``rank``
configured on ``articles_fts``) orders the newest ``RANK_WINDOW`` (200) matching articles; older
matches follow newest first (see docs/schema.md, "Relevance"). Unless every term is one bigram, the
window is scored in Python (``_py_bm25``) from the rows' text and cached per-token document counts
(a 3+-character term's IDF uses its rarest bigram's count: documented approximation).

Index strings come from ``index_text`` (one translate pass, bigrams interleaved at C speed); extract
workers precompute them into ``Article.index_text`` and the archive uses them when they match.
"""

from __future__ import annotations

import array
import datetime as dt
import functools
import json
import math
import re
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lcnews.db.errors import QueryError
from lcnews.extract.normalize import NORMALIZER_VERSION, normalize, translation_table

if TYPE_CHECKING:
    from lcnews.db.archive import Archive

FTS_TABLE = "articles_fts"
CHARS_TABLE = "articles_fts_chars"
INDEX_VERSION = "3"  # schema version that introduced this index layout
# bm25 column weights: a hit in the title counts this many times a hit in the body.
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
BM25_K1 = 1.2
BM25_B = 0.75
# Relevance scores the newest this many matches (all of them when fewer match).
RANK_WINDOW = 200
# sort="newest"/"oldest": a term matching more articles than this walks the published_at index.
DATE_WALK_MIN_HITS = 3000
MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
MAX_LIMIT = 1000
SORTS = ("relevance", "newest", "oldest")
DEFAULT_MARKS = ("<mark>", "</mark>")

_RUN = re.compile(r"[^\W_]+")
_ALNUM = re.compile(r"[^\W_]")
_SPACE = "\uff5f"  # FULLWIDTH LEFT WHITE PARENTHESIS: NFKC maps it away, never in text
# ASCII punctuation → its full-width form (never present in NFKC-normalised text, and a token
# character for the ascii tokenizer); spaces and control characters → U+FF5F (idem).
_TOKEN_MAP = {c: chr(c + 0xFEE0) for c in range(0x21, 0x7F) if not chr(c).isalnum()}
_TOKEN_MAP.update({c: _SPACE for c in range(0x21)})
_TOKEN_MAP[0x7F] = _SPACE
for _c in (0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000):
    _TOKEN_MAP[_c] = _SPACE

FTS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, body, content='', tokenize='ascii', detail='full')"
)
CHARS_DDL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {CHARS_TABLE} USING fts5("
    "title, body, content='', tokenize='ascii', detail='none')"
)


# --- index tokens -------------------------------------------------------------------------------


def token_text(ntext: str) -> str:
    """Normalised text as index characters: ASCII punctuation full-width, spaces/controls U+FF5F."""
    return ntext.translate(_TOKEN_MAP)


@functools.cache
def _raw_token_table() -> dict[int, str]:
    """``normalize`` then ``token_text`` as one ``str.translate`` table (one pass over raw text)."""
    table = dict(_TOKEN_MAP)
    for k, v in translation_table().items():
        table[k] = v.translate(_TOKEN_MAP)
    return table


def _bigrams(s: str) -> str:
    """``"abcd"`` → ``"ab bc cd d"``: every overlapping pair, then the last character alone.

    Built by interleaving code points in a UTF-32 array (C speed, no per-character Python call)."""
    n = len(s)
    if n < 2:
        return s
    src = array.array("I", s.encode("utf-32-le"))
    out = array.array("I", bytes(4 * (3 * n - 2)))
    out[0 : 3 * n - 3 : 3] = src[:-1]  # ab␠ bc␠ cd␠ d
    out[1::3] = src[1:]
    out[2::3] = _SPACE_ARRAY[: n - 1]
    out[-1] = src[-1]
    return out.tobytes().decode("utf-32-le")


_SPACE_ARRAY = array.array("I", [0x20]) * 0


def _spaces(n: int) -> array.array[int]:
    global _SPACE_ARRAY
    if len(_SPACE_ARRAY) < n:
        _SPACE_ARRAY = array.array("I", [0x20]) * max(n, 2 * len(_SPACE_ARRAY), 4096)
    return _SPACE_ARRAY


def tokens_of_normalized(ntext: str) -> str:
    """``articles_fts`` tokens of normalised text, space-joined: every overlapping bigram, then the
    last character alone (so each character starts exactly one token)."""
    s = token_text(ntext)
    if len(s) > 1:
        _spaces(len(s))
    return _bigrams(s)


def chars_of_normalized(ntext: str) -> str:
    """``articles_fts_chars`` tokens: the distinct letters/digits, space-joined (first-seen order)."""
    return " ".join(filter(str.isalnum, dict.fromkeys(ntext)))


def index_tokens(text: str) -> str:
    """Index tokens of raw text (normalised first)."""
    return tokens_of_normalized(normalize(text))


def _tokens_key(title: str, body: str) -> str:
    """Identifies the text (and tokenizer) precomputed index tokens belong to (``index_text``)."""
    crc = zlib.crc32(body.encode("utf-8", "surrogatepass"), zlib.crc32(title.encode("utf-8", "surrogatepass")))
    return f"{INDEX_VERSION}.{NORMALIZER_VERSION}:{len(title)}:{len(body)}:{crc:08x}"


def index_text(title: str, body: str) -> tuple[str, str, str, str, str]:
    """Every index string of one article, computed from raw text in one translate pass per column:
    (key, ``articles_fts`` title, body, ``articles_fts_chars`` title, body). Extract workers store it
    in ``Article.index_text`` so the crawl's writer process does not tokenise."""
    table = _raw_token_table()
    st, sb = title.translate(table), body.translate(table)
    _spaces(max(len(st), len(sb)))
    # Token characters keep letters/digits as normalised and never turn punctuation into one.
    return (_tokens_key(title, body), _bigrams(st), _bigrams(sb),
            " ".join(filter(str.isalnum, dict.fromkeys(st))),
            " ".join(filter(str.isalnum, dict.fromkeys(sb))))  # fmt: skip


def _index_rows(
    article_id: int, title: str, body: str, pre: Sequence[str] | None = None
) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    t = pre if pre is not None and len(pre) == 5 and pre[0] == _tokens_key(title, body) else None
    if t is None:
        t = index_text(title, body)
    return (article_id, t[1], t[2]), (article_id, t[3], t[4])


_INS_FTS = f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (?, ?, ?)"
_INS_CHARS = f"INSERT INTO {CHARS_TABLE}(rowid, title, body) VALUES (?, ?, ?)"


def index_insert(
    conn: sqlite3.Connection, article_id: int, title: str, body: str, pre: Sequence[str] | None = None
) -> None:
    """Index one article; ``pre`` is its ``index_text`` when precomputed (used if it matches)."""
    f, c = _index_rows(article_id, title, body, pre)
    conn.execute(_INS_FTS, f)
    conn.execute(_INS_CHARS, c)


def index_delete(conn: sqlite3.Connection, article_id: int, title: str, body: str) -> None:
    """Remove a row from the contentless index: needs exactly the tokens it was inserted with."""
    f, c = _index_rows(article_id, title, body)
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


def rebuild(conn: sqlite3.Connection, batch_size: int = 2000) -> int:
    """Re-create every index row from ``articles``; the caller owns the transaction."""
    conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
    conn.execute(f"INSERT INTO {CHARS_TABLE}({CHARS_TABLE}) VALUES ('delete-all')")
    n = 0
    cur = conn.execute("SELECT article_id, title, body FROM articles ORDER BY article_id")
    while rows := cur.fetchmany(batch_size):
        pairs = [_index_rows(r[0], r[1] or "", r[2] or "") for r in rows]
        conn.executemany(_INS_FTS, [p[0] for p in pairs])
        conn.executemany(_INS_CHARS, [p[1] for p in pairs])
        n += len(rows)
    return n


# --- query compiler -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    text: str  # normalised
    negative: bool = False


@dataclass
class CompiledQuery:
    """A user query turned into FTS5 MATCH expressions plus (rarely) exact post-filters.

    ``match`` is the complete expression on ``articles_fts`` (what Datasette and plain SQL use).
    The Python API finds candidates faster: ``fts_pos``/``fts_neg`` on ``articles_fts`` for terms of
    2+ characters, ``chars_pos``/``chars_neg`` on ``articles_fts_chars`` for one-letter/digit terms.
    Terms in ``verify``/``exclude_verify`` (they contain a space or control character) are checked
    as substrings of the normalised title or body.
    """

    match: str
    include: list[str]  # normalised positive terms (every one must be a substring)
    verify: list[str] = field(default_factory=list)
    exclude_verify: list[str] = field(default_factory=list)
    fts_pos: list[str] = field(default_factory=list)
    fts_neg: list[str] = field(default_factory=list)
    chars_pos: list[str] = field(default_factory=list)
    chars_neg: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)  # articles_fts phrase of each positive term

    @property
    def needs_verify(self) -> bool:
        return bool(self.verify or self.exclude_verify)

    @property
    def single_chars(self) -> bool:
        """Whether some positive term is one character (ranked in Python, see ``_py_bm25``)."""
        return bool(self.chars_pos)


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


def term_phrase(nterm: str) -> tuple[str, bool]:
    """``articles_fts`` expression for one normalised term, and whether a hit must be verified.

    Two or more characters → the phrase of the term's bigrams (``"新质 质生 生产 产力"``); one
    character → the prefix query ``"钢"*``. Index characters never include ``"``, so user text never
    reaches MATCH as syntax. Only a term with a space or control character needs verifying.
    """
    s = token_text(nterm)
    if len(s) == 1:
        return '"' + s + '"*', False
    return '"' + " ".join(map(str.__add__, s, s[1:])) + '"', _SPACE in s


def compile_query(query: str) -> CompiledQuery:
    terms = parse_query(query)
    if not terms:
        raise QueryError("empty query: give at least one word to search for")
    positives = [t for t in terms if not t.negative]
    if not positives:
        raise QueryError("the query only excludes ('-term'); add a term to search for")
    if not any(_ALNUM.search(t.text) for t in positives):
        raise QueryError(
            "nothing to search for: the query has no letters or digits "
            "(punctuation alone cannot be searched)"
        )
    cq = CompiledQuery(match="", include=[t.text for t in positives])
    pos: list[str] = []
    neg: list[str] = []
    for t in terms:
        phrase, needs_verify = term_phrase(t.text)
        one = len(t.text) == 1 and _ALNUM.match(t.text) is not None
        if t.negative:
            if needs_verify:
                cq.exclude_verify.append(t.text)  # an index NOT would also drop near misses
                continue
            neg.append(phrase)
            (cq.chars_neg if one else cq.fts_neg).append('"' + t.text + '"' if one else phrase)
        else:
            pos.append(phrase)
            cq.phrases.append(phrase)
            if needs_verify:
                cq.verify.append(t.text)
            (cq.chars_pos if one else cq.fts_pos).append('"' + t.text + '"' if one else phrase)
    expr = "(" + " AND ".join(dict.fromkeys(pos)) + ")"
    for phrase in dict.fromkeys(neg):
        expr = f"({expr} NOT {phrase})"
    cq.match = expr
    return cq


def _and_not(pos: list[str], neg: list[str]) -> str:
    expr = "(" + " AND ".join(dict.fromkeys(pos)) + ")"
    for phrase in dict.fromkeys(neg):
        expr = f"({expr} NOT {phrase})"
    return expr


def _id_source(cq: CompiledQuery, alias: str = "f") -> tuple[str, str, list[Any]]:
    """(FROM table alias, WHERE condition, params): the articles matching every indexed term, with
    ``{alias}.rowid`` streaming in rowid order (the fastest table drives, the other filters)."""
    if cq.fts_pos:
        table, conds, params = FTS_TABLE, [f"{alias}.{FTS_TABLE} MATCH ?"], [_and_not(cq.fts_pos, cq.fts_neg)]
        if cq.chars_pos:
            conds.append(f"{alias}.rowid IN (SELECT rowid FROM {CHARS_TABLE} WHERE {CHARS_TABLE} MATCH ?)")
            params.append(_and_not(cq.chars_pos, cq.chars_neg))
        elif cq.chars_neg:
            conds.append(f"{alias}.rowid NOT IN (SELECT rowid FROM {CHARS_TABLE} WHERE {CHARS_TABLE} MATCH ?)")
            params.append(" OR ".join(dict.fromkeys(cq.chars_neg)))
    else:
        table, conds, params = CHARS_TABLE, [f"{alias}.{CHARS_TABLE} MATCH ?"], [_and_not(cq.chars_pos, cq.chars_neg)]
        if cq.fts_neg:
            conds.append(f"{alias}.rowid NOT IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)")
            params.append(" OR ".join(dict.fromkeys(cq.fts_neg)))
    return f"{table} {alias}", " AND ".join(conds), params


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


STALE_MESSAGE = (
    "the search index of {path} was built by an older lcnews (schema or normaliser version); "
    "searching it would give wrong results. Run `lcnews rebuild-index --db {path}` "
    "(or open the archive writable once, which upgrades it)"
)


def _check_index(conn: sqlite3.Connection, archive: Any = None) -> None:
    """Refuse to search an index this code cannot read correctly (an older schema opened read-only)."""
    if archive is not None and getattr(archive, "index_stale", False):
        raise QueryError(STALE_MESSAGE.format(path=getattr(archive, "path", "the archive")))
    if archive is None:
        try:
            meta = dict(conn.execute(
                "SELECT key, value FROM meta WHERE key IN ('schema_version', 'normalizer_version')"
            ).fetchall())  # fmt: skip
        except sqlite3.Error:
            return  # not an lcnews archive: let the query itself fail
        version = meta.get("schema_version") or "0"
        if (version.isdigit() and int(version) < int(INDEX_VERSION)) or meta.get(
            "normalizer_version", NORMALIZER_VERSION
        ) != NORMALIZER_VERSION:
            path = conn.execute("PRAGMA database_list").fetchone()[2] or "the archive"
            raise QueryError(STALE_MESSAGE.format(path=path))


class _Conn:
    """Borrow a connection from an Archive, sqlite-utils Database, sqlite3 connection or a path."""

    def __init__(self, db_or_path: Any) -> None:
        self._owned: Archive | None = None
        archive = None
        if isinstance(db_or_path, (str, Path)):
            from lcnews.db.archive import Archive

            self._owned = archive = Archive(db_or_path, readonly=True).open()
            self.conn = self._owned.conn
        elif isinstance(db_or_path, sqlite3.Connection):
            self.conn = db_or_path
        elif hasattr(db_or_path, "conn"):
            self.conn = db_or_path.conn
            if hasattr(db_or_path, "index_stale"):
                archive = db_or_path
        else:
            raise TypeError(f"expected an Archive, a connection or a path, not {db_or_path!r}")
        try:
            _check_index(self.conn, archive)
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


def _run(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
    try:
        return conn.execute(sql, params)
    except sqlite3.OperationalError as e:  # never let a user see raw SQL errors
        raise QueryError(f"the search index could not run this query ({e})") from e


def _where(cond: str, where: list[str]) -> str:
    return " WHERE " + " AND ".join([cond, *where])


def _newest_ids(
    conn: sqlite3.Connection, cq: CompiledQuery, where: list[str], params: list[Any], n: int
) -> list[int]:
    """Up to ``n`` matching ids (filters applied, verification not), highest article_id first."""
    src, cond, p = _id_source(cq)
    join = " JOIN articles a ON a.article_id = f.rowid" if where else ""  # no filter: index only
    sql = f"SELECT f.rowid FROM {src}{join}{_where(cond, where)} ORDER BY f.rowid DESC LIMIT ?"
    return [r[0] for r in _run(conn, sql, [*p, *params, n])]


_COLS = "a.article_id, a.url, a.title, a.published_at, a.channel, a.source, a.withdrawn_at"


def _parse_varints(blob: bytes) -> list[int]:
    vals, i = [], 0
    while i < len(blob):  # SQLite's varint format
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


class _Stats:
    """Whole-table bm25 inputs of one index state: rows, average tokens per row (FTS5's own
    averages record) and an LRU of document frequencies per token (``articles_fts`` bigram or
    ``articles_fts_chars`` character), each counted once per index state by FTS5 itself."""

    MAX_TOKENS = 50_000

    def __init__(self, averages: bytes) -> None:
        vals = _parse_varints(averages)
        self.rows = vals[0] if vals else 0
        total = sum(vals[1:3]) if len(vals) >= 3 else 0
        self.avgdl = total / self.rows if self.rows else 1.0
        self.df: dict[tuple[str, str], int] = {}

    def doc_freq(self, conn: sqlite3.Connection, table: str, expr: str) -> int:
        """Documents matching ``expr`` (FTS5's count, once per index state)."""
        key = (table, expr)
        n = self.df.pop(key, None)
        if n is None:
            n = int(_run(conn, f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", [expr]).fetchone()[0])
            if len(self.df) >= self.MAX_TOKENS:
                del self.df[next(iter(self.df))]
        self.df[key] = n  # most recently used last
        return n


# Per-process cache, one entry per database file, keyed by the index state: FTS5's averages
# record (rows, tokens) and the structure records of both tables (their write counter and segment
# list change with every write). An open write transaction is never cached.
_STATS: dict[str, tuple[tuple[Any, ...], _Stats]] = {}
_STATE_SQL = (f"SELECT (SELECT block FROM {FTS_TABLE}_data WHERE id = 1),"
              f" (SELECT block FROM {FTS_TABLE}_data WHERE id = 10),"
              f" (SELECT block FROM {CHARS_TABLE}_data WHERE id = 10)")  # fmt: skip


def _stats(conn: sqlite3.Connection) -> _Stats:
    avg, s1, s2 = conn.execute(_STATE_SQL).fetchone()
    avg = bytes(avg) if avg else b""
    if conn.in_transaction:
        return _Stats(avg)
    path = conn.execute("PRAGMA database_list").fetchone()[2] or f":memory:{id(conn)}"
    state = (avg, s1, s2)
    hit = _STATS.get(path)
    if hit is None or hit[0] != state:
        if len(_STATS) >= 8:
            _STATS.pop(next(iter(_STATS)))
        hit = _STATS[path] = (state, _Stats(avg))
    return hit[1]


def clear_stats_cache() -> None:
    """Forget every cached document frequency (benchmarks: measure a cold process)."""
    _STATS.clear()


def _term_df(conn: sqlite3.Connection, st: _Stats, term: str, phrase: str) -> int:
    """Documents containing ``term``, for the IDF. One letter/digit: exact, from
    ``articles_fts_chars``. Two or more characters: the document frequency of the rarest bigram of
    the term (exact for two characters; for longer terms an upper bound of the phrase's, see
    docs/schema.md, "Relevance"). Anything else (a one-character punctuation prefix query): the
    phrase's own count. Every count is cached per index state (``_stats``)."""
    if len(term) == 1 and _ALNUM.match(term):
        return st.doc_freq(conn, CHARS_TABLE, '"' + term + '"')
    s = token_text(term)
    if len(s) < 2:
        return st.doc_freq(conn, FTS_TABLE, phrase)
    return min(st.doc_freq(conn, FTS_TABLE, '"' + g + '"') for g in dict.fromkeys(map(str.__add__, s, s[1:])))


def _py_bm25(
    conn: sqlite3.Connection, cq: CompiledQuery, rows: list[tuple[Any, ...]]
) -> list[float]:
    """FTS5's bm25 formula (same k1, b, weights, document length and average as ``rank`` on
    ``articles_fts``) computed from the text of ``rows`` (…, title, body last): term frequency =
    occurrences of the term in the title/body (what FTS5 counts for the phrase), IDF from cached
    per-token document frequencies (``_term_df``)."""
    st = _stats(conn)
    n_rows, avgdl = st.rows, st.avgdl
    idfs = []
    uniq = dict(zip(cq.phrases, cq.include, strict=True))  # a repeated term counts once (as in FTS5)
    include = list(uniq.values())
    for phrase, term in uniq.items():
        hits = _term_df(conn, st, term, phrase)
        idf = math.log((n_rows - hits + 0.5) / (hits + 0.5)) if n_rows else 0.0
        idfs.append(idf if idf > 0 else 1e-6)
    pre = _preimages()
    counters = []
    for term in include:
        if len(term) == 1:
            alts = pre.get(term, term)
            if len(alts) == 1:
                counters.append(lambda text, ch=alts: text.count(ch) if text else 0)
            else:
                counters.append(lambda text, alts=alts: sum(text.count(ch) for ch in alts) if text else 0)
        else:
            rx = term_regex(term)
            if any(term[:k] == term[-k:] for k in range(1, len(term))):  # hits may overlap
                rx = re.compile("(?=" + rx.pattern + ")")
            counters.append(lambda text, f=rx.findall: len(f(text)) if text else 0)
    k1p, k1b, k1nb = BM25_K1 + 1, BM25_K1 * BM25_B / avgdl, BM25_K1 * (1 - BM25_B)
    terms = list(zip(idfs, counters, strict=True))
    out = []
    for r in rows:
        title, body = r[-2] or "", r[-1] or ""
        kn = k1nb + k1b * (len(title) + len(body))
        score = 0.0
        for idf, cnt in terms:
            tf = TITLE_WEIGHT * cnt(title) + BODY_WEIGHT * cnt(body)
            score += idf * tf * k1p / (tf + kn)
        out.append(-score)
    return out


def _ranked(
    conn: sqlite3.Connection, cq: CompiledQuery, where: list[str], params: list[Any]
) -> Iterator[tuple[Any, ...]]:
    """Every match: the newest ``RANK_WINDOW`` in bm25 order (best first, ties newest first), then
    the older ones newest first (scored too, but not re-ordered: see docs/schema.md, "Relevance").

    The index only gives the newest ids (``ORDER BY rowid DESC LIMIT``, no ``rank``: FTS5 would
    count every phrase's documents over the whole table for its IDF); bm25 is computed here from
    the text of those rows (``_py_bm25``), then the tail follows in chunks. Rows are
    (article_id, url, title, published_at, channel, source, withdrawn_at, score, body)."""
    src, cond, p = _id_source(cq)
    if not cq.chars_pos and all(" " not in ph and not ph.endswith("*") for ph in cq.phrases):
        yield from _ranked_fts(conn, cq, where, params)  # one bigram per term: FTS5's own bm25
        return
    cols = _COLS + ", a.title, a.body"
    sql = (f"SELECT {cols} FROM {src} JOIN articles a ON a.article_id = f.rowid"
           f"{_where(cond, [*where, 'f.rowid < ?'])} ORDER BY f.rowid DESC LIMIT ?")  # fmt: skip
    below, size, first = 1 << 62, RANK_WINDOW, True
    while True:
        chunk = _run(conn, sql, [*p, *params, below, size]).fetchall()
        if not chunk:
            return
        below = chunk[-1][0]
        rows = [r for r in chunk if _verified(cq, r[-2], r[-1])] if cq.needs_verify else chunk
        scores = _py_bm25(conn, cq, rows) if rows else []
        order = range(len(rows))
        if first:
            order = sorted(order, key=lambda k: (scores[k], -rows[k][0]))  # type: ignore[assignment]
        for k in order:
            r = rows[k]
            yield (*r[:7], round(-scores[k], 6), r[8])
        if len(chunk) < size:
            return
        first, size = False, min(size * 4, 4096)


def _ranked_fts(
    conn: sqlite3.Connection, cq: CompiledQuery, where: list[str], params: list[Any]
) -> Iterator[tuple[Any, ...]]:
    """``_ranked`` when every positive term is two characters (one bigram): FTS5's ``rank`` scores
    the window (its IDF is one doclist count per term, the same value ``_term_df`` gives), without
    reading the 200 bodies."""
    src, cond, p = _id_source(cq)
    join = " JOIN articles a ON a.article_id = f.rowid" if where else ""
    # FTS5 scores the window only (the newest RANK_WINDOW ids, no join unless a filter needs it);
    # the rank column carries the configured bm25 (title ×5).
    window = (f"SELECT f.rowid AS id, f.rank AS rank FROM {src}{join}{_where(cond, where)}"
              " ORDER BY f.rowid DESC LIMIT ?")  # fmt: skip
    cols = _COLS + (", a.title, a.body" if cq.needs_verify else "")
    sql = (f"SELECT {cols}, w.rank FROM ({window}) w JOIN articles a ON a.article_id = w.id"
           " ORDER BY w.rank, w.id DESC")  # fmt: skip
    floor = None
    for r in _run(conn, sql, [*p, *params, RANK_WINDOW]):
        floor = r[0] if floor is None else min(floor, r[0])
        if not cq.needs_verify or _verified(cq, r[7], r[8]):
            yield (*r[:7], round(-r[-1], 6))
    if floor is None:
        return
    tail = (f"SELECT {cols}, f.rank FROM {src} JOIN articles a ON a.article_id = f.rowid"
            f"{_where(cond, [*where, 'f.rowid < ?'])} ORDER BY f.rowid DESC")  # fmt: skip
    for r in _run(conn, tail, [*p, *params, floor]):
        if not cq.needs_verify or _verified(cq, r[7], r[8]):
            yield (*r[:7], round(-r[-1], 6))


def _order(sort: str) -> str:
    if sort == "newest":
        return "a.published_at DESC, a.article_id DESC"
    if sort == "oldest":
        return "a.published_at IS NULL, a.published_at, a.article_id"
    if sort == "relevance":
        return ""
    raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")


def _by_date(
    conn: sqlite3.Connection, cq: CompiledQuery, where: list[str], params: list[Any], sort: str
) -> Iterator[tuple[Any, ...]]:
    """Matches by date. A term with few hits: its ids from the index, sorted by date. A frequent
    one: walk the ``published_at`` index in chunks and keep the ids the index matches (early exit)."""
    order = _order(sort)
    cols = _COLS + (", a.title, a.body" if cq.needs_verify else "")
    src, cond, p = _id_source(cq)
    probe = _newest_ids(conn, cq, where, params, DATE_WALK_MIN_HITS + 1)
    if len(probe) <= DATE_WALK_MIN_HITS:
        if not probe:
            return
        sql = (f"SELECT {cols} FROM articles a WHERE a.article_id IN (SELECT value FROM json_each(?))"
               f" ORDER BY {order}")  # fmt: skip
        rows: Iterator[tuple[Any, ...]] = iter(_run(conn, sql, [json.dumps(probe)]))
    else:
        rows = _date_walk(conn, cq, cols, src, cond, p, where, params, order)
    for r in rows:
        if not cq.needs_verify or _verified(cq, r[7], r[8]):
            yield (*r[:7], None)


def _date_walk(
    conn: sqlite3.Connection, cq: CompiledQuery, cols: str, src: str, cond: str, p: list[Any],
    where: list[str], params: list[Any], order: str, chunk: int = 256,
) -> Iterator[tuple[Any, ...]]:
    ids_sql = ("SELECT a.article_id FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY {order} LIMIT ? OFFSET ?")  # fmt: skip
    match_sql = f"SELECT f.rowid FROM {src} WHERE {cond} AND f.rowid BETWEEN ? AND ?"
    row_sql = f"SELECT {cols} FROM articles a WHERE a.article_id = ?"
    offset = 0
    while True:
        ids = [r[0] for r in _run(conn, ids_sql, [*params, chunk, offset])]
        if not ids:
            return
        offset += len(ids)
        hit = {r[0] for r in _run(conn, match_sql, [*p, min(ids), max(ids)])}
        for aid in ids:
            if aid in hit:
                yield conn.execute(row_sql, [aid]).fetchone()
        chunk = min(chunk * 2, 8192)


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
    source, withdrawn_at, snippet, score (bm25, higher is better; None unless sort="relevance").

    Relevance: FTS5's bm25 (title ×5, body ×1) orders the newest ``RANK_WINDOW`` matches (ties by
    newest article id); older matches follow, newest first. ``sort="newest"``/``"oldest"`` return every match by ``published_at``."""
    if not isinstance(limit, int) or not 0 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 0 and {MAX_LIMIT}")
    if not isinstance(offset, int) or offset < 0:
        raise QueryError("offset must be 0 or more")
    _order(sort)
    cq = compile_query(query)
    where, params = _filters(channel, since, until, author, source)
    rows: list[tuple[Any, ...]] = []
    with _Conn(db_or_path) as conn:
        if limit == 0:
            return []
        it = _ranked(conn, cq, where, params) if sort == "relevance" else _by_date(conn, cq, where, params, sort)
        for k, row in enumerate(it):
            if k >= offset:
                rows.append(row)
                if len(rows) >= limit:
                    break
        ids = [r[0] for r in rows if len(r) < 9]
        bodies = {r[0]: r[8] for r in rows if len(r) >= 9}
        bodies |= dict(
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
    """Number of articles ``search`` would find for the same query and filters (every match)."""
    cq = compile_query(query)
    where, params = _filters(channel, since, until, author, source)
    with _Conn(db_or_path) as conn:
        src, cond, p = _id_source(cq)
        join = f" FROM {src} JOIN articles a ON a.article_id = f.rowid{_where(cond, where)}"
        if not cq.needs_verify:
            return int(_run(conn, "SELECT count(*)" + join, [*p, *params]).fetchone()[0])
        cur = _run(conn, "SELECT a.title, a.body" + join, [*p, *params])
        return sum(1 for t, b in cur if _verified(cq, t, b))


def iter_match_ids(conn: sqlite3.Connection, query: str) -> Iterator[int]:
    """All matching article ids, unordered (for tests and exports)."""
    cq = compile_query(query)
    _check_index(conn)
    src, cond, p = _id_source(cq)
    if not cq.needs_verify:
        yield from (r[0] for r in _run(conn, f"SELECT f.rowid FROM {src} WHERE {cond}", p))
        return
    sql = f"SELECT a.article_id, a.title, a.body FROM {src} JOIN articles a ON a.article_id = f.rowid WHERE {cond}"
    for aid, t, b in _run(conn, sql, p):
        if _verified(cq, t, b):
            yield aid


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
