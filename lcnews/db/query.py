"""A user's search query and filters, compiled for the full-text index (no ranking, no I/O).

* ``compile_query``: the query's tree (``lcnews.db.syntax``: words ANDed, ``"..."`` phrases,
  ``-term`` exclusions, ``OR``, parentheses) becomes FTS5 MATCH expressions: each term is
  normalised (``lcnews.extract.normalize``) and becomes the FTS5 phrase of its bigrams (one
  character: the prefix query ``"钢"*``), so user text never reaches MATCH as syntax.
* ``id_source``: the FROM/WHERE that streams matching article ids from the index.
* ``filters``: channel, date range, author and source as SQL conditions on ``articles a``.
* ``term_regex``/``verified``: exact substring matching on raw text, for the few terms the index
  cannot decide alone (a space or control character inside) and for snippets.

Semantics: an article matches when its normalised title or body contains every positive term and
none of the ``-term`` ones (and, with ``OR``, when one of the alternatives matches).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lcnews.db import syntax
from lcnews.db.errors import QueryError
from lcnews.db.fts import CHARS_TABLE, FTS_TABLE
from lcnews.db.syntax import ALNUM, MAX_QUERY_CHARS, MAX_TERMS, Leaf, Node, Or
from lcnews.extract.normalize import translation_table
from lcnews.extract.tokens import SPACE, token_text

__all__ = ["ALNUM", "MAX_QUERY_CHARS", "MAX_TERMS", "CompiledQuery", "compile_query"]


# --- compiling ----------------------------------------------------------------------------------


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
    as substrings of the normalised title or body. A query with ``OR`` or an excluded group keeps its
    ``tree``: ``fts_pos`` is then ``[match]``, and ``verified`` evaluates the whole tree exactly when
    one of its terms needs it (``tree_verify``).
    """

    match: str
    include: list[str]  # normalised positive terms (each one marked in snippets)
    exclude: list[str] = field(default_factory=list)  # normalised -terms (a conjunction's)
    verify: list[str] = field(default_factory=list)
    exclude_verify: list[str] = field(default_factory=list)
    fts_pos: list[str] = field(default_factory=list)
    fts_neg: list[str] = field(default_factory=list)
    chars_pos: list[str] = field(default_factory=list)
    chars_neg: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)  # articles_fts phrase of each positive term
    tree: Node | None = None
    tree_verify: bool = False

    @property
    def needs_verify(self) -> bool:
        return bool(self.verify or self.exclude_verify or self.tree_verify)

    @property
    def single_chars(self) -> bool:
        """Whether some positive term is one character (ranked in Python, see ``lcnews.db.rank``)."""
        return bool(self.chars_pos)


def parse_query(query: str) -> list[Term]:
    """The terms of a query without ``OR`` or excluded groups (``QueryError`` otherwise)."""
    tree = syntax.parse(query)
    if not syntax.is_conjunction(tree):
        raise QueryError("this query has OR or an excluded group: use compile_query")
    return [Term(leaf.text, negative) for leaf, negative in syntax.leaves(tree)]


def term_phrase(nterm: str) -> tuple[str, bool]:
    """``articles_fts`` expression for one normalised term, and whether a hit must be verified.

    Two or more characters → the phrase of the term's bigrams (``"新质 质生 生产 产力"``); one
    character → the prefix query ``"钢"*``. Index characters never include ``"``, so user text never
    reaches MATCH as syntax. Only a term with a space or control character needs verifying.
    """
    s = token_text(nterm)
    if len(s) == 1:
        return '"' + s + '"*', False
    return '"' + " ".join(map(str.__add__, s, s[1:])) + '"', SPACE in s


