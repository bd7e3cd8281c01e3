"""Reading an archive in a folder the user cannot write (a shared drive, a USB stick, a colleague's
folder): search, export, history, trend and serve all work as a user who is not root, create
nothing beside the archive and change nothing in it; a stale write-ahead log is read when it can be
and reported when it cannot. And readers while a crawl writes: Datasette, `lcnews search` and plain
sqlite3 see no error and no half-written article."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import reading_archive
from as_user import as_reader, shared_folder
from click.testing import CliRunner
from conftest import crawl_env, require_e2e

from lcnews.cli import cli
from lcnews.datasette.app import build_datasette, database_name
from lcnews.db import Archive, open_archive
from lcnews.db.readonly import read_mode
from lcnews.items import Article
from lcnews.testsite import ReplicaServer, build_site

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


def _try_writes(db: Path) -> list[str]:
    """Each write the reader attempts in the shared folder, and the error that refused it."""
    refused = []
    for attempt in (lambda: (db.parent / "new.txt").write_text("x"), lambda: db.open("ab").close()):
        try:
            attempt()
        except PermissionError as e:
            refused.append(type(e).__name__)
    return refused


def test_the_reader_really_cannot_write_the_shared_folder(shared: Path) -> None:
    """The premise of every test here: the folder's mode binds the reader (root would write anyway)."""
    assert as_reader(_try_writes, shared) == ["PermissionError", "PermissionError"]
    assert _try_writes(shared) == ([] if os.geteuid() == 0 else ["PermissionError", "PermissionError"])
    (shared.parent / "new.txt").unlink(missing_ok=True)


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


# --- readers while a crawl writes --------------------------------------------------------------

# Every article row is complete in any snapshot a reader sees: its search index rows (both FTS
# tables) and its raw page are written in the same transaction, and no index row lacks its article.
HALF_WRITTEN = {
    "article without index": "SELECT count(*) FROM articles a WHERE NOT EXISTS "
    "(SELECT 1 FROM articles_fts_docsize d WHERE d.id = a.article_id)",
    "article without chars index": "SELECT count(*) FROM articles a WHERE NOT EXISTS "
    "(SELECT 1 FROM articles_fts_chars_docsize d WHERE d.id = a.article_id)",
    "index without article": "SELECT count(*) FROM articles_fts_docsize d WHERE NOT EXISTS "
    "(SELECT 1 FROM articles a WHERE a.article_id = d.id)",
    "article without raw page": "SELECT count(*) FROM articles a WHERE a.raw_sha256 != '' AND NOT EXISTS "
    "(SELECT 1 FROM raw_pages r WHERE r.sha256 = a.raw_sha256)",
    "article without text": "SELECT count(*) FROM articles WHERE title = '' OR body = '' OR url = ''",
}
CONSISTENCY_SQL = "SELECT " + ", ".join(f"({sql})" for sql in HALF_WRITTEN.values())


