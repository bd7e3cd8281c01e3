"""lcnews.pipelines.archive: batched writes, one crawl_runs row with figures and exit code."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from lcnews import settings as shipped_settings
from lcnews.db import open_archive
from lcnews.items import Article, Gone, ListingSeen, RawPage, Unextracted
from lcnews.outcome import EXIT_OK
from lcnews.pipelines.archive import ArchivePipeline


def _article(i: int) -> Article:
    return Article(article_id=i, url=f"https://www.lcxw.cn/yaowen/{i}.html", channel="yaowen", title=f"标题{i}",
                   published_at="2025-01-01T08:00:00+08:00", body="聊城新闻正文内容" * 5)  # fmt: skip


def _run(db: Path, items: list[object], **settings: object) -> ArchivePipeline:
    crawler = get_crawler(settings_dict={"LCNEWS_DB_PATH": str(db), "LCNEWS_ARCHIVE_BATCH_SIZE": 2, **settings})
    pipe = ArchivePipeline.from_crawler(crawler)
    pipe.open_spider()
    for item in items:
        pipe.process_item(item)
    pipe.close_spider()
    pipe._spider_closed(SimpleNamespace(walked_to_end={"yaowen"}), "finished")
    return pipe


def test_no_archive_path_switches_the_pipeline_off() -> None:
    with pytest.raises(NotConfigured):
        ArchivePipeline.from_crawler(get_crawler())


def test_articles_sightings_and_removals_are_archived(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    seen = ListingSeen(
        listing_url="https://www.lcxw.cn/shehui/", channel="shehui", article_ids=[1], paths=["p"], seen_at=""
    )
    _run(db, [_article(1), _article(2), _article(3), seen, Gone(article_id=9, url="u9", status=404, seen_at="")])
    with open_archive(db, readonly=True) as archive:
        assert set(archive.known_articles()) == {1, 2, 3}
        assert {c["channel"] for c in archive.channels(1)} == {"yaowen", "shehui"}
        assert archive.dead_link_ids() == {9} and archive.complete_channels() == {"yaowen"}


def test_the_run_is_recorded_with_its_exit_code(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    pipe = _run(db, [_article(1)])
    with open_archive(db, readonly=True) as archive:
        (run,) = archive.runs()
    assert run["run_id"] == pipe.run_id and run["status"] == "finished" and run["exit_code"] == EXIT_OK
    assert run["archived"] == 1 and run["coverage"]["articles"] == 1


def test_max_articles_drops_the_rest(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict={"LCNEWS_DB_PATH": str(tmp_path / "a.db"), "LCNEWS_MAX_ARTICLES": 1})
    pipe = ArchivePipeline.from_crawler(crawler)
    pipe.open_spider()
    pipe.process_item(_article(1))
    with pytest.raises(DropItem, match="max articles"):
        pipe.process_item(_article(2))
    pipe._spider_closed(SimpleNamespace(), "finished")
    assert crawler.stats is not None and crawler.stats.get_value("lcnews/drop/max_articles") == 1


def _unextracted(i: int, reason: str = "extract_error") -> Unextracted:
    page = RawPage(url=f"http://127.0.0.1:1/yaowen/20250101/{i}.html", canonical_url=f"https://www.lcxw.cn/yaowen/20250101/{i}.html",
                   article_id=i, channel="yaowen", status=200, headers={}, body=f"<p>页面{i}</p>".encode(),
                   fetched_at="2025-01-01T00:00:00Z")  # fmt: skip
    return Unextracted(page, reason, "ZeroDivisionError()")


@pytest.mark.parametrize("reason", ["extract_error", "extract_crash", "extract_timeout", "no_body"])
def test_a_page_that_gave_no_article_is_kept_raw_for_reextract(tmp_path: Path, reason: str) -> None:
    db = tmp_path / "a.db"
    _run(db, [_article(1), _unextracted(5, reason)], LCNEWS_ARCHIVE_RAW_PAGES=True)
    with open_archive(db, readonly=True) as archive:
        assert set(archive.known_articles()) == {1}
        (kept,) = archive.unextracted_pages()
        assert kept["article_id"] == 5 and archive.raw_page_record(kept["sha256"])["body"] == "<p>页面5</p>".encode()


def test_pages_that_gave_no_article_are_not_kept_without_raw_pages(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _run(db, [_unextracted(5)], LCNEWS_ARCHIVE_RAW_PAGES=False)
    with open_archive(db, readonly=True) as archive:
        assert archive.unextracted_pages() == []


def test_a_page_that_gave_no_article_is_not_counted_as_archived(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _run(db, [_unextracted(5)])
    with open_archive(db, readonly=True) as archive:
        (run,) = archive.runs()
    assert run["archived"] == 0 and run["items"] == 0 and run["coverage"]["articles"] == 0


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


SHIPPED = {k: v for k, v in vars(shipped_settings).items() if k.startswith("LCNEWS_")}


def _open(db: Path) -> tuple[ArchivePipeline, _Clock]:
    """A pipeline with the shipped batch size and flush times, on a clock the test moves."""
    pipe = ArchivePipeline.from_crawler(get_crawler(settings_dict={**SHIPPED, "LCNEWS_DB_PATH": str(db)}))
    clock = _Clock()
    pipe.cadence.clock = clock
    pipe.open_spider()
    return pipe, clock


def _committed(db: Path) -> set[int]:
    with open_archive(db, readonly=True) as archive:
        return set(archive.known_articles())


def test_shipped_defaults_commit_the_first_article_at_once(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    pipe, _clock = _open(db)
    pipe.process_item(_article(1))
    assert _committed(db) == {1}


@pytest.mark.parametrize(("after", "committed"), [(0.01, {1}), (0.06, {1, 2})])
def test_the_next_article_is_committed_after_its_wait(tmp_path: Path, after: float, committed: set[int]) -> None:
    db = tmp_path / "a.db"
    pipe, clock = _open(db)
    pipe.process_item(_article(1))
    pipe.process_item(_article(2))
    clock.now += after
    pipe.tick()
    assert _committed(db) == committed


def test_steady_state_commits_about_every_second(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    pipe, clock = _open(db)
    for i in range(1, 40):  # an article every 0.1 s for ~4 s: the waits grow to 1 s and stay there
        pipe.process_item(_article(i))
        clock.now += 0.1
        pipe.tick()
    stats = pipe.stats.get_stats()
    assert stats["lcnews/archive/max_wait_ms"] <= 1000
    assert 4 <= stats["lcnews/archive/commits"] <= 10


def test_sightings_and_removals_ride_in_the_articles_transaction(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    pipe, clock = _open(db)
    seen = ListingSeen(listing_url="https://www.lcxw.cn/shehui/", channel="shehui", article_ids=[1], paths=["p"],
                       seen_at="")  # fmt: skip
    pipe.process_item(_article(1))  # the first commit of a run
    for item in (seen, Gone(article_id=9, url="u9", status=404, seen_at=""), _article(2)):
        pipe.process_item(item)
    clock.now += 0.1
    pipe.tick()
    with open_archive(db, readonly=True) as archive:
        assert archive.dead_link_ids() == {9} and {c["channel"] for c in archive.channels(1)} == {"yaowen", "shehui"}
    assert pipe.stats.get_value("lcnews/archive/commits") == 2
