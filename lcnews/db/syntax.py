"""The search language: a user's query text parsed into a tree of terms (pure: no SQL, no I/O).

What it accepts (``SYNTAX``): words, every one of which must occur (``聊城 钢铁``); ``"a phrase"``
(spaces and punctuation kept; everything inside quotes is literal); ``-term`` / ``-"phrase"`` /
``-(group)`` to exclude; ``OR`` between alternatives (``聊城 OR 东阿``; any case; AND binds
tighter, so ``a b OR c`` is ``(a b) OR c``); parentheses to group (``(聊城 OR 东阿) 钢铁``); ``AND``
may be written but is implied. Everything else that looks like an operator of another search
engine (FTS5's ``NEAR(...)``, ``title:x``, ``x*``, ``^x``, ``{col}``, ``+x``, ``NOT``) is refused with
a ``QueryError`` saying what is supported, never searched as text: a silent zero is a wrong answer.
Quote it to search for it literally (``"title:聊城"``).

A term matches an article when its normalised title or body contains the normalised term as a
substring (``lcnews.db.query`` compiles the tree for the index).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from lcnews.db.errors import QueryError
from lcnews.extract.normalize import normalize

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
ALNUM = re.compile(r"[^\W_]")

SYNTAX = (
    'Search syntax: words that must all occur (聊城 钢铁), "a phrase", -word to exclude, '
    "OR between alternatives (聊城 OR 东阿), parentheses to group ((聊城 OR 东阿) 钢铁); "
    'quote anything else to search for it as text ("title:聊城").'
)

_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*:(?!//)")


@dataclass(frozen=True)
class Leaf:
    """One term: ``text`` normalised (what is matched), ``raw`` as the user wrote it."""

    text: str
    raw: str


@dataclass(frozen=True)
class And:
    """Every one of ``include`` and none of ``exclude``."""

    include: tuple[Node, ...]
    exclude: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Or:
    """Any one of ``parts``."""

    parts: tuple[Node, ...]


Node = Leaf | And | Or


def leaves(node: Node, *, negated: bool = False) -> list[tuple[Leaf, bool]]:
    """Every term of the tree in query order, with whether it sits under an exclusion."""
    if isinstance(node, Leaf):
        return [(node, negated)]
    if isinstance(node, Or):
        return [x for p in node.parts for x in leaves(p, negated=negated)]
    return [x for p in node.include for x in leaves(p, negated=negated)] + [
        x for p in node.exclude for x in leaves(p, negated=not negated)
    ]


def is_conjunction(node: Node) -> bool:
    """Whether the tree is plain terms and exclusions (no OR, no excluded group)."""
    if isinstance(node, Leaf):
        return True
    return isinstance(node, And) and all(isinstance(p, Leaf) for p in (*node.include, *node.exclude))


# --- tokens -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tok:
    kind: str  # "word", "phrase", "(", ")", "-", "OR", "AND"
    text: str
    start: int
    end: int


def _refuse(word: str) -> None:
    """A word that is another engine's operator: refused with what to write instead."""
    upper = word.upper()
    if upper == "NOT":
        raise QueryError(f"NOT is not an operator here: write -word to exclude (聊城 -钢铁). {SYNTAX}")
    if upper == "NEAR" or upper.startswith("NEAR/"):
        raise QueryError(f"NEAR(...) is not supported: give the words, or a quoted phrase. {SYNTAX}")
    if _FIELD.match(word):
        raise QueryError(
            f"field searches like {word!r} are not supported: a search looks in the title and the body "
            f"(Datasette: ?_search_title= or ?_search_body=); to search for the text itself, quote it: "
            f'"{word}". {SYNTAX}'
        )
    if "*" in word:
        raise QueryError(
            f"{word!r}: prefix search (x*) is not supported, and not needed: every term matches anywhere "
            f"in a word (聊 finds 聊城); quote a * to search for it. {SYNTAX}"
        )
    if word.startswith("^"):
        raise QueryError(f"{word!r}: ^ (start of a column) is not supported. {SYNTAX}")
    if word.startswith("+"):
        raise QueryError(f"{word!r}: + is not needed, every word must occur already. {SYNTAX}")
    if "{" in word or "}" in word:
        raise QueryError(f"{word!r}: column sets {{...}} are not supported. {SYNTAX}")


