"""Extraction worker processes: results equal in-process extraction; a dead worker costs one page."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from lcnews.extract.assemble import assemble
from lcnews.items import RawPage
from lcnews.pipelines import workers
from lcnews.pipelines.workerpool import AsyncWorkerPool, PoolMap, WorkerCrashed
from lcnews.site import load_profile
from lcnews.testsite import build_site

SITE = build_site(n_articles=12, seed=4)
PAGES = []
for t in SITE.truth:
    if t["status"] == 200:
        status, headers, body = SITE.respond("GET", t["path"])
        PAGES.append(
            RawPage(
                url="http://127.0.0.1:1" + t["path"],
                canonical_url=t["url"],
                article_id=t["article_id"],
                channel=t["channel"],
                status=status,
                headers=headers,
                body=body,
                fetched_at="",
            )
        )


def test_pool_results_equal_in_process_extraction() -> None:
    async def go() -> list:
        pool = AsyncWorkerPool(2, (None, "http://127.0.0.1:1"))
        await pool.start()
        try:
            return await asyncio.gather(*(pool.run(p, timeout=60) for p in PAGES))
        finally:
            await pool.close()

    got = asyncio.run(go())
    profile = load_profile()
    from lcnews.extract.urls import SiteUrls

    urls = SiteUrls(profile, "http://127.0.0.1:1")
    expected = [assemble(p, profile, urls) for p in PAGES]
    assert got == expected


def test_killed_worker_fails_its_page_and_is_replaced() -> None:
    async def go() -> tuple[BaseException | None, object]:
        pool = AsyncWorkerPool(1, (None, None))
        await pool.start()
        try:
            job = asyncio.ensure_future(pool.run(PAGES[0], timeout=60))
            await asyncio.sleep(0)
            pool.workers[0].proc.kill()
            error = None
            try:
                await job
            except WorkerCrashed as exc:
                error = exc
            return error, await pool.run(PAGES[1], timeout=60)
        finally:
            await pool.close()

    error, article = asyncio.run(go())
    assert isinstance(error, WorkerCrashed)
    assert getattr(article, "article_id", None) == PAGES[1].article_id


def test_worker_error_is_reported_not_fatal() -> None:
    async def go() -> object:
        pool = AsyncWorkerPool(1, (None, None))
        await pool.start()
        try:
            with pytest.raises(RuntimeError, match="AttributeError"):
                await pool.run("not a page", timeout=60)
            return await pool.run(PAGES[0], timeout=60)
        finally:
            await pool.close()

    assert getattr(asyncio.run(go()), "article_id", None) == PAGES[0].article_id


def test_prepared_page_carries_its_compressed_body_and_hash() -> None:
    import hashlib
    import zlib

    from lcnews.extract.urls import SiteUrls

    profile = load_profile()
    page = PAGES[0]
    article = workers.prepare_page(page, profile, SiteUrls(profile, "http://127.0.0.1:1"))
    assert article.raw is not None and article.raw.body == b""
    assert zlib.decompress(article.raw.body_zlib) == page.body
    assert article.raw.body_sha256 == hashlib.sha256(page.body).hexdigest() == article.raw_sha256


def test_start_returns_once_every_worker_has_loaded_the_extractor() -> None:
    async def go() -> list[int]:
        pool = AsyncWorkerPool(2, (None, None))
        await pool.start()
        try:
            return [len(w.pending) for w in pool.workers]  # the start-up answer is in: nothing queued
        finally:
            await pool.close()

    assert asyncio.run(go()) == [0, 0]


def test_a_worker_that_cannot_start_fails_the_start() -> None:
    async def go() -> None:
        pool = AsyncWorkerPool(1, ("/nonexistent/profile.toml", None))
        try:
            await pool.start()
        finally:
            await pool.close()

    with pytest.raises(RuntimeError, match="cannot read site profile"):
        asyncio.run(go())


# Calls travel to the workers by name: builtins (a test module is not importable there).


@pytest.mark.parametrize("size", [1, 3])
def test_pool_map_is_the_ordered_map_of_its_items(size: int) -> None:
    with PoolMap(size, ahead=2) as pool_map:
        assert list(pool_map(hex, range(25))) == list(map(hex, range(25)))


def test_pool_map_reads_its_items_only_as_results_are_taken() -> None:
    taken: list[int] = []

    def items() -> Iterator[int]:
        for i in range(100):
            taken.append(i)
            yield i

    with PoolMap(2, ahead=2) as pool_map:
        first = next(pool_map(hex, items()))
    assert first == "0x0" and len(taken) <= 2 * 2 + 1


def test_pool_map_raises_what_the_call_raised() -> None:
    with PoolMap(2) as pool_map, pytest.raises(RuntimeError, match="ValueError: invalid literal"):
        list(pool_map(int, ["1", "2", "three", "4"]))
