"""Stage 3, locate content (lcnews.extract.content, with the density layer lcnews.extract.generic):
the element holding the article, the furniture inside it to leave out, and the evidence."""

from __future__ import annotations

import pytest
from extract_pages import BODY_HTML, P1, P2, P3, TITLE, article, page, rules
from lxml import etree

from lcnews.extract import extract_article
from lcnews.extract.content import Content, is_notice, locate
from lcnews.extract.dom import parse_html
from lcnews.extract.generic import is_furniture_class, pick_main
from lcnews.extract.page import Page
from lcnews.extract.title import headline_line


def _locate(body: str, title: str | None = None) -> tuple[Page, Content]:
    pg = page(body, title)
    return pg, locate(pg, rules(), headline_line(pg, rules()))


def _name(el: etree._Element | None) -> str:
    assert el is not None
    return el.get("id") or el.get("class") or el.tag


def _lines(pg: Page, content: Content) -> list[str]:
    lo, hi = content.lines
    return pg.walk.lines[lo:hi]


# -- the site layer and the density layer agree or disagree ----------------------------------------


def test_a_profile_selector_the_density_agrees_with_is_the_site_layer() -> None:
    _, content = _locate(article(content_class="article-content"))
    assert (_name(content.node), content.layer) == ("article-content", "site")


def test_the_evidence_names_the_selector_and_the_agreeing_density() -> None:
    _, content = _locate(article(content_class="article-content"))
    assert content.evidence == "selector .article-content + density"


def test_without_a_selector_match_the_density_pick_is_the_generic_layer() -> None:
    _, content = _locate(article())
    assert (_name(content.node), content.layer, content.evidence) == ("con", "generic", "density")


def test_a_selector_matching_a_banner_is_overruled_by_the_density() -> None:
    banner = "<div class='article-content'>欢迎访问本网站，了解更多</div>"
    _, content = _locate(banner + article(BODY_HTML * 2))
    assert (_name(content.node), content.layer) == ("con", "generic")


def test_the_evidence_says_the_selector_disagreed() -> None:
    banner = "<div class='article-content'>欢迎访问本网站，了解更多</div>"
    _, content = _locate(banner + article(BODY_HTML * 2))
    assert content.evidence == "density (selector .article-content disagreed)"


def test_lines_are_the_page_lines_of_the_content() -> None:
    pg, content = _locate(article())
    assert _lines(pg, content) == [P1, P2, P3]


def test_a_page_without_text_has_no_content() -> None:
    _, content = _locate("<div><img src='a.jpg'></div>")
    assert (content.node, content.layer) == (None, "")


# -- furniture inside the container ----------------------------------------------------------------

RELATED = "<h4>相关阅读</h4><ul><li><a href='/x/1.html'>我市公交线网优化调整方案公布</a></li></ul>"


@pytest.mark.parametrize(
    ("cls", "inner"),
    [
        ("share-bar", "分享到：微信 微博"),
        ("related-news", RELATED),
        ("xgyd", RELATED),
        ("qrcode", "<img src='/qr.png'><p>扫码关注我们</p>"),
        ("wechat-box", "<p>长按识别二维码</p>"),
        ("disclaimer", "<p>本网转载内容仅供参考。</p>"),
        ("video-recommend", "<h4>视频推荐</h4><ul><li><a href='/v/1.html'>新线路试乘体验</a></li></ul>"),
        ("xgtj", "相关推荐"),  # the profile's body_remove selector
    ],
)
def test_furniture_box_inside_the_site_container_is_skipped(cls: str, inner: str) -> None:
    _, content = _locate(article(f"{BODY_HTML}<div class='{cls}'>{inner}</div>", content_class="article-content"))
    assert [el.get("class") for el in content.skip] == [cls]


def test_a_furniture_class_on_the_subtree_holding_the_text_is_not_skipped() -> None:
    _, content = _locate(article(f"<div class='more-text'>{BODY_HTML}</div>", content_class="article-content"))
    assert content.skip == set()


def test_link_lists_inside_the_density_pick_are_skipped() -> None:
    links = "".join(f"<a href='/n/{i}.html'>其他新闻标题第{i}条</a><br>" for i in range(8))
    _, content = _locate(article(f"{BODY_HTML}<div class='box'>{links}</div>"))
    assert [el.get("class") for el in content.skip] == ["box"]


# -- the article, not a longer block of boilerplate ------------------------------------------------

