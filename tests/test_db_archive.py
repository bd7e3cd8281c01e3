"""lcnews.db.Archive: opening, schema, batched upserts, versions, withdrawals, locks, corruption."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from lcnews.db import SCHEMA_VERSION, Archive, ArchiveLocked, CorruptArchive, UnwritablePath
from lcnews.db.errors import ArchiveError, ArchiveNotFound
from lcnews.items import Article, RawPage


def make_article(aid: int, **kw: object) -> Article:
    defaults: dict[str, object] = {
        "url": f"https://www.lcxw.cn/yaowen/{aid}.html",
        "channel": "yaowen",
        "title": f"聊城新闻{aid}",
        "body": f"第{aid}篇：聊城市召开会议，部署全年工作任务。\n第二段落内容在此。",
        "published_at": "2025-03-01T08:00:00+08:00",
        "authors": ["张三"],
        "editors": ["李四"],
    }
    defaults.update(kw)
    return Article(article_id=aid, **defaults)  # type: ignore[arg-type]


def make_raw(aid: int, body: bytes = b"<html>page</html>") -> RawPage:
    return RawPage(
        url=f"http://127.0.0.1/yaowen/{aid}.html",
        canonical_url=f"https://www.lcxw.cn/yaowen/{aid}.html",
        article_id=aid,
        channel="yaowen",
        status=200,
        headers={"content-type": "text/html"},
        body=body,
        fetched_at="2025-03-01T00:00:00+00:00",
        listing_url="https://www.lcxw.cn/yaowen/",
        listing_channel="yaowen",
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def fresh_db(db_path: Path):  # type: ignore[no-untyped-def]
    with Archive(db_path) as archive:
        yield archive


def test_new_archive_has_every_table(fresh_db: Archive) -> None:
    names = set(fresh_db.db.table_names())
    assert {"meta", "articles", "article_versions", "article_channels", "raw_pages",
            "crawl_runs", "search_chars", "articles_fts"} <= names  # fmt: skip


def test_new_archive_uses_wal(fresh_db: Archive) -> None:
    assert fresh_db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(
    "column", ["article_id", "url", "channel", "title", "published_at", "source", "authors",
               "editors", "body", "first_seen_at", "last_seen_at", "updated_at", "version",
               "withdrawn_at", "cluster_id", "run_id", "simhash", "content_hash", "extra", "field_sources"],
)  # fmt: skip
def test_articles_has_column(fresh_db: Archive, column: str) -> None:
    assert column in fresh_db.db["articles"].columns_dict


def test_article_id_is_the_rowid(fresh_db: Archive) -> None:
    assert fresh_db.db["articles"].pks == ["article_id"]
    assert "INTEGER PRIMARY KEY" in fresh_db.db["articles"].schema


def test_archive_opens_in_plain_sqlite3_without_extensions(fresh_db: Archive, db_path: Path) -> None:
    fresh_db.write_batch([make_article(1)])
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"聊城\"'").fetchone() == (1,)
    conn.close()


def test_insert_then_read_back(fresh_db: Archive) -> None:
    stats = fresh_db.write_batch([make_article(1)])
    assert stats["archived"] == 1
    row = fresh_db.article(1)
    assert row is not None
    assert row["authors"] == ["张三"] and row["version"] == 1 and row["withdrawn_at"] is None
    assert row["content_hash"] and len(row["simhash"]) == 16


def test_same_article_twice_is_one_row(fresh_db: Archive) -> None:
    fresh_db.write_batch([make_article(1)], seen_at="2025-03-01T00:00:00+00:00")
    stats = fresh_db.write_batch([make_article(1)], seen_at="2025-03-02T00:00:00+00:00")
    row = fresh_db.article(1)
    assert stats["unchanged"] == 1 and fresh_db.count() == 1
    assert row is not None and row["version"] == 1
    assert row["first_seen_at"] == "2025-03-01T00:00:00+00:00"
    assert row["last_seen_at"] == "2025-03-02T00:00:00+00:00"


def test_duplicate_inside_one_batch_is_one_row(fresh_db: Archive) -> None:
    stats = fresh_db.write_batch([make_article(1), make_article(1)])
    assert fresh_db.count() == 1 and stats == {**stats, "archived": 1, "unchanged": 1}


@pytest.mark.parametrize("change", [{"title": "新标题"}, {"body": "新的正文内容。"}])
def test_changed_text_makes_a_new_version(fresh_db: Archive, change: dict[str, str]) -> None:
    fresh_db.write_batch([make_article(1)])
    stats = fresh_db.write_batch([make_article(1, **change)], seen_at="2025-04-01T00:00:00+00:00")
    row = fresh_db.article(1)
    old = fresh_db.versions(1)
    assert stats["updated"] == 1
    assert row is not None and row["version"] == 2
    assert [v["version"] for v in old] == [1]
    assert old[0]["title"] == "聊城新闻1" and old[0]["replaced_at"] == "2025-04-01T00:00:00+00:00"
    assert old[0]["content_hash"] != row["content_hash"]


def test_metadata_only_change_is_not_a_version(fresh_db: Archive) -> None:
    fresh_db.write_batch([make_article(1)])
    fresh_db.write_batch([make_article(1, authors=["王五"])])
    assert fresh_db.versions(1) == []


def test_failed_batch_rolls_back_everything(fresh_db: Archive) -> None:
    fresh_db.write_batch([make_article(1)])
    with pytest.raises(TypeError):
        fresh_db.write_batch([make_article(2), object()])
    assert fresh_db.known_article_ids() == {1}


def test_batch_error_inside_sql_rolls_back(fresh_db: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    from lcnews.db import fts

    def boom(*a: object) -> None:
        raise sqlite3.OperationalError("simulated failure")

    monkeypatch.setattr(fts, "index_insert", boom)
    with pytest.raises(ArchiveError):
        fresh_db.write_batch([make_article(1)], [make_raw(1)])
    monkeypatch.undo()
    assert fresh_db.count() == 0
    assert fresh_db.conn.execute("SELECT count(*) FROM raw_pages").fetchone() == (0,)
    assert fresh_db.integrity_problems() == []


def test_url_conflict_is_dropped_with_a_reason(fresh_db: Archive) -> None:
    fresh_db.write_batch([make_article(1)])
    stats = fresh_db.write_batch([make_article(2, url=make_article(1).url)])
    assert stats["dropped"] == {"url_conflict": 1} and fresh_db.known_article_ids() == {1}


def test_raw_page_round_trip_and_dedupe(fresh_db: Archive) -> None:
    s1 = fresh_db.write_batch([], [make_raw(1), make_raw(1)])
    sha = fresh_db.conn.execute("SELECT sha256 FROM raw_pages").fetchone()[0]
    assert s1["raw_pages"] == 1
    assert fresh_db.raw_page(sha) == b"<html>page</html>"
    stored = fresh_db.conn.execute("SELECT body FROM raw_pages").fetchone()[0]
    assert zlib.decompress(stored) == b"<html>page</html>"


def test_raw_page_missing_is_key_error(fresh_db: Archive) -> None:
    with pytest.raises(KeyError):
        fresh_db.raw_page("0" * 64)


def test_channels_are_recorded_once_per_listing(fresh_db: Archive) -> None:
    fresh_db.write_batch([make_article(1)], [make_raw(1)], seen_at="2025-01-01T00:00:00+00:00")
    fresh_db.record_channels([(1, "yaowen", "https://www.lcxw.cn/yaowen/")],
                             seen_at="2025-02-01T00:00:00+00:00")  # fmt: skip
    rows = [r for r in fresh_db.channels(1) if r["listing_url"]]
    assert len(rows) == 1
    assert rows[0]["first_seen_at"] == "2025-01-01T00:00:00+00:00"
    assert rows[0]["last_seen_at"] == "2025-02-01T00:00:00+00:00"


def test_mark_withdrawn_keeps_the_article(fresh_db: Archive) -> None:
    fresh_db.write_batch([make_article(1)])
    assert fresh_db.mark_withdrawn(1, 404, "2025-05-01T00:00:00+00:00")
    row = fresh_db.article(1)
    assert row is not None and row["withdrawn_at"] == "2025-05-01T00:00:00+00:00"
    assert row["withdrawn_status"] == 404 and row["body"]


def test_mark_withdrawn_unknown_article(fresh_db: Archive) -> None:
    assert fresh_db.mark_withdrawn(99, 410) is False


def test_article_seen_again_is_no_longer_withdrawn(fresh_db: Archive) -> None:
    fresh_db.write_batch([make_article(1)])
    fresh_db.mark_withdrawn(1, 410)
    fresh_db.write_batch([make_article(1)])
    row = fresh_db.article(1)
    assert row is not None and row["withdrawn_at"] is None


def test_near_duplicates_share_a_cluster(fresh_db: Archive) -> None:
    body = "今天上午，聊城市召开全市经济工作会议，总结去年工作，部署今年任务，强调高质量发展。" * 3
    fresh_db.write_batch([make_article(1, body=body)])
    fresh_db.write_batch([make_article(2, body=body + "。"), make_article(3)])
    clusters = {aid: fresh_db.article(aid)["cluster_id"] for aid in (1, 2, 3)}  # type: ignore[index]
    assert clusters == {1: 1, 2: 1, 3: 3}


def test_runs_record_start_and_finish(fresh_db: Archive) -> None:
    run_id = fresh_db.start_run({"depth": 2}, base_url="http://127.0.0.1")
    fresh_db.finish_run(run_id, {"pages": 10, "archived": 3, "dropped": {"no body": 1},
                                 "exit_code": 0})  # fmt: skip
    (run,) = fresh_db.runs()
    assert run["status"] == "finished" and run["settings"] == {"depth": 2}
    assert run["dropped"] == {"no body": 1} and run["pages"] == 10 and run["finished_at"]


def test_second_run_is_refused_while_one_runs(db_path: Path) -> None:
    with Archive(db_path) as first, Archive(db_path) as second:
        first.start_run({})
        with pytest.raises(ArchiveLocked):
            second.start_run({})


def test_run_lock_is_released_by_finish_run(db_path: Path) -> None:
    with Archive(db_path) as first, Archive(db_path) as second:
        first.finish_run(first.start_run({}), {})
        second.start_run({})
        assert second.holds_run_lock


def test_lock_of_a_killed_process_is_not_stale(db_path: Path) -> None:
    code = (
        "import os,sys; from lcnews.db import Archive; a = Archive(sys.argv[1]).open(); "
        "a.start_run({}); print('locked', flush=True); os.kill(os.getpid(), 9)"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True, text=True)
    assert "locked" in proc.stdout and proc.returncode == -9
    with Archive(db_path) as again:
        again.start_run({})
        assert [r["status"] for r in again.runs()] == ["aborted", "running"]


def test_missing_directory_is_unwritable_path(tmp_path: Path) -> None:
    with pytest.raises(UnwritablePath):
        Archive(tmp_path / "nope" / "a.db").open()


def test_path_under_a_file_is_unwritable_path(tmp_path: Path) -> None:
    # A regular file as the "directory" is unwritable even for root (CI runs as root).
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UnwritablePath):
        Archive(blocker / "a.db").open()


def test_readonly_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArchiveNotFound):
        Archive(tmp_path / "none.db", readonly=True).open()


@pytest.mark.parametrize(
    "content",
    [b"hello, not a database at all" * 10, b"SQLite format 3\x00" + b"\xff" * 200, b"x"],
)
def test_non_sqlite_file_is_corrupt_and_untouched(db_path: Path, content: bytes) -> None:
    db_path.write_bytes(content)
    with pytest.raises(CorruptArchive):
        Archive(db_path).open()
    assert db_path.read_bytes() == content
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_foreign_sqlite_database_is_corrupt_and_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE other (x)")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(CorruptArchive):
        Archive(db_path).open()
    assert db_path.read_bytes() == before


def test_damaged_archive_is_corrupt_and_untouched(db_path: Path) -> None:
    with Archive(db_path) as a:
        a.write_batch([make_article(i) for i in range(1, 200)])
        a.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        a.conn.execute("PRAGMA journal_mode=DELETE")
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[3 * page + 8 : 3 * page + 4000] = os.urandom(3992)
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptArchive):
        Archive(db_path).open()
    assert db_path.read_bytes() == bytes(data)


def test_readonly_archive_refuses_writes(fresh_db: Archive, db_path: Path) -> None:
    fresh_db.write_batch([make_article(1)])
    with Archive(db_path, readonly=True) as ro:
        assert ro.count() == 1
        with pytest.raises(ArchiveError):
            ro.write_batch([make_article(2)])


def test_reopen_keeps_data_and_schema_version(db_path: Path) -> None:
    with Archive(db_path) as a:
        a.write_batch([make_article(1)])
    with Archive(db_path) as a:
        assert a.count() == 1
        assert a.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (str(SCHEMA_VERSION),)


def test_newer_schema_is_refused(db_path: Path) -> None:
    with Archive(db_path) as a:
        a.conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(ArchiveError, match="schema version 99"):
        Archive(db_path).open()


def test_iter_articles_filters_and_orders(fresh_db: Archive) -> None:
    fresh_db.write_batch([
        make_article(1, published_at="2025-02-01T08:00:00+08:00"),
        make_article(2, published_at="2025-01-01T08:00:00+08:00", channel="shehui"),
        make_article(3, published_at="2025-03-01T08:00:00+08:00"),
    ])  # fmt: skip
    assert [a["article_id"] for a in fresh_db.iter_articles()] == [2, 1, 3]
    assert [a["article_id"] for a in fresh_db.iter_articles(channel="yaowen", since="2025-02")] == [1, 3]


def test_known_article_ids(fresh_db: Archive) -> None:
    fresh_db.write_batch([make_article(5), make_article(7)])
    assert fresh_db.known_article_ids() == {5, 7}


def test_raw_page_carried_by_the_article_is_archived(fresh_db: Archive) -> None:
    art = make_article(1)
    art.raw = make_raw(1, b"<html>carried</html>")
    fresh_db.write_batch([art])
    assert "raw" not in fresh_db.db["articles"].columns_dict
    sha = fresh_db.conn.execute("SELECT sha256 FROM raw_pages WHERE article_id = 1").fetchone()[0]
    assert fresh_db.raw_page(sha) == b"<html>carried</html>"


def test_record_listing_and_mark_gone(fresh_db: Archive) -> None:
    from lcnews.items import Gone, ListingSeen

    fresh_db.write_batch([make_article(1), make_article(2)])
    fresh_db.record_listing(ListingSeen("https://www.lcxw.cn/shehui/", "shehui", [1, 2],
                                        ["/a", "/b"], "2025-06-01T00:00:00+00:00"))  # fmt: skip
    assert fresh_db.mark_gone(Gone(2, "u", 410, "2025-06-02T00:00:00+00:00"))
    assert {r["channel"] for r in fresh_db.channels(1)} == {"yaowen", "shehui"}
    row = fresh_db.article(2)
    assert row is not None and row["withdrawn_status"] == 410


def test_traditional_script_copy_joins_the_cluster(fresh_db: Archive) -> None:
    import opencc

    body = "在位于东昌府区的鑫鹏集团生产园区内，公司正开足马力生产油井钻探用无缝管材。" * 3
    to_traditional = opencc.OpenCC("s2t").convert
    fresh_db.write_batch([make_article(10, title="鑫鹏集团开足马力", body=body)])
    fresh_db.write_batch([make_article(11, title=to_traditional("鑫鹏集团开足马力"), body=to_traditional(body))])
    assert fresh_db.article(11)["cluster_id"] == 10  # type: ignore[index]
    assert fresh_db.article(11)["content_hash"] == fresh_db.article(10)["content_hash"]  # type: ignore[index]


def test_field_sources_are_stored_as_a_json_object(fresh_db: Archive) -> None:
    article = make_article(1)
    article.field_sources = {"title": "h1 + <title>", "published_at": "head:labelled"}
    fresh_db.write_batch([article])
    row = fresh_db.article(1)
    assert row is not None and row["field_sources"] == {"title": "h1 + <title>", "published_at": "head:labelled"}


def test_an_archive_without_field_sources_gains_the_column(db_path: Path) -> None:
    with Archive(db_path) as arch:
        arch.write_batch([make_article(1)])
    conn = sqlite3.connect(db_path)
    conn.execute("ALTER TABLE articles DROP COLUMN field_sources")
    conn.execute("ALTER TABLE article_versions DROP COLUMN field_sources")
    conn.commit()
    conn.close()
    with Archive(db_path) as arch:
        assert "field_sources" in arch.db["articles"].columns_dict
        row = arch.article(1)
        assert row is not None and row["title"]


def test_pages_stored_without_an_article_are_listed_newest_first(db_path: Path) -> None:
    old, new = make_raw(7, b"<html>old</html>"), make_raw(7, b"<html>new</html>")
    new.fetched_at = "2025-03-02T00:00:00+00:00"
    with Archive(db_path) as archive:
        archive.write_batch([make_article(1)], [make_raw(1), old, new])
        (page,) = archive.unextracted_pages()
        assert (page["article_id"], archive.raw_page_record(page["sha256"])["body"]) == (7, b"<html>new</html>")
        archive.write_batch([make_article(7)])
        assert archive.unextracted_pages() == []


def test_known_articles_maps_every_id_to_its_time(fresh_db) -> None:  # type: ignore[no-untyped-def]
    fresh_db.write_batch([
        Article(article_id=i, url=f"https://www.lcxw.cn/a/{i}.html", title="t", body="b",
                published_at=None if i == 7 else f"2025-01-{i:02d}T08:00:00+08:00")
        for i in (9, 3, 7)
    ])  # fmt: skip
    known = fresh_db.known_articles()
    assert dict(known) == {3: "2025-01-03T08:00:00+08:00", 7: None, 9: "2025-01-09T08:00:00+08:00"}
    assert 7 in known and 4 not in known and "3" not in known and len(known) == 3
    with pytest.raises(KeyError):
        known[4]


def test_facet_indexes_are_created_on_a_writable_open(db_path: Path) -> None:
    def indexed(conn: sqlite3.Connection) -> set[str]:
        rows = conn.execute("SELECT name FROM pragma_index_list('articles')").fetchall()
        return {c for (name,) in rows for (_, _, c) in conn.execute(f"PRAGMA index_info('{name}')")}

    with Archive(db_path) as archive:
        assert {"source", "authors"} <= indexed(archive.conn)
        archive.conn.execute("DROP INDEX idx_articles_authors")
    with Archive(db_path) as archive:
        assert "authors" in indexed(archive.conn)


def test_a_batch_carries_sightings_and_removals_in_one_transaction(fresh_db: Archive) -> None:
    from lcnews.items import Gone

    fresh_db.write_batch([make_article(1), make_article(2)])
    stats = fresh_db.write_batch(
        [make_article(3)],
        channels=[(3, "shehui", "https://www.lcxw.cn/shehui/")],
        gone=[Gone(2, "u2", 410, "2025-06-02T00:00:00+00:00"), Gone(8, "u8", 404, "2025-06-02T00:00:00+00:00")],
    )
    assert (stats["archived"], stats["withdrawn"], stats["dead_links"]) == (1, 1, 1)
    assert {r["channel"] for r in fresh_db.channels(3)} == {"yaowen", "shehui"}
    assert fresh_db.dead_link_ids() == {8}


def test_a_failed_batch_keeps_its_removals_out_too(fresh_db: Archive) -> None:
    from lcnews.items import Gone

    fresh_db.write_batch([make_article(1)])
    with pytest.raises(TypeError):
        fresh_db.write_batch([object()], gone=[Gone(1, "u1", 410, "2025-06-02T00:00:00+00:00")])
    row = fresh_db.article(1)
    assert row is not None and row["withdrawn_at"] is None
