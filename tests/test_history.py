"""`lcnews history` and `lcnews reextract` on a crawled replica archive."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import CrawlResult, run_cli

from lcnews.history import history, text_diff


def test_text_diff_shows_changed_paragraph() -> None:
    old = {"version": 1, "title": "旧标题", "body": "第一段\n第二段"}
    new = {"version": 2, "title": "新标题", "body": "第一段\n第二段改了"}
    diff = text_diff(old, new)
    assert "-# 旧标题" in diff and "+# 新标题" in diff and "+第二段改了" in diff and "-第二段" in diff


def test_history_lists_each_change_oldest_first() -> None:
    v1 = {"version": 1, "title": "a", "body": "x", "source": "聊城日报"}
    v2 = {"version": 2, "title": "b", "body": "x", "source": "聊城日报"}
    v3 = {"version": 3, "title": "b", "body": "y", "source": "海报新闻"}
    changes = history([v1, v2], v3)
    assert [(c["from_version"], c["to_version"]) for c in changes] == [(1, 2), (2, 3)]
    assert changes[1]["meta_changes"] == ["source: '聊城日报' -> '海报新闻'"]


@pytest.fixture()
def archive_copy(replica_crawl: CrawlResult, tmp_path: Path) -> Path:
    db = tmp_path / "copy.db"
    shutil.copy(replica_crawl.db, db)
    return db


def test_reextract_unchanged_archive_changes_nothing(archive_copy: Path) -> None:
    before = (
        sqlite3.connect(archive_copy)
        .execute("select article_id, title, body, version from articles order by 1")
        .fetchall()
    )
    proc = run_cli("reextract", "--db", str(archive_copy))
    assert proc.returncode == 0, proc.stderr
    assert "text changed (new version)  0" in proc.stdout
    after = (
        sqlite3.connect(archive_copy)
        .execute("select article_id, title, body, version from articles order by 1")
        .fetchall()
    )
    assert after == before


def test_reextract_repairs_a_damaged_row_and_keeps_the_old_version(archive_copy: Path) -> None:
    conn = sqlite3.connect(archive_copy)
    article_id, body = conn.execute("select article_id, body from articles order by article_id limit 1").fetchone()
    conn.execute("update articles set body = 'broken' where article_id = ?", (article_id,))
    conn.commit()
    conn.close()
    proc = run_cli("reextract", "--db", str(archive_copy))
    assert proc.returncode == 0, proc.stderr
    assert str(article_id) in proc.stdout
    conn = sqlite3.connect(archive_copy)
    assert conn.execute("select body, version from articles where article_id = ?", (article_id,)).fetchone() == (
        body,
        2,
    )
    assert conn.execute("select body from article_versions where article_id = ?", (article_id,)).fetchone() == (
        "broken",
    )
    hist = run_cli("history", str(article_id), "--db", str(archive_copy), "--json")
    assert hist.returncode == 0, hist.stderr
    change = json.loads(hist.stdout)["changes"][0]
    assert "-broken" in change["diff"]


def test_history_of_unknown_article(replica_crawl: CrawlResult) -> None:
    proc = run_cli("history", "1", "--db", str(replica_crawl.db))
    assert proc.returncode == 1 and "not in" in proc.stderr and "Traceback" not in proc.stderr
