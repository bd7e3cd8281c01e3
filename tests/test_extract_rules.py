"""The profile and the general vocabulary compiled (lcnews.extract.rules): every pattern runs over
normalised text, so one spelling covers both scripts and both widths; a profile adds to the
vocabulary, never replaces it."""

from __future__ import annotations

import copy
import re

import pytest
from extract_pages import P1, rules

from lcnews.extract.normalize import normalize
from lcnews.extract.rules import Rules, alt, default_profile, rules_for
from lcnews.site import SiteProfile, parse_profile


def _profile(**labels: list[str]) -> SiteProfile:
    data = copy.deepcopy(default_profile().raw)
    data.setdefault("labels", {}).update(labels)
    return parse_profile(data, "test-profile")


def _n(text: str) -> str:
    return normalize(text)


def test_rules_are_built_once_per_profile() -> None:
    assert rules_for(None) is rules_for(default_profile())


def test_another_profile_gets_its_own_rules() -> None:
    other = _profile()
    assert rules_for(other) is not rules() and rules_for(other).profile is other


def test_alternation_puts_the_longest_spelling_first() -> None:
    assert alt(["编辑", "责任编辑", "编"]) == "责任编辑|编辑|编"


def test_an_empty_alternation_matches_nothing() -> None:
    assert re.search(alt([]), "任何文字") is None


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("文/图", "both"),
        ("图文", "both"),
        ("责任编辑", "editor"),
        ("责编", "editor"),
        ("编辑", "editor"),
        ("通讯员", "correspondent"),
        ("本报通讯员", "correspondent"),
        ("摄影", "photographer"),
        ("图", "photographer"),
        ("摄", "photographer"),
        ("校对", "other"),
        ("审核", "other"),
        ("监制", "other"),
        ("出品", "other"),
        ("记者", "author"),
        ("本报记者", "author"),
        ("作者", "author"),
        ("采写", "author"),
        ("执笔", "author"),
        ("某某社记者", "author"),
    ],
    ids=[
        "wen-tu",
        "tuwen",
        "zeren-bianji",
        "zebian",
        "bianji",
        "tongxunyuan",
        "benbao-tongxunyuan",
        "sheying",
        "tu",
        "she",
        "jiaodui",
        "shenhe",
        "jianzhi",
        "chupin",
        "jizhe",
        "benbao-jizhe",
        "zuozhe",
        "caixie",
        "zhibi",
        "org-jizhe",
    ],
)
def test_role_of_a_label(label: str, role: str) -> None:
    assert rules().role_of(_n(label)) == role


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("責任編輯：李明", "责任编辑"),
        ("记者 王晓明", "记者"),
        ("某某日报记者 王晓明", "某某日报记者"),
        ("文/王晓明", "文"),
        ("文｜王晓明", "文"),
        ("图：李华", "图"),
        ("图片 李华", "图片"),
    ],
    ids=[
        "traditional-editor",
        "reporter",
        "org-glued-reporter",
        "wen-slash",
        "wen-full-width-bar",
        "tu-colon",
        "tupian",
    ],
)
def test_label_re_finds_a_credit_label(text: str, label: str) -> None:
    m = rules().label_re.match(_n(text))
    assert m is not None and m.group() == label


@pytest.mark.parametrize("text", ["文化广场", "图书馆", "文 王晓明"], ids=["wenhua", "tushu", "wen-space"])
def test_a_one_character_label_needs_a_separator(text: str) -> None:
    assert rules().label_re.match(_n(text)) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("來源：聊城日報", True),
        ("来源:聊城日报", True),
        ("稿源：聊城日报", True),
        ("文章来源：聊城日报", True),
        ("来源于 新华网", True),
        ("来源 聊城日报", False),
        ("资金来源于多个渠道", False),
    ],
    ids=["traditional-full-width", "ascii", "gaoyuan", "wenzhang-laiyuan", "laiyuanyu", "no-colon", "prose"],
)
def test_source_re(text: str, found: bool) -> None:
    assert (rules().source_re.search(_n(text)) is not None) is found


