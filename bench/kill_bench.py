"""Kill benchmark: SIGKILLs at seeded moments of crawls with the shipped defaults, and commit latency.

Serves an N-article replica on loopback; runs `lcnews crawl` K times, each SIGKILLed a seeded
30-120 requests into its run (as the issue's kills), checks `PRAGMA integrity_check` and the article
count after each, then a final run (every article once). Then one uninterrupted crawl into a fresh
archive, sampling every 10 ms how many article pages the server has served and how many articles
are committed: the commit latency is how long the k-th served article waits until k are committed.
Prints the figures (docs/reliability.md quotes them).

    python bench/kill_bench.py --articles 200 --kills 20
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARTICLE = re.compile(r"/\d{8}/\d+\.html$")


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("select count(*) from articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _crawl(db: Path, base_url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "lcnews", "crawl", "--db", str(db), "--base-url", base_url, "--no-progress"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from lcnews.testsite import ReplicaServer, build_site

    site = build_site(n_articles=args.articles, seed=args.seed)
    expected = {t["article_id"] for t in site.truth if t["reachable"] and t["status"] == 200}
    rng = random.Random(args.seed)
    with ReplicaServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "killed.db"
        counts, progressed, ok = [0], 0, 0
        for _ in range(args.kills):
            at = rng.randint(30, 120)
            server.clear_log()
            proc = _crawl(db, server.base_url)
            while len(server.request_log) < at and proc.poll() is None:
                time.sleep(0.002)
            finished = proc.poll() is not None
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            with sqlite3.connect(db) as conn:
                ok += conn.execute("pragma integrity_check").fetchone()[0] == "ok"
            counts.append(_count(db))
            progressed += counts[-1] > counts[-2]
            print(f"kill at {at:3d} requests{' (run had finished)' if finished else ''}: {counts[-1]} archived")
        server.clear_log()
        final = _crawl(db, server.base_url)
        final.wait()
        with sqlite3.connect(db) as conn:
            ids = [r[0] for r in conn.execute("select article_id from articles")]
        print(
            f"\n{args.kills} kills: integrity ok after {ok}; count never fell: {counts == sorted(counts)}; "
            f"progress committed before {progressed}; final run exit {final.returncode}, "
            f"{len(ids)} archived, {len(set(ids))} distinct, all expected: {set(ids) == expected}"
        )

        fresh = Path(tmp) / "latency.db"
        server.clear_log()
        proc = _crawl(fresh, server.base_url)
        samples: list[tuple[float, int, int]] = []
        while proc.poll() is None:
            served = sum(1 for p, s in list(server.request_log) if s == 200 and ARTICLE.search(p))
            samples.append((time.monotonic(), served, _count(fresh)))
            time.sleep(0.01)
        waits = []
        for k in range(1, _count(fresh) + 1):
            t_served = next((t for t, s, _c in samples if s >= k), None)
            t_done = next((t for t, _s, c in samples if c >= k), None)
            if t_served is not None and t_done is not None:
                waits.append(max(0.0, t_done - t_served))
        waits.sort()
        print(
            f"commit latency over {len(waits)} articles: median {statistics.median(waits):.2f}s, "
            f"95th percentile {waits[int(0.95 * (len(waits) - 1))]:.2f}s, max {waits[-1]:.2f}s"
        )


if __name__ == "__main__":
    main()
