"""Input a page can cause gives a result, never an exception: text where there is text, and a warning
where there is none; random, mutated and deeply nested pages and random bytes under any charset label
(hypothesis) raise nothing and lose no paragraph. (extract_article does not catch exceptions: one
from a stage is a bug.)"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from lcnews.extract import Extracted, extract_article
from lcnews.testsite import build_site

SENTENCE = "城区新增的三条公交线路全部采用纯电动车辆，高峰时段发车间隔不超过十分钟。"
PARA = f"<p>{SENTENCE}</p>"
URL = "https://www.lcxw.cn/yaowen/x/20250101/1.html"

# Pages that hold the sentence: it must be in the body.
WITH_TEXT = {
    "deep-nesting": ("<div>" * 5000 + PARA + "</div>" * 5000).encode(),
    "deep-nesting-unclosed": ("<html><body>" + "<div>" * 5000 + PARA).encode(),
    # 100,000 levels: over libxml2's depth limit, and half a megabyte of ASCII before the text
    "very-deep-nesting": ("<div>" * 100_000 + PARA + "</div>" * 100_000).encode(),
    "very-deep-nesting-gbk": ("<table><tr><td>" * 30_000 + PARA).encode("gbk"),
    "xml-declaration-str": '<?xml version="1.0" encoding="utf-8"?><html><body>' + PARA + "</body></html>",
    "broken-meta-charset": b'<meta charset="no-such-charset"><body>' + PARA.encode(),
    "bad-selector-chars": b"<body><div class='[[[' id='\"'>" + PARA.encode() + b"</div></body>",
    "comments-and-pis": b"<!-- x --><?php echo 1; ?><body>" + PARA.encode() + b"<!-- y --></body>",
    "bad-base-href": b"<base href='http://[::1'><body>" + PARA.encode() + b"<img src='a.jpg'></body>",
    "control-chars": ("<body>" + PARA + "\x01\x02\x0b</body>").encode(),
    "early-html-close": ("<html><body><div></body></html>" + PARA + "</div>").encode(),
    "text-not-html": SENTENCE.encode(),
    "unclosed-tags": ("<html><body><div>" + PARA + "<b><i><span>" * 300).encode(),
    "gbk-without-declaration": ("<html><body>" + PARA + "</body></html>").encode("gbk"),
}

# Pages with no text: no body, and a warning that says so.
WITHOUT_TEXT = {
    "empty-bytes": b"",
    "empty-str": "",
    "whitespace": b"   \n\t  ",
    "nul-bytes": b"\x00" * 5000,
    "random-bytes": os.urandom(20000),
    "gzip-magic": b"\x1f\x8b\x08\x00" + os.urandom(3000),
    "only-head": b"<html><head><title>x</title></head></html>",
    "only-scripts": b"<html><body><script>var a = 1;</script><style>p{}</style></body></html>",
    "not-bytes": 12345,
}


@pytest.mark.parametrize("data", WITH_TEXT.values(), ids=WITH_TEXT.keys())
def test_the_text_of_a_hostile_page_is_in_the_body(data: bytes | str) -> None:
    assert SENTENCE in extract_article(data, url=URL).body


@pytest.mark.parametrize("data", WITH_TEXT.values(), ids=WITH_TEXT.keys())
def test_a_hostile_page_with_text_gives_no_warning(data: bytes | str) -> None:
    assert extract_article(data, url=URL).warnings == []


@pytest.mark.parametrize("data", WITHOUT_TEXT.values(), ids=WITHOUT_TEXT.keys())
def test_a_page_without_text_gives_an_empty_body(data: bytes | str) -> None:
    result = extract_article(data, url=URL)
    assert isinstance(result, Extracted) and result.body == ""


@pytest.mark.parametrize("data", WITHOUT_TEXT.values(), ids=WITHOUT_TEXT.keys())
def test_a_page_without_text_says_why(data: bytes | str) -> None:
    assert extract_article(data, url=URL).warnings != []


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        (b"", "empty page"),
        (os.urandom(20000), "page is not text (binary or undecodable bytes)"),
        (b"<html><head><title>x</title></head></html>", "no article body found"),
    ],
    ids=["empty", "binary", "no-body"],
)
def test_the_warning_names_the_reason(data: bytes, warning: str) -> None:
    assert extract_article(data).warnings == [warning]


def test_a_bad_url_is_not_an_error() -> None:
    assert SENTENCE in extract_article(PARA, url="http://[::1").body


def test_five_megabyte_page_is_fast() -> None:
    filler = "".join(f"<div class='item'><a href='/a/{i}.html'>链接{i}</a></div>" for i in range(40000))
    page = f"<html><body>{filler}<div id='zoom'>{PARA * 20}</div></body></html>".encode()
    assert len(page) > 2_000_000
    page = page + b" " * (5_000_000 - len(page))
    start = time.perf_counter()
    result = extract_article(page)
    assert time.perf_counter() - start < 20
    assert result.body.startswith(SENTENCE)


# --- property-based: random, mutated and deeply nested pages (hypothesis; profiles in conftest) ------

SENTENCES = [
    SENTENCE,
    "今年以来全市新开工重点项目一百二十个，完成投资同比增长百分之十五。",
    "市民可通过政务服务平台在线办理社保转移，平均用时缩短到两个工作日。",
]
TRADITIONAL = [
    "城區新增的三條公交線路全部採用純電動車輛，高峰時段發車間隔不超過十分鐘。",
    "今年以來全市新開工重點項目一百二十個，完成投資同比增長百分之十五。",
]
PARAS = "".join(f"<p>{s}</p>" for s in SENTENCES)
# Wrappers a template nests (and a broken one nests thousands deep).
WRAPPERS = [("<div>", "</div>"), ("<span>", "</span>"), ("<section>", "</section>"), ("<font>", "</font>"),
            ("<b>", "</b>"), ("<table><tr><td>", "</td></tr></table>"), ("<blockquote>", "</blockquote>"),
            ("<ul><li>", "</li></ul>"), ("<center>", "</center>"), ("<article>", "</article>"),
            ("<div class='content'>", "</div>"), ("<em>", "</em>"), ("<form>", "</form>"), ("<pre>", "</pre>")]  # fmt: skip
# Pieces of HTML that break parsers: tags opened and never closed, comments, CDATA, declarations,
# early document ends, bad entities, NULs, byline and meta text in the wrong places.
TOKENS = ["<div>", "</div>", "<p>", "</p>", "<span>", "</span>", "<table>", "<tr>", "<td>", "</td>", "</table>",
          "<script>", "</script>", "<style>", "</style>", "<!--", "-->", "<![CDATA[", "]]>", "<?xml version='1.0'?>",
          "<meta charset='gbk'>", "<meta charset='utf-8'>", "<meta charset='x-unknown'>", "</html>", "<html>",
          "<body>", "</body>", "<head>", "<title>", "</title>", "<h1>", "</h1>", "<br>", "<img src='a.jpg' alt='图'>",
          "<a href='/x'>", "</a>", "&nbsp;", "&#0;", "&#xD800;", "&#99999999;", "&amp;", "&", "<", ">", '"', "'",
          "\x00", "\ufeff", "\u3000", "来源：", "记者 张三", "编辑：李四", "2025-01-02 10:30", "聊城", "<iframe>",
          "<noscript>", "<template>", "<svg>", "<math>", "<select>", "<option>", "<textarea>", "<base href='http://[::1'>",
          "<div class='[[['>", "<form>", "<frameset>"]  # fmt: skip
ENCODINGS = ["utf-8", "gbk", "gb18030", "big5", "utf-16", "utf-16-le", "shift_jis", "euc-kr", "latin-1", "cp1252",
             "koi8-r", "utf-32"]  # fmt: skip
RANDOM_HTML = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=30)), max_size=200).map("".join)
CONTENT_TYPES = st.one_of(
    st.none(), st.sampled_from(ENCODINGS).map(lambda e: f"text/html; charset={e}"), st.text(max_size=40)
)
_SITE = build_site(n_articles=12, seed=3)
REPLICA_PAGES = [_SITE.respond("GET", t["path"])[2] for t in _SITE.truth if t["status"] == 200 and t["reachable"]]


@given(doc=RANDOM_HTML, encoding=st.sampled_from(ENCODINGS), content_type=CONTENT_TYPES)
def test_random_html_in_any_encoding_gives_a_result(doc: str, encoding: str, content_type: str | None) -> None:
    headers = None if content_type is None else {"Content-Type": content_type}
    assert isinstance(extract_article(doc.encode(encoding, errors="replace"), url=URL, headers=headers), Extracted)
    assert isinstance(extract_article(doc, url=URL), Extracted)


@st.composite
def mutated_pages(draw: st.DrawFn) -> bytes:
    """A replica article page cut, spliced, duplicated, truncated and bit-flipped at random."""
    page = bytearray(draw(st.sampled_from(REPLICA_PAGES)))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "truncate", "flip"]))
        i = draw(st.integers(0, len(page)))
        j = min(len(page), i + draw(st.integers(0, 2000)))
        if op == "delete":
            del page[i:j]
        elif op == "insert":
            page[i:i] = draw(st.binary(max_size=200))
        elif op == "duplicate":
            page[i:i] = page[i:j]
        elif op == "truncate":
            del page[i:]
        elif i < len(page):
            page[i] ^= draw(st.integers(1, 255))
    return bytes(page)


@given(page=mutated_pages())
def test_a_mutated_page_gives_a_result(page: bytes) -> None:
    assert isinstance(extract_article(page, url=URL), Extracted)


@given(data=st.binary(max_size=5000), content_type=CONTENT_TYPES)
def test_random_bytes_give_a_result(data: bytes, content_type: str | None) -> None:
    headers = None if content_type is None else {"Content-Type": content_type}
    assert isinstance(extract_article(data, url=URL, headers=headers), Extracted)


@given(
    layers=st.lists(st.tuples(st.sampled_from(WRAPPERS), st.integers(0, 3000)), min_size=1, max_size=3),
    closed=st.booleans(),
    encoding=st.sampled_from(["utf-8", "gbk"]),
)
# found by this test: 2,046 unclosed <blockquote>s (kept by the flattener) still hit libxml2's limit
@example(layers=[(("<blockquote>", "</blockquote>"), 2046)], closed=False, encoding="utf-8")
def test_no_paragraph_is_lost_to_deep_nesting(
    layers: list[tuple[tuple[str, str], int]], closed: bool, encoding: str
) -> None:
    opening = "".join(tag * n for (tag, _), n in layers)
    closing = "".join(tag * n for (_, tag), n in reversed(layers)) if closed else ""
    body = extract_article(f"<html><body>{opening}{PARAS}{closing}</body></html>".encode(encoding)).body
    assert all(s in body for s in SENTENCES)


@given(
    encoding=st.sampled_from(["utf-8", "gbk", "gb18030", "big5", "utf-16", "utf-8-sig"]),
    declared=st.sampled_from(["header", "meta", "none", "header-lies", "meta-lies"]),
    filler=st.text(
        alphabet=st.characters(codec="ascii", exclude_categories=["Cc"], exclude_characters="<&"), max_size=300
    ),
)
def test_no_paragraph_is_lost_to_a_missing_or_lying_charset(encoding: str, declared: str, filler: str) -> None:
    """The site's encodings (UTF-8, GBK) come out right under a missing, a true or a lying label
    (ISO-8859-1, the server default); Big5 and UTF-16 under a true label or a byte-order mark.
    (``filler``: ASCII text before the article, markup-free.)"""
    assume(not (encoding == "big5" and "lies" in declared))
    sentences = TRADITIONAL if encoding == "big5" else SENTENCES
    meta = {"meta": f"<meta charset='{encoding}'>", "meta-lies": "<meta charset='iso-8859-1'>"}.get(declared, "")
    label = {"header": encoding, "header-lies": "iso-8859-1"}.get(declared)
    paras = "".join(f"<p>{s}</p>" for s in sentences)
    doc = f"<html><head>{meta}<title>x</title></head><body><div>{filler}</div>{paras}</body></html>"
    headers = {"Content-Type": f"text/html; charset={label}"} if label else None
    body = extract_article(doc.encode(encoding), headers=headers).body
    assert all(s in body for s in sentences)
