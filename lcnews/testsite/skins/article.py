"""An article page in a skin: headline, meta line, body container, editor line and furniture.

Pure: the page is a function of (skin, article, content, the neighbouring articles it lists, a
per-article generator). The clean body, bylines, captions and editors are exactly those of the
content handed in (see ``content.restyle``); nothing rendered here is body text except the blocks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .. import data
from ..model import ArticleSpec, Block, Content
from ..render import attr, esc, href
from . import chrome
from .content import editor_lines, kicker, summary
from .spec import Skin

Item = tuple[ArticleSpec, str]  # (article, its title)

PLAYER_SCRIPT = (
    '<script type="text/javascript">var LC_PLAYER = {build: "2023-10-15 09:30:00", '
    'swf: "/skin/player/ckplayer.swf"};</script>\n'
)


@dataclass
class Neighbours:
    """Other articles the page lists (all published before it, so the page never changes later)."""

    related: list[Item]
    side: list[Item]
    ticker: list[Item]


def _entities(skin: Skin, text: str) -> str:
    out = esc(text)
    if skin.entities:
        out = out.replace("“", "&ldquo;").replace("”", "&rdquo;").replace("—", "&mdash;").replace("…", "&hellip;")
    return out


# -- body ---------------------------------------------------------------------------------------


def _strong(skin: Skin, inner: str) -> str:
    if skin.strong == "b":
        return f"<b>{inner}</b>"
    if skin.strong == "span-bold":
        return f'<span style="font-weight: bold;">{inner}</span>'
    return f"<strong>{inner}</strong>"


def para(skin: Skin, b: Block) -> str:
    """One text block in the skin's paragraph form (text content = the block's text)."""
    if b.strong:
        inner = _strong(skin, _entities(skin, b.text))
        return (
            f"{inner}<br />\n<br />"
            if skin.para == "br"
            else (f"<div>{inner}</div>" if skin.para == "div" else f"<p>{inner}</p>")
        )
    inner = _entities(skin, b.text)
    form = skin.para
    if form == "p-indent":
        return f'<p style="text-indent: 2em;">{inner}</p>'
    if form == "p-u3000":
        return f"<p>\u3000\u3000{inner}</p>"
    if form == "p-nbsp":
        return f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{inner}</p>"
    if form == "div":
        return f"<div>\u3000\u3000{inner}</div>"
    if form == "br":
        return f"\u3000\u3000{inner}<br />\n<br />"
    if form == "font-span":
        cut = b.text.find("。") + 1
        if 0 < cut < len(b.text):
            inner = (
                f'<span style="line-height: 2;">{_entities(skin, b.text[:cut])}</span>'
                f"<span>{_entities(skin, b.text[cut:])}</span>"
            )
        return f'<p><font face="宋体" size="3">{inner}</font></p>'
    if form == "mso":
        return (
            f'<p class="MsoNormal" style="text-indent: 24pt; line-height: 150%;"><span style="font-family: 宋体; '
            f'font-size: 12pt;">{inner}</span><span lang="EN-US"><o:p></o:p></span></p>'
        )
    return f"<p>{inner}</p>"


def _img_src(skin: Skin, spec: ArticleSpec, path: str, k: int) -> str:
    form = skin.img_src
    if form == "mixed":
        form = "abs" if k % 2 == 0 else "root"
    if form == "abs":
        return data.ORIGIN + path
    if form == "rel":
        return "../" * (spec.path.count("/") - 1) + path.lstrip("/")
    return path


def image(skin: Skin, src: str, caption: str) -> str:
    """An image and its caption; the caption is the text shown for it (for alt/title: the attribute)."""
    s, cap = attr(src), _entities(skin, caption)
    form = skin.image
    if form == "figure":
        figcap = f"<figcaption>{cap}</figcaption>" if caption else ""
        return f'<figure class="image"><img src="{s}" alt="" />{figcap}</figure>'
    if form == "p-next":
        return f'<p align="center"><img src="{s}" border="0" /></p>' + (
            f'<p align="center">{cap}</p>' if caption else ""
        )
    if form == "pic-text":
        return f'<p style="text-align: center;"><img src="{s}" /></p>' + (
            f'<p class="pic-text">{cap}</p>' if caption else ""
        )
    if form == "table":
        row = f'<tr><td class="pic-text" align="center">{cap}</td></tr>' if caption else ""
        return f'<table class="pic" align="center" border="0"><tr><td align="center"><img src="{s}" /></td></tr>{row}</table>'
    if form == "alt":
        return f'<p align="center"><img src="{s}" alt="{attr(caption)}" /></p>'
    if form == "title":
        return f'<p align="center"><img src="{s}" title="{attr(caption)}" alt="" /></p>'
    return f'<div class="img"><img src="{s}" />' + (f"<span>{cap}</span>" if caption else "") + "</div>"


def body_inner(skin: Skin, spec: ArticleSpec, blocks: list[Block]) -> str:
    out: list[str] = []
    k = 0
    empty_at = 2 if spec.article_id % 4 == 0 and skin.empty_para and skin.para != "br" else -1
    for n, b in enumerate(blocks):
        if n == empty_at:
            out.append(skin.empty_para)
        if b.kind == "img":
            out.append(image(skin, _img_src(skin, spec, b.src, k), b.caption))
            k += 1
        else:
            out.append(para(skin, b))
    return "\n".join(out) + "\n"


# -- meta line ----------------------------------------------------------------------------------


def _meta_items(skin: Skin, spec: ArticleSpec, content: Content, raw: str, iso: str) -> list[tuple[str, str, str]]:
    """(kind, label, value html) of each meta-line part, in the skin's order."""
    out: list[tuple[str, str, str]] = []
    for part in skin.meta_parts:
        if part == "source":
            if content.source or skin.empty_source == "label":
                value = esc(content.source)
                if skin.source_link and content.source:
                    value = f'<a href="https://www.lcxw.cn/" target="_blank">{value}</a>'
                out.append(("source", skin.source_label, value))
        elif part == "time":
            value = f'<time datetime="{iso}">{raw}</time>' if skin.machine_time == "iso" else raw
            out.append(("time", skin.time_label, value))
        elif part == "author":
            out.append(("author", "作者", esc(" ".join(content.authors) or skin.anonymous)))
        elif part == "editor" and content.editors:
            out.append(("editor", skin.editor_label, esc(content.editors[0])))
        elif part == "hits":
            c = skin.colon
            if skin.hits == "script":
                value = f'<script type="text/javascript" src="/e/public/ViewClick/?classid=1&amp;id={spec.article_id}&amp;addclick=1"></script>次'
                out.append(("hits", "点击", value))
            elif skin.hits == "phpcms":
                out.append(
                    ("hits", "评论", f'<a href="#comment_iframe" id="comment">0</a> 点击{c}<span id="hits"></span>')
                )
            else:
                out.append(("hits", "点击", '<span id="hits"></span>次'))
        elif part == "font":
            out.append(
                (
                    "font",
                    "",
                    '【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> '
                    '<a href="javascript:doZoom(12)">小</a>】',
                )
            )
    return out