SHORT = f"<p>{P1}</p><p>{P2}</p>"
DISCLAIMER = "".join(
    f"<p>声明{i}：本站登载的部分稿件选自别家媒体，登载只为给读者多一份参考，"
    "既不等于本站认可稿中说法，也不为稿件内容的准确与否作出担保。</p>"
    for i in range(6)
)
PLAYLIST = "".join(
    f"<p>第{i}集：东昌湖畔夜景灯光秀精彩上演，市民游客纷纷驻足观看，拍照留念，气氛热烈。</p>" for i in range(8)
)
LINKED_PLAYLIST = "".join(
    f"<li><a href='/v/{i}.html'>东昌湖畔第{i}期夜景灯光秀精彩上演，市民游客纷纷驻足观看拍照留念</a></li>"
    for i in range(12)
)
FEED = "".join(
    f"<div class='item'><p>第{i}条：本周全市各县区陆续开展夏季防汛应急演练，检验各部门协同处置能力，参演人员达到数百人次。</p></div>"
    for i in range(8)
)


@pytest.mark.parametrize(
    "body",
    [
        article(SHORT) + f"<div class='box'>{DISCLAIMER}</div>",
        article(SHORT) + f"<div class='vlist'>{PLAYLIST}</div>",
        article(SHORT) + f"<div class='box'><ul>{LINKED_PLAYLIST}</ul></div>",
        f"<div class='wrap'><div class='story'><h1>{TITLE}</h1><div class='txt'>{SHORT}</div></div>"
        f"<div class='feed'>{FEED}</div></div>",
    ],
    ids=["longer-disclaimer", "longer-playlist", "longer-linked-playlist", "longer-feed-of-other-stories"],
)
def test_a_short_article_wins_over_a_longer_block_beside_it(body: str) -> None:
    pg, content = _locate(body)
    assert _lines(pg, content) == [P1, P2]


def test_a_short_article_beats_a_longer_disclaimer_without_a_confirmed_headline() -> None:
    pg = page(article(SHORT) + f"<div class='box'>{DISCLAIMER}</div>", title="")
    content = locate(pg, rules())
    assert _lines(pg, content) == [P1, P2]


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        ("免责声明：本网转载内容仅供参考，不构成投资建议。", True),
        ("【特别声明】本站转载的文章仅代表作者本人观点。", True),
        ("声明：本文仅代表作者观点，与本网无关。", True),
        ("版权所有 某某新闻网", True),
        ("转载请注明出处。", True),
        ("编者按：公交线路调整关系千家万户，本报今起推出系列报道。", False),
        (P1, False),
    ],
    ids=["disclaimer", "special-notice", "statement", "copyright", "reprint", "editor-note", "article-text"],
)
def test_is_notice(text: str, notice: bool) -> None:
    assert is_notice(text, rules()) is notice


# -- the density layer (lcnews.extract.generic) -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "furniture"),
    [
        ("share-bar", True),
        ("footer", True),
        ("nav top", True),
        ("content-recommend", True),
        ("article-related", True),
        ("article-content", False),
        ("main-text", False),
        ("postlist", False),
        ("", False),
    ],
)
def test_is_furniture_class(name: str, furniture: bool) -> None:
    assert is_furniture_class(name) is furniture


ZH_PARAS = [
    "记者从市文化和旅游局获悉，2024年全市计划实施重点项目472个，总投资超过1168亿元。",
    "车间主任王建军告诉记者，今年订单已经排到了10月份，生产线满负荷运转。在山陕会馆附近，前来游玩的市民和游客络绎不绝。",
    "下一步，东昌府区将继续聚焦高端轴承，着力引育“填空式”企业，推动产业链延链补链强链。",
]
EN_PARAS = [
    (
        "The city council voted on Tuesday to expand the riverside park, adding three miles of trails, "
        "a new playground and a boat launch that residents have requested for years."
    ),
    (
        "Officials said construction would begin in the spring, with most of the work finished before "
        "the summer festival season, although the boat launch may take longer."
    ),
    (
        "Critics argued that the money should go to road repairs instead, but the measure passed easily, "
        "and the mayor called it a long-overdue investment in public space."
    ),
]


def _menu(n: int, word: str) -> str:
    return "".join(f"<li><a href='/c{i}/'>{word}{i}</a></li>" for i in range(n))


def _related(word: str) -> str:
    return "".join(
        f"<li><a href='/n/{i}.html'>{word} {i} headline of another story here</a>"
        f"<span>2024-05-0{i % 9 + 1} 10:00</span></li>"
        for i in range(12)
    )


