"""Known inputs -> known scores for the portals benchmark (bench/metrics.furniture_lines, bench/portals_eval)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import metrics as M  # noqa: E402
from bench.portals_eval import minute_match  # noqa: E402

TRUTH = "河道两岸新栽植苗木300株。\n下一步将建立巡查台账。"


def test_a_body_line_is_never_furniture() -> None:
    assert M.furniture_lines("河道两岸新栽植苗木300株。", TRUTH) == []


@pytest.mark.parametrize(
    "line", ["编辑 王明 校对 李强", "免责声明：转载仅为传递信息", "（完）", "原标题：旧的标题", "返回搜狐，查看更多"]
)
def test_furniture_patterns_flag_credit_and_disclaimer_lines(line: str) -> None:
    assert M.furniture_lines(line, TRUTH) == [line]


def test_a_known_furniture_line_is_flagged_even_without_a_pattern() -> None:
    assert M.furniture_lines("青岚发布", TRUTH, known=["青岚发布"]) == ["青岚发布"]


def test_a_fragment_of_a_known_furniture_line_is_flagged() -> None:
    assert M.furniture_lines("微博", TRUTH, known=["分享到： 微信 微博"]) == ["微博"]


def test_an_attached_dateline_is_not_furniture() -> None:
    line = "新华社青岚5月9日电（记者王明）河道两岸新栽植苗木300株。"
    assert (
        M.furniture_lines(
            line, TRUTH, known=["新华社青岚5月9日电（记者王明）"], attached=["新华社青岚5月9日电（记者王明）"]
        )
        == []
    )


def test_paragraph_present_ignores_whitespace() -> None:
    assert M.paragraph_present("下一步将建立巡查台账。", "前文\n下一步 将建立\u3000巡查台账。")


@pytest.mark.parametrize(
    ("pred", "ok"),
    [("2024-05-09T10:21:00+08:00", True), ("2024-05-09T02:21:00Z", True), ("2024-05-09 10:21", True),
     ("2024年5月9日 10:21", True), ("2024-05-09T10:21:00+00:00", False), ("2024-05-09", False), (None, False)],
)  # fmt: skip
def test_minute_match_compares_instants_when_an_offset_is_given(pred: str | None, ok: bool) -> None:
    assert minute_match(pred, "2024-05-09T10:21:33+08:00") is ok
