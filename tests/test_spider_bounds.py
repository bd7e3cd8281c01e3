"""lcnews.spiders.bounds: barren listing pages, the budgets, URL shapes and depth."""

from __future__ import annotations

import pytest

from lcnews.spiders.bounds import (
    CHANNEL_BUDGET,
    MAX_PAGES,
    RUN_BUDGET,
    TRAP_SHAPE,
    URL_DEPTH,
    CrawlBounds,
    url_depth,
    url_shape,
)


def _bounds(**kw: int) -> CrawlBounds:
    return CrawlBounds(
        **{"channel_barren": 3, "run_barren": 5, "shape_barren": 2, "max_depth": 6, "max_pages": 500, **kw}
    )


@pytest.mark.parametrize(
    ("url", "shape"),
    [
        ("http://h/yaowen/index_12.html", "/yaowen/index_#.html"),
        ("http://h/yaowen/rili/2025/12/3/", "/yaowen/rili/#/#/#/"),
        ("http://h/rexian/?page=7&x=a", "/rexian/?page=#&x=a"),
        ("http://h/", "/"),
    ],
)
def test_a_url_shape_replaces_every_number(url: str, shape: str) -> None:
    assert url_shape(url) == shape


@pytest.mark.parametrize(("url", "depth"), [("http://h/", 0), ("http://h/a/b/index_2.html", 3)])
def test_url_depth_counts_path_segments(url: str, depth: int) -> None:
    assert url_depth(url) == depth


@pytest.mark.parametrize(
    ("before", "page", "fresh"),
    [([], [1, 2], True), ([[1, 2]], [2, 3], True), ([[1, 2]], [2, 1], False), ([[1, 2]], [], False)],
    ids=["first", "one-new", "all-seen", "empty"],
)
def test_a_page_is_fresh_when_it_shows_an_article_new_to_its_channel(
    before: list[list[int]], page: list[int], fresh: bool
) -> None:
    bounds = _bounds()
    for ids in before:
        bounds.listing("yaowen", "http://h/yaowen/", ids)
    assert bounds.listing("yaowen", "http://h/yaowen/index_9.html", page) is fresh


def test_articles_seen_on_another_channel_are_new_to_this_one() -> None:
    bounds = _bounds()
    bounds.listing("yaowen/shehui", "http://h/yaowen/shehui/", [1, 2])
    assert bounds.listing("yaowen", "http://h/yaowen/", [1, 2])


def test_a_channel_out_of_barren_pages_is_refused_further_pagination() -> None:
    bounds = _bounds(channel_barren=2)
    for n in (2, 3):
        bounds.listing("tushuo", f"http://h/tushuo/p{'x' * n}.html", [])
    assert bounds.refusal("tushuo", "http://h/tushuo/index_4.html", 4, deeper=True) == CHANNEL_BUDGET
    assert bounds.refusal("yaowen", "http://h/yaowen/index_2.html", 2, deeper=True) is None


def test_the_run_out_of_barren_pages_is_refused_every_channels_pagination() -> None:
    bounds = _bounds(run_barren=3)
    for chan in ("a", "b", "c"):
        bounds.listing(chan, f"http://h/{chan}/x.html", [])
    assert bounds.refusal("d", "http://h/d/index_2.html", 2, deeper=True) == RUN_BUDGET
    assert bounds.refusal("d", "http://h/d/", 1, deeper=False) is None  # a channel's first page is not pagination


def test_a_shape_that_gave_barren_pages_is_a_trap_whatever_channel_links_it() -> None:
    bounds = _bounds(shape_barren=2)
    bounds.listing("yaowen", "http://h/rili/2025/12/", [])
    bounds.listing("shehui", "http://h/rili/2026/1/", [])
    assert bounds.refusal("tushuo", "http://h/rili/2026/2/", 2, deeper=False) == TRAP_SHAPE


def test_a_deep_url_is_refused() -> None:
    assert _bounds(max_depth=3).refusal("a", "http://h/a/b/c/d/index_2.html", 2, deeper=True) == URL_DEPTH


@pytest.mark.parametrize(("full", "reason"), [(False, MAX_PAGES), (True, None)])
def test_the_profiles_page_cap_holds_except_on_a_backfill(full: bool, reason: str | None) -> None:
    assert _bounds(max_pages=10).refusal("a", "http://h/a/index_11.html", 11, deeper=True, full=full) == reason
