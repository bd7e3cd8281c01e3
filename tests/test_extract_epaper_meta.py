"""Founder metadata comments, numbers and URL parts (lcnews.extract.epaper_meta)."""

from __future__ import annotations

import pytest

from lcnews.extract.epaper_meta import chinese_number, content_ref, layout_ref, split_metadata
from lcnews.site import load_profile

EP = load_profile().epaper

LEAKED = (
    "<p>正文</p><table style='display:none'><tr><td><!--enpproperty <error><!--#include virtual='/a.shtml' -->"
    "</error><date>2024-03-29</date><id>1</id><nodename>聊城日报</nodename><url>content_47875.html</url>"
    "<title>图片新闻</title>/enpproperty--></td></tr></table><p>尾</p>"
)


def test_leaked_tail_is_cut_with_its_comment():
    text, _ = split_metadata(LEAKED, EP)
    assert "content_47875" not in text and "图片新闻" not in text and "<p>尾</p>" in text


def test_tags_of_a_leaked_comment_are_read():
    _, meta = split_metadata(LEAKED, EP)
    assert (meta.tags["date"], meta.tags["title"], meta.comments) == ("2024-03-29", "图片新闻", 1)


def test_first_comment_wins_and_inner_markup_is_dropped():
    page = "<!--enpproperty <title><p>甲 &amp; 乙</p></title>/enpproperty--><!--enpproperty <title>丙</title>/enpproperty-->"
    assert split_metadata(page, EP)[1].tags["title"] == "甲 & 乙"


def test_mpproperty_page_number():
    _, meta = split_metadata("<!--mpproperty <founder-pagenum>05</founder-pagenum> -->", EP)
    assert meta.first(EP.label("tag_page_no")) == "05"


@pytest.mark.parametrize(
    ("text", "number"), [("3", 3), ("03", 3), ("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("版", None)]
)
def test_chinese_number(text, number):
    assert chinese_number(text) == number


@pytest.mark.parametrize(
    ("url", "paper", "cid", "date"),
    [
        ("http://lcrb.lcxw.cn/paper/pc/content/content_47875.html", "lcrb", 47875, ""),
        ("http://127.0.0.1:8000/lcwb/pc/content/202608/28/content_9.html", "lcwb", 9, "2026-08-28"),
    ],
)
def test_content_ref(url, paper, cid, date):
    ref = content_ref(url, EP)
    assert ref is not None and (ref.paper.key, ref.content_id, ref.date) == (paper, cid, date)


@pytest.mark.parametrize(
    "url", ["http://lcrb.lcxw.cn/paper/pc/layout/202403/29/node_01.html", "/yaowen/20240329/1.html"]
)
def test_content_ref_rejects_other_pages(url):
    assert content_ref(url, EP) is None


def test_layout_ref():
    got = layout_ref("../../202403/29/node_04.html", EP, "http://lcrb.lcxw.cn/lcwb/pc/layout/202403/28/node_01.html")
    assert got is not None and (got[0].key, got[1], got[2]) == ("lcwb", "2024-03-29", "04")
