"""Search on the PostgreSQL archive: the SQLite archive's semantics, ranking and options, on a GIN index.

A term matches an article when the normalised title or body contains it (``lcnews.db.syntax``, the
same parser): here ``articles_fts.grams @> <the term's bigrams>`` (a GIN index; one character:
that character) finds the candidates and ``strpos`` on the index characters decides, so 1- and
2-character terms, either script, punctuation and phrases behave as in SQLite. A term with a space
or control character is checked on the raw text as SQLite does (``lcnews.db.query.verified``).
Relevance is the same bm25 (``lcnews.db.rank.bm25``: k1 1.2, b 0.75, title ×5) over every match
(each one scored: no ranking tiers here), or with ``rank_window=N`` over the newest ``N`` matches,
older ones newest first; ``newest``/``oldest`` sort by ``published_at``.
Every user error is the same ``QueryError`` (``lcnews.db.hits.plan_search`` validates first).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg

from lcnews.db import channels, rank, syntax
from lcnews.db.errors import QueryError
from lcnews.db.hits import PERIODS, period_of, periods_between, plan_count, plan_search
from lcnews.db.query import ALNUM, CompiledQuery, compile_query, date_bounds, verified
from lcnews.db.snippets import DEFAULT_MARKS, snippet
from lcnews.db.syntax import Leaf, Node, Or
from lcnews.extract.tokens import SPACE, token_text

Conn = psycopg.Connection[Any]
COLS = "a.article_id, a.url, a.title, a.published_at, a.channel, a.source, a.withdrawn_at"
FROM = "articles_fts f JOIN articles a ON a.article_id = f.article_id"


def grams_of(ttext: str) -> set[str]:
    """``articles_fts.grams`` of one column's index characters: its bigrams and its characters."""
    return {ttext[i : i + 2] for i in range(len(ttext) - 1)} | set(ttext)


def term_grams(ttext: str) -> list[str]:
    """What a term's text needs in ``grams``: its distinct bigrams (one character: itself)."""
    return [ttext] if len(ttext) == 1 else sorted({ttext[i : i + 2] for i in range(len(ttext) - 1)})


# --- the query as SQL ---------------------------------------------------------------------------


@dataclass
class Sql:
    """A condition and its parameters (psycopg ``%s`` placeholders)."""

    text: str
    params: list[Any] = field(default_factory=list)


def _leaf(node: Leaf) -> tuple[Sql, bool]:
    s = token_text(node.text)
    cond = Sql("(f.grams @> %s::text[] AND (strpos(f.title, %s) > 0 OR strpos(f.body, %s) > 0))", [term_grams(s), s, s])
    return cond, SPACE in s


def _join(parts: Sequence[Sql], op: str) -> Sql:
    return Sql("(" + f" {op} ".join(p.text for p in parts) + ")", [x for p in parts for x in p.params])


def _and_not(include: Sequence[Sql], exclude: Sequence[Sql]) -> Sql:
    cond = _join(include, "AND")
    for e in exclude:
        cond = Sql(f"({cond.text} AND NOT {e.text})", [*cond.params, *e.params])
    return cond


def superset(node: Node) -> Sql:
    """Finds every article the tree matches (with terms to verify, possibly more), as
    ``lcnews.db.query._superset`` does for FTS5."""
    if isinstance(node, Leaf):
        return _leaf(node)[0]
    if isinstance(node, Or):
        return _join([superset(p) for p in node.parts], "OR")
    return _and_not([superset(p) for p in node.include], [e for x in node.exclude if (e := subset(x))])


def subset(node: Node) -> Sql | None:
    """Finds only articles the tree matches (None: no such condition)."""
    if isinstance(node, Leaf):
        cond, needs_verify = _leaf(node)
        return None if needs_verify else cond
    if isinstance(node, Or):
        parts = [e for p in node.parts if (e := subset(p))]
        return _join(parts, "OR") if parts else None
    include = [subset(p) for p in node.include]
    if any(e is None for e in include):
        return None
    return _and_not([e for e in include if e], [superset(x) for x in node.exclude])


@dataclass
class PgPlan:
    """A validated search for PostgreSQL: the compiled query (snippets, bm25, verification), the
    index condition and the filters (on ``articles a``)."""

    cq: CompiledQuery
    match: Sql
    where: list[Sql]
    channel: str | None
    limit: int = 20
    offset: int = 0
    sort: str = "relevance"
    marks: tuple[str, str] = DEFAULT_MARKS
    snippet_width: int = 120
    rank_window: int | None = None


