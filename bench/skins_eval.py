#!/usr/bin/env python
"""Extraction on the replica's skins: every article page of every skin, every field, per skin.

Each skin (``lcnews.testsite.SKINS``, plus ``random:1..K`` drawn skins that no one has looked at) is
built with ``build_site(n_articles, seed, skin=...)``; every article page is extracted with the public
``lcnews.extract.extract_article(bytes, url=..., headers=...)`` and compared with the replica's truth:

  coverage      share of pages extracted without an exception and with a non-empty body
  title, time, source, authors, corr., photo., editors
                exact match (published_at as the ISO string; name fields as exact lists)
  body F1       mean char-4-gram F1 (bench/metrics.py); body exact: share of bodies equal to the truth
  furniture     pages whose body has a line of page furniture (bench/metrics.py ``leaked_lines``)

Usage::

  python bench/skins_eval.py                      # all named skins + random:1..4, 40 articles each
  python bench/skins_eval.py --skins dede-city,trs-wcm --articles 100 --random 0
  python bench/skins_eval.py --no-write           # print only

Writes per-skin figures and per-page failures (field, got, want; body F1, furniture lines, missing
and extra body lines) to ``bench/out/skins_eval.json``. The thresholds of issue 8 are in
:data:`THRESHOLDS`; ``tests/test_extract_skins.py`` asserts them per skin.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import metrics as M  # noqa: E402
from lcnews.extract import extract_article  # noqa: E402
from lcnews.testsite import SKINS, build_site  # noqa: E402
from lcnews.testsite.skins import check_skin, get_skin  # noqa: E402

OUT = ROOT / "bench" / "out" / "skins_eval.json"
EXACT = ("title", "published_at", "source", "authors", "correspondents", "photographers", "editors")
# Issue 8, "Done when": each markup separately.
THRESHOLDS: dict[str, float] = {
    "coverage": 1.0,
    "title": 0.98,
    "published_at": 1.0,
    "source": 0.95,
    "authors": 0.90,
    "editors": 0.90,
    "body_f1": 0.97,
}


@dataclass
class PageResult:
    path: str
    extracted: bool
    fields: dict[str, bool]
    body_f1: float
    body_exact: bool
    leaked: list[str]
    failures: dict[str, dict[str, Any]] = field(default_factory=dict)
    missing_lines: list[str] = field(default_factory=list)
    extra_lines: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class SkinReport:
    skin: str
    family: str
    pages: list[PageResult]

    def rate(self, key: str) -> float:
        if not self.pages:
            return 0.0
        if key == "coverage":
            return sum(p.extracted for p in self.pages) / len(self.pages)
        if key == "body_f1":
            return sum(p.body_f1 for p in self.pages) / len(self.pages)
        if key == "body_exact":
            return sum(p.body_exact for p in self.pages) / len(self.pages)
        return sum(p.fields[key] for p in self.pages) / len(self.pages)

    def furniture_pages(self) -> list[PageResult]:
        return [p for p in self.pages if p.leaked]

    def failing(self, key: str, limit: int = 3) -> list[dict[str, Any]]:
        """A few failing pages for ``key`` (for assertion messages)."""
        out = []
        for p in self.pages:
            if key in p.failures:
                out.append({"path": p.path, **p.failures[key]})
            elif key == "body_f1" and p.body_f1 < 1.0:
                out.append(
                    {
                        "path": p.path,
                        "f1": round(p.body_f1, 3),
                        "missing": p.missing_lines[:2],
                        "extra": p.extra_lines[:2],
                    }
                )
            elif key == "coverage" and not p.extracted:
                out.append({"path": p.path, "error": p.error})
            if len(out) >= limit:
                break
        return out

    def summary(self) -> dict[str, Any]:
        keys = ("coverage", *EXACT, "body_f1", "body_exact")
        return {
            "skin": self.skin,
            "family": self.family,
            "pages": len(self.pages),
            **{k: round(self.rate(k), 4) for k in keys},
            "furniture_pages": len(self.furniture_pages()),
        }


def _fetch(site: Any, path: str) -> tuple[dict[str, str], bytes]:
    for _ in range(2):  # the replica fails one page once on purpose
        status, headers, body = site.respond("GET", path)
        if status == 200:
            return headers, body
    raise RuntimeError(f"{path}: status {status}")


def score_page(truth: dict[str, Any], headers: dict[str, str], body: bytes) -> PageResult:
    try:
        got = extract_article(body, url=truth["url"], headers=headers)
    except Exception as exc:  # noqa: BLE001 - a crash is a coverage failure of that page, not of the run
        err = "".join(traceback.format_exception_only(exc)).strip()
        return PageResult(truth["path"], False, dict.fromkeys(EXACT, False), 0.0, False, [], error=err)
    fields: dict[str, bool] = {}
    failures: dict[str, dict[str, Any]] = {}
    for key in EXACT:
        value = getattr(got, key)
        value = list(value) if isinstance(value, (list, tuple)) else value
        fields[key] = value == truth[key]
        if not fields[key]:
            failures[key] = {"got": value, "want": truth[key]}
    pred, want = got.body or "", truth["body"]
    got_lines = set(pred.split("\n"))
    return PageResult(
        path=truth["path"],
        extracted=bool(pred.strip()),
        fields=fields,
        body_f1=M.zh_body_prf(pred, want).f1,
        body_exact=pred == want,
        leaked=M.leaked_lines(pred, want),
        failures=failures,
        missing_lines=[x for x in want.split("\n") if x not in got_lines],
        extra_lines=M.extra_lines(pred, want),
    )


def evaluate_skin(skin: str, n_articles: int = 40, seed: int = 1) -> SkinReport:
    site = build_site(n_articles, seed, skin=skin)
    pages = []
    for truth in site.truth:
        if truth["status"] != 200:
            continue
        headers, body = _fetch(site, truth["path"])
        pages.append(score_page(truth, headers, body))
    family = "mixed" if skin == "mixed" else get_skin(skin).family
    return SkinReport(skin, family, pages)


COLUMNS = [
    ("skin", "skin", 14),
    ("family", "family", 14),
    ("pages", "pages", 5),
    ("coverage", "cov", 5),
    ("title", "title", 5),
    ("published_at", "time", 5),
    ("source", "src", 5),
    ("authors", "auth", 5),
    ("correspondents", "corr", 5),
    ("photographers", "photo", 5),
    ("editors", "edit", 5),
    ("body_f1", "bodyF1", 6),
    ("body_exact", "exact", 5),
    ("furniture_pages", "furn", 4),
]


def table(rows: list[dict[str, Any]]) -> str:
    def cell(row: dict[str, Any], key: str, width: int) -> str:
        v = row[key]
        text = f"{v:.3f}" if isinstance(v, float) else str(v)
        return text.ljust(width) if key in ("skin", "family") else text.rjust(width)

    head = " ".join(name.ljust(w) if k in ("skin", "family") else name.rjust(w) for k, name, w in COLUMNS)
    lines = [head, "-" * len(head)]
    lines += [" ".join(cell(r, k, w) for k, _, w in COLUMNS) for r in rows]
    return "\n".join(lines)


def passes(report: SkinReport) -> bool:
    return all(report.rate(k) >= v for k, v in THRESHOLDS.items()) and not report.furniture_pages()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--skins", default="", help="comma-separated skin names (default: every named skin)")
    ap.add_argument("--random", type=int, default=4, metavar="K", help="also evaluate random:1..K (default 4)")
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-write", action="store_true", help="print only; do not write bench/out/skins_eval.json")
    args = ap.parse_args(argv)
    names = [s for s in args.skins.split(",") if s] or list(SKINS)
    names += [f"random:{k}" for k in range(1, args.random + 1)]
    try:
        for name in names:
            check_skin(name)
        if not 10 <= args.articles <= 50_000:
            raise ValueError("--articles must be between 10 and 50,000")
    except ValueError as exc:
        ap.error(str(exc))
    reports = [evaluate_skin(name, args.articles, args.seed) for name in names]
    rows = [r.summary() for r in reports]
    print(table(rows))
    passed = [r.skin for r in reports if passes(r)]
    print(
        f"\n{len(passed)} of {len(reports)} skins meet every threshold of issue 8"
        + (f": {', '.join(passed)}" if passed else "")
    )
    if not args.no_write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        doc = {
            "run": {
                "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "articles": args.articles,
                "seed": args.seed,
                "thresholds": THRESHOLDS,
            },
            "skins": {
                r.skin: {
                    **r.summary(),
                    "passes": passes(r),
                    "failures": [asdict(p) for p in r.pages if p.failures or p.leaked or not p.body_exact or p.error],
                }
                for r in reports
            },
        }
        OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
        print(f"per-page failures: {OUT.relative_to(ROOT)}")
        if not args.skins and args.random == 4 and args.articles == 40 and args.seed == 1:
            from bench.docs import write_section

            write_section(
                "skins-eval",
                "Extraction on the replica's skins (`bench/skins_eval.py`)",
                f"Run {doc['run']['date']} · lcnews extractor on every page of {len(reports)} skins of the "
                "replica (markups of other Chinese CMSs, none known to the extractor or the profile), "
                f"{args.articles} articles each, seed {args.seed}. Thresholds of issue 8: {THRESHOLDS}; "
                f"furniture pages must be 0. {len(passed)} of {len(reports)} skins meet every one.\n\n"
                "```\n" + table(rows) + "\n```",
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
