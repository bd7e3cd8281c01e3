# Long file: every page type of the replica's templates a/b/unknown rendered in one module, kept byte for byte stable (tests hash its output).
"""HTML for every page of the replica: home, listings, articles (templates a, b, unknown) and extras.

Pure functions of the model: no I/O, no clocks, no randomness except hashes of stable keys, so the
same model always renders the same bytes. Link forms (relative, absolute on www/bare host, http or
https, protocol-relative) vary by a hash of (target, context) to exercise the crawler's URL handling.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from html import escape
from typing import cast

from . import data
from .model import TRACKING_QUERY, ArticleSpec, Content, SiteModel

TitleOf = Callable[[ArticleSpec], str]

_HOST_FORMS = ["https://www.lcxw.cn", "http://www.lcxw.cn", "//www.lcxw.cn", "http://lcxw.cn", "https://lcxw.cn"]


def esc(text: str) -> str:
    return escape(text, quote=False)


def attr(text: str) -> str:
    return escape(text, quote=True)


def href(path: str, context: str) -> str:
    """One of the link forms a real CMS emits for a site path, stable for (path, context)."""
    h = zlib.crc32(f"{context}|{path}".encode()) % 100
    if h < 62:
        return path
    return _HOST_FORMS[h % len(_HOST_FORMS)] + path


def _names_for_slug() -> dict[str, str]:
    out = {slug: names[-1] for slug, names, _ in data.ARTICLE_CHANNELS}
    out.update({p: v[0] for p, v in data.PARENT_CHANNELS.items()})
    out[data.NEIBU_CHANNEL[0]] = data.NEIBU_CHANNEL[1][-1]
    return out


CHANNEL_NAME = _names_for_slug()


# -- shared chrome --------------------------------------------------------------------------------


def menu_html(style: str) -> str:
    blank = ' target="_blank"'
    items = "".join(
        f'<li><a href="{attr(h)}"{blank if h.startswith("http://lcrb") else ""}>{esc(label)}</a></li>'
        for label, h in data.MENU
    )
    if style == "b":
        return f'<div id="menu"><ul class="menu_ul">{items}</ul></div>\n'
    if style == "unknown":
        return f'<header class="lc-top"><div class="lc-nav"><ul>{items}</ul></div></header>\n'
    return (
        '<div class="header"><div class="top-bar w1200"><a href="http://lcrb.lcxw.cn/" target="_blank">数字报</a>'
        ' <a href="javascript:;" class="app">客户端</a> <a href="mailto:liufei@lcxw.cn">投稿</a></div>'
        '<div class="logo w1200"><a href="https://www.lcxw.cn/"><img src="/static/2025/images/logo.png" alt="聊城新闻网"></a>'
        '<form class="search" action="/search/" method="get"><input type="text" name="q"><button>搜索</button></form></div>'
        f'<div class="nav"><ul class="w1200">{items}</ul></div></div>\n'
    )


def footer_html(style: str) -> str:
    links = " | ".join(
        f'<a href="/about/{slug}.html" target="_blank">{esc(t)}</a>'
        for slug, t in zip(["gywm", "ggfw", "bqsm", "lxwm", "zlcn"], data.FOOTER_LINKS, strict=False)
    )
    if style == "b":
        lines = "".join(f"{esc(x)}<br />\n" for x in data.FOOTER_B)
        return f'<div id="footer"><div class="foot_nav">{links}</div><div class="copyright">{lines}</div></div>\n'
    lines = "".join(f"<p>{esc(x)}</p>" for x in data.FOOTER_A)
    cls = "lc-foot" if style == "unknown" else "footer"
    return f'<div class="{cls}"><div class="footer-links">{links}</div>{lines}</div>\n'


def breadcrumb_inner(channel: str, names: tuple[str, ...], ctx: str) -> str:
    parts = channel.split("/")
    crumbs = []
    for i, name in enumerate(names):
        slug = "/".join(parts[: i + 1])
        crumbs.append(f'<a href="{attr(href("/" + slug + "/", ctx))}">{esc(name)}</a>')
    return '您的位置:<a href="/">首页</a>&gt;' + " &gt; ".join(crumbs) + " &gt;"


def _head(style: str, title: str, charset_tag: str, extra: str = "") -> str:
    if style == "b":
        return (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
            + charset_tag
            + f"<title>{esc(title)}</title>\n{extra}"
            '<link href="/skin/css/style.css" rel="stylesheet" type="text/css" />\n'
            '<script type="text/javascript" src="/skin/js/common.js"></script>\n</head>\n<body>\n'
        )
    css = "/assets/v3/app.css" if style == "unknown" else "/static/2025/css/base.css"
    js = "/assets/v3/app.js" if style == "unknown" else "/static/2025/js/jquery.min.js"
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n'
        + charset_tag
        + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n{extra}"
        f'<link rel="stylesheet" href="{css}">\n<script src="{js}"></script>\n</head>\n<body>\n'
    )


UTF8_META = '<meta charset="utf-8">\n'


# -- article pages --------------------------------------------------------------------------------


def charset_decl(spec: ArticleSpec, style: str) -> tuple[str, str]:
    """(meta tag, Content-Type header) for an article page."""
    mode = spec.charset_mode
    if mode == "gbk-header":
        return "", "text/html; charset=gbk"
    if mode == "gbk-none":
        return "", "text/html"
    if mode == "gbk-meta":
        tag = (
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />\n'
            if style == "b"
            else '<meta charset="gb2312">\n'
        )
        return tag, "text/html"
    if style == "b":
        return '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n', "text/html"
    return UTF8_META, "text/html; charset=utf-8"


def _entities(text: str) -> str:
    # The older CMS stored curly quotes and dashes as named entities.
    return esc(text).replace("“", "&ldquo;").replace("”", "&rdquo;").replace("—", "&mdash;").replace("…", "&hellip;")


def _img_src(path: str, spec: ArticleSpec, style: str, k: int) -> str:
    if style == "b":
        if k % 2:
            return "//www.lcxw.cn" + path
        depth = spec.path.count("/") - 1  # directory depth of the article's own (primary) path
        return "../" * depth + path.lstrip("/")
    return data.ORIGIN + path if k % 2 == 0 else path


_EMPTY_PARA = {"a": "<p><br/></p>", "b": "<p>　　</p>", "unknown": "<p>&nbsp;</p>"}


def _body_html(spec: ArticleSpec, content: Content, style: str) -> str:
    out: list[str] = []
    k = 0
    # Editors leave empty paragraphs behind; the clean body drops them.
    empty_after = 2 if spec.article_id % 4 == 0 else -1
    for n, b in enumerate(content.blocks):
        if n == empty_after:
            out.append(_EMPTY_PARA[style])
        if b.kind == "img":
            src = attr(_img_src(b.src, spec, style, k))
            k += 1
            if style == "a":
                cap = f"<figcaption>{esc(b.caption)}</figcaption>" if b.caption else ""
                out.append(f'<figure class="pic"><img src="{src}" alt="">{cap}</figure>')
            elif style == "b":
                out.append(f'<p align="center"><img src="{src}" border="0" /></p>')
                if b.caption:
                    out.append(f'<p align="center">{_entities(b.caption)}</p>')
            else:
                cap = f"<span>{esc(b.caption)}</span>" if b.caption else ""
                out.append(f'<div class="lc-read__img"><img src="{src}" alt="">{cap}</div>')
            continue
        if style == "b":
            inner = _entities(b.text)
            inner = f"<strong>{inner}</strong>" if b.strong else "　　" + inner
            out.append(f"<p>{inner}</p>")
        elif style == "a":
            inner = esc(b.text)
            inner = f"<strong>{inner}</strong>" if b.strong else inner
            out.append(f'<p style="text-indent: 2em;">{inner}</p>' if b.kind == "p" else f"<p>{inner}</p>")
        else:
            inner = esc(b.text)
            out.append(f"<p><b>{inner}</b></p>" if b.strong else f"<p>{inner}</p>")
    return "\n".join(out) + "\n"


def _related_html(related: list[tuple[ArticleSpec, str]], style: str, ctx: str) -> str:
    cls = "lc-more__t" if style == "unknown" else "time"  # the unknown skin must not hit profile selectors
    lis = "".join(
        f'<li><a href="{attr(href(s.path, ctx))}" target="_blank">{esc(t)}</a>'
        f'<span class="{cls}">{s.published_raw}</span></li>'
        for s, t in related
    )
    if style == "b":
        return (
            f'<div class="xgtj"><div class="xgtj_t">相关推荐</div><ul>{lis}</ul></div>\n'
            '<div class="pinglun"><div class="pl_t">网友评论</div><div id="SOHUCS"></div></div>\n'
        )
    if style == "unknown":
        return (
            f'<div class="lc-more"><div class="lc-more__hd">相关推荐</div><ul>{lis}</ul></div>\n'
            '<div class="lc-cmt"><div class="lc-cmt__hd">网友评论</div></div>\n'
        )
    return (
        f'<div class="related"><div class="hd"><h3>相关推荐</h3></div><ul>{lis}</ul></div>\n'
        '<div class="comment"><div class="hd"><h3>网友评论</h3></div><div id="SOHUCS"></div></div>\n'
    )


def render_article(spec: ArticleSpec, content: Content, related: list[tuple[ArticleSpec, str]]) -> tuple[str, str]:
    """(html, content type) of an article page in the spec's template."""
    style = spec.template
    meta_tag, ctype = charset_decl(spec, style)
    ctx = f"a{spec.article_id}"
    crumb = breadcrumb_inner(spec.channel, spec.channel_names, ctx)
    meta_text = f"来源:{esc(content.source)}&nbsp;&nbsp;{spec.published_raw}"
    body = _body_html(spec, content, style)
    rel = _related_html(related, style, ctx)
    ed = esc(content.editor_line)
    if style == "a":
        head = _head(
            "a",
            f"{content.title}_聊城新闻网",
            meta_tag,
            f'<meta name="keywords" content="聊城,聊城新闻网,{attr(spec.channel_names[-1])}">\n'
            f'<meta name="description" content="{attr(content.title)}">\n',
        )
        editor = f'<p class="editor">{ed}</p>\n' if ed else ""
        return (
            head + menu_html("a") + f'<div class="main w1200 clearfix">\n<div class="position">{crumb}</div>\n'
            '<div class="article-left">\n'
            f'<h1 class="article-title">{esc(content.title)}</h1>\n'
            f'<div class="article-info"><span class="source">来源:{esc(content.source)}</span>&nbsp;&nbsp;'
            f'<span class="time">{spec.published_raw}</span></div>\n'
            '<div class="article-tools"><span class="fontsize"><a href="javascript:;" class="font-big">A+</a>'
            '<a href="javascript:;" class="font-small">A-</a></span><span class="share"><em>分享</em>'
            '<a href="javascript:;" class="share-wx"></a><a href="javascript:;" class="share-wb"></a></span></div>\n'
            f'<div class="article-content" id="article-content">\n{body}{editor}</div>\n'
            f"{rel}</div>\n"
            '<div class="article-right"><div class="hd">专题</div><ul>'
            f'<li><a href="{data.ZHUANTI_PATH}">{data.ZHUANTI_TITLE}</a></li>'
            '<li><a href="/kandianshi/">看电视</a></li></ul></div>\n</div>\n' + footer_html("a") + "</body>\n</html>\n"
        ), ctype
    if style == "b":
        head = _head("b", f"{content.title}-聊城新闻网", meta_tag)
        editor = f'<div class="bianji" align="right">{ed}</div>\n' if ed else ""
        return (
            head + '<div id="top"><div class="topnav"><a href="http://lcrb.lcxw.cn/" target="_blank">数字报</a> | '
            '<a href="javascript:void(0)">设为首页</a></div></div>\n'
            '<div id="logo"><a href="http://www.lcxw.cn/"><img src="/skin/images/logo.gif" border="0" /></a></div>\n'
            + menu_html("b")
            + '<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">\n'
            f'<tr><td class="weizhi">{crumb}</td></tr>\n</table>\n'
            '<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">\n<tr>\n'
            '<td width="690" valign="top" class="left">\n'
            f'<div class="content-title">{esc(content.title)}</div>\n'
            f'<div class="info">{meta_text}</div>\n'
            '<div class="fontsize"><a href="javascript:fontZoom(16)">A+</a><a href="javascript:fontZoom(14)">A-</a></div>\n'
            '<div class="bdsharebuttonbox"><span>分享到:</span><a href="#" class="bds_weixin" data-cmd="weixin"></a></div>\n'
            f'<div id="zoom" class="TRS_Editor">\n{body}</div>\n{editor}{rel}'
            '</td>\n<td width="300" valign="top" class="right">'
            f'<div class="r_box"><a href="{data.ZHUANTI_PATH}">{data.ZHUANTI_TITLE}</a></div></td>\n'
            "</tr>\n</table>\n" + footer_html("b") + "</body>\n</html>\n"
        ), ctype
    head = _head("unknown", f"{content.title}_聊城新闻网", meta_tag)
    editor = f"<p>{ed}</p>\n" if ed else ""
    return (
        head
        + menu_html("unknown")
        + f'<main class="lc-page">\n<div class="lc-path">{crumb}</div>\n<section class="lc-read">\n'
        f'<div class="lc-read__hd"><div class="lc-read__tt">{esc(content.title)}</div>\n'
        f'<div class="lc-read__sub"><span>来源:{esc(content.source)}</span>&nbsp;&nbsp;<span>{spec.published_raw}</span></div>\n'
        '<div class="lc-read__tool"><i>A+</i><i>A-</i><i>分享</i></div></div>\n'
        f'<div class="lc-read__bd">\n{body}{editor}</div>\n{rel}</section>\n</main>\n'
        + footer_html("unknown")
        + "</body>\n</html>\n"
    ), ctype


