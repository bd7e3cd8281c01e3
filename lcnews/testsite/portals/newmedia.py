"""New media: 澎湃-like (Next.js, body duplicated in JSON), 界面-like (pipe bylines) and 财新-like (paywall teaser)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import datetime

from . import furniture as F
from .body import dateline, hashed, paragraphs
from .kit import BEIJING, Build, Family, doc, esc


def thepaper(b: Build) -> str:
    site = "澎湃新闻"
    src = b.set_source(b.pick("澎湃新闻", "澎湃新闻", f"{b.story.city}发布"))
    shown = b.time("min")
    names = b.people(b.pick(1, 2))
    b.record("记者", names)
    author = b.furn(f"澎湃新闻记者 {' '.join(names)}")
    b.trap("site_reporter_byline")
    e, j = b.people(2)
    b.record("责任编辑", [e])
    b.record("校对", [j])
    b.not_body += [f"责任编辑：{e}", f"校对：{j}"]
    next_data = {"props": {"pageProps": {"detailData": {"contentDetail": {
        "name": b.title, "pubTime": shown, "pubTimeLong": int(b.story.ts.replace(tzinfo=BEIJING).timestamp() * 1000),
        "content": "".join(f"<p>{p}</p>" for p in b.paragraphs), "responsibleEditor": e}}}}}  # fmt: skip
    b.trap("body_in_json")
    head = b.head(b.title_tag(b.pick("{t}_澎湃新闻-The Paper", "{t}_澎湃号·政务_澎湃新闻-The Paper"), site), b.og(site))
    c = b.container(f'<div class="{hashed(b, "cententWrap")}">')
    body = f"""<div id="__next"><div class="{hashed(b, "header")}">{F.menu(b, ("首页", "要闻", "深度", "视频", "直播", "澎湃号", "问政"))}</div>
<div class="{hashed(b, "wrapper")}"><div class="{hashed(b, "left")}">
<h1 class="{hashed(b, "title")}">{esc(b.title)}</h1>
<div class="{hashed(b, "headerContent")}"><div class="{hashed(b, "author")}">{author}</div>
<div class="ant-space ant-space-horizontal"><div class="ant-space-item"><span>{shown}</span></div>
<div class="ant-space-item"><span>来源：{esc(src)}</span></div></div></div>
{c}
{paragraphs(b, n_images=b.pick(0, 1, 2), image_fn=None)}
</div>
<div class="{hashed(b, "editor")}"><p>责任编辑：{esc(e)}</p><p>校对：{esc(j)}</p></div>
{F.report_line(b)}
{F.related(b, "推荐阅读", dated=False)}
{F.comment_form(b)}
</div><div class="{hashed(b, "right")}">{F.hot_list(b, "热榜")}</div></div>
{F.copyright_footer(b, "澎湃新闻", "thepaper.cn", 2014)}
</div>
<script id="__NEXT_DATA__" type="application/json">{json.dumps(next_data, ensure_ascii=False)}</script>"""
    return doc(b, head, body)


def jiemian(b: Build) -> str:
    site = "界面新闻"
    src = b.set_source(b.pick("界面新闻", "界面新闻", f"{b.story.city}晚报"))
    shown = b.time(b.pick("slash", "slash", "min"))
    rep = b.people(1)
    b.record("记者", rep)
    ed = b.people(1)
    b.record("编辑", ed)
    top = (f"<p>{b.furn(f'界面新闻记者 | {rep[0]}', inside=True)}</p>\n"
           f"<p>{b.furn(f'界面新闻编辑 | {ed[0]}', inside=True)}</p>")  # fmt: skip
    b.trap("pipe_byline")
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": b.title,
          "datePublished": b.story.ts.strftime("%Y-%m-%dT%H:%M:%S+08:00"),
          "dateModified": b.other_time(b.rng.uniform(0.1, 2), "sec").replace(" ", "T") + "+08:00"}  # fmt: skip
    b.distractor_times[-1] = ld["dateModified"]
    head = b.head(b.title_tag("{t}|界面新闻 · {c}", site, b.pick("中国", "地方", "商业", "城市")),
                  b.og(site) + f'\n<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>')  # fmt: skip
    body = f"""{F.menu(b, ("首页", "快讯", "商业", "科技", "地产", "城市", "文化", "正午"), "header-nav")}
