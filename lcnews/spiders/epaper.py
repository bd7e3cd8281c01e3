"""Spider `epaper`: crawl flow only — per paper and day: layout pages → the day's other pages → the
articles printed on each page.

What a URL is comes from the profile's ``[epaper]`` section. A paper's entry page (META refresh)
tells the latest edition, so days after it are not asked for. A day whose first layout page answers
404 is a missing edition (recorded, not an error). Incremental: a day already archived complete and
older than the revisit window (``LCNEWS_EPAPER_REVISIT_DAYS`` before the paper's newest archived
edition) is not fetched at all; on days that are walked, an archived article is fetched again only
when its page lists it under another title (an edit). ``--full`` fetches everything.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from lcnews.extract.epaper_layout import LayoutPage, parse_layout
from lcnews.extract.epaper_meta import layout_ref
from lcnews.extract.normalize import normalize
from lcnews.extract.urls import is_loopback
from lcnews.items import EditionSeen, PrintPageSeen, PrintRawPage
from lcnews.site import EpaperProfile, Paper, load_profile

log = logging.getLogger(__name__)
BEIJING = dt.timezone(dt.timedelta(hours=8))


def _now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def beijing_today() -> dt.date:
    return dt.datetime.now(BEIJING).date()


@dataclass
class _Day:
    """One paper's edition of one day while it is walked."""

    paper: Paper
    date: str
    expected: set[str] = field(default_factory=set)  # layout page URLs (fetch form) of the day
    done: set[str] = field(default_factory=set)
    failed: bool = False
    content_ids: set[int] = field(default_factory=set)


