"""Central news portals: wire-service, party-paper, broadcaster, news-agency, daily and English-daily portals."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import datetime

from . import furniture as F
from .body import byline, dateline, editor_line, paragraphs, trailing_byline
from .kit import Build, Family, attr, doc, esc

IND = "\u3000\u3000"  # the two full-width spaces that indent a paragraph
MENU = ("首页", "时政", "国际", "财经", "社会", "科技", "文化", "体育", "图片", "视频")


def _player_script(b: Build, name: str) -> str:
    """A video player whose config carries its build time: a date that is never the publish time."""
    build = b.other_time(-b.rng.randint(40, 400), b.pick("sec", "slash_sec"), trap="player_timestamp")
    return (f'<div class="video-box" id="{name}"></div>\n<script>var {name}Cfg = {{"vid":"{b.rng.randint(10**9, 10**10)}",'
            f'"autoplay":false,"version":"5.{b.rng.randint(0, 9)}.{b.rng.randint(0, 20)}","build":"{build}"}};</script>')  # fmt: skip


def _jsonld(b: Build, site: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": b.title,
            "datePublished": b.story.ts.strftime("%Y-%m-%dT%H:%M:%S+08:00"), "publisher": {"name": site}}  # fmt: skip
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def xinhua(b: Build) -> str:
    site, ch = "新华网", b.pick("时政", "地方", "社会", "科技")
    lead = dateline(b, "xinhua") if b.chance(0.85) else ""
    src = b.set_source(b.pick("新华网", "新华社", f"{b.story.city}日报", "新华网客户端"))
    top = ""
    if not lead:
        names = b.people(2)
        b.record("记者", names)
        top = f'<p style="text-align: center;">{b.furn("新华社记者 " + " ".join(names), inside=True)}</p>'
    ts = b.story.ts
    b.time_raw(f"{ts:%Y} {ts:%m}/{ts:%d} {ts:%H:%M:%S}")
    b.trap("split_time")
    video = _player_script(b, "xhplayer") if b.chance(0.35) else ""
    end = f"<p>{F.end_mark(b)}</p>" if b.chance(0.5) else ""
    head = b.head(b.title_tag(b.pick("{t}-新华网", "{t}-新华网", "{t}_{c}_新华网"), site, ch),
                  f'<meta name="keywords" content="{attr(b.story.city)},{attr(ch)}" />\n'
                  + (f'<meta name="publishdate" content="{ts:%Y-%m-%d}" />\n' if b.chance(0.5) else "") + b.og(site))  # fmt: skip
    body = f"""{F.menu(b, MENU)}
