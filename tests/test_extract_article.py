"""extract_article on hand-made lcxw pages built from the seed article (Simplified, Traditional, GBK)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from extract_pages import BODY, BODY_HTML, FOOTER, MENU, P1, P2, P3, SIDEBAR, TITLE, article, html
from extract_pages import URL as URL_A

from lcnews.extract import EXTRACTOR_VERSION, Extracted, extract_article

FIXTURES = Path(__file__).parent / "fixtures"
URL = "https://www.lcxw.cn/yaowen/shendu/20250206/105692.html"

# page file -> (expected body file, the page's spellings of the metadata)
PAGES = {
    "simplified": (
        "lcxw_seed_simplified.html",
        "lcxw_seed_simplified.body.txt",
        {
            "title": "聊城:向“新”聚能 向“质”蝶变",
            "source": "聊城日报",
            "authors": ["赵琦"],
            "photographers": ["赵鹏"],
            "editors": ["李明"],
            "channel_names": ["要闻", "深度"],
            "encoding": "utf-8",
        },
    ),
    "traditional": (
        "lcxw_seed_traditional.html",
        "lcxw_seed_traditional.body.txt",
        {
            "title": "聊城:向“新”聚能 向“質”蝶變",
            "source": "聊城日報",
            "authors": ["趙琦"],
            "photographers": ["趙鵬"],
            "editors": ["李明"],
            "channel_names": ["要聞", "深度"],
            "encoding": "utf-8",
        },
    ),
    "simplified-gbk": (
        "lcxw_seed_simplified_gbk.html",
        "lcxw_seed_simplified.body.txt",
        {
            "title": "聊城:向“新”聚能 向“质”蝶变",
            "source": "聊城日报",
            "authors": ["赵琦"],
            "photographers": ["赵鹏"],
            "editors": ["李明"],
            "channel_names": ["要闻", "深度"],
            "encoding": "gb18030",
        },
    ),
}


@pytest.fixture(scope="module", params=list(PAGES), ids=list(PAGES))
def case(request):
    page, body, fields = PAGES[request.param]
    result = extract_article((FIXTURES / page).read_bytes(), url=URL)
    return result, (FIXTURES / body).read_text(encoding="utf-8").strip(), fields


def test_body_is_the_clean_body(case):
    result, body, _ = case
    assert result.body == body


def test_body_keeps_no_chrome(case):
    result, _, _ = case
    for noise in (
        "版權所有",
        "版权所有",
        "相關推薦",
        "相关推荐",
        "2025-02-05 10:55:23",
        "A+A-",
        "分享",
        "本報記者",
        "本报记者",
        "編輯:",
        "编辑:",
        "您的位置",
    ):
        assert noise not in result.body


@pytest.mark.parametrize(
    "field", ["title", "source", "authors", "photographers", "editors", "channel_names", "encoding"]
)
def test_metadata_field(case, field):
    result, _, fields = case
    assert getattr(result, field) == fields[field]


def test_published_at_is_beijing_time(case):
    result, _, _ = case
    assert (result.published_at, result.published_raw) == (
        "2025-02-06T11:17:07+08:00",
        "2025-02-06 11:17:07",
    )


def test_caption_goes_to_images(case):
    result, _, _ = case
    assert len(result.images) == 1
    image = result.images[0]
    assert image["src"] == "https://www.lcxw.cn/uploads/2025/02/06/xinpeng.jpg"
    assert image["caption"].startswith("2月5日,") and image["caption"].endswith(("摄", "攝"))


def test_raw_byline_and_editor_lines_are_kept(case):
    result, _, _ = case
    assert result.byline_raw in ("■ 本报记者 赵琦", "■ 本報記者 趙琦")
    assert result.editor_raw in ("编辑:李明", "編輯:李明")


def test_site_layer_and_version(case):
    result, _, _ = case
    assert (result.layer, result.extractor_version, result.warnings) == (
        "site",
        EXTRACTOR_VERSION,
        [],
    )


def test_canonical_url_defaults_to_page_url(case):
    result, _, _ = case
    assert result.canonical_url == URL


def _lcxw_page(body_html: str, title: str = "测试标题", extra_head: str = "") -> str:
    return (
        f"<html><head><meta charset='utf-8'><title>{title}_聊城新闻网</title>{extra_head}</head><body>"
        f"<div class='position'>您的位置:<a href='/'>首页</a>&gt;<a href='/yaowen/'>要闻</a> &gt;</div>"
        f"<h1 class='article-title'>{title}</h1>"
        f"<div class='article-info'>来源:聊城日报&nbsp;&nbsp;2022-01-13 09:14:06</div>"
        f"<div class='article-content'>{body_html}</div>"
        f"<div class='xgtj'>相关推荐<ul><li><a href='/a.html'>别的新闻</a>2022-01-12 08:00:00</li></ul></div>"
        f"</body></html>"
    )


# (body html, expected body, expected field values)
BODY_CASES = {
    "dateline-byline": (
        "<p>本报讯(记者 张承斌 通讯员 张亚林)1月12日,全市召开会议。</p><p>会议要求狠抓落实。</p>",
        "1月12日,全市召开会议。\n会议要求狠抓落实。",
        {"authors": ["张承斌"], "correspondents": ["张亚林"]},
    ),
    "dateline-fullwidth-space": (
        "<p>本报讯 （记者 张承斌）1月12日，全市召开会议。</p>",
        "1月12日，全市召开会议。",
        {"authors": ["张承斌"], "correspondents": []},
    ),
    "trailing-reporter": (
        "<p>全市共检查企业30家。</p><p>发现并整改隐患321处。(记者 刘庆功)</p>",
        "全市共检查企业30家。\n发现并整改隐患321处。",
        {"authors": ["刘庆功"]},
    ),
    "standalone-lines": (
        "<p>本报记者 张承斌</p><p>本报通讯员 胜前</p><p>全市共检查企业30家。</p>",
        "全市共检查企业30家。",
        {"authors": ["张承斌"], "correspondents": ["胜前"]},
    ),
    "photo-byline": (
        "<p>■ 文/图 记者 朱海波</p><p>全市共检查企业30家。</p>",
        "全市共检查企业30家。",
        {"authors": ["朱海波"], "photographers": ["朱海波"]},
    ),
    "commentary-credits": (
        "<p>栏目策划:王强</p><p>本期评论员:马新</p><p>视频制作:李四</p><p>实干才能出实绩。</p>",
        "实干才能出实绩。",
        {"authors": ["马新"], "photographers": []},
    ),
    "other-paper-editors": (
        "<p>大众网讯(记者 刘庆功)近日,聊城举办活动。</p><p>初审编辑:张三</p><p>责任编辑:李四</p>",
        "近日,聊城举办活动。",
        {"authors": ["刘庆功"], "editors": ["张三", "李四"]},
    ),
    "whitespace-collapsed": (
        "<p>\u3000\u3000全市\u00a0共检查  企业\n30家。</p><p> </p><p>\u3000</p>",
        "全市 共检查 企业 30家。",
        {},
    ),
    "br-paragraphs": (
        "全市共检查企业30家。<br><br>发现并整改隐患321处。<br>",
        "全市共检查企业30家。\n发现并整改隐患321处。",
        {},
    ),
    "figcaption": (
        (
            "<p>全市共检查企业30家。</p><figure><img src='/d/file/a.jpg'><figcaption>市民游玩。</figcaption>"
            "</figure><p>发现并整改隐患321处。</p>"
        ),
        "全市共检查企业30家。\n发现并整改隐患321处。",
        {"images": [{"src": "https://www.lcxw.cn/d/file/a.jpg", "caption": "市民游玩。"}]},
    ),
    "lazy-image": (
        "<p>全市共检查企业30家。</p><p><img src='data:image/gif;base64,R0lG' data-original='b.jpg'></p>",
        "全市共检查企业30家。",
        {"images": [{"src": "https://www.lcxw.cn/yaowen/shendu/20250206/b.jpg", "caption": ""}]},
    ),
}


@pytest.mark.parametrize(("body_html", "body", "fields"), BODY_CASES.values(), ids=BODY_CASES.keys())
def test_body_forms(body_html, body, fields):
    result = extract_article(_lcxw_page(body_html).encode("utf-8"), url=URL)
    assert result.body == body
    for name, value in fields.items():
        assert getattr(result, name) == value, name


TITLES = {
    "underscore-suffix": ("<title>聊城:向新聚能_聊城新闻网</title>", "聊城:向新聚能"),
    "dash-suffix": ("<title>聊城:向新聚能-聊城新闻网</title>", "聊城:向新聚能"),
    "pipe-other-paper": ("<title>聊城:向新聚能 | 大众网</title>", "聊城:向新聚能"),
    "unknown-site-name": ("<title>聊城:向新聚能 - 某某晚报</title>", "聊城:向新聚能"),
}


@pytest.mark.parametrize(("head", "title"), TITLES.values(), ids=TITLES.keys())
def test_title_without_site_suffix(head, title):
    page = f"<html><head>{head}</head><body><div id='zoom'><p>{'全市共检查企业30家。' * 5}</p></div></body></html>"
    assert extract_article(page).title == title


def test_headline_pipe_is_kept():
    page = _lcxw_page("<p>全市共检查企业30家。</p>", title="锐评|以实干论英雄")
    assert extract_article(page).title == "锐评|以实干论英雄"


def test_canonical_link_is_used():
    page = _lcxw_page(
        "<p>全市共检查企业30家。</p>",
        extra_head="<link rel='canonical' href='https://www.lcxw.cn/yaowen/x/1.html'>",
    )
    assert (
        extract_article(page, url="http://mirror.example/yaowen/x/1.html").canonical_url
        == "https://www.lcxw.cn/yaowen/x/1.html"
    )


def test_headers_charset_is_honoured():
    page = _lcxw_page("<p>全市共检查企业30家。</p>").replace("<meta charset='utf-8'>", "")
    result = extract_article(page.encode("gbk"), headers={"Content-Type": "text/html; charset=GBK"})
    assert (result.encoding, result.body) == ("gb18030", "全市共检查企业30家。")


def test_result_is_a_dataclass_with_contract_fields():
    names = set(Extracted.__dataclass_fields__)
    assert {
        "title",
        "title_raw",
        "published_at",
        "published_raw",
        "source",
        "source_raw",
        "authors",
        "correspondents",
        "photographers",
        "editors",
        "byline_raw",
        "editor_raw",
        "body",
        "images",
        "channel_names",
        "canonical_url",
        "encoding",
        "layer",
        "extractor_version",
        "warnings",
    } <= names


# -- issue 8's failure kinds, end to end (each kind's stage has its own tests) ---------------------

SHORT = f"<p>{P1}</p><p>{P2}</p>"
DISCLAIMER_BOX = "".join(
    f"<p>声明{i}：本站登载的部分稿件选自别家媒体，登载只为给读者多一份参考，"
    "既不等于本站认可稿中说法，也不为稿件内容的准确与否作出担保。</p>"
    for i in range(6)
)
PLAYLIST_BOX = "".join(
    f"<p>第{i}集：东昌湖畔夜景灯光秀精彩上演，市民游客纷纷驻足观看，拍照留念，气氛热烈。</p>" for i in range(8)
)
RELATED_BOX = (
    "<div class='xgyd'><h4>相关阅读</h4><ul><li><a href='/x/1.html'>我市公交线网优化调整方案公布</a></li></ul></div>"
)
VIDEO_BOX = (
    "<div class='video-recommend'><h4>视频推荐</h4><ul><li><a href='/v/1.html'>新线路试乘体验</a></li></ul></div>"
)
WECHAT_BOX = "<div class='wx'><img src='/qr.png'><p>扫一扫关注本网微信公众号</p><p>长按识别二维码</p></div>"
CRUMB = (
    "<div class='crumb'>当前位置：<a href='/'>首页</a> &gt; <a href='/yaowen/'>要闻</a> &gt; "
    "<a href='/yaowen/shendu/'>记者直击</a></div>"
)

# kind -> (page html, url, expected fields)
KINDS: dict[str, tuple[str, str | None, dict[str, Any]]] = {
    "logo-h1-headline-h2": (
        html(f"<h1 class='logo'><a href='/'>聊城新闻网</a></h1>{article(headline=f'<h2>{TITLE}</h2>')}"),
        URL_A,
        {"title": TITLE},
    ),
    "text-logo-h1": (
        html(f"<div class='top'><h1>聊城新闻网</h1></div>{article(headline=f'<div class=tit>{TITLE}</div>')}"),
        URL_A,
        {"title": TITLE},
    ),
    "source-and-time-in-separate-elements": (
        html(
            article(
                meta="<div class='attr'><span>来源：</span><span>聊城日报</span><span>2024-06-08 21:32:52</span></div>"
            )
        ),
        URL_A,
        {"source": "聊城日报", "published_at": "2024-06-08T21:32:52+08:00"},
    ),
    "time-alone-when-the-source-is-empty": (
        html(article(meta="<div class='attr'><span>来源：</span><span></span><span>2024-06-08 21:32:52</span></div>")),
        URL_A,
        {"source": "", "published_at": "2024-06-08T21:32:52+08:00"},
    ),
    "view-counters-in-the-meta-line": (
        html(
            article(meta="<div class='info'>时间：2024-06-08 21:32 来源：聊城日报 评论：0 点击：<span></span>次</div>")
        ),
        URL_A,
        {"source": "聊城日报", "published_at": "2024-06-08T21:32:00+08:00"},
    ),
    "title-with-channel-and-site": (
        html(article(headline=f"<div class='bt'>{TITLE}</div>"), title=f"{TITLE}-要闻-聊城新闻网"),
        URL_A,
        {"title": TITLE},
    ),
    "site-name-suffix": (
        html(
            f"<div class='art'><div class='tt'>{TITLE}</div><div>2024-06-08 21:32 来源：新华网</div>{BODY_HTML}</div>",
            title=f"{TITLE}-新华网",
        ),
        URL_A,
        {"title": TITLE, "source": "新华网"},
    ),
    "breadcrumb-jizhe-zhiji-not-a-reporter": (
        html(CRUMB + article()),
        URL_A,
        {"authors": [], "channel_names": ["要闻", "记者直击"]},
    ),
    "menu-items-not-authors": (html(article()), URL_A, {"authors": [], "editors": []}),
    "wen-jizhe-tu": (
        html(article(f"<p>文/记者 苑莘 图/吴建正</p>{BODY_HTML}")),
        URL_A,
        {"authors": ["苑莘"], "photographers": ["吴建正"], "body": BODY},
    ),
    "editor-line-in-a-table-cell": (
        html(
            f"{MENU}<table><tr><td><h1>{TITLE}</h1></td></tr><tr><td>来源：聊城日报 2024-06-08 21:32</td></tr>"
            f"<tr><td class='zw'>{BODY_HTML}</td></tr><tr><td align='right'>编辑：李明</td></tr></table>{FOOTER}"
        ),
        URL_A,
        {"editors": ["李明"], "body": BODY},
    ),
    "early-html-close": (
        html(article(f"<p>{P1}</p></body></html><p>{P2}</p><p>{P3}</p>")),
        URL_A,
        {"body": BODY},
    ),
    "credit-lines-editor-proofreader-caixie": (
        html(article(f"<p>采写：王晓明</p>{BODY_HTML}<p>编辑 李明 校对 张华</p>")),
        URL_A,
        {"authors": ["王晓明"], "editors": ["李明"], "body": BODY},
    ),
    "credit-lines-bracketed-wen-and-empty-labels": (
        html(article(f"<p>【文/王晓明】</p>{BODY_HTML}<p>供稿 摄影/ 编辑/</p>", meta="<div>2024-06-08 21:32</div>")),
        URL_A,
        {"authors": ["王晓明"], "editors": [], "body": BODY},
    ),
    "credit-lines-zuozhe-bar-and-zhibi": (
        html(article(f"<p>作者︱王晓明</p>{BODY_HTML}<p>执笔/李华</p>", meta="<div>2024-06-08 21:32</div>")),
        URL_A,
        {"authors": ["王晓明", "李华"], "body": BODY},
    ),
    "disclaimer-and-related-inside-the-container": (
        html(article(f"{BODY_HTML}<p>免责声明：本网转载内容仅供参考，不代表本网立场。</p>{RELATED_BOX}")),
        URL_A,
        {"body": BODY},
    ),
    "video-recommend-inside-the-container": (html(article(BODY_HTML + VIDEO_BOX)), URL_A, {"body": BODY}),
    "wechat-box-inside-the-container": (html(article(BODY_HTML + WECHAT_BOX)), URL_A, {"body": BODY}),
    "short-article-vs-longer-disclaimer": (
        html(article(SHORT) + f"<div class='box'>{DISCLAIMER_BOX}</div>"),
        URL_A,
        {"body": f"{P1}\n{P2}"},
    ),
    "short-article-vs-longer-playlist": (
        html(article(SHORT) + f"<div class='vlist'>{PLAYLIST_BOX}</div>"),
        URL_A,
        {"body": f"{P1}\n{P2}"},
    ),
    "furniture-words-not-authors": (
        html(
            "<div class='top'><a href='/'>首页</a> <a href='/blog/'>博客</a> <span>分享到 微信</span> <a>幻灯</a></div>"
            f"<div class='art'><h1>{TITLE}</h1><div>2024-06-08 21:32 来源：新华网</div>{BODY_HTML}</div>"
            "<form><label>姓名</label><input name='n'></form>"
        ),
        URL_A,
        {"authors": []},
    ),
    "zuozhe-without-separator": (
        html(f"<div class='art'><h1>{TITLE}</h1><div>2024-06-08 21:32 来源：新华网 作者王晓明</div>{BODY_HTML}</div>"),
        URL_A,
        {"authors": ["王晓明"]},
    ),
    "trailing-bare-name": (
        html(
            f"<div class='art'><h1>{TITLE}</h1><div>2024-06-08 21:32</div><p>{P1}</p><p>{P2}</p><p>{P3}（王晓明）</p></div>"
        ),
        URL_A,
        {"authors": ["王晓明"], "body": BODY},
    ),
    "name-slash-paper": (
        html(f"<div class='art'><h1>{TITLE}</h1><div>2024-06-08 21:32</div><p>王晓明/大众日报</p>{BODY_HTML}</div>"),
        URL_A,
        {"authors": ["王晓明"], "body": BODY},
    ),
    "video-player-build-timestamp": (
        html(
            f"<div class='art'><h1>{TITLE}</h1><div class='vplayer'><span>Player v3.2 build 2019-11-02 08:00</span></div>"
            f"<div>发布时间：2024-06-08 21:32</div>{BODY_HTML}</div>"
        ),
        URL_A,
        {"published_at": "2024-06-08T21:32:00+08:00"},
    ),
    "sidebar-dates-are-not-the-time": (
        html(f"{SIDEBAR}<div class='art'><h1>{TITLE}</h1><div>聊城日报</div>{BODY_HTML}</div>"),
        None,
        {"published_at": None},
    ),
}


def _kind_cases() -> list[Any]:
    return [
        pytest.param(data, url, name, value, id=f"{kind}:{name}")
        for kind, (data, url, fields) in KINDS.items()
        for name, value in fields.items()
    ]


@pytest.mark.parametrize(("data", "url", "name", "value"), _kind_cases())
def test_issue8_failure_kind_end_to_end(data: str, url: str | None, name: str, value: Any) -> None:
    assert getattr(extract_article(data.encode("utf-8"), url=url), name) == value
