"""The CLI on a PostgreSQL archive (``--db postgresql://…``): search, trend, export, history and
rebuild-index read it as they read a SQLite file; serve refuses it with one clear message."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lcnews.cli import cli
from lcnews.db import open_archive
from lcnews.items import Article


@pytest.fixture
def server_db(pg_url: str) -> str:
    with open_archive(pg_url) as pg:
        pg.write_batch(
            [
                Article(article_id=i, url=f"https://www.lcxw.cn/a/{i}.html", title=f"聊城新闻{i}", body="鋼鐵產業發展",
                        channel="yaowen", published_at=f"2025-0{i}-01T08:00:00+08:00", authors=["张三"])
                for i in range(1, 4)
            ]
        )  # fmt: skip
        pg.write_batch(
            [Article(article_id=1, url="https://www.lcxw.cn/a/1.html", title="聊城新闻1", body="改写后的正文")]
        )
    return pg_url


def invoke(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.output


def test_search_finds_either_script(server_db: str) -> None:
    code, out = invoke("search", "钢铁", "--db", server_db, "--json")
    assert code == 0 and sorted(json.loads(line)["article_id"] for line in out.splitlines()) == [2, 3]


def test_search_count(server_db: str) -> None:
    assert invoke("search", "聊城", "--count", "--db", server_db) == (0, "3\n")


def test_trend_counts_per_month(server_db: str) -> None:
    code, out = invoke("trend", "聊城", "--db", server_db, "--json")
    assert code == 0 and "2025-02" in out


def test_export_writes_every_matching_article(server_db: str, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    code, text = invoke("export", "--db", server_db, "--out", str(out), "--query", "钢")
    assert code == 0, text
    with out.open(encoding="utf-8-sig") as f:
        assert sorted(int(r["article_id"]) for r in csv.DictReader(f)) == [2, 3]


def test_history_shows_the_earlier_version(server_db: str) -> None:
    code, out = invoke("history", "1", "--db", server_db, "--json")
    assert code == 0 and json.loads(out)["version"] == 2 and len(json.loads(out)["changes"]) == 1


def test_rebuild_index(server_db: str) -> None:
    assert invoke("rebuild-index", "--db", server_db)[0] == 0


def test_serve_refuses_a_server_archive(server_db: str) -> None:
    code, out = invoke("serve", "--db", server_db)
    assert code == 1 and "SQLite archive file" in out and "Traceback" not in out


def test_an_unreachable_server_is_one_clear_error() -> None:
    code, out = invoke("search", "聊城", "--db", "postgresql://u:pw@127.0.0.1:9/x")
    assert code == 1 and "cannot connect" in out and "pw@" not in out
