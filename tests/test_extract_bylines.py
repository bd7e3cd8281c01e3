"""Bylines, credits and editor lines split into bare names by role (lcnews.extract.bylines)."""

from __future__ import annotations

import pytest

from lcnews.extract.bylines import (
    parse_byline,
    parse_labelled_line,
    photo_credit,
    split_dateline,
    split_trailing_byline,
)
from lcnews.extract.rules import rules_for


@pytest.fixture(scope="module")
def rules():
    return rules_for(None)


# (line, authors, correspondents, photographers)
BYLINES = [
    ("■ 本报记者 赵琦", ["赵琦"], [], []),
    ("■ 本報記者 趙琦", ["趙琦"], [], []),
    ("■ 文/图 记者 朱海波", ["朱海波"], [], ["朱海波"]),
    ("本报记者 张承斌", ["张承斌"], [], []),
    ("本报通讯员 胜前", [], ["胜前"], []),
    ("本报记者 张承斌 通讯员 张亚林", ["张承斌"], ["张亚林"], []),
    ("本报记者 赵琦 王丽", ["赵琦", "王丽"], [], []),
    ("记者 赵琦、王丽", ["赵琦", "王丽"], [], []),
    ("记者 赵琦,王丽,李强", ["赵琦", "王丽", "李强"], [], []),
    ("记者 赵琦，王丽", ["赵琦", "王丽"], [], []),
    ("新华社记者 王建宏 张文攀", ["王建宏", "张文攀"], [], []),
    ("本期评论员:马新", ["马新"], [], []),
    ("本期评论员：马新", ["马新"], [], []),
    ("本报记者 赵鹏 摄", [], [], ["赵鹏"]),
    ("赵鹏/摄", [], [], ["赵鹏"]),
    ("□ 本报记者 葛灵丹", ["葛灵丹"], [], []),
]


@pytest.mark.parametrize(
    ("line", "authors", "correspondents", "photographers"), BYLINES, ids=[b[0] for b in BYLINES]
)
def test_byline_roles(rules, line, authors, correspondents, photographers):
    got = parse_byline(line, rules)
    assert got is not None
    assert (got.authors, got.correspondents, got.photographers) == (
        authors,
        correspondents,
        photographers,
    )


NOT_BYLINES = [
    "记者从市文化和旅游局获悉,2024年全市计划实施重点项目472个。",
    "车间主任王建军告诉记者,今年订单已经排到了10月份。",
    "2025年是“十四五”规划收官之年",
    "通讯员队伍建设取得了新进展,全市共有通讯员300余名,覆盖各个乡镇。",
    "",
]


@pytest.mark.parametrize("line", NOT_BYLINES, ids=[f"prose-{i}" for i in range(len(NOT_BYLINES))])
def test_prose_is_not_a_byline(rules, line):
    assert parse_byline(line, rules) is None


# (line, editors)
EDITOR_LINES = [
    ("编辑:李明", ["李明"]),
    ("編輯:李明", ["李明"]),
    ("编辑：李明", ["李明"]),
    ("责任编辑：马丽", ["马丽"]),
    ("责编:张三", ["张三"]),
    ("初审编辑:张三 责任编辑:李四", ["张三", "李四"]),
    ("(责编：萧潇、张妍)", ["萧潇", "张妍"]),
    ("【编辑:刘欢】", ["刘欢"]),
    ("（ 责任编辑：魏喆 ）", ["魏喆"]),
]


@pytest.mark.parametrize(("line", "editors"), EDITOR_LINES, ids=[e[0] for e in EDITOR_LINES])
def test_editor_lines(rules, line, editors):
    got = parse_labelled_line(line, rules)
    assert got is not None
    credits, _source = got
    assert credits.editors == editors
    assert credits.editor_raw == [line]


CREDIT_LINES = [
    ("栏目策划:张三", "others", ["张三"]),
    ("视频制作:李四 王五", "others", ["李四", "王五"]),
    ("本期评论员:马新", "authors", ["马新"]),
    ("摄影:赵鹏", "photographers", ["赵鹏"]),
    ("作者：宋怡 杨志华", "authors", ["宋怡", "杨志华"]),
]