<div class="header domPC"><div class="header-top clearfix">
<div class="header-time left">
<span class="year"><em>{ts:%Y}</em></span>
<span class="day"><em>{ts:%m}</em>/<em>{ts:%d}</em></span>
<span class="time">{ts:%H:%M:%S}</span>
</div>
<div class="source">来源：{esc(src)}</div>
{F.share_bar(b, cls="header-share")}
</div>
<div class="head-line clearfix"><h1><span class="title">{esc(b.title)}</span></h1><span class="btn-audio"></span></div>
</div>
<div class="main clearfix"><div class="main-left left">
{b.container('<div id="detail">')}
{video}
{top}
{paragraphs(b, n_images=b.pick(0, 1, 2), lead=lead)}
{end}
</div>
<div id="articleEdit"><span class="tiyi1"><a href="javascript:void(0);" class="advise">{b.furn("【纠错】")}</a></span>
<span class="editor">{b.furn(editor_line(b, "zeren_bracket"))}</span></div>
{F.qr_box(b)}
{F.related(b, "相关新闻")}
</div>
<div class="main-right right">{F.hot_list(b)}</div></div>
{F.copyright_footer(b, site, "XINHUANET.com", 2000)}"""
    return doc(b, head, body)


def people(b: Build) -> str:
    site, ch = "人民网", b.pick("时政", "地方", "社会", "经济")
    kicker = b.story.kicker if b.chance(0.4) else ""
    sub = b.story.subtitle if b.chance(0.3) else ""
    if kicker:
        b.trap("kicker")
        b.extra["kicker"] = b.furn(kicker)
    if sub:
        b.trap("subtitle")
        b.extra["subtitle"] = b.furn(sub)
    author = b.furn(byline(b, b.pick("benbao", "benbao", "wentu"))) if b.chance(0.6) else ""
    src = b.set_source(b.pick("人民网－人民日报", "人民网", "人民日报海外版", f"{b.story.city}日报"))
    shown = b.time("cn_tight")
    head = b.head(b.title_tag("{t}--{c}--人民网", site, ch),
                  f'<meta name="keywords" content="{attr(ch)}" />\n<meta name="description" content="{attr(b.paragraphs[0][:60])}" />',
                  charset_style="http-equiv")  # fmt: skip
    body = f"""<div class="top">{F.menu(b, MENU)}</div>
{F.breadcrumb(b, ("人民网", ch), sep="&gt;&gt;", cls="rwb_navpath")}
<div class="layout rm_txt cf"><div class="col col-1 fl">
<h3 class="pre">{esc(kicker)}</h3>
<h1>{esc(b.title)}</h1>
<h4 class="sub">{esc(sub)}</h4>
<p class="author">{author}</p>
<div class="channel cf"><div class="col-1-1 fl">{shown} | 来源：<a href="http://paper.example.cn/" target="_blank">{esc(src)}</a></div>
<div class="col-1-2 fr">{F.share_bar(b)}</div></div>
{b.container('<div class="rm_txt_con cf">')}
{paragraphs(b, indent="", p_attr=' style="text-indent: 2em;"', n_images=b.pick(0, 1))}
<div class="box_pic"></div>
<div class="edit cf"><em class="edit">{b.furn(editor_line(b, "zebian"), inside=True)}</em></div>
</div>
{F.qr_box(b, site="人民网")}
{F.related(b, "相关新闻")}
</div><div class="col col-2 fr">{F.hot_list(b, "图片新闻")}</div></div>
{F.copyright_footer(b, site, "people.com.cn", 1997)}"""
    return doc(b, head, body, '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
               '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">', ' xmlns="http://www.w3.org/1999/xhtml"')  # fmt: skip


def cctv(b: Build) -> str:
    site = "央视网"
    video = b.chance(0.5)
    lead = dateline(b, "cctv") if b.chance(0.6) else ""
    src = b.set_source(b.pick("央视新闻客户端", "央视网", "新闻联播", f"{b.story.city}广播电视台"))
    labelled = b.chance(0.6)
    shown = b.time("cn")
    info = (f"来源：<a href=\"#\">{esc(src)}</a>&nbsp;&nbsp;|&nbsp;&nbsp;{shown}" if labelled
            else f"<i>{esc(src)}</i><span>&nbsp;|&nbsp;</span>{shown}")  # fmt: skip
    if not labelled:
        b.trap("unlabelled_source")
    e1, e2 = b.people(2)
    b.record("编辑", [e1])
    b.record("责任编辑", [e2])
    b.not_body += [f"编辑：{e1}", f"责任编辑：{e2}"]
    head = b.head(b.title_tag(b.pick("{t}_新闻频道_央视网(cctv.com)", "{t}_央视网(cctv.com)"), site),
                  b.og(site) + '\n<meta name="spm-id" content="C94212.P4YnMod9m2uD" />')  # fmt: skip
    body = f"""{F.menu(b, ("首页", "新闻", "体育", "综艺", "直播", "片库"), "nav_top")}
{F.breadcrumb(b, ("新闻频道", "正文"), cls="nav_daohang")}
<div class="column_wrapper"><div class="col_w660">
<div class="title_area"><h1>{esc(b.title)}</h1><div class="info1">{info}</div><div class="info2">{F.share_bar(b)}</div></div>
{_player_script(b, "myFlash") if video else ""}
{b.container('<div class="content_area" id="content_area">')}
{paragraphs(b, n_images=0 if video else b.pick(0, 1, 2), lead=lead)}
</div>
<div class="zebian"><span>编辑：{esc(e1)}</span>&nbsp;<span>责任编辑：{esc(e2)}</span></div>
{F.video_strip(b) if video else F.related(b, "相关新闻")}
</div><div class="col_w300">{F.hot_list(b, "热点新闻")}</div></div>
{F.copyright_footer(b, site, "CCTV.com", 1996)}"""
    return doc(b, head, body)


def chinanews(b: Build) -> str:
    site = "中国新闻网"
    lead = dateline(b, "chinanews") if b.chance(0.85) else ""
    src = b.set_source(b.pick("中国新闻网", "中新网", f"{b.story.city}晚报"))
    shown = b.time("cn")
    end = f"<p>{IND}{F.end_mark(b)}</p>" if b.chance(0.7) else ""
    head = b.head(b.title_tag(b.pick("{t}-中新网", "{t}-中新网", "{t}_中新网"), site),
                  f'<meta name="description" content="{attr(b.paragraphs[0][:50])}" />\n'
                  f'<meta name="publishdate" content="{b.story.ts:%Y-%m-%d %H:%M:%S}" />')  # fmt: skip
    body = f"""{F.menu(b, MENU, "nav_navcon")}