# -- listings and the home page -------------------------------------------------------------------


def page_count(n_items: int, size: int) -> int:
    return max(1, math.ceil(n_items / size))


def listing_page_href(channel: str, page: int) -> str:
    old = channel in data.OLD_LISTING_CHANNELS
    if channel in data.QUERY_PAGED_CHANNELS:
        return f"/{channel}/" if page == 1 else f"?page={page}"
    if page == 1:
        return "index.html" if old else f"/{channel}/"
    return f"index_{page}.html"


def _pager(channel: str, page: int, pages: int) -> str:
    if pages == 1:
        return ""
    h = lambda p: attr(listing_page_href(channel, p))  # noqa: E731
    parts = [f'<a href="{h(1)}">首页</a>']
    if page > 1:
        parts.append(f'<a href="{h(page - 1)}">上一页</a>')
    lo = max(1, min(page - 4, pages - 9))
    for p in range(lo, min(pages, lo + 9) + 1):
        parts.append(f'<span class="current">{p}</span>' if p == page else f'<a href="{h(p)}">{p}</a>')
    if page < pages:
        parts.append(f'<a href="{h(page + 1)}" class="next">下一页</a>')
    parts.append(f'<a href="{h(pages)}">尾页</a><span class="total">共{pages}页</span>')
    return '<div class="pages">' + " ".join(parts) + "</div>\n"


