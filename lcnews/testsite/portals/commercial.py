"""Commercial portals: 新浪-, 网易-, 搜狐-, 腾讯- (server-rendered) and 凤凰-like article pages."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import datetime

from . import furniture as F
from .body import byline, editor_line, hashed, original_title, paragraphs, trailing_byline
from .kit import BEIJING, Build, Family, attr, doc, esc

PAPERS = ("新京报", "上观新闻", "北京青年报", "潇湘晨报", "{c}日报", "{c}晚报", "{c}广播电视台")
IND = "\u3000\u3000"


def _paper(b: Build) -> str:
    return str(b.pick(*PAPERS)).format(c=b.story.city)


def sina(b: Build) -> str:
    site = "新浪新闻"
    src = b.set_source(_paper(b))
    b.trap("unlabelled_source")
    shown = b.time("cn")
    orig = f"<p>{IND}{original_title(b)}</p>" if b.chance(0.4) else ""
    split = b.chance(0.5) and len(b.paragraphs) > 3
    code = b.pick("sf", "sf", "")
    editor = b.furn(editor_line(b, "zeren", code), inside=True)
    k = len(b.paragraphs) // 2
    if split:
        b.trap("split_body")
        part1 = paragraphs(b, indent=IND, only=slice(0, k), n_images=1)
        part2 = paragraphs(b, indent=IND, only=slice(k, None))
        c1 = b.container('<div class="article" id="artibody">')
        c2 = b.container('<div class="article" id="artibody_more">')
        text = (f"{c1}\n{orig}\n{part1}\n</div>\n"
                f'<div class="sinaads" data-ad-pdps="PDPS000000056054"></div>\n'
                f'<div class="look-more"><a href="javascript:;">{b.furn("点击展开全文")}</a></div>\n'
                f'{c2}\n{part2}\n<p class="show_author">{editor}</p>\n</div>')  # fmt: skip
    else:
        c1 = b.container('<div class="article" id="article">')
        text = (f"{c1}\n{orig}\n"
                f'{paragraphs(b, indent=IND, n_images=b.pick(0, 1, 2))}\n<p class="show_author">{editor}</p>\n</div>')  # fmt: skip
    metas = (b.og(site) + f'\n<meta property="article:published_time" content="{b.story.ts:%Y-%m-%dT%H:%M:%S}+08:00" />'
             f'\n<meta name="weibo: article:create_at" content="{b.story.ts:%Y-%m-%d %H:%M:%S}" />')  # fmt: skip
    head = b.head(
        b.title_tag(b.pick("{t}|新浪新闻", "{t}_新浪新闻", "{t}_新浪网", "{t}_{c}_新浪网"), site, "新闻中心"), metas
    )
    body = f"""{F.menu(b, ("新浪首页", "新闻", "体育", "财经", "娱乐", "科技", "博客", "图片", "专栏", "更多"), "top-nav")}
