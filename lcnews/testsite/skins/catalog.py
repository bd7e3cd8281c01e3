"""The named skins: templates in the manner of the CMSs Chinese city-news sites run on.

Each entry is data only (see :class:`~lcnews.testsite.skins.spec.Skin` for what every field means).
The families: DedeCMS (织梦), PHPCMS, TRS WCM (拓尔思), Founder (方正), EmpireCMS (帝国),
SiteFactory (动易), WordPress, and hand-made table and div layouts.
"""

from __future__ import annotations

from .spec import Skin, coherent

# fmt: off
_NAMED = [
    Skin(  # DedeCMS 5.7 default article template: <small> labels, list_N paging, GB2312
        name="dede-default", family="dedecms", charset="gbk", doctype="xhtml", title_form="{title}_聊城新闻网",
        topbar="date-js", logo="h1-img", crumb_label="<strong>当前位置:</strong> ", crumb_home="主页", crumb_tail="sep",
        crumb_class="place", headline="h2", meta_parts=("time", "source", "author", "hits"), meta_layout="small",
        meta_sep=" ", time_label="时间", time_fmt="%Y-%m-%d %H:%M", hits="script", body_attr='class="content"',
        body_wrap="dede-table", para="p-u3000", entities=True, empty_para="<p>&nbsp;</p>", image="p-next",
        img_src="rel", byline_forms=("wen-tu", "trailing-full"), byline_rate=0.3, editor_form="paren-ascii",
        inside=("pages",), after=("divider", "prevnext", "tools", "related", "form"), related_head="相关文章",
        sidebar="hot", footer="b", listing="cards", listing_dates="full", pager="list"),
    Skin(  # DedeCMS city portal: text logo in <h1>, headline <h2>, source and time in separate spans
        name="dede-city", family="dedecms", title_form="{title}-{channel}-聊城新闻网", og_title="same", topbar="links",
        logo="h1-text", subnav=True, crumb_label="当前位置：", crumb_class="crumbs", headline="h2",
        headline_class="arc-title", meta_parts=("source", "time", "hits"), meta_layout="spans", meta_class="arc-info",
        tools=("aa", "share"), body_attr='id="contentText"', para="p-u3000", image="pic-text",
        byline_forms=("wen-tu", "colon", "end-line"), byline_rate=0.35, editor_form="编辑", inside=("share",),
        after=("related", "comment"), sidebar="hot", sidebar_dates="md-bracket", listing="ul", pager="list",
        pager_style="prevnext"),
    Skin(  # PHPCMS v9 default show.html: the meta line is a <span> inside the <h1>
        name="phpcms-v9", family="phpcms", doctype="xhtml", title_form="{title} - {channel} - 聊城新闻网", crumb_label="",
        crumb_tail="正文", crumb_class="crumbs", headline="h1", meta_parts=("time", "source", "hits"),
        meta_layout="in-headline", meta_sep="&nbsp;&nbsp;&nbsp;", colon="：", hits="phpcms", source_link=True,
        body_attr='class="content"', para="p", image="p-next", byline_forms=("reporter-photo",), byline_rate=0.2,
        editor_form="责任编辑", editor_place="inside", inside=("pages",), after=("related", "comment"),
        related_head="延伸阅读", related_dates="md-paren", sidebar="hot", sidebar_dates="ymd", footer="compact",
        listing="ul-date-first", pager="num"),
    Skin(  # PHPCMS portal theme: source, time and editor in separate elements, a sidebar h3 first
        name="phpcms-portal", family="phpcms", title_form="{title}|{channel}|聊城新闻网", og_title="site", logo="div-text",
        menu="pipes", subnav=True, crumb_sep=" &raquo; ", crumb_home="网站首页", crumb_class="location", headline="h3",
        headline_class="title", meta_parts=("time", "source", "editor"), meta_layout="split", colon="：",
        source_label="稿源", time_label="发布时间", time_fmt="%Y年%m月%d日 %H:%M", body_attr='id="article_con"', para="div",
        strong="b", image="div-span", byline_forms=("one-line", "corr-first"), byline_rate=0.3, editor_form="chain",
        inside=("disclaimer",), after=("share", "related", "comment"), related_head="相关新闻", related_dates="cn",
        sidebar="hot", sidebar_first=True, listing="cards", listing_dates="cn", pager="query", next_text="下页"),
    Skin(  # TRS WCM table template: TRS meta tags, headline and body in <td>, 0-based index_N, JS pager
        name="trs-wcm", family="trs", doctype="html4", title_form="{title}", machine_time="trs", layout="table",
        topbar="date-js", menu="table", crumb_label="当前位置：", crumb_sep=" &gt;&gt; ", crumb_class="weizhi",
        headline="td", headline_class="bt_content", meta_parts=("time", "source", "font"), meta_layout="one",
        meta_class="xx_content", meta_sep="\u3000", colon="：", time_label="发布时间", time_fmt="%Y-%m-%d %H:%M",
        body_tag="td", body_attr='class="zw_content"', body_wrap="trs", para="p-indent", image="p-next",
        img_src="rel", byline_forms=("reporter-photo", "trailing-full"), byline_rate=0.2, editor_form="责任编辑",
        editor_place="td", after=("print", "related"), related_head="相关链接", related_dates="ymd", footer="table",
        listing="table", pager="index0", pager_js=True, pager_style="prevnext"),
    Skin(  # TRS WCM div template: image logo in the first <h1>, the headline in the second
        name="trs-div", family="trs", title_form="{title}_聊城新闻网", og_title="suffixed", machine_time="trs",
        logo="h1-img", crumb_label="当前位置：", crumb_class="breadcrumb", headline="h1", headline_class="tit",
        meta_parts=("time", "source", "author"), meta_layout="spans", meta_sep="&nbsp;&nbsp;&nbsp;", colon="：",
        time_label="时间", time_fmt="%Y-%m-%d %H:%M", body_attr='class="article-con"', body_wrap="trs", para="p-nbsp",
        image="pic-text", img_src="abs", byline_forms=("wen-tu-plain", "colon"), byline_rate=0.3, editor_form="paren",
        editor_place="inside", inside=("disclaimer",), after=("share", "related"), related_head="相关阅读",
        related_dates="ymd", sidebar="latest", listing="ul-date-first", pager="index0", next_text="&gt;"),
    Skin(  # Founder (方正) web CMS: enpproperty comment, kicker h3, enpcontent markers, a stray </html>
        name="founder-web", family="founder", title_form="{title} - 聊城新闻网", og_title="same", machine_time="founder",
        subnav=True, crumb_tail="正文", headline="h1", kicker=True, meta_parts=("source", "author", "time"),
        meta_layout="spans", meta_sep="&nbsp;", colon="：", body_attr='id="ozoom"', body_wrap="founder",
        stray_close=True, para="p", image="table", img_src="root", byline_forms=("wen-tu", "one-line"),
        byline_rate=0.25, editor_form="site", after=("prevnext", "related", "comment"), related_head="相关新闻",
        sidebar="hot", sidebar_dates="md-bracket", listing="ul", pager="index1"),
    Skin(  # EmpireCMS (帝国) 7 default: 发布时间 first, view counter script, 【字体：大 中 小】, GB2312
        name="empire-cms", family="empirecms", charset="gbk", doctype="html4", title_form="{title}_聊城新闻网",
        topbar="links", crumb_label="现在的位置：", crumb_sep="&nbsp;&gt;&nbsp;", headline="h1",
        meta_parts=("time", "source", "author", "hits"), meta_layout="one", meta_class="info_text", colon="：",
        time_label="发布时间", hits="script", tools=("dzx",), body_attr='id="text"', para="p-u3000", entities=True,
        image="p-next", img_src="root", byline_forms=("reporter-photo", "wen-tu"), byline_rate=0.3,
        editor_form="proof", after=("share", "print", "prevnext", "related"), related_head="相关信息",
        related_dates="md-paren", sidebar="hot", footer="b", listing="ul", pager="index1"),
    Skin(  # EmpireCMS city-news theme: text logo <h1>, headline <h3>, source and time in separate divs
        name="empire-news", family="empirecms", title_form="聊城新闻网-{title}", logo="h1-text", menu="pipes", subnav=True,
        ticker=True, crumb_label="位置：", crumb_sep=" / ", crumb_home="聊城新闻网", crumb_class="crumb", headline="h3",
        headline_class="news-title", meta_parts=("source", "time"), meta_layout="split",
        body_attr='class="news-content"', para="div", strong="span-bold", image="alt",
        byline_forms=("colon", "trailing-full", "end-line"), byline_rate=0.35, editor_form="编辑",
        inside=("wechat", "related"), after=("comment",), related_head="相关新闻", related_dates="md", sidebar="latest",
        sidebar_first=True, footer="compact", listing="ul-nodate", pager="index1", pager_style="prevnext",
        next_text="&gt;"),
    Skin(  # SiteFactory (动易)-like: headline in <strong>, 作者 佚名, Word-pasted paragraphs
        name="sitefactory", family="sitefactory", doctype="xhtml", title_form="{title}_{channel}_聊城新闻网",
        topbar="date-js", crumb_label="您现在的位置：", crumb_sep="&nbsp;&gt;&gt;&nbsp;", crumb_home="聊城新闻网",
        crumb_class="place", headline="strong", headline_class="article_title",
        meta_parts=("author", "source", "hits", "time"), meta_layout="one", meta_class="property", colon="：",
        time_label="发布时间", time_fmt="%Y-%m-%d %H:%M", anonymous="佚名", body_attr='id="fontzoom"', para="mso",
        image="title", img_src="rel", byline_forms=("reporter-photo",), byline_rate=0.2, editor_form="bracket",
        editor_place="inside", inside=("print",), after=("prevnext", "related", "form"), related_head="相关文章",
        related_dates="md-bracket", sidebar="hot", sidebar_first=True, sidebar_dates="cn", footer="table",
        listing="table", listing_dates="md-bracket", pager="index1", pager_style="select"),
    Skin(  # WordPress news theme: entry-title, <time datetime>, share and related boxes inside the content
        name="wordpress", family="wordpress", title_form="{title} - 聊城新闻网", og_title="same", machine_time="iso",
        logo="site-title", crumb_label="", crumb_sep=" &rsaquo; ", crumb_class="breadcrumbs", headline="h1",
        headline_class="entry-title", meta_parts=("time", "source", "author"), meta_layout="spans",
        meta_class="entry-meta", meta_sep=" ", colon="：", time_label="发布时间", time_fmt="%Y年%m月%d日 %H:%M",
        body_attr='class="entry-content"', para="p", image="figure", img_src="abs",
        byline_forms=("wen-tu-plain", "reporter-photo"), byline_rate=0.3, editor_form="编辑", editor_place="inside",
        inside=("share", "related"), after=("prevnext", "form"), related_head="相关文章", related_dates="cn",
        sidebar="latest", footer="compact", listing="cards", listing_dates="cn", pager="query",
        next_text="下一页 &raquo;"),
    Skin(  # hand-made 2000s tables: headline <td><font>, <br>-separated text, editor in a cell, GB2312
        name="table-classic", family="handmade-table", charset="gbk", doctype="none", title_form="聊城新闻网-{title}",
        layout="table", menu="pipes", crumb_sep=" -&gt; ", crumb_class="weizhi", headline="td", headline_class="bt",
        headline_inner="font", meta_parts=("source", "time"), meta_class="sj", meta_sep="\u3000\u3000", colon="：",
        time_label="时间", time_fmt="%Y年%m月%d日 %H:%M", body_tag="td", body_attr='class="zw"', para="br", entities=True,
        image="p-next", img_src="rel", byline_forms=("trailing-full", "reporter-photo"), byline_rate=0.3,
        editor_form="编辑", editor_place="td", after=("print", "related"), related_head="相关新闻",
        related_dates="md-bracket", sidebar="hot", sidebar_first=True, sidebar_dates="full", footer="table",
        listing="table", listing_dates="md-bracket", pager="index1", next_text="下页"),
    Skin(  # hand-made government-style tables: tab-separated meta with editor and counter, 编辑/审核/监制
        name="table-gov", family="handmade-table", doctype="html4", title_form="{title}-{channel}-聊城新闻网",
        layout="table", menu="table", subnav=True, ticker=True, crumb_label="当前位置：", crumb_sep="&gt;",
        crumb_class="dqwz", headline="td", headline_class="title", headline_inner="b",
        meta_parts=("source", "time", "editor", "hits"), meta_layout="spans", meta_sep="\t", time_label="发布时间",
        editor_label="编辑", body_attr='id="zoom"', para="font-span", image="table", img_src="root",
        byline_forms=("colon", "one-line"), byline_rate=0.3, editor_form="chain", editor_place="td", inside=("tags",),
        after=("print", "related"), related_head="相关链接", related_dates="ymd", footer="table", listing="ul-date-first",
        pager="num", pager_style="prevnext"),
    Skin(  # hand-made div page: bare <title>, headline <div>, 日期 first, alt-only captions, JS pager
        name="div-simple", family="handmade-div", title_form="{title}", logo="div-text", crumb_label="当前位置：",
        crumb_tail="正文", crumb_class="local", headline="div", headline_class="news_tit",
        meta_parts=("time", "source"), meta_class="news_info", meta_sep="\u3000", colon="：", time_label="日期",
        time_fmt="%Y-%m-%d %H:%M", empty_source="omit", body_attr='class="news_txt"', para="p-nbsp", image="alt",
        img_src="abs", byline_forms=("reporter-photo", "trailing-full", "wen-tu"), byline_rate=0.4,
        editor_form="zebian", inside=("disclaimer", "wechat"), after=("share",), listing="ul-nodate", pager="query",
        pager_js=True, pager_style="prevnext", next_text="&raquo;"),
]
# fmt: on

NAMED: dict[str, Skin] = {s.name: coherent(s) for s in _NAMED}
