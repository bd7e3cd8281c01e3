"""The parse and walk primitives (lcnews.extract.dom): whitespace collapsing, lenient parsing that
loses nothing, the one iterative walk into paragraphs and images, and the page walk's slices."""

from __future__ import annotations

import re

import pytest
from extract_pages import P1, P2, P3
from lxml import etree

from lcnews.extract.dom import BLOCK_TAGS, Block, PageBlocks, collapse, parse_html, walk

_CONTRACT_WS = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
BASE = "https://www.lcxw.cn/yaowen/shehui/20240608/"


def _root(html: str) -> etree._Element:
    root = parse_html(html)
    assert root is not None
    return root


def _lines(html: str) -> list[str]:
    return [b.text for b in walk(_root(html)) if b.image is None]


def _only(html: str, text: str) -> Block:
    found = [b for b in walk(_root(html), BASE) if b.text == text]
    assert len(found) == 1, [b.text for b in walk(_root(html))]
    return found[0]


# -- collapse -------------------------------------------------------------------------------------


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


# -- parse_html -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t  "], ids=["empty", "whitespace"])
def test_nothing_to_parse_gives_none(text: str) -> None:
    assert parse_html(text) is None


@pytest.mark.parametrize(
    "close",
    ["</html>", "</body>", "</body></html>", "</ BODY >", "</html>\n<html><body>"],
    ids=["html", "body", "body-html", "spaced-upper", "second-document"],
)
def test_content_after_an_early_closing_tag_is_kept(close: str) -> None:
    html = f"<html><body><div><p>{P1}</p>{close}<p>{P2}</p></div><p>{P3}</p></body></html>"
    assert _lines(html) == [P1, P2, P3]


@pytest.mark.parametrize(
    "stray",
    ["<cms:include file='top'/>", "<form action='/s'>", "<wbr>"],
    ids=["cms-include-tag", "form", "unknown-void"],
)
def test_content_stranded_in_head_is_walked_before_the_body(stray: str) -> None:
    html = f"<html><head><title>标题</title>{stray}<div><p>{P1}</p></div></head><body><p>{P2}</p></body></html>"
    assert _lines(html) == [P1, P2]


def test_an_xml_declaration_does_not_stop_parsing() -> None:
    html = f"<?xml version='1.0' encoding='utf-8'?><html><body><p>{P1}</p></body></html>"
    assert _lines(html) == [P1]


DEEP = 5000


@pytest.mark.parametrize(
    ("html", "lines"),
    [
        pytest.param(
            "<html><body>" + "<div>" * DEEP + f"<p>{P1}</p>" + "</div>" * DEEP + f"<p>{P2}</p></body></html>",
            [P1, P2],
            id="one-paragraph-at-the-bottom-then-one-after",
        ),
        pytest.param(
            "<html><body>" + "<div>" * DEEP + f"<p>{P1}</p><p>{P2}</p>" + "</div>" * DEEP + "</body></html>",
            [P1, P2],
            id="two-paragraphs-at-the-bottom",
        ),
        pytest.param(
            "<html><body>" + "".join(f"<div><p>第{i}段</p>" for i in range(DEEP)) + "</div>" * DEEP + "</body></html>",
            [f"第{i}段" for i in range(DEEP)],
            id="a-paragraph-at-every-level",
        ),
    ],
)
def test_nesting_5000_deep_loses_no_paragraph(html: str, lines: list[str]) -> None:
    assert _lines(html) == lines


# -- walk -----------------------------------------------------------------------------------------


def test_walk_yields_text_in_document_order() -> None:
    html = "<div>甲<p>乙</p>丙<div>丁<span>戊</span></div>己<ul><li>庚</li></ul>辛</div>壬"
    assert _lines(html) == ["甲", "乙", "丙", "丁戊", "己", "庚", "辛", "壬"]