def _filters(
    since: Any = None,
    until: Any = None,
    author: str | None = None,
    source: str | None = None,
    author_contains: str | None = None,
    source_contains: str | None = None,
) -> list[Sql]:
    """``lcnews.db.query.filters`` for PostgreSQL (same meaning, same errors)."""
    where: list[Sql] = []
    lo = date_bounds(since, "since", upper=False)
    hi = date_bounds(until, "until", upper=True)
    if lo and hi and lo >= hi:
        raise QueryError(f"empty date range: since {since} is after until {until}")
    if lo:
        where.append(Sql("a.published_at >= %s", [lo]))
    if hi:
        where.append(Sql("a.published_at < %s", [hi]))
    names = "EXISTS (SELECT 1 FROM json_array_elements_text(a.authors::json) j(v) WHERE {})"
    for value, cond in (
        (author, names.format("j.v = %s")),
        (author_contains, names.format("strpos(j.v, %s) > 0")),
        (source, "a.source = %s"),
        (source_contains, "strpos(a.source, %s) > 0"),
    ):
        if value is not None and str(value).strip():
            where.append(Sql(cond, [str(value).strip()]))
    return where


def channel_filter(slug: str) -> Sql:
    """Articles of a channel slug and its sub-channels, by their own URL or a listing that showed them."""
    ch = slug.strip("/")
    return Sql(
        "(a.channel = %s OR substr(a.channel, 1, %s) = %s OR EXISTS (SELECT 1 FROM article_channels c"
        " WHERE c.article_id = a.article_id AND (c.channel = %s OR substr(c.channel, 1, %s) = %s)))",
        [ch, len(ch) + 1, ch + "/", ch, len(ch) + 1, ch + "/"],
    )


_FILTER_KEYS = ("since", "until", "author", "source", "author_contains", "source_contains")


def plan(query: str, *, count_only: bool = False, **options: Any) -> PgPlan:
    """Validate (the SQLite plan's checks and errors, word for word) and compile for PostgreSQL."""
    if count_only:
        plan_count(query, **options)
    else:
        checked = plan_search(query, **options)
    tree = syntax.parse(query)
    cq = compile_query(query)
    where = _filters(**{k: options.get(k) for k in _FILTER_KEYS})
    p = PgPlan(cq, superset(tree), where, options.get("channel"))
    if not count_only:
        p.limit, p.offset, p.sort = checked.limit, checked.offset, checked.sort
        p.marks, p.snippet_width = checked.marks, checked.snippet_width
        p.rank_window = checked.rank_window
    return p


def resolve_channel(conn: Conn, channel: str | None) -> str | None:
    """A slug or Chinese name as ``lcnews.db.channels.resolve`` reads it, against this archive."""

    def known(slug: str) -> bool:
        sql = "SELECT 1 FROM {} WHERE channel = %s OR substr(channel, 1, %s) = %s LIMIT 1"
        args = [slug, len(slug) + 1, slug + "/"]
        return any(conn.execute(sql.format(t), args).fetchone() for t in ("articles", "article_channels"))

    return channels.resolve_with(channel, known, lambda: archive_channels(conn))


def archive_channels(conn: Conn) -> dict[str, int]:
    counts = {ch: n for ch, n in conn.execute("SELECT channel, count(*) FROM articles GROUP BY channel") if ch}
    for (ch,) in conn.execute("SELECT DISTINCT channel FROM article_channels"):
        if ch:
            counts.setdefault(ch, 0)
    return counts


def _where(conn: Conn, p: PgPlan, extra: Sequence[Sql] = ()) -> Sql:
    conds = [p.match, *p.where, *extra]
    slug = resolve_channel(conn, p.channel)
    if slug is not None:
        conds.append(channel_filter(slug))
    return Sql(" WHERE " + " AND ".join(c.text for c in conds), [x for c in conds for x in c.params])


def _run(conn: Conn, sql: str, params: Sequence[Any]) -> psycopg.Cursor[Any]:
    try:
        return conn.execute(sql, params)
    except psycopg.errors.DataError as e:  # never let a user see raw SQL errors
        raise QueryError(f"the search index could not run this query ({e})") from e


# --- bm25 statistics ----------------------------------------------------------------------------


