"""Stage: body (lcnews.extract.body). The content's blocks cleaned into the archived body
(docs/CONTRACTS.md, "Clean body"): credit lines, captions, furniture and notices out, credits kept."""

from __future__ import annotations

import pytest
from extract_pages import BODY, BODY_HTML, P1, P2, P3, TITLE, rules

from lcnews.extract.body import CleanBody, clean_body, is_boilerplate, is_meta_line, is_stop
from lcnews.extract.dom import parse_html, walk
from lcnews.extract.normalize import normalize

BASE = "https://www.lcxw.cn/yaowen/shehui/20240608/"


def _clean(inner: str, *, title: str = TITLE, generic: bool = False) -> CleanBody:
    root = parse_html(f"<html><body><div id='c'>{inner}</div></body></html>")
    assert root is not None
    content = root.find(".//div[@id='c']")
    return clean_body(walk(content, BASE), rules(), title=title, generic=generic)


def _credits(body: CleanBody) -> tuple[list[str], list[str], list[str], list[str]]:
    c = body.credits
    return c.authors, c.correspondents, c.photographers, c.editors


# -- credit lines: out of the body, into the credits ----------------------------------------------

# (the line, where it stands, (authors, correspondents, photographers, editors))
CREDIT_LINES = {
    "editor-proofreader": ("编辑 李明 校对 张华", "after", ([], [], [], ["李明"])),
    "editor-review-producer": ("编辑：李明 审核：王强 监制：赵刚", "after", ([], [], [], ["李明"])),
    "caixie": ("采写：王晓明", "before", (["王晓明"], [], [], [])),
    "zhibi": ("执笔/李华", "after", (["李华"], [], [], [])),
    "bracketed-wen": ("【文/王晓明】", "before", (["王晓明"], [], [], [])),
    "zuozhe-bar": ("作者︱王晓明", "before", (["王晓明"], [], [], [])),
    "zuozhe-glued": ("作者王晓明", "before", (["王晓明"], [], [], [])),
    "empty-labels": ("供稿 摄影/ 编辑/", "after", ([], [], [], [])),
    "wen-jizhe-tu": ("文/记者 苑莘 图/吴建正", "before", (["苑莘"], [], ["吴建正"], [])),
    "wen-tu-fullwidth-space": ("文/王晓明\u3000图/李华", "before", (["王晓明"], [], ["李华"], [])),
    "reporter-photographer": ("记者 王晓明 摄影 李华", "before", (["王晓明"], [], ["李华"], [])),
    "reporter-correspondent": ("本报记者 王晓明 本报通讯员 李华", "before", (["王晓明"], ["李华"], [], [])),
    "wen-tu-jizhe": ("■ 文/图 记者 刘晨阳", "before", (["刘晨阳"], [], ["刘晨阳"], [])),
    "bracketed-editor": ("（编辑：李明）", "after", ([], [], [], ["李明"])),
    "responsible-editor": ("[责任编辑:李明]", "after", ([], [], [], ["李明"])),
    "zebian": ("责编：李明", "after", ([], [], [], ["李明"])),
    "name-slash-paper": ("王晓明/大众日报", "before", (["王晓明"], [], [], [])),
    "planners": ("策划：王强 统筹：李华", "after", ([], [], [], [])),
    "producer-org": ("出品：某某区融媒体中心", "after", ([], [], [], [])),
    "anonymous-author": ("作者：佚名", "before", ([], [], [], [])),
    "editor-ui-name": ("编辑：admin", "after", ([], [], [], [])),
}


def _with_line(line: str, where: str) -> str:
    return f"<p>{line}</p>{BODY_HTML}" if where == "before" else f"{BODY_HTML}<p>{line}</p>"


@pytest.mark.parametrize(("line", "where", "credits"), CREDIT_LINES.values(), ids=CREDIT_LINES.keys())
def test_a_credit_line_is_not_body(line: str, where: str, credits: tuple[list[str], ...]) -> None:
    assert _clean(_with_line(line, where)).text == BODY


@pytest.mark.parametrize(("line", "where", "credits"), CREDIT_LINES.values(), ids=CREDIT_LINES.keys())
def test_a_credit_line_names_its_people_by_role(line: str, where: str, credits: tuple[list[str], ...]) -> None:
    assert _credits(_clean(_with_line(line, where))) == credits


def test_proofreaders_and_reviewers_are_other_credits() -> None:
    body = _clean(_with_line("编辑：李明 校对：张华 审核：王强", "after"))
    assert body.credits.others == ["张华", "王强"]


