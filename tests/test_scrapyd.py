"""The Scrapyd recipe (README, "Crawls on a host with Scrapyd"), against a real Scrapyd on loopback: the
project's egg built by scrapyd-deploy, uploaded with addversion.json, and schedule.json running the
``lcxw`` and ``epaper`` spiders with the settings `lcnews crawl` / `lcnews epaper` give them: the
archives hold what the CLI's crawls hold."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CrawlResult, require_e2e

from lcnews.db import open_archive
from lcnews.testsite import ReplicaServer
from lcnews.testsite.epaper import build_epaper

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _call(base: str, path: str, data: dict[str, Any] | list[tuple[str, str]] | None = None) -> dict[str, Any]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(base + path, data=body, timeout=30) as r:
        out: dict[str, Any] = json.loads(r.read())
    assert out.get("status") == "ok", out
    return out


def _upload(base: str, egg: Path) -> dict[str, Any]:
    """addversion.json: a multipart form with the project, a version and the egg."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in (("project", "lcnews"), ("version", "1")):
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="egg"; filename="lcnews.egg"\r\n'
                 "Content-Type: application/octet-stream\r\n\r\n".encode() + egg.read_bytes() + b"\r\n")  # fmt: skip
    parts.append(f"--{boundary}--\r\n".encode())
    req = urllib.request.Request(base + "addversion.json", data=b"".join(parts),
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})  # fmt: skip
    with urllib.request.urlopen(req, timeout=60) as r:
        out: dict[str, Any] = json.loads(r.read())
    assert out.get("status") == "ok", out
    return out


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Scrapyd on loopback with the project's egg deployed; its base URL."""
    require_e2e()
    home = tmp_path_factory.mktemp("scrapyd")
    port = _free_port()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {home}/eggs\nlogs_dir = {home}/logs\n"
        f"dbs_dir = {home}/dbs\nitems_dir =\nmax_proc = 2\npoll_interval = 0.5\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                _call(base, "daemonstatus.json")
                break
            except OSError:
                time.sleep(0.1)
        egg = home / "lcnews.egg"
        built = subprocess.run([str(BIN / "scrapyd-deploy"), "--build-egg", str(egg)], cwd=ROOT,
                               capture_output=True, text=True, timeout=120)  # fmt: skip
        assert built.returncode == 0, built.stderr
        _upload(base, egg)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _run(base: str, spider: str, settings: dict[str, str]) -> str:
    """schedule.json, then wait for the job to finish; returns its state."""
    job = _call(base, "schedule.json", [("project", "lcnews"), ("spider", spider),
                                        *(("setting", f"{k}={v}") for k, v in settings.items())])["jobid"]  # fmt: skip
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        jobs = _call(base, "listjobs.json?project=lcnews")
        if any(j["id"] == job for j in jobs["finished"]):
            return "finished"
        time.sleep(0.5)
    return "timeout"


def test_the_lcxw_spider_archives_what_lcnews_crawl_archives(
    scrapyd: str, replica_crawl: CrawlResult, tmp_path: Path
) -> None:
    db = tmp_path / "scrapyd.db"
    replica_crawl.site.reset()
    with ReplicaServer(replica_crawl.site) as srv:
        assert _run(scrapyd, "lcxw", {"LCNEWS_DB_PATH": str(db), "LCNEWS_BASE_URL": srv.base_url}) == "finished"
    fields = ("article_id", "url", "title", "published_at", "authors", "body")
    with open_archive(db, readonly=True) as got, open_archive(replica_crawl.db, readonly=True) as want:
        assert [tuple(a[k] for k in fields) for a in got.iter_articles()] == [
            tuple(a[k] for k in fields) for a in want.iter_articles()
        ]
        assert got.runs()[-1]["status"] == "finished"


def test_the_epaper_spider_archives_what_lcnews_epaper_archives(scrapyd: str, tmp_path: Path) -> None:
    from conftest import run_cli

    site = build_epaper(seed=21, days=3)
    dates = {"LCNEWS_EPAPER_SINCE": "2024-03-04", "LCNEWS_EPAPER_UNTIL": "2024-03-06"}
    with ReplicaServer(site) as srv:
        cli = run_cli("epaper", "--db", str(tmp_path / "cli.db"), "--since", dates["LCNEWS_EPAPER_SINCE"],
                      "--until", dates["LCNEWS_EPAPER_UNTIL"], "--base-url", srv.base_url, "--no-progress")  # fmt: skip
        settings = {"LCNEWS_DB_PATH": str(tmp_path / "scrapyd.db"), "LCNEWS_EPAPER_BASE_URL": srv.base_url, **dates}
        assert cli.returncode == 0 and _run(scrapyd, "epaper", settings) == "finished"

    def rows(db: Path) -> list[tuple[Any, ...]]:
        with open_archive(db, readonly=True) as a:
            return [(r["paper"], r["content_id"], r["title"], r["body"]) for r in a.iter_print_articles()]  # type: ignore[attr-defined]

    assert rows(tmp_path / "scrapyd.db") == rows(tmp_path / "cli.db") and len(rows(tmp_path / "cli.db")) > 5
