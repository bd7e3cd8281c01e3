"""Special page kinds: WeChat article copies, a forum thread, a blog post, a picture gallery, a video page."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime
from urllib.parse import urljoin

from . import furniture as F
from .body import caption, editor_line, image_src, paragraphs
from .kit import BEIJING, Build, Family, attr, doc, esc, norm_ws
from .text import SURNAMES

HANDLES = ("老{s}说事", "{c}小{s}", "滨湖观察员", "{c}土著", "行走的{s}先生", "qinglan_{n}", "yunze{n}", "{c}百事通")


def _handle(b: Build) -> str:
    return str(b.pick(*HANDLES)).format(s=b.pick(*SURNAMES), c=b.story.city, n=b.rng.randint(1980, 2020))


def wechat(b: Build) -> str:
    account = f"{b.story.city}{b.pick('发布', '融媒', '微生活', '市场监管')}"
    shown = b.time("min")
    author = ""
    if b.chance(0.6):
        names = b.people(1)
        b.record("作者", names)
        author = f'<span class="rich_media_meta rich_media_meta_text">{esc(names[0])}</span>'
    original = (
        '<span id="copyright_logo" class="rich_media_meta meta_original_tag">原创</span>' if b.chance(0.5) else ""
    )
    b.trap("hidden_until_script")
    tail = []
    if b.chance(0.7):
        tail.append(
            b.furn(
                "来源："
                + b.set_source(
                    b.pick(f"{b.story.city}日报", f"{b.story.city}市{b.pick('教育局', '文旅局')}", "综合自新华社")
                ),
                True,
            )
        )
    for label in b.rng.sample(["编辑", "审核", "监制", "校对"], b.rng.randint(1, 3)):
        tail.append(b.furn(b.credit(label, 1, "："), True))
    ends = "".join(
        f'<p style="text-align: right;"><span style="font-size: 14px;color: #888888;">{t}</span></p>' for t in tail
    )
    ct = int(b.story.ts.replace(tzinfo=BEIJING).timestamp())
    svr = ct + b.rng.randint(86400 * 30, 86400 * 400)
    b.trap("script_unix_times")

    def wx_image(bb: Build) -> str:
        src = (
            "https://mmbiz.qpic.cn/mmbiz_jpg/"
            + image_src(bb, "", "jpg").strip("/").replace("/", "")
            + "/640?wx_fmt=jpeg"
        )
        cap = caption(bb)
        bb.images.append({"src": src, "caption": norm_ws(cap)})
        if cap:
            bb.not_body.append(norm_ws(cap))
        img = f'<p style="text-align: center;"><img class="rich_pages wxw-img" data-src="{attr(src)}" data-ratio="0.75" /></p>'
        return img + (
            f'<p style="text-align: center;"><span style="font-size: 12px;color: #888888;">{esc(cap)}</span></p>'
            if cap
            else ""
        )

    promo = [b.furn("往期推荐", True)] + [b.furn(h, True) for h in F.headline_pool(b.rng, 3) if h != b.title]
    head = b.head(b.title_tag("{t}", account),
                  f'<meta property="og:title" content="{attr(b.title)}" />\n<meta property="og:article:author" content="{attr(account)}" />')  # fmt: skip
    body = f"""<div id="js_article" class="rich_media"><div class="rich_media_inner"><div id="page-content" class="rich_media_area_primary">
<h1 class="rich_media_title" id="activity-name">
            {esc(b.title)}