def _tokens(query: str) -> list[_Tok]:
    out: list[_Tok] = []
    i, n = 0, len(query)
    after_minus = False
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
            after_minus = False
            continue
        if c in "()":
            out.append(_Tok(c, c, i, i + 1))
            i += 1
        elif c == "-" and not after_minus and i + 1 < n and not query[i + 1].isspace():
            out.append(_Tok("-", c, i, i + 1))
            i += 1
            after_minus = True
            continue
        elif c == '"':
            end = query.find('"', i + 1)
            end = n if end < 0 else end  # an unclosed quote runs to the end of the query
            out.append(_Tok("phrase", query[i + 1 : end].strip(), i, end + 1))
            i = end + 1
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in '()"':
                j += 1
            word = query[i:j]
            kind = "word"
            if word.upper() in ("OR", "AND") and not after_minus:
                kind = word.upper()  # after '-' it is the word itself: -or excludes "or"
            elif word.upper() not in ("OR", "AND"):
                _refuse(word)
            out.append(_Tok(kind, word, i, j))
            i = j
        after_minus = False
    for a, b in itertools.pairwise(out):
        if a.end != b.start:
            continue
        if b.kind == "(" and a.kind in ("word", "phrase", ")"):
            raise QueryError(
                f"'(' right after {a.text!r}: parentheses group terms, so put a space before it, or quote "
                f'the text to search for a parenthesis ("{a.text}(...)"). {SYNTAX}'
            )
        if a.kind == ")" and b.kind in ("word", "phrase", "(", "-"):
            raise QueryError(
                f"')' right before {b.text!r}: parentheses group terms, so put a space after it, or quote "
                f"the text to search for a parenthesis. {SYNTAX}"
            )
    return out


# --- parsing ------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, tokens: list[_Tok]) -> None:
        self.toks = tokens
        self.i = 0
        self.terms = 0

    def peek(self) -> str:
        return self.toks[self.i].kind if self.i < len(self.toks) else "end"

    def parse(self) -> Node | None:
        node = self.parse_or()
        if self.peek() == ")":
            raise QueryError(f"')' without a matching '('. {SYNTAX}")
        return node

    def parse_or(self) -> Node | None:
        branches = [self.parse_and()]
        while self.peek() == "OR":
            self.i += 1
            if self.peek() in ("end", ")", "OR") or branches[-1] is None:
                raise QueryError(f"OR needs a term on each side (聊城 OR 东阿). {SYNTAX}")
            branches.append(self.parse_and())
        if len(branches) == 1:
            return branches[0]
        if any(b is None for b in branches):
            raise QueryError(f"OR needs a term on each side (聊城 OR 东阿). {SYNTAX}")
        parts: list[Node] = []
        for b in branches:
            assert b is not None
            parts.extend(b.parts if isinstance(b, Or) else [b])
        return Or(tuple(parts))

    def parse_and(self) -> Node | None:
        include: list[Node] = []
        exclude: list[Node] = []
        seen = False
        while self.peek() not in ("end", ")", "OR"):
            if self.peek() == "AND":
                self.i += 1
                if not seen or self.peek() in ("end", ")", "OR", "AND"):
                    raise QueryError(f"AND needs a term on each side (it is implied: 聊城 钢铁). {SYNTAX}")
                continue
            seen = True
            negative = self.peek() == "-"
            if negative:
                self.i += 1
            node = self.parse_primary()
            if node is not None:
                (exclude if negative else include).append(node)
        if not include and not exclude:
            return None
        if not include:
            raise QueryError(
                "the query only excludes ('-term'): add a term to search for (聊城 -钢铁); "
                f"each side of an OR and each group needs one. {SYNTAX}"
            )
        if not any(_searchable(n) for n in include):
            shown = " ".join(leaf.raw for n in include for leaf, _ in leaves(n))
            raise QueryError(
                f"nothing to search for in {shown!r}: no letters or digits (punctuation alone cannot be searched)"
            )
        flat: list[Node] = []
        for n in include:
            if isinstance(n, And):
                flat.extend(n.include)
                exclude.extend(n.exclude)
            else:
                flat.append(n)
        if len(flat) == 1 and not exclude:
            return flat[0]
        return And(tuple(flat), tuple(exclude))

    def parse_primary(self) -> Node | None:
        kind = self.peek()
        if kind in ("end", "OR", "AND", ")"):
            raise QueryError(f"'-' must be followed by the term to exclude (聊城 -钢铁). {SYNTAX}")
        tok = self.toks[self.i]
        self.i += 1
        if kind == "(":
            if self.peek() == ")":
                raise QueryError(f"empty parentheses '()'. {SYNTAX}")
            node = self.parse_or()
            if self.peek() != ")":
                raise QueryError(f"'(' without a matching ')'. {SYNTAX}")
            self.i += 1
            return node
        text = normalize(tok.text)
        if not text.strip():
            return None  # an empty phrase ("") adds nothing
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise QueryError(f"too many terms (at most {MAX_TERMS})")
        return Leaf(text, tok.text)


def _searchable(node: Node) -> bool:
    if isinstance(node, Leaf):
        return ALNUM.search(node.text) is not None
    if isinstance(node, Or):
        return all(_searchable(p) for p in node.parts)
    return any(_searchable(p) for p in node.include)


def parse(query: str) -> Node:
    """The tree of a user query; ``QueryError`` (saying what is supported) when it cannot be read."""
    if not isinstance(query, str):
        raise QueryError("the query must be text")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long: {len(query)} characters (at most {MAX_QUERY_CHARS})")
    node = _Parser(_tokens(query)).parse()
    if node is None:
        raise QueryError("empty query: give at least one word to search for")
    return node
