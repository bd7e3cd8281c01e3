"""Script-insensitive text normalisation and content fingerprints.

``normalize`` maps every code point on its own (NFKC of the character if that stays one character,
then OpenCC Traditional→Simplified of that character, then lowercase), so the output always has the
same length as the input: a match position in normalised text is the same position in the original,
which lets search highlight an article in its own script. Text and queries go through the same table,
so 鋼 finds 钢 and ＡＢＣ finds abc. A per-character map merges some characters that a phrase-aware
converter would keep apart (乾/幹/干): search then over-matches, it never misses.

Bump ``NORMALIZER_VERSION`` whenever the mapping changes: the archive stores it and rebuilds its
search index when it differs (the index can only be kept in sync with the mapping that built it).
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
import unicodedata
import zlib
from array import array
from itertools import islice

import opencc

NORMALIZER_VERSION = "1"

_WHITESPACE = re.compile(r"\s+")
_SHINGLE = 4
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# script_of classifies from the text up to its SCRIPT_SAMPLE-th Han character: an article is written
# in one script (or mixes them throughout), so a bounded sample decides as well as the whole text.
SCRIPT_SAMPLE = 600


def _opencc_per_char(chars: list[str], config: str) -> list[str]:
    """Convert each character on its own (newline-joined: no phrase can span a line)."""
    converted: list[str] = str(opencc.OpenCC(config).convert("\n".join(chars))).split("\n")
    if len(converted) != len(chars):  # defensive: never trust a shape we did not check
        converted = [str(opencc.OpenCC(config).convert(c)) for c in chars]
    return converted


@functools.cache
def translation_table() -> dict[int, str]:
    """The BMP code points ``normalize`` changes, mapped to their one-character replacement.

    Built once per process (about 60 ms). Applied to a fixed point, so the map is idempotent:
    ``normalize(normalize(s)) == normalize(s)``.
    """
    codes = [i for i in range(0x10000) if not 0xD800 <= i < 0xE000]
    step1: list[str] = []
    for i in codes:
        c = chr(i)
        n = unicodedata.normalize("NFKC", c)
        step1.append(n if len(n) == 1 else c)
    # OpenCC is C++: control characters (NUL in particular) must not reach it.
    safe = [j for j, c in enumerate(step1) if unicodedata.category(c) != "Cc"]
    converted = _opencc_per_char([step1[j] for j in safe], "t2s")
    step2 = list(step1)
    for j, t in zip(safe, converted, strict=True):
        if len(t) == 1:
            step2[j] = t
    mapping: dict[int, str] = {}
    for i, c in zip(codes, step2, strict=True):
        low = c.lower()
        out = low if len(low) == 1 else c
        if out != chr(i):
            mapping[i] = out
    # Close the map under itself (A→B, B→C gives A→C) so that normalising twice changes nothing.
    for _ in range(4):
        changed = False
        for k, v in mapping.items():
            w = mapping.get(ord(v))
            if w is not None and w != v:
                mapping[k] = w
                changed = True
        if not changed:
            break
    return mapping


def as_lookup_list(table: dict[int, str]) -> list[str]:
    """A ``str.translate`` table as a list indexed by BMP code point (each unchanged point maps to
    itself; points beyond the list raise IndexError, which ``translate`` reads as "unchanged").

    The same translation as the dict, about twice as fast: ``translate`` looks every character
    up, and a list index needs no hashing."""
    out = [chr(i) for i in range(0x10000)]
    for k, v in table.items():
        out[k] = v
    return out


@functools.cache
def _translation_list() -> list[str]:
    return as_lookup_list(translation_table())


def normalize(text: str) -> str:
    """Return ``text`` normalised per code point; ``len(normalize(t)) == len(t)`` always."""
    return text.translate(_translation_list())


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


@functools.cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


@functools.cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _changed_positions(text: str, converted: str) -> int:
    if len(converted) == len(text):
        if text == converted:  # the common case for t2s of Simplified text: no per-character walk
            return 0
        return sum(1 for a, b in zip(text, converted, strict=True) if a != b and _is_han(a))
    return -1


@functools.cache
def _traditional_han() -> dict[int, None]:
    """The Han code points ``translation_table`` converts, mapped to deletion (a C-speed test of
    whether a text holds any of them: ``len(text.translate(...)) < len(text)``)."""
    return {k: None for k in translation_table() if _is_han(chr(k))}


def script_of(text: str) -> str:
    """Classify the Han text in ``text``: "simplified", "traditional", "mixed", or "" (no Han).

    Counts the Han characters that OpenCC's phrase-aware t2s changes (Traditional-only forms) and
    that s2t changes (Simplified-only forms). Text with neither (script-neutral characters such as
    中文) is "simplified", the site's script. "mixed" means each kind is more than 5% of the other
    (a few converter disagreements inside a one-script text do not make it mixed). Only the text up
    to the ``SCRIPT_SAMPLE``-th Han character is converted (a bounded cost per article).
    """
    # fewer characters than the sample cannot hold SCRIPT_SAMPLE Han characters: no scan for the cut
    last = next(islice(_HAN.finditer(text), SCRIPT_SAMPLE - 1, None), None) if len(text) >= SCRIPT_SAMPLE else None
    if last is not None:
        text = text[: last.end()]
    elif _HAN.search(text) is None:
        return ""
    trad = _changed_positions(text, _t2s().convert(text))
    if trad == 0 and len(text.translate(_traditional_han())) == len(text):
        # No Traditional-only form by phrase or by character: "simplified" whatever s2t finds
        # (the per-character count below, should s2t change the length, is 0 too). s2t is the
        # costly conversion of the two on Simplified text, so it is skipped.
        return "simplified"
    simp = _changed_positions(text, _s2t().convert(text))
    if trad < 0 or simp < 0:  # a phrase conversion changed length: compare per character
        han = [c for c in text if _is_han(c)]
        table = translation_table()
        trad = sum(1 for c in han if ord(c) in table)
        simp = sum(1 for c in han if _s2t().convert(c) != c)
    if trad == 0:
        return "simplified"
    if simp <= trad * 0.05:
        return "traditional"
    if trad <= simp * 0.05:
        return "simplified"
    return "mixed"


def content_hash(title: str, body: str) -> str:
    """sha256 hex of normalised title + body with all whitespace removed (script-insensitive)."""
    text = _WHITESPACE.sub("", normalize(title + "\n" + body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_BIG_ENDIAN = sys.byteorder == "big"


def _bit_votes(words: list[int], half: float, shift: int) -> int:
    """Bits (at ``shift``..``shift``+31) set in more than ``half`` of the 32-bit ``words``.

    Each byte lane of the packed words becomes one big integer (one byte per word); a bit's vote is
    ``((lane >> k) & 0x0101…01).bit_count()``: a few C-level big-int operations per bit.
    """
    packed = array("I", words)
    if packed.itemsize != 4:  # pragma: no cover - every supported platform has 4-byte "I"
        packed = array("L", words)
    if _BIG_ENDIAN:  # pragma: no cover
        packed.byteswap()
    raw = packed.tobytes()
    width = packed.itemsize
    ones = int.from_bytes(b"\x01" * len(words), "little")
    value = 0
    for lane in range(4):
        column = int.from_bytes(raw[lane::width], "little")
        for k in range(8):
            if ((column >> k) & ones).bit_count() > half:
                value |= 1 << (shift + 8 * lane + k)
    return value


_SLICES: list[slice] = []


def _shingle_slices(count: int) -> list[slice]:
    """The byte slices of the first ``count`` shingles of UTF-32 text (prepared once, grown on demand)."""
    if len(_SLICES) < count:
        size = 4 * _SHINGLE
        _SLICES.extend(slice(4 * i, 4 * i + size) for i in range(len(_SLICES), max(count, 2 * len(_SLICES), 4096)))
    return _SLICES[:count]


def simhash(text: str) -> str:
    """64-bit SimHash (16 hex digits) over character 4-gram shingles of normalised text.

    Whitespace is removed first, so re-wrapped paragraphs give the same fingerprint. Text shorter
    than one shingle is a single shingle; empty text gives ``"0" * 16``. A shingle's 64-bit hash is
    the CRC-32 of its UTF-32-BE bytes (high half) and of its UTF-32-LE bytes (low half): cheap,
    and the same in every process and on every platform (no ``hash()``). Every shingle occurrence
    votes (a repeated shingle weighs more).
    """
    chars = _WHITESPACE.sub("", normalize(text))
    if not chars:
        return "0" * 16
    count = max(1, len(chars) - _SHINGLE + 1)
    cuts = _shingle_slices(count)
    le = chars.encode("utf-32-le")
    be = chars.encode("utf-32-be")
    # map over prepared slice objects: the per-shingle loop stays in C
    low = list(map(zlib.crc32, map(le.__getitem__, cuts)))
    high = list(map(zlib.crc32, map(be.__getitem__, cuts)))
    half = len(low) / 2
    return format(_bit_votes(high, half, 32) | _bit_votes(low, half, 0), "016x")


def hamming(a: str | int, b: str | int) -> int:
    """Number of differing bits between two SimHashes (hex strings or ints)."""
    x = int(a, 16) if isinstance(a, str) else a
    y = int(b, 16) if isinstance(b, str) else b
    return (x ^ y).bit_count()