</h1>
<div id="meta_content" class="rich_media_meta_list">{original}{author}
<span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a href="javascript:void(0);" id="js_name">{esc(account)}</a></span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text">{shown}</em></div>
{b.container('<div class="rich_media_content js_underline_content" id="js_content" style="visibility: hidden;">')}
{paragraphs(b, style="section", n_images=b.pick(1, 2, 3), image_fn=wx_image)}
{ends}
<section><p>{promo[0]}</p>{"".join(f"<p>{p}</p>" for p in promo[1:])}</section>
<p style="text-align: center;">{b.furn("长按识别二维码关注我们", True)}</p>
</div>
<div class="rich_media_tool" id="js_toobar3"><a id="js_view_source">{b.furn("阅读原文")}</a>
<span>{b.furn("阅读 " + str(b.rng.randint(200, 99999)))}</span><span>{b.furn("赞")}</span><span>{b.furn("在看")}</span><span>{b.furn("分享")}</span></div>
<div id="js_pc_qr_code"><p>{b.furn("微信扫一扫关注该公众号")}</p></div>
</div></div></div>
<script>var ct = "{ct}"; var svr_time = "{svr}"; var nickname = "{esc(account)}"; var msg_title = "{attr(b.title)}";</script>"""
    return doc(b, head, body, "<!DOCTYPE html>", ' class=""')


def forum(b: Build) -> str:
    site = f"{b.story.city}社区"
    user = _handle(b)
    b.record("作者", [user])
    b.trap("forum_poster")
    shown = b.time("nopad")
    pid = b.rng.randint(10**6, 10**7)
    edited = b.other_time(b.rng.uniform(0.2, 3), "nopad", trap="edit_note")
    note = b.furn(f"本帖最后由 {user} 于 {edited} 编辑", True)
    cell = paragraphs(b, style="br")
    replies = []
    for k in range(b.rng.randint(2, 4)):
        who = next(h for h in (_handle(b) for _ in range(50)) if h != user)
        when = b.other_time(b.rng.uniform(0.01, 4), "nopad")
        text = b.pick(
            "支持一下，希望早日完工。", "楼主辛苦了，消息很及时。", "我家就在附近，确实变化挺大。", "坐等后续进展。"
        )
        replies.append(f'<div id="post_{pid + k + 1}"><table class="plhin"><tr><td class="pls"><a class="xw1" href="#">{b.furn(who)}</a></td>'
                       f'<td class="plc"><em>{b.furn("发表于 " + when)}</em><strong>{b.furn(f"{k + 2}#")}</strong>'
                       f'<div class="t_fsz"><table><tr><td class="t_f" id="postmessage_{pid + k + 1}">{b.furn(text)}</td></tr></table></div></td></tr></table></div>')  # fmt: skip
    views, n_rep = b.rng.randint(100, 9999), len(replies)
    head = b.head(b.title_tag("{t} - {c} - {s} - Powered by Discuz!", site, b.pick("民生热线", "本地新闻", "城事杂谈")),
                  f'<meta name="keywords" content="{attr(b.title)}" />\n<meta name="generator" content="Discuz! X3.4" />')  # fmt: skip
    body = f"""<div id="hd">{b.furn(site)}{F.menu(b, ("门户", "论坛", "群组", "家园", "排行榜"), "nv")}</div>
<div id="pt" class="bm cl">{F.breadcrumb(b, (site, "论坛", "民生热线", "查看内容"), "", " &rsaquo; ", "z")}</div>
<div id="postlist" class="pl bm"><table cellspacing="0" cellpadding="0"><tr>
<td class="pls ptn pbn"><div class="hm ptn"><span class="xg1">{b.furn("查看:")}</span> <span class="xi1">{views}</span><span class="pipe">|</span><span class="xg1">{b.furn("回复:")}</span> <span class="xi1">{n_rep}</span></div></td>
<td class="plc ptm pbn vwthd"><h1 class="ts"><a href="forum.php?mod=forumdisplay&amp;typeid=3">{b.furn("[社区新闻]")}</a> <span id="thread_subject">{esc(b.title)}</span></h1></td></tr></table>
<div id="post_{pid}"><table id="pid{pid}" class="plhin" cellspacing="0" cellpadding="0"><tr>
<td class="pls" rowspan="2"><div class="pi"><div class="authi"><a href="space-uid-{pid % 99991}.html" class="xw1">{esc(user)}</a></div></div>
<p>{b.furn("UID " + str(pid % 99991))}</p><p>{b.furn("帖子 " + str(b.rng.randint(10, 5000)))}</p></td>
<td class="plc"><div class="pi"><strong><a href="#">{b.furn("楼主")}</a></strong><div class="pti"><div class="authi">
<em id="authorposton{pid}">发表于 {shown}</em><span class="pipe">|</span><a href="#">{b.furn("只看该作者")}</a></div></div></div>
<div class="pct"><div class="pcb"><div class="t_fsz"><table cellspacing="0" cellpadding="0"><tr>
{b.container(f'<td class="t_f" id="postmessage_{pid}">')}
<i class="pstatus"> {note} </i><br /><br />
{cell}
</td></tr></table></div></div></div>
<div class="po">{b.furn("回复 举报")}</div></td></tr></table></div>
{"".join(replies)}
</div>
{F.copyright_footer(b, site, "Powered by Discuz!", 2009)}"""
    b.trap("td_br")
    return doc(
        b,
        head,
        body,
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
    )


def blog(b: Build) -> str:
    blogger = _handle(b)
    b.record("作者", [blogger])
    b.trap("site_name_h1")
    shown = b.time("sec")
    blog_name = f"{blogger}的博客"
    a, c = b.rng.randint(10, 9999), b.rng.randint(0, 99)
    info = f"阅读({a}) 评论({c}) 收藏 转载 喜欢 打印 举报"
    head = b.head(b.title_tag("{t}_{c}_新浪博客", "新浪博客", blogger), "")
    body = f"""<div class="sinatopbar">{F.menu(b, ("新浪首页", "博客", "微博", "登录", "注册"))}</div>
