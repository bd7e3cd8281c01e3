"""The credit-line grammar (lcnews.extract.credits): bylines, credit and editor lines split into bare
names by role; a name must look like a name, never a UI word, a channel, a site or a clause."""

from __future__ import annotations

import pytest
from extract_pages import P1, rules

from lcnews.extract.credits import (
    Credits,
    bare_names,
    bracketed_names,
    credits_in_text,
    is_name,
    parse_credit_line,
    photo_credit,
    split_dateline,
    split_trailing,
)

Roles = tuple[list[str], list[str], list[str], list[str], list[str]]


def _roles(c: Credits | None) -> Roles | None:
    if c is None:
        return None
    return c.authors, c.correspondents, c.photographers, c.editors, c.others


# id -> (line, (authors, correspondents, photographers, editors, others))
CREDIT_LINES: dict[str, tuple[str, Roles]] = {
    "editor-proofreader": ("编辑 李明 校对 张华", ([], [], [], ["李明"], ["张华"])),
    "editor-proofreader-reviewer": ("编辑：李明 校对：张华 审核：王强", ([], [], [], ["李明"], ["张华", "王强"])),
    "producer": ("监制：赵刚", ([], [], [], [], ["赵刚"])),
    "reviewer": ("审核 王强", ([], [], [], [], ["王强"])),
    "planners": ("策划：王强 统筹：李华", ([], [], [], [], ["王强", "李华"])),
    "caixie": ("采写：王晓明", (["王晓明"], [], [], [], [])),
    "zhibi": ("执笔/李华", (["李华"], [], [], [], [])),
    "bracketed-wen": ("【文/王晓明】", (["王晓明"], [], [], [], [])),
    "zuozhe-bar": ("作者︱王晓明", (["王晓明"], [], [], [], [])),
    "wen-full-width-bar": ("文｜王晓明", (["王晓明"], [], [], [], [])),
    "zuozhe-glued": ("作者王晓明", (["王晓明"], [], [], [], [])),
    "zuozhe-two-names": ("作者：王晓明 李华", (["王晓明", "李华"], [], [], [], [])),
    "pen-name": ("撰文：山间小石头", (["山间小石头"], [], [], [], [])),
    "empty-labels": ("供稿 摄影/ 编辑/", ([], [], [], [], [])),
    "wen-jizhe-tu": ("文/记者 苑莘 图/吴建正", (["苑莘"], [], ["吴建正"], [], [])),
    "wen-tu-ideographic-space": ("文/王晓明\u3000图/李华", (["王晓明"], [], ["李华"], [], [])),
    "reporter-photographer": ("记者 王晓明 摄影 李华", (["王晓明"], [], ["李华"], [], [])),
    "wen-tu-jizhe": ("■ 文/图 记者 刘晨阳", (["刘晨阳"], [], ["刘晨阳"], [], [])),
    "wen-paper-reporter": ("文/本报记者 王晓明", (["王晓明"], [], [], [], [])),
    "paper-reporter-correspondent": ("本报记者 王晓明 本报通讯员 李华", (["王晓明"], ["李华"], [], [], [])),
    "labelled-reporter-correspondent": ("记者：王晓明 通讯员：李华", (["王晓明"], ["李华"], [], [], [])),
    "reported-by": ("本报记者 王晓明 通讯员 李华 报道", (["王晓明"], ["李华"], [], [], [])),
    "two-reporters": ("记者 王晓明、李华", (["王晓明", "李华"], [], [], [], [])),
    "filed-from": ("记者 王晓明 发自北京", (["王晓明"], [], [], [], [])),
    "compound-surname": ("记者 欧阳晓明", (["欧阳晓明"], [], [], [], [])),
    "transliterated": ("记者 阿卜杜·热合曼", (["阿卜杜·热合曼"], [], [], [], [])),
    "org-glued-reporter": ("某某社记者 王晓明", (["王晓明"], [], [], [], [])),
    "photo-suffix": ("王晓明 摄", ([], [], ["王晓明"], [], [])),
    "name-slash-paper": ("王晓明/大众日报", (["王晓明"], [], [], [], [])),
    "bracketed-editor": ("（编辑：李明）", ([], [], [], ["李明"], [])),
    "ascii-bracketed-responsible-editor": ("(责任编辑:李明)", ([], [], [], ["李明"], [])),
    "square-bracketed-responsible-editor": ("[责任编辑:李明]", ([], [], [], ["李明"], [])),
    "zebian": ("责编：李明", ([], [], [], ["李明"], [])),
    "editor-staff-code": ("编辑：李明_NB1234", ([], [], [], ["李明"], [])),
    "editor-intern-gloss": ("责任编辑：李明（实习）", ([], [], [], ["李明"], [])),
    "two-editors": ("初审编辑：张华 责任编辑：李明", ([], [], [], ["张华", "李明"], [])),
    "traditional-editor": ("責任編輯：李明", ([], [], [], ["李明"], [])),
    "traditional-reporter": ("記者 趙琦", (["趙琦"], [], [], [], [])),
}