def _item_href(path: str, channel: str, ctx: str) -> str:
    # Older listings often use document-relative links for their own channel's articles.
    if channel in data.OLD_LISTING_CHANNELS and path.startswith(f"/{channel}/") and zlib.crc32(path.encode()) % 3 == 0:
        return "./" + path[len(channel) + 2 :]
    return href(path, ctx)


def render_listing(model: SiteModel, channel: str, page: int, title_of: TitleOf) -> str:
    entries = model.listings.get(channel, [])
    size = model.page_size
    pages = page_count(len(entries), size)
    chunk = entries[(page - 1) * size : page * size]
    old = channel in data.OLD_LISTING_CHANNELS
    ctx = f"l{channel}"
    names = tuple(CHANNEL_NAME["/".join(channel.split("/")[: i + 1])] for i in range(channel.count("/") + 1))
    name = names[-1]
    items = []
    for i, (aid, path) in enumerate(chunk):
        spec = model.by_id[aid]
        t = esc(title_of(spec))
        link = attr(_item_href(path, channel, ctx))
        if old:
            items.append(f'<li><a href="{link}" target="_blank">{t}</a><span>[{spec.ts:%m-%d}]</span></li>')
        else:
            extra = f' <a href="{link}#comment" class="cmt">评论</a>' if i == 0 else ""
            items.append(
                f'<li><a href="{link}" class="title" target="_blank">{t}</a>{extra}'
                f'<span class="date">{spec.ts:%Y-%m-%d}</span></li>'
            )
    subnav = ""
    if channel.split("/", maxsplit=1)[0] in data.SUBNAV:
        sub = data.SUBNAV[channel.split("/", maxsplit=1)[0]]
        subnav = (
            '<div class="subnav">'
            + "".join(f'<a href="{attr(href("/" + s + "/", ctx))}">{esc(n)}</a>' for s, n in sub)
            + "</div>\n"
        )
    focus = side = ""
    if page == 1 and chunk:
        # The newest item is also the focus picture: the same link twice on one page.
        aid, path = chunk[0]
        focus = (
            f'<div class="focus"><a href="{attr(_item_href(path, channel, ctx))}">'
            f'<img src="/static/2025/images/focus.jpg" alt="{attr(title_of(model.by_id[aid]))}"></a></div>\n'
        )
    if channel == "yaowen" and page == 1:
        side = _wechat_box(model, title_of, "lyaowen")
    style = "b" if old else "a"
    head = _head(
        style,
        f"{name}_聊城新闻网" if style == "a" else f"{name}-聊城新闻网",
        UTF8_META if style == "a" else '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n',
    )
    crumb = breadcrumb_inner(channel, names, ctx)
    lst = "".join(items)
    if old:
        body = f'<div class="weizhi">{crumb}</div>\n{subnav}{focus}<div id="newsList"><ul>{lst}</ul></div>\n'
    else:
        body = (
            f'<div class="position">{crumb}</div>\n{subnav}{focus}'
            f'<div class="list-box"><ul class="news-list">{lst}</ul></div>\n'
        )
    return (
        head
        + menu_html(style)
        + f'<div class="main w1200">\n{body}{_pager(channel, page, pages)}{side}</div>\n'
        + footer_html(style)
        + "</body>\n</html>\n"
    )


