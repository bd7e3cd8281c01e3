"""Re-extraction and index rebuild: one process vs worker processes, side by side in one run.

Builds an N-article archive from the replica (each article assembled from its page and archived with
it, as a crawl stores them; cached in bench/out/), then, alternating, re-extracts a copy of it with
``lcnews reextract --workers 0`` and ``--workers W``, and rebuilds the search index the same two ways
(on the articles repeated ``--rebuild-copies`` times: the rebuild is fast, start-up would dominate).
Each run is a subprocess; wall time and CPU time (the process and its workers) are reported, and
the archives the two kinds of run leave are compared. Writes its section of docs/benchmarks.md.

    python bench/reextract_bench.py --articles 3000 --rounds 2 --workers 2

``measure(archive_path, workers)`` is the single measurement, for other benchmarks (bench/scale_bench.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.docs import write_section  # noqa: E402

OUT = ROOT / "bench" / "out"
# Columns re-extraction decides (bookkeeping times are each run's own).
COMPARED = ("article_id, title, body, published_at, source, authors, correspondents, photographers, editors, "
            "images, channel_names, script, content_hash, simhash, cluster_id, version")  # fmt: skip

# Runs `python -m lcnews ARGS`; at exit writes the CPU time of the process and of its reaped children.
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


def build_archive(n_articles: int, seed: int = 1) -> Path:
    """An archive of the replica's reachable articles with their raw pages (cached by size and seed)."""
    from lcnews.db import Archive
    from lcnews.extract.assemble import assemble
    from lcnews.extract.urls import SiteUrls
    from lcnews.items import RawPage
    from lcnews.site import load_profile
    from lcnews.testsite import build_site

    path = OUT / f"reextract-{n_articles}-{seed}.db"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    profile = load_profile()
    urls = SiteUrls(profile)
    site = build_site(n_articles=n_articles, seed=seed)
    tmp = path.with_suffix(".part")
    tmp.unlink(missing_ok=True)
    with Archive(tmp) as archive:
        batch = []
        for t in site.truth:
            status, headers, body = site.respond("GET", t["path"])
            if status != 200 or not t.get("reachable", True):
                continue
            page = RawPage(url=t["url"], canonical_url=t["url"], article_id=t["article_id"], channel=t["channel"],
                           status=status, headers=dict(headers), body=body, fetched_at="2026-01-01T00:00:00+00:00")  # fmt: skip
            batch.append(dataclasses.replace(assemble(page, profile, urls), raw=page))
            if len(batch) >= 500:
                archive.write_batch(batch)
                batch = []
        archive.write_batch(batch)
    tmp.rename(path)
    return path


def enlarged(source: Path, copies: int, dest: Path) -> int:
    """``source`` with its articles repeated ``copies`` times (new ids and URLs), for the index
    rebuild, which reads only ``articles``; returns the article count."""
    shutil.copy(source, dest)
    conn = sqlite3.connect(dest)
    try:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
        top = int(conn.execute("SELECT max(article_id) FROM articles").fetchone()[0]) + 1
        for k in range(1, copies):
            exprs = [f"article_id + {k * top}" if c == "article_id" else f"url || '#{k}'" if c == "url" else c
                     for c in cols]  # fmt: skip
            conn.execute(f"INSERT INTO articles ({', '.join(cols)}) SELECT {', '.join(exprs)} FROM articles "
                         f"WHERE article_id < {top}")  # fmt: skip
        conn.commit()
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def measure(archive: Path, workers: int, command: str = "reextract") -> dict[str, float]:
    """One ``lcnews reextract`` (or ``rebuild-index``) of ``archive`` (changed in place) with
    ``--workers``: wall seconds, CPU seconds of the process and of its workers."""
    cpu_file = archive.with_suffix(f".{command}.cpu.json")
    cmd = [sys.executable, "-c", _BOOT, str(cpu_file), command, "--db", str(archive), "--workers", str(workers),
           "--no-progress"]  # fmt: skip
    if command == "reextract":
        cmd.append("--restart")
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{command} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    cpu = json.loads(cpu_file.read_text())
    return {"seconds": seconds, "cpu": cpu["self"], "worker_cpu": cpu["workers"]}


def _rows(path: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT {COMPARED} FROM articles ORDER BY article_id").fetchall()
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--rebuild-copies", type=int, default=10, help="rebuild-index on the archive repeated N times")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()

    source = build_archive(args.articles)
    n = len(_rows(source))
    modes = {"one process": 0, f"{args.workers} workers": args.workers}
    runs: dict[str, dict[str, dict[str, list[float]]]] = {
        cmd: {m: {"seconds": [], "cpu": [], "worker_cpu": []} for m in modes} for cmd in ("reextract", "rebuild-index")
    }
    same = True
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.db"
        n_big = enlarged(source, args.rebuild_copies, big)
        for r in range(args.rounds):
            results: dict[str, Path] = {}
            for mode, workers in modes.items():
                db = Path(tmp) / f"{workers}-{r}.db"
                shutil.copy(source, db)
                for cmd, path in (("reextract", db), ("rebuild-index", big)):
                    out = measure(path, workers, cmd)
                    for k, v in out.items():
                        runs[cmd][mode][k].append(round(v, 3))
                    print(f"round {r + 1} {cmd:<13} {mode:>11}: {out['seconds']:6.2f}s wall, CPU "
                          f"{out['cpu']:6.2f}s + workers {out['worker_cpu']:6.2f}s", flush=True)  # fmt: skip
                results[mode] = db
            rows = [_rows(p) for p in results.values()]
            same = same and all(x == rows[0] for x in rows)
    one, many = modes
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores shared with other work; an archive of {n} replica articles with their raw pages "
        f"(`lcnews.testsite`, seed 1), {args.rounds} alternating rounds, medians; each run a fresh process "
        "(start-up included). CPU = user + system seconds of the process and of its worker processes.",
        "",
        "| command | run | wall (s) | articles/s | CPU, main process (s) | CPU, workers (s) | speed-up |",
        "|---|---|---|---|---|---|---|",
    ]
    for cmd, by_mode in runs.items():
        base = statistics.median(by_mode[one]["seconds"])
        size = n if cmd == "reextract" else n_big
        for mode in modes:
            med = {k: statistics.median(v) for k, v in by_mode[mode].items()}
            lines.append(
                f"| `lcnews {cmd}` ({size} articles) | {mode} | {med['seconds']:.2f} | {size / med['seconds']:.0f} | {med['cpu']:.2f} "
                f"| {med['worker_cpu']:.2f} | {base / med['seconds']:.2f}x |"
            )
    lines += [
        "",
        f"Articles identical after the {one} and the {many} runs (every extracted column): **{'yes' if same else 'NO'}**. "
        f"Goal: ≥ 1.8x on 2 cores. The index rebuild runs on the archive's articles repeated {args.rebuild_copies} "
        "times (it reads only `articles`).",
        "",
        "Raw: " + json.dumps(runs),
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        write_section("reextract-bench", "Re-extraction on all cores (`bench/reextract_bench.py`)", table)


if __name__ == "__main__":
    main()