def compile_query(query: str) -> CompiledQuery:
    """Compile a user query (syntax: ``lcnews.db.syntax``); ``QueryError`` says what is wrong."""
    tree = syntax.parse(query)
    if not syntax.is_conjunction(tree):
        return _compile_tree(tree)
    terms = [Term(leaf.text, negative) for leaf, negative in syntax.leaves(tree)]
    cq = CompiledQuery(match="", include=[t.text for t in terms if not t.negative])
    pos: list[str] = []
    neg: list[str] = []
    for t in terms:
        phrase, needs_verify = term_phrase(t.text)
        one = len(t.text) == 1 and ALNUM.match(t.text) is not None
        if t.negative:
            cq.exclude.append(t.text)
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
    cq.match = and_not(pos, neg)
    return cq


def _superset(node: Node) -> str:
    """A MATCH expression finding every article the tree matches (and, for terms that need
    verifying, possibly more): an excluded part only excludes what surely matches it."""
    if isinstance(node, Leaf):
        return term_phrase(node.text)[0]
    if isinstance(node, Or):
        return "(" + " OR ".join(dict.fromkeys(map(_superset, node.parts))) + ")"
    return and_not([_superset(p) for p in node.include], [e for x in node.exclude if (e := _subset(x))])


def _subset(node: Node) -> str | None:
    """A MATCH expression finding only articles the tree matches (None: no such expression)."""
    if isinstance(node, Leaf):
        phrase, needs_verify = term_phrase(node.text)
        return None if needs_verify else phrase
    if isinstance(node, Or):
        parts = [e for p in node.parts if (e := _subset(p))]
        return "(" + " OR ".join(dict.fromkeys(parts)) + ")" if parts else None
    include = [_subset(p) for p in node.include]
    if any(e is None for e in include):
        return None
    return and_not([e for e in include if e], [_superset(x) for x in node.exclude])


def _compile_tree(tree: Node) -> CompiledQuery:
    match = _superset(tree)
    terms = syntax.leaves(tree)
    positive = [leaf.text for leaf, negated in terms if not negated]
    cq = CompiledQuery(match=match, include=positive, fts_pos=[match], tree=tree)
    cq.phrases = [term_phrase(t)[0] for t in positive]
    cq.tree_verify = any(term_phrase(leaf.text)[1] for leaf, _ in terms)
    return cq


def _holds(node: Node, title: str | None, body: str | None) -> bool:
    if isinstance(node, Leaf):
        return has(node.text, title) or has(node.text, body)
    if isinstance(node, Or):
        return any(_holds(p, title, body) for p in node.parts)
    return all(_holds(p, title, body) for p in node.include) and not any(_holds(x, title, body) for x in node.exclude)


def and_not(pos: list[str], neg: list[str]) -> str:
    expr = "(" + " AND ".join(dict.fromkeys(pos)) + ")"
    for phrase in dict.fromkeys(neg):
        expr = f"({expr} NOT {phrase})"
    return expr


def id_source(
    cq: CompiledQuery, alias: str = "f", tables: tuple[str, str] = (FTS_TABLE, CHARS_TABLE)
) -> tuple[str, str, list[Any]]:
    """(FROM table alias, WHERE condition, params): the articles matching every indexed term, with
    ``{alias}.rowid`` streaming in rowid order (the fastest table drives, the other filters).
    ``tables`` names another index of the same form (the print articles' ``print_fts``)."""
    fts_t, chars_t = tables
    if cq.fts_pos:
        table, conds, params = fts_t, [f"{alias}.{fts_t} MATCH ?"], [and_not(cq.fts_pos, cq.fts_neg)]
        if cq.chars_pos:
            conds.append(f"{alias}.rowid IN (SELECT rowid FROM {chars_t} WHERE {chars_t} MATCH ?)")
            params.append(and_not(cq.chars_pos, cq.chars_neg))
        elif cq.chars_neg:
            conds.append(f"{alias}.rowid NOT IN (SELECT rowid FROM {chars_t} WHERE {chars_t} MATCH ?)")
            params.append(" OR ".join(dict.fromkeys(cq.chars_neg)))
    else:
        table, conds, params = chars_t, [f"{alias}.{chars_t} MATCH ?"], [and_not(cq.chars_pos, cq.chars_neg)]
        if cq.fts_neg:
            conds.append(f"{alias}.rowid NOT IN (SELECT rowid FROM {fts_t} WHERE {fts_t} MATCH ?)")
            params.append(" OR ".join(dict.fromkeys(cq.fts_neg)))
    return f"{table} {alias}", " AND ".join(conds), params