@pytest.mark.parametrize(("line", "roles"), CREDIT_LINES.values(), ids=CREDIT_LINES.keys())
def test_a_credit_line_gives_names_by_role(line: str, roles: Roles) -> None:
    assert _roles(parse_credit_line(line, rules())) == roles


@pytest.mark.parametrize(
    "line",
    [
        "记者直击",
        "首页",
        "博客",
        "分享到 微信",
        "幻灯",
        "姓名",
        "看电视",
        "记者了解到，今年全市新增公交线路三条",
        "作者认为这一做法值得推广",
        "编辑部",
        "受访者供图",
        P1,
    ],
    ids=[
        "channel-jizhe-zhiji",
        "home",
        "blog",
        "share-to-wechat",
        "slideshow",
        "form-label-name",
        "watch-tv",
        "reporter-learned-clause",
        "author-thinks-clause",
        "editorial-department",
        "picture-credit-naming-nobody",
        "paragraph",
    ],
)
def test_a_line_that_is_not_a_credit_line_gives_none(line: str) -> None:
    assert parse_credit_line(line, rules()) is None


def test_the_raw_lines_are_kept_by_kind() -> None:
    got = parse_credit_line("记者 王晓明 编辑 李明", rules())
    assert got is not None and (got.byline_raw, got.editor_raw) == (
        ["记者 王晓明 编辑 李明"],
        ["记者 王晓明 编辑 李明"],
    )


@pytest.mark.parametrize(
    ("token", "loose", "name"),
    [
        ("王晓明", False, True),
        ("李华", False, True),
        ("欧阳晓明", False, True),
        ("阿卜杜·热合曼", False, True),
        ("山间小石头", True, True),
        ("首页", True, False),
        ("博客", True, False),
        ("幻灯", True, False),
        ("分享到", True, False),
        ("姓名", True, False),
        ("看电视", True, False),
        ("记者直击", True, False),
        ("admin", True, False),
        ("聊城新闻网", True, False),
        ("大众日报", True, False),
        ("市民政局", False, False),
        ("了解到", False, False),
        ("山间小石头", False, False),
    ],
    ids=[
        "three-char-name",
        "two-char-name",
        "compound-surname",
        "transliterated",
        "pen-name-after-label",
        "home",
        "blog",
        "slideshow",
        "share-to",
        "form-label",
        "watch-tv",
        "channel-alias",
        "admin",
        "site-name",
        "paper-name",
        "organisation",
        "clause",
        "pen-name-without-label",
    ],
)
def test_is_name(token: str, loose: bool, name: bool) -> None:
    assert is_name(token, rules(), loose=loose) is name


