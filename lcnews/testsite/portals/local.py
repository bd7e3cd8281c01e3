"""Provincial and city media, and county sites on the CMSs they run (TRS WCM, 大汉 Hanweb, old table JCMS)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime

from . import furniture as F
from .body import byline, editor_line, paragraphs, trailing_byline
from .kit import Build, Family, attr, doc, esc

IND = "\u3000\u3000"
TRS_STYLE = '<style type="text/css">.TRS_Editor P{margin-top:0;margin-bottom:12px;line-height:2;font-family:宋体;font-size:12pt;}</style>'


def dzwww(b: Build) -> str:
    site = "大众网"
    src = b.set_source(b.pick("大众日报", "大众网", f"{b.story.city}日报", "海报新闻"))
    shown = b.time("min")
    b.trap("logo_h1")
    author = ""
    if b.chance(0.5):
        names = b.people(1)
        b.record("作者", names)
        author = f"<span>作者：{esc(names[0])}</span>"
        b.not_body.append(f"作者：{names[0]}")
    top = ""
    if not author and b.chance(0.6):
        names = b.people(b.pick(1, 2))
        b.record("记者", names)
        line = f"大众网·海报新闻记者 {' '.join(names)} {b.story.city}报道"
        top = f"<p>{b.furn(line, inside=True)}</p>"
    c1, c2 = b.people(2)
    label2 = b.pick("责任编辑", "终审编辑")
    b.record("初审编辑", [c1])
    b.record(label2, [c2])
    b.not_body += [f"初审编辑：{c1}", f"{label2}：{c2}"]
    head = b.head(b.title_tag(b.pick("{t}_大众网", "{t}_{c}_大众网"), site, b.pick("山东频道", "社会")),
                  f'<meta name="keywords" content="{attr(b.story.city)}" />', charset_style="http-equiv")  # fmt: skip
    body = f"""<div class="topnav"><h1 class="logo"><a href="/">{b.furn(site)}</a></h1>{F.menu(b, ("首页", "山东", "国内", "国际", "财经", "评论", "视频"))}</div>
{F.breadcrumb(b, ("大众网", "山东频道"), "您当前的位置 ：", " &gt;&gt; ", "layout crumb")}
<div id="xl-headline"><div class="layout"><h2>{esc(b.title)}</h2>
<div class="left"><span>{shown}</span>{b.gap()}<span>来源: <a href="#">{esc(src)}</a></span>{b.gap()}{author}</div>
<div class="right">{F.share_bar(b)}</div></div></div>
<div id="news-body"><div class="layout"><div class="news-con">
{b.container('<div class="TRS_Editor">')}{TRS_STYLE}
{top}
{paragraphs(b, indent=IND, n_images=b.pick(0, 1, 2))}
</div></div></div></div>
<div class="news-editor"><div class="layout"><div class="left">初审编辑：{esc(c1)}</div><div class="right">{label2}：{esc(c2)}</div></div></div>
{F.related(b, "相关新闻")}
{F.copyright_footer(b, "大众报业集团", "dzwww.com", 1999)}"""
    return doc(b, head, body)


def _player_attr(b: Build) -> str:
    build = b.other_time(-b.rng.randint(30, 500), "sec", trap="player_timestamp")
    return (f'<div class="video-wrap"><video id="vplayer" controls="controls" poster="/v/{b.rng.randint(1, 999)}.jpg" '
            f'data-build-time="{build}" src="/video/{b.story.ts:%Y%m%d}/{b.rng.randint(10**5, 10**6)}.mp4"></video></div>')  # fmt: skip


def iqilu(b: Build) -> str:
    site = "齐鲁网"
    ch = b.pick("山东新闻", "社会民生", "城市")
    src = b.set_source(b.pick("齐鲁网", "闪电新闻", f"{b.story.city}广播电视台"))
    shown = b.time("sec")
    ed = b.people(1)
    b.record("编辑", ed)
    b.not_body.append(f"编辑: {ed[0]}")
    names = b.people(b.pick(1, 2))
    b.record("记者", names)
    line = f"闪电新闻记者 {' '.join(names)} {b.story.city}报道"
    top = f"<p>{b.furn(line, inside=True)}</p>"
    video = _player_attr(b) if b.chance(0.5) else ""
    k = len(b.paragraphs) // 2
    if b.chance(0.4) and k:
        b.trap("early_body_end")  # a pasted share widget that brought its own </body>
        text = (paragraphs(b, only=slice(0, k)) + '\n<div class="embed-share"><script src="/js/share.js"></script></body></div>\n'
                + paragraphs(b, only=slice(k, None)))  # fmt: skip
    else:
        text = paragraphs(b, n_images=0 if video else b.pick(0, 1, 2))
    head = b.head(b.title_tag("{t} - {c} - 齐鲁网", site, ch), b.og(site))
    body = f"""{F.menu(b, ("首页", "新闻", "山东", "视频", "闪电新闻", "问政", "教育"), "header-nav")}
