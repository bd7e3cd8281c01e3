"""Publication dates: text forms, meta tags, JSON-LD; Beijing time; impossible dates rejected."""

from __future__ import annotations

import pytest

from lcnews.extract.dates import date_from_jsonld, date_from_meta, find_date, parse_date
from lcnews.extract.dom import parse_html

# (text, iso, raw)
TEXT_DATES = [
    ("来源:聊城日报  2022-01-13 09:14:06", "2022-01-13T09:14:06+08:00", "2022-01-13 09:14:06"),
    ("来源:  2022-02-17 15:54:05", "2022-02-17T15:54:05+08:00", "2022-02-17 15:54:05"),
    ("2025年2月6日 11:17", "2025-02-06T11:17:00+08:00", "2025年2月6日 11:17"),
    ("发布时间：2025年02月06日11:17", "2025-02-06T11:17:00+08:00", "2025年02月06日11:17"),
    ("2004年7月16日08:19 [ 黄宇 ]", "2004-07-16T08:19:00+08:00", "2004年7月16日08:19"),
    ("2005-5-7 21:23:57", "2005-05-07T21:23:57+08:00", "2005-5-7 21:23:57"),
    ("2024/05/20 13:15", "2024-05-20T13:15:00+08:00", "2024/05/20 13:15"),
    ("2024.05.20", "2024-05-20T00:00:00+08:00", "2024.05.20"),
    (
        "２０２５－０２－０６　１１：１７：０７",
        "2025-02-06T11:17:07+08:00",
        "２０２５－０２－０６　１１：１７：０７",
    ),
    ("2025年2月6日（星期四）11:17", "2025-02-06T11:17:00+08:00", "2025年2月6日（星期四）11:17"),
    ("2025-02-06T03:17:07Z", "2025-02-06T11:17:07+08:00", "2025-02-06T03:17:07Z"),
]


@pytest.mark.parametrize(("text", "iso", "raw"), TEXT_DATES, ids=[t[0] for t in TEXT_DATES])
def test_date_in_text(text, iso, raw):
    hit = find_date(text)
    assert hit is not None
    assert (hit.iso, hit.raw) == (iso, raw)


IMPOSSIBLE = [
    "2025-13-01 10:00:00",
    "2025-02-30",
    "2025年2月31日",
    "1066-10-14",
    "2999-01-01",
    "0000-00-00 00:00:00",
    "电话 2025-1234",
]


@pytest.mark.parametrize("text", IMPOSSIBLE, ids=IMPOSSIBLE)
def test_impossible_dates_are_rejected(text):
    assert find_date(text) is None


def test_bad_time_keeps_the_date():
    hit = find_date("2025-02-06 25:61:00")
    assert hit is not None and hit.iso == "2025-02-06T00:00:00+08:00"


def test_first_valid_date_wins():
    hit = find_date("2025-02-30 无效 2025-02-06 11:17:07")
    assert hit is not None and hit.raw == "2025-02-06 11:17:07"


# (meta tag html, iso)
META = [
    (
        '<meta property="article:published_time" content="2025-02-06T11:17:07+08:00">',
        "2025-02-06T11:17:07+08:00",
    ),
    ('<meta name="pubdate" content="2025-02-06 11:17:07">', "2025-02-06T11:17:07+08:00"),
    ('<meta name="PubDate" content="2025-02-06 11:17">', "2025-02-06T11:17:00+08:00"),
    ('<meta name="publishdate" content="2025-02-06">', "2025-02-06T00:00:00+08:00"),
    (
        '<meta property="article:published_time" content="2025-02-06T03:17:07+00:00">',
        "2025-02-06T11:17:07+08:00",
    ),
    ('<meta itemprop="datePublished" content="20250206">', "2025-02-06T00:00:00+08:00"),
]


@pytest.mark.parametrize(("tag", "iso"), META, ids=[m[0].split('"')[1] + str(i) for i, m in enumerate(META)])
def test_date_from_meta_tags(tag, iso):
    root = parse_html(f"<html><head>{tag}</head><body><p>x</p></body></html>")
    hit = date_from_meta(root)
    assert hit is not None and hit.iso == iso


def test_meta_raw_is_the_content_value():
    root = parse_html('<html><head><meta name="pubdate" content=" 2025-02-06 11:17:07 "></head></html>')
    hit = date_from_meta(root)
    assert hit is not None and hit.raw == "2025-02-06 11:17:07"


def test_date_from_jsonld():
    root = parse_html(
        '<html><head><script type="application/ld+json">'
        '{"@type": "NewsArticle", "datePublished": "2025-02-06T11:17:07+08:00"}'
        "</script></head><body></body></html>"
    )
    hit = date_from_jsonld(root)
    assert hit is not None and hit.iso == "2025-02-06T11:17:07+08:00"


def test_broken_jsonld_is_ignored():
    root = parse_html(
        '<html><head><script type="application/ld+json">{"datePublished": </script></head><body></body></html>'
    )
    assert date_from_jsonld(root) is None


def test_parse_date_of_empty_value():
    assert parse_date("   ") is None
