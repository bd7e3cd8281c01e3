"""The reading room's pieces (no Datasette import): an article row as a page, excerpts, labels.

``article_view`` turns an ``articles`` row into what the article page shows: headline, meta line
(time, source, authors, correspondents, photographers), editors, channel name in Chinese, the body
as paragraphs, images with captions, the live URL, the versions and a citation line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

EXCERPT_CHARS = 140
HASH_CHARS = 12

# Columns of ``articles`` shown in the table by default (the reading columns); the others are one
# click away ("show every column") and always in the CSV and JSON.
READING_COLUMNS = ("article_id", "published_at", "channel", "title", "source", "authors", "body", "url")


def json_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if not isinstance(value, str) or not value:
        return []
    try:
        out = json.loads(value)
    except ValueError:
        return []
    return out if isinstance(out, list) else []


def excerpt(text: str | None, width: int = EXCERPT_CHARS) -> str:
    """The opening of a body, paragraphs run together, cut at ``width`` characters with an ellipsis."""
    flat = " ".join(p.strip() for p in (text or "").splitlines() if p.strip())
    return flat if len(flat) <= width else flat[:width].rstrip() + "…"


def paragraphs(body: str | None) -> list[str]:
    """The body's paragraphs (one per line, docs/CONTRACTS.md)."""
    return [p.strip() for p in (body or "").splitlines() if p.strip()]


def channel_label(slug: str | None, names: Mapping[str, str]) -> str:
    """``要闻 › 深度`` for ``yaowen/shendu``: the Chinese names of the slug and its parents that the
    site profile knows (empty when it knows none)."""
    if not slug:
        return ""
    parts = slug.split("/")
    known = [names[p] for p in ("/".join(parts[: i + 1]) for i in range(len(parts))) if p in names]
    return " › ".join(known)


def short_hash(value: Any) -> str:
    text = str(value or "")
    return text[:HASH_CHARS] + "…" if len(text) > HASH_CHARS else text


def article_view(
    row: Mapping[str, Any], *, names: Mapping[str, str], versions: int, site: str, versions_url: str
) -> dict[str, Any]:
    """What the article page shows of one ``articles`` row (see the module docstring)."""
    published = str(row.get("published_at") or "")
    when = published[:16].replace("T", " ") if published else ""
    authors = [str(a) for a in json_list(row.get("authors"))]
    credits = [
        ("记者", authors),
        ("通讯员", [str(a) for a in json_list(row.get("correspondents"))]),
        ("摄影", [str(a) for a in json_list(row.get("photographers"))]),
    ]
    images = [
        {"src": str(i.get("src") or ""), "caption": str(i.get("caption") or "")}
        for i in json_list(row.get("images"))
        if isinstance(i, dict) and i.get("src")
    ]
    breadcrumb = [str(c) for c in json_list(row.get("channel_names"))]
    label = channel_label(row.get("channel"), names) or " › ".join(breadcrumb)
    version = row.get("version") or 1
    title = str(row.get("title") or "")
    archived = row.get("updated_at") or row.get("first_seen_at") or ""
    citation = (
        f"《{title}》, {site}, {when[:10] or 'undated'}. {row.get('url')} "
        f"(archived {archived}, version {version}{' of ' + str(versions) if versions > 1 else ''})"
    )
    return {
        "article_id": row.get("article_id"),
        "title": title,
        "published_at": published,
        "when": when,
        "source": str(row.get("source") or ""),
        "credits": [(label_, people) for label_, people in credits if people],
        "editors": [str(e) for e in json_list(row.get("editors"))],
        "channel": row.get("channel") or "",
        "channel_label": label,
        "paragraphs": paragraphs(row.get("body")),
        "images": images,
        "url": row.get("url") or "",
        "version": version,
        "versions": versions,
        "versions_url": versions_url,
        "first_seen_at": row.get("first_seen_at") or "",
        "updated_at": row.get("updated_at") or "",
        "withdrawn_at": row.get("withdrawn_at") or "",
        "withdrawn_status": row.get("withdrawn_status"),
        "citation": citation,
    }
