"""Shared-crawl benchmark: 1, 2 and 4 workers on one Redis frontier, a killed worker, search on PostgreSQL.

* Crawl: the replica (``--articles``) served with ``--latency`` seconds per request (one thread per
  connection: a distant host), each worker one request at a time (``CONCURRENT_REQUESTS=1``: the
  fleet is latency-bound, as a polite crawl of a far site is), the fleet's host budget above the
  workers' total; wall time from the first worker's start to the last one's end, and the crawl's own
  span (the replica's first to last request). Every article must be in the archive exactly once and
  no page fetched twice (an article counted once whichever of its URLs was taken).
* Kill: two workers, the first killed (SIGKILL) once the replica has answered a third of the crawl's
  requests; what is archived, and what was fetched again (the dead worker's unfinished requests).
* Search: the same queries on a SQLite archive (``bench/scale_bench.py``'s cached one, ``--search-articles``)
  and on PostgreSQL after ``lcnews sync``: latency p50/p95 of ``search`` (top 20, relevance).

Needs the servers of ``bash .ci/services``. Writes its section of docs/benchmarks.md::

    python bench/dist_bench.py --articles 300 --latency 0.1 --search-articles 20000
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.docs import write_section  # noqa: E402

PG_URL = os.environ.get("LCNEWS_TEST_PG_URL", "postgresql://lcnews:lcnews@127.0.0.1:5432/lcnews")
REDIS_URL = os.environ.get("LCNEWS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
SECTION, HEADING = "dist-bench", "Shared crawl and server archive (`bench/dist_bench.py`)"
WORKER = ["-s", "CONCURRENT_REQUESTS=1", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "LCNEWS_EXTRACT_WORKERS=0",
          "-s", "LCNEWS_FRONTIER_HOST_CONCURRENCY=64", "-s", "LCNEWS_FRONTIER_HEARTBEAT_TTL=5"]  # fmt: skip


def new_schema() -> str:
    import psycopg

    name = "bench_" + uuid.uuid4().hex[:10]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    return name


def drop_schema(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


def schema_url(name: str) -> str:
    return f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{name}"


def page_key(site: Any) -> dict[str, str]:
    return {path: f"article {t['article_id']}" for t in site.truth for path in t["paths"]}


def crawl(site: Any, workers: int, latency: float, kill_after: int | None = None) -> dict[str, Any]:
    import psycopg

    from lcnews.testsite import ReplicaServer

    site.reset()
    schema, name = new_schema(), "bench" + uuid.uuid4().hex[:8]
    url = schema_url(schema)
    try:
        with ReplicaServer(site, latency=latency) as srv:
            cmd = [sys.executable, "-m", "lcnews", "crawl", "--db", url, "--base-url", srv.base_url, "--no-progress",
                   "--frontier", REDIS_URL, "--frontier-name", name, *WORKER]  # fmt: skip
            started = time.monotonic()
            procs = [
                subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(workers)
            ]
            first_request = None
            if kill_after is not None:
                while len(srv.request_log) < kill_after:
                    time.sleep(0.01)
                os.kill(procs[0].pid, signal.SIGKILL)
            outs = [p.communicate() for p in procs]
            wall = time.monotonic() - started
            log = list(srv.request_log)
            first_request = srv.first_at
            last_request = srv.last_at
        with psycopg.connect(url) as conn:
            rows = conn.execute(
                "SELECT count(*), count(DISTINCT article_id), count(DISTINCT url) FROM articles"
            ).fetchone()
        keys = page_key(site)
        # Answers below 500 (the replica's "500 once" trap is retried by any crawl, alone or shared).
        fetched = collections.Counter(keys.get(p, p) for p, st in log if p != "/robots.txt" and st < 500)
        returned = sum(
            int(line.split()[2]) for o, _ in outs for line in o.splitlines() if "returned to the queue" in line
        )
        return {
            "workers": workers,
            "wall_s": wall,
            "span_s": (last_request - first_request) if first_request and last_request else None,
            "requests": len(log),
            "articles": rows[0],
            "distinct": rows[1],
            "twice": {k: n for k, n in fetched.items() if n > 1},
            "codes": [p.returncode for p in procs],
            "returned": returned,
            "errors": [e[-800:] for (_, e), p in zip(outs, procs, strict=True) if p.returncode not in (0, -9)],
        }
    finally:
        drop_schema(schema)


def search_latency(n: int, queries: int) -> dict[str, Any]:
    from bench.scale_bench import archive_path, build, pct, sample_articles
    from bench.search_bench import make_queries
    from lcnews.db import QueryError, open_archive
    from lcnews.db.pg.sync import sync
    from lcnews.db.query import compile_query

    build(n, 1, None)
    path = archive_path(n, 1)
    made = make_queries(sample_articles(path, 2000), queries * 2)  # type: ignore[arg-type]
    qs = []
    for q in made:
        try:
            compile_query(q)
        except QueryError:
            continue
        qs.append(q)
    qs = qs[:queries]
    schema = new_schema()
    out: dict[str, Any] = {"articles": n, "queries": len(qs)}
    try:
        t = time.monotonic()
        report = sync(str(path), schema_url(schema))
        out["sync_s"], out["synced"] = time.monotonic() - t, report.articles_new
        t = time.monotonic()
        again = sync(str(path), schema_url(schema))
        out["resync_s"], out["resync_changed"] = time.monotonic() - t, again.changed
        for backend, loc in (("sqlite", str(path)), ("postgresql", schema_url(schema))):
            with open_archive(loc, readonly=True) as a:
                for q in qs:  # warm-up: page cache / shared buffers, and the per-process counts
                    a.search(q, limit=20)
                lat, hits = [], []
                for q in qs:
                    t0 = time.perf_counter()
                    hits.append([h["article_id"] for h in a.search(q, limit=20)])
                    lat.append((time.perf_counter() - t0) * 1000)
                out[backend] = {"p50": statistics.median(lat), "p95": pct(lat, 95), "max": max(lat), "hits": hits}
        out["same_hits"] = sum(a == b for a, b in zip(out["sqlite"]["hits"], out["postgresql"]["hits"], strict=True))
    finally:
        drop_schema(schema)
    return out


def report(r: dict[str, Any], args: argparse.Namespace) -> str:
    base = next(x for x in r["crawls"] if x["workers"] == 1)
    lines = [
        f"Replica of {args.articles} articles served with {args.latency * 1000:.0f} ms per request; each worker one "
        f"request at a time (`CONCURRENT_REQUESTS=1`, in-process extraction), the host budget of the fleet 64; "
        f"one Redis, one PostgreSQL archive, all on this 2-core machine (shared with other jobs). "
        f"Wall: first worker's start to last worker's end (each worker starts Python and Scrapy, ~2 s); "
        f"span: the replica's first to last request.",
        "",
        "| workers | wall (s) | speed-up | span (s) | span speed-up | requests | articles archived (distinct) | pages fetched twice (5xx retries aside) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for x in r["crawls"]:
        lines.append(
            f"| {x['workers']} | {x['wall_s']:.1f} | {base['wall_s'] / x['wall_s']:.2f}x | {x['span_s']:.1f} | "
            f"{base['span_s'] / x['span_s']:.2f}x | {x['requests']} | {x['articles']} ({x['distinct']}) | {len(x['twice'])} |"
        )
    k = r["kill"]
    lines += [
        "",
        f"Goals: ≥ 1.8x at 2 workers, ≥ 3.2x at 4 (latency-bound). "
        f"Kill one of two workers (SIGKILL after {k['kill_after']} of ~{base['requests']} requests): the survivor "
        f"finished (exit codes {k['codes']}), {k['articles']} articles archived ({k['distinct']} distinct; "
        f"a crawl of its own: {base['articles']}); {k['returned']} requests of the dead worker returned to the queue "
        f"after its heartbeat expired, {sum(n - 1 for n in k['twice'].values())} pages fetched a second time "
        f"(those it had fetched but not yet archived), wall {k['wall_s']:.1f} s.",
    ]
    s = r.get("search")
    if s:
        lines += [
            "",
            f"Search, {s['articles']:,} articles (`bench/scale_bench.py`'s generated archive; not 250,000: building that "
            f"takes ~16 min here, beyond this session's budget), {s['queries']} queries of 1–8 characters (both scripts), "
            f"top 20 by relevance, warm:",
            "",
            "| backend | p50 (ms) | p95 (ms) | max (ms) |",
            "|---|---|---|---|",
            f"| SQLite (FTS5) | {s['sqlite']['p50']:.1f} | {s['sqlite']['p95']:.1f} | {s['sqlite']['max']:.1f} |",
            f"| PostgreSQL 15 (bigram GIN) | {s['postgresql']['p50']:.1f} | {s['postgresql']['p95']:.1f} | "
            f"{s['postgresql']['max']:.1f} |",
            "",
            f"Same top-20 ids in the same order for {s['same_hits']} of {s['queries']} queries. "
            f"`lcnews sync` of the file into PostgreSQL: {s['sync_s']:.0f} s ({s['synced']:,} articles); "
            f"repeated: {s['resync_s']:.1f} s, {s['resync_changed']} rows changed.",
        ]
    lines += ["", f"Command: `python bench/dist_bench.py --articles {args.articles} --latency {args.latency} "
              f"--search-articles {args.search_articles}`."]  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--latency", type=float, default=0.1)
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2, 4])
    ap.add_argument("--search-articles", type=int, default=20_000, help="0: skip the search part")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    from lcnews.testsite import build_site

    site = build_site(n_articles=args.articles, seed=1)
    r: dict[str, Any] = {"crawls": []}
    for k in args.workers:
        r["crawls"].append(crawl(site, k, args.latency))
        print(json.dumps({kk: v for kk, v in r["crawls"][-1].items() if kk != "twice"}), flush=True)
    base = r["crawls"][0]
    r["kill"] = crawl(site, 2, args.latency, kill_after=base["requests"] // 3)
    r["kill"]["kill_after"] = base["requests"] // 3
    print(json.dumps({kk: v for kk, v in r["kill"].items()}), flush=True)
    if args.search_articles:
        r["search"] = search_latency(args.search_articles, args.queries)
        print(json.dumps({k: v for k, v in r["search"].items() if k not in ("sqlite", "postgresql")}), flush=True)
    text = report(r, args)
    print(text)
    if not args.no_write:
        write_section(SECTION, HEADING, text)


if __name__ == "__main__":
    main()
