"""`lcnews history`, `lcnews reextract` and `lcnews rebuild-index`: working on an archive's contents."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import click

from lcnews.cli.common import UserError, archive_errors, check_db, opened, site_profile
from lcnews.db.api import BatchMap
from lcnews.outcome import EXIT_ERROR

# Bookkeeping timestamps of the archive (UTC); shown in one form, as docs/schema.md states them.
TIMESTAMPS = ("fetched_at", "first_seen_at", "last_seen_at", "updated_at", "replaced_at", "withdrawn_at")


def utc_text(value: Any) -> Any:
    """``2025-03-01T08:00:00Z`` (or any ISO 8601 offset) as ``2025-03-01T08:00:00+00:00``."""
    if not isinstance(value, str) or not value:
        return value
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if when.tzinfo is None:
        return value
    return when.astimezone(dt.UTC).isoformat(timespec="seconds")


def with_utc(row: dict[str, Any]) -> dict[str, Any]:
    return {k: utc_text(v) if k in TIMESTAMPS else v for k, v in row.items()}


def article_id_of(article: str) -> int:
    """An article id from what the user gave: the id, or the article's URL (on the site or a mirror)."""
    text = article.strip()
    if text.isdigit():
        return int(text)
    path = urlsplit(text).path if "://" in text else text
    prof = site_profile(None)
    for rx in (prof.article_re, *prof.legacy_article_res):
        m = rx.match(path)
        if m:
            return int(m.group("id"))
    raise UserError(
        f"{article!r} is neither an article id nor an article URL "
        f"(like {prof.origin.rstrip('/')}/yaowen/20250101/123456.html)"
    )


def listed_in(channels: list[dict[str, Any]]) -> str:
    """``home page, rexian 热线, yaowen/shendu 深度``: where the article was listed (the home page's
    listing has no channel)."""
    names = site_profile(None).channel_names
    slugs = sorted({c["channel"] for c in channels})
    shown = ["home page" if not s else f"{s} {names[s]}" if s in names else s for s in slugs]
    return ", ".join(shown) if shown else "(no listing recorded)"


@click.command()
@click.argument("article", metavar="ARTICLE")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to read.")
@click.option("--json", "as_json", is_flag=True, help="Print the history as one JSON object.")
def history(article: str, db: str, as_json: bool) -> None:
    """Show an article's versions and a readable diff of what changed (ARTICLE: its id or URL)."""
    from lcnews.history import history as build_history

    article_id = article_id_of(article)
    dbpath = check_db(db, must_exist=True)
    with opened(dbpath, readonly=True) as archive:
        found = archive.article(article_id)
        if found is None:
            raise UserError(f"article {article_id} is not in {db}")
        current = with_utc(found)
        versions = [with_utc(v) for v in archive.versions(article_id)]
        channels = [with_utc(c) for c in archive.channels(article_id)]
    changes = build_history(versions, current)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "article_id": article_id,
                    "url": current["url"],
                    "title": current["title"],
                    "version": current["version"],
                    "first_seen_at": current.get("first_seen_at"),
                    "last_seen_at": current.get("last_seen_at"),
                    "withdrawn_at": current.get("withdrawn_at"),
                    "channels": channels,
                    "changes": changes,
                },
                ensure_ascii=False,
            )
        )
        return
    click.secho(f"{article_id}  {current['title']}", bold=True)
    click.echo(f"  {current['url']}")
    click.echo(
        f"  version {current['version']}, first seen {current.get('first_seen_at')}, "
        f"last seen {current.get('last_seen_at')}"
    )
    if current.get("withdrawn_at"):
        click.secho(
            f"  withdrawn: the page answered {current.get('withdrawn_status')} on {current['withdrawn_at']}", fg="red"
        )
    click.echo("  listed in: " + listed_in(channels))
    if not changes:
        click.echo("  no earlier versions")
    for change in changes:
        click.secho(
            f"\n== version {change['from_version']} -> {change['to_version']} (replaced {change['replaced_at']})",
            bold=True,
        )
        for line in change["meta_changes"]:
            click.echo(f"  {line}")
        click.echo(change["diff"])


def _workers_option(what: str) -> Any:
    return click.option(
        "--workers",
        type=click.IntRange(min=0),
        default=None,
        help=f"Worker processes {what} (default: one per CPU core; 0: in this process).",
    )


def _progress_option() -> Any:
    return click.option(
        "--progress/--no-progress", default=None, help="Progress bar on stderr (default: on a terminal)."
    )