def _labelled(skin: Skin, label: str, value: str) -> str:
    return f"{label}{skin.colon}{value}" if label else value


def meta_line(skin: Skin, items: list[tuple[str, str, str]]) -> list[str]:
    """The meta line as one or more page sections."""
    cls, sep = skin.meta_class, skin.meta_sep
    tag = "td" if skin.layout == "table" else "div"
    if skin.meta_layout == "split":
        return [f'<div class="{kind}">{_labelled(skin, label, value)}</div>' for kind, label, value in items]
    if skin.meta_layout == "small":
        inner = sep.join(f"<small>{label}{skin.colon}</small>{value}" if label else value for _, label, value in items)
    elif skin.meta_layout == "spans":
        inner = sep.join(f'<span class="{kind}">{_labelled(skin, label, value)}</span>' for kind, label, value in items)
    else:
        inner = sep.join(_labelled(skin, label, value) for _, label, value in items)
    align = ' align="center"' if tag == "td" else ""
    return [f'<{tag} class="{cls}"{align}>{inner}</{tag}>']


def headline(skin: Skin, title: str, meta_inside: str, kick: str) -> str:
    inner = esc(title)
    if skin.headline_inner == "font":
        inner = f'<font size="5" color="#000000"><b>{inner}</b></font>'
    elif skin.headline_inner == "b":
        inner = f"<b>{inner}</b>"
    if meta_inside:
        inner += f"<br />\n<span>{meta_inside}</span>"
    cls = f' class="{skin.headline_class}"' if skin.headline_class else ""
    tag = skin.headline
    if tag == "strong":
        out = f'<div align="center"><strong{cls}>{inner}</strong></div>'
    elif tag == "td":
        out = f'<td{cls} align="center">{inner}</td>'
    else:
        out = f"<{tag}{cls}>{inner}</{tag}>"
    if skin.kicker:
        out = f'<h3 class="yt">{esc(kick)}</h3>\n{out}\n<h2 class="ft"></h2>'
    return out


