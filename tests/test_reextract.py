"""lcnews.reextract: re-extraction in committed batches, in worker processes or in this one, resumable;
pages that gave no article when crawled (an extractor bug, no body) are retried and archived when they now extract."""

from __future__ import annotations

import dataclasses
import functools
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import crawl_env

from lcnews import reextract as reextract_module
from lcnews.db import Archive
from lcnews.extract.assemble import assemble
from lcnews.extract.urls import SiteUrls
from lcnews.items import Article, RawPage
from lcnews.pipelines.workerpool import PoolMap
from lcnews.reextract import JOB, reextract
from lcnews.site import load_profile
from lcnews.testsite import build_site

PROFILE = load_profile()
# What re-extraction may change; bookkeeping times (last_seen_at, updated_at, replaced_at) are the run's.
COLUMNS = ("article_id, title, body, published_at, source, authors, editors, images, channel_names, script, "
           "content_hash, simhash, cluster_id, version, field_sources, extractor_version")  # fmt: skip


@functools.cache
def crawled() -> tuple[Article, ...]:
    """Replica articles as a crawl archives them (each with its raw page)."""
    site = build_site(n_articles=40, seed=3)
    urls = SiteUrls(PROFILE)
    out = []
    for t in site.truth:
        status, headers, body = site.respond("GET", t["path"])
        if status != 200 or not t.get("reachable", True):
            continue
        page = RawPage(url=t["url"], canonical_url=t["url"], article_id=t["article_id"], channel=t["channel"],
                       status=status, headers=dict(headers), body=body, fetched_at="2025-01-01T00:00:00+00:00")  # fmt: skip
        article = assemble(page, PROFILE, urls)
        article.raw = page
        out.append(article)
    return tuple(out)


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive whose rows an older extractor got wrong: three bodies (new versions on
    re-extraction), two sources (refreshed in place)."""
    path = tmp_path_factory.mktemp("reextract") / "archive.db"
    articles = sorted(crawled(), key=lambda a: a.article_id)
    with Archive(path) as archive:
        archive.write_batch([dataclasses.replace(a) for a in articles])
        archive.write_batch([dataclasses.replace(a, body=a.body + "\n多余的一段", raw=None, index_text=None)
                             for a in articles[:3]])  # fmt: skip
        ids = [a.article_id for a in articles[5:7]]
        archive.conn.execute("UPDATE articles SET source = 'wrong' WHERE article_id IN (?, ?)", ids)
    return path


def _copy(src: Path, tmp_path: Path, name: str) -> Path:
    dst = tmp_path / name
    shutil.copy(src, dst)
    return dst


def _rows(path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        articles = conn.execute(f"SELECT {COLUMNS} FROM articles ORDER BY article_id").fetchall()
        versions = conn.execute(
            "SELECT article_id, version, title, body FROM article_versions ORDER BY 1, 2"
        ).fetchall()
        return articles, versions
    finally:
        conn.close()


def _run(path: Path, batch_map: Callable[..., Iterator[Any]] = map, **options: Any) -> Any:
    with Archive(path) as archive:
        return reextract(archive, PROFILE, batch_map=batch_map, **options)


def test_in_process_run_repairs_the_archive(damaged: Path, tmp_path: Path) -> None:
    report = _run(_copy(damaged, tmp_path, "a.db"), batch_size=7)
    assert (report.counts["updated"], report.counts["refreshed"], len(report.changed_ids)) == (3, 2, 3)
    assert report.articles == report.total == len(crawled())


def test_worker_processes_give_the_same_archive_as_one_process(damaged: Path, tmp_path: Path) -> None:
    single, parallel = _copy(damaged, tmp_path, "single.db"), _copy(damaged, tmp_path, "parallel.db")
    one = _run(single, batch_size=7)
    with PoolMap(2) as pool_map:
        two = _run(parallel, pool_map, batch_size=7)
    assert _rows(parallel) == _rows(single)
    assert (two.counts, two.changed_ids) == (one.counts, one.changed_ids)


class Killed(Exception):
    """Stands for the process being killed after some batches were committed."""


def _dies_after(jobs: int) -> Callable[[Callable[[Any], Any], Iterable[Any]], Iterator[Any]]:
    def batch_map(func: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        for n, out in enumerate(map(func, items)):
            if n == jobs:
                raise Killed
            yield out

    return batch_map


def test_a_stopped_run_continues_after_the_last_committed_batch(damaged: Path, tmp_path: Path) -> None:
    reference, resumed = _copy(damaged, tmp_path, "ref.db"), _copy(damaged, tmp_path, "resumed.db")
    _run(reference, batch_size=10)
    with pytest.raises(Killed):
        _run(resumed, _dies_after(2), batch_size=10)  # two jobs of 10 pages, each batch committed
    with Archive(resumed) as archive:
        state = archive.job_state(JOB)
    assert state is not None and state["status"] == "running" and state["done"] == 20
    report = _run(resumed, batch_size=10)
    assert (report.resumed_after, report.resumed_done) == (state["after_id"], 20)
    assert report.articles == len(crawled()) - 20
    assert _rows(resumed) == _rows(reference)


def test_a_finished_job_is_not_continued(damaged: Path, tmp_path: Path) -> None:
    path = _copy(damaged, tmp_path, "a.db")
    _run(path)
    again = _run(path)
    assert again.resumed_after is None and again.articles == len(crawled())
    assert again.counts["unchanged"] == len(crawled())


def test_restart_ignores_a_stopped_job(damaged: Path, tmp_path: Path) -> None:
    path = _copy(damaged, tmp_path, "a.db")
    with pytest.raises(Killed):
        _run(path, _dies_after(3), batch_size=10)
    report = _run(path, restart=True)
    assert report.resumed_after is None and report.articles == len(crawled())


def test_a_job_of_another_extractor_version_starts_over(damaged: Path, tmp_path: Path) -> None:
    path = _copy(damaged, tmp_path, "a.db")
    with pytest.raises(Killed):
        _run(path, _dies_after(3), batch_size=10)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = replace(value, '\"extractor_version\": \"', '\"extractor_version\": \"0.') "
                     "WHERE key = 'job:reextract'")  # fmt: skip
    report = _run(path)
    assert report.resumed_after is None and report.articles == len(crawled())


def test_a_page_that_is_not_stored_is_counted_and_skipped(damaged: Path, tmp_path: Path) -> None:
    path = _copy(damaged, tmp_path, "a.db")
    with sqlite3.connect(path) as conn:
        aid = conn.execute("SELECT min(article_id) FROM articles").fetchone()[0]
        conn.execute("UPDATE articles SET raw_sha256 = 'gone' WHERE article_id = ?", [aid])
    report = _run(path)
    assert report.missing_raw == [aid] and report.articles == len(crawled())


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive big enough that a re-extraction in batches of 5 runs for seconds."""
    site = build_site(n_articles=240, seed=5)
    urls = SiteUrls(PROFILE)
    articles = []
    for t in site.truth:
        status, headers, body = site.respond("GET", t["path"])
        if status == 200 and t.get("reachable", True):
            page = RawPage(url=t["url"], canonical_url=t["url"], article_id=t["article_id"], channel=t["channel"],
                           status=status, headers=dict(headers), body=body, fetched_at="")  # fmt: skip
            articles.append(dataclasses.replace(assemble(page, PROFILE, urls), raw=page))
    path = tmp_path_factory.mktemp("large") / "archive.db"
    with Archive(path) as archive:
        archive.write_batch(articles)
        archive.conn.execute("UPDATE articles SET source = 'wrong' WHERE article_id % 3 = 0")
    return path


