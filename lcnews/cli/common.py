"""What every command shares: the user-facing errors, input checks, and opening an archive.

The library raises narrow exceptions (``lcnews.db.errors``, ``lcnews.site.ProfileError``, ...);
only the CLI turns them into ``click.ClickException``: one clear message and a non-zero exit
(``lcnews.outcome``), never a traceback.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import click

from lcnews.db import ArchiveAPI, ArchiveError, ArchiveLocked, open_archive
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


def check_db(db: str, *, must_exist: bool = False) -> str:
    """Validate an archive path before anything runs; returns it absolute.

    ``must_exist``: the command reads an archive (opened read-only to check it). Otherwise the
    archive is created if need be and its run lock tried, so a crawl fails now, not mid-way, when
    another run holds it.
    """
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


@contextlib.contextmanager
def opened(db: str, *, readonly: bool = False) -> Iterator[ArchiveAPI]:
    """An archive checked by ``check_db``, opened, its errors turned into CLI errors."""
    with archive_errors(), open_archive(db, readonly=readonly) as archive:
        yield archive
