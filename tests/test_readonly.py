"""Reading an archive in a folder the user cannot write (a shared drive, a USB stick, a colleague's
folder): search, export, history, trend and serve all work as a user who is not root, create
nothing beside the archive and change nothing in it; a stale write-ahead log is read when it can be
and reported when it cannot."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import reading_archive
from as_user import as_reader, shared_folder
from click.testing import CliRunner

from lcnews.cli import cli
from lcnews.datasette.app import build_datasette, database_name
from lcnews.db import Archive, open_archive
from lcnews.db.readonly import read_mode
from lcnews.items import Article

WORD = "东阿"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("readonly") / "lcxw.db"
    reading_archive.build(path)
    return path


@pytest.fixture
def shared(archive: Path) -> Iterator[Path]:
    with shared_folder({"lcxw.db": archive}) as folder:
        yield folder / "lcxw.db"


def invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout, result.stderr


def state(folder: Path) -> dict[str, str]:
    """Every file of the folder and its content hash: what a reader must leave as it found it."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


READING_COMMANDS = {
    "search": ["search", WORD, "--limit", "5"],
    "search --count": ["search", WORD, "--count"],
    "export": ["export", "--out", "{out}/x.csv", "--query", WORD],
    "history": ["history", "{article_id}"],
    "trend": ["trend", WORD],
}


def _args(name: str, db: Path, out: Path, article_id: int) -> list[str]:
    args = [a.format(out=out, article_id=article_id) for a in READING_COMMANDS[name]]
    return [*args, "--db", str(db)]


@pytest.mark.parametrize("name", sorted(READING_COMMANDS))
def test_reading_command_works_as_another_user_in_a_read_only_folder(
    name: str, archive: Path, shared: Path, tmp_path: Path
) -> None:
    aid = reading_archive.truth()[0]["article_id"]
    expected = invoke(_args(name, archive, tmp_path, aid))  # as root on a writable copy: imports warmed up
    assert expected[0] == 0, expected
    out = Path(tempfile_dir())
    before = state(shared.parent)
    code, stdout, stderr = as_reader(invoke, _args(name, shared, out, aid))
    assert (code, stderr) == (0, ""), stdout + stderr
    assert stdout.replace(str(shared), "DB").replace(str(out), "OUT") == expected[1].replace(
        str(archive.resolve()), "DB"
    ).replace(str(archive), "DB").replace(str(tmp_path), "OUT")
    assert state(shared.parent) == before


def tempfile_dir() -> str:
    """A folder the reader may write (for export's output)."""
    import tempfile

    d = tempfile.mkdtemp(prefix="lcnews-out-", dir="/tmp")
    os.chmod(d, 0o777)
    return d


def _open_mode(db: Path) -> tuple[bool, int]:
    with open_archive(db, readonly=True) as a:
        return bool(getattr(a, "immutable", False)), a.count()


def test_a_read_only_folder_is_opened_immutable(shared: Path) -> None:
    assert as_reader(_open_mode, shared) == (True, len(reading_archive.truth()))


def test_a_writable_folder_is_opened_mode_ro(archive: Path) -> None:
    assert read_mode(archive) == "ro"


# --- serve ---------------------------------------------------------------------------------------

PAGES = ["/", "/{db}", "/{db}/articles", "/{db}/articles.json?_search=东阿", "/{db}/articles/{aid}",
         "/{db}/search?q=东阿", "/{db}/-/dashboard", "/{db}/articles.csv?_size=max"]  # fmt: skip


def _serve_pages(db: Path) -> list[tuple[str, int]]:
    ds = build_datasette(db)
    name = database_name(db)
    aid = reading_archive.truth()[1]["article_id"]

    async def go() -> list[tuple[str, int]]:
        out = []
        for page in PAGES:
            path = page.format(db=name, aid=aid)
            response = await ds.client.get(path)
            out.append((path, response.status_code))
        return out

    return asyncio.run(go())


