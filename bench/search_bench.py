"""Benchmark the archive's Chinese full-text search on synthetic archives.

Measures, per archive size: build rate (write_batch, articles/s), recall and precision against a
substring scan of normalised text, ranked top-20 latency (p50/p95), newest-first latency, the same
queries as ``LIKE '%q%'`` on a normalised copy (in a separate in-memory database), and index size
versus text size. Writes a section into docs/benchmarks.md (other sections are kept).

    python bench/search_bench.py --sizes 10000 100000 --queries 320
"""

from __future__ import annotations

import argparse
import dataclasses
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
from lcnews.db.search import iter_match_ids, search
from lcnews.extract.normalize import content_hash, normalize, script_of, simhash
from lcnews.items import Article


SECTION = "## Search benchmark (bench/search_bench.py)"

# A small news-like vocabulary; frequent function words make the 1-character tail realistic.
WORDS = (
    "聊城 东昌府 阳谷 莘县 茌平 东阿 冠县 高唐 临清 钢铁 钢材 新质生产力 发展 经济 会议 市委 书记 "
    "干部 群众 乾隆 后来 皇后 里面 公里 头发 发现 企业 项目 投资 建设 学校 学生 医院 农业 乡村 "
    "振兴 文化 旅游 运河 古城 水城 江北 生态 环境 保护 质量 产业 科技 创新 人才 就业 交通 高铁 "
    "公路 新闻 记者 通讯员 编辑 责任 中国 山东 工作 部署 推进 落实 服务 群众 安全 生产 检查 "
    "改革 开放 合作 招商 引资 工业 园区 制造 智能 数字 平台 医疗 教育 养老 社区 治理 志愿 "
    "活动 举办 开展 召开 强调 指出 要求 提高 加强 完善 推动 实施 组织 领导 同志 代表 委员 "
    "人民 政府 部门 单位 基层 党建 乡镇 街道 农民 收入 粮食 蔬菜 种植 养殖 市场 价格 消费 "
    "的 了 是 在 和 与 对 将 为 年 月 日 等 个 把 被 也 都 及 并"
).split()
WORDS += [chr(c) for c in range(0x4E00, 0x9FA5, 37)]  # a tail of rarer characters
LATIN = ["ABC", "453X", "5G", "GDP", "iPhone", "COVID-19", "2025", "12", "3.5", "100", "A股"]
PUNCT = ["，", "。", "、", "：", "；", "“", "”", "（", "）", " ", ",", "\n"]


