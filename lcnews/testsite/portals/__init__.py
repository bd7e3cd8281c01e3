"""Third-party Chinese news pages with exact ground truth: markups lcnews was not written for.

The real pages of Chinese portals, ministries and city sites cannot be fetched here. This package
writes pages in the manner of those sites — 28 families, each a coherent template with seeded
variation — around invented local stories (``text.py``: every place, person and event is made up,
no sentence comes from a real page), and records for every page exactly what a reader would take
from it. It is built from knowledge of how such sites are put together, never against the extractor.

API: ``generate_portal_pages(n, seed=1) -> list[PortalPage]`` (``url``, ``html`` bytes, ``headers``,
``family``, ``truth``), deterministic for a seed; families in turn, so any ``n >= len(FAMILIES)``
has every family. ``FAMILIES`` maps a name to its :class:`Family`. CLI:
``python -m lcnews.testsite.portals --out DIR --n 200 [--seed 1]`` writes ``NNNN-family.html`` and
``truth.json``. Benchmark: ``bench/portals_eval.py``.

Truth rules (docs/CONTRACTS.md, applied to third-party pages)
--------------------------------------------------------------
1. ``body``: the article's paragraphs in page order joined by ``\n``, whitespace collapsed (U+3000 and
   NBSP included) and stripped. Never body: headline, kicker (引题) and subtitle (副题), meta lines,
   bylines standing on their own line (``本报记者 X``, ``文/X``, ``【文/X】``, ``作者︱X``, ``作者X``,
   ``界面新闻记者 | X``, ``新华社记者 X Y``, ``X/报社名``, ``采写：X``, ``执笔/X``...), credit lines
   (``编辑 X 校对 Y``, ``（编辑：X）``, ``审核：``, ``监制：``, ``出品：``, ``一审/二审/三审``, ``供稿 摄影/ 编辑/``),
   editor lines, captions, ``原标题：…`` lines, end marks (``（完）``, ``(完)``, ``【完】``: not body, as a
   line of their own or at the end of the last paragraph), disclaimers (免责声明/特别声明/版权声明/网站声明),
   related/recommended lists, video strips, share bars, QR boxes, print/close/纠错/字号 bars,
   上一篇/下一篇, tags, comment forms, paywall prompts, app promotions, 返回…查看更多 lines, a forum's
   ``本帖最后由 … 编辑`` note and its replies, footers.
2. A dateline byline opening the first paragraph is removed and the rest kept: ``新华社青岚5月9日电（记者
   X、Y）``, ``中新网青岚5月9日电 (记者 X)``, ``本报讯（记者 X 通讯员 Y）``, ``央视网消息（新闻联播）：``,
   ``【财新网】（记者 X）``, ``中国日报网5月9日电``. A trailing ``（X）`` after the last paragraph is removed.
   (The truth lists both under ``attached``: the benchmark counts such a paragraph as a byline miss,
   not as furniture.)
3. Multi-page articles: the body is the first page's text. Paywalled articles: the visible teaser.
   Galleries and video pages: the text block (lead or brief) only; slide captions go to ``images``.
   WeChat copies: the text is body even though ``#js_content`` is hidden until a script runs.
   Government documents: the salutation, items, signature organ, signing date and ``（此件公开发布）`` are
   document text, so body; the attachment list and the 索引号 table are not.
4. ``title``: the headline as a reader sees it (whitespace collapsed), without kicker, subtitle, site or
   channel affix, forum type prefix (``[社区新闻]``) or logo; ``og:title`` may be stale or absent and the
   ``<title>`` may carry affixes in any form (``标题_频道_网站``, ``标题-网站``, ``网站：标题``,
   ``标题 - 频道 - 网站``, ``标题|网站``, ``网站 频道 标题``).
5. ``published_at``: the publish time the page shows next to the headline (or in the document table),
   Beijing time: ``YYYY-MM-DDTHH:MM:SS+08:00``, seconds ``:00`` when the page shows none; a page showing
   only a date gives ``YYYY-MM-DD`` (``published_has_time`` false). ``published_day`` is always the date;
   ``published_raw`` the shown string, whitespace collapsed (``2024 05/09 10:21:33`` where the parts sit
   in separate spans). Never the publish time: 更新时间 / dateModified / lastmodifiedtime, a player's or
   script's build time, sidebar, hot-list, related and playlist dates, reply times, an edit note, a
   document's 成文日期, copyright years, dates inside the text (``distractor_times`` lists them).
6. ``source``: the value of an explicit 来源/稿源/文章来源/信息来源/来源于/本文来源 label, or the media name a
   family shows unlabelled in its meta line's source slot (新浪-, 腾讯-, 央视网-like); bare, without
   dates, counters, IP location, print bars. No label and no slot: ``""`` (a WeChat account name or a
   搜狐号 is the publisher's account, not a source).
7. ``authors``: writers named as such, in byline order: 记者, 本报记者, 作者, 文/, 撰文, 采写, 执笔,
   特约撰稿, a dateline's (记者 X), ``新华社记者 X Y``, ``X/报社名``, ``澎湃新闻记者 X``, ``记者 | X``, a
   trailing ``（X）``, the byline of 文/图 (also a photographer), a WeChat copy's author field, a forum
   thread's starter (楼主) and a blog's owner. None named: ``[]``. ``correspondents``: 通讯员.
   ``photographers``: 摄影, ``X 摄`` (captions included), 图/, 摄像, 文/图. ``editors``, in order, codes
   stripped (``X_NB12345``, ``X SF001``, ``X PN066`` -> ``X``): names labelled 编辑, 责任编辑, 责编,
   初审编辑, 终审编辑, 值班编辑 (as docs/CONTRACTS.md and the site's replica). Credits in no field: the
   review chain 初审/复审/终审, 一审/二审/三审, 审核, 编审, and 校对, 监制, 出品, 统筹, 策划, 设计, 制作,
   供稿 (``kit.ROLE_FIELD`` is the table).
8. ``images``: every image of the article with its absolute URL (the real one for lazy ``data-src``
   images) and its caption as shown, whitespace collapsed (``""`` when none).
9. ``not_body``: every furniture, credit, byline, caption and end-mark line the page shows (lines of 8+
   characters never occur in the body); ``furniture_inside`` those placed inside the content container;
   ``containers`` the opening tag(s) of the content container(s); ``traps`` what the page tries.

Families and their traps (besides dated related/sidebar lists, copyright years and dated events in the
text, which most pages have)
----------------------------------------------------------------------------------------------------------
central.py     xinhua (split-span time, dateline, （完）, player build time, stale og), people (GB2312,
               kicker/subtitle, 人民网－人民日报 source, (责编：X、Y)), cctv (unlabelled source, player,
               央视网消息 lead, video strip), chinanews (中新网…电 (记者 X), （完）, 【编辑:X】), gmw
               (multi-page, [责编：X], 作者：本报记者), chinadaily (source + time + author in one element,
               trailing （X）, JSON-LD)
commercial.py  sina (unlabelled source link, 展开全文 split body, SF editor codes, 原标题), netease (IP
               location after the source, _NB codes, X/报社名, 本文来源), sohu (返回搜狐 line, self-media
               bylines 文/ 【文/】 作者︱ 作者X, account box), tencent (window.DATA with update time, 记者
               line, trailing （X）), ifeng (CSS-modules class names, allData build time, codes)
newmedia.py    thepaper (hashed classes, body duplicated in __NEXT_DATA__, 责任编辑/校对), jiemian (记者 |
               X and 编辑 | X inside the text, JSON-LD dateModified), caixin (paywall teaser, 文｜财新 X)
local.py       dzwww (GB2312, text-logo h1 + h2 headline, TRS_Editor style block, 初审编辑/终审编辑),
               iqilu (``标题 - 频道 - 网站``, editor in the meta line, player data attribute, early
               </body>), city_rongmei (网站：标题, 稿源, 更新时间, view counter, 三审/监制/供稿 credits, early
               </body>), county_trs (TRS WCM metas, a header include ending in </body></html> before the
               article, lying charset), county_hanweb (td headline, a pasted Word document whose
               </body></html> sits mid-article, 信息来源), town_table (GBK, headline in <font>, text in one
               <td> with <br>, 点击数 in the meta line)
gov.py         ministry (div headline, 来源： with a space, firstpublished/lastmodified metas, 【我要纠错】),
               city_xxgk (索引号/发布机构/成文日期 table, document body with signature and date), notice
               (short notice beside a long site statement, 信息来源, 访问量)
special.py     wechat (rich_media, hidden content, data-src images, credits at the end, 往期推荐, var ct /
               svr_time), forum (Discuz!: post in a <td> with <br>, edit note, replies, type prefix),
               blog (blog-name h1 before an h2 headline), gallery (slides with captions, <time>), video
               (player build time, one-paragraph brief beside a long dated playlist)

Encodings: UTF-8 declared, header-only or undeclared; GBK declared as gb2312 in a meta (with names that
GB2312 lacks), in the header, or not at all; and two lying declarations (GBK bytes under a utf-8 meta,
UTF-8 bytes under a gb2312 meta). ``truth["encoding"]`` is the real codec.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from . import central, commercial, gov, local, newmedia, special
from .kit import ENCODINGS, Build, Family, PortalPage
from .text import make_story, notice_story

_ALL: tuple[Family, ...] = (
    *central.FAMILIES,
    *commercial.FAMILIES,
    *newmedia.FAMILIES,
    *local.FAMILIES,
    *gov.FAMILIES,
    *special.FAMILIES,
)
FAMILIES: dict[str, Family] = {f.name: f for f in _ALL}
_START = datetime(2023, 1, 3)
_SPAN_DAYS = 900


def generate_portal_pages(n: int, seed: int = 1) -> list[PortalPage]:
    """``n`` pages, families in turn (every family once in each run of ``len(FAMILIES)``), deterministic."""
    if n < 0:
        raise ValueError("n must be >= 0")
    return [_page(i, seed) for i in range(n)]


def _page(i: int, seed: int) -> PortalPage:
    family = _ALL[i % len(_ALL)]
    rng = random.Random(f"portals:{seed}:{i}")
    ts = _START + timedelta(days=rng.randrange(_SPAN_DAYS), hours=rng.randint(6, 22), minutes=rng.randrange(60),
                            seconds=rng.randrange(60))  # fmt: skip
    encoding = rng.choice(family.encodings)
    gbk_names = ENCODINGS[encoding][0] == "gbk" and rng.random() < 0.5
    story = notice_story(rng, ts) if family.kind == "notice" else make_story(rng, ts, family.n_par, gbk_names)
    url = family.url(rng, ts, i + 1)
    b = Build(rng, story, url, family.name, encoding)
    return b.finish(family.render(b))
