"""Row helpers shared by the archive's modules: timestamps, items as dicts, JSON columns decoded."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from lcnews.db import schema


def now_iso() -> str:
    """The archive's bookkeeping time: UTC, ISO 8601, whole seconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def as_dict(obj: Any) -> dict[str, Any]:
    """A dataclass item (``Article``, ``RawPage``) or a mapping as a plain dict."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return dict(obj)
    raise TypeError(f"expected a dataclass or a mapping, not {type(obj).__name__}")


def decode(row: dict[str, Any]) -> dict[str, Any]:
    """An ``articles``/``article_versions`` row with its JSON columns as lists and dicts."""
    for name in schema.json_fields():
        if isinstance(row.get(name), str):
            row[name] = json.loads(row[name])
    return row
