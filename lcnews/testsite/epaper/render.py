"""HTML of the e-paper replica in two Founder templates: "modern" (UTF-8; h3/h1/h2 headline,
``founder-content``, photo boxes after the text, a news list) and "table" (GBK; headline rows,
``#ozoom``, photos inside the text, a title table). Both carry the ``enpproperty`` comment; a share
of articles also the second comment whose nested ``-->`` leaks its tail into the page.
"""

from __future__ import annotations

import posixpath
from html import escape

from .model import Edition, PageSpec, PrintSpec, paragraphs_of, title_of

_IND = "\u3000\u3000"


def rel(src: str, dest: str) -> str:
    """``dest`` relative to the page at ``src`` (the table template links relatively)."""
    return posixpath.relpath(dest, posixpath.dirname(src))


def _date_cn(e: Edition | PrintSpec) -> str:
    d = e.day
    return f"{d.year}年{d.month:02d}月{d.day:02d}日"


def _enp(a: PrintSpec) -> str:
    return (
        f"<!--enpproperty <articleid>{a.content_id}</articleid><date>{a.day.isoformat()}</date>"
        f"<author>{' '.join(a.authors)}</author><title>{escape(title_of(a))}</title>"
        f"<subtitle>{escape(a.subtitle)}</subtitle><introtitle>{escape(a.pretitle)}</introtitle>"
        f"<siteid>1</siteid><nodeid>{a.page_no}</nodeid><pagenum>{a.page_no:02d}</pagenum>"
        f"<papername>{a.paper.name}</papername>/enpproperty-->"
    )


def _leak(a: PrintSpec) -> str:
    if not a.leaked:
        return ""
    return (
        '<table style="display:none"><tr><td><!--enpproperty <error><!--#include virtual="/include/err.shtml" -->'
        f"</error><date>{a.day.isoformat()}</date><id>{a.page_no}</id><nodeid>{a.page_no}</nodeid>"
        f"<nodename>{a.paper.name}</nodename><url>content_{a.content_id}.html</url><siteid>1</siteid>"
        f"<title>{escape(title_of(a))}</title>/enpproperty--></td></tr></table>"
    )


def _text_paragraphs(a: PrintSpec, tag: str = "p") -> list[str]:
    paras = paragraphs_of(a)
    out = [f"<{tag}>{_IND}{escape(b)}</{tag}>" for b in a.byline]
    for i, para in enumerate(paras):
        text = a.dateline + para if i == 0 and a.dateline else para
        if i == 0 and a.continued_from:
            out.append(f"<{tag}>（上接第{a.continued_from}版）</{tag}>")
        if i == len(paras) - 1 and a.continued_to:
            text += f"（下转第{a.continued_to}版）"
        out.append(f"<{tag}>{_IND}{escape(text)}</{tag}>")
    out += [f"<{tag}>{_IND}{escape(c)}</{tag}>" for c in a.closing]
    return out


def _nav_links(a: PrintSpec, siblings: list[PrintSpec], toc: str, relative: bool = False) -> str:
    i = siblings.index(a)
    links = []

    def href(b: PrintSpec) -> str:
        return rel(a.path, b.path) if relative else b.path

    if i > 0:
        links.append(f'<a href="{href(siblings[i - 1])}">上一篇</a>')
    if i + 1 < len(siblings):
        links.append(f'<a href="{href(siblings[i + 1])}">下一篇</a>')
    links.append(f'<a href="{toc}">返回目录</a>')
    return " ".join(links)


