"""Listing pages, their pagination forms, and the home page of a skin.

Pagination forms (``Skin.pager``), page 1 always also at ``/{channel}/``:
  index1  index.html, index_2.html, index_3.html ...      (DedeCMS/EmpireCMS static pages)
  index0  index.html, index_1.html, index_2.html ...      (TRS WCM: the second page is index_1.html)
  list    list_1.html, list_2.html ...                    (DedeCMS list_N)
  num     index.html, 2.html, 3.html ...                  (PHPCMS)
  query   /{channel}/?page=2 ...
``pager_js`` adds a JavaScript pager call; plain links are always present beside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

from .. import data
from ..model import ArticleSpec, Content, SiteModel
from ..render import CHANNEL_NAME, attr, esc, href, page_count
from . import chrome
from .content import summary
from .spec import Skin

TitleOf = Callable[[ArticleSpec], str]
ContentOf = Callable[[ArticleSpec], Content]

_FILE = re.compile(r"^(?:index|list)(?:_(\d+))?\.html$|^(\d+)\.html$")


def page_href(skin: Skin, channel: str, page: int) -> str:
    form = skin.pager
    if form == "query":
        return f"/{channel}/" if page == 1 else f"?page={page}"
    if form == "list":
        return f"list_{page}.html"
    if page == 1:
        return "index.html"
    if form == "index0":
        return f"index_{page - 1}.html"
    if form == "num":
        return f"{page}.html"
    return f"index_{page}.html"


def parse_page(skin: Skin, file: str | None, query_page: str | None) -> int | None:
    """The page number a listing request names, or None when the form does not exist in this skin."""
    if skin.pager == "query":
        if file not in (None, "index.html"):
            return None
        raw = query_page or "1"
        return int(raw) if raw.isdigit() else 1
    if file in (None, "index.html"):
        return 1
    m = _FILE.match(file)
    if not m:
        return None
    n = int(m.group(1) or m.group(2) or 0)
    kind = "num" if m.group(2) else ("list" if file.startswith("list") else "index")
    if kind == "num":
        return n if skin.pager == "num" and n >= 2 else None
    if kind == "list":
        return n if skin.pager == "list" and n >= 1 else None
    if skin.pager == "index0":
        return n + 1 if n >= 1 else None
    return n if skin.pager == "index1" and n >= 2 else None


def pager(skin: Skin, channel: str, page: int, pages: int) -> str:
    if pages == 1:
        return ""

    def h(p: int) -> str:
        return attr(page_href(skin, channel, p))

    parts = [f'<a href="{h(1)}">首页</a>']
    if page > 1:
        parts.append(f'<a href="{h(page - 1)}">上一页</a>')
    if skin.pager_style == "numbers":
        lo = max(1, min(page - 4, pages - 9))
        for p in range(lo, min(pages, lo + 9) + 1):
            parts.append(f'<span class="current">{p}</span>' if p == page else f'<a href="{h(p)}">{p}</a>')
    elif skin.pager_style == "select":
        opts = "".join(
            f'<option value="{h(p)}"{" selected" if p == page else ""}>第{p}页</option>' for p in range(1, pages + 1)
        )
        parts.append(
            f'<select name="sldd" onchange="location.href=this.options[this.selectedIndex].value;">{opts}</select>'
        )
    else:
        parts.append(f"<span>第{page}页/共{pages}页</span>")
    if page < pages:
        parts.append(f'<a href="{h(page + 1)}" class="next">{skin.next_text}</a>')
    parts.append(f'<a href="{h(pages)}">尾页</a>')
    plain = '<div class="pages">' + " ".join(parts) + "</div>\n"
    if not skin.pager_js:
        return plain
    base = {
        "index0": ("index", "html"),
        "list": ("list", "html"),
        "num": ("", "html"),
        "query": ("?page=", ""),
        "index1": ("index", "html"),
    }[skin.pager]
    return (
        f'<div class="page-js"><script type="text/javascript">createPageHTML({pages}, {page - 1}, "{base[0]}", '
        f'"{base[1]}");</script></div>\n' + plain
    )


def _items(
    skin: Skin, model: SiteModel, entries: list[tuple[int, str]], title_of: TitleOf, content_of: ContentOf, ctx: str
) -> str:
    rows = []
    for i, (aid, path) in enumerate(entries):
        spec = model.by_id[aid]
        t, link = esc(title_of(spec)), attr(href(path, ctx))
        date = chrome.fmt_date(spec.ts, skin.listing_dates)
        if skin.listing == "table":
            rows.append(
                f'<tr><td class="list_t">·<a href="{link}" target="_blank">{t}</a></td>'
                f'<td class="list_d" align="right">{date}</td></tr>'
            )
        elif skin.listing == "cards":
            teaser = "" if spec.kind == "ghost" else esc(summary(content_of(spec)))
            rows.append(
                f'<div class="news-item"><h3><a href="{link}" target="_blank">{t}</a></h3>'
                f'<p class="intro">{teaser}</p><div class="time">{date}</div></div>'
            )
        elif skin.listing == "ul-date-first":
            rows.append(f'<li><span class="rt">{date}</span>·<a href="{link}" target="_blank">{t}</a></li>')
        elif skin.listing == "ul-nodate":
            rows.append(f'<li><a href="{link}" target="_blank">{t}</a></li>')
        else:
            extra = f' <a href="{link}#comment" class="cmt">评论</a>' if i == 0 else ""
            rows.append(f'<li><a href="{link}" target="_blank">{t}</a>{extra}<span class="date">{date}</span></li>')
    inner = "".join(rows)
    if skin.listing == "table":
        return f'<table class="list" width="100%" border="0" cellspacing="0" cellpadding="0">{inner}</table>\n'
    if skin.listing == "cards":
        return f'<div class="news-list">{inner}</div>\n'
    return f'<div class="list-box"><ul class="news-list">{inner}</ul></div>\n'


def _wechat_hot(model: SiteModel, title_of: TitleOf, ctx: str) -> str:
    path = str(model.traps["tracking_duplicate"])
    spec = model.by_path[path.split("?", maxsplit=1)[0]]
    return (
        f'<div class="wechat-hot"><h3>微信热文</h3><ul><li><a href="{attr(href(path, ctx))}">'
        f"{esc(title_of(spec))}</a></li></ul></div>\n"
    )


def _charset(skin: Skin) -> str:
    return "gb2312" if skin.charset == "gbk" else "utf-8"


def render_listing(
    skin: Skin, model: SiteModel, channel: str, page: int, title_of: TitleOf, content_of: ContentOf
) -> str:
    entries = model.listings.get(channel, [])
    size = model.page_size
    pages = page_count(len(entries), size)
    chunk = entries[(page - 1) * size : page * size]
    ctx = f"k{channel}"
    names = tuple(CHANNEL_NAME["/".join(channel.split("/")[: i + 1])] for i in range(channel.count("/") + 1))
    top = channel.split("/", maxsplit=1)[0]
    subnav = ""
    if top in data.SUBNAV:
        subnav = (
            '<div class="subnav">'
            + " ".join(f'<a href="{attr(href("/" + s + "/", ctx))}">{esc(n)}</a>' for s, n in data.SUBNAV[top])
            + "</div>\n"
        )
    focus = ""
    if page == 1 and chunk:
        aid, path = chunk[0]  # the newest item is also the focus picture: one link twice on a page
        focus = (
            f'<div class="focus"><a href="{attr(href(path, ctx))}"><img src="/static/images/focus.jpg" '
            f'alt="{attr(title_of(model.by_id[aid]))}" /></a></div>\n'
        )
    side = _wechat_hot(model, title_of, ctx) if channel == "yaowen" and page == 1 else ""
    body = (
        chrome.crumb(skin, channel, names, ctx, tail=False)
        + subnav
        + focus
        + _items(skin, model, chunk, title_of, content_of, ctx)
        + pager(skin, channel, page, pages)
        + side
    )
    return (
        chrome.head(skin, chrome.listing_title(skin, names[-1]), _charset(skin))
        + chrome.topbar(skin)
        + chrome.logo(skin)
        + chrome.menu(skin)
        + f'<div class="main">\n{body}</div>\n'
        + chrome.footer(skin)
        + chrome.END
    )


def _public(model: SiteModel) -> list[ArticleSpec]:
    return [s for s in reversed(model.articles) if s.reachable and s.kind != "ghost"]


def render_home(skin: Skin, model: SiteModel, title_of: TitleOf) -> str:
    """The home page: newest headlines, a block per menu channel, the same traps as the default home."""
    ctx = "shome"
    public = _public(model)
    top = chrome.dated_list([(s, title_of(s)) for s in public[:6]], "none", ctx)
    blocks = []
    for label, h in data.MENU:
        slug = h.split("lcxw.cn", 1)[-1].strip("/") if "lcrb" not in h else ""
        if slug not in model.listings:
            continue
        entries = [
            model.by_id[aid]
            for aid, _ in model.listings[slug]
            if model.by_id[aid].reachable and model.by_id[aid].kind != "ghost"
        ][:6]
        lis = chrome.dated_list([(s, title_of(s)) for s in entries], skin.listing_dates, ctx)
        blocks.append(
            f'<div class="ch-block"><div class="hd"><a href="{attr(h)}">{esc(label)}</a>'
            f'<a href="{attr(h)}" class="more">更多&gt;&gt;</a></div><ul>{lis}</ul></div>'
        )
    old_path, target = cast("tuple[str, str]", model.traps["redirect"])
    offsite = "".join(f'<a href="{attr(u)}" target="_blank">{esc(n)}</a> ' for n, u in data.OFFSITE_LINKS)
    body = (
        f'<div class="headline"><ul>{top}</ul></div>\n'
        + "\n".join(blocks)
        + "\n"
        + _wechat_hot(model, title_of, ctx)
        + f'<div class="review"><h3>往期回顾</h3><a href="{attr(old_path)}">{esc(title_of(model.by_path[target]))}</a></div>\n'
        + f'<div class="zhuanti"><a href="{href(data.ZHUANTI_PATH, ctx)}">{data.ZHUANTI_TITLE}</a></div>\n'
        + f'<div class="friend-links"><h3>友情链接</h3>{offsite}</div>\n'
    )
    return (
        chrome.head(skin, f"{chrome.SITE}_聊城权威新闻门户", _charset(skin))
        + chrome.topbar(skin)
        + chrome.logo(skin)
        + chrome.menu(skin)
        + f'<div class="main">\n{body}</div>\n'
        + chrome.footer(skin)
        + chrome.END
    )
