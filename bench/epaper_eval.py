"""E-paper evaluation: `lcnews epaper` over a fresh replica seed, every field scored against its truth,
the incremental re-crawl (later state, range extended by two days) and search recall in both scripts.

    python bench/epaper_eval.py [--seed 7] [--days 14] [--words 60]

With the default arguments it writes its section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import opencc

from bench.metrics import char_ngrams, normalize_zh, overlap_prf
from lcnews.db import open_archive
from lcnews.testsite import ReplicaServer
from lcnews.testsite.epaper import build_epaper

FIELDS = ["paper_name", "edition_date", "page_no", "page_name", "pretitle", "title", "subtitle", "authors",
          "correspondents", "photographers", "continued_to", "continued_from"]  # fmt: skip
LEAKS = ("enpproperty", ".html", "上一篇", "下一篇", "返回目录", "上一版", "下一版")


def crawl(server: ReplicaServer, db: Path, since: str, until: str) -> tuple[int, float, list[str]]:
    server.clear_log()
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "lcnews", "epaper", "--db", str(db), "--since", since, "--until", until,
           "--base-url", server.base_url, "--no-progress"]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return proc.returncode, time.perf_counter() - t0, [p for p, _ in server.request_log]


def rows_of(db: Path) -> dict[tuple[str, int], dict[str, Any]]:
    with open_archive(db, readonly=True) as a:
        return {(r["paper"], r["content_id"]): r for r in a.iter_print_articles()}


def score(truth: list[dict[str, Any]], rows: dict[tuple[str, int], dict[str, Any]]) -> dict[str, Any]:
    ok: Counter[str] = Counter()
    f1s = []
    leaks = 0
    for t in truth:
        r = rows.get((t["paper"], t["content_id"]))
        if r is None:
            continue
        ok["archived"] += 1
        for f in FIELDS:
            ok[f] += r[f] == t[f]
        ok["images"] += [{"src": urlsplit(i["src"]).path, "caption": i["caption"]} for i in r["images"]] == t["images"]
        ok["body exact"] += r["body"] == t["body"]
        f1s.append(overlap_prf(char_ngrams(normalize_zh(r["body"])), char_ngrams(normalize_zh(t["body"]))).f1)
        leaks += any(x in r["body"] for x in LEAKS)
    n = len(truth)
    out = {f: ok[f] / n for f in ["archived", *FIELDS, "images", "body exact"]}
    out["body F1"] = sum(f1s) / n
    out["bodies with metadata/navigation"] = leaks
    return out


def recall(db: Path, truth: list[dict[str, Any]], words: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    s2t = opencc.OpenCC("s2t")
    found: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    with open_archive(db, readonly=True) as a:
        for t in rng.sample(truth, min(words, len(truth))):
            text = t["body"]
            for n in (2, 3, 4):
                runs = [text[i : i + n] for i in range(len(text) - n)
                        if all("\u4e00" <= c <= "\u9fff" for c in text[i : i + n])]  # fmt: skip
                if not runs:
                    continue
                word = rng.choice(runs)
                for script, q in (("simplified", word), ("traditional", s2t.convert(word))):
                    asked[script] += 1
                    hits = a.search_print(q, limit=100_000)
                    found[script] += t["url"] in {h["url"] for h in hits}
    return {k: found[k] / asked[k] for k in asked}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--days", type=int, default=14)
    ap.add_argument(
        "--words", type=int, default=60, help="articles sampled for search recall (3 word lengths x 2 scripts)"
    )
    args = ap.parse_args(argv)
    first = build_epaper(seed=args.seed, days=args.days)
    since = first.first_day.isoformat()
    until = first.last_day.isoformat()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "a.db"
        with ReplicaServer(first) as server:
            code1, secs1, log1 = crawl(server, db, since, until)
            code2, secs2, log2 = crawl(server, db, since, until)
        fields = score(first.truth, rows_of(db))
        later = build_epaper(seed=args.seed, days=args.days, state="later")
        extended = (first.last_day + dt.timedelta(days=2)).isoformat()
        with ReplicaServer(later) as server:
            code3, _, log3 = crawl(server, db, since, extended)
        rows = rows_of(db)
        old = {t["path"] for t in first.truth}
        new = [t for t in later.truth if t["path"] not in old]
        edited = [t for t in later.truth if t["edited"]]
        inc = {
            "rerun requests": len(log2),
            "rerun content pages": sum("/content/" in p for p in log2),
            "extended requests": len(log3),
            "extended content pages": sum("/content/" in p for p in log3),
            "old content pages refetched": sum(p in old for p in log3),
            "new articles": len(new),
            "new archived": sum((t["paper"], t["content_id"]) in rows for t in new),
            "lost": sum((t["paper"], t["content_id"]) not in rows for t in later.truth),
            "edit applied": all(rows[(t["paper"], t["content_id"])]["title"] == t["title"] for t in edited),
        }
        rec = recall(db, later.truth, args.words, args.seed)
    lines = [
        f"Replica seed {args.seed} (not a development seed), {args.days} days from {since}, both papers: "
        f"{len(first.truth)} articles, {len(first.editions)} paper-days ({sum(e['missing'] for e in first.editions)} "
        f"without an edition). First crawl: exit {code1}, {len(log1)} requests, {secs1:.1f}s (loopback, no delays).",
        "",
        "| field | share of articles exactly right |",
        "|---|---|",
        *[f"| {k} | {v:.3f} |" for k, v in fields.items() if k not in ("body F1", "bodies with metadata/navigation")],
        f"| body F1 (char 4-grams) | {fields['body F1']:.4f} |",
        f"| bodies with metadata or navigation | {fields['bodies with metadata/navigation']} |",
        "",
        f"Re-run of the same range: exit {code2}, {inc['rerun requests']} requests, "
        f"{inc['rerun content pages']} content pages ({secs2:.1f}s). Later state, range extended by two days: exit "
        f"{code3}, {inc['extended requests']} requests, {inc['extended content pages']} content pages, of them "
        f"{inc['old content pages refetched']} already archived (the edited article's); new articles archived "
        f"{inc['new archived']}/{inc['new articles']}, lost {inc['lost']}, edit applied: {inc['edit applied']}.",
        "",
        "Search recall (`search_print`, a 2-, 3- and 4-character word of each of "
        f"{args.words} sampled articles): " + ", ".join(f"{k} {v:.3f}" for k, v in rec.items()) + ".",
    ]
    text = "\n".join(lines)
    print(text)
    if (args.seed, args.days, args.words) == (7, 14, 60):
        from bench.docs import write_section

        write_section("epaper-eval", "The print editions: `lcnews epaper` on a replica (`bench/epaper_eval.py`)", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
