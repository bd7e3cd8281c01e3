"""The fast paths of the tree walk and selection give exactly what the plain versions give:
whitespace collapsing, the page-text slices, the profile-narrowed class index, the text-only walk."""

from __future__ import annotations

import re

import pytest

from lcnews.extract.dom import PageText, Selector, collapse, parse_html, walk, walk_text

_CONTRACT_WS = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "plain",
        " a  b\tc\nd ",
        "\u3000\u3000全角空格开头",
        "nbsp\u00a0between",
        "zero\u200bwidth\u200b\u200bspaces",
        "\ufeffbom at start",
        "mixed \u2028 line\u2029separators\x1c\x1d\x1e\x1f\x85end",
        "\u200b",
    ],
)
def test_collapse_matches_the_contract_regex(text: str) -> None:
    assert collapse(text) == _CONTRACT_WS.sub(" ", text).strip()


PAGES = [
    "<html><body><div id='a'><h1>标题</h1><p>第一段 <a href='#'>链接</a> 文字。</p>"
    "<div class='x'>松散文字<br>换行后<span>行内</span><img src='a.jpg'>图后文字</div>"
    "<table><tr><td>单元格一</td><td>单元格二<p>内段</p>尾巴</td></tr></table></div>"
    "<script>var x = 1;</script><footer>页脚 版权所有</footer></body></html>",
    "<html><body><center>居中<b>粗体</b></center><ul><li>一</li><li>二<ul><li>三</li></ul></li></ul>"
    "<noscript><p>不可见</p></noscript><section><p>节</p>尾</section>外部文字</body></html>",
    "<html><body><div><img data-src='lazy.jpg'><p>懒加载图后</p><img src='data:x'>"
    "<img src='blank.gif'>占位图后</div></body></html>",
]


@pytest.mark.parametrize("html", PAGES, ids=range(len(PAGES)))
def test_page_text_slice_equals_walking_the_subtree(html: str) -> None:
    root = parse_html(html)
    assert root is not None
    page = PageText(root)
    assert page.lines == walk_text(root)
    for el in root.iter():
        assert page.lines_of(el) == walk_text(el), el.tag


@pytest.mark.parametrize("html", PAGES, ids=range(len(PAGES)))
def test_text_walk_equals_full_walk_without_images(html: str) -> None:
    root = parse_html(html)
    assert root is not None
    for el in root.iter():
        assert walk_text(el) == [b.text for b in walk(el, "http://x/") if b.text]


SELECTOR_PAGE = (
    "<html><body><div class='content main'><p class='meta  info'>来源:某报</p>"
    "<div id=' title '>标题</div><div class='share content'>分享</div></div>"
    "<div class='content'>另一个</div><span class='info'>x</span></body></html>"
)


@pytest.mark.parametrize(
    "selector", [".content", ".info", "#title", "div.content", ".content .info", ".share", "#none"]
)
def test_profile_narrowed_index_selects_like_the_full_index(selector: str) -> None:
    root = parse_html(SELECTOR_PAGE)
    full = Selector(root).select(selector)
    # the expected set is narrower than what is asked for: the index widens itself
    narrowed = Selector(root, [".content", ".info"]).select(selector)
    assert narrowed == full


@pytest.mark.parametrize("selector", [".info", ".share", "p", "#title", ".content .info"])
def test_selection_within_a_node_reuses_the_page_index(selector: str) -> None:
    root = parse_html(SELECTOR_PAGE)
    index = Selector(root, [".info", ".share", "#title", ".content"])
    body = index.select(".content")[0]
    assert index.within(body).select(selector) == Selector(body).select(selector)
