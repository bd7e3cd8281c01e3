"""Crawl benchmark: full pipeline into the archive vs a bare fetch of the same pages, in one run.

Serves an N-article replica on loopback (in this process), then runs, alternating, `lcnews crawl`
in a subprocess with the full pipeline and with ITEM_PIPELINES={} (the same spider fetching the same
pages, nothing extracted or archived). Reports articles/s for each and the ratio of wall times.
Writes the table into docs/benchmarks.md between the crawl-bench markers.

    python bench/crawl_bench.py --articles 5000 --rounds 2

``--flush-cost`` also runs the full pipeline with commits by batch size only (no time-based flush:
``LCNEWS_ARCHIVE_FLUSH_SECONDS`` an hour), prints what the shipped cadence costs against it, and
writes nothing (docs/reliability.md quotes it).
"""

from __future__ import annotations

import argparse
import json
import os
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

# Runs `python -m lcnews` and, at exit, writes the crawl process's own CPU time and that of its
# children (the extraction workers, reaped before it exits) to the file named by argv[1].
_BOOT = """
import atexit, json, resource, runpy, sys
out = sys.argv.pop(1)
def _cpu():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w") as f:
        json.dump({"self": s.ru_utime + s.ru_stime, "workers": c.ru_utime + c.ru_stime}, f)
atexit.register(_cpu)
sys.argv[0] = "lcnews"
runpy.run_module("lcnews", run_name="__main__", alter_sys=True)
"""


SIZE_ONLY = ["-s", "LCNEWS_ARCHIVE_FLUSH_SECONDS=3600", "-s", "LCNEWS_ARCHIVE_FIRST_FLUSH_SECONDS=3600"]


def run_once(base_url: str, db: Path, bare: bool, extra: tuple[str, ...] = ()) -> dict[str, float]:
    """One crawl: wall seconds, articles archived, CPU seconds of the crawl process, its workers and
    the server thread."""
    cpu_file = db.with_suffix(".cpu.json")
    cmd = [sys.executable, "-c", _BOOT, str(cpu_file), "crawl", "--db", str(db), "--base-url", base_url,
           "--no-progress", "-s", "LOG_LEVEL=ERROR"]  # fmt: skip
    if bare:
        cmd += ["-s", "ITEM_PIPELINES={}"]
    cmd += list(extra)
    cpu_here = time.process_time()
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    server_cpu = time.process_time() - cpu_here  # the replica server is a thread of this process
    if proc.returncode not in (0, 3):
        raise SystemExit(f"crawl failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    cpu = json.loads(cpu_file.read_text())
    archived = 0
    if not bare:
        with sqlite3.connect(db) as conn:
            archived = conn.execute("select count(*) from articles").fetchone()[0]
    return {"seconds": seconds, "archived": archived, "crawl_cpu": cpu["self"], "worker_cpu": cpu["workers"],
            "server_cpu": server_cpu}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--flush-cost", action="store_true", help="time-based flush vs batch size only")
    args = parser.parse_args()
    if args.flush_cost:
        flush_cost(args.articles, args.rounds)
        return

    from lcnews.testsite import ReplicaServer, build_site

    site = build_site(n_articles=args.articles, seed=1)
    expected = sum(1 for t in site.truth if t.get("reachable") and t.get("status", 200) == 200)
    keys = ("seconds", "crawl_cpu", "worker_cpu", "server_cpu")
    runs: dict[str, dict[str, list[float]]] = {m: {k: [] for k in keys} for m in ("bare", "full")}
    archived = 0
    with ReplicaServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for mode in ("bare", "full"):
                db = Path(tmp) / f"{mode}-{r}.db"
                server.clear_log()
                out = run_once(server.base_url, db, bare=(mode == "bare"))
                for k in keys:
                    runs[mode][k].append(round(out[k], 3))
                if mode == "full":
                    archived = int(out["archived"])
                print(
                    f"round {r + 1} {mode:>4}: {out['seconds']:7.2f}s wall; CPU: crawl process "
                    f"{out['crawl_cpu']:6.2f}s, workers {out['worker_cpu']:6.2f}s, server {out['server_cpu']:5.2f}s; "
                    f"requests {len(server.request_log)}",
                    flush=True,
                )
    med = {m: {k: statistics.median(v) for k, v in runs[m].items()} for m in runs}
    bare, full = med["bare"], med["full"]
    ratio = full["seconds"] / bare["seconds"]
    per = max(1, expected)

    def ms(seconds: float) -> str:
        return f"{1000 * seconds / per:.2f}"

    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores shared with other work, {args.articles}-article replica served on loopback "
        f"(a thread of the benchmark process), {args.rounds} alternating rounds, medians. CPU = user + system "
        "time, per reachable article: of the crawl process itself, of its extraction worker processes, and of "
        "the replica server.",
        "",
        "| crawl | wall time (s) | articles/s | crawl process CPU ms/article | workers CPU ms/article "
        "| server CPU ms/article | archived |",
        "|---|---|---|---|---|---|---|",
        f"| bare fetch (same spider, no pipelines) | {bare['seconds']:.2f} | {expected / bare['seconds']:.0f} "
        f"| {ms(bare['crawl_cpu'])} | — | {ms(bare['server_cpu'])} | — |",
        f"| full pipeline (extract, normalise, dedupe, archive) | {full['seconds']:.2f} "
        f"| {archived / full['seconds']:.0f} | {ms(full['crawl_cpu'])} | {ms(full['worker_cpu'])} "
        f"| {ms(full['server_cpu'])} | {archived} of {expected} reachable |",
        "",
        f"**Full / bare wall-time ratio: {ratio:.2f}x** (goal ≤ 1.30x). The pipeline's CPU per article: "
        f"{ms(full['crawl_cpu'] - bare['crawl_cpu'])} ms in the crawl process (handing pages to the workers, "
        f"archive writes) and {ms(full['worker_cpu'])} ms in the workers (extraction, fingerprints, search "
        "tokens, raw page compression; including their start-up).",
        "",
        "Raw: " + json.dumps(runs),
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        write_section("crawl-bench", "Crawl: full pipeline vs bare fetch (`bench/crawl_bench.py`)", table)


def flush_cost(articles: int, rounds: int) -> None:
    """The shipped cadence (a commit about every second) against commits by batch size only."""
    from lcnews.testsite import ReplicaServer, build_site

    site = build_site(n_articles=articles, seed=1)
    modes = {"shipped": (), "size-only": tuple(SIZE_ONLY)}
    runs: dict[str, dict[str, list[float]]] = {m: {"seconds": [], "crawl_cpu": []} for m in modes}
    with ReplicaServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            for mode, extra in modes.items():
                out = run_once(server.base_url, Path(tmp) / f"{mode}-{r}.db", bare=False, extra=extra)
                for k in runs[mode]:
                    runs[mode][k].append(round(out[k], 3))
                print(f"round {r + 1} {mode:>9}: {out['seconds']:6.2f}s wall, crawl CPU {out['crawl_cpu']:5.2f}s")
    med = {m: {k: statistics.median(v) for k, v in runs[m].items()} for m in runs}
    print(
        f"{articles}-article replica, {rounds} alternating rounds, medians: shipped cadence "
        f"{med['shipped']['seconds']:.2f}s wall / {med['shipped']['crawl_cpu']:.2f}s crawl CPU, size-only "
        f"{med['size-only']['seconds']:.2f}s / {med['size-only']['crawl_cpu']:.2f}s "
        f"(ratio {med['shipped']['seconds'] / med['size-only']['seconds']:.2f}x wall). Raw: {json.dumps(runs)}"
    )


if __name__ == "__main__":
    main()