# -- furniture ----------------------------------------------------------------------------------

DISCLAIMERS = [
    "免责声明：本网转载稿件仅为传递更多信息，不代表本网观点，如有侵权请联系本网删除。",
    "声明：凡注明“来源：聊城新闻网”的作品，版权均属聊城新闻网所有，未获授权请勿转载、摘编。",
]


def furniture(key: str, skin: Skin, spec: ArticleSpec, n: Neighbours, ctx: str, inside: bool) -> str:
    """A box that is never body text; ``inside`` boxes sit in the body container."""
    if key == "disclaimer":
        text = DISCLAIMERS[spec.article_id % len(DISCLAIMERS)]
        if inside:
            return f'<p><span style="color: #999999;">{text}</span></p>'
        return f'<div class="disclaimer">{text}</div>'
    if key == "wechat":
        return (
            '<div class="wx-code"><img src="/static/images/wx_qrcode.jpg" alt="聊城新闻网微信二维码" />'
            "<p>扫描二维码，关注聊城新闻网官方微信</p></div>"
        )
    if key == "share":
        return (
            '<div class="bdsharebuttonbox"><span>分享到：</span><a href="#" class="bds_weixin" data-cmd="weixin">微信</a> '
            '<a href="#" class="bds_tsina" data-cmd="tsina">微博</a> <a href="#" class="bds_qzone" data-cmd="qzone">QQ空间</a></div>'
        )
    if key == "related":
        if not n.related:
            return ""
        return (
            f'<div class="related"><h3>{skin.related_head}</h3><ul>'
            f"{chrome.dated_list(n.related, skin.related_dates, ctx)}</ul></div>"
        )
    if key == "print":
        return (
            '<div class="print" align="right">【<a href="javascript:window.print()">打印本页</a>】'
            '【<a href="javascript:window.close()">关闭窗口</a>】</div>'
        )
    if key == "pages":
        return '<div id="pages" class="text-c"></div>'
    if key == "tags":
        return (
            f'<div class="tags">关键词：<a href="/search/?q=%E8%81%8A%E5%9F%8E">聊城</a> '
            f'<a href="/search/?q=x">{esc(spec.channel_names[-1])}</a></div>'
        )
    if key == "divider":
        return '<div class="boxoff"><strong>------分隔线----------------------------</strong></div>'
    if key == "prevnext":
        prev = n.related[0] if n.related else None
        nxt = n.related[1] if len(n.related) > 1 else None

        def link(item: Item | None) -> str:
            return f'<a href="{attr(href(item[0].path, ctx))}">{esc(item[1])}</a>' if item else "没有了"

        return f'<div class="prenext"><p>上一篇：{link(prev)}</p><p>下一篇：{link(nxt)}</p></div>'
    if key == "tools":
        return (
            '<div class="actbox"><ul><li><a href="javascript:;">收藏</a></li><li><a href="javascript:;">挑错</a></li>'
            '<li><a href="javascript:;">推荐</a></li><li><a href="javascript:window.print();">打印</a></li></ul></div>'
        )
    if key == "comment":
        return '<div class="comment"><h3>网友评论</h3><div id="SOHUCS"></div></div>'
    if key == "form":
        return (
            '<div class="feedback"><h3>发表评论</h3><form action="/plus/feedback.php" method="post">'
            '<p>昵称：<input type="text" name="username" /> 验证码：<input type="text" name="code" /></p>'
            '<p><textarea name="msg" rows="4"></textarea></p><p><button type="submit">提交评论</button></p></form></div>'
        )
    raise ValueError(f"unknown furniture {key!r}")


