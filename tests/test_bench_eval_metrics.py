"""Known inputs -> known scores for bench/metrics.py (no peers, no eval data needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import metrics as M  # noqa: E402


# -- normalisation / n-grams --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("聊城 新闻\n网", "聊城新闻网"),
        ("ＡＢＣ１２３，", "ABC123,"),  # NFKC folds full-width forms
        ("\u3000\u3000正文\xa0内容\u200b", "正文内容"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_zh(text, expected):
    assert M.normalize_zh(text) == expected


@pytest.mark.parametrize(
    ("text", "n", "expected"),
    [
        ("abcde", 4, {"abcd": 1, "bcde": 1}),
        ("aaaaa", 4, {"aaaa": 2}),
        ("abc", 4, {"abc": 1}),  # shorter than n: one gram
        ("", 4, {}),
    ],
)
def test_char_ngrams(text, n, expected):
    assert dict(M.char_ngrams(text, n)) == expected


# -- Chinese body P/R/F1 --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("pred", "truth", "p", "r"),
    [
        ("聊城新闻网报道", "聊城新闻网报道", 1.0, 1.0),
        ("聊城 新闻网\n报道", "聊城新闻网报道", 1.0, 1.0),  # whitespace is not significant
        ("", "聊城新闻网报道", 0.0, 0.0),
        ("聊城新闻网报道", "", 0.0, 0.0),
        ("", "", 1.0, 1.0),
        # pred = truth (7 chars, 4 grams) + 相关推荐 line (4 more chars): 4 of 8 pred grams true
        ("聊城新闻网报道\n相关推荐", "聊城新闻网报道", 0.5, 1.0),
        # pred is the first half of truth: 2 of 6 truth grams recalled, all pred grams true
        ("春夏秋冬风", "春夏秋冬风花雪月天", 1.0, 2 / 6),
        ("甲乙丙丁", "戊己庚辛", 0.0, 0.0),
    ],
)
def test_zh_body_prf(pred, truth, p, r):
    s = M.zh_body_prf(pred, truth)
    assert s.precision == pytest.approx(p)
    assert s.recall == pytest.approx(r)
    assert s.f1 == pytest.approx(2 * p * r / (p + r) if p + r else 0.0)


def test_zh_body_multiset_counts_duplicates():
    # a body duplicated by the extractor must lose precision
    s = M.zh_body_prf("一二三四" * 2, "一二三四")
    # pred grams: 一二三四 x2, 二三四一, 三四一二, 四一二三 -> 5; tp = 1
    assert s.precision == pytest.approx(1 / 5)
    assert s.recall == pytest.approx(1.0)


def test_macro_is_unweighted_mean():
    m = M.macro([M.PRF(1.0, 0.5, 2 / 3), M.PRF(0.0, 0.0, 0.0)])
    assert (m.precision, m.recall, m.f1) == pytest.approx((0.5, 0.25, 1 / 3))
    assert M.macro([]) == M.PRF(0.0, 0.0, 0.0)


# -- Zyte metric ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("pred", "truth", "triple"),
    [
        ("a b c d e", "a b c d e", (1.0, 0.0, 0.0)),
        # pred shingles: (a b c d), (b c d e), (c d e f); truth: the first two -> tp 2 fp 1
        ("a b c d e f", "a b c d e", (2 / 3, 1 / 3, 0.0)),
        ("", "a b c d e", (0.0, 0.0, 1.0)),
        ("x y", "x y", (1.0, 0.0, 0.0)),  # fewer than 4 tokens: one shingle
        ("", "", (0.0, 0.0, 0.0)),
        ("A, b; c. d!", "a b c d", (0.0, 0.5, 0.5)),  # punctuation ignored, case kept
    ],
)
def test_zyte_tp_fp_fn(pred, truth, triple):
    assert M.zyte_tp_fp_fn(pred, truth) == pytest.approx(triple)


def test_zyte_aggregate_means_then_f1():
    triples = [
        (1.0, 0.0, 0.0),  # perfect: P = R = 1
        (0.5, 0.5, 0.0),  # P = .5, R = 1
        (0.0, 0.0, 1.0),  # empty prediction: skipped for P, R = 0
    ]
    s = M.zyte_aggregate(triples)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_zyte_aggregate_cjk_sentence_is_one_token():
    # documented weakness: a whole CJK run is one \w+ token
    assert M.zyte_shingles("聊城新闻网报道。第二句") == {("聊城新闻网报道", "第二句"): 1}


# -- dates ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("2005-5-7 21:23:57", (2005, 5, 7, 21, 23)),
        ("2022-02-13 07:48", (2022, 2, 13, 7, 48)),
        ("2004-12-10", (2004, 12, 10)),
        ("2018", (2018,)),
        ("1998-3", (1998, 3)),
        ("UNKNOWN", None),
        ("UNKNWON", None),
        ("", None),
        ("刘涛", None),  # the zh-cwced defect: a name in the date file
    ],
)
def test_parse_truth_date(text, fields):
    assert M.parse_truth_date(text) == fields


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("2022-02-13T07:48:00+08:00", (2022, 2, 13, 7, 48)),
        ("2005年5月7日 21:23", (2005, 5, 7, 21, 23)),
        ("2005年05月07日21时23分", (2005, 5, 7, 21, 23)),
        ("发布时间：2022/02/13", (2022, 2, 13)),
        ("2024-05-10 00:00:00", (2024, 5, 10, 0, 0)),
        ("2022-13-45", None),  # invalid calendar value
        (None, None),
        ("no date here", None),
    ],
)
def test_parse_date_fields(text, fields):
    assert M.parse_date_fields(text) == fields


@pytest.mark.parametrize(
    ("pred", "truth", "level", "ok"),
    [
        ("2005-05-07T21:23:00+08:00", "2005-5-7 21:23:57", "day", True),
        ("2005-05-07T21:23:00+08:00", "2005-5-7 21:23:57", "minute", True),
        ("2005-05-07T21:24:00+08:00", "2005-5-7 21:23:57", "minute", False),
        ("2005-05-07", "2005-5-7 21:23:57", "day", True),
        ("2005-05-07", "2005-5-7 21:23:57", "minute", False),  # no time given
        ("2005-05-08T01:00:00+08:00", "2005-5-7 21:23:57", "day", False),
        ("1998-03-15T00:00:00+08:00", "1998-3", "day", True),  # truth precision is the month
        ("2018-06-01", "2018", "day", True),
        ("2017-06-01", "2018", "day", False),
        ("2018", "2018-06-01", "day", False),  # prediction coarser than truth
        (None, "2004-12-10", "day", False),
    ],
)
def test_date_match(pred, truth, level, ok):
    assert M.date_match(pred, M.parse_truth_date(truth), level) is ok


def test_date_match_minute_needs_truth_time():
    with pytest.raises(ValueError):
        M.date_match("2004-12-10", M.parse_truth_date("2004-12-10"), "minute")


# -- authors --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("王建宏 张文攀", {"王建宏", "张文攀"}),
        ("伊琳  李清芬", {"伊琳", "李清芬"}),
        ("赵延东、风笑天", {"赵延东", "风笑天"}),
        ("周思博 (Joel Spolsky)", {"周思博"}),
        (" 放飞&心情", {"放飞&心情"}),
        (["记者：张三", "李四"], {"张三", "李四"}),
        ("本报记者 王乐文", {"王乐文"}),
        ("A; B", {"A", "B"}),
        (None, set()),
        ([], set()),
    ],
)
def test_split_authors(value, expected):
    assert M.split_authors(value) == expected


@pytest.mark.parametrize(
    ("pred", "truth", "ok"),
    [
        (["王建宏", "张文攀"], "王建宏 张文攀", True),
        (["张文攀", "王建宏"], "王建宏 张文攀", True),  # a set: order is free
        (["王建宏"], "王建宏 张文攀", False),
        (["王建宏", "张文攀", "编辑甲"], "王建宏 张文攀", False),
        ("赵延东 风笑天", "赵延东、风笑天", True),
        ([], "胡平", False),
    ],
)
def test_authors_match(pred, truth, ok):
    assert M.authors_match(pred, M.parse_truth_authors(truth)) is ok


@pytest.mark.parametrize("truth", ["UNKNOWN", "", "  "])
def test_truth_authors_unknown(truth):
    assert M.parse_truth_authors(truth) is None


# -- boilerplate leaks ----------------------------------------------------------------------------
def test_leaked_lines():
    truth = "第一段正文。\n第二段正文，编辑部门表示。"
    pred = "第一段正文。\n第二段正文，编辑部门表示。\n编辑：李明\n相关推荐\n版权所有 聊城新闻网\n另一段多出的话"
    assert M.leaked_lines(pred, truth) == ["编辑：李明", "相关推荐", "版权所有 聊城新闻网"]
    assert M.extra_lines(pred, truth) == ["编辑：李明", "相关推荐", "版权所有 聊城新闻网", "另一段多出的话"]
    assert M.leaked_lines(truth, truth) == []
    assert M.leaked_lines("", truth) == []


_PARA = "全市各区县今年新建社区服务中心四十二处，居民就近办事更加方便，满意度明显提高。"


def test_clean_body_ignores_the_width_of_punctuation():
    pred = _PARA + "\n" + _PARA.replace("四十二", "五十")
    ascii_truth = ("昨天上午，" + pred).replace("，", ",")  # nearly all of its first paragraph is there
    assert M.clean_body(pred, ascii_truth)


def test_clean_body_misses_a_paragraph_that_is_not_there():
    assert not M.clean_body(_PARA, _PARA + "\n" + "另一段完全不同的正文内容，讲述农村道路建设和乡村振兴的最新情况。")