@pytest.mark.parametrize(
    "text",
    ["点击：123次", "阅读 2.3万", "评论：0", "浏览次数:12", "人气：", "播放量 1.2w", "點擊：８次"],
    ids=["clicks", "reads-wan", "comments-zero", "views", "popularity-empty", "plays-w", "traditional-full-width"],
)
def test_counter_re_matches_a_whole_counter(text: str) -> None:
    assert rules().counter_re.fullmatch(_n(text)) is not None


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("本报讯（记者 王晓明）全市", "记者 王晓明"),
        ("聊城新闻网讯(通讯员 李华)全市", "通讯员 李华"),
        ("新华社济南6月8日电（记者 王晓明）全市", "记者 王晓明"),
        ("某某网消息（记者 王晓明）：全市", "记者 王晓明"),
        ("【聊城新闻】（记者 王晓明）全市", "记者 王晓明"),
    ],
    ids=["paper", "site", "wire", "xiaoxi", "bracketed-opener"],
)
def test_dateline_re(text: str, inner: str) -> None:
    m = rules().dateline_re.match(_n(text))
    assert m is not None and m.group("inner") == inner


@pytest.mark.parametrize(
    "text",
    [
        "版权所有 某某网",
        "鲁ICP备12345678号",
        "Copyright © 2024",
        "聊城新闻网 2006-2025 版权所有",
        "鲁公网安备 37150202000000号",
    ],
    ids=["copyright-zh", "icp", "copyright-en", "profile-footer", "public-security"],
)
def test_furniture_re_matches_footer_lines(text: str) -> None:
    assert rules().furniture_re.search(_n(text)) is not None


def test_furniture_re_leaves_article_text_alone() -> None:
    assert rules().furniture_re.search(_n(P1)) is None


@pytest.mark.parametrize(
    "text",
    ["您的位置：首页", "當前位置:首页", "当前位置 首页", "你现在的位置：首页"],
    ids=["nin", "traditional", "no-colon", "ni-xianzai"],
)
def test_breadcrumb_re(text: str) -> None:
    assert rules().breadcrumb_re.match(_n(text)) is not None


@pytest.mark.parametrize(
    ("text", "label"),
    [("发布时间：2024", "发布时间"), ("發佈時間:2024", "发布时间"), ("日期：2024", "日期")],
    ids=["fabu", "traditional", "riqi"],
)
def test_published_re(text: str, label: str) -> None:
    m = rules().published_re.search(_n(text))
    assert m is not None and m.group("label") == label


def test_updated_re() -> None:
    assert rules().updated_re.search(_n("更新时间：2024-06-09")) is not None


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("聊城新闻网", True),
        ("聊城日報", True),
        ("聊城新闻网首页", True),
        ("某某日报", True),
        ("新华网", True),
        ("城区新增三条公交线路方便居民出行", False),
    ],
    ids=["profile-name", "profile-name-traditional", "profile-name-plus", "paper-form", "site-form", "headline"],
)
def test_is_site_name(text: str, site: bool) -> None:
    assert rules().is_site_name(text) is site


@pytest.mark.parametrize(
    ("text", "channel"),
    [("要闻", True), ("要聞", True), ("记者直击", True), ("公交出行", False)],
    ids=["channel", "traditional", "alias", "topic"],
)
def test_is_channel_name(text: str, channel: bool) -> None:
    assert rules().is_channel_name(text) is channel


def test_title_label_re_matches_a_normalised_title_label() -> None:
    assert rules().title_label_re.match(_n("标题：城区公交")) is not None


def test_a_profile_label_adds_to_the_vocabulary() -> None:
    extended = rules_for(_profile(editor=["编辑", "值班编审"]))
    assert (extended.role_of("值班编审"), extended.role_of("责任编辑")) == ("editor", "editor")


def test_a_profile_not_name_adds_to_the_vocabulary() -> None:
    extended: Rules = rules_for(_profile(not_names=["公交出行"]))
    assert ("公交出行" in extended.not_names, "首页" in extended.not_names) == (True, True)


def test_a_profile_site_name_is_a_site_name() -> None:
    extended = rules_for(_profile(site_names=["某某融媒"]))
    assert (extended.is_site_name("某某融媒"), rules().is_site_name("某某融媒")) == (True, False)


def test_profile_spellings_are_normalised() -> None:
    extended = rules_for(_profile(source=["來源出處"]))
    assert "来源出处" in extended.source_labels
