"""Stage: credits (lcnews.extract.bylines). Names are gathered only where bylines sit (the body's own
credits, the meta area, the lines after the body, byline-classed elements, then author metadata);
never from the breadcrumb, the menu, the title, a share bar or a form."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from extract_pages import BODY_HTML, MENU, TITLE, page, rules, text_blocks

from lcnews.extract.bylines import CreditChoice, gather_credits
from lcnews.extract.credits import Credits

People = tuple[list[str], list[str], list[str], list[str]]


def _gather(
    head: str = "",
    tail: str = "",
    *,
    around: str = "",
    meta: str = "",
    body: Credits | None = None,
    generic: bool = False,
    exclude: Sequence[str] = (),
    captions: Sequence[str] = (),
) -> CreditChoice:
    pg = page(f"{around}<div id='head'>{head}</div><div>{BODY_HTML}</div><div id='tail'>{tail}</div>", head=meta)
    return gather_credits(
        pg,
        rules(),
        body or Credits(),
        text_blocks(pg, "#head"),
        text_blocks(pg, "#tail"),
        title=TITLE,
        generic=generic,
        exclude=exclude,
        caption_photographers=captions,
    )


def _people(choice: CreditChoice) -> People:
    c = choice.credits
    return c.authors, c.correspondents, c.photographers, c.editors


NOBODY: People = ([], [], [], [])


# -- never from furniture --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "<div>当前位置：<a href='/'>首页</a> &gt; <a href='/yaowen/'>要闻</a> &gt; <a>记者直击</a></div>",
        "<div><a>记者直击</a> | <a>社会</a> | <a>民生</a> | <a>县域</a></div>",
        MENU,
        "<div><a href='/kandianshi/'>看电视</a></div>",
        "<div><a href='/'>首页</a> <a href='/blog/'>博客</a></div>",
        "<div>分享到 微信</div>",
        "<div><a>幻灯</a></div>",
        "<form><label>姓名</label><input name='n'><label>电话</label><input name='t'></form>",
        f"<div>{TITLE}</div>",
        "<div>当前位置：<a href='/'>首页</a> &gt; <a href='/zl/'>记者王涛</a> &gt; 正文</div>",
        "<div><a href='/zl/1/'>记者 王涛</a> <a href='/zl/2/'>记者 刘芳</a> <a href='/zl/3/'>记者 孙强</a></div>",
    ],
    ids=[
        "breadcrumb-jizhe-zhiji",
        "menu-line",
        "menu-list",
        "watch-tv-link",
        "home-and-blog",
        "share-to-wechat",
        "slideshow",
        "feedback-form",
        "headline",
        "breadcrumb-of-a-reporters-column",
        "menu-of-reporters-columns",
    ],
)
def test_furniture_names_nobody(head: str) -> None:
    assert _people(_gather(head)) == NOBODY


@pytest.mark.parametrize(
    "element",
    ["<span class='author'>博客</span>", "<div class='author'>分享到 微信</div>", "<label class='author'>姓名</label>"],
    ids=["blog", "share", "form-label"],
)
def test_a_byline_classed_element_holding_a_ui_word_names_nobody(element: str) -> None:
    assert _people(_gather(around=element)) == NOBODY


def test_an_author_meta_tag_naming_the_site_names_nobody() -> None:
    assert _people(_gather(meta="<meta name='author' content='聊城新闻网'>")) == NOBODY


# -- the byline places -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "people"),
    [
        ("<div>文/记者 苑莘 图/吴建正</div>", (["苑莘"], [], ["吴建正"], [])),
        ("<div>2024-06-08 21:32 来源：新华网 作者王晓明</div>", (["王晓明"], [], [], [])),
        ("<div>本报记者 王晓明 本报通讯员 李华</div>", (["王晓明"], ["李华"], [], [])),
        ("<div>作者：王晓明 来源：大众日报 2024-06-08</div>", (["王晓明"], [], [], [])),
        ("<div>作者：佚名 来源：大众日报</div>", NOBODY),
        (
            "<div>记者 王晓明</div><div>编辑：李明 校对：张华 审核：王强 监制：赵刚</div>",
            (["王晓明"], [], [], ["李明"]),
        ),
    ],
    ids=[
        "wen-jizhe-tu",
        "glued-zuozhe",
        "reporter-correspondent",
        "meta-author",
        "anonymous",
        "other-credits-in-no-field",
    ],
)
def test_the_meta_area_names_people_by_role(head: str, people: People) -> None:
    assert _people(_gather(head)) == people


@pytest.mark.parametrize(
    "tail",
    [
        "<table><tr><td align='right'>编辑：李明</td></tr></table>",
        "<div class='bottom'><p>（责任编辑：李明）</p></div>",
        "<p>责编：李明</p>",
    ],
    ids=["table-cell", "bracketed", "zebian"],
)
def test_an_editor_line_after_the_body_names_the_editor(tail: str) -> None:
    assert _people(_gather(tail=tail)) == ([], [], [], ["李明"])


def test_the_body_credits_come_first() -> None:
    body = Credits(authors=["王晓明"])
    assert _gather("<div>记者 李华</div>", body=body).credits.authors == ["王晓明", "李华"]


def test_caption_photographers_follow_the_byline_photographers() -> None:
    choice = _gather("<div>文/记者 苑莘 图/吴建正</div>", captions=["李华"])
    assert choice.credits.photographers == ["吴建正", "李华"]


@pytest.mark.parametrize(
    ("around", "people"),
    [
        ("<span class='author'>王晓明</span>", (["王晓明"], [], [], [])),
        ("<div class='author'>作者：王晓明</div>", (["王晓明"], [], [], [])),
        ("<div class='editor'>李明</div>", ([], [], [], ["李明"])),
        ("<p class='zeren'>责任编辑：李明</p>", ([], [], [], ["李明"])),
    ],
    ids=["bare-author", "labelled-author", "bare-editor", "labelled-editor"],
)
def test_a_byline_classed_element_names_people(around: str, people: People) -> None:
    assert _people(_gather(around=around)) == people


@pytest.mark.parametrize(
    "meta",
    [
        "<meta name='author' content='王晓明'>",
        "<meta property='article:author' content='王晓明'>",
        '<script type="application/ld+json">{"author": {"@type": "Person", "name": "王晓明"}}</script>',
    ],
    ids=["meta-author", "article-author", "json-ld"],
)
def test_author_metadata_names_the_author_when_nothing_else_does(meta: str) -> None:
    assert _gather(meta=meta).credits.authors == ["王晓明"]


def test_author_metadata_does_not_add_to_a_byline() -> None:
    assert _gather("<div>记者 李华</div>", meta="<meta name='author' content='王晓明'>").credits.authors == ["李华"]


def test_a_bare_name_under_the_headline_is_the_author_on_the_generic_layer() -> None:
    assert _gather("<div>王晓明</div>", generic=True).credits.authors == ["王晓明"]


def test_a_bare_name_under_the_headline_is_not_read_on_the_site_layer() -> None:
    assert _gather("<div>王晓明</div>").credits.authors == []


# -- exclusions and evidence -----------------------------------------------------------------------


def test_a_name_that_is_an_excluded_crumb_names_nobody() -> None:
    assert _gather("<div>记者 王晓明</div>", exclude=["王晓明"]).credits.authors == []


def test_a_brand_before_the_writer_is_not_a_name() -> None:
    assert _gather("<div>文｜财新 王晓明</div>", exclude=["财新网"]).credits.authors == ["王晓明"]


def test_the_evidence_names_the_place_of_each_field() -> None:
    choice = _gather("<div>记者 王晓明</div>", "<p>编辑：李明</p>", captions=["李华"])
    assert choice.evidence == {"authors": ["head"], "editors": ["tail"], "photographers": ["captions"]}


def test_the_evidence_of_body_credits_is_body() -> None:
    assert _gather(body=Credits(editors=["李明"])).evidence == {"editors": ["body"]}


def test_a_caption_beside_the_body_names_a_photographer_not_an_author() -> None:
    from lcnews.extract import extract_article

    page = (
        "<html><head><meta charset='utf-8'><title>东城街道开展便民服务_聊城新闻网</title></head><body>"
        "<h1>东城街道开展便民服务</h1><div class='info'>来源：聊城日报 2025-02-16 10:00:00</div>"
        "<div class='TRS_Editor'><p>记者 刘一鸣 摄影 陈晓</p>"
        "<p>当天上午，东城街道组织志愿者在社区广场为居民理发、量血压、维修小家电，现场人气很旺。</p>"
        "<p>据介绍，这样的便民服务活动每月举办一次，已经坚持了三年，累计服务群众上万人次。</p></div>"
        "<p><img src='/a.jpg'></p><p>居民在社区广场排队理发。 本报记者 孙晓峰 摄</p></body></html>"
    )
    got = extract_article(page.encode("utf-8"), url="https://www.lcxw.cn/bumen/minsheng/20250216/1.html")
    assert (got.authors, got.photographers) == (["刘一鸣"], ["陈晓", "孙晓峰"])