def _public(model: SiteModel) -> list[ArticleSpec]:
    return [s for s in reversed(model.articles) if s.reachable and s.kind != "ghost"]


def _wechat_box(model: SiteModel, title_of: TitleOf, ctx: str) -> str:
    path = str(model.traps["tracking_duplicate"])
    spec = model.by_path[path.split("?", maxsplit=1)[0]]
    return (
        f'<div class="wechat-hot"><div class="hd">微信热文</div><ul><li><a href="{attr(href(path, ctx))}">'
        f"{esc(title_of(spec))}</a></li></ul></div>\n"
    )


def render_home(model: SiteModel, title_of: TitleOf) -> str:
    public = _public(model)
    ctx = "home"
    top = "".join(f'<li><a href="{attr(href(s.path, ctx))}">{esc(title_of(s))}</a></li>' for s in public[:6])
    blocks = []
    for label, h in data.MENU:
        slug = h.split("lcxw.cn", 1)[-1].strip("/") if "lcrb" not in h else ""
        if slug not in model.listings:
            continue
        entries = [
            (aid, p)
            for aid, p in model.listings[slug]
            if model.by_id[aid].reachable and model.by_id[aid].kind != "ghost"
        ][:6]
        lis = "".join(
            f'<li><a href="{attr(href(p, ctx))}">{esc(title_of(model.by_id[aid]))}</a>'
            f"<span>{model.by_id[aid].ts:%m-%d}</span></li>"
            for aid, p in entries
        )
        blocks.append(
            f'<div class="ch-block"><div class="hd"><a href="{attr(h)}">{esc(label)}</a>'
            f'<a href="{attr(h)}" class="more">更多&gt;&gt;</a></div><ul>{lis}</ul></div>'
        )
    old_path, target = cast("tuple[str, str]", model.traps["redirect"])
    old_title = title_of(model.by_path[target])
    offsite = "".join(f'<a href="{attr(u)}" target="_blank">{esc(n)}</a>' for n, u in data.OFFSITE_LINKS)
    head = _head(
        "a",
        "聊城新闻网_聊城权威新闻门户",
        UTF8_META,
        '<meta name="keywords" content="聊城,聊城新闻,聊城新闻网">\n<link rel="shortcut icon" href="/favicon.ico">\n',
    )
    return (
        head + '<a name="top"></a>\n' + menu_html("a") + '<div class="main w1200">\n'
        f'<div class="headline"><ul>{top}</ul></div>\n'
        + "\n".join(blocks)
        + "\n"
        + _wechat_box(model, title_of, ctx)
        + f'<div class="review"><div class="hd">往期回顾</div><a href="{attr(old_path)}">{esc(old_title)}</a></div>\n'
        f'<div class="zhuanti"><a href="{href(data.ZHUANTI_PATH, ctx)}"><img src="/static/2025/images/zt2025.jpg" alt="">'
        f"{data.ZHUANTI_TITLE}</a></div>\n"
        '<div class="search-hot"><a href="/search/?q=%E8%81%8A%E5%9F%8E">搜索:聊城</a></div>\n'
        f'<div class="friend-links"><div class="hd">友情链接</div>{offsite}</div>\n'
        '<a href="#top" class="gotop">返回顶部</a>\n</div>\n' + footer_html("a") + "</body>\n</html>\n"
    )


