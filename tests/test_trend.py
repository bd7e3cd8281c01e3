"""`lcnews trend QUERY --db ... [--by month|week|year] [--png FILE]`: matching articles per period,
every period between the first and last hit shown (0 included), the same search as `lcnews search`;
the chart is drawn offline with matplotlib (the charts extra), and its absence is one clear message."""

from __future__ import annotations

import datetime as dt
import json
import struct
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import reading_archive
from click.testing import CliRunner

from lcnews.cli import cli
from lcnews.db import search as fts
from lcnews.extract.normalize import normalize

QUERY = "东阿 OR 冠县"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    path = tmp_path_factory.mktemp("trend") / "lcxw.db"
    return path, reading_archive.build(path)


def matching(truth: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def has(t: dict[str, Any], w: str) -> bool:
        return w in normalize(t["title"]) or w in normalize(t["body"])

    return [t for t in truth if has(t, "东阿") or has(t, "冠县")]


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_months_count_every_match(archive: tuple[Path, list[dict[str, Any]]]) -> None:
    db, truth = archive
    expected = Counter(t["published_at"][:7] for t in matching(truth))
    got = fts.trend(str(db), QUERY)
    assert {k: n for k, n in got if n} == dict(expected)
    assert (
        [k for k, _ in got] == sorted(k for k, _ in got) and got[0][0] == min(expected) and got[-1][0] == max(expected)
    )


def test_empty_months_between_hits_are_zero(archive: tuple[Path, list[dict[str, Any]]]) -> None:
    got = dict(fts.trend(str(archive[0]), QUERY))
    first, last = min(got), max(got)
    months = 12 * (int(last[:4]) - int(first[:4])) + int(last[5:]) - int(first[5:]) + 1
    assert len(got) == months and 0 in got.values()


def test_weeks_are_iso_weeks(archive: tuple[Path, list[dict[str, Any]]]) -> None:
    db, truth = archive
    expected = Counter(
        "{:04d}-W{:02d}".format(*dt.date.fromisoformat(t["published_at"][:10]).isocalendar()[:2])
        for t in matching(truth)
    )
    assert {k: n for k, n in fts.trend(str(db), QUERY, by="week") if n} == dict(expected)


def test_cli_prints_each_period_and_the_total(archive: tuple[Path, list[dict[str, Any]]]) -> None:
    db, truth = archive
    result = invoke("trend", "东阿", "OR", "冠县", "--db", str(db))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{QUERY}: {len(matching(truth))} articles per month")
    rows = [line.split()[:2] for line in lines[1:]]
    assert [(k, int(n)) for k, n in rows] == fts.trend(str(db), QUERY)


def test_cli_json_one_object_per_period(archive: tuple[Path, list[dict[str, Any]]]) -> None:
    result = invoke("trend", QUERY, "--db", str(archive[0]), "--json", "--by", "year")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["period"], r["articles"]) for r in rows] == fts.trend(str(archive[0]), QUERY, by="year")


def test_cli_filters_like_search(archive: tuple[Path, list[dict[str, Any]]]) -> None:
    db = archive[0]
    result = invoke("trend", QUERY, "--db", str(db), "--json", "--channel", "要闻", "--since", "2025")
    total = sum(json.loads(line)["articles"] for line in result.stdout.splitlines())
    assert total == fts.count(str(db), QUERY, channel="yaowen", since="2025") > 0


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_png_chart_is_written(archive: tuple[Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    out = tmp_path / "trend.png"
    result = invoke("trend", QUERY, "--db", str(archive[0]), "--png", str(out))
    assert result.exit_code == 0, result.output
    width, height = png_size(out)
    assert width >= 600 and height >= 400
    assert f"Chart: {out}" in result.output


def test_png_without_matplotlib_says_how_to_install_it(
    archive: tuple[Path, list[dict[str, Any]]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib → ImportError
    result = invoke("trend", QUERY, "--db", str(archive[0]), "--png", str(tmp_path / "t.png"))
    assert result.exit_code == 1
    assert "pip install 'lcnews[charts]'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "t.png").exists()


def test_png_into_a_missing_folder_is_refused_first(archive: tuple[Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    result = invoke("trend", QUERY, "--db", str(archive[0]), "--png", str(tmp_path / "no" / "t.png"))
    assert result.exit_code == 1 and "does not exist" in result.output


def test_a_bad_query_is_an_error(archive: tuple[Path, list[dict[str, Any]]]) -> None:
    result = invoke("trend", "聊*", "--db", str(archive[0]))
    assert result.exit_code == 1 and "prefix search" in result.output
