"""Stage: title (lcnews.extract.title). Headline elements, the ``<title>`` without its affixes and
``og:title`` agree; a site name, a channel name or a crumb is never the title."""

from __future__ import annotations

import pytest
from extract_pages import BODY_HTML, META, SIDEBAR, TITLE, page, rules

from lcnews.extract.breadcrumb import find_breadcrumb
from lcnews.extract.content import locate
from lcnews.extract.title import TitleChoice, choose_title, headline_line, strip_affixes


def _choose(body: str, title: str | None = None, head: str = "") -> TitleChoice:
    pg = page(body, title, head)
    r = rules()
    content = locate(pg, r, headline_line(pg, r))
    crumbs = find_breadcrumb(pg, r, r.profile.selector("breadcrumb")).names
    return choose_title(pg, r, content.lines, crumbs)


def _story(headline: str) -> str:
    return f"<div class='art'>{headline}{META}<div class='con'>{BODY_HTML}</div></div>"


# -- the <title> without its affixes --------------------------------------------------------------


@pytest.mark.parametrize(
    "shown",
    [
        f"{TITLE}_聊城新闻网",
        f"{TITLE}-要闻-聊城新闻网",
        f"{TITLE}_社会_聊城新闻网",
        f"{TITLE}-记者直击-聊城新闻网",
        f"{TITLE}-新华网",
        f"{TITLE} | 大众网",
        f"{TITLE}——某某网",
        f"{TITLE} - 某某晚报",
        f"{TITLE}_要闻_某某网",
        f"{TITLE}_新闻中心_中国某某网",
        f"{TITLE} _ 本地新闻 _ 某某在线",
        f"{TITLE} - 某某区人民政府",
        f"{TITLE}_政务公开_某某市政府门户网",
        f"{TITLE} - www.example.com",
        f"{TITLE}_要闻",
        f"聊城新闻网-{TITLE}",
        f"聊城新闻网：{TITLE}",
    ],
    ids=[
        "site",
        "channel-site",
        "channel-site-underscore",
        "channel-alias-site",
        "wire-site",
        "spaced-pipe-site",
        "double-dash-site",
        "spaced-dash-paper",
        "section-site",
        "news-centre-site",
        "spaced-underscores",
        "government",
        "government-portal",
        "domain",
        "channel-only",
        "site-first",
        "site-first-colon",
    ],
)
def test_title_affixes_are_removed(shown: str) -> None:
    assert strip_affixes(shown, rules()) == TITLE


@pytest.mark.parametrize(
    "headline",
    ["锐评|以实干论英雄", "图说|湖畔新景", "2024-2025学年中小学校历公布", "京津冀-协同发展新进展"],
    ids=["channel-prefix-pipe", "photo-prefix-pipe", "year-range", "hyphen-in-headline"],
)
def test_a_headline_with_a_separator_of_its_own_is_kept(headline: str) -> None:
    assert strip_affixes(f"{headline}_聊城新闻网", rules()) == headline


def test_a_crumb_passed_as_extra_is_an_affix() -> None:
    assert strip_affixes(f"{TITLE}_公交出行_某某", rules(), {"公交出行", "某某"}) == TITLE


# -- headline elements -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        f"<h1 class='logo'><a href='/'>聊城新闻网</a></h1>{_story(f'<h2>{TITLE}</h2>')}",
        f"<h1><a href='/'>聊城新闻网</a></h1>{_story(f'<h2>{TITLE}</h2>')}",
        f"<h1><a href='http://www.lcxw.cn/'><img src='/logo.png' alt='站标'></a></h1>{_story(f'<h2>{TITLE}</h2>')}",
        f"<div class='top'><h1>聊城新闻网</h1></div>{_story(f'<div class=tit>{TITLE}</div>')}",
        f"<h1>聊城新闻网</h1>{_story(f'<h2>{TITLE}</h2>')}",
        f"<h1>某某新闻网</h1>{_story(f'<h2>{TITLE}</h2>')}",
    ],
    ids=["logo-class", "home-link", "image-logo", "text-logo-div-headline", "text-logo", "other-site-logo"],
)
def test_a_logo_h1_loses_to_the_headline(body: str) -> None:
    assert _choose(body).title == TITLE


@pytest.mark.parametrize(
    "logo",
    [
        "<h1 class='logo'><a href='/'>聊城新闻网</a></h1>",
        "<h1><a href='/'>城市频道</a></h1>",
        "<h1>聊城新闻网</h1>",
    ],
    ids=["logo-class", "home-link", "site-name"],
)
def test_a_logo_h1_loses_to_the_headline_when_the_head_title_is_only_the_site_name(logo: str) -> None:
    assert _choose(f"{logo}{_story(f'<h2>{TITLE}</h2>')}", title="聊城新闻网").title == TITLE