def render_zhuanti(model: SiteModel, title_of: TitleOf) -> str:
    picks = _public(model)[::7][:8]
    lis = "".join(f'<li><a href="{attr(href(s.path, "zt"))}">{esc(title_of(s))}</a></li>' for s in picks)
    return (
        _head("a", f"{data.ZHUANTI_TITLE}_聊城新闻网", UTF8_META)
        + menu_html("a")
        + f'<div class="zt-main"><h2>{data.ZHUANTI_TITLE}</h2><ul>{lis}</ul>'
        f'<a href="{data.ZHUANTI_PATH}index_2.html">更多</a></div>\n' + footer_html("a") + "</body>\n</html>\n"
    )


def render_live(path: str) -> str:
    label, stream = data.LIVE_PAGES[path]
    return (
        _head("a", f"{label}_聊城新闻网", UTF8_META)
        + menu_html("a")
        + f'<div class="live"><h2>{label}</h2><video id="player" controls autoplay>'
        f'<source src="{stream}" type="application/x-mpegURL"></video>'
        f'<script>var hls_src = "{stream}";</script></div>\n' + footer_html("a") + "</body>\n</html>\n"
    )


def render_simple(title: str, text: str) -> str:
    return (
        _head("a", f"{title}_聊城新闻网", UTF8_META)
        + menu_html("a")
        + f'<div class="main w1200"><h2>{esc(title)}</h2><p>{esc(text)}</p></div>\n'
        + footer_html("a")
        + "</body>\n</html>\n"
    )


def render_error(status: int) -> str:
    msg = {404: "404 页面不存在", 410: "410 该稿件已删除", 500: "500 服务器内部错误"}.get(status, str(status))
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>' + msg + "</title></head>"
        f'<body><h2>{msg}</h2><p><a href="/">返回首页</a></p></body></html>\n'
    )


def robots_txt() -> str:
    lines = ["User-agent: *"] + [f"Disallow: {p}" for p in data.ROBOTS_DISALLOWED] + [""]
    return "\n".join(lines)


def live_playlist(path: str) -> str:
    name = path.rsplit("/", 1)[-1].replace(".m3u8", "")
    return (
        "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:1024\n"
        f"#EXTINF:10.0,\n{name}-1024.ts\n#EXTINF:10.0,\n{name}-1025.ts\n"
    )


# Re-exported for the site module: tracking query appended to one listed article.
__all__ = [
    "CHANNEL_NAME",
    "TRACKING_QUERY",
    "live_playlist",
    "page_count",
    "render_article",
    "render_error",
    "render_home",
    "render_listing",
    "render_live",
    "render_simple",
    "render_zhuanti",
    "robots_txt",
]
