"""The e-paper article extractor (lcnews.extract.epaper) on pages in two Founder templates."""

from __future__ import annotations

import pytest

from lcnews.extract.epaper import extract_print_article

URL_DATED = "http://lcrb.lcxw.cn/lcwb/pc/content/202403/29/content_812.html"
URL_UNDATED = "http://lcrb.lcxw.cn/paper/pc/content/content_47875.html"

LEAK = (
    '<table style="display:none"><tr><td><!--enpproperty <error><!--#include virtual="/x.shtml" --></error>'
    "<date>2024-03-29</date><id>1</id><nodeid>1</nodeid><nodename>聊城日报</nodename><url>content_47875.html</url>"
    "<siteid>1</siteid><title>图片新闻</title>/enpproperty--></td></tr></table>"
)

# A modern Founder page (headline h3/h1/h2, founder-content, nav links, caption in the photo box).
MODERN = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="PageNumber" content="03"><meta name="reporter" content="贾新伟"><meta name="publishdate" content="2024年03月29日">
<title>聊城晚报 - 运河两岸春来早</title></head><body>
<div class="nav"><a href="../../../layout/202403/29/node_03.html">返回目录</a>
<a href="../../../layout/202403/29/node_02.html">上一版</a><a href="../../../layout/202403/29/node_04.html">下一版</a></div>
<div class="article"><h3>聚焦春耕备耕</h3><h1>运河两岸春来早</h1><h2>多地农机下田忙播种</h2>
<p class="sec">来源：聊城晚报 （2024年03月29日 03版）</p>
<founder-content><!--enpcontent--><!--enpcontent--><p>　　■ 本报记者 贾新伟 本报通讯员 王奕明</p>
<p>　　连日来，各地抓住有利时机开展春耕生产。</p>
<p>　　田间地头一派繁忙景象。（下转第5版）</p><!--/enpcontent--></body></html><!--/enpcontent--></founder-content>
<div class="photo"><img src="../../../attachment/202403/29/a1.jpg"><p class="pic-caption">农机在田间作业。 本报记者 吴建正 摄</p></div>
</div>
<div class="pager"><a href="content_811.html">上一篇</a><a href="content_813.html">下一篇</a>
<a href="../../../attachment/202403/29/0f3e.pdf">PDF下载</a></div>
<!--enpproperty <articleid>812</articleid><date>2024-03-29</date><author>贾新伟</author><title>运河两岸春来早</title>
<subtitle>多地农机下田忙播种</subtitle><introtitle>聚焦春耕备耕</introtitle><pagenum>03</pagenum><papername>聊城晚报</papername>/enpproperty-->
{LEAK.replace("content_47875", "content_812")}
</body></html>"""

# An older table template in GBK: headline rows, #ozoom, empty 引题 row, continued from page 1.
OLD = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>城区新增三处口袋公园</title></head>
<body><table><tr><td class="px12">第02版：城事</td></tr></table>
<table><tr><td class="font02"></td></tr><tr><td class="font01">城区新增三处口袋公园</td></tr>
<tr><td class="font02">市民家门口享受绿意</td></tr>
<tr><td><div id="ozoom"><!--enpcontent--><P>（上接第1版）</P><P>本报讯（记者 张承斌 通讯员 张亚林）3月12日，公园正式开放。</P>
<P>周边居民纷纷前来游玩。</P>
<table><tr><td><img src="../../pic/b2.jpg"></td></tr><tr><td class="font6">孩子们在园中玩耍 本报记者 赵鹏 摄</td></tr></table>
<P>下一步还将建设更多公园。</P>
{LEAK}
<!--/enpcontent--></div></td></tr></table>
<a href="../layout/202403/29/node_02.html">返回目录</a>
<!--enpproperty <date>2024-03-29</date><author></author><title>城区新增三处口袋公园</title><subtitle>市民家门口享受绿意</subtitle>
<introtitle></introtitle>/enpproperty-->
</body></html>"""


@pytest.fixture(scope="module")
def modern():
    return extract_print_article(MODERN.encode("utf-8"), URL_DATED)


