"""Page chrome shared by a skin's pages: head, logo, menus, breadcrumb, dated side lists, footer."""

from __future__ import annotations

from datetime import datetime

from .. import data
from ..model import ArticleSpec
from ..render import attr, esc, href
from .spec import DATE_FORMS, Skin

SITE = data.SITE_NAME


def fmt_date(ts: datetime, key: str) -> str:
    form = DATE_FORMS[key]
    return ts.strftime(form) if form else ""


def charset_tag(skin: Skin, charset: str) -> str:
    if skin.doctype == "html5":
        return f'<meta charset="{charset}">\n'
    return f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />\n'


_DOCTYPES = {
    "html5": '<!DOCTYPE html>\n<html lang="zh-CN">\n',
    "xhtml": (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">\n'
    ),
    "html4": '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n',
    "none": "<html>\n",
}


def head(skin: Skin, title: str, charset: str | None, extra: str = "") -> str:
    """Everything up to and including ``<body>``; ``charset=None`` declares none."""
    tag = charset_tag(skin, charset) if charset else ""
    viewport = (
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n' if skin.doctype == "html5" else ""
    )
    css = f"/skin/{skin.family}/css/style.css"
    return (
        _DOCTYPES[skin.doctype]
        + "<head>\n"
        + tag
        + viewport
        + f"<title>{esc(title)}</title>\n"
        + extra
        + f'<link href="{css}" rel="stylesheet" type="text/css" />\n'
        f'<script type="text/javascript" src="/skin/{skin.family}/js/common.js"></script>\n</head>\n<body>\n'
    )


def page_title(skin: Skin, title: str, channel: str) -> str:
    return skin.title_form.format(title=title, channel=channel)


def listing_title(skin: Skin, name: str) -> str:
    """A listing's or the home page's ``<title>``: the article form without its channel part."""
    form = skin.title_form
    for piece in ("-{channel}", " - {channel}", "|{channel}", "_{channel}"):
        form = form.replace(piece, "")
    if form == "{title}":
        form = "{title}_" + SITE
    return form.format(title=name)


def topbar(skin: Skin) -> str:
    if skin.topbar == "date-js":
        return (
            '<div class="topbar"><span id="today"></span><script type="text/javascript">'
            'document.getElementById("today").innerHTML = new Date().toLocaleDateString();</script> '
            '<a href="http://lcrb.lcxw.cn/" target="_blank">数字报</a> <a href="javascript:;">设为首页</a> '
            '<a href="javascript:;">加入收藏</a></div>\n'
        )
    if skin.topbar == "links":
        return (
            '<div class="topbar"><a href="javascript:;">登录</a> | <a href="javascript:;">注册</a> | '
            '<a href="mailto:liufei@lcxw.cn">投稿</a> | <a href="http://lcrb.lcxw.cn/" target="_blank">数字报</a></div>\n'
        )
    return ""


def logo(skin: Skin) -> str:
    form = skin.logo
    if form == "h1-text":
        return f'<div class="logo"><h1><a href="/">{SITE}</a></h1></div>\n'
    if form == "h1-img":
        return f'<h1 class="logo"><a href="/"><img src="/skin/{skin.family}/images/logo.gif" alt="{SITE}" /></a></h1>\n'
    if form == "div-text":
        return f'<div class="logo">{SITE}<span class="domain">www.lcxw.cn</span></div>\n'
    if form == "site-title":
        return (
            f'<div class="site-branding"><p class="site-title"><a href="/" rel="home">{SITE}</a></p>'
            '<p class="site-description">聊城权威新闻门户</p></div>\n'
        )
    return (
        f'<div class="logo"><a href="https://www.lcxw.cn/"><img src="/skin/{skin.family}/images/logo.png" '
        f'alt="{SITE}" border="0" /></a></div>\n'
    )


def menu(skin: Skin) -> str:
    blank = ' target="_blank"'
    links = [
        f'<a href="{attr(h)}"{blank if h.startswith("http://lcrb") else ""}>{esc(label)}</a>' for label, h in data.MENU
    ]
    if skin.menu == "pipes":
        out = '<div class="menu">' + " | ".join(links) + "</div>\n"
    elif skin.menu == "table":
        out = (
            '<table class="nav" width="100%" border="0" cellspacing="0" cellpadding="0"><tr>'
            + "".join(f'<td align="center">{a}</td>' for a in links)
            + "</tr></table>\n"
        )
    else:
        out = '<div class="nav"><ul>' + "".join(f"<li>{a}</li>" for a in links) + "</ul></div>\n"
    if skin.subnav:
        out += subnav()
    return out