<div class="article-view"><div class="article-header"><h1>{esc(b.title)}</h1>
<div class="article-info"><p><span class="author"><a href="/user/{b.rng.randint(1000, 99999)}.html">{esc(rep[0])}</a></span>
<span class="date">{shown}</span>{b.gap()}<span>来源：{esc(src)}</span></p></div></div>
<div class="article-content">
{b.container('<div class="article-main">')}
{top}
{paragraphs(b, n_images=b.pick(0, 1, 2))}
</div>
<p class="footnote">{b.furn("未经授权，禁止转载。如需转载请联系本站获取授权。")}</p>
<div class="main-mate">{F.tags(b)}</div>
{F.share_bar(b)}
</div>
{F.related(b, "相关文章", dated=True)}
</div>
{F.copyright_footer(b, "界面新闻", "jiemian.com", 2014)}"""
    return doc(b, head, body)


def caixin(b: Build) -> str:
    site = "财新网"
    b.paragraphs = b.paragraphs[:3]
    b.trap("paywall_teaser")
    lead = dateline(b, "caixin") if b.chance(0.6) else ""
    names = b.people(b.pick(1, 2))
    b.record("文", names)
    by = f"文｜财新 {' '.join(names)}"
    b.not_body.append(by)
    src = b.set_source("财新网")
    shown = b.time("cn")
    tips = [b.furn("本文为付费内容，订阅后可继续阅读全文", inside=True),
            b.furn("已订阅？请登录后阅读", inside=True), b.furn("立即订阅", inside=True)]  # fmt: skip
    head = b.head(b.title_tag(b.pick("{t}_财新网_财新网", "{t}_{c}频道_财新网"), site, b.pick("经济", "政经", "地方")),
                  b.og(site, b.pick("present", "absent")))  # fmt: skip
    body = f"""{F.menu(b, ("首页", "经济", "金融", "公司", "政经", "世界", "观点", "文化"), "navTop")}
<div class="comMain"><div class="comMainLeft">
<div id="conTit"><h1>{esc(b.title)}</h1>
<div class="artInfo">{esc(by)}<br />{shown}<span id="source_baidu">{b.gap()}来源于 <a href="#">{esc(src)}</a></span></div></div>
{b.container('<div id="Main_Content_Val" class="text">')}
{paragraphs(b, lead=lead)}
<div class="cons_tips"><p>{tips[0]}</p><p><a href="/login">{tips[1]}</a></p><a class="btn" href="/buy">{tips[2]}</a></div>
</div>
<p class="copyright">{b.furn("版权声明：财新网所刊载内容之知识产权为财新传媒及/或相关权利人专属所有或持有。未经许可，禁止进行转载、摘编、复制及建立镜像等任何使用。")}</p>
{F.related(b, "相关报道")}
</div><div class="comMainRight">{F.hot_list(b, "财新头条")}</div></div>
{F.copyright_footer(b, "财新网", "Caixin", 2010)}"""
    return doc(b, head, body)


def _url(host: str, shape: str) -> Callable[[random.Random, datetime, int], str]:
    def make(rng: random.Random, ts: datetime, i: int) -> str:
        return f"https://{host}" + shape.format(ts=ts, i=i, r=rng.randint(10**7, 10**8))

    return make


FAMILIES = (
    Family("thepaper", "澎湃-like Next.js article (hashed classes, body also in __NEXT_DATA__)", thepaper,
           _url("www.thepaper.cn", "/newsDetail_forward_{r}")),
    Family("jiemian", "界面-like article (记者 | X bylines in the text, JSON-LD)", jiemian,
           _url("www.jiemian.com", "/article/{r}.html")),
    Family("caixin", "财新-like paywall teaser", caixin,
           _url("china.caixin.com", "/{ts:%Y-%m-%d}/10{r}.html")),
)  # fmt: skip