def test_datasette_serves_every_page_as_another_user_and_writes_nothing(archive: Path, shared: Path) -> None:
    expected = _serve_pages(archive)
    assert {s for _, s in expected} == {200}, expected
    before = state(shared.parent)
    assert as_reader(_serve_pages, shared) == expected
    assert state(shared.parent) == before


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve_command(db: Path, port: int) -> tuple[int, str, list[str]]:
    """`lcnews serve` up to the point where it would listen (uvicorn.run recorded, not run)."""
    import uvicorn

    calls: list[str] = []
    real = uvicorn.run
    uvicorn.run = lambda app, **kw: calls.append(f"{kw['host']}:{kw['port']}")  # type: ignore[assignment]
    try:
        result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", str(port)])
    finally:
        uvicorn.run = real
    return result.exit_code, result.output, calls


def test_serve_command_starts_as_another_user_on_a_read_only_folder(archive: Path, shared: Path) -> None:
    port = _free_port()
    assert _serve_command(archive, port)[0] == 0
    code, output, calls = as_reader(_serve_command, shared, port)
    assert code == 0, output
    assert calls == [f"127.0.0.1:{port}"]
    assert "immutable" in output


# --- a write-ahead log left behind -------------------------------------------------------------

LATE = Article(article_id=999001, url="https://www.lcxw.cn/yaowen/20250601/999001.html", channel="yaowen",
               title="迟到的稿件", body="只在日志里：冠县梨园新景。", published_at="2025-06-01T08:00:00+08:00")  # fmt: skip


@pytest.fixture
def interrupted(archive: Path, tmp_path: Path) -> Path:
    """A copy of the archive whose writer died after a commit: the article is only in the -wal."""
    db = tmp_path / "lcxw.db"
    shutil.copy(archive, db)
    pid = os.fork()
    if pid == 0:
        try:
            a = Archive(db).open()
            a.conn.execute("PRAGMA wal_autocheckpoint=0")
            a.write_batch([LATE])
        finally:
            os._exit(0)  # no close: no checkpoint, the -wal stays
    os.waitpid(pid, 0)
    assert Path(f"{db}-wal").stat().st_size > 0
    return db


def _search_json(db: Path) -> tuple[int, list[int], str]:
    code, stdout, stderr = invoke(["search", "冠县梨园", "--json", "--db", str(db)])
    return code, [json.loads(line)["article_id"] for line in stdout.splitlines()], stderr


def test_a_stale_log_with_its_index_is_read(interrupted: Path) -> None:
    files = {p.name: p for p in interrupted.parent.iterdir() if p.name.startswith("lcxw.db")}
    assert {"lcxw.db-wal", "lcxw.db-shm"} <= set(files)
    _search_json(interrupted.parent / "lcxw.db")
    with shared_folder(files) as folder:
        before = state(folder)
        assert as_reader(_search_json, folder / "lcxw.db") == (0, [LATE.article_id], "")
        assert state(folder) == before


def test_a_stale_log_without_its_index_is_reported_not_fatal(interrupted: Path) -> None:
    files = {p.name: p for p in interrupted.parent.iterdir() if p.name in ("lcxw.db", "lcxw.db-wal")}
    with shared_folder(files) as folder:
        before = state(folder)
        code, ids, stderr = as_reader(_search_json, folder / "lcxw.db")
        assert state(folder) == before
    assert (code, ids) == (0, [])
    assert "lcxw.db-wal" in stderr and "not seen" in stderr


def _unreadable(db: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["search", WORD, "--db", str(db)])
    return result.exit_code, result.output


def test_an_unreadable_archive_is_one_clear_error(archive: Path) -> None:
    with shared_folder({"lcxw.db": archive}) as folder:
        folder.chmod(0o755)
        (folder / "lcxw.db").chmod(0o000)
        folder.chmod(0o555)
        code, output = as_reader(_unreadable, folder / "lcxw.db")
    assert code != 0 and "is not readable" in output and "Traceback" not in output
