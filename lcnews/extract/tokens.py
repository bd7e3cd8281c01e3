"""Search index tokens of article text (pure): what the archive's full-text index stores.

The text is normalised per code point (``lcnews.extract.normalize``: same length, script-insensitive);
then every ASCII punctuation mark is shown as its full-width form (``,`` → ``，``) and every space or
control character as ``U+FF5F``, and indexed as all its overlapping bigrams followed by its last
character alone: ``聊城，2025年`` → ``聊城 城， ，2 20 02 25 5年 年``. A second index holds the distinct
letters/digits of each column. The index tables themselves (DDL, inserts) are ``lcnews.db.fts``;
queries are compiled with the same ``token_text`` in ``lcnews.db.query``.

Extract workers compute ``index_text`` once per article (into ``Article.index_text``), so the crawl's
single writer process does not tokenise.
"""

from __future__ import annotations

import array
import functools
import zlib

from lcnews.extract.normalize import NORMALIZER_VERSION, as_lookup_list, normalize, translation_table

INDEX_VERSION = "3"  # the archive schema version that introduced this token layout
SPACE = "\uff5f"  # FULLWIDTH LEFT WHITE PARENTHESIS: NFKC maps it away, never in text
# ASCII punctuation → its full-width form (never present in NFKC-normalised text, and a token
# character for FTS5's ascii tokenizer); spaces and control characters → U+FF5F (idem).
TOKEN_MAP: dict[int, str] = {c: chr(c + 0xFEE0) for c in range(0x21, 0x7F) if not chr(c).isalnum()}
TOKEN_MAP.update({c: SPACE for c in range(0x21)})
TOKEN_MAP[0x7F] = SPACE
for _c in (0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000):
    TOKEN_MAP[_c] = SPACE

IndexText = tuple[str, str, str, str, str]


def token_text(ntext: str) -> str:
    """Normalised text as index characters: ASCII punctuation full-width, spaces/controls U+FF5F."""
    return ntext.translate(TOKEN_MAP)


@functools.cache
def _raw_token_table() -> list[str]:
    """``normalize`` then ``token_text`` as one ``str.translate`` table (one pass over raw text)."""
    table = dict(TOKEN_MAP)
    for k, v in translation_table().items():
        table[k] = v.translate(TOKEN_MAP)
    return as_lookup_list(table)


class _Spaces:
    """A growing UTF-32 array of ASCII spaces, the separators ``_bigrams`` interleaves."""

    def __init__(self) -> None:
        self.array = array.array("I", [0x20]) * 0

    def ensure(self, n: int) -> array.array[int]:
        if len(self.array) < n:
            self.array = array.array("I", [0x20]) * max(n, 2 * len(self.array), 4096)
        return self.array


_SPACES = _Spaces()


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
    out[2::3] = _SPACES.ensure(n - 1)[: n - 1]
    out[-1] = src[-1]
    return out.tobytes().decode("utf-32-le")


def tokens_of_normalized(ntext: str) -> str:
    """``articles_fts`` tokens of normalised text, space-joined: every overlapping bigram, then the
    last character alone (so each character starts exactly one token)."""
    return _bigrams(token_text(ntext))


def chars_of_normalized(ntext: str) -> str:
    """``articles_fts_chars`` tokens: the distinct letters/digits, space-joined (first-seen order)."""
    return " ".join(filter(str.isalnum, dict.fromkeys(ntext)))


def index_tokens(text: str) -> str:
    """Index tokens of raw text (normalised first)."""
    return tokens_of_normalized(normalize(text))


def tokens_key(title: str, body: str) -> str:
    """Identifies the text (and tokenizer) precomputed index tokens belong to (``index_text``)."""
    crc = zlib.crc32(body.encode("utf-8", "surrogatepass"), zlib.crc32(title.encode("utf-8", "surrogatepass")))
    return f"{INDEX_VERSION}.{NORMALIZER_VERSION}:{len(title)}:{len(body)}:{crc:08x}"


def index_text(title: str, body: str) -> IndexText:
    """Every index string of one article, computed from raw text in one translate pass per column:
    (key, ``articles_fts`` title, body, ``articles_fts_chars`` title, body). Extract workers store it
    in ``Article.index_text`` so the crawl's writer process does not tokenise."""
    table = _raw_token_table()
    st, sb = title.translate(table), body.translate(table)
    # Token characters keep letters/digits as normalised and never turn punctuation into one.
    return (
        tokens_key(title, body),
        _bigrams(st),
        _bigrams(sb),
        " ".join(filter(str.isalnum, dict.fromkeys(st))),
        " ".join(filter(str.isalnum, dict.fromkeys(sb))),
    )