<div class="main-content w1240">
<h1 class="main-title">{esc(b.title)}</h1>
<div class="top-bar-wrap" id="top_bar_wrap"><div class="top-bar"><div class="date-source">
<span class="date">{shown}</span>
<a href="https://news.example.com/" class="source ent-source" rel="nofollow" target="_blank">{esc(src)}</a>
</div>{F.share_bar(b)}</div></div>
<div class="article-content clearfix" id="article_content"><div class="article-content-left">
{text}
<div class="keywords">{F.tags(b)}</div>
{F.disclaimer(b, which=1, cls="show_statement")}
{F.related(b, "相关新闻")}
{F.comment_form(b)}
</div><div class="article-content-right">{F.hot_list(b, "热门推荐")}</div></div></div>
{F.copyright_footer(b, "新浪网", "SINA Corporation", 1996)}"""
    return doc(b, head, body)


def netease(b: Build) -> str:
    site = "网易"
    src = b.set_source(_paper(b))
    shown = b.time("sec")
    region = b.pick("", "北京", "广东", "浙江", "江苏")
    if region:
        b.trap("ip_location")
        b.furn(region)
    top = ""
    if b.chance(0.35):
        name = b.people(1)
        b.record("作者", name)
        top = f"<p>{b.furn(f'{name[0]}/{_paper(b)}', inside=True)}</p>"
        b.trap("name_slash_paper")
    code = b.pick("nb", "nb", "")
    editor = b.furn(editor_line(b, "zeren", code))
    head = b.head(b.title_tag(b.pick("{t}|网易新闻", "{t}_网易新闻", "{t}_网易订阅", "{t}|{c}|网易"), site, "社会"),
                  f'<meta name="keywords" content="{attr(b.story.city)}" />')  # fmt: skip
    body = f"""{F.menu(b, ("网易首页", "新闻", "体育", "娱乐", "财经", "汽车", "科技", "手机", "房产", "旅游"), "ntes-nav")}
{F.breadcrumb(b, ("网易首页", "网易号", "正文"), "", " &gt; ", "post_crumb")}
<div class="post_main">
<h1 class="post_title">{esc(b.title)}</h1>
<div class="post_info">{shown}\u3000来源: <a href="https://www.example.com/" rel="nofollow">{esc(src)}</a>
{f'<span class="post_place">{esc(region)}</span>' if region else ""}<a class="post_jubao" href="#">{b.furn("举报")}</a></div>
<div class="post_content" id="content">
{b.container('<div class="post_body">')}
{top}
{paragraphs(b, n_images=b.pick(0, 1, 2))}
</div>
<div class="post_statement"><span class="bg"></span>{F.disclaimer(b, which=1)}</div>
<div class="post_author">{b.furn("本文来源：" + src)}<br />{editor}</div>
</div>
{F.related(b, "相关推荐")}
{F.share_bar(b)}
</div>
<div class="post_side">{F.hot_list(b, "热点新闻")}{F.video_strip(b)}</div>
{F.copyright_footer(b, "网易公司", "NetEase", 1997)}"""
    return doc(b, head, body)


def sohu(b: Build) -> str:
    site = "搜狐"
    labelled = b.chance(0.6)
    src = b.set_source(_paper(b)) if labelled else ""
    shown = b.time("min")
    ms = int(b.story.ts.replace(tzinfo=BEIJING).timestamp() * 1000)
    account = f"{b.story.city}{b.pick('发布', '观察', '生活圈', '身边事')}"
    b.furn(account)
    orig = f"<p>{original_title(b)}</p>" if b.chance(0.3) else ""
    form = b.pick("wen", "bracket", "zuozhe_bar", "zuozhe_tight", "", "")
    if form:
        orig += f"<p>{b.furn(byline(b, form), inside=True)}</p>"
        b.trap("byline_" + form)
    editor = ""
    if b.chance(0.8):
        names = b.people(1)
        b.record("责任编辑", names)
        editor = f'<p data-role="editor-name">责任编辑：<span>{esc(names[0])}</span></p>'
        b.not_body.append(f"责任编辑：{names[0]}")
    back = b.furn("返回搜狐，查看更多", inside=True)
    b.trap("back_to_portal")
    info = f'<span class="time" id="news-time" data-val="{ms}">{shown}</span>'
    if labelled:
        info += f'\n<span data-role="original-link">来源: <a href="#" target="_blank">{esc(src)}</a></span>'
    head = b.head(b.title_tag(b.pick("{t}_搜狐新闻", "{t}_手机搜狐网", "{t}_{c}_搜狐网"), site, b.story.city),
                  b.og(site) + f'\n<meta name="mediaid" content="{attr(account)}" />'
                  f'\n<meta property="og:release_date" content="{b.story.ts:%Y-%m-%d %H:%M}" />')  # fmt: skip
    body = f"""{F.menu(b, ("搜狐首页", "新闻", "体育", "汽车", "房产", "旅游", "教育", "时尚", "科技", "财经"), "head-nav")}
<div class="wrapper-box"><div class="left main">
<div class="text">
<div class="text-title"><h1>{esc(b.title)}<span class="article-tag"></span></h1>
<div class="article-info">{info}</div></div>
{b.container('<article class="article" id="mp-editor">')}
{orig}
{paragraphs(b, n_images=b.pick(0, 1, 2, 3), style=b.pick("p", "span"))}
<a href="//www.sohu.com/?strategyid=00001" target="_blank" id="backsohucom"><span class="backword"><i class="backsohu"></i>{back}</span></a>
{editor}
</article>
{F.disclaimer(b, which=1, cls="statement")}
</div>
{F.related(b, "推荐阅读", dated=False)}
{F.comment_form(b)}
</div>
<div class="sidebar right"><div class="user-info"><h4><a href="#">{esc(account)}</a></h4><p>{b.furn("文章 " + str(b.rng.randint(100, 9000)) + " 总阅读 " + str(b.rng.randint(2, 900)) + "万")}</p></div>
{F.hot_list(b, "24小时热文")}</div></div>
{F.copyright_footer(b, "搜狐", "Sohu.com", 1998)}"""
    return doc(b, head, body)


def tencent(b: Build) -> str:
    site = "腾讯新闻"
    media = b.set_source(_paper(b))
    b.trap("unlabelled_source")
    shown = b.time("min")
    updated = b.other_time(b.rng.uniform(0.05, 1.5), "sec", trap="script_update_time")
    data = {"article_id": f"{b.story.ts:%Y%m%d}A0{b.rng.randint(1000, 9999)}00", "title": b.title, "media": media,
            "pubtime": b.story.ts.strftime("%Y-%m-%d %H:%M:%S"), "update_time": updated, "catalog1": "news"}  # fmt: skip
    head = b.head(b.title_tag(b.pick("{t}_腾讯新闻", "{t}_腾讯网"), site),
                  f'<meta name="apub:time" content="{b.story.ts:%Y-%m-%d %H:%M:%S}" />\n'
                  f"<script>window.DATA = {json.dumps(data, ensure_ascii=False)};</script>")  # fmt: skip
    tail_credit, tail = "", ""
    if b.chance(0.4):
        tail_credit = f'<p class="one-p">{b.furn(byline(b, "jizhe"), inside=True)}</p>'
    elif b.chance(0.5):
        tail = trailing_byline(b)
    body = f"""{F.menu(b, ("腾讯网", "新闻", "视频", "图片", "军事", "体育", "NBA", "娱乐", "财经", "科技"), "qq-nav")}