def subnav() -> str:
    """Sub-channel names under the menu, the older 记者直击 name included."""
    items = [*data.SUBNAV["yaowen"], *data.SUBNAV["bumen"]]
    links = [
        f'<a href="/{slug}/">{data.SHENDU_OLD_NAME if slug == "yaowen/shendu" else esc(name)}</a>'
        for slug, name in items
    ]
    return '<div class="subnav">' + " | ".join(links) + "</div>\n"


def crumb(skin: Skin, channel: str, names: tuple[str, ...], ctx: str, tail: bool = True) -> str:
    """The breadcrumb element: label, home link, one link per channel name, optional tail."""
    parts = channel.split("/")
    links = [f'<a href="/">{skin.crumb_home}</a>']
    for i, name in enumerate(names):
        slug = "/".join(parts[: i + 1])
        links.append(f'<a href="{attr(href("/" + slug + "/", ctx))}">{esc(name)}</a>')
    inner = skin.crumb_label + skin.crumb_sep.join(links)
    if tail and skin.crumb_tail == "正文":
        inner += skin.crumb_sep + "正文"
    elif skin.crumb_tail == "sep":
        inner += skin.crumb_sep
    if skin.layout == "table":
        return f'<table width="100%" border="0"><tr><td class="{skin.crumb_class}">{inner}</td></tr></table>\n'
    return f'<div class="{skin.crumb_class}">{inner}</div>\n'


def dated_list(items: list[tuple[ArticleSpec, str]], key: str, ctx: str, numbered: bool = False) -> str:
    """``<li>`` items: headline link plus its date in the given DATE_FORMS form."""
    out = []
    for n, (s, title) in enumerate(items, 1):
        num = f"<em>{n}</em>" if numbered else ""
        date = fmt_date(s.ts, key)
        out.append(
            f'<li>{num}<a href="{attr(href(s.path, ctx))}" target="_blank">{esc(title)}</a>'
            + (f'<span class="time">{date}</span>' if date else "")
            + "</li>"
        )
    return "".join(out)


def sidebar(skin: Skin, items: list[tuple[ArticleSpec, str]], ctx: str) -> str:
    if skin.sidebar == "none" or not items:
        return ""
    head_text = "热点排行" if skin.sidebar == "hot" else "最新发布"
    key = skin.sidebar_dates if skin.sidebar == "hot" else "full"
    return (
        f'<div class="side"><div class="side-box"><h3>{head_text}</h3><ul>'
        f"{dated_list(items, key, ctx, numbered=skin.sidebar == 'hot')}</ul></div>"
        f'<div class="side-box"><h3>专题</h3><ul><li><a href="{data.ZHUANTI_PATH}">{data.ZHUANTI_TITLE}</a></li>'
        '<li><a href="/kandianshi/">看电视</a></li></ul></div></div>\n'
    )


def ticker(items: list[tuple[ArticleSpec, str]], ctx: str) -> str:
    if not items:
        return ""
    return (
        '<div class="scroll-news"><strong>滚动新闻：</strong><marquee scrollamount="3"><ul>'
        + dated_list(items, "full", ctx)
        + "</ul></marquee></div>\n"
    )


def footer(skin: Skin) -> str:
    links = " | ".join(
        f'<a href="/about/{slug}.html" target="_blank">{esc(t)}</a>'
        for slug, t in zip(["gywm", "ggfw", "bqsm", "lxwm", "zlcn"], data.FOOTER_LINKS, strict=True)
    )
    if skin.footer == "b":
        lines = "".join(f"{esc(x)}<br />\n" for x in data.FOOTER_B)
        return f'<div id="footer"><div class="foot_nav">{links}</div><div class="copyright">{lines}</div></div>\n'
    if skin.footer == "table":
        lines = "<br />".join(esc(x) for x in data.FOOTER_A)
        return (
            f'<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="foot">'
            f'<tr><td align="center">{links}</td></tr><tr><td align="center">{lines}</td></tr></table>\n'
        )
    if skin.footer == "compact":
        return (
            f'<div class="footer">{links}<br />Copyright &copy; 2006-2025 {SITE} All Rights Reserved<br />'
            f"{esc(data.FOOTER_A[1])}</div>\n"
        )
    lines = "".join(f"<p>{esc(x)}</p>" for x in data.FOOTER_A)
    return f'<div class="footer"><div class="footer-links">{links}</div>{lines}</div>\n'


END = "</body>\n</html>\n"
