"""Search snippets: a window of an article's text around the first hit, every hit marked.

Hits are found in the text as it is (its own script) through ``lcnews.db.query.term_regex``: the
normaliser keeps length, so positions in the normalised text are positions in the original.
"""

from __future__ import annotations

from collections.abc import Sequence

from lcnews.db.query import term_regex

DEFAULT_MARKS = ("<mark>", "</mark>")


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
