"""Spider `lcxw`: crawl flow only — home page → channel listings (+ pagination) → article pages.

What a URL is comes from the site profile (lcnews/site.py); article pages are yielded as raw
``RawPage`` items and extracted by the pipelines. Run it as `scrapy crawl lcxw -a base_url=...` or
through `lcnews crawl`.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import scrapy
from parsel import Selector
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError

from lcnews import frontier
from lcnews.extract import decode_html
from lcnews.extract.urls import UNKNOWN_FORM, Classified, SiteUrls, in_channels, is_loopback
from lcnews.health import failure_reason
from lcnews.items import Gone, ListingSeen, RawPage
from lcnews.middlewares import RedirectRefused
from lcnews.site import SiteProfile, load_profile
from lcnews.spiders.bounds import BARREN_PAGE, CrawlBounds

log = logging.getLogger(__name__)


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class _ListingLinks:
    """What one listing page links to, sorted by ``LcxwSpider._listing_links``."""

    article_ids: list[int] = field(default_factory=list)  # in page order (an id may repeat)
    article_paths: list[str] = field(default_factory=list)
    article_requests: list[Request] = field(default_factory=list)
    listings: list[tuple[str, Classified]] = field(default_factory=list)  # (href, what it is)
    next_by_label: set[str] = field(default_factory=set)  # fetch URLs whose text says "next page"
    by_label: set[str] = field(default_factory=set)  # pagination in a URL form the profile does not know


class LcxwSpider(scrapy.Spider):
    name = "lcxw"

    # Set up in from_crawler (settings are read there, not in __init__).
    profile: SiteProfile
    urls: SiteUrls
    channels: tuple[str, ...]
    full: bool
    revisit_days: float
    overlap: int
    max_articles: int
    now: datetime
    known: Mapping[int, str | None]  # archived article id -> published_at
    dead: set[int]  # links that answered 404/410 (or robots.txt forbids) and were never archived
    complete: set[str]  # channels whose history an earlier finished run walked fully
    walked_to_end: set[str]  # channels whose last listing page this run saw
    cut_short: set[str]  # channels whose walk a crawl bound stopped before their end
    bounds: CrawlBounds
    _requested_ids: set[int]
    _stale_pages: dict[str, int]
    _scheduled_articles: int
    claims: frontier.ArticleClaims | None

    def __init__(
        self,
        base_url: str | None = None,
        channels: str | list[str] | None = None,
        profile: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._arg_base_url = base_url
        self._arg_channels = channels
        self._arg_profile = profile

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> LcxwSpider:
        spider: LcxwSpider = super().from_crawler(crawler, *args, **kwargs)
        s = crawler.settings
        spider.profile = load_profile(spider._arg_profile or s.get("LCNEWS_SITE_PROFILE") or None)
        base = spider._arg_base_url or s.get("LCNEWS_BASE_URL") or spider.profile.origin
        spider.urls = SiteUrls(spider.profile, base)
        if spider.urls.base != spider.profile.origin:  # pipelines map mirror URLs back to the origin
            crawler.settings.set("LCNEWS_BASE_URL", spider.urls.base, priority="spider")
        chans = spider._arg_channels if spider._arg_channels is not None else s.getlist("LCNEWS_CHANNELS")
        if isinstance(chans, str):
            chans = [c for c in chans.split(",") if c]
        spider.channels = tuple(c.strip("/") for c in chans)
        spider.full = s.getbool("LCNEWS_FULL")
        spider.revisit_days = s.getfloat("LCNEWS_REVISIT_DAYS")
        spider.overlap = max(1, s.getint("LCNEWS_LISTING_OVERLAP"))
        spider.max_articles = s.getint("LCNEWS_MAX_ARTICLES")
        now = s.get("LCNEWS_NOW")
        spider.now = datetime.fromisoformat(now) if now else datetime.now(UTC)
        if spider.now.tzinfo is None:
            spider.now = spider.now.replace(tzinfo=UTC)
        # A loopback base URL (the replica) gets LCNEWS_LOOPBACK_SETTINGS (lcnews/settings.py): no
        # delays. Spider.from_crawler may still change settings (Scrapy >= 2.11).
        if is_loopback(spider.urls.base):
            for key, value in s.getdict("LCNEWS_LOOPBACK_SETTINGS").items():
                crawler.settings.set(key, value, priority="spider")
        # LCNEWS_FRONTIER_URL: a worker of a shared crawl (lcnews.frontier), whose article ids are the fleet's.
        spider.claims = frontier.ArticleClaims(crawler.settings) if frontier.apply(crawler.settings) else None
        spider.known = {}  # article_id -> published_at (ISO) of archived articles
        spider.dead = set()  # links that answered 404/410 and were never archived
        spider.complete = set()  # channels whose history an earlier run walked fully
        spider.walked_to_end = set()  # channels whose last listing page this run saw
        spider.cut_short = set()
        spider.bounds = CrawlBounds(
            channel_barren=s.getint("LCNEWS_CRAWL_CHANNEL_BARREN_PAGES"),
            run_barren=s.getint("LCNEWS_CRAWL_RUN_BARREN_PAGES"),
            shape_barren=s.getint("LCNEWS_CRAWL_SHAPE_BARREN_PAGES"),
            max_depth=s.getint("LCNEWS_CRAWL_MAX_URL_DEPTH"),
            max_pages=spider.profile.max_listing_pages,
        )
        spider._requested_ids = set()
        spider._stale_pages = defaultdict(int)
        spider._scheduled_articles = 0
        return spider

    # -- start ------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        self.known, self.dead, self.complete = self._load_known()
        for path in self.profile.start_paths:
            yield Request(
                self.urls.fetch_url(path),
                callback=self.parse_listing,
                errback=self.listing_failed,
                cb_kwargs={"channel": ""},
            )
        for ch in self.profile.channels:
            if in_channels(ch.slug, self.channels) or any(w.startswith(ch.slug + "/") for w in self.channels):
                yield Request(
                    self.urls.fetch_url(f"/{ch.slug}/"),
                    callback=self.parse_listing,
                    errback=self.listing_failed,
                    cb_kwargs={"channel": ch.slug},
                )
        for slug in self.channels:  # a channel asked for but not in the profile (menu-only)
            if self.profile.channel(slug) is None:
                yield Request(
                    self.urls.fetch_url(f"/{slug}/"),
                    callback=self.parse_listing,
                    errback=self.listing_failed,
                    cb_kwargs={"channel": slug},
                )

    def _load_known(self) -> tuple[Mapping[int, str | None], set[int], set[str]]:
        """Archived ids with publish times, dead links, complete channels (empty on --full / new archive)."""
        path = self.settings.get("LCNEWS_DB_PATH")
        from lcnews.db import is_server_url, open_archive

        if self.full or not path or not (is_server_url(path) or os.path.exists(path)):
            return {}, set(), set()

        with open_archive(path, readonly=True) as archive:
            return archive.known_articles(), archive.dead_link_ids(), archive.complete_channels()

    # -- listings ---------------------------------------------------------------------------
    def parse_listing(self, response: Response, channel: str, page: int = 1) -> Iterator[Any]:
        self.crawler.stats.inc_value("lcnews/pages/listing")
        here = self.urls.classify(response.url)
        if here.kind != "listing":  # reached through a pagination URL form the profile does not know
            here = Classified("listing", path=here.path, channel=channel, page=page)
        links = self._listing_links(response, here, channel)
        # A page that shows no article its channel's pages had not shown this run ends the walk.
        fresh = not here.channel or self.bounds.listing(here.channel, response.url, links.article_ids)
        # Incremental: a page whose articles are all archived is "stale"; after `overlap` stale
        # pages of a channel, paging down that channel stops — but only for channels whose whole
        # history a finished run has walked (after a killed backfill, the walk resumes).
        last = not any(c.channel == here.channel and c.page > here.page for _, c in links.listings)
        if here.channel and (last or not fresh) and here.channel not in self.cut_short:
            self.walked_to_end.add(here.channel)
        incremental = bool(self.known) and not self.full and here.channel in self.complete
        ids = links.article_ids
        if incremental and ids and all(i in self.known or i in self.dead for i in ids):
            self._stale_pages[here.channel] += 1
        if ids:
            yield ListingSeen(
                listing_url=self.urls.canonical_url(response.url),
                channel=here.channel,
                article_ids=ids,
                paths=links.article_paths,
                seen_at=_now_iso(),
            )
        yield from links.article_requests
        yield from self._pagination(response, here, links, incremental, fresh)

    def _listing_links(self, response: Response, here: Classified, channel: str) -> _ListingLinks:
        """Sort the links of a listing page: articles (requested unless skipped), listings and
        pagination (followed later by ``_pagination``); everything else is counted as skipped."""
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        text, _enc = decode_html(response.body, content_type)
        sel = Selector(text=text or "<html></html>")
        links = _ListingLinks()
        skip_labels = set(self.profile.skip_menu_labels)
        next_texts = set(self.profile.next_texts)
        for a in sel.css("a[href]"):
            href = a.attrib.get("href", "").strip()
            if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
                continue
            label = " ".join(a.css("::text").getall()).strip()
            c = self.urls.classify(href, base=response.url)
            if c.kind == "article" and c.article is not None:
                if not in_channels(c.article.channel, self.channels):
                    continue
                links.article_ids.append(c.article.article_id)
                links.article_paths.append(c.article.path)
                req = self._article_request(c, response.url, channel or here.channel)
                if req is not None:
                    links.article_requests.append(req)
            elif c.kind == "skip" and c.reason == UNKNOWN_FORM and here.kind == "listing" and here.channel:
                # Pagination in a URL form the profile does not know: trust the link text.
                label_page = self._page_label(label, here.page)
                if label_page is None:
                    self.crawler.stats.inc_value("lcnews/skip/skip")
                    continue
                if label in next_texts:
                    links.next_by_label.add(self.urls.fetch_url(href, base=response.url))
                links.by_label.add(self.urls.fetch_url(href, base=response.url))
                links.listings.append((href, replace(c, kind="listing", channel=here.channel, page=label_page)))
            elif c.kind == "listing":
                if label in skip_labels:
                    self.crawler.stats.inc_value("lcnews/skip/menu_label")
                    continue
                if c.channel and not (
                    in_channels(c.channel, self.channels) or any(w.startswith(c.channel + "/") for w in self.channels)
                ):
                    continue
                if label in next_texts:
                    links.next_by_label.add(self.urls.fetch_url(href, base=response.url))
                links.listings.append((href, c))
            else:
                self.crawler.stats.inc_value(f"lcnews/skip/{c.kind}")
        return links

    def _pagination(
        self, response: Response, here: Classified, links: _ListingLinks, incremental: bool, fresh: bool
    ) -> Iterator[Request]:
        """Requests for the listing pages linked from ``here`` that this run should read."""
        ended = False
        for href, c in links.listings:
            url = self.urls.fetch_url(href, base=response.url)
            if here.channel and c.channel == here.channel and c.page <= here.page:
                continue  # this page again under another name (index.html) or one already walked
            deeper = bool(here.channel) and c.channel == here.channel and c.page > here.page
            if deeper and not fresh:
                ended = True  # a barren page: its "next" links lead nowhere new
                continue
            # Walk one page at a time: so the walk can stop at the first stale page, and so a row of
            # numbers the profile does not know as pagination (a calendar's days) costs one page.
            one_at_a_time = deeper and (incremental or url in links.by_label)
            if one_at_a_time and c.page != here.page + 1 and url not in links.next_by_label:
                continue
            if deeper and incremental and self._stale_pages[here.channel] >= self.overlap:
                self._stop("stale_pagination")
                continue
            reason = self.bounds.refusal(c.channel, url, c.page, deeper=deeper, full=self.full)
            if reason is not None:
                self._stop(reason)
                if deeper:  # the walk was cut short, not finished: a later run must walk on
                    self.cut_short.add(here.channel)
                    self.walked_to_end.discard(here.channel)
                continue
            yield Request(
                url,
                callback=self.parse_listing,
                errback=self.listing_failed,
                cb_kwargs={"channel": c.channel, "page": c.page},
            )
        if ended:
            self._stop(BARREN_PAGE)

    def _stop(self, reason: str) -> None:
        self.crawler.stats.inc_value(f"lcnews/stop/{reason}")

    def _page_label(self, label: str, current: int) -> int | None:
        """The page a pagination link's text names: "下一页" → next, "3" → 3; None otherwise."""
        if label in self.profile.next_texts:
            return current + 1
        if label.isdigit() and 0 < len(label) <= 4:
            return int(label)
        return None

    def _article_request(self, c: Any, listing_url: str, listing_channel: str) -> Request | None:
        ref = c.article
        if ref.article_id in self._requested_ids:
            return None
        if ref.article_id in self.dead:
            self.crawler.stats.inc_value("lcnews/skip/dead_link")
            self._requested_ids.add(ref.article_id)
            return None
        if ref.article_id in self.known and not self._in_revisit_window(self.known[ref.article_id]):
            self.crawler.stats.inc_value("lcnews/skip/archived")
            self._requested_ids.add(ref.article_id)
            return None
        if self.max_articles and self._scheduled_articles >= self.max_articles * 2 + 20:
            return None
        self._requested_ids.add(ref.article_id)
        if self.claims is not None and not self.claims.claim(ref.article_id):
            self.crawler.stats.inc_value("lcnews/skip/claimed_by_another_worker")
            return None
        self._scheduled_articles += 1
        return Request(
            self.urls.fetch_url(ref.path),
            callback=self.parse_article,
            errback=self.article_failed,
            meta={
                "handle_httpstatus_list": [404, 410],
                "lcnews_ref": ref,
                "lcnews_listing": (self.urls.canonical_url(listing_url), listing_channel),
            },
        )

    def _in_revisit_window(self, published_at: str | None) -> bool:
        if not published_at:
            return True  # unknown age: look again
        try:
            when = datetime.fromisoformat(published_at)
        except ValueError:
            return True
        return self.now - when <= timedelta(days=self.revisit_days)

    # -- articles ---------------------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[Any]:
        ref = response.meta["lcnews_ref"]
        listing_url, listing_channel = response.meta["lcnews_listing"]
        if response.status in (404, 410):
            self.crawler.stats.inc_value(f"lcnews/pages/gone_{response.status}")
            yield Gone(
                article_id=ref.article_id,
                url=self.urls.canonical_url(response.url),
                status=response.status,
                seen_at=_now_iso(),
            )
            return
        self.crawler.stats.inc_value("lcnews/pages/article")
        # A redirect may land on another path: classify where we ended up.
        final = self.urls.classify(response.url)
        if final.kind == "article" and final.article is not None:
            ref = final.article
        elif response.meta.get("redirect_urls"):
            # Redirected to a page of the site that is no article (its home page, a listing): a
            # soft "not found", not an article to archive under the link's id.
            self._stop("redirect_not_article")
            return
        headers = {k.decode("latin-1").lower(): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
        yield RawPage(
            url=response.url,
            canonical_url=self.urls.canonical_url(response.url),
            article_id=ref.article_id,
            channel=ref.channel,
            status=response.status,
            headers=headers,
            body=response.body,
            fetched_at=_now_iso(),
            listing_url=listing_url,
            listing_channel=listing_channel,
        )
        if self.max_articles:
            accepted = self.crawler.stats.get_value("lcnews/items/accepted", 0) or 0
            if accepted >= self.max_articles:
                raise CloseSpider("max_articles")

    def article_failed(self, failure: Any) -> Iterator[Any]:
        if failure.check(RedirectRefused):  # off-site, a loop or too long a chain: counted where refused
            return
        # an HTTP error status (a 503 after its retries) is an IgnoreRequest too, but a failure
        if not failure.check(HttpError) and failure.check(IgnoreRequest):  # robots.txt, or a middleware's choice
            self.crawler.stats.inc_value("lcnews/skip/ignored_request")
            if "robots.txt" in failure.getErrorMessage():
                # Remembered as a dead link (status 0) so later runs neither ask again nor keep
                # paging a listing because of it; --full retries it.
                ref = failure.request.meta["lcnews_ref"]
                yield Gone(
                    article_id=ref.article_id,
                    url=self.urls.canonical_url(failure.request.url),
                    status=0,
                    seen_at=_now_iso(),
                )
            return
        self._count_failure("article", failure)

    def listing_failed(self, failure: Any) -> None:
        if failure.check(RedirectRefused):  # counted where refused
            return
        if not failure.check(HttpError) and failure.check(IgnoreRequest):
            self.crawler.stats.inc_value("lcnews/skip/ignored_request")
            return
        status = getattr(getattr(failure.value, "response", None), "status", None)
        if status in (404, 410):
            # a listing the site does not have (a channel of the profile it dropped): said, not an error
            self.crawler.stats.inc_value("lcnews/skip/listing_gone")
            log.warning("listing gone (http_%s): %s", status, failure.request.url)
            return
        self._count_failure("listing", failure)

    def _count_failure(self, kind: str, failure: Any) -> None:
        """One line per page that failed for good (after its retries), with the reason; counted
        by kind (``lcnews/errors/*``, the run's error total) and by reason (``lcnews/failures/*``)."""
        reason = failure_reason(failure.value)
        self.crawler.stats.inc_value(f"lcnews/errors/{kind}_fetch")
        self.crawler.stats.inc_value(f"lcnews/failures/{reason}")
        log.warning("%s failed (%s): %s", kind, reason, failure.request.url)
