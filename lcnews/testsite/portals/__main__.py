"""``python -m lcnews.testsite.portals --out DIR --n 200 [--seed 1]``: write the pages and truth.json for inspection."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import FAMILIES, generate_portal_pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lcnews.testsite.portals", description=__doc__)
    parser.add_argument(
        "--out", required=True, type=Path, help="directory to write NNNN-family.html files and truth.json into"
    )
    parser.add_argument("--n", type=int, default=len(FAMILIES) * 4, help="number of pages (families in turn)")
    parser.add_argument("--seed", type=int, default=1, help="seed (same seed, same pages)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    out: Path = args.out
    if out.exists() and not out.is_dir():
        print(f"error: --out {out} exists and is not a directory", file=sys.stderr)
        return 1
    try:
        out.mkdir(parents=True, exist_ok=True)
        truth = []
        for i, page in enumerate(generate_portal_pages(args.n, args.seed)):
            name = f"{i:04d}-{page.family}.html"
            (out / name).write_bytes(page.html)
            truth.append({"file": name, "headers": page.headers, **page.truth})
        (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.n} pages of {len(FAMILIES)} families and truth.json to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