def test_the_raw_editor_line_is_kept() -> None:
    assert _clean(_with_line("（编辑：李明）", "after")).credits.editor_raw == ["（编辑：李明）"]


def test_the_raw_byline_is_kept() -> None:
    assert _clean(_with_line("文/记者 苑莘 图/吴建正", "before")).credits.byline_raw == ["文/记者 苑莘 图/吴建正"]


# -- datelines and closing credits -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "authors", "correspondents"),
    [
        ("本报讯（记者 王晓明 通讯员 李华）", ["王晓明"], ["李华"]),
        ("本报讯 (记者 王晓明)", ["王晓明"], []),
        ("本报讯（通讯员 李华 记者 王晓明）", ["王晓明"], ["李华"]),
        ("新华社济南6月8日电（记者 王晓明）", ["王晓明"], []),
        ("某某网消息（记者 王晓明）：", ["王晓明"], []),
    ],
    ids=["paper", "paper-ascii-brackets", "correspondent-first", "wire", "site-news"],
)
def test_a_dateline_byline_is_cut_from_the_first_paragraph(
    opening: str, authors: list[str], correspondents: list[str]
) -> None:
    body = _clean(f"<p>{opening}6月8日，{P1}</p><p>{P2}</p>")
    assert (body.lines[0], body.credits.authors, body.credits.correspondents) == (
        f"6月8日，{P1}",
        authors,
        correspondents,
    )


@pytest.mark.parametrize(
    ("closing", "authors", "correspondents"),
    [
        ("（记者 王晓明）", ["王晓明"], []),
        ("(记者 王晓明 通讯员 李华)", ["王晓明"], ["李华"]),
        ("（本报记者 王晓明）。", ["王晓明"], []),
    ],
    ids=["reporter", "reporter-correspondent", "paper-reporter"],
)
def test_a_trailing_byline_is_cut_from_the_last_paragraph(
    closing: str, authors: list[str], correspondents: list[str]
) -> None:
    body = _clean(f"<p>{P1}</p><p>{P2}</p><p>{P3}{closing}</p>")
    assert (body.text, body.credits.authors, body.credits.correspondents) == (BODY, authors, correspondents)


def test_a_bare_trailing_name_is_a_byline_on_the_generic_layer() -> None:
    body = _clean(f"<p>{P1}</p><p>{P2}</p><p>{P3}（王晓明）</p>", generic=True)
    assert (body.text, body.credits.authors) == (BODY, ["王晓明"])


@pytest.mark.parametrize("signature", ["<p>（王晓明）</p>", "<div align=right>(王晓明)</div>"], ids=["p", "div"])
def test_a_closing_line_of_only_a_bracketed_name_is_a_byline(signature: str) -> None:
    body = _clean(f"<p>{P1}</p><p>{P2}</p><p>{P3}</p>{signature}")
    assert (body.text, body.credits.authors) == (BODY, ["王晓明"])


def test_a_closing_bracketed_note_stays() -> None:
    assert _clean(f"<p>{P1}</p><p>{P2}</p><p>{P3}</p><p>（本报综合）</p>").lines[-1] == "（本报综合）"


def test_a_trailing_note_that_names_nobody_stays() -> None:
    last = f"{P3}（以上数据截至5月底）"
    assert _clean(f"<p>{P1}</p><p>{last}</p>", generic=True).lines[-1] == last


@pytest.mark.parametrize(
    "mark", ["（完）", "(完)", "【完】", "-end-"], ids=["full-width", "ascii", "lenticular", "end"]
)
def test_a_closing_mark_is_dropped(mark: str) -> None:
    assert _clean(f"<p>{P1}</p><p>{P2}</p><p>{P3}{mark}</p>").text == BODY


def test_an_editor_line_after_the_text_closes_the_article() -> None:
    body = _clean(f"{BODY_HTML}<p>编辑：李明</p><p>湖滨步道改造工程本周完工，市民可前往体验。</p>")
    assert (body.text, body.stopped_at) == (BODY, "湖滨步道改造工程本周完工，市民可前往体验。")


# -- furniture and notices inside the container ----------------------------------------------------


@pytest.mark.parametrize(
    "opener",
    [
        "免责声明：本网转载内容仅供参考。",
        "【版权声明】本文为本网原创。",
        "相关阅读",
        "相关推荐",
        "上一篇：湖滨步道改造完工",
        "网友评论",
    ],
    ids=["disclaimer", "copyright-notice", "related-reading", "related-recommend", "previous-article", "comments"],
)
def test_a_notice_or_related_list_ends_the_body(opener: str) -> None:
    body = _clean(f"{BODY_HTML}<p>{opener}</p><p>湖滨步道改造工程本周完工，市民可前往体验。</p>")
    assert (body.text, body.stopped_at) == (BODY, opener[:40])


