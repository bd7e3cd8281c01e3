"""`lcnews history`, `lcnews reextract` and `lcnews rebuild-index`: working on an archive's contents."""

from __future__ import annotations

import json
import sys
import time

import click

from lcnews.cli.common import UserError, check_db, opened, site_profile
from lcnews.outcome import EXIT_ERROR


@click.command()
@click.argument("article_id", type=int)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to read.")
@click.option("--json", "as_json", is_flag=True, help="Print the history as one JSON object.")
def history(article_id: int, db: str, as_json: bool) -> None:
    """Show an article's versions and a readable diff of what changed."""
    from lcnews.history import history as build_history

    dbpath = check_db(db, must_exist=True)
    with opened(dbpath, readonly=True) as archive:
        current = archive.article(article_id)
        if current is None:
            raise UserError(f"article {article_id} is not in {db}")
        versions = archive.versions(article_id)
        channels = archive.channels(article_id)
    changes = build_history(versions, current)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "article_id": article_id,
                    "url": current["url"],
                    "title": current["title"],
                    "version": current["version"],
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
    click.echo("  listed in: " + ", ".join(sorted({c["channel"] for c in channels})))
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


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to rebuild in place.")
@click.option("--profile", type=click.Path(dir_okay=False), help="Site profile TOML.")
def reextract(db: str, profile: str | None) -> None:
    """Re-extract every article from its stored raw page with the current extractor (offline)."""
    from lcnews.reextract import reextract as run_reextract

    prof = site_profile(profile)
    dbpath = check_db(db, must_exist=True)
    started = time.monotonic()
    with opened(dbpath) as archive:
        archive.acquire_run_lock()
        try:
            report = run_reextract(archive, prof)
        finally:
            archive.release_run_lock()
    secs = max(time.monotonic() - started, 1e-6)
    c = report.counts
    click.echo(f"Re-extracted {report.articles} articles in {secs:.1f}s ({report.articles / secs:.0f}/s)")
    click.echo(f"  text changed (new version)  {c['updated']}")
    click.echo(f"  metadata refreshed          {c['refreshed']}")
    click.echo(f"  unchanged                   {c['unchanged']}")
    if report.missing_raw:
        click.echo(f"  no stored page              {len(report.missing_raw)}")
    if report.failed:
        click.echo(f"  failed                      {len(report.failed)}")
    if report.changed_ids:
        shown = ", ".join(map(str, report.changed_ids[:20]))
        click.echo(
            f"  changed ids: {shown}{' ...' if len(report.changed_ids) > 20 else ''}  (see: lcnews history ID --db {db})"
        )
    if report.failed:
        sys.exit(EXIT_ERROR)


@click.command("rebuild-index")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to re-index.")
def rebuild_index(db: str) -> None:
    """Rebuild the full-text search index from the articles table."""
    dbpath = check_db(db, must_exist=True)
    with opened(dbpath) as archive:
        archive.acquire_run_lock()  # a crawl writing meanwhile would wait on the rebuild
        n = archive.rebuild_index()
    click.echo(f"Rebuilt the search index of {dbpath}: {n} article{'s' if n != 1 else ''} indexed")
