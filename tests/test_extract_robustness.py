"""Input a page can cause gives a result, never an exception: text where there is text, and a warning
where there is none. (extract_article does not catch exceptions: one from a stage is a bug.)"""

from __future__ import annotations

import os
import time

import pytest

from lcnews.extract import Extracted, extract_article

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
