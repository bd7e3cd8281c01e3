"""Layout (edition) pages of the e-paper (lcnews.extract.epaper_layout)."""

from __future__ import annotations

import pytest

from lcnews.extract.epaper_layout import parse_layout
from lcnews.site import load_profile

EP = load_profile().epaper
URL = "http://lcrb.lcxw.cn/paper/pc/layout/202403/29/node_02.html"

LAYOUT = """<html><head><meta charset="utf-8"><title>聊城日报 2024年03月29日 02版：城事</title></head><body>
<div class="paper-top"><span>第02版：城事</span>
<a href="node_01.html">上一版</a> <a href="node_03.html">下一版</a>
<a href="../../../attachment/202403/29/5b1c.pdf">PDF下载</a></div>
<img src="../../../images/202403/29/p2.jpg" usemap="#PagePicMap">
<map name="PagePicMap"><area shape="polygon" coords="1,2,3,4" href="../../../content/content_47875.html">
<area coords="5,6" href="../../../content/content_47877.html"></map>
<ul class="news-list"><li><a href="../../../content/content_47875.html">城区新增三处口袋公园</a></li>
<li><a href="../../../content/content_47876.html">老街换新颜</a></li></ul>
<div class="page-list"><a href="node_01.html">01版：要闻</a><a href="node_02.html">02版：城事</a>
<a href="node_03.html">03版：广告</a></div>
<a href="../../../layout/202403/28/node_01.html">上一期</a></body></html>"""

ENTRY = '<html><head><meta http-equiv="refresh" content="0; url=202403/29/node_01.html"></head><body></body></html>'


@pytest.fixture(scope="module")
def layout():
    return parse_layout(LAYOUT.encode("utf-8"), URL, EP)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("paper", "lcrb"),
        ("paper_name", "聊城日报"),
        ("date", "2024-03-29"),
        ("node", "02"),
        ("page_no", 2),
        ("page_name", "城事"),
        ("pdf_url", "http://lcrb.lcxw.cn/paper/pc/attachment/202403/29/5b1c.pdf"),
        ("prev_page", "http://lcrb.lcxw.cn/paper/pc/layout/202403/29/node_01.html"),
        ("next_page", "http://lcrb.lcxw.cn/paper/pc/layout/202403/29/node_03.html"),
    ],
)
def test_layout_fields(layout, field, value):
    assert getattr(layout, field) == value


def test_day_page_list(layout):
    assert [(p.page_no, p.page_name, p.url.rsplit("/", 1)[1]) for p in layout.pages] == [
        (1, "要闻", "node_01.html"),
        (2, "城事", "node_02.html"),
        (3, "广告", "node_03.html"),
    ]


def test_articles_from_title_list_and_image_map(layout):
    assert [(a.content_id, a.title) for a in layout.articles] == [
        (47875, "城区新增三处口袋公园"),
        (47876, "老街换新颜"),
        (47877, ""),
    ]


def test_dated_content_links_carry_their_date():
    page = LAYOUT.replace("../../../content/content_", "../../../content/202403/29/content_")
    assert {a.date for a in parse_layout(page, URL, EP).articles} == {"2024-03-29"}


def test_entry_page_refresh_target():
    got = parse_layout(ENTRY, "http://lcrb.lcxw.cn/paper/pc/layout/index.html", EP)
    assert got.refresh_url == "http://lcrb.lcxw.cn/paper/pc/layout/202403/29/node_01.html"


def test_page_number_from_title_when_no_label():
    page = LAYOUT.replace("<span>第02版：城事</span>", "")
    got = parse_layout(page, URL, EP)
    assert (got.page_no, got.page_name) == (2, "城事")