<div id="blognavBg"><div class="blogtitle"><h1><span><a href="/u/{a}" class="blogtitle_a">{b.furn(blog_name)}</a></span></h1></div>
{F.menu(b, ("首页", "博文目录", "图片", "关于我"), "blognav")}</div>
<div id="column_2" class="SG_colW73"><div class="SG_conn"><div class="articalTitle">
<h2 class="titName SG_txta">{esc(b.title)}</h2><span class="time SG_txtc">({shown})</span></div>
<div class="articalTag"><table><tr><td class="blog_tag"><h3>{b.furn("标签：")}</h3><a href="#">{b.furn("民生")}</a></td>
<td class="blog_class"><span>{b.furn("分类：")}</span><a href="#">{b.furn("城市随笔")}</a></td></tr></table></div>
{b.container('<div class="articalContent newfont_family" id="sina_keyword_ad_area2">')}
{paragraphs(b, style=b.pick("div", "p", "span"), n_images=b.pick(0, 1))}
</div>
<div class="articalInfo">{b.furn(info)}</div>
<div class="articalfrontback">{F.prev_next(b)}</div></div></div>
<div id="column_1" class="SG_colW21"><div class="info_nm">{b.furn(blogger)}</div><p>{b.furn("博客等级：")}<em>{b.rng.randint(1, 20)}</em></p>
<p>{b.furn("访问量：" + str(b.rng.randint(1000, 999999)))}</p>{F.hot_list(b, "博文目录")}</div>
{F.copyright_footer(b, "新浪博客", "SINA Corporation", 1996)}"""
    return doc(b, head, body)


def gallery(b: Build) -> str:
    site = f"{b.story.city}新闻网"
    src = b.set_source(b.pick(f"{b.story.city}日报", site, f"{b.story.city}晚报"))
    shown = b.time(b.pick("min", "sec"))
    b.trap("gallery_captions")
    b.trap("time_element")
    n = b.rng.randint(4, 7)
    photos = []
    for k in range(n):
        s = image_src(b, "/pic", "jpg")
        cap = caption(b) or b.story.captions[k % len(b.story.captions)] + "。"
        b.images.append({"src": urljoin(b.url, s), "caption": norm_ws(cap)})
        b.not_body.append(norm_ws(cap))
        photos.append(
            f'<li class="pic"><img src="{s}" alt="{attr(b.title)}" /><div class="pic-desc"><span class="num">{k + 1}/{n}</span><p>{esc(cap)}</p></div></li>'
        )
    ctrl = " ".join(b.furn(t) for t in ("上一张", "下一张", "幻灯播放", "全屏", "查看原图"))
    head = b.head(b.title_tag(b.pick("{t}-图片频道-{s}", "{t}_图说_{s}", "{t}|{s}"), site), b.og(site))
    body = f"""<div class="header">{b.furn(site)}{F.menu(b, ("首页", "本地", "图片", "视频", "专题"))}</div>
