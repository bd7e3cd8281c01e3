"""General rules for layouts the profile has never seen: credits far from the headline, headlines
left in the body, a short story beside a long teaser stream, recommended stories styled like the
article. Every page here is hand-made."""

from __future__ import annotations

import pytest

from lcnews.extract import extract_article

PARAS = [
    "记者从市文化和旅游局获悉，2024年全市计划实施重点项目472个，总投资超过1168亿元。",
    "车间主任王建军告诉记者，今年订单已经排到了10月份，生产线满负荷运转。在山陕会馆附近，前来游玩的市民和游客络绎不绝。",
    "下一步，东昌府区将继续聚焦高端轴承，着力引育“填空式”企业，推动产业链延链补链强链。",
]
TEASERS = [
    "另一则消息的导语写在这里，内容很长，讲述了一个完全不同的故事，和本文没有关系，但是篇幅比本文更长。",
    "第二则推荐内容同样很长，有很多句子。它描述了天气、交通和市场行情，读者点进去才能看到全文。",
    "第三则推送文章的摘要，讲的是体育比赛的结果，球队在主场以三比一获胜，球迷们欢呼雀跃。",
]


def _ps(paras: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paras)


def _page(body: str, title: str = "网站首页") -> str:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body}</body></html>"


AUTHOR_CASES = [
    pytest.param(
        # a blog's post footer "由X张贴 @ time" under the post
        _page(
            f"<div class='post'><h3>想写就写</h3>{_ps(PARAS)}<div>由海姑娘张贴 @ 2005-06-14 03:25:55 (370) 共 11 篇评论</div></div>"
        ),
        ["海姑娘"],
        id="poster-footer-zhangtie",
    ),
    pytest.param(
        # the <title> names the site, so the headline and its bare-name byline stay in the body
        _page(f"<div><p>比赛革命的革命</p><p>胡平</p><p>——对文化革命的政治心理学分析</p>{_ps(PARAS)}</div>", "显示"),
        ["胡平"],
        id="bare-name-under-headline-in-body",
    ),
    pytest.param(
        # "作者:" in a block after the article's own container, beside the editor and source
        _page(
            "<table><tr><td><h1>广汽回应合资内幕</h1></td></tr>"
            f"<tr><td><div class='txt'>{_ps(PARAS)}</div></td></tr></table>"
            "<table><tr><td>编辑： 金金</td></tr><tr><td>来源： 某某经济报道</td></tr>"
            "<tr><td>作者：宋怡 杨志华</td></tr></table>",
            "广汽回应合资内幕",
        ),
        ["宋怡", "杨志华"],
        id="author-line-after-article-container",
    ),
]


@pytest.mark.parametrize(("html", "authors"), AUTHOR_CASES)
def test_authors_found_outside_the_headline_area(html: str, authors: list[str]) -> None:
    assert extract_article(html).authors == authors


def test_breadcrumb_crumb_with_a_reporter_label_is_not_a_byline() -> None:
    html = _page(
        "<div class='crumb'><a href='/'>首页</a> > <a href='/s/'>记者直击</a> ></div>"
        f"<h1>某某标题在这里</h1><div class='content'>{_ps(PARAS)}</div>",
        "某某标题在这里",
    )
    assert extract_article(html).authors == []


@pytest.mark.parametrize(
    "byline",
    ["——作者手记", "作者：关注"],
    ids=["label-then-note-word", "label-then-follow-button"],
)
def test_label_followed_by_a_non_name_gives_no_author(byline: str) -> None:
    html = _page(f"<h1>某某标题在这里</h1><div class='content'>{_ps(PARAS)}<p>{byline}</p></div>")
    assert extract_article(html).authors == []


STREAM = "".join(
    f"<li><div class='src'>某某财经新闻·{i} 小时前</div><p>{t}</p></li>" for i in range(1, 4) for t in TEASERS
)


@pytest.mark.parametrize(
    "story",
    [PARAS[:2], PARAS[1:]],
    ids=["two-paragraphs", "other-two-paragraphs"],
)
def test_short_story_holding_the_headline_beats_a_teaser_stream(story: list[str]) -> None:
    html = _page(
        f"<div class='page'><article><header><h1>日本企业信心保持稳定</h1></header>{_ps(story)}</article>"
        f"<div class='stream'><ul>{STREAM}</ul></div></div>",
        "日本企业信心保持稳定",
    )
    got = extract_article(html)
    assert got.body == "\n".join(story)


@pytest.mark.parametrize(
    "cls",
    ["detail-content__content--recommend__content", "article-related-content", "content_tuijian"],
)
def test_recommended_story_styled_as_content_is_not_the_article(cls: str) -> None:
    long_other = _ps(TEASERS * 3)
    html = _page(
        "<div class='detail'><h1>美官员否认直升机事故存在谋杀行为</h1>"
        f"<div class='article__content'>{_ps(PARAS)}</div>"
        f"<div class='{cls}'><h1>另一篇推荐文章的标题</h1>{long_other}</div></div>",
        "快资讯",
    )
    got = extract_article(html)
    assert got.body == "\n".join(PARAS)


def _post_page(stamp: str, headline: str, first_line: str) -> str:
    body = (
        f"<div class='crumb'>当前位置：首页>>会议</div><div><b>{headline}</b></div>"
        f"<div>{stamp}</div>"
        f"<div class='main'><p>{first_line}</p>{_ps(PARAS)}</div>"
        "<div class='cmt'><div>点这里发表评论</div><div>发表人：550</div>"
        "<div>发表时间：2004-12-11 9:51:00</div></div>"
    )
    return _page(body, title=f"{headline}_会议秘书处_研究中心")


@pytest.mark.parametrize("counter", ["阅读10544次", "点击：88", "浏览 301 次"])
def test_date_beside_a_view_counter_beats_a_labelled_comment_stamp(counter: str) -> None:
    from lcnews.extract.article import _page_date
    from lcnews.extract.dom import parse_html
    from lcnews.extract.rules import rules_for

    head = ["双击自动滚屏", f"2004-12-10  {counter}"]
    page = [PARAS[0], "点这里发表评论", "发表时间：2004-12-11 9:51:00", *head[::-1]]
    hit = _page_date(parse_html(_page("")), rules_for(None), head, [], (), page)
    assert hit is not None and hit.iso == "2004-12-10T00:00:00+08:00"


@pytest.mark.parametrize(
    ("headline", "first_line"),
    [("第四届学术年会会议议程", "第四届学术年会"), ("春季运动会日程安排", "春季运动会")],
)
def test_headline_containing_the_first_body_line_stays_above_the_meta_area(
    headline: str, first_line: str
) -> None:
    # the date line sits between the headline and the body's first line, which the headline
    # happens to contain: the meta area ends at the body line itself, not at the headline
    html = _post_page("发布日期：2004-12-10", headline, first_line)
    assert extract_article(html).published_at == "2004-12-10T00:00:00+08:00"
