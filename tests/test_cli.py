"""The `lcnews` command line: bad input ends in one clear message and a non-zero exit, nothing damaged."""

from __future__ import annotations

import hashlib
import json
import socket
import sqlite3
from pathlib import Path

import pytest
from conftest import CrawlResult, crawl_env, crawl_replica, run_cli

from lcnews.testsite import ReplicaServer, build_site

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _one_clear_message(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert stderr.strip().startswith("Error:")


def test_unreachable_base_url(tmp_path: Path) -> None:
    proc = run_cli("crawl", "--db", str(tmp_path / "a.db"), "--base-url", f"http://127.0.0.1:{_free_port()}")
    assert proc.returncode == 1
    _one_clear_message(proc.stderr)
    assert "cannot reach" in proc.stderr


def test_an_unreachable_site_leaves_no_empty_archive_behind(tmp_path: Path) -> None:
    run_cli("crawl", "--db", str(tmp_path / "a.db"), "--base-url", f"http://127.0.0.1:{_free_port()}")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("bad", ["ftp://example.org", "127.0.0.1:8000", "http://"])
def test_malformed_base_url(tmp_path: Path, bad: str) -> None:
    proc = run_cli("crawl", "--db", str(tmp_path / "a.db"), "--base-url", bad)
    assert proc.returncode == 1
    _one_clear_message(proc.stderr)


def test_corrupt_archive_is_refused_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "corrupt.db"
    db.write_bytes(b"this is not a sqlite file" * 100)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    proc = run_cli("crawl", "--db", str(db), "--base-url", "http://127.0.0.1:9")
    assert proc.returncode == 1
    _one_clear_message(proc.stderr)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_unwritable_archive_path(tmp_path: Path) -> None:
    proc = run_cli("crawl", "--db", str(tmp_path / "no" / "such" / "dir" / "a.db"))
    assert proc.returncode == 1
    _one_clear_message(proc.stderr)


def test_directory_as_archive_path(tmp_path: Path) -> None:
    proc = run_cli("crawl", "--db", str(tmp_path))
    assert proc.returncode == 2  # click rejects it as a bad option value
    assert "is a directory" in proc.stderr and "Traceback" not in proc.stderr


def test_unknown_channel(tmp_path: Path) -> None:
    proc = run_cli("crawl", "--db", str(tmp_path / "a.db"), "--channel", "nosuchchannel")
    assert proc.returncode == 1
    _one_clear_message(proc.stderr)
    assert "unknown channel" in proc.stderr and "yaowen/shendu" in proc.stderr


def test_bad_option_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_cli("crawl", "--db", str(tmp_path / "a.db"), "--max-articles", "many")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_bad_profile(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text("[site\n", encoding="utf-8")
    proc = run_cli("crawl", "--db", str(tmp_path / "a.db"), "--profile", str(profile))
    assert proc.returncode == 1
    _one_clear_message(proc.stderr)


def test_search_missing_archive(tmp_path: Path) -> None:
    proc = run_cli("search", "聊城", "--db", str(tmp_path / "missing.db"))
    assert proc.returncode == 1
    _one_clear_message(proc.stderr)
    assert not (tmp_path / "missing.db").exists()


def test_max_articles_stops_at_n(tmp_path: Path) -> None:
    site = build_site(n_articles=60, seed=1)
    result = crawl_replica(site, tmp_path / "a.db", "--max-articles", "7")
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.rows("select count(*) n from articles")[0]["n"] == 7


def test_channel_option_limits_the_crawl(tmp_path: Path) -> None:
    site = build_site(n_articles=60, seed=1)
    result = crawl_replica(site, tmp_path / "a.db", "--channel", "yaowen/shendu")
    assert result.returncode == 0, result.stderr[-2000:]
    channels = {r["channel"] for r in result.rows("select distinct channel from articles")}
    expected = {
        t["article_id"] for t in site.truth if t["reachable"] and t["status"] == 200 and t["channel"] == "yaowen/shendu"
    }
    assert channels == {"yaowen/shendu"}
    assert {r["article_id"] for r in result.rows("select article_id from articles")} == expected


def test_second_run_on_locked_archive_exits_at_once(tmp_path: Path) -> None:
    from lcnews.db import Archive

    db = tmp_path / "a.db"
    with Archive(str(db)) as archive:
        archive.acquire_run_lock()
        proc = run_cli("crawl", "--db", str(db), "--base-url", "http://127.0.0.1:9")
    assert proc.returncode == 5
    _one_clear_message(proc.stderr)


def test_extract_json_one_object_per_input_in_order(tmp_path: Path) -> None:
    site = build_site(n_articles=20, seed=3)
    truths = [t for t in site.truth if t["status"] == 200][:3]
    files = []
    for i, t in enumerate(truths):
        status, _headers, body = site.respond("GET", t["path"])
        assert status == 200
        f = tmp_path / f"{i}.html"
        f.write_bytes(body)
        files.append(str(f))
    proc = run_cli("extract", *files, "--json")
    assert proc.returncode == 0, proc.stderr
    objects = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["input"] for o in objects] == files
    for o, t in zip(objects, truths, strict=True):
        assert {k: o[k] for k in ("title", "published_at", "source", "authors", "editors", "body")} == {
            k: t[k] for k in ("title", "published_at", "source", "authors", "editors", "body")
        }


def test_extract_missing_file_is_reported(tmp_path: Path) -> None:
    proc = run_cli("extract", str(tmp_path / "nope.html"))
    assert proc.returncode == 1
    assert "cannot read" in proc.stderr and "Traceback" not in proc.stderr


def test_search_json_lines(replica_crawl: CrawlResult) -> None:
    proc = run_cli("search", "聊城", "--db", str(replica_crawl.db), "--json", "--limit", "3")
    assert proc.returncode == 0, proc.stderr
    hits = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(hits) == 3
    for hit in hits:
        assert {"url", "article_id", "title", "published_at", "snippet"} <= hit.keys()
        row = replica_crawl.rows("select title, body from articles where article_id = ?", hit["article_id"])[0]
        assert "聊城" in row["title"] + row["body"]


def test_scrapy_crawl_command_runs_the_same_spider(tmp_path: Path) -> None:
    import subprocess
    import sys

    site = build_site(n_articles=20, seed=2)
    db = tmp_path / "s.db"
    root = Path(__file__).resolve().parent.parent
    with ReplicaServer(site) as server:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                "lcxw",
                "-a",
                f"base_url={server.base_url}",
                "-s",
                f"LCNEWS_DB_PATH={db}",
                "-s",
                "LOG_LEVEL=WARNING",
            ],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=300,
            env=crawl_env(),
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    expected = {t["article_id"] for t in site.truth if t["reachable"] and t["status"] == 200}
    with sqlite3.connect(db) as conn:
        got = {r[0] for r in conn.execute("select article_id from articles")}
    assert got == expected
