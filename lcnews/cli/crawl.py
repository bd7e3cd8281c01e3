"""`lcnews crawl` and `lcnews demo`: a crawl of the site (or the offline replica) into an archive."""

from __future__ import annotations

import socket
import sys
import urllib.parse
from pathlib import Path
from typing import Any

import click

from lcnews.cli.common import UserError, check_db, checked_base_url, site_profile
from lcnews.cli.search import print_search
from lcnews.db.urls import redact
from lcnews.outcome import CrawlOutcome
from lcnews.runner import run_crawl
from lcnews.site import SiteProfile


def _probe(base_url: str, timeout: float = 15.0) -> None:
    """Fail early, with one message, when the base URL's host does not accept connections.

    A TCP connection only: no HTTP request is spent (the crawl itself reads robots.txt first).
    """
    parts = urllib.parse.urlsplit(base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=timeout):
            return
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise UserError(f"cannot reach {base_url}: {reason}") from None


def _validate_channels(prof: SiteProfile, channels: tuple[str, ...]) -> list[str]:
    from lcnews.extract.urls import valid_slug

    known = {c.slug for c in prof.channels}
    out = []
    for raw in channels:
        for slug in (s.strip().strip("/") for s in raw.split(",")):
            if not slug:
                continue
            if not valid_slug(slug) or slug not in known:
                raise UserError(
                    f"unknown channel {slug!r}. Known channels: {', '.join(sorted(known))}. "
                    f"Add it to the site profile's [[channels]] if the site has it."
                )
            out.append(slug)
    return out


def _frontier(url: str, name: str, db: str) -> dict[str, Any]:
    """The settings of a worker of the shared crawl ``name`` on the Redis at ``url``, checked now."""
    from lcnews.db import is_server_url
    from lcnews.frontier import is_frontier_url

    if not is_frontier_url(url):
        raise UserError(f"--frontier takes a Redis URL (redis://HOST:PORT/DB), not {url!r}")
    if not is_server_url(db):
        raise UserError(
            "a shared crawl's workers write to one PostgreSQL archive: give --db postgresql://user:password@host/db "
            "(move an existing SQLite archive there with lcnews sync)"
        )
    if not name or any(c.isspace() or c == ":" for c in name):
        raise UserError(f"--frontier-name must be one word without ':' (got {name!r})")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except ImportError:
        raise UserError("a shared crawl needs scrapy-redis: pip install 'lcnews[server]'") from None
    except (redis.RedisError, ValueError) as exc:
        raise UserError(f"cannot reach the shared frontier {url}: {exc}") from None
    return {"LCNEWS_FRONTIER_URL": url, "LCNEWS_FRONTIER_NAME": name}


def _summary(outcome: CrawlOutcome, db: str) -> None:
    s = outcome.stats
    pages = outcome.count("response_received_count")
    new = outcome.count("lcnews/items/archived")
    updated = outcome.count("lcnews/items/updated")
    unchanged = outcome.count("lcnews/items/unchanged")
    secs = max(outcome.seconds, 1e-6)
    click.echo(
        f"\nCrawl finished in {outcome.seconds:.1f}s ({s.get('finish_reason', '?')}), run #{s.get('lcnews/run_id', '?')}"
    )
    click.echo(f"  pages fetched      {pages}")
    click.echo(
        f"  articles archived  {new} new, {updated} updated, {unchanged} unchanged"
        f"  ({(new + updated + unchanged) / secs:.1f} articles/s)"
    )
    withdrawn = outcome.count("lcnews/items/withdrawn")
    if withdrawn:
        click.echo(f"  withdrawn          {withdrawn}")
    drops = outcome.drops
    if drops:
        click.echo("  dropped            " + ", ".join(f"{k}: {v}" for k, v in sorted(drops.items())))
    failures = ", ".join(f"{k}: {v}" for k, v in sorted(outcome.failures.items(), key=lambda kv: (-kv[1], kv[0])))
    click.echo(f"  errors             {outcome.errors}" + (f"  (pages failed: {failures})" if failures else ""))
    if outcome.retried:
        click.echo("  retried and got    " + ", ".join(f"{k}: {v}" for k, v in sorted(outcome.retried.items())))
    if outcome.stops:
        click.echo("  not followed       " + ", ".join(f"{k}: {v}" for k, v in sorted(outcome.stops.items())))
    skipped = {k.removeprefix("lcnews/skip/"): v for k, v in s.items() if k.startswith("lcnews/skip/")}
    if skipped:
        click.echo("  skipped links      " + ", ".join(f"{k}: {v}" for k, v in sorted(skipped.items())))
    robots = outcome.count("robotstxt/forbidden")
    if robots:
        click.echo(f"  robots.txt forbade {robots}")
    recovered = outcome.count("lcnews/frontier/recovered")
    if recovered:
        click.echo(f"  shared frontier    {recovered} requests of a stopped worker returned to the queue and done here")
    if outcome.unreachable:
        click.secho(
            f"  SITE UNREACHABLE: {outcome.unreachable}. The run stopped early; run it again when the site answers.",
            fg="red",
            bold=True,
            err=True,
        )
    for alarm in outcome.alarms:
        click.secho(f"  LAYOUT DRIFT: {alarm}", fg="red", bold=True, err=True)
    click.echo(f"  archive            {redact(db)}")


