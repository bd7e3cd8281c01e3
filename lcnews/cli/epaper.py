"""`lcnews epaper`: the print editions (聊城日报, 聊城晚报) from the e-paper, by date range, into an archive."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from lcnews.cli.common import UserError, check_db, checked_base_url, site_profile
from lcnews.cli.crawl import _probe
from lcnews.outcome import CrawlOutcome
from lcnews.runner import run_crawl
from lcnews.spiders.epaper import beijing_today


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{name} {value!r} is not a date: use YYYY-MM-DD") from None


def epaper_summary(outcome: CrawlOutcome, db: str) -> None:
    s = outcome.stats
    click.echo(
        f"\nE-paper crawl finished in {outcome.seconds:.1f}s ({s.get('finish_reason', '?')}), "
        f"run #{s.get('lcnews/run_id', '?')}"
    )
    click.echo(f"  pages fetched      {outcome.count('response_received_count')}"
               f" ({outcome.count('lcnews/pages/layout')} layout, {outcome.count('lcnews/pages/article')} article)")  # fmt: skip
    click.echo(
        f"  print articles     {outcome.count('lcnews/items/archived')} new, {outcome.count('lcnews/items/updated')} updated,"
        f" {outcome.count('lcnews/items/unchanged') + outcome.count('lcnews/items/refreshed')} unchanged"
    )
    click.echo(
        f"  editions           {outcome.count('lcnews/items/editions')} recorded,"
        f" {outcome.count('lcnews/epaper/missing_days')} days without an edition"
    )
    skipped = {k.removeprefix("lcnews/skip/"): v for k, v in s.items() if k.startswith("lcnews/skip/")}
    if skipped:
        click.echo("  skipped            " + ", ".join(f"{k}: {v}" for k, v in sorted(skipped.items())))
    if outcome.drops:
        click.echo("  dropped            " + ", ".join(f"{k}: {v}" for k, v in sorted(outcome.drops.items())))
    click.echo(f"  print↔web links    {outcome.count('lcnews/epaper/web_links')} new")
    click.echo(f"  errors             {outcome.errors}")
    click.echo(f"  archive            {db}")


def run_epaper(
    db: str,
    since: dt.date,
    until: dt.date | None,
    papers: list[str],
    base_url: str | None,
    profile: str | None,
    extra: dict[str, Any],
    progress: bool,
    verbose: bool = False,
) -> CrawlOutcome:
    overrides: dict[str, Any] = {
        "LCNEWS_DB_PATH": db,
        "LCNEWS_EPAPER_SINCE": since.isoformat(),
        "LCNEWS_EPAPER_UNTIL": until.isoformat() if until else "",
        "LCNEWS_EPAPER_PAPERS": papers,
        "LOG_LEVEL": "INFO" if verbose else "WARNING",
        **extra,
    }
    if base_url:
        overrides["LCNEWS_EPAPER_BASE_URL"] = base_url
    if profile:
        overrides["LCNEWS_SITE_PROFILE"] = profile
    return run_crawl(overrides, progress=progress, spider="epaper")


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to create or update (SQLite).")
@click.option("--since", required=True, metavar="YYYY-MM-DD", help="First edition date.")
@click.option("--until", metavar="YYYY-MM-DD", help="Last edition date (default: today, Beijing time).")
@click.option(
    "--paper", "papers", multiple=True, help="Only this paper: lcrb (聊城日报) or lcwb (聊城晚报); repeatable."
)
@click.option("--base-url", help="Another origin for the e-paper (a mirror, the replica), e.g. http://127.0.0.1:8000.")
@click.option("--profile", type=click.Path(dir_okay=False), help="Site profile TOML (default: the bundled one).")
@click.option("--full", is_flag=True, help="Fetch every day and article again, not only new ones.")
@click.option(
    "--revisit-days",
    type=click.IntRange(min=0),
    default=None,
    help="Walk again the layout pages of the last N days before each paper's newest archived edition.",
)
@click.option("--progress/--no-progress", default=None, help="Live progress display (default: on a terminal).")
@click.option("-v", "--verbose", is_flag=True, help="Log Scrapy's INFO messages.")
def epaper(
    db: str,
    since: str,
    until: str | None,
    papers: tuple[str, ...],
    base_url: str | None,
    profile: str | None,
    full: bool,
    revisit_days: int | None,
    progress: bool | None,
    verbose: bool,
) -> None:
    """Archive the print editions (数字报) from --since to --until, page by page."""
    prof = site_profile(profile)
    if prof.epaper is None:
        raise UserError("the site profile has no [epaper] section")
    first = _date(since, "--since")
    last = _date(until, "--until")
    assert first is not None
    if last is not None and last < first:
        raise UserError(f"--until {last} is before --since {first}")
    if first > beijing_today():
        raise UserError(f"--since {first} is in the future (today is {beijing_today()} in Beijing)")
    known = {p.key for p in prof.epaper.papers}
    for p in papers:
        if p not in known:
            raise UserError(f"unknown paper {p!r}: use {' or '.join(sorted(known))}")
    base_url = checked_base_url(base_url)
    extra: dict[str, Any] = {"LCNEWS_FULL": full}
    if revisit_days is not None:
        extra["LCNEWS_EPAPER_REVISIT_DAYS"] = revisit_days
    dbpath = check_db(db)
    if dbpath.startswith("postgresql"):
        raise UserError("the print editions are archived in a SQLite file (--db PATH)")
    _probe(base_url or prof.epaper.origin)
    show = sys.stderr.isatty() if progress is None else progress
    outcome = run_epaper(dbpath, first, last, list(papers), base_url, profile, extra, show, verbose)
    epaper_summary(outcome, dbpath)
    sys.exit(outcome.exit_code)