ZH_PAGE = f"""<html><head><meta charset="utf-8"><title>聊城推进重点项目建设 - 某某日报网</title>
<meta name="publishdate" content="2024-05-20 13:15:00"></head><body>
<div class="topbar"><ul>{_menu(15, "频道")}</ul></div>
<div class="wrap"><div class="mainbox"><h1>聊城推进重点项目建设</h1>
<div class="sub">2024-05-20 13:15 来源：某某日报 作者：王建宏</div>
<div class="txt">{"".join(f"<p>{p}</p>" for p in ZH_PARAS)}<p>（责任编辑：马丽）</p></div></div>
<div class="sidebar"><h3>热门推荐</h3><ul>{_related("热点新闻")}</ul></div></div>
<div class="foot">关于我们 | 联系我们 | 版权所有 某某日报</div></body></html>"""

EN_PAGE = f"""<html><head><title>Council expands riverside park | The Daily Example</title>
<meta property="article:published_time" content="2019-11-19T14:30:00-05:00">
<script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"2019-11-19T14:30:00-05:00"}}</script>
</head><body><nav><ul>{_menu(20, "Section ")}</ul></nav>
<main><article><header><h1>Council expands riverside park</h1><p class="byline">By Jane Doe</p></header>
<div class="story-body">{"".join(f"<p>{p}</p>" for p in EN_PARAS)}</div>
<aside class="related"><h2>Related</h2><ul>{_related("Other")}</ul></aside></article></main>
<footer><p>Copyright 2019 The Daily Example. All rights reserved.</p></footer></body></html>"""

# a page the lcxw profile selectors do not know, with a <br>-laid-out body in a table cell
TABLE_PAGE = f"""<html><head><meta charset="gbk"><title>聊城推进重点项目建设_某某网</title></head><body>
<table><tr><td class="nav">{"".join(f'<a href="/c{i}/">栏目{i}</a> ' for i in range(20))}</td></tr>
<tr><td><font size="4">聊城推进重点项目建设</font><br>2005年4月28日 11:13<br><br>
{"<br><br>".join(ZH_PARAS)}<br></td></tr>
<tr><td>{"".join(f'<a href="/n/{i}.html">其他新闻标题{i}</a><br>' for i in range(15))}</td></tr></table>
</body></html>"""

# (page bytes, body, published_at, title)
GENERIC_PAGES = {
    "zh-div-template": (
        ZH_PAGE.encode("utf-8"),
        "\n".join(ZH_PARAS),
        "2024-05-20T13:15:00+08:00",
        "聊城推进重点项目建设",
    ),
    "en-article-template": (
        EN_PAGE.encode("utf-8"),
        "\n".join(EN_PARAS),
        "2019-11-20T03:30:00+08:00",
        "Council expands riverside park",
    ),
    "zh-gbk-table-template": (
        TABLE_PAGE.encode("gbk"),
        "\n".join(ZH_PARAS),
        "2005-04-28T11:13:00+08:00",
        "聊城推进重点项目建设",
    ),
}
GENERIC = pytest.mark.parametrize(
    ("data", "body", "published_at", "title"), GENERIC_PAGES.values(), ids=GENERIC_PAGES.keys()
)


def test_link_lists_are_not_the_main_text() -> None:
    root = parse_html(ZH_PAGE)
    assert root is not None
    pick = pick_main(root)
    assert pick is not None and pick.node.get("class") == "txt"


def test_a_page_of_short_lines_only_has_no_density_pick() -> None:
    root = parse_html("<html><body><ul><li><a href='/1'>首页</a></li><li><a href='/2'>要闻</a></li></ul></body></html>")
    assert root is not None and pick_main(root) is None


@GENERIC
def test_generic_body(data: bytes, body: str, published_at: str, title: str) -> None:
    assert extract_article(data).body == body


@GENERIC
def test_generic_date_in_beijing_time(data: bytes, body: str, published_at: str, title: str) -> None:
    assert extract_article(data).published_at == published_at


@GENERIC
def test_generic_title(data: bytes, body: str, published_at: str, title: str) -> None:
    assert extract_article(data).title == title


@GENERIC
def test_generic_layer_is_recorded(data: bytes, body: str, published_at: str, title: str) -> None:
    assert extract_article(data).layer == "generic"


def test_generic_applies_editor_rule() -> None:
    assert extract_article(ZH_PAGE).editors == ["马丽"]


def test_generic_reads_author_from_meta_area() -> None:
    assert extract_article(ZH_PAGE).authors == ["王建宏"]


def test_selector_match_on_a_banner_falls_back_to_generic() -> None:
    banner = "<div class='content'>Welcome to our network. Learn more</div>"
    result = extract_article(EN_PAGE.replace("<main>", banner + "<main>"))
    assert (result.layer, result.body) == ("generic", "\n".join(EN_PARAS))
