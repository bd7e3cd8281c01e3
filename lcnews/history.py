"""Readable history of an archived article: its versions and what changed between them (pure)."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Mapping, Sequence
from typing import Any

# Fields compared between versions besides the text.
META_FIELDS = ("published_at", "source", "authors", "correspondents", "photographers", "editors")


def text_diff(old: Mapping[str, Any], new: Mapping[str, Any], *, context: int = 1) -> str:
    """A unified diff of title and body (one paragraph per line) from `old` to `new`."""

    def lines(row: Mapping[str, Any]) -> list[str]:
        return [f"# {row.get('title') or ''}", *((row.get("body") or "").splitlines())]

    label_old = f"version {old.get('version', '?')} ({old.get('fetched_at') or old.get('first_seen_at') or '?'})"
    label_new = f"version {new.get('version', '?')} ({new.get('fetched_at') or new.get('last_seen_at') or '?'})"
    diff = difflib.unified_diff(lines(old), lines(new), fromfile=label_old, tofile=label_new, n=context, lineterm="")
    return "\n".join(diff)


def meta_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    return [f"{name}: {old.get(name)!r} -> {new.get(name)!r}" for name in META_FIELDS if old.get(name) != new.get(name)]


def history(versions: Sequence[Mapping[str, Any]], current: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One entry per change, oldest first: the two versions' numbers, hashes and the diff."""
    chain = [*versions, current]
    out = []
    for old, new in itertools.pairwise(chain):
        out.append(
            {
                "from_version": old.get("version"),
                "to_version": new.get("version"),
                "replaced_at": old.get("replaced_at"),
                "from_hash": old.get("content_hash"),
                "to_hash": new.get("content_hash"),
                "meta_changes": meta_changes(old, new),
                "diff": text_diff(old, new),
            }
        )
    return out