@pytest.fixture(scope="module")
def old():
    return extract_print_article(OLD.encode("gbk"), URL_UNDATED)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pretitle", "聚焦春耕备耕"),
        ("title", "运河两岸春来早"),
        ("subtitle", "多地农机下田忙播种"),
        ("authors", ["贾新伟"]),
        ("correspondents", ["王奕明"]),
        ("photographers", ["吴建正"]),
        ("body", "连日来，各地抓住有利时机开展春耕生产。\n田间地头一派繁忙景象。"),
        ("continued_to", [5]),
        ("continued_from", []),
        ("page_no", 3),
        ("edition_date", "2024-03-29"),
        ("paper", "lcwb"),
        ("paper_name", "聊城晚报"),
        ("content_id", 812),
        ("pdf_url", "http://lcrb.lcxw.cn/lcwb/pc/attachment/202403/29/0f3e.pdf"),
        (
            "images",
            [
                {
                    "src": "http://lcrb.lcxw.cn/lcwb/pc/attachment/202403/29/a1.jpg",
                    "caption": "农机在田间作业。 本报记者 吴建正 摄",
                }
            ],
        ),
    ],
)
def test_modern_template_fields(modern, field, value):
    assert getattr(modern, field) == value


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pretitle", ""),
        ("title", "城区新增三处口袋公园"),
        ("subtitle", "市民家门口享受绿意"),
        ("authors", ["张承斌"]),
        ("correspondents", ["张亚林"]),
        ("photographers", ["赵鹏"]),
        ("body", "3月12日，公园正式开放。\n周边居民纷纷前来游玩。\n下一步还将建设更多公园。"),
        ("continued_from", [1]),
        ("page_no", 2),
        ("page_name", "城事"),
        ("edition_date", "2024-03-29"),
        ("paper", "lcrb"),
        ("content_id", 47875),
        ("encoding", "gb18030"),
    ],
)
def test_old_template_fields(old, field, value):
    assert getattr(old, field) == value


@pytest.mark.parametrize("page", [MODERN, OLD], ids=["modern", "old"])
@pytest.mark.parametrize("leak", ["enpproperty", "content_47875", "图片新闻", "上一篇", "返回目录", "下一版"])
def test_no_metadata_or_navigation_in_body(page, leak):
    assert leak not in extract_print_article(page, URL_DATED).body


def test_navigation_links_are_read(modern):
    assert modern.nav == {
        "toc": "http://lcrb.lcxw.cn/lcwb/pc/layout/202403/29/node_03.html",
        "prev_page": "http://lcrb.lcxw.cn/lcwb/pc/layout/202403/29/node_02.html",
        "next_page": "http://lcrb.lcxw.cn/lcwb/pc/layout/202403/29/node_04.html",
        "prev_article": "http://lcrb.lcxw.cn/lcwb/pc/content/202403/29/content_811.html",
        "next_article": "http://lcrb.lcxw.cn/lcwb/pc/content/202403/29/content_813.html",
    }


def test_headline_and_metadata_agreeing_is_recorded(modern):
    assert modern.field_sources["title"] == "headline + enpproperty"


def test_edition_date_of_an_undated_url_comes_from_the_page(old):
    assert "url" not in old.field_sources["edition_date"]


def test_metadata_title_serves_when_no_headline_is_visible():
    page = "<html><body><!--enpcontent--><p>正文一段。</p><!--/enpcontent--><!--enpproperty <title>只在注释里</title>/enpproperty--></body></html>"
    got = extract_print_article(page, URL_DATED)
    assert (got.title, got.field_sources["title"]) == ("只在注释里", "enpproperty")


@pytest.mark.parametrize(
    ("closing", "who"),
    [("■ 吴建正", ("photographers", ["吴建正"])), ("（本报记者 苑莘）", ("authors", ["苑莘"]))],
)
def test_closing_credit_lines(closing, who):
    page = f"<html><body><h1>图片新闻</h1><!--enpcontent--><p>市民在湖边赏花。</p><p>{closing}</p><!--/enpcontent--></body></html>"
    got = extract_print_article(page, URL_DATED)
    assert (got.body, getattr(got, who[0])) == ("市民在湖边赏花。", who[1])


def test_page_without_markers_warns():
    got = extract_print_article("<html><body><h1>标题</h1><p>文字</p></body></html>", URL_DATED)
    assert got.body == "" and "no content markers" in got.warnings
