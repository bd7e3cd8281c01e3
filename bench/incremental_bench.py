"""Incremental-crawl benchmark: first crawl vs a no-change re-crawl of the same replica, and
`lcnews reextract` speed, in one run.

    python bench/incremental_bench.py --articles 20000

Goals (issue #5): the no-change re-crawl makes at most channels + 2 requests and takes at most 2% of
the first crawl's time. Results go to docs/benchmarks.md between the incremental-bench markers.
"""

from __future__ import annotations

import argparse
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.docs import write_section


def lcnews(*args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "lcnews", *args], capture_output=True, text=True)
    return time.perf_counter() - started, proc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    from lcnews.testsite import ReplicaServer, build_site

    site = build_site(n_articles=args.articles, seed=1)
    channels = len(site.channels)
    with ReplicaServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "archive.db"
        crawl = ("crawl", "--db", str(db), "--base-url", server.base_url, "--no-progress", "-s", "LOG_LEVEL=ERROR")
        first_s, proc = lcnews(*crawl)
        if proc.returncode not in (0, 3):
            raise SystemExit(f"first crawl failed:\n{proc.stderr[-3000:]}")
        first_requests = len(server.request_log)
        with sqlite3.connect(db) as conn:
            archived = conn.execute("select count(*) from articles").fetchone()[0]
        print(f"first crawl: {first_s:.1f}s, {first_requests} requests, {archived} articles", flush=True)

        server.clear_log()
        again_s, proc = lcnews(*crawl)
        if proc.returncode not in (0, 3):
            raise SystemExit(f"re-crawl failed:\n{proc.stderr[-3000:]}")
        again_log = list(server.request_log)
        article_fetches = [p for p, _ in again_log if re.search(r"/\d{8}/\d+\.html", p)]
        print(
            f"no-change re-crawl: {again_s:.2f}s, {len(again_log)} requests ({len(article_fetches)} article pages)",
            flush=True,
        )

        reextract_s, proc = lcnews("reextract", "--db", str(db))
        if proc.returncode != 0:
            raise SystemExit(f"reextract failed:\n{proc.stderr[-3000:]}")
        print(proc.stdout.strip(), flush=True)

    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python {platform.python_version()}, "
        f"{args.articles}-article replica ({channels} channel listings) on loopback; wall times include "
        "process start-up.",
        "",
        "| run | wall time (s) | requests | article pages fetched |",
        "|---|---|---|---|",
        f"| first crawl | {first_s:.1f} | {first_requests} | {archived} archived |",
        f"| no-change re-crawl | {again_s:.2f} | {len(again_log)} | {len(article_fetches)} |",
        "",
        f"Re-crawl requests: **{len(again_log)}** (goal ≤ channels + 2 = {channels + 2}); "
        f"re-crawl time: **{100 * again_s / first_s:.1f}%** of the first crawl (goal ≤ 2%).",
        "",
        f"`lcnews reextract` over the {archived} stored pages: {reextract_s:.1f}s, "
        f"**{archived / reextract_s:.0f} articles/s** (single process, including start-up).",
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        write_section("incremental-bench", "Incremental crawls and re-extraction (`bench/incremental_bench.py`)", table)


if __name__ == "__main__":
    main()
