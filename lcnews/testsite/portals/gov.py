"""Government pages: ministry / State Council news, city 政务公开 documents with their index table, 通知公告."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from . import furniture as F
from .body import editor_line, paragraphs
from .kit import Build, Family, attr, doc, esc, fmt_time

IND = "\u3000\u3000"
MINISTRIES = ("农业农村部", "教育部", "交通运输部", "生态环境部", "国家卫健委", "住建部")
PLANS = ("城乡环境整治提升三年行动方案", "促进消费提质扩容若干措施", "农村供水保障工作实施方案", "老旧小区改造工作方案",
         "中小学课后服务管理办法", "生活垃圾分类工作实施方案")  # fmt: skip
ITEMS = ("提高思想认识。各级各部门要把这项工作摆上重要议事日程，主要负责同志亲自部署、亲自过问。",
         "压实工作责任。各牵头单位要细化任务分工，建立工作台账，明确时间节点和责任人。",
         "强化要素保障。财政、自然资源等部门要在资金、用地等方面给予支持，确保各项任务落地。",
         "加强督导检查。市政府督查室将适时开展专项督查，督查结果纳入年度综合考核。")  # fmt: skip
NUMS = "一二三四"


def ministry(b: Build) -> str:
    gov_cn = b.chance(0.4)
    site = "中国政府网" if gov_cn else f"中华人民共和国{b.pick(*MINISTRIES)}"
    src = b.set_source(b.pick(f"{b.story.city}市人民政府", "新华社", f"{b.story.city}日报", "办公厅"))
    shown = b.time("min")
    first = b.story.ts.strftime("%Y-%m-%d-%H:%M:%S")
    last = b.other_time(b.rng.uniform(0.2, 5), "sec").replace(" ", "-")
    b.distractor_times[-1] = last
    b.trap("meta_modified_time")
    editor = b.furn(editor_line(b, "zeren"))
    tc = b.title_tag(
        b.pick("{t}_部门政务_{s}", "{t}_地方政务_{s}") if gov_cn else b.pick("{t}_地方动态_{s}", "{t}"), site
    )
    metas = (f'<meta name="firstpublishedtime" content="{first}">\n<meta name="lastmodifiedtime" content="{last}">\n'
             f'<meta name="manuscriptId" content="{b.rng.getrandbits(32):x}">\n<meta name="ArticleTitle" content="{attr(b.title)}">')  # fmt: skip
    head = b.head(tc, metas)
    body = f"""<div class="header">{b.furn(site)}{F.menu(b, ("首页", "新闻", "政策", "互动", "服务", "数据", "国情"))}</div>
{F.breadcrumb(b, ("首页", "新闻", "地方动态"), "当前位置：", " &gt; ", "BreadcrumbNav")}
<div class="article oneColumn pub_border">
<div class="pages-title">{esc(b.title)}</div>
<div class="pages-date">{shown} <span class="font">来源： {esc(src)}</span>
<span class="font index_switchsize">【字体：<span>大</span> <span>中</span> <span>小</span>】</span><span class="font printIco">{b.furn("打印")}</span></div>
{b.container('<div class="pages_content" id="UCAP-CONTENT">')}
{paragraphs(b, indent=IND, n_images=b.pick(0, 0, 1))}
</div>
<div class="editor">{b.furn("【我要纠错】")} {editor}</div>
{F.share_bar(b)}
{F.related(b, "相关稿件")}
</div>
{F.copyright_footer(b, site, "www.gov.cn", 2014)}"""
    b.not_body.append("【字体：大 中 小】")
    return doc(b, head, body)


def _doc_story(b: Build) -> tuple[str, str, datetime]:
    """A 政务公开 document: salutation, items, signature organ and date (all body); returns organ, number, date."""
    city = b.story.city
    plan = b.pick(*PLANS)
    organ = f"{city}市政府办公室"
    b.title = f"{organ}关于印发{city}市{plan}的通知"
    signed = b.story.ts - timedelta(days=b.rng.randint(2, 12))
    items = [f"{NUMS[i]}、{t}" for i, t in enumerate(b.rng.sample(ITEMS, b.rng.randint(2, 4)))]
    b.paragraphs = [
        "各县（市、区）人民政府，市政府各部门，各有关单位：",
        f"《{city}市{plan}》已经市政府同意，现印发给你们，请结合实际认真贯彻落实。",
        *items,
        organ,
        f"{signed.year}年{signed.month}月{signed.day}日",
        "（此件公开发布）",
    ]
    number = f"{city[0]}政办字〔{signed.year}〕{b.rng.randint(1, 60)}号"
    return organ, number, signed


def city_xxgk(b: Build) -> str:
    organ, number, signed = _doc_story(b)
    city = b.story.city
    site = f"{city}市人民政府"
    signed_shown = fmt_time(signed, "cn_date")
    b.distractor_times.append(signed_shown)
    b.trap("document_dates")
    meta_line = b.chance(0.5)
    pub_table = fmt_time(b.story.ts, "cn_date")
    if meta_line:
        shown = b.time(b.pick("min", "sec"))
        src = b.set_source(b.pick(organ, "市政府办公室"))
        line = f'<div class="info">发布时间：{shown}{b.gap()}来源：{esc(src)}{b.gap()}{F.print_bar(b)}</div>'
    else:
        b.time("cn_date")
        line = f'<div class="info">{F.print_bar(b)}</div>'
    index = (
        f"11{b.rng.randint(10**6, 10**7)}MB{b.rng.randint(10**4, 10**5)}A/{signed.year}-{b.rng.randint(10**4, 10**5)}"
    )
    rows = [("索引号：", index, "主题分类：", b.pick("城乡建设", "农业、农村", "教育", "综合政务")),
            ("发布机构：", organ, "成文日期：", signed_shown),
            ("文\u3000\u3000号：", number, "发布日期：", pub_table)]  # fmt: skip
    table = "".join(f"<tr><th>{a}</th><td>{esc(b_)}</td><th>{c}</th><td>{esc(d)}</td></tr>" for a, b_, c, d in rows)
    for row in rows:
        b.not_body += [f"{row[0]} {row[1]}", f"{row[2]} {row[3]}"]
    table += f'<tr><th>名\u3000\u3000称：</th><td colspan="3">{esc(b.title)}</td></tr>'
    attachment = (f'<div class="fujian">{b.furn("附件：")}<a href="/att/{b.rng.randint(1000, 9999)}.docx">'
                  f"{b.furn(f'{city}市政府信息公开申请表.docx')}</a></div>")  # fmt: skip
    head = b.head(b.title_tag(b.pick("{t}", "{t}_{c}_{s}", "{s} {t}"), site, "政府文件"),
                  f'<meta name="ArticleTitle" content="{attr(b.title)}">\n<meta name="PubDate" content="{b.story.ts:%Y-%m-%d %H:%M}">')  # fmt: skip
    body = f"""<div class="head">{esc(site)}{F.menu(b, ("首页", "政务公开", "政务服务", "政民互动", "走进" + city))}</div>
{F.breadcrumb(b, ("首页", "政务公开", "政府文件"), "当前位置：", " &gt; ", "location")}
<div class="xxgk_detail">
<table class="xxgk_table" cellpadding="0" cellspacing="0">{table}</table>
<div class="wzy_title">{esc(b.title)}</div>
{line}
{b.container('<div class="wzy_content" id="zoom">')}
{paragraphs(b, indent=IND)}
</div>
{attachment}
{F.qr_box(b)}
</div>
{F.copyright_footer(b, site, "gov.cn", 2012)}"""
    return doc(b, head, body)


def notice(b: Build) -> str:
    county = b.pick("云溪区", "望江县", "石门县")
    site = f"{b.story.city}市{county}人民政府"
    src = b.set_source(b.paragraphs[-2])
    shown = b.time(b.pick("date", "min"))
    b.trap("short_article_long_furniture")
    statement = b.furn("网站声明：本网站所载文字、图片等信息仅供参考，如需引用请注明出处。本网站转载的文章，其版权归原作者所有。"
                       "用户使用本站信息须遵守相关法律法规，不得利用本站从事违法活动。本网站对因使用或依赖本网站信息"
                       "所造成的任何直接或间接损失不承担责任。如发现本网站内容存在错误或侵权情形，请通过页面底部的联系方式告知，"
                       "我们将在核实后及时更正或删除。本声明的解释权归本网站所有。")  # fmt: skip
    b.extra["long_block"] = b.not_body[-1]
    head = b.head(b.title_tag(b.pick("{t}-{s}", "{t}_通知公告_{s}"), site), "")
    body = f"""<div class="top">{b.furn(site)}{F.menu(b, ("首页", "政务公开", "通知公告", "办事服务", "互动交流"))}</div>
{F.breadcrumb(b, ("首页", "通知公告"), "当前位置：", " > ")}
<div class="con_main"><div class="con_title"><h1>{esc(b.title)}</h1></div>
<div class="con_info">发布日期：{shown}{b.gap()}信息来源：{esc(src)}{b.gap()}{b.furn("访问量：")}<span id="pv">{b.rng.randint(10, 900)}</span></div>
{b.container('<div class="con_text">')}
{paragraphs(b, indent=IND)}
</div>
{F.related(b, "相关公告", k=8)}
<div class="wzsm">{statement}</div>
</div>
{F.copyright_footer(b, site, "gov.cn", 2015)}"""
    return doc(b, head, body)


def _url(host: str, shape: str) -> Callable[[random.Random, datetime, int], str]:
    def make(rng: random.Random, ts: datetime, i: int) -> str:
        return f"https://{host}" + shape.format(ts=ts, i=i, r=rng.randint(10**6, 10**7))

    return make


FAMILIES = (
    Family("ministry", "国务院/部委-like news page (div headline, firstpublishedtime metas)", ministry,
           _url("www.gov.cn", "/lianbo/difang/{ts:%Y%m}/content_{r}.htm")),
    Family("city_xxgk", "city government 政务公开 document with 索引号/发布机构 table", city_xxgk,
           _url("www.ql.gov.cn", "/zwgk/zfwj/{ts:%Y%m}/t{ts:%Y%m%d}_{r}.html"), ("utf8", "gbk-meta")),
    Family("notice", "county government 通知公告 (short notice, long site statement)", notice,
           _url("www.yx.gov.cn", "/tzgg/{ts:%Y%m}/t{ts:%Y%m%d}_{r}.html"), ("utf8", "utf8-undeclared"), kind="notice"),
)  # fmt: skip