@dataclasses.dataclass
class Readers:
    """What each kind of reader did while the crawl wrote: reads, errors, counts of articles seen."""

    reads: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    errors: list[str] = dataclasses.field(default_factory=list)
    seen: set[int] = dataclasses.field(default_factory=set)
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)

    def read(self, kind: str, count: int | None = None, error: str = "") -> None:
        with self.lock:
            self.reads[kind] += 1
            if count is not None:
                self.seen.add(count)
            if error:
                self.errors.append(f"{kind}: {error}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _sqlite_reader(db: Path, readers: Readers, done: threading.Event) -> None:
    while not done.is_set():
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
            try:
                conn.execute("BEGIN")  # one snapshot for both statements
                (n,) = conn.execute("SELECT count(*) FROM articles").fetchone()
                bad = conn.execute(CONSISTENCY_SQL).fetchone()
                conn.execute("COMMIT")
            finally:
                conn.close()
            broken = [name for name, k in zip(HALF_WRITTEN, bad, strict=True) if k]
            readers.read("sqlite3", n, ", ".join(broken))
        except sqlite3.Error as exc:
            readers.read("sqlite3", error=repr(exc))


def _http_reader(url: str, name: str, readers: Readers, done: threading.Event) -> None:
    query = urllib.parse.urlencode({"sql": f"SELECT (SELECT count(*) FROM articles), {CONSISTENCY_SQL[7:]}"})
    paths = [
        f"/{name}.json?{query}",
        f"/{name}/articles.json?_search=%E8%81%8A%E5%9F%8E&_size=5",
        f"/{name}/articles?_search=%E8%81%8A%E5%9F%8E",
    ]
    while not done.is_set():
        for path in paths:
            try:
                with urllib.request.urlopen(url + path, timeout=30) as response:
                    body = response.read()
                if path.startswith(f"/{name}.json"):
                    n, *bad = json.loads(body)["rows"][0]
                    broken = [k for k, v in zip(HALF_WRITTEN, bad, strict=True) if v]
                    readers.read("datasette", n, ", ".join(broken))
                else:
                    readers.read("datasette")
            except (OSError, ValueError) as exc:
                readers.read("datasette", error=f"{path}: {exc!r}")


def _search_reader(db: Path, readers: Readers, done: threading.Event) -> None:
    while not done.is_set():
        proc = subprocess.run([sys.executable, "-m", "lcnews", "search", "聊城", "--db", str(db), "--json", "--limit", "5"],
                              capture_output=True, text=True, timeout=120, env=crawl_env())  # fmt: skip
        hits = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
        ok = proc.returncode == 0 and "Traceback" not in proc.stderr
        readers.read("lcnews search", error="" if ok else f"exit {proc.returncode}: {proc.stderr[-300:]}")
        if ok and any(not h.get("title") for h in hits):
            readers.read("lcnews search", error=f"a hit without its title: {hits}")


@pytest.fixture(scope="module")
def crawl_with_readers(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Readers, Path]:
    """A crawl of a 400-article replica while `lcnews serve`, a loop of `lcnews search` and two
    plain sqlite3 readers query the same file, from its first committed batch to the crawl's end."""
    require_e2e()
    db = tmp_path_factory.mktemp("readers") / "archive.db"
    readers, done = Readers(), threading.Event()
    with ReplicaServer(build_site(n_articles=400, seed=4)) as site:
        crawl = subprocess.Popen([sys.executable, "-m", "lcnews", "crawl", "--db", str(db), "--base-url", site.base_url,
                                  "--no-progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 stdin=subprocess.DEVNULL, env=crawl_env())  # fmt: skip
        deadline = time.monotonic() + 120
        while crawl.poll() is None and time.monotonic() < deadline and not _has_articles(db):
            time.sleep(0.05)
        port = _free_port()
        serve = subprocess.Popen([sys.executable, "-m", "lcnews", "serve", "--db", str(db), "--port", str(port)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                 stdin=subprocess.DEVNULL, env=crawl_env())  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_for(url, serve)
            threads = [
                threading.Thread(target=_sqlite_reader, args=(db, readers, done)),
                threading.Thread(target=_sqlite_reader, args=(db, readers, done)),
                threading.Thread(target=_http_reader, args=(url, db.stem, readers, done)),
                threading.Thread(target=_search_reader, args=(db, readers, done)),
            ]
            for t in threads:
                t.start()
            out, err = crawl.communicate(timeout=300)
            done.set()
            for t in threads:
                t.join(timeout=150)
        finally:
            done.set()
            serve.terminate()
            serve.communicate(timeout=30)
            if crawl.poll() is None:
                crawl.kill()
                crawl.communicate()
    return subprocess.CompletedProcess(crawl.args, crawl.returncode, out, err), readers, db


def _has_articles(db: Path) -> bool:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as conn:
            return bool(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return False


def _wait_for(url: str, serve: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if serve.poll() is not None:
            pytest.fail(f"lcnews serve exited: {serve.communicate()[1][-2000:]}")
        try:
            with urllib.request.urlopen(url + "/-/versions.json", timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("lcnews serve did not answer within 60 s")


@pytest.mark.e2e
def test_the_crawl_under_readers_succeeds(
    crawl_with_readers: tuple[subprocess.CompletedProcess[str], Readers, Path],
) -> None:
    crawl, _, _ = crawl_with_readers
    assert crawl.returncode == 0, crawl.stderr[-2000:]


@pytest.mark.e2e
def test_readers_during_a_crawl_see_no_error_and_no_half_written_article(
    crawl_with_readers: tuple[subprocess.CompletedProcess[str], Readers, Path],
) -> None:
    _, readers, _ = crawl_with_readers
    assert readers.errors == []


@pytest.mark.e2e
def test_every_reader_read_while_the_crawl_wrote(
    crawl_with_readers: tuple[subprocess.CompletedProcess[str], Readers, Path],
) -> None:
    """Each kind of reader read, and readers saw the archive at several sizes below the final one."""
    _, readers, db = crawl_with_readers
    with contextlib.closing(sqlite3.connect(db)) as conn:
        (final,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    assert set(readers.reads) == {"sqlite3", "datasette", "lcnews search"}, readers.reads
    assert len({n for n in readers.seen if 0 < n < final}) >= 2, (sorted(readers.seen), final)