TOOLS = {
    "aa": '<span class="fontsize"><a href="javascript:;">A+</a><a href="javascript:;">A-</a></span>',
    "dzx": '【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】',
    "print": '【<a href="javascript:window.print()">打印</a>】',
    "share": '<span class="share">分享到：<a href="javascript:;" class="wx">微信</a> <a href="javascript:;" class="wb">微博</a></span>',
}


# -- the page -----------------------------------------------------------------------------------


def _head_extra(skin: Skin, spec: ArticleSpec, content: Content, title: str, iso: str) -> str:
    leaf = spec.channel_names[-1]
    out = (
        f'<meta name="keywords" content="聊城,{attr(leaf)}" />\n'
        f'<meta name="description" content="{attr(summary(content, 60))}" />\n'
    )
    og = {"same": title, "site": chrome.SITE, "suffixed": f"{title}_{chrome.SITE}"}.get(skin.og_title)
    if og:
        out += f'<meta property="og:title" content="{attr(og)}" />\n<meta property="og:type" content="article" />\n'
    if skin.machine_time == "trs":
        out += (
            f'<meta name="ArticleTitle" content="{attr(title)}" />\n'
            f'<meta name="PubDate" content="{spec.ts:%Y-%m-%d %H:%M}" />\n'
            f'<meta name="ContentSource" content="{attr(content.source)}" />\n'
            f'<meta name="ColumnName" content="{attr(leaf)}" />\n'
        )
    elif skin.machine_time == "iso":
        out += f'<meta property="article:published_time" content="{iso}" />\n'
    return out


def _enpproperty(skin: Skin, spec: ArticleSpec, content: Content, title: str, kick: str) -> str:
    leaf = esc(spec.channel_names[-1])
    date = spec.ts.strftime("%Y-%m-%d %H:%M:%S" if "%S" in skin.time_fmt else "%Y-%m-%d %H:%M")
    return (
        f"<!--enpproperty <articleid>{spec.article_id}</articleid><date>{date}</date>"
        f"<author>{esc(' '.join(content.authors))}</author><title>{esc(title)}</title><keyword></keyword>"
        f"<subtitle></subtitle><introtitle>{esc(kick)}</introtitle><siteid>1</siteid><nodeid>{len(spec.channel)}</nodeid>"
        f"<nodename>{leaf}</nodename><nodesearchname>{leaf}</nodesearchname>/enpproperty-->\n"
    )


def _container(skin: Skin, inner: str) -> str:
    if skin.body_wrap == "dede-table":
        inner = f'<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td>\n{inner}</td></tr></table>\n'
    elif skin.body_wrap == "trs":
        inner = f'<div class="TRS_Editor"><div class="Custom_UnionStyle">\n{inner}</div></div>\n'
    elif skin.body_wrap == "founder":
        close = "</body></html>\n" if skin.stray_close else ""
        inner = f"<!--enpcontent--><founder-content>\n{inner}</founder-content>\n{close}<!--/enpcontent-->\n"
    elif skin.stray_close:
        inner += "</body></html>\n"
    tag = skin.body_tag
    a = f" {skin.body_attr}" if skin.body_attr else ""
    return f"<{tag}{a}>\n{inner}</{tag}>"


def _editor_html(skin: Skin, lines: list[str]) -> tuple[str, str]:
    """(inside-container html, after-container section) of the editor lines."""
    if not lines or skin.editor_place == "none":
        return "", ""
    if skin.editor_place == "inside":
        if skin.para == "br":
            return "".join(f"{esc(x)}<br />\n" for x in lines), ""
        return "".join(f'<p align="right">{esc(x)}</p>\n' for x in lines), ""
    joined = "\u3000".join(esc(x) for x in lines)
    if skin.editor_place == "td":
        return "", f'<td align="right" class="editor">{joined}</td>'
    return "", f'<div class="editor">{joined}</div>'