@pytest.mark.parametrize(
    ("paragraph", "authors", "correspondents", "rest"),
    [
        ("本报讯（记者 王晓明 通讯员 李华）6月8日，全市召开会议。", ["王晓明"], ["李华"], "6月8日，全市召开会议。"),
        ("本报讯 (记者 王晓明) 6月8日，全市召开会议。", ["王晓明"], [], "6月8日，全市召开会议。"),
        ("新华社济南6月8日电（记者 王晓明）全市召开会议。", ["王晓明"], [], "全市召开会议。"),
        ("某某网消息（通讯员 李华）：全市召开会议。", [], ["李华"], "全市召开会议。"),
    ],
    ids=["paper", "spaced", "wire", "site-news-colon"],
)
def test_split_dateline(paragraph: str, authors: list[str], correspondents: list[str], rest: str) -> None:
    credits, after = split_dateline(paragraph, rules())
    assert credits is not None
    assert (credits.authors, credits.correspondents, after) == (authors, correspondents, rest)


@pytest.mark.parametrize(
    "paragraph",
    ["据悉（记者 王晓明）全市召开会议。", "本报讯（以下简称新规）全市召开会议。", P1],
    ids=["no-dateline-opener", "bracket-names-nobody", "plain-paragraph"],
)
def test_split_dateline_leaves_a_paragraph_without_one_alone(paragraph: str) -> None:
    assert split_dateline(paragraph, rules()) == (None, paragraph)


@pytest.mark.parametrize(
    ("paragraph", "rest", "authors", "editors"),
    [
        ("全市召开会议。（记者 王晓明）", "全市召开会议。", ["王晓明"], []),
        ("全市召开会议。(记者 王晓明 通讯员 李华)", "全市召开会议。", ["王晓明"], []),
        ("全市召开会议。（编辑：李明）", "全市召开会议。", [], ["李明"]),
        ("全市召开会议。【责任编辑：李明】", "全市召开会议。", [], ["李明"]),
    ],
    ids=["reporter", "reporter-correspondent", "editor", "bracketed-editor"],
)
def test_split_trailing(paragraph: str, rest: str, authors: list[str], editors: list[str]) -> None:
    after, credits = split_trailing(paragraph, rules())
    assert credits is not None
    assert (after, credits.authors, credits.editors) == (rest, authors, editors)


def test_a_bare_trailing_name_needs_the_bare_flag() -> None:
    assert split_trailing("全市召开会议。（王晓明）", rules()) == ("全市召开会议。（王晓明）", None)


def test_a_bare_trailing_name_with_the_flag_is_an_author() -> None:
    after, credits = split_trailing("全市召开会议。（王晓明）", rules(), bare=True)
    assert (after, credits.authors if credits else None) == ("全市召开会议。", ["王晓明"])


@pytest.mark.parametrize(
    "paragraph",
    ["全市召开会议。（以上数据截至5月底）", "全市召开会议（图）", "（记者 王晓明）"],
    ids=["note", "picture-mark", "nothing-before"],
)
def test_split_trailing_leaves_a_paragraph_without_one_alone(paragraph: str) -> None:
    assert split_trailing(paragraph, rules(), bare=True) == (paragraph, None)


@pytest.mark.parametrize(
    ("caption", "photographers"),
    [
        ("新投用的纯电动公交车。本报记者 李华 摄", ["李华"]),
        ("新投用的纯电动公交车 本报记者 李华 摄", ["李华"]),
        ("新投用的纯电动公交车（李华 摄）", ["李华"]),
        ("新投用的纯电动公交车。李华 摄影", ["李华"]),
        ("新投用的纯电动公交车 图/李华", ["李华"]),
        ("新投用的纯电动公交车（摄影：李华 张华）", ["李华", "张华"]),
    ],
    ids=["paper-reporter", "no-punctuation", "bracketed", "sheying-suffix", "tu-prefix", "two-names"],
)
def test_photo_credit(caption: str, photographers: list[str]) -> None:
    got = photo_credit(caption, rules())
    assert got is not None and got.photographers == photographers


