"""Article text and page builders shared by the tests of the extract stages.

Every word here was written for these tests (tests/test_no_eval_text.py holds this file to that
too). The article is one short local-news story; the furniture around it is what a Chinese city
news page usually carries: a menu, a sidebar of dated headlines, a footer.
"""

from __future__ import annotations

from lcnews.extract.dom import Block
from lcnews.extract.page import Page, parse_page
from lcnews.extract.rules import Rules, rules_for

URL = "https://www.lcxw.cn/yaowen/shehui/20240608/1001.html"
TITLE = "城区新增三条公交线路方便居民出行"
P1 = "记者从市交通运输局了解到，为方便城区居民出行，本月起将新开通三条公交线路，途经十二个居民小区和四所学校。"
P2 = "新线路全部采用纯电动公交车，首班车早上六点发车，末班车晚上九点收车，高峰时段发车间隔不超过十分钟。"
P3 = "市交通运输局相关负责人表示，下一步将根据乘客反馈继续优化站点设置，让群众出行更加便捷。"
PARAS = (P1, P2, P3)
BODY = "\n".join(PARAS)
BODY_HTML = "".join(f"<p>{p}</p>" for p in PARAS)

MENU = (
    "<div class='nav'><ul><li><a href='/'>首页</a></li><li><a href='/yaowen/'>要闻</a></li>"
    "<li><a href='/yaowen/shendu/'>记者直击</a></li><li><a href='/yaowen/shehui/'>社会</a></li>"
    "<li><a href='/kandianshi/'>看电视</a></li></ul></div>"
)
SIDEBAR = (
    "<div class='side'><h3>热点新闻</h3><ul>"
    "<li><a href='/a/1.html'>湖滨步道改造工程本周完工</a><span>2025-03-01 09:00</span></li>"
    "<li><a href='/a/2.html'>全市中小学开展防溺水安全教育</a><span>2025-02-28 10:00</span></li>"
    "</ul></div>"
)
FOOTER = "<div class='foot'><p>关于我们 | 广告服务 | 版权声明 | 联系我们</p><p>聊城新闻网 2006-2025 版权所有</p></div>"
META = "<div class='info'>2024-06-08 21:32 来源：聊城日报</div>"
HEADLINE = f"<h1>{TITLE}</h1>"


def rules() -> Rules:
    """The compiled rules of the bundled profile: what ships."""
    return rules_for(None)


def html(body: str, title: str | None = None, head: str = "") -> str:
    """A whole page; the ``<title>`` is the headline with the site's suffix unless given."""
    shown = f"{TITLE}_聊城新闻网" if title is None else title
    return f"<html><head><meta charset='utf-8'><title>{shown}</title>{head}</head><body>{body}</body></html>"


def article(
    content: str = BODY_HTML,
    *,
    meta: str = META,
    headline: str = HEADLINE,
    content_class: str = "con",
) -> str:
    """An article's page body: menu, headline, meta line, content, sidebar and footer."""
    return (
        f"{MENU}<div class='article'>{headline}{meta}<div class='{content_class}'>{content}</div></div>"
        f"{SIDEBAR}{FOOTER}"
    )


def page(body: str, title: str | None = None, head: str = "", url: str | None = URL) -> Page:
    """The parse stage's :class:`Page` of ``html(body, title, head)``."""
    parsed = parse_page(html(body, title, head), url)
    assert parsed is not None
    return parsed


def text_blocks(pg: Page, selector: str) -> list[Block]:
    """The text blocks (images left out) of the first element matching ``selector``."""
    el = pg.select(selector)[0]
    return [b for b in pg.walk.blocks_of(el) if b.image is None]
