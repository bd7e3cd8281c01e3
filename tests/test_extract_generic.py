"""The generic layer on templates the profile does not know (hand-made Chinese and English pages)."""

from __future__ import annotations

import pytest

from lcnews.extract import extract_article
from lcnews.extract.dom import parse_html
from lcnews.extract.generic import pick_main

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
PAGES = {
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


@pytest.mark.parametrize(
    ("data", "body", "published_at", "title"), PAGES.values(), ids=PAGES.keys()
)
def test_generic_body(data, body, published_at, title):
    assert extract_article(data).body == body


@pytest.mark.parametrize(
    ("data", "body", "published_at", "title"), PAGES.values(), ids=PAGES.keys()
)
def test_generic_date_in_beijing_time(data, body, published_at, title):
    assert extract_article(data).published_at == published_at


@pytest.mark.parametrize(
    ("data", "body", "published_at", "title"), PAGES.values(), ids=PAGES.keys()
)
def test_generic_title(data, body, published_at, title):
    assert extract_article(data).title == title


@pytest.mark.parametrize(
    ("data", "body", "published_at", "title"), PAGES.values(), ids=PAGES.keys()
)
def test_generic_layer_is_recorded(data, body, published_at, title):
    assert extract_article(data).layer == "generic"


def test_generic_applies_editor_rule():
    assert extract_article(ZH_PAGE).editors == ["马丽"]


def test_generic_reads_author_from_meta_area():
    assert extract_article(ZH_PAGE).authors == ["王建宏"]


def test_link_lists_are_not_the_main_text():
    root = parse_html(ZH_PAGE)
    pick = pick_main(root)
    assert pick is not None and pick.node.get("class") == "txt"


def test_selector_match_on_a_banner_falls_back_to_generic():
    banner = "<div class='content'>Welcome to our network. Learn more</div>"
    page = EN_PAGE.replace("<main>", banner + "<main>")
    result = extract_article(page)
    assert (result.layer, result.body) == ("generic", "\n".join(EN_PARAS))