def _job_done(path: Path) -> int:
    conn = sqlite3.connect(path, timeout=30)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'job:reextract'").fetchone()
    finally:
        conn.close()
    return int(json.loads(row[0])["done"]) if row else 0


@pytest.mark.e2e
def test_cli_killed_mid_run_continues_where_it_stopped(large: Path, tmp_path: Path) -> None:
    reference, killed = _copy(large, tmp_path, "ref.db"), _copy(large, tmp_path, "killed.db")
    _run(reference)
    cmd = [sys.executable, "-m", "lcnews", "reextract", "--db", str(killed), "--workers", "1", "--batch-size", "5",
           "--no-progress"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=crawl_env())
    deadline = time.monotonic() + 120
    while _job_done(killed) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.kill()  # SIGKILL: no cleanup, no last batch written
    proc.communicate()
    done = _job_done(killed)
    assert 0 < done < 200, f"the run was not stopped mid-way (done {done}, exit {proc.returncode})"
    again = subprocess.run(cmd, capture_output=True, text=True, env=crawl_env(), timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"({done} of " in again.stdout and "Continued a re-extraction stopped after article" in again.stdout
    assert _rows(killed) == _rows(reference)


# --- pages that gave no article when crawled ------------------------------------------------

SITE = build_site(n_articles=12, seed=5)
TRUTHS = [t for t in SITE.truth if t["status"] == 200 and t["reachable"]][:3]


def _failed_page(truth: dict) -> RawPage:
    status, headers, body = SITE.respond("GET", truth["path"])
    return RawPage(url="http://127.0.0.1:1" + truth["path"], canonical_url=truth["url"], article_id=truth["article_id"],
                   channel=truth["channel"], status=status, headers=headers, body=body,
                   fetched_at="2025-01-01T00:00:00Z")  # fmt: skip


@pytest.fixture
def archive_with_a_failed_page(tmp_path: Path) -> Path:
    """Two articles archived, the third page stored raw only (as the crawl keeps an extract_error)."""
    db = tmp_path / "a.db"
    pages = [_failed_page(t) for t in TRUTHS]
    articles: list[Article] = []
    for page in pages[:2]:
        article = assemble(page, PROFILE)
        article.raw = page
        articles.append(article)
    with Archive(db) as archive:
        archive.write_batch(articles, [pages[2]])
    return db


def test_a_page_that_gave_no_article_is_archived_when_it_now_extracts(archive_with_a_failed_page: Path) -> None:
    with Archive(archive_with_a_failed_page) as archive:
        report = reextract(archive, PROFILE)
        row = archive.article(TRUTHS[2]["article_id"])
        assert archive.unextracted_pages() == []
    assert (report.articles, report.retried, report.recovered) == (2, 1, [TRUTHS[2]["article_id"]])
    assert row is not None and row["title"] == TRUTHS[2]["title"] and row["channel"] == TRUTHS[2]["channel"]
    assert row["body"] == TRUTHS[2]["body"]


def test_a_page_that_still_fails_stays_stored_and_is_reported(
    archive_with_a_failed_page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = TRUTHS[2]["article_id"]

    def assemble_or_fail(page: RawPage, *args: object) -> Article:
        if page.article_id == failing:
            raise ZeroDivisionError("still a bug")
        return assemble(page, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(reextract_module, "assemble", assemble_or_fail)
    with Archive(archive_with_a_failed_page) as archive:
        report = reextract(archive, PROFILE)
        assert [p["article_id"] for p in archive.unextracted_pages()] == [failing]
    assert report.recovered == [] and report.failed == {failing: "ZeroDivisionError('still a bug')"}


def test_an_unchanged_archive_retries_nothing(archive_with_a_failed_page: Path) -> None:
    with Archive(archive_with_a_failed_page) as archive:
        reextract(archive, PROFILE)
        report = reextract(archive, PROFILE)
    assert (report.articles, report.retried, report.counts["updated"]) == (3, 0, 0)