<div class="con_left" id="cont_1_1_2">
{F.breadcrumb(b, ("中新网", b.pick("社会", "地方", "财经")), "", " → ", "nav_top")}
<h1 style="display:block; position:relative; text-align:center; clear:both">{esc(b.title)}</h1>
<div class="content_left_time">{shown}{b.gap()}来源：<a href="/" target="_blank">{esc(src)}</a>{b.gap()}
{F.share_bar(b)}</div>
{b.container('<div class="left_zw" style="position:relative">')}
{paragraphs(b, indent=IND, n_images=b.pick(0, 1), lead=lead)}
{end}
</div>
<div class="adEditor"><div class="left_name"><div class="left_name">{b.furn(editor_line(b, "bianji_bracket"))}</div></div></div>
{F.related(b, "相关新闻")}
</div>
<div class="con_right">{F.hot_list(b, "图片新闻")}</div>
{F.copyright_footer(b, site, "chinanews.com.cn", 1999)}"""
    return doc(b, head, body)


def gmw(b: Build) -> str:
    site = "光明网"
    pages = b.chance(0.4)
    if pages and len(b.paragraphs) > 3:
        b.paragraphs = b.paragraphs[: len(b.paragraphs) // 2 + 1]
        b.trap("multi_page")
    src = b.set_source(b.pick("光明日报", "光明网", f"{b.story.city}日报"))
    shown = b.time("min")
    author = ""
    if b.chance(0.6):
        names = b.people(b.pick(1, 2))
        b.record("记者", names)
        author = f'<span class="m-con-author">作者：本报记者 {esc("、".join(names))}</span>'
        b.not_body.append(f"作者：本报记者 {'、'.join(names)}")
    pager = (f'<div id="displaypagenum"><center><span>1</span>&nbsp;<a href="{b.url.replace(".htm", "_2.htm")}">2</a>&nbsp;'
             f'<a href="{b.url.replace(".htm", "_2.htm")}">{b.furn("下一页")}</a></center></div>') if pages else ""  # fmt: skip
    editor = b.credit("责编", 1, "：")
    head = b.head(b.title_tag("{t}_光明网", site), b.og(site))
    body = f"""{F.menu(b, ("首页", "时政", "国际", "时评", "理论", "文化", "科技", "教育"), "m-nav")}