def _crawl(
    db: str,
    base_url: str | None,
    channels: list[str],
    max_articles: int,
    profile_path: str | None,
    extra: dict[str, Any],
    progress: bool,
    verbose: bool,
) -> CrawlOutcome:
    overrides: dict[str, Any] = {
        "LCNEWS_DB_PATH": db,
        "LCNEWS_CHANNELS": channels,
        "LCNEWS_MAX_ARTICLES": max_articles,
        "LOG_LEVEL": "INFO" if verbose else "WARNING",
        **extra,
    }
    if base_url:
        overrides["LCNEWS_BASE_URL"] = base_url
    if profile_path:
        overrides["LCNEWS_SITE_PROFILE"] = profile_path
    return run_crawl(overrides, progress=progress)


@click.command()
@click.option(
    "--db",
    required=True,
    type=click.Path(dir_okay=False),
    help="Archive to create or update: a SQLite file, or a postgresql:// URL (lcnews[server]).",
)
@click.option(
    "--base-url", help="Crawl another origin with the same paths (mirror, replica), e.g. http://127.0.0.1:8000."
)
@click.option("--channel", "channels", multiple=True, help="Only this channel slug (repeatable, or comma-separated).")
@click.option(
    "--max-articles",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Stop after N articles (0: no limit).",
)
@click.option(
    "--profile", type=click.Path(dir_okay=False), help="Site profile TOML (default: the bundled lcxw profile)."
)
@click.option("--full", is_flag=True, help="Fetch every article again (backfill), not only new ones.")
@click.option(
    "--revisit-days",
    type=click.FloatRange(min=0),
    default=None,
    help="Re-fetch archived articles published in the last N days (edits).",
)
@click.option("--progress/--no-progress", default=None, help="Live progress display (default: on a terminal).")
@click.option("-v", "--verbose", is_flag=True, help="Log Scrapy's INFO messages.")
@click.option("-s", "--set", "sets", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy/lcnews setting.")
@click.option(
    "--frontier",
    metavar="redis://HOST:PORT/DB",
    help="Share this crawl with every other `lcnews crawl --frontier` on the same Redis (queue, seen URLs and "
    "per-host politeness in Redis; --db must be a postgresql:// archive). Resumable by any worker.",
)
@click.option(
    "--frontier-name",
    default="lcxw",
    show_default=True,
    help="Name of the shared crawl (workers with the same name share it).",
)
def crawl(
    db: str,
    base_url: str | None,
    channels: tuple[str, ...],
    max_articles: int,
    profile: str | None,
    full: bool,
    revisit_days: float | None,
    progress: bool | None,
    verbose: bool,
    sets: tuple[str, ...],
    frontier: str | None,
    frontier_name: str,
) -> None:
    """Crawl the site (or a mirror with --base-url) into the archive at --db."""
    prof = site_profile(profile)
    chans = _validate_channels(prof, channels)
    base_url = checked_base_url(base_url)
    extra: dict[str, Any] = {"LCNEWS_FULL": full}
    if revisit_days is not None:
        extra["LCNEWS_REVISIT_DAYS"] = revisit_days
    for item in sets:
        if "=" not in item:
            raise UserError(f"--set expects NAME=VALUE, got {item!r}")
        key, value = item.split("=", 1)
        extra[key.strip()] = value
    if frontier:
        extra.update(_frontier(frontier, frontier_name, db))
    # A new archive is created only once the site answers (no empty file for nothing); an existing
    # one is checked first (a run holding its lock is exit 5 whatever the network says).
    target = Path(db).expanduser()
    probe_first = not frontier and not target.exists() and target.parent.is_dir()  # else check_db has something to say
    if probe_first:
        _probe(base_url or prof.origin)
    dbpath = check_db(db, shared=bool(frontier))
    if not probe_first:
        _probe(base_url or prof.origin)
    show = sys.stderr.isatty() if progress is None else progress
    outcome = _crawl(dbpath, base_url, chans, max_articles, profile, extra, show, verbose)
    _summary(outcome, dbpath)
    sys.exit(outcome.exit_code)


@click.command()
@click.option(
    "--db",
    default="lcnews-demo.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Archive to write the demo crawl into.",
)
@click.option(
    "--articles", type=click.IntRange(10, 50_000), default=60, show_default=True, help="Size of the generated replica."
)
@click.option("--query", default="聊城", show_default=True, help="Sample search run after the crawl.")
@click.option("--progress/--no-progress", default=None, help="Live progress display (default: on a terminal).")
def demo(db: str, articles: int, query: str, progress: bool | None) -> None:
    """Serve the bundled offline replica on loopback, crawl it, and search the result."""
    from lcnews.testsite import ReplicaServer, build_site

    dbpath = check_db(db)
    site = build_site(n_articles=articles, seed=1)
    with ReplicaServer(site) as server:
        click.echo(f"Serving the offline replica ({articles} articles) at {server.base_url}")
        show = sys.stderr.isatty() if progress is None else progress
        outcome = _crawl(dbpath, server.base_url, [], 0, None, {}, show, False)
    _summary(outcome, dbpath)
    code = max(outcome.exit_code, _demo_epaper(dbpath, site, show))
    click.echo(f"\nSample search: lcnews search {query} --db {db}")
    print_search(dbpath, query, limit=5, as_json=False)
    click.echo(f"\nA print hit: lcnews search {query} --db {db} --kind print")
    print_search(dbpath, query, limit=1, as_json=False, kind="print")
    click.echo(f"\nNext: lcnews search QUERY --db {db}   |   lcnews serve --db {db}")
    sys.exit(code)


def _demo_epaper(db: str, site: Any, progress: bool) -> int:
    """One week of the replica e-paper (reprinting the web replica's articles of that week) crawled
    into the demo archive by ``lcnews epaper`` in a child process (Scrapy's reactor runs once per
    process); returns its exit status."""
    import datetime as dt
    import subprocess

    from lcnews.testsite import ReplicaServer
    from lcnews.testsite.epaper import build_epaper

    reachable = [t for t in site.truth if t.get("reachable") and t.get("published_at")]
    start = dt.date.fromisoformat(min(t["published_at"][:10] for t in reachable)) if reachable else None
    paper = build_epaper(seed=1, days=7, start=start, web=reachable) if start else build_epaper(seed=1, days=7)
    first, last = paper.first_day.isoformat(), paper.last_day.isoformat()
    with ReplicaServer(paper) as server:
        click.echo(
            f"\nServing the offline e-paper replica (聊城日报, 聊城晚报, {first} to {last}) at {server.base_url}"
        )
        args = ["epaper", "--db", db, "--since", first, "--until", last, "--base-url", server.base_url]
        proc = subprocess.run(
            [sys.executable, "-m", "lcnews", *args, "--progress" if progress else "--no-progress"], check=False
        )
    return proc.returncode
