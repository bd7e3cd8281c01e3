#!/usr/bin/env python
"""lcnews and trafilatura on generated third-party Chinese news pages (``lcnews.testsite.portals``).

The pages imitate central and commercial portals, new media, provincial and city media, county and
government CMSs, WeChat copies, forums, blogs, galleries and video pages; none is a page lcnews was
written against. Each tool gets the page bytes (it decodes them itself), the URL and, for lcnews, the
HTTP headers, through its public API only. Reported per family and overall:

  clean     first and last truth paragraph present in the body, and no furniture line in it
            (``bench.metrics.furniture_lines``: furniture patterns plus the page's own non-body lines:
            furniture, credits, bylines, captions, end marks; a dateline or trailing byline still
            attached to its paragraph is a byline miss, not furniture)
  f1        body character 4-gram F1 (``bench.metrics.zh_body_prf``), mean over pages
  title     exact after NFKC and whitespace collapsing
  day       publish day; ``minute`` publish minute (pages that show a time; an offset is honoured)
  source    exact; ``authors`` as a set (``bench.metrics.split_authors``); ``editors`` exact list

Usage::

  python bench/portals_eval.py                    # 10 pages per family, seed 1, lcnews + trafilatura
  python bench/portals_eval.py --per-family 4 --tools lcnews --ours mybranch.extract:extract_article

Per-page failures go to ``bench/out/portals_eval.json`` (which field, what was got, what was wanted).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import unicodedata
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import metrics as M  # noqa: E402
from bench.extraction_eval import block_network, logging_quiet, run_tool  # noqa: E402
from bench.peers import Page, Pred, Tool, decode_bytes, make_ours  # noqa: E402

OUT = ROOT / "bench" / "out" / "portals_eval.json"
FIELDS = ("clean", "f1", "title", "day", "minute", "source", "authors", "editors")
BEIJING = dt.timezone(dt.timedelta(hours=8))


def make_trafilatura_bytes() -> Tool:
    """trafilatura given the raw bytes, as it would be on a crawl (it decodes them itself)."""
    import importlib.metadata

    import trafilatura

    def run(page: Page) -> Pred:
        doc: Any = trafilatura.bare_extraction(page.raw, url=page.url, include_comments=False, include_tables=True,
                                          with_metadata=True)  # fmt: skip
        if doc is None:
            return Pred()
        return Pred(body=doc.text or "", title=doc.title, date=doc.date, authors=doc.author)

    return Tool(
        "trafilatura", importlib.metadata.version("trafilatura"), run, frozenset({"title", "date", "authors"}), False
    )


def load_pages(per_family: int, seed: int, family: str | None) -> list[Page]:
    from lcnews.testsite.portals import FAMILIES, generate_portal_pages

    if family and family not in FAMILIES:
        raise SystemExit(f"error: unknown family {family!r} (known: {', '.join(FAMILIES)})")
    out = []
    for i, p in enumerate(generate_portal_pages(per_family * len(FAMILIES), seed)):
        if family and p.family != family:
            continue
        html, _ = decode_bytes(p.html, content_type=p.headers.get("Content-Type"))
        out.append(Page("portals", f"{i:04d}-{p.family}", p.html, html, p.url, dict(p.headers), p.truth, p.family))
    return out


def _nfkc(s: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", s or "").split())


def minute_match(pred: str | None, truth_iso: str) -> bool:
    """Publish minute: an aware prediction is compared as an instant in Beijing time, a naive one as shown."""
    want = dt.datetime.fromisoformat(truth_iso).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    if not pred:
        return False
    try:
        got = dt.datetime.fromisoformat(str(pred).strip().replace("Z", "+00:00"))
    except ValueError:
        fields = M.parse_date_fields(str(pred))
        return fields is not None and len(fields) == 5 and "{:04d}-{:02d}-{:02d} {:02d}:{:02d}".format(*fields) == want
    if got.tzinfo is not None:
        got = got.astimezone(BEIJING)
    return got.strftime("%Y-%m-%d %H:%M") == want


def score(page: Page, tool: Tool, pred: Pred | None) -> dict[str, Any]:
    t, p = page.truth, pred or Pred()
    body = p.body or ""
    leaks = M.furniture_lines(body, t["body"], t["not_body"], t["attached"])
    first, last = M.paragraph_present(t["first_paragraph"], body), M.paragraph_present(t["last_paragraph"], body)
    rec: dict[str, Any] = {"clean": first and last and not leaks, "f1": round(M.zh_body_prf(body, t["body"]).f1, 4)}
    got: dict[str, Any] = {}
    if "title" in tool.fields:
        rec["title"] = _nfkc(p.title) == _nfkc(t["title"])
        got["title"] = p.title
    if "date" in tool.fields:
        day = M.parse_date_fields(t["published_day"])
        rec["day"] = day is not None and M.date_match(p.date, day, "day")
        if t["published_has_time"] and tool.date_has_time:
            rec["minute"] = minute_match(p.date, t["published_at"])
        got["published_at"] = p.date
    if "source" in tool.fields:
        rec["source"] = (p.source or "") == t["source"]
        got["source"] = p.source
    if "authors" in tool.fields:
        rec["authors"] = M.split_authors(p.authors) == M.split_authors(t["authors"])
        got["authors"] = p.authors
    if "editors" in tool.fields:
        rec["editors"] = list(p.editors or []) == t["editors"]
        got["editors"] = p.editors
    failed = [k for k in FIELDS if rec.get(k) is False]
    if failed:
        want = {"title": t["title"], "published_at": t["published_at"], "source": t["source"], "authors": t["authors"],
                "editors": t["editors"]}  # fmt: skip
        rec["failed"] = failed
        rec["mismatch"] = {k: {"got": got[k], "want": want[k]} for k in got if k in want and _field_of(k) in failed}
        if not rec["clean"]:
            rec["body"] = {"first_present": first, "last_present": last, "leaks": leaks[:8], "chars": len(body)}
    return rec


def _field_of(key: str) -> str:
    return {"published_at": "day"}.get(key, key)


def summarise(recs: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"pages": len(recs)}
    for f in FIELDS:
        vals = [float(r[f]) for r in recs if f in r]
        out[f] = round(sum(vals) / len(vals), 3) if vals else None
    return out


def render(results: dict[str, dict[str, list[dict[str, Any]]]], tools: list[Tool]) -> str:
    families = sorted({fam for by_fam in results.values() for fam in by_fam})
    head = "| family | pages | " + " | ".join(f"{f} {t.name}" for f in FIELDS for t in tools) + " |"
    lines = [head, "|" + "---|" * (2 + len(FIELDS) * len(tools))]
    rows = [(fam, {t.name: summarise(results[t.name][fam]) for t in tools}) for fam in families]
    rows.append(("**all**", {t.name: summarise([r for fam in families for r in results[t.name][fam]]) for t in tools}))
    for fam, s in rows:
        cells = []
        for f in FIELDS:
            for t in tools:
                v = s[t.name][f]
                cells.append("—" if v is None else f"{v:.3f}" if f == "f1" else f"{v:.2f}")
        lines.append(f"| {fam} | {s[tools[0].name]['pages']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-family", type=int, default=10, help="pages per family (default 10)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--family", help="only this family")
    ap.add_argument("--tools", default="lcnews,trafilatura", help="comma-separated: lcnews, trafilatura")
    ap.add_argument("--ours", default="lcnews.extract:extract_article", help="module:function of our extractor")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if args.per_family < 1:
        ap.error("--per-family must be at least 1")
    makers = {"lcnews": lambda: make_ours(args.ours), "trafilatura": make_trafilatura_bytes}
    names = [n.strip() for n in args.tools.split(",") if n.strip()]
    unknown = [n for n in names if n not in makers]
    if unknown or not names:
        ap.error(f"unknown tool(s) {', '.join(unknown) or '(none)'}; known: {', '.join(makers)}")
    block_network()
    logging_quiet()
    warnings.simplefilter("ignore")
    tools = [makers[n]() for n in names]
    pages = load_pages(args.per_family, args.seed, args.family)
    results: dict[str, dict[str, list[dict[str, Any]]]] = {t.name: defaultdict(list) for t in tools}
    failures: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for page in pages:
        for tool in tools:
            pred, _, err = run_tool(tool, page)
            rec = score(page, tool, pred)
            results[tool.name][page.note].append(rec)
            if err or rec.get("failed"):
                failures.append({"page": page.id, "url": page.url, "tool": tool.name, "error": err, **rec})
    table = render(results, tools)
    print(f"portals_eval: {len(pages)} pages, seed {args.seed}, {time.perf_counter() - t0:.1f}s; "
          + ", ".join(f"{t.name} {t.version}" for t in tools))  # fmt: skip
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    summary = {t.name: {fam: summarise(recs) for fam, recs in results[t.name].items()} for t in tools}
    for t in tools:
        summary[t.name]["all"] = summarise([r for recs in results[t.name].values() for r in recs])
    args.out.write_text(json.dumps({"seed": args.seed, "pages": len(pages), "tools": {t.name: t.version for t in tools},
                                    "summary": summary, "failures": failures}, ensure_ascii=False, indent=1),
                        encoding="utf-8")  # fmt: skip
    print(f"per-page failures: {args.out}")
    if args.per_family == 10 and args.seed == 1 and not args.family and args.out == OUT:
        from bench.docs import write_section

        write_section(
            "portals-eval",
            "Extraction on generated third-party pages (`bench/portals_eval.py`)",
            f"{len(pages)} pages of {len(set(p.note for p in pages))} families written in the manner of Chinese "
            "news portals, ministries, city and county sites (`lcnews.testsite.portals`: own text, exact truth; "
            "a generator built apart from the extractor, but by this project, so not a held-out set). Clean: "
            "first and last truth paragraph present and no furniture line; F1: char 4-grams; minute only where "
            "the page shows a time. " + ", ".join(f"{t.name} {t.version}" for t in tools) + ".\n\n" + table,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
