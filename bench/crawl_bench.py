"""Crawl benchmark: full pipeline into the archive vs a bare fetch of the same pages, in one run.

Serves an N-article replica on loopback (in this process), then runs, alternating, `lcnews crawl`
in a subprocess with the full pipeline and with ITEM_PIPELINES={} (the same spider fetching the same
pages, nothing extracted or archived). Reports articles/s for each and the ratio of wall times.
Writes the table into docs/benchmarks.md between the crawl-bench markers.

    python bench/crawl_bench.py --articles 5000 --rounds 2
"""

from __future__ import annotations

import argparse
import json
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.docs import write_section


def run_once(base_url: str, db: Path, bare: bool) -> dict[str, float]:
    cmd = [
        sys.executable,
        "-m",
        "lcnews",
        "crawl",
        "--db",
        str(db),
        "--base-url",
        base_url,
        "--no-progress",
        "-s",
        "LOG_LEVEL=ERROR",
    ]
    if bare:
        cmd += ["-s", "ITEM_PIPELINES={}"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 3):
        raise SystemExit(f"crawl failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    archived = 0
    if not bare:
        with sqlite3.connect(db) as conn:
            archived = conn.execute("select count(*) from articles").fetchone()[0]
    return {"seconds": seconds, "archived": archived}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    from lcnews.testsite import ReplicaServer, build_site

    site = build_site(n_articles=args.articles, seed=1)
    expected = sum(1 for t in site.truth if t.get("reachable") and t.get("status", 200) == 200)
    results: dict[str, list[float]] = {"full": [], "bare": []}
    archived = 0
    with ReplicaServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for mode in ("bare", "full"):
                db = Path(tmp) / f"{mode}-{r}.db"
                server.clear_log()
                out = run_once(server.base_url, db, bare=(mode == "bare"))
                results[mode].append(out["seconds"])
                if mode == "full":
                    archived = int(out["archived"])
                print(
                    f"round {r + 1} {mode:>4}: {out['seconds']:7.2f}s  requests {len(server.request_log)}", flush=True
                )
    full = statistics.median(results["full"])
    bare = statistics.median(results["bare"])
    ratio = full / bare
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python {platform.python_version()}, "
        f"{args.articles}-article replica served on loopback, {args.rounds} alternating rounds, medians.",
        "",
        "| crawl | wall time (s) | articles/s | archived |",
        "|---|---|---|---|",
        f"| bare fetch (same spider, no pipelines) | {bare:.2f} | {expected / bare:.0f} | — |",
        f"| full pipeline (extract, normalise, dedupe, archive) | {full:.2f} | {archived / full:.0f} | {archived} of {expected} reachable |",
        "",
        f"**Full / bare wall-time ratio: {ratio:.2f}x** (goal ≤ 1.30x).",
        "",
        "Raw: " + json.dumps(results),
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        write_section("crawl-bench", "Crawl: full pipeline vs bare fetch (`bench/crawl_bench.py`)", table)


if __name__ == "__main__":
    main()
