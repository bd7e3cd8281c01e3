"""Run a function as a reader who cannot write the test's files: in a forked child without root's powers.

CI runs as root, and root writes anywhere, so "a read-only folder" means nothing to it. The child
keeps uid 0 but gives up the capabilities that let root ignore file permissions (``DAC_OVERRIDE``,
``DAC_READ_SEARCH``, ``FOWNER``; from its bounding set too, so a program it starts has none of
them either): from then on the permission bits bind it as they bind any user. It is still the
owner of the checkout, so it can read the code wherever CI cloned it (a folder under /root that
``nobody`` could not enter), and it can write nothing the folder's mode forbids. Without root,
the child is simply the current user. The child is forked, not exec'd: warm the code path up
first, as the tests do.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import pickle
import select
import tempfile
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# linux/capability.h
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3
PERMISSION_CAPS = (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER)
_LINUX_CAPABILITY_VERSION_3 = 0x20080522
_PR_CAPBSET_DROP = 24


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def drop_permission_powers() -> None:
    """Give up, in this process and what it starts, root's power to ignore file permissions."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    for cap in PERMISSION_CAPS:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), f"prctl(PR_CAPBSET_DROP, {cap})")
    header = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    mask = ~sum(1 << cap for cap in PERMISSION_CAPS) & 0xFFFFFFFF
    for field in ("effective", "permitted", "inheritable"):
        setattr(data[0], field, getattr(data[0], field) & mask)
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def as_reader(fn: Callable[..., Any], *args: Any, timeout: float = 60.0) -> Any:
    """``fn(*args)`` run as the reader (root without ``PERMISSION_CAPS``, or the current user); its
    return value, or its exception re-raised here as an AssertionError with the child's traceback."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop privileges, run, report, leave without running pytest's exit code
        os.close(r)
        try:
            if os.geteuid() == 0:
                drop_permission_powers()
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
        raise AssertionError(f"as the reader (without root's file powers):\n{value}")
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