class EpaperSpider(scrapy.Spider):
    name = "epaper"

    ep: EpaperProfile
    base: str
    papers: tuple[Paper, ...]
    since: dt.date
    until: dt.date
    full: bool
    revisit_days: int
    known: dict[tuple[str, int], dict[str, Any]]
    editions: dict[tuple[str, str], dict[str, Any]]
    days: dict[tuple[str, str], _Day]

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        """Its own pipelines (LCNEWS_EPAPER_PIPELINES) however it is started: `lcnews epaper`, `scrapy
        crawl epaper`, or Scrapyd's schedule.json."""
        super().update_settings(settings)
        settings.set("ITEM_PIPELINES", settings.getdict("LCNEWS_EPAPER_PIPELINES"), priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> EpaperSpider:
        spider: EpaperSpider = super().from_crawler(crawler, *args, **kwargs)
        s = crawler.settings
        profile = load_profile(s.get("LCNEWS_SITE_PROFILE") or None)
        if profile.epaper is None:
            raise ValueError("the site profile has no [epaper] section")
        spider.ep = profile.epaper
        spider.base = (s.get("LCNEWS_EPAPER_BASE_URL") or spider.ep.origin).rstrip("/")
        keys = s.getlist("LCNEWS_EPAPER_PAPERS") or [p.key for p in spider.ep.papers]
        spider.papers = tuple(p for p in spider.ep.papers if p.key in keys)
        spider.since = dt.date.fromisoformat(s.get("LCNEWS_EPAPER_SINCE"))
        until = s.get("LCNEWS_EPAPER_UNTIL")
        spider.until = dt.date.fromisoformat(until) if until else beijing_today()
        spider.full = s.getbool("LCNEWS_FULL")
        spider.revisit_days = s.getint("LCNEWS_EPAPER_REVISIT_DAYS")
        if is_loopback(spider.base):
            for key, value in s.getdict("LCNEWS_LOOPBACK_SETTINGS").items():
                crawler.settings.set(key, value, priority="spider")
        spider.known, spider.editions, spider.days = {}, {}, {}
        return spider

    # -- URLs -------------------------------------------------------------------------------
    def fetch_url(self, path: str) -> str:
        return self.base + path

    def canonical(self, url: str) -> str:
        parts = urlsplit(url)
        return self.ep.origin + parts.path

    # -- start ------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        self._load_known()
        for paper in self.papers:
            yield Request(
                self.fetch_url(self.ep.entry_path(paper)),
                callback=self.parse_entry,
                errback=self.entry_failed,
                cb_kwargs={"paper": paper},
                meta={"handle_httpstatus_list": [404, 410]},
                dont_filter=True,
            )

    def _load_known(self) -> None:
        path = self.settings.get("LCNEWS_DB_PATH")
        if self.full or not path or not os.path.exists(path):
            return
        from lcnews.db import open_archive, print_archive

        with open_archive(path, readonly=True) as archive:
            printed = print_archive(archive)
            keys = [p.key for p in self.papers]
            self.known = printed.known_print_articles(keys)
            self.editions = {(e["paper"], e["edition_date"]): e for e in printed.print_editions() if e["paper"] in keys}

    def parse_entry(self, response: Response, paper: Paper) -> Iterator[Any]:
        latest = self.until
        if response.status == 200:
            page = parse_layout(
                response.body, response.url, self.ep, (response.headers.get("Content-Type") or b"").decode("latin-1")
            )
            ref = layout_ref(page.refresh_url, self.ep) if page.refresh_url else None
            if ref is not None:
                latest = min(self.until, dt.date.fromisoformat(ref[1]))
                self.crawler.stats.set_value(f"lcnews/epaper/latest/{paper.key}", ref[1])
        yield from self._days(paper, latest)

    def entry_failed(self, failure: Any) -> Iterator[Any]:
        self.crawler.stats.inc_value("lcnews/epaper/entry_failed")
        yield from self._days(failure.request.cb_kwargs["paper"], self.until)

    def _skip_day(self, paper: Paper, date: str) -> str | None:
        """Why a day need not be fetched (None: fetch it)."""
        if self.full:
            return None
        seen = self.editions.get((paper.key, date))
        if seen is None:
            return None
        archived = [e["edition_date"] for e in self.editions.values() if e["paper"] == paper.key and not e["missing"]]
        if not archived:
            return None
        newest = dt.date.fromisoformat(max(archived))
        if dt.date.fromisoformat(date) >= newest - dt.timedelta(days=self.revisit_days):
            return None
        if seen["missing"]:
            return "edition_missing"
        have = sum(1 for (p, _), v in self.known.items() if p == paper.key and v["edition_date"] == date)
        return "edition_complete" if have >= int(seen.get("articles") or 0) else None

    def _days(self, paper: Paper, latest: dt.date) -> Iterator[Request]:
        day = self.since
        while day <= latest:
            date = day.isoformat()
            why = self._skip_day(paper, date)
            if why:
                self.crawler.stats.inc_value(f"lcnews/skip/{why}")
            else:
                first = self.fetch_url(self.ep.layout_path(paper, date))
                state = self.days.setdefault((paper.key, date), _Day(paper, date))
                state.expected.add(first)
                yield self._layout_request(first, paper, date, first=True)
            day += dt.timedelta(days=1)

    def _layout_request(self, url: str, paper: Paper, date: str, first: bool = False) -> Request:
        return Request(
            url,
            callback=self.parse_layout_page,
            errback=self.layout_failed,
            cb_kwargs={"paper": paper, "date": date, "first": first, "key": url},
            meta={"handle_httpstatus_list": [404, 410]} if first else {},
        )

    # -- layout pages -----------------------------------------------------------------------
    def parse_layout_page(self, response: Response, paper: Paper, date: str, first: bool, key: str) -> Iterator[Any]:
        state = self.days[(paper.key, date)]
        state.done.add(key)
        if response.status in (404, 410):
            self.crawler.stats.inc_value("lcnews/epaper/missing_days")
            yield EditionSeen(paper.key, paper.name, date, 0, True, response.status, _now_iso())
            return
        self.crawler.stats.inc_value("lcnews/pages/layout")
        page = parse_layout(
            response.body, response.url, self.ep, (response.headers.get("Content-Type") or b"").decode("latin-1")
        )
        if page.date and page.date != date:
            # the server answered another day's edition (a redirect to the latest): not this day
            self.crawler.stats.inc_value("lcnews/epaper/other_day")
            yield EditionSeen(paper.key, paper.name, date, 0, True, response.status, _now_iso())
            return
        yield from self._more_pages(page, paper, date, state)
        ids = []
        for position, link in enumerate(page.articles, start=1):
            ids.append(link.content_id)
            state.content_ids.add(link.content_id)
            req = self._article_request(link.url, link.content_id, link.title, page, paper, date, position)
            if req is not None:
                yield req
        if page.page_no is not None:
            headers = {
                k.decode("latin-1").lower(): b", ".join(v).decode("latin-1") for k, v in response.headers.items()
            }
            yield PrintPageSeen(
                paper=paper.key, edition_date=date, page_no=page.page_no, page_name=page.page_name,
                url=self.canonical(response.url), pdf_url=self.canonical(page.pdf_url) if page.pdf_url else "",
                content_ids=ids, seen_at=_now_iso(), fetched_url=response.url, status=response.status,
                headers=headers, body=response.body,
            )  # fmt: skip
        yield from self._edition_if_walked(state)

    def _more_pages(self, page: LayoutPage, paper: Paper, date: str, state: _Day) -> Iterator[Request]:
        for url in [*(p.url for p in page.pages), page.prev_page, page.next_page]:
            if not url:
                continue
            ref = layout_ref(url, self.ep)
            if ref is None or ref[1] != date or url in state.expected:
                continue
            if len(state.expected) >= self.ep.max_pages:
                self.crawler.stats.inc_value("lcnews/skip/max_pages")
                continue
            state.expected.add(url)
            yield self._layout_request(url, paper, date)

    def _edition_if_walked(self, state: _Day) -> Iterator[EditionSeen]:
        if state.expected <= state.done and not state.failed:
            yield EditionSeen(
                state.paper.key, state.paper.name, state.date, len(state.expected), False, 200, _now_iso(),
                articles=len(state.content_ids),
            )  # fmt: skip

    def layout_failed(self, failure: Any) -> Iterator[Any]:
        kw = failure.request.cb_kwargs
        state = self.days[(kw["paper"].key, kw["date"])]
        state.done.add(kw["key"])
        state.failed = True
        self.crawler.stats.inc_value("lcnews/errors/layout_fetch")
        return iter(())

    # -- articles ---------------------------------------------------------------------------
    def _article_request(
        self, url: str, cid: int, listed_title: str, page: LayoutPage, paper: Paper, date: str, position: int
    ) -> Request | None:
        key = (paper.key, cid)
        archived = self.known.get(key)
        if archived is not None and not self.full:
            title = normalize(archived.get("title") or "").replace(" ", "")
            listed = normalize(listed_title).replace(" ", "")
            if not listed or listed == title:
                self.crawler.stats.inc_value("lcnews/skip/archived")
                return None
            self.crawler.stats.inc_value("lcnews/epaper/retitled")
        path = urlsplit(url).path
        return Request(
            self.fetch_url(path),
            callback=self.parse_article,
            errback=self.article_failed,
            cb_kwargs={
                "paper": paper,
                "cid": cid,
                "date": date,
                "page_no": page.page_no,
                "page_name": page.page_name,
                "pdf_url": self.canonical(page.pdf_url) if page.pdf_url else "",
                "layout_url": self.canonical(page.url),
                "position": position,
            },
            meta={"handle_httpstatus_list": [404, 410]},
        )

    def parse_article(self, response: Response, paper: Paper, cid: int, date: str, **page: Any) -> Iterator[Any]:
        if response.status in (404, 410):
            self.crawler.stats.inc_value(f"lcnews/pages/gone_{response.status}")
            return
        self.crawler.stats.inc_value("lcnews/pages/article")
        headers = {k.decode("latin-1").lower(): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
        yield PrintRawPage(
            url=response.url,
            canonical_url=self.ep.origin + self.ep.content_path(paper, date, cid),
            paper=paper.key,
            content_id=cid,
            edition_date=date,
            status=response.status,
            headers=headers,
            body=response.body,
            fetched_at=_now_iso(),
            **page,
        )

    def article_failed(self, failure: Any) -> None:
        if failure.check(IgnoreRequest):
            self.crawler.stats.inc_value("lcnews/skip/ignored_request")
            return
        self.crawler.stats.inc_value("lcnews/errors/article_fetch")
