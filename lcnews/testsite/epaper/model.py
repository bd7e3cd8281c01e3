"""The e-paper replica's content: papers, editions, pages and articles, seeded, with exact truth.

Two papers (聊城日报 daily but for one missing day, 聊城晚报 not on Sundays), a run of days, 4–12 pages
a day, one advert-only page on some days, an article continued from page 1 to a later page, 引题
and 副题, photos with captions, and a later state: two more days and one edited article.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from lcnews.testsite import data

ORIGIN = "http://lcrb.lcxw.cn"
START = date(2024, 3, 4)  # a Monday
EXTRA_DAYS = 2  # days the later state adds


@dataclass(frozen=True)
class PaperSpec:
    key: str
    dir: str
    name: str
    first_id: int
    template_weights: tuple[int, int]  # (modern, table): how often each template renders a day
    dated_links: bool  # content links in the dated form
    sundays: bool


PAPERS = (
    PaperSpec("lcrb", "paper", "聊城日报", 47001, (1, 3), False, True),
    PaperSpec("lcwb", "lcwb", "聊城晚报", 9001, (3, 1), True, False),
)
PAGE_NAMES = {
    "lcrb": ["要闻", "要闻", "综合", "经济", "城事", "县域", "民生", "文化", "理论", "运河", "副刊", "专版"],
    "lcwb": ["今日聚焦", "城事", "民生", "热线", "文体", "县域", "健康", "娱乐", "专版", "副刊", "生活", "天下"],
}
AD_PAGE_NAME = "广告"
PRETITLES = ["聚焦{topic}", "{place}", "关注{topic}", "一线见闻", "奋进新征程"]
SUBTITLES = ["{place}{town}探索发展新路径", "{company}加快转型升级", "全年目标任务顺利推进", "{n1}个项目集中开工"]
PHOTO_TITLES = ["图片新闻", "{landmark}春意浓", "{place}：田间管理正当时"]
EDIT_NOTE = "（本文已作更正）"
_SLOT = re.compile(r"\{(\w+)\}")
_FULLWIDTH = str.maketrans(",:()", "，：（）")
_POOLS: dict[str, Sequence[str]] = {
    "place": data.PLACES,
    "town": data.TOWNS,
    "company": data.COMPANIES,
    "industry": data.INDUSTRIES,
    "product": data.PRODUCTS,
    "dept": data.DEPARTMENTS,
    "person": data.PEOPLE,
    "position": data.POSITIONS,
    "topic": data.TOPICS,
    "landmark": data.LANDMARKS,
}


def fill(rng: random.Random, template: str, day: date) -> str:
    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in _POOLS:
            return rng.choice(_POOLS[name])
        if name == "n1":
            return str(rng.randint(3, 30))
        if name == "n2":
            return str(rng.randint(40, 900))
        if name == "n3":
            return str(rng.randint(10, 5000))
        if name == "pct":
            return f"{rng.randint(2, 35)}.{rng.randint(0, 9)}"
        if name == "money":
            return f"{rng.randint(1, 60)}.{rng.randint(1, 9)}"
        if name == "md":
            return f"{day.month}月{day.day}日"
        if name == "mon":
            return str(rng.randint(1, 12))
        if name == "year":
            return str(day.year)
        raise KeyError(name)

    return _SLOT.sub(one, template).translate(_FULLWIDTH)


@dataclass
class Photo:
    path: str  # on the replica and the origin
    caption: str  # as printed ("" when the photo has none)


@dataclass
class PrintSpec:
    """One printed article and everything its page shows."""

    paper: PaperSpec
    content_id: int
    day: date
    page_no: int
    page_name: str
    pretitle: str
    title: str
    subtitle: str
    byline: list[str]  # paragraphs opening the text ("■ 本报记者 X", "本报通讯员 Y")
    closing: list[str]  # paragraphs closing it ("■ X" of a photo story)
    dateline: str  # "本报讯（记者 X）" opening the first paragraph
    paragraphs: list[str]
    photos: list[Photo]
    authors: list[str]
    correspondents: list[str]
    photographers: list[str]
    continued_to: int | None = None
    continued_from: int | None = None
    web_url: str = ""  # the web article this reprints (its text), when printed from the website
    leaked: bool = False  # a second metadata comment leaks its tail into the page
    edited: bool = False  # the later state corrects it

    @property
    def yyyymm(self) -> str:
        return f"{self.day.year}{self.day.month:02d}"

    @property
    def dd(self) -> str:
        return f"{self.day.day:02d}"

    @property
    def dated_path(self) -> str:
        return f"/{self.paper.dir}/pc/content/{self.yyyymm}/{self.dd}/content_{self.content_id}.html"

    @property
    def path(self) -> str:
        """The path the layout pages link (and the replica serves)."""
        if self.paper.dated_links:
            return self.dated_path
        return f"/{self.paper.dir}/pc/content/content_{self.content_id}.html"


@dataclass
class PageSpec:
    paper: PaperSpec
    day: date
    page_no: int
    name: str
    articles: list[PrintSpec] = field(default_factory=list)
    advert: bool = False

    @property
    def node(self) -> str:
        return f"{self.page_no:02d}"

    @property
    def path(self) -> str:
        return (
            f"/{self.paper.dir}/pc/layout/{self.day.year}{self.day.month:02d}/{self.day.day:02d}/node_{self.node}.html"
        )

    @property
    def pdf_path(self) -> str:
        d = self.day
        return f"/{self.paper.dir}/pc/attachment/{d.year}{d.month:02d}/{d.day:02d}/p{self.page_no:02d}-{self.paper.key}{d:%Y%m%d}.pdf"


@dataclass
class Edition:
    paper: PaperSpec
    day: date
    pages: list[PageSpec]
    template: str  # "modern" | "table"
    missing: bool = False


def _names(rng: random.Random, pool: list[str], lo: int, hi: int) -> list[str]:
    return rng.sample(pool, rng.randint(lo, hi))


def _article(
    rng: random.Random, paper: PaperSpec, cid: int, day: date, page: PageSpec, *, photo_story: bool = False
) -> PrintSpec:
    reporters = _names(rng, data.REPORTERS, 1, 2)
    corr = _names(rng, data.CORRESPONDENTS, 0, 1)
    photos: list[Photo] = []
    photographers: list[str] = []
    byline: list[str] = []
    closing: list[str] = []
    dateline = ""
    if photo_story:
        title = fill(rng, rng.choice(PHOTO_TITLES), day)
        pretitle = subtitle = ""
        shooter = rng.choice(data.PHOTOGRAPHERS)
        paragraphs = [fill(rng, rng.choice(data.CAPTIONS), day) + fill(rng, rng.choice(data.SENTENCES), day) + "。"]
        photos.append(Photo(f"/{paper.dir}/pc/pic/{day:%Y%m}/{day:%d}/{cid}-1.jpg", ""))
        closing = [f"■ {shooter}"]
        return PrintSpec(
            paper, cid, day, page.page_no, page.name, pretitle, title, subtitle, [], closing, "",
            paragraphs, photos, [], [], [shooter],
        )  # fmt: skip
    title = fill(rng, rng.choice(data.TITLES), day)
    pretitle = fill(rng, rng.choice(PRETITLES), day) if rng.random() < 0.35 else ""
    subtitle = fill(rng, rng.choice(SUBTITLES), day) if rng.random() < 0.3 else ""
    form = rng.choice(["box", "box_corr", "dateline", "none"])
    if form == "box":
        byline = [f"■ 本报记者 {' '.join(reporters)}"]
        corr = []
    elif form == "box_corr":
        corr = corr or [rng.choice(data.CORRESPONDENTS)]
        byline = [f"■ 本报记者 {' '.join(reporters)}", f"本报通讯员 {' '.join(corr)}"]
    elif form == "dateline":
        inner = f"记者 {' '.join(reporters)}" + (f" 通讯员 {' '.join(corr)}" if corr else "")
        dateline = f"本报讯（{inner}）"
    else:
        reporters, corr = [], []
    paragraphs = []
    for i in range(rng.randint(2, 7)):
        pool = data.SENTENCES if i else [s for s in data.SENTENCES if not s.startswith("{md}")]
        paragraphs.append("。".join(fill(rng, t, day) for t in rng.sample(pool, rng.randint(1, 3))) + "。")
    for k in range(rng.choice([0, 0, 1, 2])):
        shooter = rng.choice(data.PHOTOGRAPHERS)
        cap = fill(rng, rng.choice(data.CAPTIONS), day) + f" 本报记者 {shooter} 摄"
        photos.append(Photo(f"/{paper.dir}/pc/pic/{day:%Y%m}/{day:%d}/{cid}-{k + 1}.jpg", cap))
        if shooter not in photographers:
            photographers.append(shooter)
    return PrintSpec(
        paper, cid, day, page.page_no, page.name, pretitle, title, subtitle, byline, closing, dateline,
        paragraphs, photos, reporters, corr, photographers,
    )  # fmt: skip


@dataclass
class EpaperModel:
    seed: int
    days: int
    state: str
    editions: list[Edition]
    articles: list[PrintSpec]
    by_path: dict[str, PrintSpec]
    pages: dict[str, PageSpec]
    missing: set[tuple[str, date]]


def build_model(
    seed: int = 1,
    days: int = 14,
    state: str = "initial",
    start: date = START,
    web: Sequence[Mapping[str, Any]] = (),
) -> EpaperModel:
    """Every edition of both papers for ``days`` days from ``start`` (two more in the later state).
    ``web``: web articles (the web replica's truth); those published in the range are printed in
    聊城日报 the next day, on page 1 or 2, with the same text."""
    if state not in ("initial", "later"):
        raise ValueError(f"unknown state {state!r} (initial or later)")
    if not 1 <= days <= 400:
        raise ValueError("days must be between 1 and 400")
    total = days + (EXTRA_DAYS if state == "later" else 0)
    rng = random.Random(f"lcnews-epaper:{seed}")
    missing_day = start + timedelta(days=rng.randint(1, max(1, days - 2))) if days >= 3 else None
    editions: list[Edition] = []
    articles: list[PrintSpec] = []
    missing: set[tuple[str, date]] = set()
    for paper in PAPERS:
        cid = paper.first_id + rng.randint(0, 500)
        for i in range(total):
            day = start + timedelta(days=i)
            drng = random.Random(f"lcnews-epaper:{seed}:{paper.key}:{day}")
            if (not paper.sundays and day.weekday() == 6) or (paper.key == "lcrb" and day == missing_day):
                missing.add((paper.key, day))
                editions.append(Edition(paper, day, [], "", missing=True))
                continue
            n_pages = drng.randint(4, 12) if paper.key == "lcrb" else drng.randint(4, 8)
            template = drng.choices(["modern", "table"], weights=paper.template_weights)[0]
            names = PAGE_NAMES[paper.key]
            ad_page = n_pages if drng.random() < 0.5 else 0
            pages = []
            for no in range(1, n_pages + 1):
                page = PageSpec(paper, day, no, AD_PAGE_NAME if no == ad_page else names[(no - 1) % len(names)])
                page.advert = no == ad_page
                pages.append(page)
            for page in pages:
                if page.advert:
                    continue
                count = drng.randint(3, 5) if page.page_no == 1 else drng.randint(1, 4)
                for k in range(count):
                    cid += 1
                    story = k == count - 1 and drng.random() < 0.15
                    page.articles.append(_article(drng, paper, cid, day, page, photo_story=story))
            # web articles of the day before, printed with the same text
            if paper.key == "lcrb":
                for w in web:
                    published = str(w.get("published_at") or "")[:10]
                    if published != (day - timedelta(days=1)).isoformat() or not w.get("body"):
                        continue
                    page = pages[drng.randint(0, min(1, len(pages) - 1))]
                    cid += 1
                    reprint = PrintSpec(
                        paper, cid, day, page.page_no, page.name, "", str(w["title"]), "", [], [], "",
                        str(w["body"]).split("\n"), [], [], [], [], web_url=str(w.get("url") or ""),
                    )  # fmt: skip
                    page.articles.append(reprint)
            # one front-page article continues on a later page (a second content page there)
            later = [p for p in pages[1:] if not p.advert]
            if later and drng.random() < 0.7:
                first = pages[0].articles[0]
                target = drng.choice(later)
                cid += 1
                rest = PrintSpec(
                    paper, cid, day, target.page_no, target.name, "", first.title, "", [], [], "",
                    [fill(drng, t, day) + "。" for t in drng.sample(data.SENTENCES, 2)], [], [], [], [],
                    continued_from=1,
                )  # fmt: skip
                first.continued_to = target.page_no
                target.articles.append(rest)
            for page in pages:
                for a in page.articles:
                    a.leaked = drng.random() < 0.5
                    articles.append(a)
            editions.append(Edition(paper, day, pages, template))
    if state == "later":
        last_initial = start + timedelta(days=days - 1)
        candidates = [
            a for a in articles if a.day == last_initial and a.continued_from is None and a.photographers == []
        ]
        if candidates:
            edited = random.Random(f"lcnews-epaper:{seed}:edit").choice(candidates)
            edited.edited = True
    by_path = {a.path: a for a in articles}
    pages_by_path = {p.path: p for e in editions for p in e.pages}
    return EpaperModel(seed, days, state, editions, articles, by_path, pages_by_path, missing)


def title_of(a: PrintSpec) -> str:
    return a.title + "（更新）" if a.edited else a.title


def paragraphs_of(a: PrintSpec) -> list[str]:
    return [*a.paragraphs, EDIT_NOTE] if a.edited else list(a.paragraphs)


def truth_of(a: PrintSpec) -> dict[str, Any]:
    """The fields an archive must hold for this article (body per the clean-body contract)."""
    body = paragraphs_of(a)
    return {
        "paper": a.paper.key,
        "paper_name": a.paper.name,
        "content_id": a.content_id,
        "url": ORIGIN + a.dated_path,
        "path": a.path,
        "edition_date": a.day.isoformat(),
        "page_no": a.page_no,
        "page_name": a.page_name,
        "pretitle": a.pretitle,
        "title": title_of(a),
        "subtitle": a.subtitle,
        "authors": list(a.authors),
        "correspondents": list(a.correspondents),
        "photographers": list(a.photographers),
        "body": "\n".join(body),
        "images": [{"src": p.path, "caption": p.caption} for p in a.photos],
        "continued_to": [a.continued_to] if a.continued_to else [],
        "continued_from": [a.continued_from] if a.continued_from else [],
        "edited": a.edited,
        "web_url": a.web_url,
        "leaked": a.leaked,
    }
