"""extract_article never raises: empty, binary, malformed, deeply nested and huge pages."""

from __future__ import annotations

import os
import time

import pytest

from lcnews.extract import Extracted, extract_article

PARA = "<p>聊城坚持创新引领、培育发展新质生产力，建设以先进制造业为骨干的现代化产业体系。</p>"

INPUTS = {
    "empty-bytes": b"",
    "empty-str": "",
    "whitespace": b"   \n\t  ",
    "nul-bytes": b"\x00" * 5000,
    "random-bytes": os.urandom(20000),
    "gzip-magic": b"\x1f\x8b\x08\x00" + os.urandom(3000),
    "text-not-html": "聊城新闻网 这不是网页".encode(),
    "unclosed-tags": ("<html><body><div><p>" + "<b><i><span>聊城" * 500).encode(),
    "deep-nesting": ("<div>" * 5000 + PARA + "</div>" * 5000).encode(),
    "only-head": b"<html><head><title>x</title></head></html>",
    "xml-declaration-str": '<?xml version="1.0" encoding="utf-8"?><html><body>'
    + PARA
    + "</body></html>",
    "broken-meta-charset": b'<meta charset="no-such-charset"><body>' + PARA.encode(),
    "bad-selector-chars": b"<body><div class='[[[' id='\"'>" + PARA.encode() + b"</div></body>",
    "comments-and-pis": b"<!-- x --><?php echo 1; ?><body>" + PARA.encode() + b"<!-- y --></body>",
    "bad-base-href": b"<base href='http://[::1'><body>"
    + PARA.encode()
    + b"<img src='a.jpg'></body>",
    "control-chars": ("<body>" + PARA + "\x01\x02\x0b</body>").encode(),
    "not-bytes": 12345,
}


@pytest.mark.parametrize("data", INPUTS.values(), ids=INPUTS.keys())
def test_never_raises(data):
    result = extract_article(data, url="https://www.lcxw.cn/yaowen/x/20250101/1.html")
    assert isinstance(result, Extracted)
    assert isinstance(result.body, str) and isinstance(result.warnings, list)


@pytest.mark.parametrize(
    "data", [INPUTS["empty-bytes"], INPUTS["only-head"]], ids=["empty", "only-head"]
)
def test_empty_page_warns(data):
    result = extract_article(data)
    assert result.body == "" and result.warnings


@pytest.mark.parametrize(
    "data", [INPUTS["random-bytes"], INPUTS["gzip-magic"]], ids=["random", "gzip"]
)
def test_binary_page_gives_no_body(data):
    result = extract_article(data)
    assert result.body == "" and result.warnings


def test_bad_url_never_raises():
    assert isinstance(extract_article(PARA, url="http://[::1"), Extracted)


def test_five_megabyte_page_is_fast():
    filler = "".join(
        f"<div class='item'><a href='/a/{i}.html'>链接{i}</a></div>" for i in range(40000)
    )
    page = f"<html><body>{filler}<div id='zoom'>{PARA * 20}</div></body></html>".encode()
    assert len(page) > 2_000_000
    page = page + b" " * (5_000_000 - len(page))
    start = time.perf_counter()
    result = extract_article(page)
    assert time.perf_counter() - start < 20
    assert result.body.startswith("聊城坚持创新引领")