@pytest.mark.parametrize(
    "heading", ["视频推荐", "相关视频", "精彩推荐"], ids=["video-recommend", "related-videos", "highlights"]
)
def test_a_video_recommend_box_ends_the_body(heading: str) -> None:
    box = f"<h4>{heading}</h4><ul><li><a href='/v/1.html'>新线路试乘体验视频</a></li></ul>"
    assert _clean(BODY_HTML + box).text == BODY


@pytest.mark.parametrize(
    "line",
    [
        "扫一扫关注本网微信公众号",
        "长按识别二维码",
        "关注我们，获取更多本地资讯",
        "分享到 微信 微博 QQ空间",
        "【打印】【关闭】",
        "字号：大 中 小",
        "A+A-",
        "转载请注明出处",
        "本文不代表本网观点",
    ],
    ids=[
        "follow-wechat",
        "qr-code",
        "follow-us",
        "share-bar",
        "print-close",
        "font-size",
        "a-plus-a-minus",
        "reprint",
        "views-disclaimer",
    ],
)
def test_a_furniture_line_is_not_body(line: str) -> None:
    assert _clean(f"{BODY_HTML}<p>{line}</p>").text == BODY


def test_a_wechat_box_with_a_qr_code_is_not_body() -> None:
    box = "<div><img src='/qr.png'><p>扫一扫关注本网微信公众号</p><p>长按识别二维码</p></div>"
    assert _clean(BODY_HTML + box).text == BODY


def test_the_headline_repeated_in_the_content_is_not_body() -> None:
    assert _clean(f"<h2>{TITLE}</h2>{BODY_HTML}").text == BODY


@pytest.mark.parametrize(
    "kicker",
    ["<h3>民生实事落地见效</h3>", "<p class='subtitle'>——聚焦城区公共交通</p>"],
    ids=["heading", "subtitle-class"],
)
def test_a_kicker_above_the_first_paragraph_is_not_body(kicker: str) -> None:
    assert _clean(kicker + BODY_HTML).text == BODY


def test_a_link_line_is_dropped_on_the_generic_layer() -> None:
    assert _clean(f"{BODY_HTML}<p><a href='/x.html'>湖滨步道改造工程本周完工</a></p>", generic=True).text == BODY


# -- evidence for the time and source stages -------------------------------------------------------


def test_a_meta_line_above_the_first_paragraph_is_evidence_not_body() -> None:
    body = _clean(f"<p>2024-06-08 21:32 来源：聊城日报</p>{BODY_HTML}")
    assert (body.text, body.meta_lines) == (BODY, ["2024-06-08 21:32 来源：聊城日报"])


def test_a_source_line_of_its_own_is_evidence_not_body() -> None:
    body = _clean(f"{BODY_HTML}<p>来源：大众日报</p>")
    assert (body.text, body.source_lines) == (BODY, ["来源：大众日报"])


def test_short_dated_lines_are_collected_in_order() -> None:
    body = _clean(f"<p>2024-06-08 21:32</p>{BODY_HTML}<p>2024年6月9日</p>")
    assert body.date_lines == ["2024-06-08 21:32", "2024年6月9日"]


# -- images and captions ---------------------------------------------------------------------------

IMG = "<p><img src='/d/file/bus.jpg'></p>"


@pytest.mark.parametrize(
    "figure",
    [
        f"{IMG}<p align='center'>新投用的纯电动公交车。</p>",
        "<figure><img src='/d/file/bus.jpg'><figcaption>新投用的纯电动公交车。</figcaption></figure>",
        f"{IMG}<p class='pic-text'>新投用的纯电动公交车。</p>",
        "<table><tr><td><img src='/d/file/bus.jpg'></td></tr><tr><td align='center'>新投用的纯电动公交车。</td></tr></table>",
        "<div><img src='/d/file/bus.jpg'><span>新投用的纯电动公交车。</span></div>",
        "<p><img src='/d/file/bus.jpg' alt='新投用的纯电动公交车。'></p>",
        "<p><img src='/d/file/bus.jpg' title='新投用的纯电动公交车。'></p>",
    ],
    ids=[
        "centred-next-paragraph",
        "figcaption",
        "caption-class",
        "table-cell",
        "span-in-div",
        "alt",
        "title-attribute",
    ],
)
def test_a_caption_goes_to_its_image_not_the_body(figure: str) -> None:
    body = _clean(f"<p>{P1}</p>{figure}<p>{P2}</p>")
    assert (body.text, body.images) == (
        f"{P1}\n{P2}",
        [{"src": "https://www.lcxw.cn/d/file/bus.jpg", "caption": "新投用的纯电动公交车。"}],
    )