@pytest.mark.parametrize(("line", "field", "names"), CREDIT_LINES, ids=[c[0] for c in CREDIT_LINES])
def test_labelled_credit_lines(rules, line, field, names):
    got = parse_labelled_line(line, rules)
    assert got is not None
    assert getattr(got[0], field) == names


def test_labelled_line_needs_a_label_first(rules):
    assert parse_labelled_line("他说编辑:这件事很重要", rules) is None


# (paragraph, authors, correspondents, rest)
DATELINES = [
    (
        "本报讯(记者 张承斌 通讯员 张亚林)1月12日,全市召开会议。",
        ["张承斌"],
        ["张亚林"],
        "1月12日,全市召开会议。",
    ),
    ("本报讯 (记者 张承斌)1月12日,全市召开会议。", ["张承斌"], [], "1月12日,全市召开会议。"),
    (
        "本报讯（记者 张承斌 通讯员 张亚林）1月12日，全市召开会议。",
        ["张承斌"],
        ["张亚林"],
        "1月12日，全市召开会议。",
    ),
    ("本報訊(記者 張承斌)1月12日,全市召開會議。", ["張承斌"], [], "1月12日,全市召開會議。"),
    ("大众网讯(记者 刘庆功)近日,聊城举办活动。", ["刘庆功"], [], "近日,聊城举办活动。"),
    ("聊城新闻网讯（通讯员 王芳）近日,聊城举办活动。", [], ["王芳"], "近日,聊城举办活动。"),
]


@pytest.mark.parametrize(
    ("para", "authors", "correspondents", "rest"), DATELINES, ids=[d[0][:12] for d in DATELINES]
)
def test_dateline_prefix_is_removed(rules, para, authors, correspondents, rest):
    credits, got_rest = split_dateline(para, rules)
    assert credits is not None
    assert (credits.authors, credits.correspondents, got_rest) == (authors, correspondents, rest)


def test_dateline_without_byline_is_kept(rules):
    para = "本报讯 1月12日,全市召开会议。"
    assert split_dateline(para, rules) == (None, para)


TRAILING = [
    ("全市共检查企业30家。(记者 刘庆功)", "全市共检查企业30家。", ["刘庆功"]),
    ("全市共检查企业30家。（记者 刘庆功）", "全市共检查企业30家。", ["刘庆功"]),
    ("推动云南工业高质量发展。（记者 胡晓蓉）", "推动云南工业高质量发展。", ["胡晓蓉"]),
    (
        "更为戏曲导演艺术的发展起到极大推动作用。 （总台记者 张倩）",
        "更为戏曲导演艺术的发展起到极大推动作用。",
        ["张倩"],
    ),
]


@pytest.mark.parametrize(
    ("para", "rest", "authors"), TRAILING, ids=[t[2][0] + str(i) for i, t in enumerate(TRAILING)]
)
def test_trailing_reporter_is_removed(rules, para, rest, authors):
    got_rest, credits = split_trailing_byline(para, rules)
    assert credits is not None
    assert (got_rest, credits.authors) == (rest, authors)


def test_trailing_parenthesis_without_label_is_kept(rules):
    para = "全市实现了集体经济收入全部过10万元(社区)"
    assert split_trailing_byline(para, rules) == (para, None)


CAPTIONS = [
    ("2月5日,工人正在作业。本报记者 赵鹏 摄", ["赵鹏"]),
    ("2月5日,工人正在作业。 本報記者 趙鵬 攝", ["趙鵬"]),
    ("阿比纳德尔在竞选总部发表胜选演讲。 新华社记者 李梦馨 摄", ["李梦馨"]),
    ("拿出10万元来做房产投资 蔡雪婧/摄", ["蔡雪婧"]),
]


@pytest.mark.parametrize(("caption", "photographers"), CAPTIONS, ids=[c[1][0] for c in CAPTIONS])
def test_photo_credit_in_caption(rules, caption, photographers):
    got = photo_credit(caption, rules)
    assert got is not None
    assert got.photographers == photographers
    assert got.authors == []