class Stats:
    """bm25 inputs of one index state (``meta.index_serial``): articles indexed, their average
    length (``meta.fts_rows``/``fts_chars``, kept by every write) and document frequencies."""

    def __init__(self, rows: int, chars: int) -> None:
        self.rows = rows
        self.avgdl = chars / rows if rows else 1.0
        self.df: dict[str, int] = {}
        self.samples: dict[str, int] = {}
        self.id_range: tuple[int, int] | None = None

    def gram_df(self, conn: Conn, gram: str) -> int:
        n = self.df.get(gram)
        if n is None:
            row = conn.execute("SELECT count(*) FROM articles_fts WHERE grams @> ARRAY[%s]::text[]", [gram]).fetchone()
            n = self.df[gram] = int(row[0]) if row else 0
        return n

    def sample_df(self, conn: Conn, gram: str) -> int:
        """``lcnews.db.rank._Stats.sample_count``: matches among the newest sixteenth of the ids."""
        n = self.samples.get(gram)
        if n is None:
            if self.id_range is None:
                sql = "SELECT (SELECT min(article_id) FROM articles_fts), (SELECT max(article_id) FROM articles_fts)"
                row = conn.execute(sql).fetchone()
                self.id_range = (row[0] or 0, row[1] or 0) if row else (0, 0)
            sql = "SELECT count(*) FROM articles_fts WHERE grams @> ARRAY[%s]::text[] AND article_id >= %s"
            row = conn.execute(sql, [gram, rank.sample_floor(*self.id_range)]).fetchone()
            n = self.samples[gram] = int(row[0]) if row else 0
        return n

    def term_df(self, conn: Conn, term: str) -> int:
        """``lcnews.db.rank._term_df``: one character exact, two exact, longer terms their key
        bigram's (the fewest matches among the newest sixteenth of the ids; ties: code-point order)."""
        s = token_text(term)
        if len(s) < 2 or (len(term) == 1 and ALNUM.match(term)):
            return self.gram_df(conn, s)
        grams = sorted(set(term_grams(s)))
        return self.gram_df(conn, min(grams, key=lambda g: self.sample_df(conn, g)))


_STATS: dict[tuple[str, str], Stats] = {}


def stats(conn: Conn, key: str) -> Stats:
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('index_serial', 'fts_rows', 'fts_chars')"))
    state = (key, meta.get("index_serial", "0"))
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        return Stats(int(meta.get("fts_rows", 0)), int(meta.get("fts_chars", 0)))
    st = _STATS.get(state)
    if st is None:
        if len(_STATS) >= 8:
            _STATS.pop(next(iter(_STATS)))
        st = _STATS[state] = Stats(int(meta.get("fts_rows", 0)), int(meta.get("fts_chars", 0)))
    return st


# --- running ------------------------------------------------------------------------------------


def _ranked(conn: Conn, p: PgPlan, key: str) -> Iterator[tuple[Any, ...]]:
    """``lcnews.db.rank.ranked``: every match by bm25 (ties newest first), or with ``rank_window``
    the newest ``rank_window`` matches by bm25, then newest first."""
    if p.rank_window is None:
        yield from _ranked_all(conn, p, key)
        return
    cq = p.cq
    st = stats(conn, key)
    below, size, first = 1 << 62, p.rank_window, True
    while True:
        w = _where(conn, p, [Sql("f.article_id < %s", [below])])
        sql = f"SELECT {COLS}, a.authors, a.title, a.body FROM {FROM}{w.text} ORDER BY f.article_id DESC LIMIT %s"
        chunk = _run(conn, sql, [*w.params, size]).fetchall()
        if not chunk:
            return
        below = chunk[-1][0]
        rows = [r for r in chunk if verified(cq, r[-2], r[-1])] if cq.needs_verify else chunk
        scores = rank.bm25(cq, rows, st.rows, st.avgdl, lambda term, _phrase: st.term_df(conn, term))
        order: Sequence[int] = range(len(rows))
        if first:
            order = sorted(order, key=lambda k: (scores[k], -rows[k][0]))
        for k in order:
            r = rows[k]
            yield (*r[:8], round(-scores[k], 6), r[-1])
        if len(chunk) < size:
            return
        first, size = False, min(max(size, 200) * 4, 4096)


def _ranked_all(conn: Conn, p: PgPlan, key: str) -> Iterator[tuple[Any, ...]]:
    """Every match scored from its text (only ids and scores kept), then the rows in that order."""
    cq = p.cq
    st = stats(conn, key)
    w = _where(conn, p)
    order: list[tuple[float, int]] = []
    cur = _run(conn, f"SELECT a.article_id, a.title, a.body FROM {FROM}{w.text}", w.params)
    while chunk := cur.fetchmany(1000):
        rows = [r for r in chunk if verified(cq, r[-2], r[-1])] if cq.needs_verify else chunk
        scores = rank.bm25(cq, rows, st.rows, st.avgdl, lambda term, _phrase: st.term_df(conn, term))
        order += [(s, -r[0]) for s, r in zip(scores, rows, strict=True)]
    order.sort()
    sql = f"SELECT {COLS}, a.authors, a.title, a.body FROM articles a WHERE a.article_id = ANY(%s)"
    for i in range(0, len(order), 200):
        part = order[i : i + 200]
        got = {r[0]: r for r in _run(conn, sql, [[-aid for _, aid in part]])}
        for score, aid in part:
            r = got[-aid]
            yield (*r[:8], round(-score, 6), r[-1])


