"""lcnews.db.pg.archive: the PostgreSQL archive keeps the SQLite archive's promises (ArchiveAPI):
same tables, versions, provenance, never-delete, run lock, read-only, errors; and several writers
on one archive take turns batch by batch."""

from __future__ import annotations

import inspect

import psycopg
import pytest
from test_db_api import PROTOCOL_METHODS

from lcnews.db import ArchiveAPI, ArchiveError, ArchiveLocked, ArchiveNotFound, CorruptArchive, open_archive
from lcnews.db import schema as lite_schema
from lcnews.db.pg import PgArchive
from lcnews.db.pg import schema as pg_schema
from lcnews.items import Article, Gone, RawPage

BODY = "聊城市东昌府区今天召开会议，部署运河文化带建设和古城保护工作，" * 3


def art(aid: int, title: str = "标题", body: str = BODY, **kw: object) -> Article:
    return Article(article_id=aid, url=f"https://www.lcxw.cn/a/{aid}.html", title=title, body=body, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", PROTOCOL_METHODS)
def test_pg_archive_has_the_method_with_the_same_parameters(name: str) -> None:
    want = inspect.signature(getattr(ArchiveAPI, name))
    got = inspect.signature(getattr(PgArchive, name))
    assert [(p.name, p.kind, p.default) for p in got.parameters.values()] == [
        (p.name, p.kind, p.default) for p in want.parameters.values()
    ]


def test_tables_are_named_as_in_sqlite(pg_url: str) -> None:
    with open_archive(pg_url) as pg:
        assert isinstance(pg, ArchiveAPI)
        assert set(pg_schema.existing_tables(pg.conn)) == set(lite_schema.TABLES) == set(pg_schema.TABLES)  # type: ignore[attr-defined]


def test_changed_text_makes_a_version_and_keeps_the_old_one(pg_url: str) -> None:
    with open_archive(pg_url) as pg:
        first = pg.write_batch([art(1, "旧标题")])
        second = pg.write_batch([art(1, "新标题")])
        third = pg.write_batch([art(1, "新标题")])
        assert (first["archived"], second["updated"], third["unchanged"]) == (1, 1, 1)
        current, (old,) = pg.article(1), pg.versions(1)
        assert current is not None and (current["title"], current["version"]) == ("新标题", 2)
        assert (old["title"], old["version"], old["replaced_at"] is not None) == ("旧标题", 1, True)


def test_new_metadata_for_the_same_text_is_refreshed_in_place(pg_url: str) -> None:
    with open_archive(pg_url) as pg:
        pg.write_batch([art(1, source="聊城日报")])
        assert pg.write_batch([art(1, source="聊城晚报")])["refreshed"] == 1
        row = pg.article(1)
        assert row is not None and row["source"] == "聊城晚报" and pg.versions(1) == []


def test_provenance_run_and_raw_page_are_stored(pg_url: str) -> None:
    page = RawPage(url="https://www.lcxw.cn/a/1.html", body="<html>聊城</html>".encode(), status=200,
                   headers={"Content-Type": "text/html"}, article_id=1, canonical_url="https://www.lcxw.cn/a/1.html",
                   channel="yaowen", fetched_at="2025-01-01T00:00:00+00:00")  # fmt: skip
    with open_archive(pg_url) as pg:
        run_id = pg.start_run({"LCNEWS_FULL": True}, base_url="http://127.0.0.1:1")
        a = art(1, raw_sha256="", raw=page)
        assert pg.write_batch([a], run_id=run_id)["raw_pages"] == 1
        pg.finish_run(run_id, {"pages": 3, "dropped": {"no_body": 1}})
        (run,) = pg.runs()
        assert (run["run_id"], run["status"], run["pages"], run["dropped"], run["settings"]) == (
            run_id, "finished", 3, {"no_body": 1}, {"LCNEWS_FULL": True})  # fmt: skip
        row = pg.article(1)
        assert row is not None and row["run_id"] == run_id
        import hashlib

        rec = pg.raw_page_record(hashlib.sha256(page.body).hexdigest())
        assert (rec["body"], rec["headers"], rec["status"]) == (page.body, page.headers, 200)


def test_pages_stored_without_an_article_are_listed_newest_first(pg_url: str) -> None:
    def page(body: bytes, fetched_at: str) -> RawPage:
        return RawPage(url="https://www.lcxw.cn/a/7.html", body=body, status=200, headers={}, article_id=7,
                       canonical_url="https://www.lcxw.cn/a/7.html", channel="yaowen", fetched_at=fetched_at)  # fmt: skip

    with open_archive(pg_url) as pg:
        pg.write_batch(
            [art(1)],
            [page(b"<html>old</html>", "2025-01-01T00:00:00Z"), page(b"<html>new</html>", "2025-01-02T00:00:00Z")],
        )
        (listed,) = pg.unextracted_pages()
        assert (listed["article_id"], pg.raw_page_record(listed["sha256"])["body"]) == (7, b"<html>new</html>")
        pg.write_batch([art(7)])
        assert pg.unextracted_pages() == []


def test_a_gone_article_is_marked_withdrawn_never_deleted(pg_url: str) -> None:
    with open_archive(pg_url) as pg:
        pg.write_batch([art(1)])
        assert pg.mark_gone(Gone(article_id=1, url="https://www.lcxw.cn/a/1.html", status=404, seen_at="")) is True
        assert pg.mark_gone(Gone(article_id=2, url="https://www.lcxw.cn/a/2.html", status=410, seen_at="")) is False
        row = pg.article(1)
        assert row is not None and row["withdrawn_status"] == 404
        assert pg.dead_link_ids() == {2} and pg.known_articles() == {1: None}


def test_channels_and_completion_are_recorded(pg_url: str) -> None:
    with open_archive(pg_url) as pg:
        pg.write_batch([art(1, channel="yaowen")])
        pg.record_channels([(1, "shehui", "https://www.lcxw.cn/shehui/")])
        pg.mark_channels_complete(["yaowen"], None)
        assert {c["channel"] for c in pg.channels(1)} == {"yaowen", "shehui"}
        assert pg.complete_channels() == {"yaowen"}


def test_iter_articles_streams_every_article_by_date(pg_url: str) -> None:
    with open_archive(pg_url) as pg:
        pg.write_batch([art(i, published_at=f"2025-0{10 - i}-01") for i in range(1, 6)])
        assert [a["article_id"] for a in pg.iter_articles(batch_size=2)] == [5, 4, 3, 2, 1]
        assert [a["article_id"] for a in pg.iter_articles(since="2025-08")] == [2, 1]


def test_the_run_lock_is_exclusive(pg_url: str) -> None:
    with open_archive(pg_url) as a, open_archive(pg_url) as b:
        a.acquire_run_lock()
        with pytest.raises(ArchiveLocked):
            b.acquire_run_lock()
        a.release_run_lock()
        b.acquire_run_lock()


def test_a_shared_crawls_workers_share_the_run_lock_but_exclude_a_crawl_of_its_own(pg_url: str) -> None:
    with open_archive(pg_url, shared_runs=True) as w1, open_archive(pg_url, shared_runs=True) as w2:
        w1.start_run({}), w2.start_run({})
        with open_archive(pg_url) as solo, pytest.raises(ArchiveLocked):
            solo.acquire_run_lock()


def test_two_writers_take_turns_and_see_each_others_articles(pg_url: str) -> None:
    with open_archive(pg_url, shared_runs=True) as w1, open_archive(pg_url, shared_runs=True) as w2:
        w1.write_batch([art(1)])
        out = w2.write_batch([art(2, body=BODY + "。"), art(1, "改过的标题")])
        assert (out["archived"], out["updated"]) == (1, 1)
        row = w2.article(2)
        assert row is not None and row["cluster_id"] == 1  # the near-duplicate w1 wrote is seen
        assert w1.search_count("改过") == 1 and w1.search_count("标题") == 2


def test_read_only_refuses_writes(pg_url: str) -> None:
    with open_archive(pg_url) as pg:
        pg.write_batch([art(1)])
    with open_archive(pg_url, readonly=True) as ro:
        assert ro.search_count("聊城") == 1
        with pytest.raises(ArchiveError, match="read-only"):
            ro.write_batch([art(2)])


def test_read_only_open_of_an_empty_schema_is_not_found(pg_url: str) -> None:
    with pytest.raises(ArchiveNotFound, match="no lcnews archive"):
        open_archive(pg_url, readonly=True)


def test_a_schema_holding_other_tables_is_refused_untouched(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE other (x int)")
    with pytest.raises(CorruptArchive, match="not an lcnews archive"):
        open_archive(pg_url)
    with psycopg.connect(pg_url) as conn:
        assert pg_schema.existing_tables(conn) == {"other"}


def test_an_unreachable_server_is_named_without_its_password() -> None:
    url = "postgresql://someone:s3cret@127.0.0.1:9/nowhere"
    with pytest.raises(ArchiveNotFound, match="cannot connect") as info:
        open_archive(url)
    assert "s3cret" not in str(info.value) and "***" in str(info.value)


def test_nul_characters_are_stored_as_replacement_characters(pg_url: str) -> None:
    with open_archive(pg_url) as pg:
        pg.write_batch([art(1, "标\x00题")])
        row = pg.article(1)
        assert row is not None and row["title"] == "标\ufffd题"


def test_a_batch_carries_sightings_and_removals_in_one_transaction(pg_url: str) -> None:
    with open_archive(pg_url) as pg:
        pg.write_batch([art(1), art(2)])
        stats = pg.write_batch(
            [art(3)],
            channels=[(3, "shehui", "https://www.lcxw.cn/shehui/")],
            gone=[
                Gone(article_id=2, url="u2", status=410, seen_at=""),
                Gone(article_id=8, url="u8", status=404, seen_at=""),
            ],
        )
        assert (stats["archived"], stats["withdrawn"], stats["dead_links"]) == (1, 1, 1)
        assert "shehui" in {c["channel"] for c in pg.channels(3)} and pg.dead_link_ids() == {8}


def test_a_batch_carries_sightings_and_removals(pg_url: str) -> None:
    with open_archive(pg_url) as pg:
        pg.write_batch([art(1)])
        out = pg.write_batch(
            [art(2)],
            channels=[(2, "shehui", "https://www.lcxw.cn/shehui/")],
            gone=[Gone(article_id=1, url="https://www.lcxw.cn/a/1.html", status=404, seen_at=""),
                  Gone(article_id=3, url="https://www.lcxw.cn/a/3.html", status=410, seen_at="")],
        )  # fmt: skip
        assert (out["archived"], out["withdrawn"], out["dead_links"]) == (1, 1, 1)
        assert [c["channel"] for c in pg.channels(2)] == ["shehui"] and pg.dead_link_ids() == {3}


def test_print_editions_are_refused_plainly(pg_url: str) -> None:
    from lcnews.db import print_archive

    with open_archive(pg_url) as pg, pytest.raises(ArchiveError, match="does not hold print editions"):
        print_archive(pg)
