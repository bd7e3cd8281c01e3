"""Issue 8's bar on every skin of the replica, separately: extraction of ~40 articles per skin must
reach coverage 1.0, title >= 0.98, publish time 1.0, source >= 0.95, authors >= 0.90, editors >= 0.90,
body F1 >= 0.97 and no furniture in any body. Scoring is bench/skins_eval.py's (public API only)."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.skins_eval import THRESHOLDS, SkinReport, evaluate_skin  # noqa: E402
from lcnews.testsite import SKINS  # noqa: E402

ARTICLES = 40


@cache
def report(skin: str) -> SkinReport:
    return evaluate_skin(skin, n_articles=ARTICLES, seed=1)


def _check(skin: str, key: str) -> None:
    r = report(skin)
    assert r.rate(key) >= THRESHOLDS[key], (round(r.rate(key), 3), r.failing(key))


@pytest.mark.parametrize("skin", SKINS)
def test_every_article_is_extracted(skin: str) -> None:
    _check(skin, "coverage")


@pytest.mark.parametrize("skin", SKINS)
def test_titles(skin: str) -> None:
    _check(skin, "title")


@pytest.mark.parametrize("skin", SKINS)
def test_publish_times(skin: str) -> None:
    _check(skin, "published_at")


@pytest.mark.parametrize("skin", SKINS)
def test_sources(skin: str) -> None:
    _check(skin, "source")


@pytest.mark.parametrize("skin", SKINS)
def test_authors(skin: str) -> None:
    _check(skin, "authors")


@pytest.mark.parametrize("skin", SKINS)
def test_editors(skin: str) -> None:
    _check(skin, "editors")


@pytest.mark.parametrize("skin", SKINS)
def test_body_f1(skin: str) -> None:
    _check(skin, "body_f1")


@pytest.mark.parametrize("skin", SKINS)
def test_no_furniture_in_any_body(skin: str) -> None:
    leaks = [(p.path, p.leaked) for p in report(skin).furniture_pages()]
    assert not leaks, leaks[:3]
