"""What every command shares: the user-facing errors, input checks, and opening an archive.

The library raises narrow exceptions (``lcnews.db.errors``, ``lcnews.site.ProfileError``, ...);
only the CLI turns them into ``click.ClickException``: one clear message and a non-zero exit
(``lcnews.outcome``), never a traceback.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from lcnews.db import ArchiveAPI, ArchiveError, ArchiveLocked, is_server_url, open_archive
from lcnews.outcome import EXIT_ERROR, EXIT_LOCKED
from lcnews.site import ProfileError, SiteProfile, load_profile


class UserError(click.ClickException):
    """Bad input or a fatal error: exit status 1."""

    exit_code = EXIT_ERROR


class ArchiveBusy(click.ClickException):
    """Another run holds the archive: exit status 5."""

    exit_code = EXIT_LOCKED


def locked(message: str) -> click.ClickException:
    return ArchiveBusy(message)


@contextlib.contextmanager
def archive_errors() -> Iterator[None]:
    """Archive errors as CLI errors: a held lock exits 5, anything else 1."""
    try:
        yield
    except ArchiveLocked as exc:
        raise locked(str(exc)) from None
    except ArchiveError as exc:  # QueryError and ExportError included
        raise UserError(str(exc)) from None


def site_profile(path: str | None) -> SiteProfile:
    """The site profile at ``path`` (default: $LCNEWS_SITE_PROFILE or the bundled one)."""
    try:
        return load_profile(path)
    except ProfileError as exc:
        raise UserError(str(exc)) from None


def checked_base_url(base_url: str | None) -> str | None:
    """``--base-url`` as its origin (``scheme://host[:port]``), or one clear error."""
    if not base_url:
        return base_url
    from lcnews.extract.urls import BaseUrlError, normalize_base_url

    try:
        return normalize_base_url(base_url)
    except BaseUrlError as exc:
        raise UserError(str(exc)) from None


def check_db(db: str, *, must_exist: bool = False, shared: bool = False) -> str:
    """Validate an archive path before anything runs; returns it absolute.

    ``must_exist``: the command reads an archive (opened read-only to check it). Otherwise the
    archive is created if need be and its run lock tried, so a crawl fails now, not mid-way, when
    another run holds it. A ``postgresql://`` URL is checked the same way and returned as given;
    ``shared``: a worker of a shared crawl, whose run lock is shared with the other workers.
    """
    if is_server_url(db):
        with archive_errors(), open_archive(db, readonly=must_exist, shared_runs=shared) as archive:
            if not must_exist:
                archive.acquire_run_lock()
                archive.release_run_lock()
        return db
    path = Path(db).expanduser()
    if must_exist and not path.exists():
        raise UserError(f"no archive at {path}")
    if path.is_dir():
        raise UserError(f"{path} is a directory; give a file path for the archive, e.g. {path / 'lcnews.db'}")
    with archive_errors(), open_archive(str(path), readonly=must_exist) as archive:
        if not must_exist:
            archive.acquire_run_lock()
            archive.release_run_lock()
    return str(path.resolve())


_OPTION_SHAPE = re.compile(r"^--[A-Za-z][A-Za-z0-9-]*(?:=|$)")


class QueryCommand(click.Command):
    """A command whose QUERY words may start with ``-`` (an exclusion) without ``--``.

    ``lcnews search -钢铁 聊城 --db X``: click would read ``-钢铁`` as options ``-钢`` ``-铁``. Every
    argument that is not one of the command's options (or an option's value) goes after ``--``, in
    order, so it reaches QUERY as written. A word shaped like a long option (``--limt``) stays an
    option: a typo is still "No such option"; any other ``--`` word (``---``, ``--聊城``) is QUERY.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        names: set[str] = set()
        takes_value: set[str] = set()
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                opts = {*param.opts, *param.secondary_opts}
                names |= opts
                if not param.is_flag and not param.count:
                    takes_value |= opts
        options: list[str] = []
        words: list[str] = []
        i = 0
        while i < len(args):
            arg = args[i]
            if arg == "--":
                words.extend(args[i + 1 :])
                break
            name = arg.split("=", 1)[0]
            if _OPTION_SHAPE.match(arg) or name in names:
                options.append(arg)
                if name in takes_value and "=" not in arg and i + 1 < len(args):
                    options.append(args[i + 1])
                    i += 1
            else:
                words.append(arg)
            i += 1
        return super().parse_args(ctx, [*options, "--", *words] if words else options)


def query_text(words: tuple[str, ...]) -> str:
    """QUERY given as one argument or several (joined by spaces: ``lcnews search 聊城 -钢铁``)."""
    return " ".join(words)


def filter_options(f: Any) -> Any:
    """The filters ``search`` and ``trend`` share (the Python API's options of the same names)."""
    options = [
        click.option(
            "--channel", help="Only this channel (slug or Chinese name: yaowen or 要闻), sub-channels included."
        ),
        click.option("--since", help="Published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--until", help="Published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--author", help="Only articles with exactly this reporter among the authors."),
        click.option(
            "--author-contains", metavar="TEXT", help="Only articles with a reporter whose name contains TEXT."
        ),
        click.option("--source", help="Only articles whose source (来源) is exactly this, e.g. 聊城日报."),
        click.option(
            "--source-contains",
            metavar="TEXT",
            help="Only articles whose source contains TEXT (聊城: 聊城日报, 聊城晚报 ...).",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@contextlib.contextmanager
def opened(db: str, *, readonly: bool = False) -> Iterator[ArchiveAPI]:
    """An archive checked by ``check_db``, opened, its errors turned into CLI errors."""
    with archive_errors(), open_archive(db, readonly=readonly) as archive:
        warn_unmerged(archive)
        yield archive


def warn_unmerged(archive: ArchiveAPI) -> None:
    """Say so when a read-only open cannot see the writes still in ``ARCHIVE-wal`` (an immutable
    open of a folder the user cannot write, beside a log a writer left)."""
    pending = int(getattr(archive, "unmerged_wal", 0) or 0)
    if is_server_url(archive.location):
        return
    if pending:
        click.secho(
            f"Note: {Path(archive.location).name}-wal holds {pending:,} bytes of writes that are not seen: the "
            "folder cannot be written, so the archive is read as it is in its main file (a crawl there is "
            "running, or was interrupted; once it finishes, or the file is opened writable, they are merged).",
            fg="yellow",
            err=True,
        )
