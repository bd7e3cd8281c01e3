"""Stage: time and source (lcnews.extract.timesource). The meta area read as text whatever elements
split it; time candidates agreed across signals; a source never holds a date, time or counter."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from extract_pages import BODY_HTML, SIDEBAR, URL, page, rules, text_blocks

from lcnews.extract.normalize import normalize
from lcnews.extract.page import Page
from lcnews.extract.timesource import SourceChoice, TimeChoice, choose_source, choose_time, source_value, url_day


def _meta_page(meta: str, head: str = "", around: str = "") -> Page:
    return page(
        f"{around}<div class='art'><h1>标题</h1><div id='meta'>{meta}</div><div>{BODY_HTML}</div></div>", head=head
    )


def _time(meta: str, head: str = "", around: str = "", url: str | None = None) -> TimeChoice:
    pg = _meta_page(meta, head, around)
    blocks = text_blocks(pg, "#meta") if meta else []
    return choose_time(pg, rules(), blocks, [], [], [], url)


def _source(meta: str, head: str = "") -> SourceChoice:
    pg = _meta_page(meta, head)
    return choose_source(pg, rules(), text_blocks(pg, "#meta") if meta else [], [], "")


# (meta area html, published_at, source)
META_LINES = {
    "source-and-time-in-separate-spans": (
        "<span class='ly'>来源：</span><span>聊城日报</span><span class='sj'>2024-06-08 21:32:52</span>",
        "2024-06-08T21:32:52+08:00",
        "聊城日报",
    ),
    "empty-source-then-time-in-spans": (
        "<span>来源：</span><span></span><span>2024-06-08 21:32:52</span>",
        "2024-06-08T21:32:52+08:00",
        "",
    ),
    "click-counter-filled-by-script": (
        "来源：聊城日报 点击：<span id='hits'></span>次 2024-06-08 21:32",
        "2024-06-08T21:32:00+08:00",
        "聊城日报",
    ),
    "comment-and-click-counters": (
        "时间：2024-06-08 21:32 来源：聊城日报 评论：0 点击：",
        "2024-06-08T21:32:00+08:00",
        "聊城日报",
    ),
    "read-counter": ("来源：聊城日报 阅读：2.3万 2024-06-08 21:32", "2024-06-08T21:32:00+08:00", "聊城日报"),
    "nbsp": ("来源:聊城日报\xa0\xa02024-06-08 21:32:52", "2024-06-08T21:32:52+08:00", "聊城日报"),
    "ideographic-space-year-month-day": (
        "来源：聊城日报\u30002024年06月08日 21:32",
        "2024-06-08T21:32:00+08:00",
        "聊城日报",
    ),
    "time-first": ("2024年06月08日 21:32\u3000来源：聊城日报", "2024-06-08T21:32:00+08:00", "聊城日报"),
    "tabs": ("来源\t：\t聊城日报\t2024-06-08\t21:32", "2024-06-08T21:32:00+08:00", "聊城日报"),
    "no-seconds-no-time": ("来源：聊城日报 2024-06-08", "2024-06-08T00:00:00+08:00", "聊城日报"),
    "author-part-after-source": (
        "发布时间：2024-06-08 21:32  来源：聊城日报  作者：王晓明",
        "2024-06-08T21:32:00+08:00",
        "聊城日报",
    ),
    "editor-part-after-source": ("2024-06-08 21:32 来源：聊城日报 编辑：李明", "2024-06-08T21:32:00+08:00", "聊城日报"),
    "empty-source-then-author": ("来源： 作者：王晓明 2024-06-08 21:32", "2024-06-08T21:32:00+08:00", ""),
    "pipes-and-font-size": (
        "2024/06/08 21:32 | 来源：聊城日报 | 字号：大 中 小",
        "2024-06-08T21:32:00+08:00",
        "聊城日报",
    ),
    "traditional-full-width-digits": (
        "來源：聊城日報\u3000２０２４－０６－０８\u3000２１：３２",
        "2024-06-08T21:32:00+08:00",
        "聊城日報",
    ),
    "linked-source-and-place": (
        "来源：<a href='http://www.example.com/'>大众日报</a><span>济南</span> 2024-06-08 21:32",
        "2024-06-08T21:32:00+08:00",
        "大众日报",
    ),
    "wire-source": ("2024-06-08 21:32 来源：新华网", "2024-06-08T21:32:00+08:00", "新华网"),
}


@pytest.mark.parametrize(("meta", "published_at", "source"), META_LINES.values(), ids=META_LINES.keys())
def test_meta_line_time(meta: str, published_at: str, source: str) -> None:
    assert _time(meta).iso == published_at


@pytest.mark.parametrize(("meta", "published_at", "source"), META_LINES.values(), ids=META_LINES.keys())
def test_meta_line_source(meta: str, published_at: str, source: str) -> None:
    assert _source(meta).source == source


def test_the_raw_time_is_the_string_as_shown() -> None:
    assert _time("来源：聊城日报\u30002024年06月08日 21:32").raw == "2024年06月08日 21:32"


def test_the_time_evidence_says_where_it_was_read() -> None:
    assert _time("发布时间：2024-06-08 21:32").evidence == ["head:labelled"]


def test_the_published_time_wins_over_the_updated_time() -> None:
    assert _time("更新时间：2024-06-09 10:00 发布时间：2024-06-08 21:32").iso == "2024-06-08T21:32:00+08:00"


def test_an_updated_time_loses_to_an_unlabelled_stamp() -> None:
    assert _time("<div>2024-06-08 21:32</div><div>更新时间：2024-06-09 10:00</div>").iso == "2024-06-08T21:32:00+08:00"


def test_a_time_marked_as_an_edit_loses_to_the_publication_time() -> None:
    meta = "<div>发布时间：2024-06-08 21:32</div><div>本文于 2024-06-10 09:00 编辑</div>"
    assert _time(meta).iso == "2024-06-08T21:32:00+08:00"


def test_a_video_players_build_timestamp_is_not_the_time() -> None:
    meta = "<div class='vplayer'><span>Player v3.2 build 2019-11-02 08:00</span></div><div>发布时间：2024-06-08 21:32</div>"
    assert _time(meta).iso == "2024-06-08T21:32:00+08:00"


def test_a_players_timestamp_below_the_meta_line_is_not_the_time() -> None:
    meta = "<div>2024-06-08 21:32</div><div class='video-box'><span>2019-11-02 08:00:00</span></div>"
    assert _time(meta).iso == "2024-06-08T21:32:00+08:00"


def test_a_future_date_is_not_a_candidate() -> None:
    ahead = date.today() + timedelta(days=30)
    assert _time(f"发布时间：{ahead:%Y-%m-%d} 08:00").iso is None


def test_sidebar_dates_are_not_the_time() -> None:
    assert _time("", around=SIDEBAR).iso is None


def test_the_url_gives_the_day_when_nothing_else_does() -> None:
    assert (_time("", url=URL).iso, _time("", url=URL).evidence) == ("2024-06-08T00:00:00+08:00", ["url (day only)"])


def test_a_meta_tag_gives_the_time_when_the_page_shows_none() -> None:
    head = "<meta property='article:published_time' content='2024-06-08T21:32:52+08:00'>"
    assert _time("", head=head).iso == "2024-06-08T21:32:52+08:00"


def test_jsonld_gives_the_time_when_the_page_shows_none() -> None:
    head = '<script type="application/ld+json">{"datePublished": "2024-06-08T21:32:00+08:00"}</script>'
    assert _time("", head=head).iso == "2024-06-08T21:32:00+08:00"


def test_a_time_element_gives_the_time() -> None:
    assert _time("<time datetime='2024-06-08T21:32:52+08:00'>6月8日</time>").iso == "2024-06-08T21:32:52+08:00"


def test_a_meta_tag_of_the_same_minute_gives_the_seconds() -> None:
    head = "<meta property='article:published_time' content='2024-06-08T21:32:52+08:00'>"
    choice = _time("2024-06-08 21:32", head=head)
    assert (choice.iso, choice.raw) == ("2024-06-08T21:32:52+08:00", "2024-06-08 21:32")


def test_a_meta_tag_of_another_day_does_not_override_the_visible_time() -> None:
    head = "<meta name='publishdate' content='2024-05-01 08:00:00'>"
    assert _time("发布时间：2024-06-08 21:32 来源：聊城日报", head=head, url=URL).iso == "2024-06-08T21:32:00+08:00"


def test_a_labelled_time_elsewhere_on_the_page_is_the_last_resort() -> None:
    pg = page(f"<div>{BODY_HTML}</div><div class='foot'>发稿时间：2024-06-08 21:32</div>")
    assert choose_time(pg, rules(), [], [], [], [], None).iso == "2024-06-08T21:32:00+08:00"


def test_a_post_stamp_with_a_short_link_below_the_body_is_a_witness() -> None:
    sig = "本帖由王晓明于2024年6月8日21:32:52在〖<a href='/b'>论坛</a>〗发表"
    pg = page(f"<div>{BODY_HTML}</div><div class='sig'>{sig}</div>")
    assert choose_time(pg, rules(), [], [], [], text_blocks(pg, ".sig"), None).iso == "2024-06-08T21:32:52+08:00"


def test_a_linked_headline_with_a_date_below_the_body_is_no_witness() -> None:
    related = "<a href='/n/2.html'>全市召开城市建设工作会议部署下一阶段任务</a> 2024-05-01 08:00"
    pg = page(f"<div>{BODY_HTML}</div><div class='sig'>{related}</div>")
    assert choose_time(pg, rules(), [], [], [], text_blocks(pg, ".sig"), None).iso is None


# -- source ----------------------------------------------------------------------------------------


def test_a_notice_quoting_the_source_label_is_not_the_source() -> None:
    assert _source("凡注明来源：本网的作品，版权均属本网所有，转载请注明出处。").source == ""


def test_a_source_classed_element_gives_the_source() -> None:
    assert _source("<span class='source'>聊城日报</span> 2024-06-08").source == "聊城日报"


def test_a_source_meta_tag_is_the_last_resort() -> None:
    assert _source("", head="<meta name='source' content='聊城日报'>").source == "聊城日报"


def test_a_named_source_on_a_later_meta_line_wins_over_an_empty_label() -> None:
    assert _source("<div>来源：</div><div>来源：聊城日报</div>").source == "聊城日报"


def test_the_source_evidence_says_where_it_was_read() -> None:
    assert _source("来源：聊城日报 2024-06-08").evidence == ["head"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("来源：聊城日报 2024-06-08 21:32", "聊城日报"),
        ("来源：聊城日报 21:32", "聊城日报"),
        ("来源：聊城日报 点击：128次", "聊城日报"),
        ("来源：聊城日报 浏览 1024", "聊城日报"),
        ("来源：聊城日报 作者：王晓明", "聊城日报"),
        ("来源：聊城日报 | 字号", "聊城日报"),
        ("来源：【聊城日报】", "聊城日报"),
        ("来源： 点击：", ""),
        ("来源：128次", ""),
        ("来源：分享", ""),
    ],
    ids=["date", "time", "clicks", "views", "author", "pipe", "brackets", "empty-then-counter", "counter", "ui-word"],
)
def test_source_value_stops_at_the_next_part(text: str, value: str) -> None:
    n = normalize(text)
    m = rules().source_re.search(n)
    assert m is not None
    assert source_value(text, n, m.end(), rules())[0] == value


# -- url_day ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "day"),
    [
        (URL, "2024-06-08"),
        ("https://example.com/news/2024-06-08/123.html", "2024-06-08"),
        ("https://example.com/news/2024/06/08/123.html", "2024-06-08"),
        ("https://example.com/c/202406/t20240608_123.html", "2024-06-08"),
        ("https://www.lcxw.cn/yaowen/shehui/20241340/1001.html", None),
        ("https://example.com/news/123.html", None),
        (None, None),
    ],
    ids=["profile-pattern", "dashed", "slashed", "trs-style", "impossible-date", "no-date", "no-url"],
)
def test_url_day(url: str | None, day: str | None) -> None:
    assert url_day(url, rules().profile.article_re) == day


def test_url_day_in_the_future_is_none() -> None:
    ahead = date.today() + timedelta(days=30)
    assert url_day(f"https://www.lcxw.cn/yaowen/shehui/{ahead:%Y%m%d}/1001.html", rules().profile.article_re) is None
