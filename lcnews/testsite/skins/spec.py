"""What a skin is: one data record of markup choices, and the seeded space ``random:N`` draws from.

A :class:`Skin` says how a Chinese city-news CMS template would show the replica's articles, listings
and home page (headline element, ``<title>`` form, meta-line composition, breadcrumb, body container,
paragraph and caption forms, byline and editor forms, furniture, listing markup, pagination). Every
field is an independent choice: the renderers combine any values, and the ground truth follows from
the content plus :func:`lcnews.testsite.skins.content.shown_time` alone, so a drawn combination is
always exactly labelled. :data:`CHOICES` lists the values of each field; :func:`random_skin` draws
from it starting from a named skin of a random family.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class Skin:
    name: str
    family: str
    # -- the document ----------------------------------------------------------------------------
    charset: str = "utf-8"  # utf-8 | gbk (every page served as GBK, declared gb2312)
    doctype: str = "html5"  # html5 | xhtml | html4 | none
    title_form: str = "{title}_聊城新闻网"  # {title}, {channel} (leaf breadcrumb name)
    og_title: str = "none"  # none | same | site (the site name) | suffixed ("{title}_聊城新闻网")
    machine_time: str = "none"  # none | trs (PubDate meta, minutes) | iso (article:published_time) | founder
    # -- page chrome -----------------------------------------------------------------------------
    layout: str = "div"  # div | table (sections are table rows)
    topbar: str = "none"  # none | date-js | links
    logo: str = "img"  # img | h1-text | h1-img | div-text | site-title
    menu: str = "ul"  # ul | pipes | table
    subnav: bool = False  # a second menu row of sub-channel names (incl. 记者直击)
    ticker: bool = False  # a dated headline ticker above the article
    sidebar: str = "none"  # none | hot | latest (dated headlines of other articles)
    sidebar_first: bool = False  # the sidebar comes before the article in source order
    sidebar_dates: str = "md"  # a DATE_FORMS key
    footer: str = "a"  # a | b | table | compact
    # -- breadcrumb ------------------------------------------------------------------------------
    crumb_label: str = "您的位置："
    crumb_sep: str = " &gt; "
    crumb_home: str = "首页"
    crumb_tail: str = ""  # "" | 正文 | sep (a trailing separator)
    crumb_class: str = "position"
    # -- headline --------------------------------------------------------------------------------
    headline: str = "h1"  # h1 | h2 | h3 | div | td | strong
    headline_class: str = ""
    headline_inner: str = ""  # "" | font (<font size=5><b>…</b></font>) | b
    kicker: bool = False  # Founder: an h3 kicker (引题) above and an empty h2 subtitle below
    # -- meta line -------------------------------------------------------------------------------
    meta_parts: tuple[str, ...] = ("source", "time")  # + author editor hits font, in page order
    meta_layout: str = "one"  # one | spans | split | small | in-headline
    meta_class: str = "info"
    meta_sep: str = "&nbsp;&nbsp;"
    colon: str = ":"
    source_label: str = "来源"
    time_label: str = ""  # "" | 发布时间 | 时间 | 日期 | 发表时间
    time_fmt: str = "%Y-%m-%d %H:%M:%S"
    empty_source: str = "label"  # label (label, nothing after it) | omit (no source part)
    source_link: bool = False
    hits: str = "span"  # span | script | phpcms: the counter part, filled by JavaScript
    anonymous: str = ""  # 作者 text when no reporter is named ("" shows the label alone)
    editor_label: str = "责任编辑"  # label of the meta line's editor part
    tools: tuple[str, ...] = ()  # aa | dzx | print | share: a tool bar after the meta line
    # -- body ------------------------------------------------------------------------------------
    body_tag: str = "div"  # div | td
    body_attr: str = 'class="content"'
    body_wrap: str = ""  # "" | dede-table | trs | founder
    para: str = "p"  # p | p-indent | p-u3000 | p-nbsp | div | br | font-span | mso
    strong: str = "strong"  # strong | b | span-bold: the sub-heading paragraph
    entities: bool = False  # curly quotes and dashes as named entities
    empty_para: str = ""  # markup of an empty paragraph the editor left ("" = none)
    image: str = "figure"  # figure | p-next | pic-text | table | alt | title | div-span
    img_src: str = "mixed"  # abs | root | rel | mixed
    stray_close: bool = False  # a stray </body></html> inside the content
    byline_forms: tuple[str, ...] = ()  # content.BYLINE_FORMS keys replacing the site's byline
    byline_rate: float = 0.0  # share of articles whose byline is redrawn from byline_forms
    byline_out: bool = False  # standalone byline lines shown above the body container
    # -- editor line -----------------------------------------------------------------------------
    editor_form: str = "site"  # a content.EDITOR_FORMS key
    editor_place: str = "after"  # inside (end of the container) | after | td | none (meta line only)
    # -- furniture -------------------------------------------------------------------------------
    inside: tuple[str, ...] = ()  # inside the container after the text (article.FURNITURE keys)
    after: tuple[str, ...] = ("related", "comment")  # after the container
    related_head: str = "相关推荐"
    related_dates: str = "full"
    # -- listings --------------------------------------------------------------------------------
    listing: str = "ul"  # ul | ul-date-first | ul-nodate | table | cards
    listing_dates: str = "ymd"
    pager: str = "index1"  # index1 | index0 (page 2 = index_1.html) | list | num | query
    pager_js: bool = False  # a JavaScript pager, plain links beside it
    pager_style: str = "numbers"  # numbers | prevnext | select
    next_text: str = "下一页"


# Date forms of listings, sidebars and related lists (never the article's own time).
DATE_FORMS: dict[str, str] = {
    "full": "%Y-%m-%d %H:%M:%S",
    "ymd": "%Y-%m-%d",
    "md": "%m-%d",
    "md-bracket": "[%m-%d]",
    "md-paren": "(%m-%d)",
    "cn": "%Y年%m月%d日",
    "none": "",
}

# The space ``random:N`` draws from: every value of every drawable field.
CHOICES: dict[str, tuple[object, ...]] = {
    "charset": ("utf-8", "utf-8", "gbk"),
    "doctype": ("html5", "xhtml", "html4", "none"),
    "title_form": (
        "{title}_聊城新闻网",
        "{title}-{channel}-聊城新闻网",
        "{title} - 聊城新闻网",
        "聊城新闻网-{title}",
        "{title}|{channel}|聊城新闻网",
        "{title}",
        "{title} - {channel} - 聊城新闻网",
        "{title}_{channel}_聊城新闻网",
    ),
    "og_title": ("none", "same", "site", "suffixed"),
    "machine_time": ("none", "none", "trs", "iso", "founder"),
    "layout": ("div", "div", "table"),
    "topbar": ("none", "date-js", "links"),
    "logo": ("img", "h1-text", "h1-img", "div-text", "site-title"),
    "menu": ("ul", "pipes", "table"),
    "subnav": (False, True),
    "ticker": (False, True),
    "sidebar": ("none", "hot", "latest"),
    "sidebar_first": (False, True),
    "sidebar_dates": tuple(k for k in DATE_FORMS if k != "none"),
    "footer": ("a", "b", "table", "compact"),
    "crumb_label": ("您的位置：", "您的位置:", "当前位置：", "当前位置:", "位置：", ""),
    "crumb_sep": (" &gt; ", "&gt;", " &raquo; ", " &rsaquo; ", " / ", " -&gt; ", " &gt;&gt; "),
    "crumb_home": ("首页", "网站首页", "主页", "聊城新闻网"),
    "crumb_tail": ("", "正文", "sep"),
    "crumb_class": ("position", "crumbs", "location", "weizhi", "place", "breadcrumb"),
    "headline": ("h1", "h2", "h3", "div", "td", "strong"),
    "headline_class": ("", "title", "article-title", "news_title", "bt", "tit", "arc-title"),
    "headline_inner": ("", "", "font", "b"),
    "kicker": (False, False, True),
    "meta_layout": ("one", "spans", "split", "small", "in-headline"),
    "meta_class": ("info", "article-info", "source", "news_info", "property", "xx", "meta"),
    "meta_sep": ("&nbsp;&nbsp;", "  ", "\u3000", "\u3000\u3000", "\t", " &nbsp; ", "&nbsp;&nbsp;&nbsp;", " "),
    "colon": (":", "："),
    "source_label": ("来源", "来源", "稿源", "文章来源", "信息来源"),
    "time_label": ("", "发布时间", "时间", "日期", "发表时间"),
    "time_fmt": (
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y年%m月%d日 %H:%M",
        "%Y年%m月%d日 %H:%M:%S",
        "%Y/%m/%d %H:%M:%S",
    ),
    "empty_source": ("label", "omit"),
    "source_link": (False, True),
    "hits": ("span", "script", "phpcms"),
    "anonymous": ("", "佚名"),
    "editor_label": ("责任编辑", "编辑", "责编"),
    "tools": ((), ("aa",), ("dzx",), ("print",), ("share",), ("aa", "share"), ("dzx", "print")),
    "body_tag": ("div", "div", "td"),
    "body_attr": (
        'class="content"',
        'id="content"',
        'id="zoom"',
        'class="article-content"',
        'id="text"',
        'class="news_txt"',
        'id="fontzoom"',
        'class="detail"',
        "",
    ),
    "body_wrap": ("", "", "dede-table", "trs", "founder"),
    "para": ("p", "p-indent", "p-u3000", "p-nbsp", "div", "br", "font-span", "mso"),
    "strong": ("strong", "b", "span-bold"),
    "entities": (False, True),
    "empty_para": ("", "<p>&nbsp;</p>", "<p><br /></p>", "<p>\u3000</p>"),
    "image": ("figure", "p-next", "pic-text", "table", "alt", "title", "div-span"),
    "img_src": ("abs", "root", "rel", "mixed"),
    "stray_close": (False, False, True),
    "byline_rate": (0.0, 0.2, 0.4, 0.6),
    "byline_out": (False, True),
    "editor_form": ("site", "编辑", "责任编辑", "paren", "paren-ascii", "bracket", "proof", "chain", "zebian"),
    "editor_place": ("inside", "after", "td", "none"),
    "related_head": ("相关推荐", "相关新闻", "相关阅读", "延伸阅读", "推荐阅读"),
    "related_dates": tuple(DATE_FORMS),
    "listing": ("ul", "ul-date-first", "ul-nodate", "table", "cards"),
    "listing_dates": tuple(k for k in DATE_FORMS if k != "none"),
    "pager": ("index1", "index0", "list", "num", "query"),
    "pager_js": (False, True),
    "pager_style": ("numbers", "prevnext", "select"),
    "next_text": ("下一页", "下页", "&gt;", "&rsaquo;", "&raquo;", "下一页&gt;"),
}

# Tuple-valued fields drawn as subsets of these, in this order.
SUBSETS: dict[str, tuple[str, ...]] = {
    "meta_parts": ("author", "editor", "hits", "font"),
    "inside": ("disclaimer", "wechat", "share", "related", "print", "pages", "tags"),
    "after": ("divider", "prevnext", "tools", "related", "comment", "share", "disclaimer", "wechat", "tags", "form"),
    "byline_forms": (
        "wen-tu",
        "wen-tu-plain",
        "reporter-photo",
        "one-line",
        "colon",
        "corr-first",
        "trailing-full",
        "end-line",
    ),
}


def _subset(rng: random.Random, pool: tuple[str, ...], p: float) -> tuple[str, ...]:
    return tuple(x for x in pool if rng.random() < p)


def _meta_parts(rng: random.Random) -> tuple[str, ...]:
    parts = ["source", "time", *_subset(rng, SUBSETS["meta_parts"], 0.35)]
    rng.shuffle(parts)
    return tuple(parts)


def coherent(skin: Skin) -> Skin:
    """Repair combinations a CMS would not produce (or that would leave a truth field unshown)."""
    changes: dict[str, Any] = {}
    if "td" in (skin.headline, skin.body_tag) or skin.editor_place == "td":
        changes["layout"] = "table"
    if skin.editor_place == "none" and "editor" not in skin.meta_parts:
        changes["meta_parts"] = (*skin.meta_parts, "editor")  # an editor must be shown somewhere
    if not skin.byline_forms:
        changes["byline_rate"] = 0.0
    return replace(skin, **changes) if changes else skin


def random_skin(n: int, named: list[Skin]) -> Skin:
    """The skin ``random:n``: a named skin of a random family with most details redrawn."""
    rng = random.Random(f"lcnews-skin-space:{n}")
    base = named[rng.randrange(len(named))]
    changes: dict[str, Any] = {}
    for f in fields(Skin):
        if f.name in CHOICES and rng.random() < 0.6:
            changes[f.name] = rng.choice(CHOICES[f.name])
    if rng.random() < 0.6:
        changes["meta_parts"] = _meta_parts(rng)
    for key in ("inside", "after"):
        if rng.random() < 0.6:
            changes[key] = _subset(rng, SUBSETS[key], 0.3)
    if rng.random() < 0.6:
        changes["byline_forms"] = _subset(rng, SUBSETS["byline_forms"], 0.4)
    return coherent(replace(base, name=f"random:{n}", family=base.family, **changes))