def article_modern(a: PrintSpec, page: PageSpec) -> str:
    toc = page.path
    body = "\n".join(_text_paragraphs(a))
    photos = "".join(
        f'<div class="photo"><img src="{p.path}">'
        + (f'<p class="pic-caption">{escape(p.caption)}</p>' if p.caption else "")
        + "</div>"
        for p in a.photos
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta name="PageNumber" content="{a.page_no:02d}"><meta name="reporter" content="{" ".join(a.authors)}">
<meta name="publishdate" content="{_date_cn(a)}"><meta name="source" content="{a.paper.name}">
<title>{escape(title_of(a))}-{a.paper.name}</title></head>
<body><div class="top"><span>{a.paper.name}数字报</span> <a href="{toc}">返回目录</a>
<a href="{page.pdf_path}">PDF下载</a></div>
<div class="article">
<h3>{escape(a.pretitle)}</h3>
<h1>{escape(title_of(a))}</h1>
<h2>{escape(a.subtitle)}</h2>
<p class="sec">来源：{a.paper.name} （{_date_cn(a)} {a.page_no:02d}版）</p>
<founder-content><!--enpcontent--><!--enpcontent-->{body}<!--/enpcontent--></body></html><!--/enpcontent--></founder-content>
{photos}
</div>
<div class="pager">{_nav_links(a, page.articles, toc)}</div>
{_enp(a)}
{_leak(a)}
<!--mpproperty <founder-pagenum>{a.page_no:02d}</founder-pagenum> -->
</body></html>"""


def article_table(a: PrintSpec, page: PageSpec) -> str:
    toc = rel(a.path, page.path)
    paras = _text_paragraphs(a, "P")
    for k, p in enumerate(a.photos):
        cap = f'<tr><td class="font6">{escape(p.caption)}</td></tr>' if p.caption else ""
        src = rel(a.path, p.path)
        paras.insert(
            min(1 + 2 * k, len(paras)), f'<table align="center"><tr><td><img src="{src}"></td></tr>{cap}</table>'
        )
    body = "\n".join(paras)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{escape(title_of(a))}</title></head>
<body><table width="100%"><tr><td class="px12">第{a.page_no:02d}版：{escape(a.page_name)}</td>
<td><a href="{toc}">返回目录</a></td></tr></table>
<table width="640" align="center">
<tr><td class="font02" align="center">{escape(a.pretitle)}</td></tr>
<tr><td class="font01" align="center">{escape(title_of(a))}</td></tr>
<tr><td class="font02" align="center">{escape(a.subtitle)}</td></tr>
<tr><td><div id="ozoom"><!--enpcontent-->{body}
{_leak(a)}<!--/enpcontent--></div></td></tr></table>
<table><tr><td>{_nav_links(a, page.articles, toc, relative=True)}</td></tr></table>
{_enp(a)}
</body></html>"""


def _page_list(e: Edition, here: str | None = None) -> str:
    return "".join(f'<a href="{_to(here, p.path)}">{p.node}版：{escape(p.name)}</a> ' for p in e.pages)


def _to(here: str | None, dest: str) -> str:
    return rel(here, dest) if here else dest


def _neighbours(e: Edition, page: PageSpec, here: str | None = None) -> str:
    i = e.pages.index(page)
    out = []
    if i > 0:
        out.append(f'<a href="{_to(here, e.pages[i - 1].path)}">上一版</a>')
    if i + 1 < len(e.pages):
        out.append(f'<a href="{_to(here, e.pages[i + 1].path)}">下一版</a>')
    return " ".join(out)


def _map(page: PageSpec, here: str | None = None) -> str:
    areas = "".join(
        f'<area shape="polygon" coords="{10 * k},{10 * k},{10 * k + 90},{10 * k + 60}" href="{_to(here, a.path)}">'
        for k, a in enumerate(page.articles)
    )
    return f'<img src="/{page.paper.dir}/pc/pic/page-{page.node}.jpg" usemap="#PagePicMap"><map name="PagePicMap">{areas}</map>'


def layout_modern(e: Edition, page: PageSpec) -> str:
    items = "".join(f'<li><a href="{a.path}">{escape(title_of(a))}</a></li>' for a in page.articles)
    ad = '<div class="ad"><img src="/ad/banner.jpg" alt="广告"></div>' if page.advert else ""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{e.paper.name} {_date_cn(e)} {page.node}版：{escape(page.name)}</title></head>
<body><div class="paper-top"><span class="date">{_date_cn(e)}</span> <span>第{page.node}版：{escape(page.name)}</span>
{_neighbours(e, page)} <a href="{page.pdf_path}">PDF下载</a></div>
<div class="paper-img">{_map(page)}{ad}</div>
<ul class="news-list">{items}</ul>
<div class="page-list">{_page_list(e)}</div>
<script>document.write('<div id="calendar"></div>');</script>
</body></html>"""


def layout_table(e: Edition, page: PageSpec) -> str:
    # the title table leaves out a photo story: only the image map links it
    listed = [a for a in page.articles if a.closing == []]
    here = page.path
    rows = "".join(
        f'<tr><td><a href="{rel(here, a.path)}"><div>{escape(title_of(a))}</div></a></td></tr>' for a in listed
    )
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{e.paper.name}</title></head>
<body><table><tr><td>{_date_cn(e)}</td><td class="px12">第{page.node}版：{escape(page.name)}</td>
<td>{_neighbours(e, page, here)}</td><td><a href="{rel(here, page.pdf_path)}">本版PDF</a></td></tr></table>
<table><tr><td>{_map(page, here)}</td><td><table id="titleList">{rows}</table></td></tr></table>
<table><tr><td>{_page_list(e, here)}</td></tr></table></body></html>"""


def entry(target: str) -> str:
    return f'<html><head><meta http-equiv="refresh" content="0; url={target}"></head><body></body></html>'


def not_found() -> str:
    return "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>"