<div class="mod-article"><div class="article-main">
<h1>{esc(b.title)}</h1>
<div class="info"><p class="time">{shown}</p><p class="resource">来源: <span>{esc(src)}</span></p><p class="editor">编辑: {esc(ed[0])}</p></div>
{b.container('<div class="article-main-content" id="context">')}
{video}
{top}
{text}
</div>
{F.share_bar(b)}
{F.qr_box(b, site="闪电新闻")}
</div>
{F.video_strip(b) if video else F.related(b)}
</div>
{F.copyright_footer(b, "山东广播电视台", "iqilu.com", 2006)}"""
    return doc(b, head, body)


def city_rongmei(b: Build) -> str:
    city = b.story.city
    site = f"{city}新闻网"
    src = b.set_source(b.pick(f"{city}市融媒体中心", f"{city}日报", f"{city}融媒", "本网"))
    shown = b.time(b.pick("min", "sec"))
    updated = ""
    if b.chance(0.5):
        updated = f"{b.gap()}更新时间：{b.other_time(b.rng.uniform(0.05, 2), 'min', trap='updated_time')}"
    who = ""
    if b.chance(0.5):
        names = b.people(1)
        b.record("作者", names)
        who = f"{b.gap()}作者：{esc(names[0])}"
    credits = []
    form_sets = (("sanshen",), ("shenhe",), ("jianzhi", "shenhe"), ("gonggao",), ("bianji_jiaodui",))
    for form in b.pick(*form_sets):
        credits.append(f"<p>{b.furn(editor_line(b, form), inside=True)}</p>")
    reporter = ""
    if not who and b.chance(0.7):
        reporter = f"<p>{b.furn(byline(b, b.pick('jizhe', 'caixie', 'zhibi', 'wen_tu')), inside=True)}</p>"
        b.trap("credit_lines")
    early = b.chance(0.5) and len(b.paragraphs) > 2
    k = len(b.paragraphs) // 2
    if early:
        b.trap("early_body_end")
        text = (paragraphs(b, p_attr=' style="text-indent:2em"', only=slice(0, k))
                + '\n<div class="vote-box"><script src="/vote/widget.js"></script></div></body>\n'
                + paragraphs(b, p_attr=' style="text-indent:2em"', only=slice(k, None)))  # fmt: skip
    else:
        text = paragraphs(b, p_attr=' style="text-indent:2em"', n_images=b.pick(0, 1, 2))
    title_form = b.pick("{s}：{t}", "{t}-{s}", "{t}_{s}")
    head = b.head(b.title_tag(title_form, site), b.og(site, b.pick("absent", "stale", "present")))
    body = f"""<div class="header"><div class="logo">{b.furn(site)}</div>{F.menu(b, ("首页", "本地", "县区", "民生", "视听", "专题", "政务"))}</div>
{F.breadcrumb(b, ("首页", "本地新闻"), "当前位置：", " > ")}
<div class="detail"><div class="detail-title"><h2>{esc(b.title)}</h2></div>
<div class="detail-info">发布时间：{shown}{updated}{b.gap()}{b.pick("来源", "来源", "稿源")}{b.colon()}{esc(src)}{who}{b.gap()}浏览次数：<span id="hits"></span><script src="/count.php?id={b.rng.randint(1000, 99999)}"></script></div>
{b.container('<div class="detail-content">')}
{reporter}
{text}
{"".join(credits)}
</div>
<div class="detail-bottom">{F.share_bar(b)}{F.print_bar(b)}{F.prev_next(b)}</div></div>
{F.hot_list(b, "图片新闻")}
{F.copyright_footer(b, f"{city}市融媒体中心", f"www.{b.rng.randint(10, 99)}news.cn", 2010)}"""
    return doc(b, head, body, "<!DOCTYPE html>", ' lang="zh-CN"')


def _gov_metas(b: Build, site: str, column: str, pub: str, src: str) -> str:
    code = f"{b.rng.randint(10**9, 10**10 - 1)}"
    return "\n".join(f'<meta name="{k}" content="{attr(v)}">' for k, v in (
        ("SiteName", site), ("SiteDomain", f"www.{code[:4]}.gov.cn"), ("SiteIDCode", code), ("ColumnName", column),
        ("ColumnType", "工作动态"), ("ArticleTitle", b.title), ("PubDate", pub), ("ContentSource", src),
        ("Keywords", column), ("Author", ""), ("Description", b.paragraphs[0][:40]), ("Url", b.url)))  # fmt: skip


def county_trs(b: Build) -> str:
    county = b.pick("云溪区", "望江县", "石门县", "柳林县")
    site = f"{b.story.city}市{county}人民政府"
    column = b.pick("政务要闻", "部门动态", "乡镇动态")
    src = b.set_source(
        b.pick(
            f"{county}融媒体中心", f"{county}{b.pick('农业农村局', '教育和体育局', '住房和城乡建设局')}", "区政府办公室"
        )
    )
    shown = b.time(b.pick("min", "date", "sec"))
    early = b.chance(0.5)
    include = ""
    if early:
        b.trap("early_html_end")
        include = (
            f'<div class="top">{F.menu(b, ("首页", "走进" + county, "政务公开", "政务服务", "互动交流"))}</div>\n'
            "</body>\n</html>\n"
        )
    else:
        include = f'<div class="top">{F.menu(b, ("首页", "政务公开", "政务服务", "互动交流"))}</div>'
    tail = trailing_byline(b) if b.chance(0.35) else ""
    head = b.head(b.title_tag(b.pick("{t}", "{t}_{c}_{s}", "{s}-{t}"), site, column),
                  _gov_metas(b, site, column, b.story.ts.strftime("%Y-%m-%d %H:%M"), src), charset_style="http-equiv")  # fmt: skip
    body = f"""{include}
{F.breadcrumb(b, ("首页", "新闻中心", column), "当前位置：", " &gt; ", "position")}
<div class="article">
<div class="title">{esc(b.title)}</div>
<div class="info"><span>发布时间{b.colon()}{shown}</span>{b.gap()}<span>来源{b.colon()}{esc(src)}</span>{b.gap()}<span>{F.print_bar(b)}</span></div>
{b.container('<div class="TRS_Editor">')}{TRS_STYLE}<div class="Custom_UnionStyle">
{paragraphs(b, p_attr=' align="justify"', indent=IND, n_images=b.pick(0, 1), tail=tail)}
</div></div>
<!--<$[信息内容]>end-->
{F.qr_box(b)}
</div>
{F.copyright_footer(b, site, "gov.cn", 2008)}"""
    return doc(b, head, body)


def county_hanweb(b: Build) -> str:
    county = b.pick("滨湖区", "白沙县", "新港区", "河西区")
    site = f"{b.story.city}市{county}人民政府"
    column = b.pick("部门动态", "镇街动态", "政务要闻")
    src = b.set_source(
        b.pick(f"{county}政府办", f"{county}{b.pick('民政局', '卫生健康局', '交通运输局')}", f"{county}融媒体中心")
    )
    shown = b.time(b.pick("min", "date"))
    k = max(1, len(b.paragraphs) // 2)
    word = b.chance(0.5) and len(b.paragraphs) > 2
    if word:
        b.trap("early_html_end")
        text = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" '
                'content="text/html; charset=utf-8"><style>p.MsoNormal{margin:0pt;text-align:justify;}</style></head>'
                '<body lang="ZH-CN"><div class="WordSection1">\n'
                + paragraphs(b, p_attr=' class="MsoNormal"', indent=IND, only=slice(0, k))
                + "\n</div></body></html>\n" + paragraphs(b, indent=IND, only=slice(k, None)))  # fmt: skip
    else:
        text = paragraphs(b, indent=IND, n_images=b.pick(0, 1, 2))
    editor = f"<p>{b.furn(editor_line(b, b.pick('zeren', 'shenhe', 'bianji')))}</p>" if b.chance(0.7) else ""
    hits = f'<script language="javascript" src="/module/visitcount/articlehits.jsp?colid={b.rng.randint(100, 9999)}&amp;artid={b.rng.randint(10**6, 10**7)}"></script>'
    head = b.head(
        b.title_tag(b.pick("{s} {c} {t}", "{t} {s}", "{t}"), site, column),
        _gov_metas(b, site, column, b.story.ts.strftime("%Y-%m-%d %H:%M"), src),
    )
    body = f"""<div class="top">{F.menu(b, ("网站首页", "政务公开", "政务服务", "互动交流", "走进" + county))}</div>
{F.breadcrumb(b, ("首页", column), "您当前所在的位置：", " &gt; ", "bt-position")}
<table width="100%" border="0" cellspacing="0" cellpadding="0" class="main-table">
<tr><td class="title" align="center" style="font-size:22px;font-weight:bold;">{esc(b.title)}</td></tr>
<tr><td align="center" class="bt_line">发布日期：{shown}{b.gap()}浏览次数：{hits}{b.gap()}信息来源：{esc(src)}{b.gap()}{F.print_bar(b)}</td></tr>
<tr><td>{b.container('<div id="zoom">')}
<meta name="ContentStart">
{text}
<meta name="ContentEnd">
{editor}
</div></td></tr>
<tr><td align="right">{b.furn("【打印本页】【关闭窗口】")}</td></tr>
</table>
{F.copyright_footer(b, site, "gov.cn", 2010)}"""
    return doc(b, head, body, '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">')


def town_table(b: Build) -> str:
    town = b.pick("桃源镇", "石桥镇", "双河镇", "南关镇")
    site = f"{b.story.city}市{town}人民政府"
    src = b.set_source(b.pick(f"{town}党政办", f"{town}宣传办", "本站"))
    shown = b.time(b.pick("nopad", "date", "slash_date", "cn_date"))
    b.trap("td_br")
    names = b.people(1)
    b.record("作者", names)
    hits = b.rng.randint(20, 3000)
    b.furn(f"点击数：{hits}")
    head = b.head(b.title_tag(b.pick("{t}", "{s}--{t}", "::{s}::{t}"), site), charset_style="http-equiv")
    cell = paragraphs(b, style="br", indent=IND)
    b.containers.append('<td class="content"')
    body = f"""<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="120" background="/images/banner.jpg">{b.furn(site)}</td></tr>
