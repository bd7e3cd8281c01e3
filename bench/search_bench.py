"""Benchmark the archive's Chinese full-text search on synthetic archives.

Measures, per archive size: build rate (write_batch, articles/s), recall and precision against a
substring scan of normalised text, ranked top-20 latency (p50/p95, and per query length),
newest-first latency, a full ``LIKE '%q%'`` scan on a normalised copy (newest 20 by date over all
matches, in a separate in-memory database), and index size versus text size. Writes the results
between the search-bench markers of docs/benchmarks.md (other sections are kept).

    python bench/search_bench.py --sizes 10000 100000 --queries 320
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import multiprocessing
import pickle
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import opencc

from lcnews.db import Archive
from lcnews.db.search import (
    PLAIN_SQL_SEARCH,
    RANK_WINDOW,
    clear_stats_cache,
    count,
    index_text,
    iter_match_ids,
    search,
)
from lcnews.extract.normalize import content_hash, normalize, script_of, simhash
from lcnews.items import Article
from lcnews.testsite import data as site_data
from lcnews.testsite.model import ArticleSpec, make_content

SECTION = "## Search benchmark (bench/search_bench.py)"
START, END = "<!-- search-bench:start -->", "<!-- search-bench:end -->"
OUT = Path(__file__).parent / "out"
CACHE_VERSION = 1


def _gen_chunk(args: tuple[int, int, int]) -> list[Article]:
    """Articles ``lo..hi`` written by the replica's text generator (``lcnews.testsite``), every
    second one converted to Traditional with OpenCC s2t; fingerprints filled as extract does."""
    lo, hi, seed = args
    s2t = opencc.OpenCC("s2t")
    rng = random.Random(f"search-bench:{seed}:{lo}")
    chans = site_data.ARTICLE_CHANNELS
    weights = [c[2] for c in chans]
    first = dt.datetime(2016, 1, 1)
    out = []
    for k in range(lo, hi):
        aid = 100_000 + 3 * k
        slug, names, _ = rng.choices(chans, weights=weights)[0]
        ts = first + dt.timedelta(minutes=2 * k + rng.randint(0, 1))
        era = "a" if ts >= dt.datetime(2024, 9, 1) else "b"
        c = make_content(seed, ArticleSpec(aid, slug, names, ts, era, era))
        title, body = c.title, c.body
        if k % 2:
            title, body = s2t.convert(title), s2t.convert(body)
        out.append(
            Article(
                article_id=aid, url=f"https://www.lcxw.cn/{slug}/{ts:%Y%m%d}/{aid}.html",
                channel=slug, title=title, body=body, source=c.source, authors=c.authors,
                published_at=ts.strftime("%Y-%m-%dT%H:%M:%S+08:00"),
                simhash=simhash(body), content_hash=content_hash(title, body),
                script=script_of(title + "\n" + body),
            )
        )  # fmt: skip
    return out


def make_corpus(n: int, seed: int = 1) -> list[Article]:
    """The corpus of ``n`` articles, cached under bench/out/ (generated on 2 processes)."""
    path = OUT / f"search_corpus_{n}_s{seed}_v{CACHE_VERSION}.pkl"
    if path.exists():
        with open(path, "rb") as f:
            return pickle.load(f)
    step = 2000
    with multiprocessing.Pool(2) as pool:
        chunks = pool.map(_gen_chunk, [(i, min(n, i + step), seed) for i in range(0, n, step)])
    arts = [a for c in chunks for a in c]
    OUT.mkdir(exist_ok=True)
    with open(path, "wb") as f:
        pickle.dump(arts, f, protocol=pickle.HIGHEST_PROTOCOL)
    return arts


def make_queries(arts: list[Article], n: int, seed: int = 2) -> list[str]:
    """``n`` queries of 1–8 characters: fixed cases plus substrings of articles (with their
    punctuation, digits and Latin), 30% converted to the other script."""
    rng = random.Random(seed)
    t2s, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
    out = ["聊城", "钢", "鋼", "新質生產力", "453X", "2025年", "的", "乾隆", "ＡＢＣ", "5g", "ai质检",
           "“ID”", "，聊城", "整改。", "東昌湖", "信發集團", "25", "%"]  # fmt: skip
    out = [q for q in out if re.search(r"[^\W_]", q)]
    while len(out) < n:
        a = rng.choice(arts)
        text = a.body if rng.random() < 0.8 else a.title
        k = rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8])
        if len(text) < k:
            continue
        i = rng.randrange(len(text) - k + 1)
        q = text[i : i + k]
        if rng.random() < 0.3:
            q = (t2s if rng.random() < 0.5 else s2t).convert(q)
        if any(c.isspace() for c in q) or q.startswith("-") or '"' in q:
            continue
        if not re.search(r"[^\W_]", q):
            continue
        out.append(q)
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


BUCKETS = (("1", 1, 1), ("2", 2, 2), ("3–4", 3, 4), ("5–8", 5, 8))


def interfaces_agree(path: Path, queries: list[str]) -> tuple[int, int, int]:
    """Every query through the Python API, the CLI (click runner), the plain-SQL recipe on a bare
    sqlite3 connection and Datasette's ``?_search=``: (queries, mismatches, compared by count).
    Id sets are compared when at most 1,000 articles match (the CLI/Datasette page size), counts
    otherwise."""
    import asyncio
    import json

    from click.testing import CliRunner

    from lcnews.cli import cli
    from lcnews.datasette.app import build_datasette, database_name

    big = 1000
    runner = CliRunner()
    plain = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    sql_ids = PLAIN_SQL_SEARCH.replace("LIMIT 20", "")
    ds = build_datasette(path)
    name = database_name(path)

    async def dsl(q: str, size: str) -> dict:  # type: ignore[type-arg]
        r = await ds.client.get(f"/{name}/articles.json", params={
            "_search": q, "_size": size, "_col": "article_id"})  # fmt: skip
        return r.json()  # type: ignore[no-any-return]

    bad = by_count = 0
    with Archive(path, readonly=True) as archive:
        for q in queries:
            n_py = count(archive, q)
            if n_py > big:
                by_count += 1
                res = runner.invoke(cli, ["search", q, "--db", str(path), "--count"])
                n_cli = int(res.output.strip() or -1)
                n_sql = sum(1 for _ in plain.execute(sql_ids, {"q": q}))
                n_ds = asyncio.run(dsl(q, "0"))["filtered_table_rows_count"]
                bad += not (n_py == n_cli == n_sql == n_ds)
                continue
            py = {h["article_id"] for h in search(archive, q, limit=big, sort="newest")}
            res = runner.invoke(cli, ["search", q, "--db", str(path), "--json", "--limit", str(big)])
            cl = {json.loads(x)["article_id"] for x in res.output.splitlines() if x.strip()}
            sq = {r[0] for r in plain.execute(sql_ids, {"q": q})}
            dd = {r[0] for r in asyncio.run(dsl(q, "max"))["rows"]}
            bad += not (py == cl == sq == dd and len(py) == n_py)
    plain.close()
    return len(queries), bad, by_count


def run_size(n: int, n_queries: int, n_like: int, workdir: Path) -> dict[str, object]:
    t0 = time.perf_counter()
    arts = make_corpus(n)
    print(f"[{n}] corpus ready in {time.perf_counter() - t0:.1f}s", flush=True)
    queries = make_queries(arts, n_queries)
    path = workdir / f"bench_{n}.db"
    # The writer tokenising itself (rebuilds, reextract, items without index_text): first 10k only.
    k = min(n, 10_000)
    t0 = time.perf_counter()
    with Archive(workdir / f"bench_{n}_plain.db") as archive:
        for i in range(0, k, 1000):
            archive.write_batch([dataclasses.replace(a, index_text=None) for a in arts[i : i + 1000]])
    plain_rate = k / (time.perf_counter() - t0)
    (workdir / f"bench_{n}_plain.db").unlink()
    for a in arts:  # as the extract workers do (add_fingerprints), outside the timed build
        a.index_text = index_text(a.title, a.body)
    t0 = time.perf_counter()
    with Archive(path) as archive:
        for i in range(0, n, 1000):
            archive.write_batch(arts[i : i + 1000])
    build_s = time.perf_counter() - t0
    print(f"[{n}] built in {build_s:.1f}s", flush=True)

    norm = [(a.article_id, normalize(a.title) + "\n" + normalize(a.body)) for a in arts]
    text_bytes = sum(len(a.title.encode()) + len(a.body.encode()) for a in arts)

    tp = fp = fn = 0
    lat: list[float] = []
    lat_new: list[float] = []
    with Archive(path, readonly=True) as archive:
        conn = archive.conn
        fts_bytes = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'").fetchone()[0]
        for q in queries:  # warm-up pass (page cache), not timed
            search(archive, q, limit=20)
        clear_stats_cache()  # timed pass: document counts cached per process start cold
        for q in queries:
            nq = normalize(q)
            truth = {i for i, t in norm if nq in t}
            got = set(iter_match_ids(conn, q))
            tp += len(truth & got)
            fp += len(got - truth)
            fn += len(truth - got)
            t = time.perf_counter()
            search(archive, q, limit=20)
            lat.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            search(archive, q, limit=20, sort="newest")
            lat_new.append((time.perf_counter() - t) * 1000)
        lat_warm = []  # the same queries again: every document count cached (a repeat query)
        for q in queries:
            t = time.perf_counter()
            search(archive, q, limit=20)
            lat_warm.append((time.perf_counter() - t) * 1000)
    print(f"[{n}] queries done", flush=True)
    agree = interfaces_agree(path, queries) if n <= 10_000 else None
    print(f"[{n}] interfaces: {agree}", flush=True)
    # LIKE baseline: a full scan of a normalised copy that gives the same complete answer as an
    # index: the newest 20 matches by date (every row must be tested). Own in-memory database.
    mem = sqlite3.connect(":memory:")
    mem.execute("CREATE TABLE n (article_id INTEGER PRIMARY KEY, published_at TEXT, t TEXT)")
    mem.executemany("INSERT INTO n VALUES (?, ?, ?)",
                    [(i, a.published_at, t) for (i, t), a in zip(norm, arts, strict=True)])  # fmt: skip
    step = max(1, len(queries) // n_like)
    like_idx = list(range(0, len(queries), step))[:n_like]
    lat_like = []
    for j in like_idx:
        pat = "%" + re.sub(r"([%_\\])", r"\\\1", normalize(queries[j])) + "%"
        t = time.perf_counter()
        mem.execute("SELECT article_id FROM n WHERE t LIKE ? ESCAPE '\\' "
                    "ORDER BY published_at DESC LIMIT 20", (pat,)).fetchall()  # fmt: skip
        lat_like.append((time.perf_counter() - t) * 1000)
    mem.close()
    per_len = {}
    for name, lo, hi in BUCKETS:
        xs = [x for q, x in zip(queries, lat, strict=True) if lo <= len(q) <= hi]
        per_len[name] = (len(xs), statistics.median(xs), pct(xs, 95)) if xs else (0, 0.0, 0.0)
    return {
        "articles": n,
        "queries": len(queries),
        "text_mb": text_bytes / 1e6,
        "build_rate": n / build_s,
        "plain_rate": plain_rate,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "p50": statistics.median(lat),
        "p95": pct(lat, 95),
        "per_len": per_len,
        "warm_p50": statistics.median(lat_warm),
        "warm_p95": pct(lat_warm, 95),
        "new_p50": statistics.median(lat_new),
        "new_p95": pct(lat_new, 95),
        "like_n": len(lat_like),
        "like_p50": statistics.median(lat_like),
        "same_p50": statistics.median([lat[j] for j in like_idx]),
        "index_ratio": fts_bytes / text_bytes,
        "file_mb": path.stat().st_size / 1e6,
        "agree": agree,
    }


def write_section(results: list[dict[str, object]], doc: Path) -> None:
    r0 = results[0]
    lines = [
        START,
        (
            f"Run {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %z} on SQLite {sqlite3.sqlite_version}, "
            f"Python {sys.version.split()[0]}, {multiprocessing.cpu_count()} cores. Corpus: the replica's "
            "article text generator (`lcnews.testsite.model.make_content`: the site's sentence and title "
            "templates filled from its place/company/topic pools, ~600 characters per article), every "
            "second article converted to Traditional with OpenCC s2t; cached in bench/out/. Queries: "
            f"{r0['queries']} per size, 1–8 character substrings of articles (keeping their punctuation, "
            "digits and Latin; 30% converted to the other script) plus fixed cases (聊城, 钢, 鋼, "
            "新質生產力, 453X, 2025年, ＡＢＣ, “ID”, ，聊城, 整改。 ...). Ground truth: substring scan of "
            "normalised title + body over every article. Ranked = `search(q, limit=20)` (relevance: "
            "bm25 with title ×5 over the newest "
            f"{RANK_WINDOW:,} matches), with snippets; one warm-up pass first (page cache), then "
            "the per-process cache of document counts is cleared, so every query's first use of a "
            "bigram counts it (cold); 'repeat' = the same queries once more with those counts cached. "
            "Newest = "
            '`sort="newest"` (by published_at). LIKE = full scan of a normalised in-memory copy '
            "giving the newest 20 matches by date: `SELECT article_id FROM n WHERE t LIKE '%q%' "
            "ORDER BY published_at DESC LIMIT 20` on an evenly spaced subset of the queries; the "
            "speed-up compares its p50 with the ranked p50 of the same queries. Build = `write_batch` "
            "in batches of 1,000 with fingerprints and `index_text` precomputed, as the extract workers "
            "do; 'writer tokenises' = the same on the first 10,000 articles without `index_text` "
            "(rebuilds, reextract). Index = "
            "pages of `articles_fts*` (dbstat) / UTF-8 bytes of title + body."
        ),
        "",
        (
            "| articles | queries | build (articles/s) | build, writer tokenises | recall | precision | ranked top-20 p50 / p95 ms "
            "| ranked, repeat p50 / p95 ms | newest p50 / p95 ms | LIKE queries | LIKE p50 ms | ranked p50, same queries | "
            "speed-up vs LIKE | index / text | file MB |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['articles']:,} | {r['queries']} | {r['build_rate']:.0f} | {r['plain_rate']:.0f} "
            f"| {r['recall']:.4f} "
            f"| {r['precision']:.4f} | {r['p50']:.2f} / {r['p95']:.1f} "
            f"| {r['warm_p50']:.2f} / {r['warm_p95']:.1f} "
            f"| {r['new_p50']:.2f} / {r['new_p95']:.1f} | {r['like_n']} | {r['like_p50']:.0f} "
            f"| {r['same_p50']:.2f} "
            f"| {float(r['like_p50']) / max(float(r['same_p50']), 1e-9):.0f}x "  # type: ignore[arg-type]
            f"| {r['index_ratio']:.2f}x | {r['file_mb']:.0f} |"
        )
    lines += ["", "Ranked top-20 latency by query length (characters):", "",
              "| articles | length | queries | p50 ms | p95 ms |", "|---|---|---|---|---|"]  # fmt: skip
    for r in results:
        for name, (k, p50, p95) in r["per_len"].items():  # type: ignore[attr-defined]
            lines.append(f"| {r['articles']:,} | {name} | {k} | {p50:.2f} | {p95:.1f} |")
    for r in results:
        if r.get("agree"):
            q, bad, by_count = r["agree"]  # type: ignore[misc]
            lines += [
                "",
                (
                    f"Same ids through every interface at {r['articles']:,} articles (Python API, "
                    "CLI `lcnews search --json`, `PLAIN_SQL_SEARCH` on a bare sqlite3 connection, "
                    f"Datasette `?_search=`), {q} queries: identical id sets: "
                    f"{'yes' if not bad else 'no'} ({bad} mismatches; {by_count} queries matching "
                    "more than 1,000 articles compared by count, the rest by id set)."
                ),
            ]
    lines.append(END)
    block = "\n".join(lines)
    old = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    if START in old and END in old:
        head, _, rest = old.partition(START)
        new = head + block + rest.partition(END)[2]
    elif SECTION in old:
        head, _, rest = old.partition(SECTION)
        nxt = rest.find("\n## ")
        tail = rest[nxt:] if nxt >= 0 else "\n"
        new = head + SECTION + "\n\nRegenerate with `python bench/search_bench.py`.\n\n" + block + tail
    else:
        new = old.rstrip("\n") + f"\n\n{SECTION}\n\nRegenerate with `python bench/search_bench.py`.\n\n{block}\n"
    doc.write_text(new, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--queries", type=int, default=320)
    ap.add_argument("--like", type=int, default=20, help="queries timed with the LIKE scan")
    ap.add_argument("--doc", type=Path, default=Path(__file__).parent.parent / "docs" / "benchmarks.md")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            r = run_size(n, args.queries, args.like, Path(tmp))
            print(r, flush=True)
            results.append(r)
    write_section(results, args.doc)


if __name__ == "__main__":
    main()