<div class="qq_conent clearfix"><div class="LEFT">
<h1>{esc(b.title)}</h1>
<div class="media-info"><a class="media-name" href="#">{esc(media)}</a><span class="media-time">{shown}</span><span class="media-follow">{b.furn("关注")}</span></div>
<div class="content clearfix">
{b.container('<div id="ArticleContent" class="content-article">')}
{paragraphs(b, n_images=b.pick(0, 1, 2), p_attr=' class="one-p"', tail=tail)}
{tail_credit}
</div></div>
{F.app_promo(b, "腾讯新闻")}
{F.related(b, "相关阅读", dated=False)}
</div><div class="RIGHT">{F.hot_list(b, "24小时热文")}</div></div>
{F.copyright_footer(b, "腾讯", "Tencent", 1998)}"""
    return doc(b, head, body)


def ifeng(b: Build) -> str:
    site = "凤凰网"
    src = b.set_source(_paper(b))
    shown = b.time("cn_sec")
    orig = f"<p>{original_title(b)}</p>" if b.chance(0.4) else ""
    b.trap("hashed_classes")
    code = b.pick("pn", "pn", "")
    editor = b.furn(editor_line(b, b.pick("zeren", "bianji"), code))
    all_data = {"docData": {"title": b.title, "newsTime": b.story.ts.strftime("%Y-%m-%d %H:%M:%S"), "source": src,
                            "base62Id": f"{b.rng.getrandbits(40):x}"},
                "adData": {"loaderBuild": b.other_time(-b.rng.randint(20, 300), "sec", trap="player_timestamp")}}  # fmt: skip
    head = b.head(b.title_tag(b.pick("{t}_凤凰网资讯_凤凰网", "{t}_凤凰网", "{t}_{c}_凤凰网"), site, "资讯"),
                  b.og(site) + f"\n<script>var allData = {json.dumps(all_data, ensure_ascii=False)};</script>")  # fmt: skip
    body = f"""{F.menu(b, ("凤凰网首页", "资讯", "财经", "娱乐", "体育", "时尚", "汽车", "房产", "科技", "读书"), hashed(b, "nav"))}
<div class="{hashed(b, "artical")}">
<div class="{hashed(b, "titleBox")}"><h1 class="{hashed(b, "topic")}">{esc(b.title)}</h1>
<div class="{hashed(b, "timeBref")}"><p class="{hashed(b, "time")}"><span>{shown}</span>\u3000<span>来源：<a href="#">{esc(src)}</a></span></p></div></div>
<div class="{hashed(b, "main_content")}">
{b.container(f'<div class="{hashed(b, "text")}">')}
{orig}
{paragraphs(b, n_images=b.pick(0, 1, 2))}
<p class="{hashed(b, "editor")}">{editor}</p>
</div></div>
<div class="{hashed(b, "state")}">{F.disclaimer(b, which=1)}</div>
{F.related(b, "大家都在看", dated=False)}
{F.share_bar(b)}
</div>
<div class="{hashed(b, "side")}">{F.hot_list(b, "热点资讯")}</div>
{F.copyright_footer(b, "凤凰网", "ifeng.com", 1998)}"""
    return doc(b, head, body)


def _url(host: str, shape: str) -> Callable[[random.Random, datetime, int], str]:
    def make(rng: random.Random, ts: datetime, i: int) -> str:
        return f"https://{host}" + shape.format(
            ts=ts, i=i, r=rng.randint(10**6, 10**7), h=f"{rng.getrandbits(48):012X}"
        )

    return make


FAMILIES = (
    Family("sina", "新浪-like portal article (unlabelled source link, optional split body)", sina,
           _url("news.sina.com.cn", "/s/{ts:%Y-%m-%d}/doc-inar{h}.shtml")),
    Family("netease", "网易-like portal article (editor code, IP location)", netease,
           _url("www.163.com", "/news/article/{h}0001899O.html")),
    Family("sohu", "搜狐-like self-media article (返回搜狐 line)", sohu,
           _url("www.sohu.com", "/a/{r}_{i}")),
    Family("tencent", "腾讯-like article, server-rendered body", tencent,
           _url("new.qq.com", "/rain/a/{ts:%Y%m%d}A0{r}")),
    Family("ifeng", "凤凰-like article with CSS-modules class names", ifeng,
           _url("news.ifeng.com", "/c/{h}")),
)  # fmt: skip
