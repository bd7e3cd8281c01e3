"""The breadcrumb (lcnews.extract.breadcrumb): its channel names, and a line no other field is read
from. The home link (首页/主页/网站首页/the site's name) and a 正文 tail are not channels."""

from __future__ import annotations

import pytest
from extract_pages import BODY_HTML, page, rules

from lcnews.extract.breadcrumb import Breadcrumb, find_breadcrumb, looks_like_crumbs


def _find(crumbs: str, *, selectors: tuple[str, ...] = ()) -> Breadcrumb:
    return find_breadcrumb(page(f"{crumbs}<div class='con'>{BODY_HTML}</div>"), rules(), selectors)


@pytest.mark.parametrize(
    ("crumbs", "names"),
    [
        (
            "<div>当前位置：<a href='/'>首页</a> &gt; <a href='/yaowen/'>要闻</a> &gt; <a>记者直击</a></div>",
            ["要闻", "记者直击"],
        ),
        ("<div>您的位置：<a href='/'>首页</a> &gt; <a href='/yaowen/'>要闻</a> &gt; 正文</div>", ["要闻"]),
        ("<div>你现在的位置：<a href='/'>首页</a> » <a>社会</a> » <a>民生</a></div>", ["社会", "民生"]),
        ("<div class='crumb'><a href='/'>聊城新闻网</a> &gt; <a>要闻</a> &gt; <a>社会</a></div>", ["要闻", "社会"]),
        ("<div class='crumbs'><a href='/'>首页</a> › <a>社会</a> › 正文</div>", ["社会"]),
        ("<div><span>当前位置：</span></div><div><a href='/'>首页</a> &gt; <a>社会</a></div>", ["社会"]),
        ("<div>當前位置：<a href='/'>首頁</a> &gt; <a>要聞</a></div>", ["要聞"]),
    ],
    ids=[
        "lead-in",
        "zhengwen-tail",
        "guillemets",
        "site-name-root",
        "class-no-lead-in",
        "lead-in-alone",
        "traditional",
    ],
)
def test_channel_names(crumbs: str, names: list[str]) -> None:
    assert _find(crumbs).names == names


@pytest.mark.parametrize(
    "home", ["首页", "主页", "网站首页", "聊城新闻网"], ids=["shouye", "zhuye", "wangzhan-shouye", "site-name"]
)
def test_the_home_link_is_not_a_channel(home: str) -> None:
    assert _find(f"<div>您的位置：<a href='/'>{home}</a> &gt; <a href='/shehui/'>社会</a></div>").names == ["社会"]


@pytest.mark.parametrize(
    "channel", ["本地新闻", "新闻中心", "图片新闻"], ids=["local-news", "news-centre", "photo-news"]
)
def test_a_channel_named_like_a_section_of_news_is_a_channel(channel: str) -> None:
    assert _find(f"<div>您的位置：<a href='/'>首页</a> &gt; <a href='/c/'>{channel}</a></div>").names == [channel]


def test_the_profile_selector_finds_the_breadcrumb() -> None:
    crumb = _find("<div class='position'>首页 &gt; 要闻</div>", selectors=rules().profile.selector("breadcrumb"))
    assert (crumb.text, crumb.names) == ("首页 > 要闻", ["要闻"])


def test_the_text_is_the_whole_breadcrumb_line() -> None:
    crumb = _find("<div>当前位置：<a href='/'>首页</a> &gt; <a href='/yaowen/'>要闻</a></div>")
    assert crumb.text == "当前位置：首页 > 要闻"


def test_a_page_without_a_breadcrumb_has_none() -> None:
    crumb = _find("<div class='nav'><a href='/'>首页</a><a href='/yaowen/'>要闻</a></div>")
    assert (bool(crumb), crumb.names) == (False, [])


def test_a_menu_is_not_a_breadcrumb() -> None:
    assert not _find("<div class='menu'>记者直击 | 社会 | 民生 | 县域</div>")


@pytest.mark.parametrize(
    ("line", "crumbs"),
    [
        ("首页 > 要闻 > 社会", True),
        ("首页 >> 要闻 >> 社会", True),
        ("您的位置：首页", True),
        ("当前位置 首页", True),
        ("首页 > 要闻", False),
        ("记者直击 | 社会 | 民生 | 县域", False),
        ("市交通运输局相关负责人表示 > 下一步将根据乘客反馈继续优化", False),
        ("文/记者 苑莘 图/吴建正", False),
    ],
    ids=["three-parts", "double-arrows", "lead-in", "lead-in-no-colon", "two-parts", "menu", "long-parts", "byline"],
)
def test_looks_like_crumbs(line: str, crumbs: bool) -> None:
    assert looks_like_crumbs(line, rules()) is crumbs
