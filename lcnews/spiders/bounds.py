"""Crawl bounds: when a channel's pagination ends, and which listing URLs are traps (no Scrapy).

A listing page that adds no article link its channel's pages had not shown this run (an empty
page, or one of nothing but links already seen) is *barren*: the channel's walk stops there. A run
spends at most ``channel_barren`` barren pages per channel and ``run_barren`` in all; a URL *shape*
(the path and query with every number replaced by ``#``: ``/yaowen/index_#.html``,
``/rili/#/#/``) that has given ``shape_barren`` barren pages is a trap, whatever channel links it
(calendars, ``index_N`` to infinity); a listing URL deeper than ``max_depth`` path segments is
refused. The spider counts every refusal by reason (``lcnews/stop/<reason>`` in the stats,
``crawl_runs.stops``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlsplit

_NUMBER = re.compile(r"\d+")

# Why a listing URL was not requested (the keys of crawl_runs.stops; README "Bounded crawling").
BARREN_PAGE = "barren_page"  # a page with nothing new: its "next" links were not followed
CHANNEL_BUDGET = "channel_budget"
RUN_BUDGET = "run_budget"
TRAP_SHAPE = "trap_shape"
URL_DEPTH = "url_depth"
MAX_PAGES = "max_pages"


def url_shape(url: str) -> str:
    """The URL's path and query with every run of digits replaced by ``#`` (query keys sorted)."""
    parts = urlsplit(url)
    query = "&".join(f"{k}={_NUMBER.sub('#', v)}" for k, v in sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return _NUMBER.sub("#", parts.path or "/") + (f"?{query}" if query else "")


def url_depth(url: str) -> int:
    """Path segments of the URL (``/a/b/index_2.html`` has 3)."""
    return len([s for s in (urlsplit(url).path or "/").split("/") if s])


class CrawlBounds:
    """The state of one run's bounds: what each channel's listings showed, and the barren pages."""

    def __init__(
        self, *, channel_barren: int, run_barren: int, shape_barren: int, max_depth: int, max_pages: int
    ) -> None:
        self.channel_barren = max(1, channel_barren)
        self.run_barren = max(1, run_barren)
        self.shape_barren = max(1, shape_barren)
        self.max_depth = max(1, max_depth)
        self.max_pages = max(1, max_pages)
        self._listed: defaultdict[str, set[int]] = defaultdict(set)
        self._barren_channels: Counter[str] = Counter()
        self._barren_shapes: Counter[str] = Counter()
        self.barren = 0

    def listing(self, channel: str, url: str, article_ids: Iterable[int]) -> bool:
        """Record a listing page of ``channel``; True when it showed an article new to the channel."""
        seen = self._listed[channel]
        ids = set(article_ids)
        new = bool(ids - seen)
        seen |= ids
        if not new:
            self.barren += 1
            self._barren_channels[channel] += 1
            self._barren_shapes[url_shape(url)] += 1
        return new

    def refusal(self, channel: str, url: str, page: int, *, deeper: bool, full: bool = False) -> str | None:
        """Why the listing page ``url`` (page ``page`` of ``channel``) must not be requested, or None.

        ``deeper``: it continues ``channel``'s pagination (the budgets apply to those only);
        ``full``: a backfill, where the profile's page cap does not apply.
        """
        if url_depth(url) > self.max_depth:
            return URL_DEPTH
        if self._barren_shapes[url_shape(url)] >= self.shape_barren:
            return TRAP_SHAPE
        if page > self.max_pages and not full:
            return MAX_PAGES
        if not deeper:
            return None
        if self._barren_channels[channel] >= self.channel_barren:
            return CHANNEL_BUDGET
        if self.barren >= self.run_barren:
            return RUN_BUDGET
        return None
