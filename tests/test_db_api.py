"""lcnews.db.api: the SQLite archive implements ArchiveAPI exactly (what a second backend implements)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from lcnews.db import Archive, ArchiveAPI, ArchiveNotFound, PrintArchiveAPI, open_archive, print_archive

PROTOCOL_METHODS = [
    *sorted(name for name, value in vars(ArchiveAPI).items() if not name.startswith("_") and callable(value)),
    "__enter__",
    "__exit__",
]
PRINT_METHODS = sorted(
    name for name, value in vars(PrintArchiveAPI).items() if not name.startswith("_") and callable(value)
)
PROTOCOL_PROPERTIES = sorted(name for name, value in vars(ArchiveAPI).items() if isinstance(value, property))


@pytest.mark.parametrize("name", PROTOCOL_METHODS)
def test_archive_has_the_method_with_the_same_parameters(name: str) -> None:
    want = inspect.signature(getattr(ArchiveAPI, name))
    got = inspect.signature(getattr(Archive, name))
    assert [(p.name, p.kind, p.default) for p in got.parameters.values()] == [
        (p.name, p.kind, p.default) for p in want.parameters.values()
    ]


@pytest.mark.parametrize("name", PROTOCOL_PROPERTIES)
def test_archive_has_the_property(name: str, tmp_path: Path) -> None:
    with open_archive(tmp_path / "a.db") as archive:
        getattr(archive, name)


def test_open_archive_returns_an_open_archive_api(tmp_path: Path) -> None:
    with open_archive(tmp_path / "a.db") as archive:
        assert isinstance(archive, ArchiveAPI) and archive.article(1) is None
        assert archive.location == str(tmp_path / "a.db") and not archive.readonly


def test_open_archive_read_only_needs_an_archive(tmp_path: Path) -> None:
    with pytest.raises(ArchiveNotFound):
        open_archive(tmp_path / "missing.db", readonly=True)


@pytest.mark.parametrize("name", PRINT_METHODS)
def test_archive_has_the_print_method_with_the_same_parameters(name: str) -> None:
    want = inspect.signature(getattr(PrintArchiveAPI, name))
    got = inspect.signature(getattr(Archive, name))
    assert [(p.name, p.kind, p.default) for p in got.parameters.values()] == [
        (p.name, p.kind, p.default) for p in want.parameters.values()
    ]


def test_sqlite_archive_holds_print_editions(tmp_path: Path) -> None:
    with open_archive(tmp_path / "a.db") as archive:
        assert print_archive(archive).print_editions() == []