<div class="g-main"><div class="m-con-top">
{F.breadcrumb(b, ("首页", "时政"), "当前位置：", " &gt; ", "m-breadcrumb")}
<h1 class="u-title">{esc(b.title)}</h1>
<div class="m-con-info"><span class="m-con-time">{shown}</span>{b.gap()}<span class="m-con-source">来源：<a href="#">{esc(src)}</a></span>{b.gap()}{author}</div>
</div>
{b.container('<div class="u-mainText" id="articleBox">')}
{paragraphs(b, n_images=b.pick(0, 1, 2))}
{pager}
</div>
<div class="m-zbTool liability"><span>{b.furn(f"[{editor}]")}</span></div>
{F.share_bar(b)}
{F.related(b, "相关阅读")}
{F.hot_list(b, "光明推荐")}
</div>
{F.copyright_footer(b, site, "gmw.cn", 1998)}"""
    return doc(b, head, body)


def chinadaily(b: Build) -> str:
    site = "中国日报网"
    lead = dateline(b, "chinadaily") if b.chance(0.4) else ""
    src = b.set_source(b.pick("中国日报网", "中国日报", f"{b.story.city}晚报"))
    shown = b.time("min")
    who = ""
    if b.chance(0.5):
        names = b.people(1)
        b.record("作者", names)
        who = f"作者：{names[0]}{b.gap()}"
    b.trap("meta_line_one_element")
    b.not_body.append(f"{who}来源：{src}")
    tail = trailing_byline(b) if not who and not lead and b.chance(0.5) else ""
    head = b.head(b.title_tag(b.pick("{t} - 中国日报网", "{t} - 中国日报网", "{t}_中国日报网"), site),
                  b.og(site) + "\n" + _jsonld(b, site))  # fmt: skip
    body = f"""{F.menu(b, ("首页", "资讯", "财经", "观点", "地方", "双语", "视频"), "topNav")}
<div class="main_art"><div class="main_title">
<h1 class="dabiaoti">{esc(b.title)}</h1>
<div class="fenx"><div class="xinf-le">{who}来源：{esc(src)}{b.gap()}{shown}</div><div class="xinf-ri">{F.share_bar(b)}</div></div>
</div>
{b.container('<div id="Content">')}
{paragraphs(b, n_images=b.pick(0, 1, 2), lead=lead, tail=tail)}
</div>
<div class="editor">{b.furn(editor_line(b, "zeren_bracket"))}</div>
{F.disclaimer(b, which=2)}
{F.related(b, "推荐阅读")}
</div>
{F.copyright_footer(b, site, "chinadaily.com.cn", 1995)}"""
    return doc(b, head, body)


def _url(host: str, shape: str) -> Callable[[random.Random, datetime, int], str]:
    def make(rng: random.Random, ts: datetime, i: int) -> str:
        return f"https://{host}" + shape.format(
            ts=ts, i=i, r=rng.randint(10**5, 10**6), h=f"{rng.getrandbits(40):010x}"
        )

    return make


FAMILIES = (
    Family("xinhua", "新华网-like central wire portal", xinhua,
           _url("www.news.cn", "/local/{ts:%Y%m%d}/{h}/c.html")),
    Family("people", "人民网-like party-paper portal (GB2312)", people,
           _url("sd.people.com.cn", "/n2/{ts:%Y/%m%d}/c{r}-{i}.html"), ("gbk-meta", "gbk-meta", "gbk-header", "utf8")),
    Family("cctv", "央视网-like broadcaster portal", cctv,
           _url("news.cctv.com", "/{ts:%Y/%m/%d}/ARTI{h}.shtml")),
    Family("chinanews", "中国新闻网-like news agency portal", chinanews,
           _url("www.chinanews.com.cn", "/sh/{ts:%Y/%m-%d}/{r}.shtml")),
    Family("gmw", "光明网-like daily portal (paginated)", gmw,
           _url("news.gmw.cn", "/{ts:%Y-%m/%d}/content_{r}.htm")),
    Family("chinadaily", "中国日报中文-like portal", chinadaily,
           _url("cn.chinadaily.com.cn", "/a/{ts:%Y%m}/{ts:%d}/WS{h}.html")),
)  # fmt: skip
