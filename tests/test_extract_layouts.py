"""Generic-layer rules for layouts the site profile has never seen (hand-made pages, one rule each)."""

from __future__ import annotations

import pytest

from lcnews.extract import extract_article
from lcnews.extract.dates import find_month

POST = [
    "导游的收入很大一部分来自购物的回扣，这是业内的行规，境内游境外游都是这样的，属于惯例。",
    "以国内游为例，回扣一般在购物额的百分之十左右，个别的会更高，像字画玉器等等都是如此。",
]
POST_TEXT = "\n".join(POST)


def _page(body: str, head: str = "") -> str:
    return f"<html><head><meta charset='utf-8'><title>某某论坛</title>{head}</head><body>{body}</body></html>"


def test_content_nested_in_head_by_an_unknown_tag_is_read():
    page = (
        "<html><head><title>某某网</title><cms_include:style></cms_include:style>"
        f"<div class='c'>{''.join(f'<p>{p}</p>' for p in POST)}</div></head></html>"
    )
    assert extract_article(page).body == POST_TEXT


def test_thread_index_of_links_does_not_beat_the_post():
    index = "".join(
        f"<li><a href='/t/{i}'>回复标题第{i}条，说说你的旅行经历吧</a>【用户{i}】08-11 16:06 298字</li>"
        for i in range(30)
    )
    page = _page(f"<table><tr><td><p class='large'>{POST[0]}</p></td></tr></table><ul>{index}</ul>")
    assert extract_article(page).body == POST[0]


def test_reader_comments_outweighing_the_post_are_left_out():
    comments = "".join(
        f"<div class='c'><b>re: 标题 2004-12-27 12:{i:02d}</b><p>拜读了您的文章，很不错，期待下一篇，继续加油啊朋友们！{i}</p></div>"
        for i in range(40)
    )
    page = _page(
        f"<div class='post'>{''.join(f'<p>{p}</p>' for p in POST)}</div><div id='comments'>{comments}</div>"
    )
    assert extract_article(page).body == POST_TEXT


def test_article_laid_out_as_sibling_divs_is_taken_whole():
    paras = POST + [
        "特此通告。",
        "下一步，有关部门将继续加强监管，维护游客的合法权益，推动行业健康发展。",
    ]
    divs = "".join(f"<div style='text-align: justify'><font>{p}</font></div>" for p in paras)
    page = _page(f"<div class='menu'><a href='/'>首页</a></div><div class='box'>{divs}</div>")
    assert extract_article(page).body == "\n".join(paras)


# (html around the post, published_at)
DATE_LAYOUTS = {
    "post-footer-in-body": (
        (
            f"<div class='post'><p>{POST[0]}</p><p>{POST[1]}</p><p>ggjj 发表于 2005-9-15 11:46:00</p></div>"
            "<div>ggjj 2006-01-02 10:00 回复：好文</div>"
        ),
        "2005-09-15T11:46:00+08:00",
    ),
    "date-above-the-headline": (
        (
            f"<div>2022年02月13日</div><h1>某某论坛</h1><div>副标题在这里</div>"
            f"<div class='c'><p>{POST[0]}</p><p>{POST[1]}</p></div>"
        ),
        "2022-02-13T00:00:00+08:00",
    ),
    "short-dated-line-inside-body": (
        (
            f"<div class='c'><p>{POST[0]}</p><p>2003-7-24 钱江晚报</p><p>{POST[1]}</p></div>"
            "<ul><li>[2005-08-21] 其他文章</li></ul>"
        ),
        "2003-07-24T00:00:00+08:00",
    ),
    "labelled-line-anywhere-on-page": (
        "<div>时间：2004年10月21日14:18 作者：郭励弘</div>"
        + "<div><a href='/x'>栏目</a></div>" * 30
        + f"<div class='c'><p>{POST[0]}</p><p>{POST[1]}</p></div>",
        "2004-10-21T14:18:00+08:00",
    ),
    "magazine-issue-month-only": (
        f"<div class='c'><p>{POST[0]}</p><p>{POST[1]}</p><p>——《某某之春》1998年3月号</p></div>",
        "1998-03-01T00:00:00+08:00",
    ),
}


@pytest.mark.parametrize(("html", "iso"), DATE_LAYOUTS.values(), ids=DATE_LAYOUTS.keys())
def test_date_found_in_generic_layouts(html, iso):
    assert extract_article(_page(html)).published_at == iso


def test_month_without_day_is_not_a_full_date():
    assert find_month("2005年3月11日") is None


# (html around the post, authors)
AUTHOR_LAYOUTS = {
    "writer-label": (
        f"<div class='c'><p>{POST[0]}</p><p>{POST[1]}</p><p>执笔人：闵乐夫 赵兰波</p></div>",
        ["闵乐夫", "赵兰波"],
    ),
    "wen-colon": (
        f"<div>文：眉间尺</div><div class='c'><p>{POST[0]}</p><p>{POST[1]}</p></div>",
        ["眉间尺"],
    ),
    "poster-posted-at": (
        f"<div class='c'><p>{POST[0]}</p><p>{POST[1]}</p><p>ggjj 发表于 2005-9-15 11:46:00</p></div>",
        ["ggjj"],
    ),
    "forum-footer-by": (
        f"<div class='c'><p>{POST[0]}</p><p>{POST[1]}</p><p>〓 某某论坛 发布时间 2005/05/17 22:11:42 by 眉间尺 〓</p></div>",
        ["眉间尺"],
    ),
    "lead-in-then-reporter": (
        f"<div>新华网黑龙江频道 记者 伊琳 李清芬</div><div class='c'><p>{POST[0]}</p><p>{POST[1]}</p></div>",
        ["伊琳", "李清芬"],
    ),
    "wire-dateline": (
        f"<div class='c'><p>据新华社拉萨电（记者 格桑边觉）{POST[0]}</p><p>{POST[1]}</p></div>",
        ["格桑边觉"],
    ),
    "bare-name-under-headline": (
        f"<h1>某某论坛</h1><div>胡平</div><div class='c'><p>{POST[0]}</p><p>{POST[1]}</p></div>",
        ["胡平"],
    ),
    "subtitle-is-not-a-name": (
        f"<h1>某某论坛</h1><div>手记</div><div class='c'><p>{POST[0]}</p><p>{POST[1]}</p></div>",
        [],
    ),
    "latin-word-is-not-a-name": (
        f"<h1>某某论坛</h1><div>English</div><div class='c'><p>{POST[0]}</p><p>{POST[1]}</p></div>",
        [],
    ),
    "counters-after-author": (
        f"<div class='c'><p>{POST[0]}</p><p>{POST[1]}</p></div><div>作者:zboy 阅读(1660) 评论(5)</div>",
        ["zboy"],
    ),
}


@pytest.mark.parametrize(("html", "authors"), AUTHOR_LAYOUTS.values(), ids=AUTHOR_LAYOUTS.keys())
def test_author_found_in_generic_layouts(html, authors):
    assert extract_article(_page(html)).authors == authors


def test_picture_credit_is_not_an_author():
    page = _page(
        f"<div>河南商报记者马俊峰/文受访者供图</div><div class='c'><p>{POST[0]}</p><p>{POST[1]}</p></div>"
    )
    assert extract_article(page).authors == ["马俊峰"]