@pytest.mark.parametrize(
    "inner",
    ["第一行<br>第二行", "第一行<br/><br/>第二行", "<br>第一行<br><br><br>第二行<br>", "<p>第一行<br>第二行</p>"],
    ids=["one-br", "two-br", "leading-and-trailing", "inside-p"],
)
def test_br_separates_paragraphs(inner: str) -> None:
    assert _lines(f"<div>{inner}</div>") == ["第一行", "第二行"]


def test_scripts_styles_and_forms_hold_no_text() -> None:
    html = "<div><script>var a = '脚本';</script><style>.x{}</style><p>正文</p><select><option>选项</option></select></div>"
    assert _lines(html) == ["正文"]


def test_link_text_is_counted() -> None:
    block = _only("<p>第一段 <a href='#'>链接</a> 文字。</p>", "第一段 链接 文字。")
    assert block.link_chars == 2


@pytest.mark.parametrize(
    ("attrs", "src"),
    [
        ("src='data:image/gif;base64,R0lG' data-original='/p/a.jpg'", "https://www.lcxw.cn/p/a.jpg"),
        ("src='/images/blank.gif' data-src='b.jpg'", BASE + "b.jpg"),
        ("src='/img/loading.gif' data-lazy-src='c.jpg'", BASE + "c.jpg"),
        ("data-echo='d.jpg'", BASE + "d.jpg"),
        ("src='e.jpg' data-src='other.jpg'", BASE + "e.jpg"),
    ],
    ids=["data-uri-then-original", "blank-then-data-src", "loading-then-lazy-src", "no-src", "real-src-wins"],
)
def test_image_source_is_the_real_one_of_a_lazy_image(attrs: str, src: str) -> None:
    images = [b.image for b in walk(_root(f"<div><img {attrs}></div>"), BASE) if b.image is not None]
    assert [i.src for i in images] == [src]


@pytest.mark.parametrize("attrs", ["src='data:image/png;base64,AAAA'", "src=''", ""], ids=["data-uri", "empty", "none"])
def test_image_without_a_usable_source_is_no_block(attrs: str) -> None:
    blocks = walk(_root(f"<div><img {attrs}><p>文字</p></div>"), BASE)
    assert [(b.text, b.image) for b in blocks] == [("文字", None)]


@pytest.mark.parametrize(
    ("html", "text", "hint"),
    [
        ("<figure><img src='a.jpg'><figcaption>图注在此</figcaption></figure>", "图注在此", True),
        ("<p><img src='a.jpg'></p><p class='pic-txt'>图注在此</p>", "图注在此", True),
        ("<div class='img_caption'>图注在此</div>", "图注在此", True),
        ("<div><img src='a.jpg'><span>图注在此</span></div>", "图注在此", True),
        (f"<p><img src='a.jpg'></p><p>{P1}</p>", P1, False),
        (f"<div><img src='a.jpg'>{P1 * 8}<span>图注在此</span></div>", "图注在此", False),
    ],
    ids=["figcaption", "caption-class", "caption-class-no-image", "beside-image", "paragraph", "big-block-with-image"],
)
def test_caption_hint(html: str, text: str, hint: bool) -> None:
    blocks = [b for b in walk(_root(html), BASE) if b.text.endswith(text)]
    assert [b.caption_hint for b in blocks] == [hint]


@pytest.mark.parametrize(
    ("html", "centered"),
    [
        ("<p style='text-align: center'>一段文字</p>", True),
        ("<p align='center'>一段文字</p>", True),
        ("<center>一段文字</center>", True),
        ("<p align='center'><span>一段文字</span></p>", True),
        ("<table align='center'><tr><td>一段文字</td></tr></table>", False),
        ("<table style='text-align:center'><tr><td><p>一段文字</p></td></tr></table>", False),
        ("<section style='text-align:center'>一段文字</section>", False),
        ("<p>一段文字</p>", False),
    ],
    ids=[
        "style",
        "align",
        "center-tag",
        "inline-in-centred-p",
        "centred-table",
        "centred-table-style",
        "centred-section",
        "plain",
    ],
)
def test_centred_text(html: str, centered: bool) -> None:
    assert _only(html, "一段文字").centered is centered