def test_a_channel_name_heading_is_not_the_title() -> None:
    assert _choose(f"<h1>要闻</h1>{_story(f'<h2>{TITLE}</h2>')}").title == TITLE


def test_a_crumb_heading_is_not_the_title() -> None:
    crumb = "<div class='position'>您的位置：<a href='/'>首页</a> &gt; <a href='/gj/'>公交出行</a></div>"
    assert _choose(f"{crumb}<h2>公交出行</h2>{_story(f'<h1>{TITLE}</h1>')}").title == TITLE


def test_a_sidebar_heading_is_not_the_title() -> None:
    assert _choose(f"{SIDEBAR}{_story(f'<div class=bt>{TITLE}</div>')}").title == TITLE


def test_a_linked_teaser_heading_is_not_the_title() -> None:
    teaser = "<h2><a href='/b.html'>湖滨步道改造工程本周完工</a></h2>"
    assert _choose(f"{_story(f'<h1>{TITLE}</h1>')}{teaser}").title == TITLE


def test_a_kicker_above_the_headline_is_not_the_title() -> None:
    assert _choose(_story(f"<h3 class='yinti'>民生实事落地见效</h3><h1>{TITLE}</h1>")).title == TITLE


def test_the_meta_line_inside_the_headline_is_left_out() -> None:
    headline = f"<h1>{TITLE}<br><span>2024-06-08 来源：聊城日报</span></h1>"
    assert _choose(_story(headline)).title == TITLE


def test_a_board_tag_before_the_headline_is_left_out() -> None:
    assert _choose(_story(f"<h1>[社区新闻] {TITLE}</h1>")).title == TITLE


@pytest.mark.parametrize("label", ["标题:", "标题：", "標題："], ids=["ascii-colon", "full-width-colon", "traditional"])
def test_a_title_label_is_left_out(label: str) -> None:
    assert _choose(_story(f"<div class='bt'>{label}{TITLE}</div>")).title == TITLE


def test_a_headline_is_found_without_a_head_title() -> None:
    assert _choose(_story(f"<h1>{TITLE}</h1>"), title="").title == TITLE


def test_the_evidence_names_the_element_and_what_agrees() -> None:
    choice = _choose(f"<h1 class='logo'><a href='/'>聊城新闻网</a></h1>{_story(f'<h2>{TITLE}</h2>')}")
    assert choice.evidence == ["h2", "<title>", "above content"]


def test_the_chosen_headline_has_its_page_line() -> None:
    pg = page(_story(f"<h1>{TITLE}</h1>"))
    r = rules()
    choice = choose_title(pg, r, locate(pg, r).lines, [])
    assert pg.walk.lines[choice.line] == TITLE


# -- no headline element: the page's own title -----------------------------------------------------


def test_without_a_headline_the_title_is_the_cleaned_head_title() -> None:
    choice = _choose(f"<div class='art'>{BODY_HTML}</div>", title=f"{TITLE}-要闻-聊城新闻网")
    assert (choice.title, choice.evidence) == (TITLE, ["<title> (affixes removed)"])


def test_without_a_headline_og_title_beats_a_head_title_that_is_the_site_name() -> None:
    choice = _choose(
        f"<div class='art'>{BODY_HTML}</div>", title="聊城新闻网", head=f"<meta property='og:title' content='{TITLE}'>"
    )
    assert (choice.title, choice.evidence) == (TITLE, ["og:title"])


def test_without_a_headline_jsonld_headline_is_the_last_resort() -> None:
    ld = f'<script type="application/ld+json">{{"headline": "{TITLE}"}}</script>'
    choice = _choose(f"<div class='art'>{BODY_HTML}</div>", title="聊城新闻网", head=ld)
    assert choice.title == TITLE


def test_a_site_name_is_never_the_title() -> None:
    assert _choose(f"<h1>聊城新闻网</h1><div class='art'>{BODY_HTML}</div>", title="聊城新闻网").title == ""


# -- headline_line ---------------------------------------------------------------------------------


def test_headline_line_is_the_line_of_the_heading_the_title_repeats() -> None:
    pg = page(f"<h1 class='logo'>聊城新闻网</h1>{_story(f'<h2>{TITLE}</h2>')}")
    assert pg.walk.lines[headline_line(pg, rules())] == TITLE


def test_headline_line_without_a_head_title_is_minus_one() -> None:
    assert headline_line(page(_story(f"<h1>{TITLE}</h1>"), title=""), rules()) == -1


def test_headline_line_skips_a_heading_in_the_sidebar() -> None:
    side = f"<div class='sidebar'><h3>{TITLE}</h3></div>"
    pg = page(f"{side}<div class='art'>{BODY_HTML}</div>")
    assert headline_line(pg, rules()) == -1