def make_text(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.05:
            out.append(rng.choice(LATIN))
        elif r < 0.22:
            out.append(rng.choice(PUNCT))
        else:
            out.append(WORDS[min(int(rng.paretovariate(0.9)) - 1, len(WORDS) - 1)]
                       if rng.random() < 0.3 else rng.choice(WORDS))  # fmt: skip
    return "".join(out)


def make_corpus(n: int, seed: int = 1) -> list[Article]:
    rng = random.Random(seed)
    s2t = opencc.OpenCC("s2t")
    arts = []
    for aid in range(1, n + 1):
        title, body = make_text(rng, 8), make_text(rng, rng.randint(150, 500))
        if aid % 2 == 0:
            title, body = s2t.convert(title), s2t.convert(body)
        arts.append(
            Article(
                article_id=aid,
                url=f"https://www.lcxw.cn/c/{aid}.html",
                channel=rng.choice(["yaowen", "yaowen/shendu", "shehui", "lcxw"]),
                title=title,
                body=body,
                published_at=f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-"
                f"{rng.randint(1, 28):02d}T08:00:00+08:00",
            )
        )
    return arts


def make_queries(arts: list[Article], n: int, seed: int = 2) -> list[str]:
    rng = random.Random(seed)
    t2s, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
    out = ["聊城", "钢", "鋼", "新質生產力", "453X", "2025年", "的", "乾隆", "ＡＢＣ", "covid-19"]
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
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def run_size(n: int, n_queries: int, workdir: Path) -> dict[str, object]:
    print(f"[{n}] generating corpus", flush=True)
    arts = make_corpus(n)
    queries = make_queries(arts, n_queries)
    path = workdir / f"bench_{n}.db"
    # The extract pipeline fills the fingerprints before archiving; time them apart.
    t0 = time.perf_counter()
    arts = [
        dataclasses.replace(a, simhash=simhash(a.body), content_hash=content_hash(a.title, a.body),
                            script=script_of(a.title + "\n" + a.body))
        for a in arts
    ]  # fmt: skip
    fingerprint_ms = (time.perf_counter() - t0) * 1000 / n
    t0 = time.perf_counter()
    with Archive(path) as archive:
        for i in range(0, n, 1000):
            archive.write_batch(arts[i : i + 1000])
    build_s = time.perf_counter() - t0
    print(f"[{n}] built in {build_s:.1f}s", flush=True)

    norm = [(a.article_id, normalize(a.title), normalize(a.body)) for a in arts]
    text_bytes = sum(len(a.title.encode()) + len(a.body.encode()) for a in arts)
    mem = sqlite3.connect(":memory:")  # the LIKE baseline lives in its own scratch database
    mem.execute("CREATE TABLE n (article_id INTEGER PRIMARY KEY, t TEXT)")
    mem.executemany("INSERT INTO n VALUES (?, ?)", [(i, t + "\n" + b) for i, t, b in norm])

    tp = fp = fn = 0
    lat, lat_new, lat_like = [], [], []
    with Archive(path, readonly=True) as archive:
        conn = archive.conn
        sizes = dict(conn.execute(
            "SELECT 'fts', sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'"
        ).fetchall())  # fmt: skip
        for q in queries:
            nq = normalize(q)
            truth = {i for i, t, b in norm if nq in t or nq in b}
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
        for q in queries[:60]:
            nq = normalize(q)
            t = time.perf_counter()
            mem.execute("SELECT article_id FROM n WHERE t LIKE ? LIMIT 20", (f"%{nq}%",)).fetchall()
            lat_like.append((time.perf_counter() - t) * 1000)
    short = [x for q, x in zip(queries, lat, strict=True) if len(q) <= 2]
    return {
        "articles": n,
        "queries": len(queries),
        "text_mb": text_bytes / 1e6,
        "build_rate": n / build_s,
        "fingerprint_ms": fingerprint_ms,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "p50": statistics.median(lat),
        "p95": pct(lat, 95),
        "p95_short": pct(short, 95) if short else 0.0,
        "new_p50": statistics.median(lat_new),
        "new_p95": pct(lat_new, 95),
        "like_p50": statistics.median(lat_like),
        "index_ratio": (sizes.get("fts") or 0) / text_bytes,
        "file_mb": path.stat().st_size / 1e6,
    }


def write_section(results: list[dict[str, object]], doc: Path) -> None:
    lines = [
        SECTION,
        "",
        f"Run on SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}. Synthetic archives "
        "(news-like vocabulary, half of the articles in Traditional script, Latin/digits/punctuation "
        "mixed in); queries are 1–8 character substrings of articles (30% converted to the other "
        "script) plus fixed cases (聊城, 钢, 鋼, 新質生產力, 453X, 2025年, 的 ...). Ground truth: "
        "substring scan of normalised title/body. LIKE: `LIKE '%q%'` on a normalised copy "
        "(LIMIT 20, first 60 queries). Build = `write_batch` in batches of 1,000 with fingerprints "
        "(simhash, content_hash, script) precomputed as the extract pipeline does; their cost is "
        "the last column.",
        "",
        "| articles | queries | build (articles/s) | recall | precision | ranked top-20 p50 / p95 ms "
        "| 1–2 char p95 ms | newest p50 / p95 ms | LIKE p50 ms | speed-up vs LIKE (p50) "
        "| index / text | file MB | fingerprints ms/article |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['articles']:,} | {r['queries']} | {r['build_rate']:.0f} | {r['recall']:.4f} "
            f"| {r['precision']:.4f} | {r['p50']:.2f} / {r['p95']:.1f} | {r['p95_short']:.1f} "
            f"| {r['new_p50']:.2f} / {r['new_p95']:.1f} | {r['like_p50']:.1f} "
            f"| {float(r['like_p50']) / max(float(r['p50']), 1e-9):.0f}x "  # type: ignore[arg-type]
            f"| {r['index_ratio']:.2f}x | {r['file_mb']:.0f} | {r['fingerprint_ms']:.1f} |"
        )
    text = "\n".join(lines) + "\n"
    old = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    if SECTION in old:
        head, _, rest = old.partition(SECTION)
        nxt = rest.find("\n## ")
        old = head + (rest[nxt + 1 :] if nxt >= 0 else "")
    doc.write_text(old.rstrip("\n") + "\n\n" + text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--queries", type=int, default=320)
    ap.add_argument("--doc", type=Path, default=Path(__file__).parent.parent / "docs" / "benchmarks.md")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            r = run_size(n, args.queries, Path(tmp))
            print(r, flush=True)
            results.append(r)
    write_section(results, args.doc)


if __name__ == "__main__":
    main()