# -- PageBlocks -----------------------------------------------------------------------------------

PAGES = [
    "<html><body><div id='a'><h1>标题</h1><p>第一段 <a href='#'>链接</a> 文字。</p>"
    "<div class='x'>松散文字<br>换行后<span id='s'>行内</span><img src='a.jpg'>图后文字</div>"
    "<div id='share'>分享到</div><table><tr><td>单元格一</td><td>单元格二<p>内段</p>尾巴</td></tr></table>"
    "<p>末段</p></div><script>var x = 1;</script><footer>页脚</footer></body></html>",
    "<html><body><center>居中<b>粗体</b></center><ul><li>一</li><li>二<ul><li>三</li></ul></li></ul>"
    "<noscript><p>不可见</p></noscript><section><p>节</p>尾</section>外部文字</body></html>",
    "<html><body><div><img data-src='lazy.jpg'><p>懒加载图后</p><img src='data:x'>"
    "<figure><img src='b.jpg'><figcaption>图注</figcaption></figure></div></body></html>",
]


@pytest.mark.parametrize("html", PAGES, ids=["div-table", "lists-sections", "images"])
def test_blocks_of_an_element_are_those_of_walking_it_alone(html: str) -> None:
    root = _root(html)
    page = PageBlocks(root, BASE)
    for el in root.iter():
        if isinstance(el.tag, str):
            assert page.blocks_of(el) == walk(el, BASE), el.tag


@pytest.fixture
def first() -> tuple[PageBlocks, etree._Element]:
    root = _root(PAGES[0])
    return PageBlocks(root, BASE), root


def test_the_root_spans_every_block(first: tuple[PageBlocks, etree._Element]) -> None:
    page, root = first
    assert page.span(root) == (0, len(page.blocks))


def test_an_inline_element_has_no_span(first: tuple[PageBlocks, etree._Element]) -> None:
    page, root = first
    span = root.find(".//span")
    assert (page.span(span), page.line_range(span)) == (None, None)


def test_line_range_counts_text_lines_not_images(first: tuple[PageBlocks, etree._Element]) -> None:
    page, root = first
    lo, hi = page.line_range(root.find(".//div[@class='x']")) or (0, 0)
    assert page.lines[lo:hi] == ["松散文字", "换行后行内", "图后文字"]


def test_every_block_element_but_a_line_break_has_a_span(first: tuple[PageBlocks, etree._Element]) -> None:
    page, root = first
    blocks = [el for el in root.iter() if isinstance(el.tag, str) and el.tag in BLOCK_TAGS - {"br", "hr"}]
    missing = [el.tag for el in blocks if page.span(el) is None]
    assert missing == []


def test_blocks_of_leaves_out_a_skipped_block_element(first: tuple[PageBlocks, etree._Element]) -> None:
    page, root = first
    texts = [b.text for b in page.blocks_of(root.find(".//div[@id='a']"), [root.find(".//div[@id='share']")])]
    assert "分享到" not in texts and texts[-1] == "末段"


def test_blocks_of_leaves_out_a_skipped_inline_element(first: tuple[PageBlocks, etree._Element]) -> None:
    page, root = first
    blocks = page.blocks_of(root.find(".//div[@class='x']"), [root.find(".//span")])
    assert [b.image.src if b.image else b.text for b in blocks] == ["松散文字", "换行后", BASE + "a.jpg", "图后文字"]


def test_blocks_of_ignores_the_element_itself_in_skip(first: tuple[PageBlocks, etree._Element]) -> None:
    page, root = first
    el = root.find(".//div[@id='a']")
    assert page.blocks_of(el, [el]) == page.blocks_of(el)
