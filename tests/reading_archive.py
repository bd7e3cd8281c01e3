"""A small archive for the reading tests, built in this process (no crawl): the seed-1 replica's
articles as the extractor's truth gives them, their listings (the home page's has no channel), one
edited article with two versions, and fetch times written with ``Z`` as the spider writes them."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from lcnews.db import Archive
from lcnews.items import Article
from lcnews.testsite import build_site

SEED = 1
ARTICLES = 60
FIELDS = {f.name for f in dataclasses.fields(Article)}
EDITED = 0  # index in truth of the article given a second version


def truth() -> list[dict[str, Any]]:
    return [t for t in build_site(n_articles=ARTICLES, seed=SEED).truth if t["reachable"]]


def article(t: dict[str, Any], **changes: Any) -> Article:
    values = {k: v for k, v in t.items() if k in FIELDS}
    values.setdefault("fetched_at", "2025-06-01T08:00:00Z")
    return Article(**{**values, **changes})


def build(path: Path) -> list[dict[str, Any]]:
    """Write the archive at ``path``; returns the truth of its articles (current versions)."""
    rows = truth()
    with Archive(path) as archive:
        archive.write_batch([article(t) for t in rows], seen_at="2025-06-01T08:00:05+00:00")
        entries = [(t["article_id"], "", "https://www.lcxw.cn/") for t in rows[:10]]
        entries += [(t["article_id"], t["channel"], f"https://www.lcxw.cn/{t['channel']}/") for t in rows]
        archive.record_channels(entries, seen_at="2025-06-01T08:00:06+00:00")
        edited = rows[EDITED]
        new_body = edited["body"] + "\n补充：本文已更新。"
        archive.write_batch(
            [article(edited, body=new_body, fetched_at="2025-06-02T09:00:00Z")],
            seen_at="2025-06-02T09:00:05+00:00",
        )
        rows[EDITED] = {**edited, "body": new_body}
    return rows