def test_a_short_text_sharing_its_paragraph_with_an_image_is_its_caption() -> None:
    body = _clean(f"<p>{P1}</p><p><img src='/d/file/bus.jpg'>新投用的纯电动公交车。</p><p>{P2}</p>")
    assert (body.text, body.images[0]["caption"]) == (f"{P1}\n{P2}", "新投用的纯电动公交车。")


def test_a_paragraph_that_opens_with_an_inline_picture_is_text() -> None:
    body = _clean(f"<p>{P1}</p><p><img src='/d/file/bus.jpg'><img src='/d/file/map.png'>{P2}</p><p>{P3}</p>")
    assert (body.text, [i["caption"] for i in body.images]) == (BODY, ["", ""])


@pytest.mark.parametrize(
    "caption",
    ["新投用的纯电动公交车。本报记者 李华 摄", "新投用的纯电动公交车（李华 摄）", "新投用的纯电动公交车 图/李华"],
    ids=["paper-reporter-she", "bracketed-she", "tu-slash"],
)
def test_a_caption_photo_credit_names_the_photographer(caption: str) -> None:
    assert _clean(f"<p>{P1}</p>{IMG}<p>{caption}</p>").caption_photographers == ["李华"]


def test_an_alt_that_is_a_file_name_is_no_caption() -> None:
    body = _clean(f"<p>{P1}</p><p><img src='/d/file/bus.jpg' alt='IMG_2024.jpg'></p>")
    assert body.images == [{"src": "https://www.lcxw.cn/d/file/bus.jpg", "caption": ""}]


def test_a_standalone_photo_credit_line_is_a_byline_not_body() -> None:
    body = _clean(f"{BODY_HTML}<p>李华 摄</p>")
    assert (body.text, body.credits.photographers) == (BODY, ["李华"])


def test_a_plain_paragraph_after_an_image_stays_body() -> None:
    body = _clean(f"<p>{P1}</p>{IMG}<p>{P2}</p>")
    assert (body.text, body.images[0]["caption"]) == (f"{P1}\n{P2}", "")


# -- the line predicates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "notices", "stop"),
    [
        ("相关推荐", True, True),
        ("【相关新闻】", True, True),
        ("■ 延伸阅读", True, True),
        ("下一篇：湖滨步道改造完工", True, True),
        ("免责声明：本网转载内容仅供参考。", True, True),
        ("免责声明：本网转载内容仅供参考。", False, False),
        (P1, True, False),
    ],
    ids=["related", "bracketed", "marked", "next", "notice", "notice-not-asked", "text"],
)
def test_is_stop(line: str, notices: bool, stop: bool) -> None:
    assert is_stop(normalize(line), rules(), notices=notices) is stop


@pytest.mark.parametrize(
    ("line", "boilerplate"),
    [
        ("分享到 微信 微博", True),
        ("【打印】【关闭】", True),
        ("字号：大 中 小", True),
        ("阅读：1024", True),
        ("聊城新闻网 2006-2025 版权所有", True),
        ("首页 上一页 下一页 尾页", True),
        ("第1页/共3页 << 上一页 | 下一页 >>", True),
        ("共3页 1 2 3 下一页", True),
        ("分享到微信的公交线路图已更新", False),
        ("本书共300页，分上下两册出版。", False),
        (P1, False),
    ],
    ids=[
        "share-bar",
        "print-close",
        "font-size",
        "counter",
        "footer",
        "pager",
        "page-of-pages",
        "pages-then-numbers",
        "sentence-with-share",
        "sentence-with-pages",
        "paragraph",
    ],
)
def test_is_boilerplate(line: str, boilerplate: bool) -> None:
    assert is_boilerplate(normalize(line), rules()) is boilerplate


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        ("来源：聊城日报 2024-06-08 21:32", True),
        ("2024-06-08 21:32:52", True),
        ("发布时间：2024年06月08日 浏览次数：128", True),
        ("时间：2024-06-08", True),
        ("日期：2024-06-08 作者：王晓明", True),
        ("2024年6月8日，市交通运输局召开新闻发布会，通报城区公交线路优化调整的有关情况。", False),
        (P1, False),
    ],
    ids=["source-time", "stamp", "time-and-counter", "labelled-day", "day-and-author", "dated-sentence", "paragraph"],
)
def test_is_meta_line(line: str, meta: bool) -> None:
    assert is_meta_line(line, normalize(line), rules()) is meta