# --- exact matching on raw text -----------------------------------------------------------------


@functools.cache
def preimages() -> dict[str, str]:
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
    pre = preimages()
    parts = []
    for ch in nterm:
        alts = pre.get(ch)
        parts.append("[" + "".join(map(re.escape, alts)) + "]" if alts else re.escape(ch))
    return re.compile("".join(parts))


def has(nterm: str, text: str | None) -> bool:
    """Whether normalised ``text`` contains ``nterm`` (found in the raw text)."""
    if not text:
        return False
    return term_regex(nterm).search(text) is not None


def verified(cq: CompiledQuery, title: str | None, body: str | None) -> bool:
    """Exact check of the terms the index cannot decide (substrings of normalised title/body)."""
    if cq.tree is not None:
        return _holds(cq.tree, title, body)
    if any(not has(v, title) and not has(v, body) for v in cq.verify):
        return False
    return not any(has(v, title) or has(v, body) for v in cq.exclude_verify)


# --- filters ------------------------------------------------------------------------------------


def date_bounds(value: str | dt.date | None, name: str, upper: bool) -> str | None:
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


def channel_filter(channel: str) -> tuple[str, list[Any]]:
    """Articles of a channel slug and its sub-channels, by their own URL or a listing that showed them."""
    ch = channel.strip("/")
    cond = (
        "(a.channel = ? OR substr(a.channel, 1, ?) = ? OR EXISTS (SELECT 1 FROM article_channels"
        " c WHERE c.article_id = a.article_id AND (c.channel = ? OR substr(c.channel, 1, ?) = ?)))"
    )
    return cond, [ch, len(ch) + 1, ch + "/", ch, len(ch) + 1, ch + "/"]


def filters(
    channel: str | None,
    since: str | dt.date | None,
    until: str | dt.date | None,
    author: str | None,
    source: str | None,
    *,
    author_contains: str | None = None,
    source_contains: str | None = None,
) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``articles a``. ``author``/``source``: exactly that name as stored (one of
    the ``authors``; the ``source``); ``author_contains``/``source_contains``: a substring of it."""
    where: list[str] = []
    params: list[Any] = []
    if channel:
        cond, ps = channel_filter(channel)
        where.append(cond)
        params += ps
    lo = date_bounds(since, "since", upper=False)
    hi = date_bounds(until, "until", upper=True)
    if lo and hi and lo >= hi:
        raise QueryError(f"empty date range: since {since} is after until {until}")
    if lo:
        where.append("a.published_at >= ?")
        params.append(lo)
    if hi:
        where.append("a.published_at < ?")
        params.append(hi)
    for value, cond in (
        (author, "EXISTS (SELECT 1 FROM json_each(a.authors) j WHERE j.value = ?)"),
        (author_contains, "EXISTS (SELECT 1 FROM json_each(a.authors) j WHERE instr(j.value, ?) > 0)"),
        (source, "a.source = ?"),
        (source_contains, "instr(a.source, ?) > 0"),
    ):
        if value is not None and str(value).strip():
            where.append(cond)
            params.append(str(value).strip())
    return where, params


# --- running ------------------------------------------------------------------------------------


def run(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
    try:
        return conn.execute(sql, params)
    except sqlite3.OperationalError as e:  # never let a user see raw SQL errors
        raise QueryError(f"the search index could not run this query ({e})") from e


def where_clause(cond: str, conditions: list[str]) -> str:
    """`` WHERE cond AND ...``: the index condition first, then the filters."""
    return " WHERE " + " AND ".join([cond, *conditions])
