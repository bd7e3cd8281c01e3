"""The `lcnews` command line: crawl, demo, extract, search, export, ... (thin: library calls only).

Errors a user can cause end in one clear message and a non-zero exit, never a traceback; the
library raises narrow exceptions and only this module turns them into `click.ClickException`.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import click

from lcnews import __version__
from lcnews.runner import EXIT_ERROR, EXIT_LOCKED, CrawlOutcome, run_crawl
from lcnews.site import ProfileError, SiteProfile, load_profile


class UserError(click.ClickException):
    exit_code = EXIT_ERROR


def _profile(path: str | None) -> SiteProfile:
    try:
        return load_profile(path)
    except ProfileError as exc:
        raise UserError(str(exc)) from None


def _check_db(db: str, *, must_exist: bool = False) -> str:
    """Validate an archive path before anything runs; returns it absolute."""
    from lcnews.db import Archive, ArchiveError, ArchiveLocked

    path = Path(db).expanduser()
    if must_exist and not path.exists():
        raise UserError(f"no archive at {path}")
    if path.is_dir():
        raise UserError(f"{path} is a directory; give a file path for the archive, e.g. {path / 'lcnews.db'}")
    try:
        with Archive(str(path), readonly=must_exist) as archive:
            if not must_exist:
                archive.acquire_run_lock()  # fail now, not mid-crawl, when another run holds it
                archive.release_run_lock()
    except ArchiveLocked as exc:
        raise _locked(str(exc)) from None
    except ArchiveError as exc:
        raise UserError(str(exc)) from None
    return str(path.resolve())


class ArchiveBusy(click.ClickException):
    exit_code = EXIT_LOCKED


def _locked(message: str) -> click.ClickException:
    return ArchiveBusy(message)


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


def _validate_channels(profile: SiteProfile, channels: tuple[str, ...]) -> list[str]:
    from lcnews.extract.urls import valid_slug

    known = {c.slug for c in profile.channels}
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


def _summary(outcome: CrawlOutcome, db: str) -> None:
    s = outcome.stats
    pages = outcome.count("response_received_count")
    new = outcome.count("lcnews/items/archived")
    updated = outcome.count("lcnews/items/updated")
    unchanged = outcome.count("lcnews/items/unchanged")
    secs = max(outcome.seconds, 1e-6)
    click.echo(f"\nCrawl finished in {outcome.seconds:.1f}s ({s.get('finish_reason', '?')}), run #{s.get('lcnews/run_id', '?')}")
    click.echo(f"  pages fetched      {pages}")
    click.echo(f"  articles archived  {new} new, {updated} updated, {unchanged} unchanged"
               f"  ({(new + updated + unchanged) / secs:.1f} articles/s)")
    withdrawn = outcome.count("lcnews/items/withdrawn")
    if withdrawn:
        click.echo(f"  withdrawn          {withdrawn}")
    drops = outcome.drops
    if drops:
        click.echo("  dropped            " + ", ".join(f"{k}: {v}" for k, v in sorted(drops.items())))
    click.echo(f"  errors             {outcome.errors}")
    skipped = {k.removeprefix("lcnews/skip/"): v for k, v in s.items() if k.startswith("lcnews/skip/")}
    if skipped:
        click.echo("  skipped links      " + ", ".join(f"{k}: {v}" for k, v in sorted(skipped.items())))
    robots = outcome.count("robotstxt/forbidden")
    if robots:
        click.echo(f"  robots.txt forbade {robots}")
    for alarm in outcome.alarms:
        click.secho(f"  LAYOUT DRIFT: {alarm}", fg="red", bold=True, err=True)
    click.echo(f"  archive            {db}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lcnews")
def cli() -> None:
    """Crawl 聊城新闻网 (lcxw.cn) into a searchable SQLite archive."""


def _crawl(db: str, base_url: str | None, channels: list[str], max_articles: int, profile: str | None,
           extra: dict[str, Any], progress: bool, verbose: bool) -> CrawlOutcome:
    overrides: dict[str, Any] = {
        "LCNEWS_DB_PATH": db,
        "LCNEWS_CHANNELS": channels,
        "LCNEWS_MAX_ARTICLES": max_articles,
        "LOG_LEVEL": "INFO" if verbose else "WARNING",
        **extra,
    }
    if base_url:
        overrides["LCNEWS_BASE_URL"] = base_url
    if profile:
        overrides["LCNEWS_SITE_PROFILE"] = profile
    return run_crawl(overrides, progress=progress)


@cli.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite archive to create or update.")
@click.option("--base-url", help="Crawl another origin with the same paths (mirror, replica), e.g. http://127.0.0.1:8000.")
@click.option("--channel", "channels", multiple=True, help="Only this channel slug (repeatable, or comma-separated).")
@click.option("--max-articles", type=click.IntRange(min=0), default=0, show_default=True, help="Stop after N articles (0: no limit).")
@click.option("--profile", type=click.Path(dir_okay=False), help="Site profile TOML (default: the bundled lcxw profile).")
@click.option("--full", is_flag=True, help="Fetch every article again (backfill), not only new ones.")
@click.option("--revisit-days", type=click.FloatRange(min=0), default=None, help="Re-fetch archived articles published in the last N days (edits).")
@click.option("--progress/--no-progress", default=None, help="Live progress display (default: on a terminal).")
@click.option("-v", "--verbose", is_flag=True, help="Log Scrapy's INFO messages.")
@click.option("-s", "--set", "sets", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy/lcnews setting.")
def crawl(db: str, base_url: str | None, channels: tuple[str, ...], max_articles: int, profile: str | None,
          full: bool, revisit_days: float | None, progress: bool | None, verbose: bool,
          sets: tuple[str, ...]) -> None:
    """Crawl the site (or a mirror with --base-url) into the archive at --db."""
    prof = _profile(profile)
    chans = _validate_channels(prof, channels)
    if base_url:
        from lcnews.extract.urls import BaseUrlError, normalize_base_url

        try:
            base_url = normalize_base_url(base_url)
        except BaseUrlError as exc:
            raise UserError(str(exc)) from None
    extra: dict[str, Any] = {"LCNEWS_FULL": full}
    if revisit_days is not None:
        extra["LCNEWS_REVISIT_DAYS"] = revisit_days
    for item in sets:
        if "=" not in item:
            raise UserError(f"--set expects NAME=VALUE, got {item!r}")
        key, value = item.split("=", 1)
        extra[key.strip()] = value
    dbpath = _check_db(db)
    _probe(base_url or prof.origin)
    show = sys.stderr.isatty() if progress is None else progress
    outcome = _crawl(dbpath, base_url, chans, max_articles, profile, extra, show, verbose)
    _summary(outcome, dbpath)
    sys.exit(outcome.exit_code)


@cli.command()
@click.option("--db", default="lcnews-demo.db", show_default=True, type=click.Path(dir_okay=False), help="Archive to write the demo crawl into.")
@click.option("--articles", type=click.IntRange(10, 50_000), default=60, show_default=True, help="Size of the generated replica.")
@click.option("--query", default="聊城", show_default=True, help="Sample search run after the crawl.")
@click.option("--progress/--no-progress", default=None, help="Live progress display (default: on a terminal).")
def demo(db: str, articles: int, query: str, progress: bool | None) -> None:
    """Serve the bundled offline replica on loopback, crawl it, and search the result."""
    from lcnews.testsite import ReplicaServer, build_site

    dbpath = _check_db(db)
    site = build_site(n_articles=articles, seed=1)
    with ReplicaServer(site) as server:
        click.echo(f"Serving the offline replica ({articles} articles) at {server.base_url}")
        show = sys.stderr.isatty() if progress is None else progress
        outcome = _crawl(dbpath, server.base_url, [], 0, None, {}, show, False)
    _summary(outcome, dbpath)
    click.echo(f"\nSample search: lcnews search {query} --db {db}")
    _print_search(dbpath, query, limit=5, as_json=False)
    click.echo(f"\nNext: lcnews search QUERY --db {db}   |   lcnews serve --db {db}")
    sys.exit(outcome.exit_code)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE_OR_URL...")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input, in input order.")
@click.option("--profile", type=click.Path(dir_okay=False), help="Site profile TOML.")
def extract(inputs: tuple[str, ...], as_json: bool, profile: str | None) -> None:
    """Run the extractor on saved pages or URLs and print the fields (debug a layout change)."""
    from dataclasses import asdict

    from lcnews.extract import extract_article

    prof = _profile(profile)
    failed = 0
    for item in inputs:
        try:
            data, url, headers = _read_input(item)
            result = asdict(extract_article(data, url=url, headers=headers, profile=prof))
        except UserError as exc:
            failed += 1
            if as_json:
                click.echo(json.dumps({"input": item, "error": exc.message}, ensure_ascii=False))
            click.echo(f"Error: {exc.message}", err=True)
            continue
        result = {"input": item, **result}
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False))
        else:
            click.secho(f"== {item}", bold=True)
            for key, value in result.items():
                if key in ("input", "body"):
                    continue
                click.echo(f"{key:>16}: {value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}")
            click.echo(f"{'body':>16}:\n{result['body']}\n")
    if failed:
        sys.exit(EXIT_ERROR)


def _read_input(item: str) -> tuple[bytes, str | None, dict[str, str]]:
    if item.startswith(("http://", "https://")):
        req = urllib.request.Request(item, headers={"User-Agent": f"lcnews/{__version__}"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.read(), resp.geturl(), {k.lower(): v for k, v in resp.headers.items()}
        except (urllib.error.URLError, OSError) as exc:
            raise UserError(f"cannot fetch {item}: {getattr(exc, 'reason', exc)}") from None
    path = Path(item)
    try:
        return path.read_bytes(), None, {}
    except OSError as exc:
        raise UserError(f"cannot read {item}: {exc.strerror}") from None


def _print_search(db: str, query: str, *, limit: int, as_json: bool, **filters: Any) -> int:
    from lcnews.db import QueryError
    from lcnews.db import search as fts

    if not as_json:  # the hit highlighted for a terminal; JSON keeps <mark>...</mark>
        filters["marks"] = ("\x1b[1;31m", "\x1b[0m") if sys.stdout.isatty() else ("【", "】")
    try:
        hits = fts.search(db, query, limit=limit, **filters)
    except QueryError as exc:
        raise UserError(str(exc)) from None
    for hit in hits:
        if as_json:
            click.echo(json.dumps({k: hit.get(k) for k in ("url", "article_id", "title", "published_at", "channel", "snippet")},
                                  ensure_ascii=False))
        else:
            click.secho(f"{hit['published_at'] or '':<25} {hit['title']}", bold=True)
            click.echo(f"  {hit['url']}\n  {hit['snippet']}")
    if not as_json and not hits:
        click.echo("no matches")
    return len(hits)


@cli.command()
@click.argument("query")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to search.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Maximum hits.")
@click.option("--channel", help="Only articles of this channel (and its sub-channels).")
@click.option("--since", help="Published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Published on or before this date (YYYY-MM-DD).")
@click.option("--author", help="Only articles by this reporter.")
@click.option("--source", help="Only articles from this source (来源).")
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance", show_default=True)
@click.option("--count", "count_only", is_flag=True, help="Print only the number of matching articles.")
def search(query: str, db: str, as_json: bool, limit: int, channel: str | None, since: str | None,
           until: str | None, author: str | None, source: str | None, sort: str, count_only: bool) -> None:
    """Full-text search (Chinese substrings of any length, either script)."""
    from lcnews.db import QueryError
    from lcnews.db import search as fts

    dbpath = _check_db(db, must_exist=True)
    filters = {"channel": channel, "since": since, "until": until, "author": author, "source": source}
    if count_only:
        try:
            click.echo(fts.count(dbpath, query, **filters))
        except QueryError as exc:
            raise UserError(str(exc)) from None
        return
    _print_search(dbpath, query, limit=limit, as_json=as_json, sort=sort, **filters)


@cli.command()
@click.argument("article_id", type=int)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to read.")
@click.option("--json", "as_json", is_flag=True, help="Print the history as one JSON object.")
def history(article_id: int, db: str, as_json: bool) -> None:
    """Show an article's versions and a readable diff of what changed."""
    from lcnews.db import Archive, ArchiveError
    from lcnews.history import history as build_history

    dbpath = _check_db(db, must_exist=True)
    try:
        with Archive(dbpath, readonly=True) as archive:
            current = archive.article(article_id)
            if current is None:
                raise UserError(f"article {article_id} is not in {db}")
            versions = archive.versions(article_id)
            channels = archive.channels(article_id)
    except ArchiveError as exc:
        raise UserError(str(exc)) from None
    changes = build_history(versions, current)
    if as_json:
        click.echo(json.dumps({"article_id": article_id, "url": current["url"], "title": current["title"],
                               "version": current["version"], "withdrawn_at": current.get("withdrawn_at"),
                               "channels": channels, "changes": changes}, ensure_ascii=False))
        return
    click.secho(f"{article_id}  {current['title']}", bold=True)
    click.echo(f"  {current['url']}")
    click.echo(f"  version {current['version']}, first seen {current.get('first_seen_at')}, "
               f"last seen {current.get('last_seen_at')}")
    if current.get("withdrawn_at"):
        click.secho(f"  withdrawn: the page answered {current.get('withdrawn_status')} on {current['withdrawn_at']}",
                    fg="red")
    click.echo("  listed in: " + ", ".join(sorted({c["channel"] for c in channels})))
    if not changes:
        click.echo("  no earlier versions")
    for change in changes:
        click.secho(f"\n== version {change['from_version']} -> {change['to_version']}"
                    f" (replaced {change['replaced_at']})", bold=True)
        for line in change["meta_changes"]:
            click.echo(f"  {line}")
        click.echo(change["diff"])


