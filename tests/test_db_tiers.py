"""lcnews.db.tiers: each bigram's and character's bm25 weight tier per article, and the bound that
makes ranking over every match exact."""

from __future__ import annotations

import random

import pytest

from lcnews.db import tiers
from lcnews.extract.tokens import index_text


def _x(tf: float, dl: int, avgdl: float) -> float:
    return tf / (tiers.BM25_K1 * (1 - tiers.BM25_B + tiers.BM25_B * dl / avgdl))


def _tokens(title: str, body: str) -> dict[str, int]:
    t = index_text(title, body)
    return {tok[:-1]: ord(tok[-1]) - tiers.MARK_BASE for tok in tiers.tier_text(t[1], t[2]).split()}


@pytest.mark.parametrize("x", [0.0, 0.1, 0.27, 0.3, 1.0, 2.5, 7.77, 100.0, 1e6])
def test_a_weight_lies_in_its_tier(x: float) -> None:
    j = tiers.tier_of(x)
    assert 0 <= j <= tiers.TIER_MAX
    assert tiers.lower_edge(j) <= x * (1 + 1e-12)
    assert j == tiers.TIER_MAX or x < tiers.lower_edge(j + 1)


def test_every_distinct_bigram_and_character_gets_one_token() -> None:
    got = _tokens("聊城聊城", "钢铁，聊城")
    assert set(got) == {"聊城", "城聊", "钢铁", "铁，", "，聊", "聊", "城", "钢", "铁", "，"}


@pytest.mark.parametrize(
    ("key", "tf"),
    [("聊城", 5 * 2 + 1), ("城聊", 5), ("钢铁", 1), ("聊", 5 * 2 + 1), ("，", 1)],
)
def test_the_tier_is_that_of_the_title_weighted_frequency(key: str, tf: int) -> None:
    dl = len("聊城聊城") + len("钢铁，聊城")
    assert _tokens("聊城聊城", "钢铁，聊城")[key] == tiers.tier_of(_x(tf, dl, tiers.TIER_AVGDL))


def test_either_script_gives_the_same_tokens() -> None:
    assert _tokens("鋼鐵產業", "聊城鋼鐵") == _tokens("钢铁产业", "聊城钢铁")


@pytest.mark.parametrize("avgdl", [200.0, 600.0, 1000.0, 1500.0, 5000.0])
def test_an_article_below_a_tier_is_below_its_bound_at_any_average_length(avgdl: float) -> None:
    rng = random.Random(7)
    for _ in range(2000):
        tf, dl = rng.randint(1, 60), rng.randint(1, 8000)
        j = tiers.tier_of(_x(tf, dl, tiers.TIER_AVGDL))
        assert _x(tf, dl, avgdl) < tiers.x_bound(j + 1, avgdl)


def test_no_bound_above_the_top_tier() -> None:
    assert tiers.x_bound(tiers.TIER_MAX + 1, 600.0) == float("inf")


def test_empty_text_has_no_tokens() -> None:
    assert tiers.tier_text("", "") == ""