<tr><td class="nav">{F.menu(b, ("首页", "镇情概况", "新闻动态", "政务公开", "招商引资", "便民服务"))}</td></tr>
<tr><td><table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td height="40" align="center" class="bt"><strong><font size="4">{esc(b.title)}</font></strong></td></tr>
<tr><td align="center" class="hui">作者：{esc(names[0])}&nbsp;&nbsp;{b.pick("来源", "稿源", "文章来源")}{b.colon()}{esc(src)}&nbsp;&nbsp;发布时间{b.colon()}{shown}&nbsp;&nbsp;点击数：<span>{hits}</span></td></tr>
<tr><td class="content" style="line-height:200%;font-size:14px;">{cell}</td></tr>
<tr><td align="right">{b.furn("【关闭窗口】")}</td></tr>
</table></td></tr>
<tr><td align="center" class="foot">{F.copyright_footer(b, site, "版权所有", 2005)}</td></tr>
</table>"""
    return doc(b, head, body, '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">')


def _url(host: str, shape: str) -> Callable[[random.Random, datetime, int], str]:
    def make(rng: random.Random, ts: datetime, i: int) -> str:
        return f"http://{host}" + shape.format(ts=ts, i=i, r=rng.randint(10**6, 10**7), c=rng.randint(100, 9999),
                                               m=ts.month, d=ts.day)  # fmt: skip

    return make


FAMILIES = (
    Family("dzwww", "大众网-like provincial portal (GB2312, text-logo h1, h2 headline)", dzwww,
           _url("sd.dzwww.com", "/sdnews/{ts:%Y%m}/t{ts:%Y%m%d}_{r}.htm"), ("gbk-meta", "gbk-header", "gbk-meta", "utf8")),
    Family("iqilu", "齐鲁网-like provincial broadcaster portal (video player)", iqilu,
           _url("news.iqilu.com", "/shandong/{ts:%Y%m%d}/{r}.shtml")),
    Family("city_rongmei", "city 融媒体中心 news site", city_rongmei,
           _url("www.qlnews.cn", "/bendi/{ts:%Y%m%d}/{r}.html"), ("utf8", "utf8-header-only", "utf8-undeclared")),
    Family("county_trs", "county government site on TRS WCM", county_trs,
           _url("www.yxq.gov.cn", "/xwzx/zwyw/{ts:%Y%m}/t{ts:%Y%m%d}_{r}.html"), ("utf8", "gbk-meta", "utf8-meta-says-gb2312")),
    Family("county_hanweb", "county government site on 大汉 Hanweb JCMS", county_hanweb,
           _url("www.bhq.gov.cn", "/art/{ts:%Y}/{m}/{d}/art_{c}_{r}.html"), ("utf8", "utf8", "gbk-meta-says-utf8")),
    Family("town_table", "town site on an old table layout (text in one <td> with <br>)", town_table,
           _url("www.tyz.gov.cn", "/news/ShowArticle.asp?ArticleID={r}"), ("gbk-meta", "gbk-undeclared", "gbk-header")),
)  # fmt: skip
