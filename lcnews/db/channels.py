"""Channels as a reader names them: a slug (``yaowen/shendu``) or its Chinese name (``深度``).

The slugs are the archive's own (``articles.channel`` and the listings of ``article_channels``) and
the site profile's; the Chinese names come from the site profile (``[[channels]]`` name and aliases).
``resolve`` turns what a user typed into a slug, or raises ``QueryError`` listing the channels: a
channel the archive does not know is an error, never a silent zero.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Mapping

from lcnews.db.errors import QueryError
from lcnews.site import ProfileError, load_profile


@functools.lru_cache(maxsize=4)
def _profile(path: str | None) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    try:
        profile = load_profile(path)
    except ProfileError:
        return {}, {}
    names = {c.slug: c.name for c in profile.channels}
    by_name: dict[str, list[str]] = {}
    for c in profile.channels:
        for name in (c.name, *c.aliases):
            if name:
                by_name.setdefault(name, []).append(c.slug)
    return names, {k: tuple(v) for k, v in by_name.items()}


def channel_names(profile_path: str | None = None) -> dict[str, str]:
    """slug → Chinese name of every channel of the site profile (default: the configured one)."""
    return dict(_profile(profile_path)[0])


def archive_channels(conn: sqlite3.Connection) -> dict[str, int]:
    """slug → number of articles whose own URL is in that channel (listing-only channels: 0)."""
    counts = {ch: n for ch, n in conn.execute("SELECT channel, count(*) FROM articles GROUP BY channel") if ch}
    for (ch,) in conn.execute("SELECT DISTINCT channel FROM article_channels"):
        if ch:
            counts.setdefault(ch, 0)
    return counts


def _in_archive(conn: sqlite3.Connection, slug: str) -> bool:
    prefix = slug + "/"
    sql = "SELECT 1 FROM {t} WHERE channel = ? OR substr(channel, 1, ?) = ? LIMIT 1"
    args = [slug, len(prefix), prefix]
    return any(conn.execute(sql.format(t=t), args).fetchone() for t in ("articles", "article_channels"))


def describe(conn: sqlite3.Connection, profile_path: str | None = None) -> str:
    """The archive's channels for a message, each with its name and its articles (sub-channels
    included, by their own URL): ``yaowen 要闻 (20), yaowen/shendu 深度 (4), ...``."""
    return describe_counts(archive_channels(conn), profile_path)


def describe_counts(own: Mapping[str, int], profile_path: str | None = None) -> str:
    """``describe`` from slug → own article counts (any backend's ``archive_channels``)."""
    names = channel_names(profile_path)
    total = {s: sum(n for t, n in own.items() if t == s or t.startswith(s + "/")) for s in own}
    return ", ".join(f"{slug}{' ' + names[slug] if slug in names else ''} ({n})" for slug, n in sorted(total.items()))


def resolve(conn: sqlite3.Connection, channel: str | None, profile_path: str | None = None) -> str | None:
    """The slug a user means by ``channel`` (a slug of the archive or the profile, or a Chinese
    name); None for no channel. ``QueryError`` lists the channels when it names none of them."""

    def known(slug: str) -> bool:
        try:
            return _in_archive(conn, slug)
        except sqlite3.Error:
            return True  # not an lcnews archive: the query itself will say so

    return resolve_with(channel, known, lambda: archive_channels(conn), profile_path)


def resolve_with(
    channel: str | None,
    in_archive: Callable[[str], bool],
    counts: Callable[[], Mapping[str, int]],
    profile_path: str | None = None,
) -> str | None:
    """``resolve`` for any backend: ``in_archive(slug)`` says whether the archive has articles or
    listings of that slug or its sub-channels; ``counts()`` is its ``archive_channels``."""
    if channel is None or not str(channel).strip():
        return None
    text = str(channel).strip().strip("/")
    names, by_name = _profile(profile_path)
    if text in names:
        return text
    slugs = by_name.get(text, ())
    if len(slugs) == 1:
        return slugs[0]
    if len(slugs) > 1:
        raise QueryError(f"channel name {text!r} is ambiguous: it names {', '.join(slugs)}; give the slug")
    if in_archive(text):
        return text
    raise QueryError(
        f"unknown channel {channel!r}. Channels of this archive (slug, name, articles): "
        f"{describe_counts(counts(), profile_path)}. "
        "Give a slug or its Chinese name; a channel includes its sub-channels (yaowen: yaowen/shendu too)."
    )
