"""lcnews.db.pg.sync: a SQLite archive copied into PostgreSQL — every article with its versions, raw
pages, sightings and runs; a repeated sync changes nothing; a later one moves only what is new."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from lcnews.cli import cli
from lcnews.db import open_archive
from lcnews.db.pg.sync import sync
from lcnews.items import Article, Gone, RawPage

BODY = "聊城市东昌府区召开会议，部署运河文化带建设和古城保护工作。"
CLOCK = ("first_seen_at", "last_seen_at", "updated_at", "replaced_at", "run_id")


def art(aid: int, title: str = "标题", body: str = BODY) -> Article:
    url = f"https://www.lcxw.cn/a/{aid}.html"
    page = RawPage(url=url, canonical_url=url, channel="yaowen", fetched_at="2025-01-01T00:00:00+00:00",
                   body=f"<html>{aid}{title}{body}</html>".encode(), status=200, headers={}, article_id=aid)  # fmt: skip
    return Article(article_id=aid, url=url, title=title, body=body, channel="yaowen", raw=page,
                   raw_sha256=hashlib.sha256(page.body).hexdigest())  # fmt: skip


@pytest.fixture
def lite(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    with open_archive(path) as a:
        run = a.start_run({"LCNEWS_FULL": True})
        a.write_batch([art(i) for i in range(1, 6)], run_id=run)
        a.write_batch([art(1, "改过的标题"), art(2, body=BODY + "（更新）")], run_id=run)
        a.record_channels([(3, "shehui", "https://www.lcxw.cn/shehui/")])
        a.mark_gone(Gone(article_id=4, url="https://www.lcxw.cn/a/4.html", status=404, seen_at=""))
        a.mark_gone(Gone(article_id=9, url="https://www.lcxw.cn/a/9.html", status=410, seen_at=""))
        a.finish_run(run, {"pages": 7})
    return path


def dump(location: str | Path) -> dict[str, Any]:
    with open_archive(location, readonly=True) as a:
        arts = {x["article_id"]: {k: v for k, v in x.items() if k not in CLOCK} for x in a.iter_articles()}
        return {
            "articles": arts,
            "versions": {i: [{k: v for k, v in x.items() if k not in CLOCK} for x in a.versions(i)] for i in arts},
            "channels": {i: sorted(c["channel"] for c in a.channels(i)) for i in arts},
            "raw": {i: a.raw_page_record(x["raw_sha256"])["body"] for i, x in arts.items()},
            "dead": a.dead_link_ids(),
            "runs": [(r["status"], r["pages"], r["settings"]) for r in a.runs()],
            "search": [h["article_id"] for h in a.search("标题 OR 会议", limit=50)],
        }


def test_sync_copies_every_row_with_its_history(lite: Path, pg_url: str) -> None:
    report = sync(str(lite), pg_url)
    assert (report.articles_new, report.versions, report.raw_pages, report.runs) == (5, 2, 7, 1)
    assert dump(pg_url) == dump(lite)


def test_articles_point_at_the_copied_runs(lite: Path, pg_url: str) -> None:
    sync(str(lite), pg_url)
    with open_archive(pg_url, readonly=True) as pg:
        (run,) = pg.runs()
        assert {a["run_id"] for a in pg.iter_articles()} == {run["run_id"]}


def test_a_repeated_sync_changes_nothing(lite: Path, pg_url: str) -> None:
    sync(str(lite), pg_url)
    before = dump(pg_url)
    again = sync(str(lite), pg_url)
    assert again.changed == 0 and again.runs == 0 and dump(pg_url) == before


def test_a_later_sync_moves_only_what_is_new(lite: Path, pg_url: str) -> None:
    sync(str(lite), pg_url)
    with open_archive(lite) as a:
        a.write_batch([art(6), art(3, "第三篇的新标题")])
    later = sync(str(lite), pg_url)
    assert (later.articles_new, later.articles_updated, later.versions, later.raw_pages) == (1, 1, 1, 2)
    assert dump(pg_url) == dump(lite)


def test_different_text_on_the_server_is_kept_and_reported(lite: Path, pg_url: str) -> None:
    with open_archive(pg_url) as pg:
        pg.write_batch([art(5, "服务器上另抓的标题")])
    report = sync(str(lite), pg_url)
    assert report.conflict_ids == [5]
    with open_archive(pg_url, readonly=True) as pg:
        row = pg.article(5)
        assert row is not None and row["title"] == "服务器上另抓的标题"


def test_the_command_reports_and_repeats_quietly(lite: Path, pg_url: str) -> None:
    first = CliRunner().invoke(cli, ["sync", "--from", str(lite), "--to", pg_url])
    second = CliRunner().invoke(cli, ["sync", "--from", str(lite), "--to", pg_url])
    assert first.exit_code == 0 and "5 new" in first.output
    assert second.exit_code == 0 and "nothing new since the last sync" in second.output


@pytest.mark.parametrize(("args", "message"), [(["--to", "x.db"], "PostgreSQL archive URL"),
                                               (["--to", "postgresql://u:pw@127.0.0.1:9/x"], "cannot connect")])  # fmt: skip
def test_bad_targets_are_one_clear_error(lite: Path, args: list[str], message: str) -> None:
    res = CliRunner().invoke(cli, ["sync", "--from", str(lite), *args])
    assert res.exit_code == 1 and message in res.output and "Traceback" not in res.output