def _by_date(conn: Conn, p: PgPlan) -> Iterator[tuple[Any, ...]]:
    order = (
        "a.published_at DESC NULLS LAST, a.article_id DESC"
        if p.sort == "newest"
        else "a.published_at IS NULL, a.published_at, a.article_id"
    )
    cq = p.cq
    w = _where(conn, p)
    sql = f"SELECT {COLS}, a.authors, a.title, a.body FROM {FROM}{w.text} ORDER BY {order}"
    if not cq.needs_verify:
        for r in _run(conn, sql + " LIMIT %s OFFSET %s", [*w.params, p.limit, p.offset]):
            yield (*r[:8], None, r[-1])
        return
    for r in _run(conn, sql, w.params):
        if verified(cq, r[-2], r[-1]):
            yield (*r[:8], None, r[-1])


def run_search(conn: Conn, p: PgPlan, key: str) -> list[dict[str, Any]]:
    """Hits as ``lcnews.db.hits.run_search`` returns them."""
    resolve_channel(conn, p.channel)
    if p.limit == 0:
        return []
    pushed = p.sort != "relevance" and not p.cq.needs_verify  # LIMIT/OFFSET already in the SQL
    it = _ranked(conn, p, key) if p.sort == "relevance" else _by_date(conn, p)
    rows: list[tuple[Any, ...]] = []
    for k, row in enumerate(it):
        if pushed or k >= p.offset:
            rows.append(row)
            if len(rows) >= p.limit:
                break
    needles = [t for t in p.cq.include if t.strip()]
    return [
        {
            "url": r[1],
            "article_id": r[0],
            "title": r[2],
            "published_at": r[3],
            "channel": r[4],
            "source": r[5],
            "authors": _names(r[7]),
            "withdrawn_at": r[6],
            "snippet": snippet(r[9] or "", needles, width=p.snippet_width, marks=p.marks),
            "score": r[8],
        }
        for r in rows
    ]


def _names(value: Any) -> list[str]:
    try:
        names = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return []
    return [str(n) for n in names] if isinstance(names, list) else []


def run_count(conn: Conn, p: PgPlan) -> int:
    w = _where(conn, p)
    if not p.cq.needs_verify:
        row = _run(conn, f"SELECT count(*) FROM {FROM}{w.text}", w.params).fetchone()
        return int(row[0]) if row else 0
    cur = _run(conn, f"SELECT a.title, a.body FROM {FROM}{w.text}", w.params)
    return sum(1 for t, b in cur if verified(p.cq, t, b))


def run_trend(conn: Conn, p: PgPlan, by: str) -> list[tuple[str, int]]:
    """``lcnews.db.hits.run_trend`` on PostgreSQL."""
    if by not in PERIODS:
        raise QueryError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    w = _where(conn, p)
    counts: Counter[str] = Counter()
    for published, title, body in _run(conn, f"SELECT a.published_at, a.title, a.body FROM {FROM}{w.text}", w.params):
        if p.cq.needs_verify and not verified(p.cq, title, body):
            continue
        period = period_of(published, by) if published else None
        if period:
            counts[period] += 1
    if not counts:
        return []
    return [(k, counts.get(k, 0)) for k in periods_between(min(counts), max(counts), by)]


def match_ids(conn: Conn, query: str) -> set[int]:
    """Every matching article id (tests, the parity checks)."""
    p = plan(query, count_only=True)
    w = _where(conn, p)
    cur = _run(conn, f"SELECT a.article_id, a.title, a.body FROM {FROM}{w.text}", w.params)
    return {aid for aid, t, b in cur if not p.cq.needs_verify or verified(p.cq, t, b)}


def export_sql(
    conn: Conn,
    query: str | None,
    channel: str | None,
    since: str | dt.date | None,
    until: str | dt.date | None,
    author: str | None,
    source: str | None,
) -> tuple[str, list[Any], CompiledQuery | None]:
    """The SELECT of ``export_rows`` (every ``articles`` column, by article_id) and the compiled
    query whose verified terms the caller checks."""
    where = _filters(since, until, author, source)
    slug = resolve_channel(conn, channel)
    if slug is not None:
        where.append(channel_filter(slug))
    cq = None
    if query is None:
        sql = "SELECT a.* FROM articles a"
    else:
        cq = compile_query(query)
        where.insert(0, superset(syntax.parse(query)))
        sql = f"SELECT a.* FROM {FROM}"
    if where:
        sql += " WHERE " + " AND ".join(c.text for c in where)
    return sql + " ORDER BY a.article_id", [x for c in where for x in c.params], cq