@pytest.mark.parametrize(
    "caption", ["新投用的纯电动公交车。", "市民拍摄的湖畔夜景", "受访者供图"], ids=["plain", "verb-she", "courtesy"]
)
def test_a_caption_without_a_photo_credit_names_nobody(caption: str) -> None:
    got = photo_credit(caption, rules())
    assert got is None or got.photographers == []


@pytest.mark.parametrize(
    ("text", "authors", "correspondents"),
    [
        ("2024-06-08 21:32 来源：新华网 作者王晓明", ["王晓明"], []),
        ("作者：王晓明 来源：大众日报 2024-06-08", ["王晓明"], []),
        ("记者 王晓明 通讯员 李华 2024-06-08", ["王晓明"], ["李华"]),
        ("作者：佚名 来源：大众日报", [], []),
        ("来源：大众日报 点击：128", [], []),
    ],
    ids=["glued-after-source", "labelled-first", "reporter-correspondent", "anonymous", "no-credit"],
)
def test_credits_in_a_meta_line(text: str, authors: list[str], correspondents: list[str]) -> None:
    got = credits_in_text(text, rules())
    assert (got.authors, got.correspondents) == (authors, correspondents)


@pytest.mark.parametrize(
    ("line", "names"),
    [("王晓明", ["王晓明"]), ("王晓明 李华", ["王晓明", "李华"]), ("看电视", []), ("公交出行", []), (P1, [])],
    ids=["one", "two", "ui-word", "topic", "paragraph"],
)
def test_bare_names(line: str, names: list[str]) -> None:
    assert bare_names(line, rules()) == names


def test_merging_credits_keeps_order_and_drops_repeats() -> None:
    a = Credits(authors=["王晓明"], editors=["李明"], byline_raw=["记者 王晓明"])
    a.merge(Credits(authors=["李华", "王晓明"], editors=["李明"], byline_raw=["记者 王晓明"]))
    assert (a.authors, a.editors, a.byline_raw) == (["王晓明", "李华"], ["李明"], ["记者 王晓明"])


def test_both_role_fills_authors_and_photographers() -> None:
    c = Credits()
    c.add("both", ["刘晨阳"])
    assert (c.authors, c.photographers) == (["刘晨阳"], ["刘晨阳"])


@pytest.mark.parametrize(
    ("line", "authors"),
    [("（王晓明）", ["王晓明"]), ("(王晓明 李红)", ["王晓明", "李红"]), ("【王晓明、李红】", ["王晓明", "李红"])],
    ids=["one", "two-spaced", "two-listed"],
)
def test_a_closing_line_of_only_bracketed_names_is_a_signature(line: str, authors: list[str]) -> None:
    credits = bracketed_names(line, rules())
    assert credits is not None
    assert (credits.authors, credits.byline_raw) == (authors, [line])


@pytest.mark.parametrize(
    "line",
    ["（完）", "（图）", "（待续）", "（本报综合）", "（新华社）", "（以上数据截至5月底）", "全市召开会议（王晓明）"],
    ids=["end", "picture", "to-be-continued", "compiled", "agency", "note", "not-only-brackets"],
)
def test_a_bracketed_line_that_is_not_names_is_no_signature(line: str) -> None:
    assert bracketed_names(line, rules()) is None


@pytest.mark.parametrize(
    ("line", "authors"),
    [("本报记者王晓李红发自北京", ["王晓", "李红"]), ("记者 欧阳晓明", ["欧阳晓明"]), ("记者 张王丽华", ["张王丽华"])],
    ids=["two-glued-names", "compound-family-name", "two-family-names"],
)
def test_four_characters_after_a_label_are_one_name_or_two(line: str, authors: list[str]) -> None:
    credits = parse_credit_line(line, rules())
    assert credits is not None
    assert credits.authors == authors