@cli.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to rebuild in place.")
@click.option("--profile", type=click.Path(dir_okay=False), help="Site profile TOML.")
def reextract(db: str, profile: str | None) -> None:
    """Re-extract every article from its stored raw page with the current extractor (offline)."""
    import time

    from lcnews.db import Archive, ArchiveError, ArchiveLocked
    from lcnews.reextract import reextract as run_reextract

    prof = _profile(profile)
    dbpath = _check_db(db, must_exist=True)
    started = time.monotonic()
    try:
        with Archive(dbpath) as archive:
            archive.acquire_run_lock()
            try:
                report = run_reextract(archive, prof)
            finally:
                archive.release_run_lock()
    except ArchiveLocked as exc:
        raise _locked(str(exc)) from None
    except ArchiveError as exc:
        raise UserError(str(exc)) from None
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
        click.echo(f"  changed ids: {shown}{' ...' if len(report.changed_ids) > 20 else ''}"
                   f"  (see: lcnews history ID --db {db})")
    if report.failed:
        sys.exit(EXIT_ERROR)


# Research tools (Datasette, export, index maintenance) live in their own module.
from lcnews.cli_tools import export, rebuild_index, serve  # noqa: E402

cli.add_command(serve)
cli.add_command(export)
cli.add_command(rebuild_index)


def main() -> None:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "lcnews.settings")
    try:
        cli.main(prog_name="lcnews", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