def _sections(
    skin: Skin,
    spec: ArticleSpec,
    content: Content,
    title: str,
    shown: tuple[str, str],
    kick: str,
    near: Neighbours,
    rng: random.Random,
) -> list[str]:
    """The article column top to bottom: headline, meta line, tools, bylines, body container, editor, boxes."""
    raw, iso = shown
    ctx = f"s{spec.article_id}"
    items = _meta_items(skin, spec, content, raw, iso)
    in_headline = skin.meta_layout == "in-headline"
    meta_inside = skin.meta_sep.join(_labelled(skin, label, value) for _, label, value in items) if in_headline else ""
    sections = [headline(skin, title, meta_inside, kick)]
    if not in_headline:
        sections += meta_line(skin, items)
    if skin.tools:
        sections.append('<div class="tools">' + " ".join(TOOLS[t] for t in skin.tools) + "</div>")
    blocks = content.blocks
    if skin.byline_out:  # the opening byline lines stand above the container
        n_head = next((i for i, b in enumerate(blocks) if b.kind not in ("byline", "credit")), len(blocks))
        if n_head:
            sections.append(
                '<div class="author">' + "".join(f"<p>{esc(b.text)}</p>" for b in blocks[:n_head]) + "</div>"
            )
            blocks = blocks[n_head:]
    ed_inside, ed_after = _editor_html(skin, editor_lines(content, skin, rng))
    inside = "".join(furniture(k, skin, spec, near, ctx, inside=True) + "\n" for k in skin.inside)
    sections += [_container(skin, body_inner(skin, spec, blocks) + ed_inside + inside), ed_after]
    sections += [furniture(k, skin, spec, near, ctx, inside=False) for k in skin.after]
    return [x for x in sections if x]


def _main(skin: Skin, crumb: str, sections: list[str], side: str) -> str:
    """The breadcrumb, the article column and the sidebar in the skin's layout."""
    if skin.layout == "table":
        rows = "\n".join(f"<tr>{x}</tr>" if x.startswith("<td") else f"<tr><td>{x}</td></tr>" for x in sections)
        side_td = f'<td width="300" valign="top" class="right">{side}</td>' if side else ""
        column = f'<td width="690" valign="top" class="left"><table width="100%" border="0">\n{rows}\n</table></td>\n'
        cells = side_td + column if skin.sidebar_first else column + side_td
        return (
            crumb
            + f'<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr>\n{cells}</tr></table>\n'
        )
    article = '<div class="article">\n' + "\n".join(sections) + "\n</div>\n"
    inner = side + article if skin.sidebar_first else article + side
    return f'<div class="main">\n{crumb}{inner}</div>\n'


def render(
    skin: Skin,
    spec: ArticleSpec,
    content: Content,
    title: str,
    shown: tuple[str, str],
    near: Neighbours,
    rng: random.Random,
) -> str:
    """The whole article page."""
    ctx = f"s{spec.article_id}"
    kick = kicker(rng) if skin.kicker else ""
    sections = _sections(skin, spec, content, title, shown, kick, near, rng)
    main = _main(
        skin, chrome.crumb(skin, spec.channel, spec.channel_names, ctx), sections, chrome.sidebar(skin, near.side, ctx)
    )
    charset, _ = charset_of(skin, spec)
    head = chrome.head(
        skin,
        chrome.page_title(skin, title, spec.channel_names[-1]),
        charset,
        _head_extra(skin, spec, content, title, shown[1]),
    )
    top = _enpproperty(skin, spec, content, title, kick) if skin.machine_time == "founder" else ""
    scripts = PLAYER_SCRIPT
    if "hits" in skin.meta_parts and skin.hits != "script":
        scripts += (
            f'<script type="text/javascript">$.get("/plus/count.php?aid={spec.article_id}", '
            'function (d) { $("#hits").html(d); });</script>\n'
        )
    ticker = chrome.ticker(near.ticker, ctx) if skin.ticker else ""
    return (
        head
        + top
        + chrome.topbar(skin)
        + chrome.logo(skin)
        + chrome.menu(skin)
        + ticker
        + main
        + chrome.footer(skin)
        + scripts
        + chrome.END
    )


def charset_of(skin: Skin, spec: ArticleSpec) -> tuple[str | None, str]:
    """(declared charset or None, Content-Type header) of an article page; the model's encoding traps
    (GBK declared only in the header, in a gb2312 meta tag, or nowhere) win over the skin's charset."""
    mode = spec.charset_mode
    if mode == "gbk-header":
        return None, "text/html; charset=gbk"
    if mode == "gbk-none":
        return None, "text/html"
    if mode == "gbk-meta" or skin.charset == "gbk":
        return "gb2312", "text/html"
    return "utf-8", "text/html; charset=utf-8"
