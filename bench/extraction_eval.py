#!/usr/bin/env python
"""Rerunnable extraction evaluation: lcnews against peer extractors on the same pages.

Suites (data under ``$LCNEWS_EVAL_DATA``, default ``../shared/eval`` beside the checkout; never copied into the repo):

  zh-cwced         69 Chinese pages (GBK + UTF-8): body, publish date, author
  magic-zh         the 53 Chinese pages of magic-html-article: body
  en-zyte          181 mostly-English pages, Zyte article-extraction-benchmark metric: body
  replica          lcnews.testsite build_site(n_articles=200, seed=1): every field
  replica-unknown  the same with template="unknown" (markup our site layer has never seen)

Metrics are defined in ``bench/metrics.py``. Usage::

  python bench/extraction_eval.py                       # everything, writes docs + JSON
  python bench/extraction_eval.py --suite zh-cwced --tools lcnews,trafilatura --limit 10
  python bench/extraction_eval.py --no-write            # print only

Writes the table into ``docs/benchmarks.md`` between ``<!-- extraction-eval:start -->`` and
``<!-- extraction-eval:end -->`` (partial runs with --limit do not touch docs), and per-page
scores to ``bench/out/extraction_eval.json`` so a regression names the page.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time
import traceback
import unicodedata
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import metrics as M  # noqa: E402
from bench.peers import ALL_TOOLS, PEER_FACTORIES, Page, Pred, Tool, decode_bytes, make_ours  # noqa: E402

DATA = Path(os.environ.get("LCNEWS_EVAL_DATA") or ROOT.parent / "shared" / "eval")
DOCS = ROOT / "docs" / "benchmarks.md"
OUT = ROOT / "bench" / "out" / "extraction_eval.json"
START, END = "<!-- extraction-eval:start -->", "<!-- extraction-eval:end -->"
SUITES = ("zh-cwced", "magic-zh", "en-zyte", "replica", "replica-unknown")
PAGE_TIMEOUT_S = 30
PUBLISHED_ZYTE = {"trafilatura 2.0.0": 0.958, "newspaper4k 0.9.3.1": 0.949, "readability-lxml": 0.922}


# ---------------------------------------------------------------------------------------------
# Suite loaders
# ---------------------------------------------------------------------------------------------

_CLEANEVAL_RE = re.compile(rb"^\s*<text\b([^>]*)>", re.I)
_ATTR_RE = re.compile(rb"""(\w+)\s*=\s*"([^"]*)\"""")


def strip_cleaneval(data: bytes) -> tuple[bytes, str | None, str | None]:
    """Remove the CleanEval ``<text id=URL title=.. encoding=..>`` wrapper (a dataset artefact,
    not part of the page). Returns (page bytes, url, encoding hint)."""
    m = _CLEANEVAL_RE.match(data)
    if not m:
        return data, None, None
    attrs = {k.decode().lower(): v.decode("latin-1") for k, v in _ATTR_RE.findall(m.group(1))}
    body = data[m.end() :]
    body = re.sub(rb"</text>\s*$", b"", body, flags=re.I)
    return body, attrs.get("id") or None, attrs.get("encoding") or None


def load_zh_cwced(limit: int | None) -> Iterator[Page]:
    base = DATA / "zh-cwced"
    for path in sorted((base / "original").glob("*.html"))[:limit]:
        uid = path.stem
        raw, url, hint = strip_cleaneval(path.read_bytes())
        html, enc = decode_bytes(raw, hint=hint)

        def read(kind: str, uid: str = uid) -> str:
            p = base / kind / f"{uid}.txt"
            return p.read_text("utf-8", errors="replace") if p.exists() else ""

        date_txt, author_txt = read("date").strip(), read("author").strip()
        truth = {
            "body": read("cleaned"),
            "date_raw": date_txt,
            "date": M.parse_truth_date(date_txt),
            "authors_raw": author_txt,
            "authors": M.parse_truth_authors(author_txt),
        }
        host = re.sub(r"^https?://([^/]+).*", r"\1", url) if url else "(2022 crawl)"
        yield Page("zh-cwced", uid, raw, html, url, None, truth, f"{host} {enc}")


def load_magic_zh(limit: int | None) -> Iterator[Page]:
    base = DATA / "magic-html-article"
    gt = json.loads((base / "base.json").read_text("utf-8"))
    ids = []
    for line in (base / "lang.tsv").read_text("utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 2 and cols[1] == "zh":
            ids.append(cols[0])
    for pid in sorted(ids)[:limit]:
        raw = gzip.decompress((base / "htmls" / f"{pid}.html.gz").read_bytes())
        html, _ = decode_bytes(raw, content_type="text/html; charset=utf-8")
        url = gt[pid].get("url")
        host = re.sub(r"^https?://([^/]+).*", r"\1", url or "")
        yield Page("magic-zh", pid, raw, html, url, {"Content-Type": "text/html; charset=utf-8"},
                   {"body": gt[pid].get("content", "")}, host)  # fmt: skip


def load_en_zyte(limit: int | None) -> Iterator[Page]:
    base = DATA / "en-zyte-aeb"
    gt = json.loads((base / "ground-truth.json").read_text("utf-8"))
    for pid in sorted(gt)[:limit]:
        raw = gzip.decompress((base / "html" / f"{pid}.html.gz").read_bytes())
        html, _ = decode_bytes(raw, content_type="text/html; charset=utf-8")
        url = gt[pid].get("url")
        host = re.sub(r"^https?://([^/]+).*", r"\1", url or "")
        yield Page("en-zyte", pid, raw, html, url, {"Content-Type": "text/html; charset=utf-8"},
                   {"body": gt[pid].get("articleBody", "")}, host)  # fmt: skip


class SuiteUnavailable(Exception):
    pass


def load_replica(limit: int | None, template: str | None = None) -> Iterator[Page]:
    try:
        from lcnews.testsite import build_site
    except Exception as exc:
        raise SuiteUnavailable(f"lcnews.testsite not importable ({type(exc).__name__}: {exc})") from exc
    kwargs: dict[str, Any] = {"n_articles": 200, "seed": 1}
    if template:
        kwargs["template"] = template
    try:
        site = build_site(**kwargs)
    except TypeError as exc:
        raise SuiteUnavailable(f"build_site({kwargs}) failed: {exc}") from exc
    suite = "replica-unknown" if template else "replica"
    n = 0
    for t in site.truth:
        if limit is not None and n >= limit:
            break
        if not t.get("reachable", True) or t.get("status", 200) != 200:
            continue
        status, headers, body = site.respond("GET", t["path"])
        if status != 200:
            continue
        headers = {str(k): str(v) for k, v in dict(headers or {}).items()}
        ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), None)
        html, enc = decode_bytes(body, content_type=ctype)
        origin = getattr(getattr(site, "profile", None), "origin", None) or "http://www.lcxw.cn"
        url = t.get("url") or origin.rstrip("/") + t["path"]
        truth = dict(t)
        truth["date"] = M.parse_date_fields(t.get("published_at"))
        truth["authors_set"] = M.split_authors(t.get("authors") or [])
        n += 1
        yield Page(suite, t["path"], body, html, url, headers, truth,
                   f"{t.get('template', '')} {t.get('encoding', enc)}")  # fmt: skip


LOADERS = {
    "zh-cwced": load_zh_cwced,
    "magic-zh": load_magic_zh,
    "en-zyte": load_en_zyte,
    "replica": load_replica,
    "replica-unknown": lambda limit: load_replica(limit, template="unknown"),
}


# ---------------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------------


class PageTimeout(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise PageTimeout(f"> {PAGE_TIMEOUT_S}s")


def run_tool(tool: Tool, page: Page) -> tuple[Pred | None, float, str | None]:
    """(prediction or None, seconds, error string or None). Warnings are silenced here:
    peers emit plenty and pytest-style filterwarnings do not apply to a benchmark run."""
    use_alarm = hasattr(signal, "SIGALRM")
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _on_alarm)
        signal.alarm(PAGE_TIMEOUT_S)
    t0 = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pred = tool.run(page)
        return pred, time.perf_counter() - t0, None
    except Exception as exc:  # noqa: BLE001 - every crash is a scored-zero page
        tb = traceback.extract_tb(exc.__traceback__)
        where = f"{tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else ""
        return None, time.perf_counter() - t0, f"{type(exc).__name__}: {str(exc)[:200]} @ {where}"
    finally:
        if use_alarm:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)


def _nfkc(s: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s or "")).strip()


def score_page(suite: str, page: Page, tool: Tool, pred: Pred | None) -> dict[str, Any]:
    """Per-page record: body scores plus field checks that apply to this suite."""
    p = pred or Pred()
    rec: dict[str, Any] = {"chars": len(p.body or "")}
    if suite == "en-zyte":
        triple = M.zyte_tp_fp_fn(p.body, page.truth["body"])
        rec["zyte"] = triple
        prf = M.zyte_page_prf(p.body, page.truth["body"])
    else:
        prf = M.zh_body_prf(p.body, page.truth["body"])
    rec.update(p=round(prf.precision, 4), r=round(prf.recall, 4), f1=round(prf.f1, 4))
    rec["clean"] = M.clean_body(p.body, page.truth["body"])

    truth_date = page.truth.get("date") if suite in {"zh-cwced", "replica", "replica-unknown"} else None
    if truth_date and "date" in tool.fields:
        rec["date"] = p.date if p.date is None else str(p.date)
        rec["date_day"] = M.date_match(p.date, truth_date, "day")
        if len(truth_date) >= 5 and tool.date_has_time:
            rec["date_min"] = M.date_match(p.date, truth_date, "minute")
    if suite == "zh-cwced" and page.truth.get("authors") and "authors" in tool.fields:
        rec["authors"] = sorted(M.split_authors(p.authors))
        rec["authors_ok"] = M.authors_match(p.authors, page.truth["authors"], p.editors)
    if suite.startswith("replica"):
        t = page.truth
        rec["body_exact"] = (p.body or "") == (t.get("body") or "")
        if "title" in tool.fields:
            rec["title_ok"] = _nfkc(p.title) == _nfkc(t.get("title"))
        if "authors" in tool.fields:
            rec["authors_ok"] = M.split_authors(p.authors) == t["authors_set"]
        if tool.name == "lcnews":
            rec["published_at_ok"] = p.date == t.get("published_at")
            rec["source_ok"] = (p.source or "") == (t.get("source") or "")
            rec["authors_exact"] = list(p.authors or []) == list(t.get("authors") or [])
            rec["editors_ok"] = list(p.editors or []) == list(t.get("editors") or [])
            for key in ("title_ok", "published_at_ok", "source_ok", "authors_exact", "editors_ok"):
                if not rec.get(key):
                    field = key.removesuffix("_ok").removesuffix("_exact")
                    got = {"published_at": p.date, "authors": p.authors}.get(field, getattr(p, field, None))
                    rec.setdefault("mismatch", {})[field] = {"got": got, "want": t.get(field)}
        leaks = M.leaked_lines(p.body, t.get("body"))
        rec["leaks"] = leaks[:10]
        rec["extra_lines"] = M.extra_lines(p.body, t.get("body"))[:10]
    return rec


def _mean(values: list[bool]) -> float | None:
    return sum(values) / len(values) if values else None


def summarise(suite: str, tool: Tool, recs: dict[str, dict[str, Any]], seconds: float) -> dict[str, Any]:
    pages = list(recs.values())
    s: dict[str, Any] = {"pages": len(pages), "errors": sum(1 for r in pages if r.get("error"))}
    if suite == "en-zyte":
        prf = M.zyte_aggregate(tuple(r["zyte"]) for r in pages)
    else:
        prf = M.macro([M.PRF(r["p"], r["r"], r["f1"]) for r in pages])
    s.update(P=prf.precision, R=prf.recall, F1=prf.f1)
    s["pages_per_s"] = len(pages) / seconds if seconds > 0 else None
    s["seconds"] = seconds
    for key in ("clean", "date_day", "date_min", "authors_ok", "body_exact", "title_ok", "published_at_ok",
                "source_ok", "authors_exact", "editors_ok"):  # fmt: skip
        vals = [r[key] for r in pages if key in r]
        if vals:
            s[key] = _mean(vals)
            s[key + "_n"] = len(vals)
    if suite.startswith("replica"):
        s["leak_pages"] = sum(1 for r in pages if r.get("leaks"))
        s["leak_lines"] = sum(len(r.get("leaks", [])) for r in pages)
    return s


def run_suite(suite: str, tools: list[Tool], limit: int | None) -> dict[str, Any] | None:
    try:
        pages = list(LOADERS[suite](limit))
    except SuiteUnavailable as exc:
        print(f"[{suite}] skipped: {exc}", file=sys.stderr)
        return {"skipped": str(exc)}
    if not pages:
        print(f"[{suite}] skipped: no pages", file=sys.stderr)
        return {"skipped": "no pages"}
    result: dict[str, Any] = {"summary": {}, "pages": {}}
    for page in pages:
        info: dict[str, Any] = {"url": page.url, "note": page.note}
        if suite == "zh-cwced":
            info["truth_date"] = page.truth["date_raw"]
            info["truth_authors"] = page.truth["authors_raw"]
        if suite.startswith("replica"):
            info["template"] = page.truth.get("template")
        info["truth_chars"] = len(page.truth.get("body") or "")
        result["pages"][page.id] = info
    for tool in tools:
        run_tool(tool, pages[0])  # warm-up (lazy imports, jieba dictionary), not timed
        recs: dict[str, dict[str, Any]] = {}
        total = 0.0
        for page in pages:
            pred, secs, err = run_tool(tool, page)
            total += secs
            rec = score_page(suite, page, tool, pred)
            rec["ms"] = round(secs * 1000, 1)
            if err:
                rec["error"] = err
            recs[page.id] = rec
            result["pages"][page.id][tool.name] = rec
        result["summary"][tool.name] = summarise(suite, tool, recs, total)
        s = result["summary"][tool.name]
        print(f"[{suite}] {tool.name:<16} F1={s['F1']:.3f} P={s['P']:.3f} R={s['R']:.3f} "
              f"errors={s['errors']} {s['pages_per_s']:.1f} pages/s", file=sys.stderr)  # fmt: skip
    return result


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def _f(v: Any, digits: int = 3) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def _pct(s: dict[str, Any], key: str) -> str:
    if key not in s:
        return "—"
    return f"{s[key]:.3f} ({round(s[key] * s[key + '_n'])}/{s[key + '_n']})"


SUITE_TITLES = {
    "zh-cwced": "zh-cwced (development data, in-sample: 69 Chinese pages, GBK + UTF-8; char-4-gram body, date, author)",
    "magic-zh": "magic-html-article, Chinese subset (development data, in-sample: 53 pages; char-4-gram body)",
    "en-zyte": "en-zyte-aeb (development data, in-sample: 181 pages; the benchmark's own 4-token-shingle metric)",
    "replica": "replica (lcnews.testsite, 200 articles, seed 1)",
    "replica-unknown": 'replica, template="unknown" (markup the site layer has not seen)',
}


def render(results: dict[str, Any], meta: dict[str, Any]) -> str:
    out = [
        f"Run {meta['when']} · commit `{meta['commit']}` · Python {meta['python']} · "
        f"tools: {', '.join(f'{k} {v}' for k, v in meta['versions'].items())}"
        + (f" · **partial run: --limit {meta['limit']}**" if meta.get("limit") else ""),
        "",
        "Body P/R/F1 on Chinese suites: character 4-grams after NFKC and whitespace removal, "
        "macro-averaged over pages. Clean body: share of pages whose body holds the truth's first and "
        "last paragraph and no line of page furniture (the metric used on held-out pages). Dates: share of pages whose truth has a date (day) or a "
        "time (minute) that the tool gets right. Authors: exact set match (a truth naming the editor as author also matches when the tool has that name in editors and no author). Errors: pages where "
        "the tool raised (scored 0). The three third-party suites are development data: they were read "
        "while building lcnews, so their scores are in-sample, not a measure of pages it has not seen. Speed: extraction only, one process, same pages. "
        "Per-page scores: `bench/out/extraction_eval.json`.",
        "",
    ]
    for suite, res in results.items():
        out.append(f"### {SUITE_TITLES.get(suite, suite)}")
        out.append("")
        if not res or "skipped" in res:
            out.append(f"Skipped: {res.get('skipped') if res else 'not run'}")
            out.append("")
            continue
        summ = res["summary"]
        if suite == "zh-cwced":
            head = ["tool", "pages", "errors", "body P", "body R", "body F1", "clean body", "date (day)",
                    "date (minute)", "author", "pages/s"]  # fmt: skip
            rows = [[name, s["pages"], s["errors"], _f(s["P"]), _f(s["R"]), _f(s["F1"]), _pct(s, "clean"),
                     _pct(s, "date_day"), _pct(s, "date_min"), _pct(s, "authors_ok"),
                     _f(s["pages_per_s"], 1)] for name, s in summ.items()]  # fmt: skip
        elif suite.startswith("replica"):
            head = ["tool", "pages", "errors", "body P", "body R", "body F1", "clean body", "body exact",
                    "title", "date (day)", "date (minute)", "published_at exact", "source",
                    "authors (set)", "authors (list)", "editors", "leak pages", "pages/s"]  # fmt: skip
            rows = [[name, s["pages"], s["errors"], _f(s["P"]), _f(s["R"]), _f(s["F1"]), _f(s.get("clean")),
                     _f(s.get("body_exact")), _f(s.get("title_ok")), _f(s.get("date_day")),
                     _f(s.get("date_min")), _f(s.get("published_at_ok")), _f(s.get("source_ok")),
                     _f(s.get("authors_ok")), _f(s.get("authors_exact")), _f(s.get("editors_ok")),
                     s.get("leak_pages"), _f(s["pages_per_s"], 1)] for name, s in summ.items()]  # fmt: skip
        else:
            head = ["tool", "pages", "errors", "body P", "body R", "body F1", "clean body", "pages/s"]
            rows = [[name, s["pages"], s["errors"], _f(s["P"]), _f(s["R"]), _f(s["F1"]), _pct(s, "clean"),
                     _f(s["pages_per_s"], 1)] for name, s in summ.items()]  # fmt: skip
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" * len(head))
        for row in rows:
            out.append("| " + " | ".join(str(c) for c in row) + " |")
        out.append("")
        if suite == "en-zyte":
            out.append("Published on the same 181 pages with the same metric (F1): "
                       + ", ".join(f"{k} {v}" for k, v in PUBLISHED_ZYTE.items()) + ".")  # fmt: skip
            out.append("")
        if suite.startswith("replica"):
            out.append("Leak pages: pages whose body has a line absent from the truth that looks "
                       "like page furniture (相关推荐, 版权所有, 编辑:, 分享, 上一篇...).")  # fmt: skip
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def write_docs(table: str, path: Path = DOCS) -> None:
    block = f"{START}\n{table}{END}"
    if path.exists():
        text = path.read_text("utf-8")
        if START in text and END in text and text.index(START) < text.index(END):
            before, rest = text.split(START, 1)
            _, after = rest.split(END, 1)
            text = before + block + after
        else:
            text = text.rstrip("\n") + "\n\n## Extraction evaluation\n\n" + block + "\n"
    else:
        text = (
            "# Benchmarks\n\n## Extraction evaluation\n\n"
            "Regenerate with `python bench/extraction_eval.py` (data: `$LCNEWS_EVAL_DATA`, default `../shared/eval` "
            "relative to the checkout; see each suite's SOURCE.md; peers: `pip install -e .[bench] newspaper4k[zh]`).\n\n"
            + block
            + "\n"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=5).stdout.strip() or "uncommitted"  # fmt: skip
    except Exception:  # noqa: BLE001
        return "?"


# ---------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------


def build_tools(names: list[str], ours_spec: str) -> tuple[list[Tool], dict[str, str]]:
    tools: list[Tool] = []
    dropped: dict[str, str] = {}
    for name in names:
        try:
            if name == "lcnews":
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    tools.append(make_ours(ours_spec))
            elif name in PEER_FACTORIES:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    tools.append(PEER_FACTORIES[name]())
            else:
                dropped[name] = "unknown tool"
        except Exception as exc:  # noqa: BLE001 - optional dependency missing
            dropped[name] = f"{type(exc).__name__}: {exc}"
    for name, why in dropped.items():
        print(f"tool {name} dropped: {why}", file=sys.stderr)
    return tools, dropped


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--suite", action="append", choices=SUITES, help="repeatable; default: all")
    ap.add_argument("--tools", default=",".join(ALL_TOOLS), help=f"comma list from {','.join(ALL_TOOLS)}")
    ap.add_argument("--limit", type=int, default=None, help="first N pages of each suite")
    ap.add_argument("--no-write", action="store_true", help="print only; no docs, no JSON")
    ap.add_argument("--ours", default="lcnews.extract:extract_article",
                    help="module:function of our extractor (default %(default)s)")  # fmt: skip
    ap.add_argument("--json", type=Path, default=OUT, help="per-page dump (default %(default)s)")
    ap.add_argument("--show", metavar="PAGE_ID_PREFIX", action="append",
                    help="print truth and every tool's output for matching pages, then exit")  # fmt: skip
    args = ap.parse_args(argv)

    logging_quiet()
    block_network()
    suites = args.suite or list(SUITES)
    tools, dropped = build_tools([t.strip() for t in args.tools.split(",") if t.strip()], args.ours)
    if not tools:
        print("no tools available", file=sys.stderr)
        return 2
    if args.show:
        return show_pages(suites, tools, args.show)
    t0 = time.perf_counter()
    results = {s: run_suite(s, tools, args.limit) for s in suites}
    meta = {
        "when": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z"),
        "commit": _commit(),
        "python": platform.python_version(),
        "versions": {t.name: t.version for t in tools},
        "dropped": dropped,
        "limit": args.limit,
        "wall_seconds": round(time.perf_counter() - t0, 1),
    }
    table = render(results, meta)
    if dropped:
        table += "\nNot run: " + "; ".join(f"{k} ({v})" for k, v in dropped.items()) + "\n"
    print(table)
    print(f"wall time {meta['wall_seconds']}s", file=sys.stderr)
    if not args.no_write:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"meta": meta, "suites": results}, ensure_ascii=False, indent=1), "utf-8")
        print(f"per-page scores: {args.json}", file=sys.stderr)
        if args.limit is None:
            write_docs(table)
            print(f"table written to {DOCS}", file=sys.stderr)
        else:
            print("partial run (--limit): docs/benchmarks.md not touched", file=sys.stderr)
    return 0


def show_pages(suites: list[str], tools: list[Tool], prefixes: list[str]) -> int:
    """Debug view: truth and each tool's body/fields for pages whose id starts with a prefix."""
    for suite in suites:
        try:
            pages = [p for p in LOADERS[suite](None) if any(p.id.startswith(x) for x in prefixes)]
        except SuiteUnavailable:
            continue
        for page in pages:
            print(f"===== {suite} {page.id} {page.url} [{page.note}]")
            t = page.truth
            print(f"--- truth: date={t.get('date_raw', t.get('published_at'))!r} "
                  f"authors={t.get('authors_raw', t.get('authors'))!r}\n{t.get('body', '')}")  # fmt: skip
            for tool in tools:
                pred, _, err = run_tool(tool, page)
                p = pred or Pred()
                rec = score_page(suite, page, tool, pred)
                print(f"--- {tool.name}: P={rec['p']} R={rec['r']} F1={rec['f1']} err={err} "
                      f"title={p.title!r} date={p.date!r} authors={p.authors!r}\n{p.body}")  # fmt: skip
    return 0


def block_network() -> None:
    """Make every socket connect fail at once: the evaluation is offline, and a peer that tries
    to fetch an image or a URL must neither hang nor have its wait counted as extraction time."""
    import socket

    def refuse(self: socket.socket, *args: Any) -> None:
        raise OSError("network disabled during extraction_eval")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]


def logging_quiet() -> None:
    import logging

    for name in ("trafilatura", "htmldate", "readability", "newspaper", "jieba", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    with contextlib.suppress(Exception):  # jieba is optional (newspaper4k's Chinese support)
        import jieba

        jieba.setLogLevel(logging.CRITICAL)


if __name__ == "__main__":
    raise SystemExit(main())
