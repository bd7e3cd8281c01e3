#!/usr/bin/env python
"""Golden-output guard: proves a change to the extractor's speed changed no extracted field.

Every page of a fixed corpus goes through ``lcnews.extract.assemble.assemble`` (the crawl's and
``reextract``'s step: extraction, script, content hash, SimHash, search index tokens), and every
field of the resulting ``Article`` is recorded. ``--save`` writes the outputs; ``--check`` computes
them again and lists every page and field that differs (exit 1), so an optimisation is proven to be
only that. The corpus, all generated (no evaluation text in the repository):

  replica          ``build_site(n, seed=1)`` (templates a/b and their traps) and ``template="unknown"``
  skins            every named skin of ``lcnews.testsite.SKINS``, ``mixed`` and a few ``random:N``
  portals          ``lcnews.testsite.portals.generate_portal_pages`` (every family)
  eval             with ``--eval``: the pages under ``$LCNEWS_EVAL_DATA`` (outputs kept in bench/out only)

Usage::

  python bench/extract_golden.py --save bench/out/golden.json.gz     # before the change
  python bench/extract_golden.py --check bench/out/golden.json.gz    # after it: identical, or the diff
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GoldenPage = tuple[str, bytes, str, dict[str, str]]  # (id, bytes, url, headers)


def replica_pages(n: int, template: str | None = None, skin: str | None = None) -> Iterator[GoldenPage]:
    from lcnews.testsite import build_site

    kwargs: dict[str, Any] = {}
    if template:
        kwargs["template"] = template
    if skin:
        kwargs["skin"] = skin
    site = build_site(n, 1, **kwargs)
    label = f"skin={skin}" if skin else f"template={template or 'default'}"
    for t in site.truth:
        if not t.get("reachable", True):
            continue
        for _ in range(2):  # the replica fails one page once on purpose
            status, headers, body = site.respond("GET", t["path"])
            if status == 200:
                break
        if status != 200:
            continue
        yield f"{label}:{t['path']}", body, t["url"], {str(k): str(v) for k, v in dict(headers).items()}


def portal_pages(per_family: int) -> Iterator[GoldenPage]:
    from lcnews.testsite.portals import FAMILIES, generate_portal_pages

    for i, p in enumerate(generate_portal_pages(per_family * len(FAMILIES), 1)):
        yield f"portals:{i:04d}-{p.family}", p.html, p.url, dict(p.headers)


def eval_pages() -> Iterator[GoldenPage]:
    from bench.extraction_eval import LOADERS, SuiteUnavailable

    for suite in ("zh-cwced", "magic-zh", "en-zyte"):
        try:
            for page in LOADERS[suite](None):
                yield f"eval:{suite}:{page.id}", page.raw, page.url or "", dict(page.headers or {})
        except SuiteUnavailable as exc:
            print(f"[{suite}] skipped: {exc}", file=sys.stderr)


def corpus(args: argparse.Namespace) -> Iterator[GoldenPage]:
    from lcnews.testsite import SKINS

    yield from replica_pages(args.replica)
    yield from replica_pages(args.replica, template="unknown")
    for skin in [*SKINS, "mixed", *(f"random:{k}" for k in range(args.random_skins))]:
        yield from replica_pages(args.per_skin, skin=skin)
    yield from portal_pages(args.per_family)
    if args.eval:
        yield from eval_pages()


def outputs(args: argparse.Namespace) -> tuple[dict[str, dict[str, Any]], float, int]:
    """page id -> every Article field (JSON-ready); extraction seconds (process time); pages."""
    from lcnews.extract.assemble import assemble
    from lcnews.extract.urls import SiteUrls
    from lcnews.items import RawPage
    from lcnews.site import load_profile

    profile = load_profile(None)
    urls = SiteUrls(profile)
    out: dict[str, dict[str, Any]] = {}
    cpu = 0.0
    for i, (pid, body, url, headers) in enumerate(corpus(args)):
        page = RawPage(url=url, canonical_url=url, article_id=i, channel="", status=200, headers=headers,
                       body=body, fetched_at="")  # fmt: skip
        t0 = time.process_time()
        try:
            article = assemble(page, profile, urls)
        except Exception as exc:  # noqa: BLE001 - a crash is an output too (it must stay the same)
            out[pid] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        finally:
            cpu += time.process_time() - t0
        fields = dataclasses.asdict(dataclasses.replace(article, raw=None))
        fields.pop("raw", None)
        fields["index_text"] = list(fields["index_text"] or ())
        out[pid] = fields
    return out, cpu, len(out)


def digest(fields: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def compare(saved: dict[str, dict[str, Any]], now: dict[str, dict[str, Any]]) -> list[str]:
    problems = []
    for pid in sorted(saved.keys() | now.keys()):
        a, b = saved.get(pid), now.get(pid)
        if a is None or b is None:
            problems.append(f"{pid}: {'new page' if a is None else 'page missing'}")
            continue
        if a == b:
            continue
        for key in sorted(a.keys() | b.keys()):
            if a.get(key) != b.get(key):
                shown_a, shown_b = repr(a.get(key))[:160], repr(b.get(key))[:160]
                problems.append(f"{pid}: {key}: saved {shown_a} now {shown_b}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path, metavar="FILE", help="write the outputs (JSON, gzip if .gz)")
    mode.add_argument("--check", type=Path, metavar="FILE", help="compare with saved outputs; exit 1 on a difference")
    ap.add_argument("--replica", type=int, default=300, help="replica articles (default %(default)s)")
    ap.add_argument("--per-skin", type=int, default=30, help="articles per skin (default %(default)s)")
    ap.add_argument("--random-skins", type=int, default=6, help="random:N skins (default %(default)s)")
    ap.add_argument("--per-family", type=int, default=8, help="portal pages per family (default %(default)s)")
    ap.add_argument("--eval", action="store_true", help="also the evaluation pages ($LCNEWS_EVAL_DATA)")
    args = ap.parse_args(argv)

    now, cpu, n = outputs(args)
    print(f"{n} pages, {cpu:.2f}s process time in assemble ({1000 * cpu / max(1, n):.2f} ms/page)", file=sys.stderr)
    path: Path = args.save or args.check
    opener: Any = gzip.open if path.suffix == ".gz" else open
    if args.save:
        path.parent.mkdir(parents=True, exist_ok=True)
        with opener(path, "wt", encoding="utf-8") as f:
            json.dump({"args": vars(args) | {"save": None}, "pages": now}, f, ensure_ascii=False)
        print(f"saved {n} outputs to {path} (digest {digest(now)[:16]})", file=sys.stderr)
        return 0
    with opener(path, "rt", encoding="utf-8") as f:
        saved = json.load(f)
    saved_args = {k: v for k, v in saved["args"].items() if k not in ("save", "check")}
    if saved_args != {k: v for k, v in vars(args).items() if k not in ("save", "check")}:
        print(f"warning: saved with other sizes {saved_args}", file=sys.stderr)
    problems = compare(saved["pages"], now)
    for line in problems[:60]:
        print(line)
    if problems:
        print(f"{len(problems)} differences over {n} pages", file=sys.stderr)
        return 1
    print(f"identical: {n} pages, every field", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