<div class="photo_main"><div class="photo_title"><h1>{esc(b.title)}</h1>
<div class="photo_info"><time datetime="{b.story.ts:%Y-%m-%dT%H:%M:%S}+08:00">{shown}</time>{b.gap()}来源{b.colon()}{esc(src)}</div></div>
<div class="photo_box" id="photoBox"><ul>{"".join(photos)}</ul><div class="ctrl">{ctrl}</div></div>
{b.container('<div class="photo_text">')}
{paragraphs(b)}
</div>
<div class="photo_editor">{b.furn(editor_line(b, "bianji_paren"))}</div>
{F.related(b, "更多图集", dated=False)}</div>
{F.copyright_footer(b, site, "news.cn", 2011)}"""
    return doc(b, head, body)


def video(b: Build) -> str:
    site = f"{b.story.city}广播电视台"
    src = b.set_source(b.pick(site, f"{b.story.city}新闻联播", f"{b.story.city}融媒"))
    shown = b.time(b.pick("min", "sec", "cn"))
    b.trap("short_article_long_furniture")
    build = b.other_time(-b.rng.randint(60, 700), "slash_sec", trap="player_timestamp")
    credit = " ".join(b.credit(label, 1, "：") for label in ("记者", "摄像")) + " " + b.credit("编辑", 1, "：")
    playlist = []
    for i, h in enumerate(t for t in F.headline_pool(b.rng, 14) if t != b.title):
        when = b.other_time(-b.rng.uniform(0.5, 30), "date")
        dur = f"{b.rng.randint(0, 9):02d}:{b.rng.randint(0, 59):02d}"
        playlist.append(
            f'<li><a href="/v/{i}.shtml">{b.furn(h)}</a><span class="dur">{b.furn(dur)}</span><span class="date">{b.furn(when)}</span></li>'
        )
    b.extra["long_block"] = " ".join(b.not_body[-3 * len(playlist) :])
    head = b.head(b.title_tag(b.pick("{t}_视频_{s}", "{t} - 视频 - {s}", "{s}：{t}"), site), b.og(site))
    body = f"""<div class="header">{b.furn(site)}{F.menu(b, ("首页", "直播", "点播", "新闻", "专题", "看电视", "听广播"))}</div>
<div class="video_main"><h1 class="video_title">{esc(b.title)}</h1>
<div class="video_info"><span>{shown}</span>{b.gap()}<span>来源：{esc(src)}</span>{b.gap()}<span>{b.furn("播放：" + str(b.rng.randint(1, 99)) + "." + str(b.rng.randint(0, 9)) + "万")}</span></div>
<div class="player_box"><div id="player" data-vid="{b.rng.getrandbits(40):x}"></div>
<script>new VodPlayer({{"el":"#player","build":"{build}","autoplay":false}});</script></div>
<div class="video_brief"><p class="label">{b.furn("视频简介：")}</p>
{b.container('<div class="brief_text">')}
{paragraphs(b)}
</div><p class="credit">{b.furn(credit)}</p></div>
<div class="playlist"><h3>{b.furn("相关视频")}</h3><ul>{"".join(playlist)}</ul></div></div>
{F.copyright_footer(b, site, "tv.cn", 2012)}"""
    return doc(b, head, body)


def _url(host: str, shape: str) -> Callable[[random.Random, datetime, int], str]:
    def make(rng: random.Random, ts: datetime, i: int) -> str:
        return f"https://{host}" + shape.format(
            ts=ts, i=i, r=rng.randint(10**6, 10**7), h=f"{rng.getrandbits(64):016x}"
        )

    return make


FAMILIES = (
    Family("wechat", "WeChat article copy (rich_media, content hidden until script runs)", wechat,
           _url("mp.weixin.qq.com", "/s/{h}")),
    Family("forum", "Discuz! forum thread (post in a <td> with <br>, edit note, replies)", forum,
           _url("bbs.qlsq.net", "/thread-{r}-1-1.html"), ("gbk-meta", "utf8", "gbk-header")),
    Family("blog", "blog post (blog-name h1 before an h2 headline)", blog,
           _url("blog.sina.com.cn", "/s/blog_{h}.html")),
    Family("gallery", "picture-gallery article (captions in the slides, short lead text)", gallery,
           _url("pic.qlnews.cn", "/tushuo/{ts:%Y%m%d}/{r}.html"), n_par=(1, 2)),
    Family("video", "video article (player, short brief, long playlist)", video,
           _url("v.qltv.cn", "/news/{ts:%Y%m%d}/{r}.shtml"), n_par=(1, 2)),
)  # fmt: skip
