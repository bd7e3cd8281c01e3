"""Bytes to text: header, BOM, <meta>, detection; GB family read as gb18030; never raises."""

from __future__ import annotations

import codecs
import os

import pytest

from lcnews.extract.decode import decode_html, normalize_encoding

TEXT = "本报记者 赵琦 聊城坚持创新引领、培育发展新质生产力，建设以先进制造业为骨干的现代化产业体系。" * 4
# 镕 and 堃 are outside GB2312 but in GBK: a "gb2312" label must still decode them.
GBK_ONLY = "朱镕基 王堃 " + TEXT


def page(meta: str = "", body: str = TEXT, title: str = "聊城新闻网") -> str:
    return f"<html><head>{meta}<title>{title}</title></head><body><p>{body}</p></body></html>"


# (bytes, content-type header, expected encoding)
CASES = {
    "utf8-meta": (page('<meta charset="utf-8">').encode("utf-8"), None, "utf-8"),
    "utf8-header": (page().encode("utf-8"), "text/html; charset=UTF-8", "utf-8"),
    "gbk-meta": (page('<meta charset="gbk">').encode("gbk"), None, "gb18030"),
    "gb2312-meta-gbk-chars": (
        page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', GBK_ONLY).encode("gbk"),
        None,
        "gb18030",
    ),
    "gbk-header": (page().encode("gbk"), "text/html; charset=GBK", "gb18030"),
    "gbk-no-declaration": (page().encode("gbk"), None, "gb18030"),
    "gbk-declared-utf8": (page('<meta charset="utf-8">').encode("gbk"), None, "gb18030"),
    "utf8-declared-gbk": (page('<meta charset="gbk">').encode("utf-8"), None, "utf-8"),
    "utf8-header-says-gbk": (page().encode("utf-8"), "text/html; charset=gb2312", "utf-8"),
    "utf8-bom": (codecs.BOM_UTF8 + page('<meta charset="gbk">').encode("utf-8"), None, "utf-8"),
    "xml-declaration": (
        ('<?xml version="1.0" encoding="gbk"?>' + page()).encode("gbk"),
        None,
        "gb18030",
    ),
    "big5-meta": (
        page('<meta charset="big5">', "本報記者 趙琦 聊城堅持創新引領" * 5, "聊城").encode("big5"),
        None,
        "big5hkscs",
    ),
    # Over 256 KB of ASCII markup (deep nesting, inline scripts) before the first Chinese character:
    # the encoding is judged where the text is, not on a window of pure ASCII.
    "utf8-after-long-ascii-head": (page(body="<span>" * 60000 + TEXT, title="x").encode("utf-8"), None, "utf-8"),
    "gbk-after-long-ascii-head": (page(body="<span>" * 60000 + TEXT, title="x").encode("gbk"), None, "gb18030"),
}


@pytest.mark.parametrize(("data", "content_type", "encoding"), CASES.values(), ids=CASES.keys())
def test_encoding_is_chosen(data, content_type, encoding):
    _text, enc = decode_html(data, content_type)
    assert enc == encoding


@pytest.mark.parametrize(("data", "content_type", "encoding"), CASES.values(), ids=CASES.keys())
def test_text_survives_decoding(data, content_type, encoding):
    text, _enc = decode_html(data, content_type)
    assert "\ufffd" not in text
    assert "本报记者" in text or "本報記者" in text


def test_gbk_only_characters_decode_under_gb2312_label():
    data = page('<meta charset="gb2312">', GBK_ONLY).encode("gbk")
    text, _ = decode_html(data)
    assert "朱镕基 王堃" in text


def test_stray_invalid_byte_does_not_change_the_declared_encoding():
    data = page('<meta charset="gbk">').encode("gbk")
    data = data.replace("创新".encode("gbk"), b"\xff" + "创新".encode("gbk"), 1)
    text, enc = decode_html(data)
    assert enc == "gb18030"
    assert "培育发展新质生产力" in text


JUNK = {
    "empty": b"",
    "nul-bytes": b"\x00" * 1000,
    "random": os.urandom(4096),
    "png-header": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10,
    "half-utf8": TEXT.encode("utf-8")[:-1],
}


@pytest.mark.parametrize("data", JUNK.values(), ids=JUNK.keys())
def test_junk_never_raises(data):
    text, enc = decode_html(data)
    assert isinstance(text, str) and isinstance(enc, str)
    assert "\x00" not in text


def test_str_input_passes_through():
    assert decode_html("<p>聊城</p>") == ("<p>聊城</p>", "unicode")


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("GB2312", "gb18030"),
        ("x-gbk", "gb18030"),
        ("UTF8", "utf-8"),
        ("iso-8859-1", "cp1252"),
        ("no-such-charset", None),
        ("", None),
    ],
    ids=["gb2312", "x-gbk", "utf8", "latin1", "unknown", "empty"],
)
def test_normalize_encoding(label, codec):
    assert normalize_encoding(label) == codec


def test_gb_bytes_with_stray_invalid_bytes_decode_as_chinese():
    text = (
        "<html><head><title>论坛</title></head><body><p>"
        + "电影讲述八路军东渡黄河挺进抗日前线的故事。" * 40
        + "</p></body></html>"
    )
    data = text.encode("gb18030")
    data = data[:300] + b"\xff\xff" + data[300:]  # a stray invalid sequence, no charset declared
    decoded, encoding = decode_html(data)
    assert encoding == "gb18030" and "八路军东渡黄河" in decoded
