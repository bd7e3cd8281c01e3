"""Run a function as a user who cannot write the test's files: in a forked child that drops root.

CI runs as root, and root writes anywhere, so "a read-only folder" means nothing to it. The child is
forked (not exec'd: the interpreter may live where that user cannot read, e.g. under /root), so
every module it needs must be imported before the call: warm the code path up as root first.
"""

from __future__ import annotations

import os
import pickle
import pwd
import select
import subprocess
import tempfile
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

TEST_USER = "lcnews-reader"


def reader_ids() -> tuple[int, int]:
    """(uid, gid) of a user who is not root: ``nobody``, else a system user made with useradd."""
    if os.geteuid() != 0:
        return os.geteuid(), os.getegid()
    for name in ("nobody", TEST_USER):
        try:
            entry = pwd.getpwnam(name)
            return entry.pw_uid, entry.pw_gid
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", TEST_USER], check=True)
    entry = pwd.getpwnam(TEST_USER)
    return entry.pw_uid, entry.pw_gid


def as_reader(fn: Callable[..., Any], *args: Any, timeout: float = 60.0) -> Any:
    """``fn(*args)`` run as the reader (``reader_ids``); its return value, or its exception re-raised
    here as an AssertionError with the child's traceback."""
    uid, gid = reader_ids()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop privileges, run, report, leave without running pytest's exit code
        os.close(r)
        try:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(gid)
                os.setuid(uid)
            payload = pickle.dumps(("ok", fn(*args)))
        except BaseException:
            payload = pickle.dumps(("error", traceback.format_exc()))
        with os.fdopen(w, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(w)
    chunks = []
    with os.fdopen(r, "rb") as inp:
        while True:
            ready, _, _ = select.select([inp], [], [], timeout)
            if not ready:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                raise AssertionError(f"the reader's call did not finish in {timeout} s")
            chunk = inp.read1(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    os.waitpid(pid, 0)
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "error":
        raise AssertionError(f"as the reader (uid {uid}):\n{value}")
    return value


@contextmanager
def shared_folder(files: dict[str, Path]) -> Any:
    """A folder the reader can read but not write (like a colleague's or a published one), holding
    copies of ``files`` (name → source), read-only too. Yields its path."""
    base = Path(tempfile.mkdtemp(prefix="lcnews-shared-", dir="/tmp"))
    folder = base / "archive"
    folder.mkdir()
    try:
        for name, src in files.items():
            (folder / name).write_bytes(src.read_bytes())
            (folder / name).chmod(0o444)
        folder.chmod(0o555)
        base.chmod(0o755)
        yield folder
    finally:
        folder.chmod(0o755)
        for p in folder.iterdir():
            p.chmod(0o644)
            p.unlink()
        folder.rmdir()
        base.rmdir()