@contextlib.contextmanager
def _batch_map(workers: int | None, label: str, show: bool, total: int) -> Iterator[tuple[BatchMap, Any]]:
    """An ordered map over ``workers`` processes (the builtin map for 0) and a progress bar whose
    ``update(done)`` the caller calls; both closed on leaving."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from lcnews.pipelines.workerpool import PoolMap

    n = (os.cpu_count() or 1) if workers is None else workers
    bar = Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), disable=not show, transient=False
    )
    task = bar.add_task(label, total=total)
    with bar, PoolMap(n) if n > 0 else contextlib.nullcontext(map) as batch_map:
        yield batch_map, lambda done: bar.update(task, completed=done)


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to rebuild in place.")
@click.option("--profile", type=click.Path(dir_okay=False), help="Site profile TOML.")
@_workers_option("extracting the pages")
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=200, show_default=True, help="Articles per committed batch."
)
@click.option("--restart", is_flag=True, help="Start over instead of continuing a re-extraction that was stopped.")
@_progress_option()
def reextract(
    db: str, profile: str | None, workers: int | None, batch_size: int, restart: bool, progress: bool | None
) -> None:
    """Re-extract every article from its stored raw page with the current extractor (offline).

    Runs on all cores and commits every batch: stopped or killed, it continues where it stopped
    when started again (use --restart to start over)."""
    from lcnews.reextract import reextract as run_reextract

    prof = site_profile(profile)
    dbpath = check_db(db, must_exist=True)
    show = sys.stderr.isatty() if progress is None else progress
    started = time.monotonic()
    with opened(dbpath) as archive:
        archive.acquire_run_lock()
        try:
            total = len(archive.known_articles())
            with _batch_map(workers, "re-extracting", show, total) as (batch_map, update):
                report = run_reextract(
                    archive,
                    prof,
                    batch_size=batch_size,
                    batch_map=batch_map,
                    restart=restart,
                    progress=lambda done, _total: update(done),
                )
        finally:
            archive.release_run_lock()
    secs = max(time.monotonic() - started, 1e-6)
    c = report.counts
    if report.resumed_after is not None:
        click.echo(
            f"Continued a re-extraction stopped after article {report.resumed_after} "
            f"({report.resumed_done} of {report.total} articles were done)"
        )
    click.echo(f"Re-extracted {report.articles} articles in {secs:.1f}s ({report.articles / secs:.0f}/s)")
    click.echo(f"  text changed (new version)  {c['updated']}")
    click.echo(f"  metadata refreshed          {c['refreshed']}")
    click.echo(f"  unchanged                   {c['unchanged']}")
    if report.missing_total:
        click.echo(f"  no stored page              {report.missing_total}")
    if report.failed_total:
        click.echo(f"  failed                      {report.failed_total}")
    if report.retried:
        click.echo(f"  pages that gave no article  {report.retried} retried, {len(report.recovered)} archived now")
    if report.changed_ids:
        shown = ", ".join(map(str, report.changed_ids[:20]))
        click.echo(
            f"  changed ids: {shown}{' ...' if len(report.changed_ids) > 20 else ''}  (see: lcnews history ID --db {db})"
        )
    if report.failed_total:
        sys.exit(EXIT_ERROR)


@click.command("rebuild-index")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to re-index.")
@_workers_option("computing the index rows")
@_progress_option()
def rebuild_index(db: str, workers: int | None, progress: bool | None) -> None:
    """Rebuild the full-text search index from the articles table."""
    dbpath = check_db(db, must_exist=True)
    show = sys.stderr.isatty() if progress is None else progress
    with opened(dbpath) as archive:
        archive.acquire_run_lock()  # a crawl writing meanwhile would wait on the rebuild
        total = len(archive.known_articles())
        with _batch_map(workers, "indexing", show, total) as (batch_map, update):
            done = 0

            def counted(func: Any, items: Any) -> Iterator[Any]:
                nonlocal done
                for out in batch_map(func, items):
                    done += len(out)
                    update(done)
                    yield out

            n = archive.rebuild_index(batch_map=counted)
    click.echo(f"Rebuilt the search index of {dbpath}: {n} article{'s' if n != 1 else ''} indexed")


@click.command()
@click.option("--from", "source", required=True, type=click.Path(dir_okay=False), help="SQLite archive to copy from.")
@click.option("--to", "target", required=True, metavar="postgresql://…", help="PostgreSQL archive to copy into.")
def sync(source: str, target: str) -> None:
    """Copy a SQLite archive into a PostgreSQL archive: incremental, idempotent, history included."""
    from lcnews.db import is_server_url

    if not is_server_url(target):
        raise UserError(f"--to takes a PostgreSQL archive URL (postgresql://user:password@host/db), not {target!r}")
    source_path = check_db(source, must_exist=True)
    check_db(target)
    from lcnews.db.pg.sync import sync as run_sync
    from lcnews.db.urls import redact

    started = time.monotonic()
    with archive_errors():
        report = run_sync(source_path, target)
    click.echo(f"Synced {source_path} into {redact(target)} in {time.monotonic() - started:.1f}s")
    click.echo(f"  articles   {report.articles_new} new, {report.articles_updated} updated (new versions), "
               f"{report.articles_refreshed} seen again")  # fmt: skip
    click.echo(f"  versions   {report.versions} earlier versions copied")
    click.echo(f"  raw pages  {report.raw_pages} copied")
    click.echo(f"  runs       {report.runs} crawl runs copied")
    if report.conflicts:
        shown = ", ".join(map(str, report.conflict_ids[:20]))
        click.secho(
            f"  conflicts  {report.conflicts}: the server has other text at the same version (left as it is): {shown}",
            fg="yellow",
        )
    if not report.changed:
        click.echo("  nothing new since the last sync")
