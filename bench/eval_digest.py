#!/usr/bin/env python
"""Write the digests that keep evaluation text out of the repository (tests/test_no_eval_text.py).

The evaluation pages (``$LCNEWS_EVAL_DATA``, default ``../shared/eval`` beside the checkout) are
development data: no rule, comment or test may quote them. The test needs their text in CI, where
the pages are absent, so this script stores a digest of it: every run of eight Han characters of
every page (as written and converted to Simplified), each as the first five bytes of its BLAKE2b
hash, sorted. Five bytes keep a chance collision with the repository's own Han text below one in a
million per string; the hashes reveal no text. A second digest holds the eight-character runs of
the site's own seed page (``../shared/seeds``, a real lcxw.cn page and not evaluation data), which
may share common phrases and licence lines with evaluation pages and is exempt.

Usage: ``python bench/eval_digest.py`` rewrites tests/data/*.digest (run it when the data changes);
``--check`` says whether the committed digest still covers the data.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("LCNEWS_EVAL_DATA", ROOT.parent / "shared" / "eval"))
SEEDS = Path(os.environ.get("LCNEWS_SEEDS", ROOT.parent / "shared" / "seeds"))
OUT = ROOT / "tests" / "data"
HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{8,}")
WIDTH = 5


def decode(data: bytes) -> str:
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def grams(text: str) -> Iterator[str]:
    for run in HAN_RUN.findall(text):
        for i in range(len(run) - 7):
            yield run[i : i + 8]


def digest_of(gram: str) -> bytes:
    return hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()[:WIDTH]


def texts(folder: Path) -> Iterator[str]:
    import opencc

    t2s = opencc.OpenCC("t2s")
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name in ("LICENSE", "SOURCE.md", "README.md"):
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = decode(data)
        yield text
        yield t2s.convert(text)


def write(path: Path, items: Iterable[str]) -> int:
    hashes = sorted({digest_of(g) for g in items})
    path.write_bytes(b"".join(hashes))
    return len(hashes)


def check() -> int:
    """Exit 1 when the committed digest lacks a string of the evaluation data (it went stale)."""
    raw = (OUT / "eval_han8.digest").read_bytes()
    have = {raw[i : i + WIDTH] for i in range(0, len(raw), WIDTH)}
    missing = {g for t in texts(EVAL) for g in grams(t) if digest_of(g) not in have}
    print(f"{len(missing)} evaluation strings missing from the digest")
    return 1 if missing else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not EVAL.is_dir():
        print(f"no evaluation data at {EVAL} (set LCNEWS_EVAL_DATA)", file=sys.stderr)
        return 1
    if args == ["--check"]:
        return check()
    OUT.mkdir(parents=True, exist_ok=True)
    n = write(OUT / "eval_han8.digest", (g for t in texts(EVAL) for g in grams(t)))
    m = write(OUT / "seed_han8.digest", (g for t in texts(SEEDS) for g in grams(t))) if SEEDS.is_dir() else 0
    print(f"eval: {n} strings, seed: {m} strings -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
