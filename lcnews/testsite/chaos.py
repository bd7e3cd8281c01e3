"""The replica in chaos mode: the same site, served through faults, traps and off-site redirects.

``build_site(..., chaos=SEED)`` returns a :class:`ChaosSite`. A seeded plan picks articles (and a
listing page) for each fault, adds crawl traps and off-site entries, and keeps the exact ground
truth of what the site *eventually* serves (:attr:`ChaosSite.chaos`):

* HTTP faults: a burst of 503s with ``Retry-After`` (first requests of a page), a stalled answer,
  a reset connection, a truncated body (first request), a redirect loop (never served), a chain
  of six redirects (served at its end).
* Content faults (every request): a header that lies about the charset (ISO-8859-1 over UTF-8;
  UTF-8 over GBK), no charset anywhere (GBK), malformed HTML (``</p>`` inside a ``<script>``,
  unclosed tags), a 5 MB page.
* Traps: two channels whose last listing page keeps a live ``下一页`` to endless empty pages; a
  calendar on two channels' first pages whose months run on for ever (``/CHAN/rili/YYYY/MM/``).
* Off-site: article-shaped listing entries (ids the site never had) that 302 (or meta-refresh) to
  another host name of the same server (``other_origin``, set by :class:`ReplicaServer`).

Transport faults reach the server as an ``X-Replica-Fault`` header (``reset``, ``truncate``,
``stall=SECONDS``) that :class:`~lcnews.testsite.server.ReplicaServer` acts on and never sends.
"""

from __future__ import annotations

import random
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import data, render
from .model import SiteModel
from .site import ReplicaSite, Response

FAULT_HEADER = "X-Replica-Fault"
STALL_SECONDS = 3.0
BURST = 2  # 503s before a burst page is served (the crawler retries 3 times)
BIG_PAGE_BYTES = 5 * 1024 * 1024
CHAIN_HOPS = 6
OFFSITE_BASE_ID = 990_000  # off-site entries' ids: never ids of the site

# Article faults, each given to this many articles; the content faults keep the page's text.
ARTICLE_FAULTS = {
    "burst": 2,
    "stall": 1,
    "reset": 2,
    "truncate": 2,
    "charset_lie_latin1": 1,
    "charset_lie_utf8": 1,
    "charset_missing": 1,
    "malformed": 2,
    "big_page": 1,
    "redirect_loop": 1,
    "redirect_chain": 1,
}
UNSERVED_FAULTS = frozenset({"redirect_loop"})
ONCE_FAULTS = frozenset({"reset", "truncate"})

_LIST = re.compile(r'(<ul class="news-list">|<div id="newsList"><ul>)(.*?)(</ul>)', re.S)
_META_CHARSET = re.compile(r"<meta[^>]*charset[^>]*>\s*", re.I)
_CAL = re.compile(r"^/(?P<chan>[a-z][a-z0-9_/-]*?)/rili/(?P<y>\d{4})/(?P<m>\d{1,2})/(?:(?P<d>\d{1,2})/)?$")
_HOP = re.compile(r"^/r/(?P<kind>chain|loop)/(?P<id>\d+)/(?P<step>\w+)$")


@dataclass
class ChaosPlan:
    """What the chaos does, and the ground truth of what is eventually served."""

    faults: dict[int, str]  # article id -> fault
    listing_burst: str  # a listing path answered with a 503 burst first
    endless: tuple[str, ...]  # channels whose last page links endless empty pages
    calendars: tuple[str, ...]  # channels whose first page shows the endless calendar
    offsite: dict[int, tuple[str, str]]  # off-site entry id -> (channel, path on the site)
    offsite_meta: int  # the entry that meta-refreshes off-site instead of a 302
    served: set[int] = field(default_factory=set)  # every article id the site eventually serves

    def _endless_page(self, path: str) -> tuple[str, int] | None:
        for chan in self.endless:
            m = re.match(rf"^/{re.escape(chan)}/index_(\d+)\.html$", path)
            if m:
                return chan, int(m.group(1))
        return None


class ChaosSite(ReplicaSite):
    """A :class:`ReplicaSite` answering through the faults and traps of a seeded :class:`ChaosPlan`."""

    def __init__(self, model: SiteModel, chaos_seed: int) -> None:
        super().__init__(model)
        self.chaos_seed = chaos_seed
        #: Another host name for this server (set by ReplicaServer): off-site redirects go there.
        self.other_origin = "http://localhost:1"
        self.chaos = self._plan(random.Random(f"lcnews-replica:{model.seed}:chaos:{chaos_seed}"))
        self._hits: Counter[str] = Counter()
        self._hits_lock = threading.Lock()

    # -- the plan -------------------------------------------------------------------------------
    def _plan(self, rng: random.Random) -> ChaosPlan:
        model = self.model
        trapped = set(_strings(self.traps))
        candidates = [
            s
            for s in model.articles
            if s.kind == "normal"
            and s.reachable
            and s.status == 200
            and s.encoding == "utf-8"
            and not s.extra_paths
            and s.path not in trapped
            and s.article_id not in (model.edited_id, model.removed_id)
        ]
        rng.shuffle(candidates)
        faults: dict[int, str] = {}
        pool = iter(candidates)
        for fault, n in ARTICLE_FAULTS.items():
            for _ in range(n):
                faults[next(pool).article_id] = fault
        paged = sorted(c for c, e in model.listings.items() if e and c not in data.QUERY_PAGED_CHANNELS)
        endless = tuple(sorted(rng.sample(paged, 2)))
        calendars = tuple(sorted(rng.sample([c for c in paged if c not in endless], 2)))
        burst_chan = rng.choice([c for c in paged if c not in endless + calendars])
        offsite: dict[int, tuple[str, str]] = {}
        for i, chan in enumerate(rng.sample(paged, 3)):
            aid = OFFSITE_BASE_ID + i
            day = model.listings[chan][0][1].rsplit("/", 2)[1]
            leaf = chan if chan not in data.PARENT_CHANNELS else data.PARENT_CHANNELS[chan][1][0]
            offsite[aid] = (chan, f"/{leaf}/{day}/{aid}.html")
        plan = ChaosPlan(
            faults=faults,
            listing_burst=f"/{burst_chan}/",
            endless=endless,
            calendars=calendars,
            offsite=offsite,
            offsite_meta=OFFSITE_BASE_ID + 2,
        )
        plan.served = {
            t["article_id"]
            for t in self.truth
            if t["reachable"] and t["status"] == 200 and faults.get(t["article_id"]) not in UNSERVED_FAULTS
        }
        return plan

    def chaos_truth(self) -> dict[str, Any]:
        """The plan as plain data: faults by article, traps, off-site ids, what is served."""
        c = self.chaos
        return {
            "faults": dict(c.faults),
            "listing_burst": c.listing_burst,
            "endless": list(c.endless),
            "calendars": list(c.calendars),
            "offsite": sorted(c.offsite),
            "served": sorted(c.served),
        }

    def is_trap(self, path_with_query: str) -> bool:
        """A request spent in a trap: a calendar page, or an endless channel's page past its last."""
        path = urlsplit(path_with_query).path
        if _CAL.match(path):
            return True
        endless = self.chaos._endless_page(path)
        if endless is None:
            return False
        chan, page = endless
        return page > render.page_count(len(self.model.listings[chan]), self.model.page_size)

    def reset(self) -> None:
        super().reset()
        with self._hits_lock:
            self._hits.clear()

    def _hit(self, key: str) -> int:
        """How many times ``key`` was asked for before (thread-safe)."""
        with self._hits_lock:
            n = self._hits[key]
            self._hits[key] += 1
        return n

    # -- routing ------------------------------------------------------------------------------
    def _route(self, path_with_query: str) -> Response:
        parts = urlsplit(path_with_query)
        path = parts.path or "/"
        c = self.chaos
        if path == c.listing_burst and self._hit(path) < BURST:
            return self._unavailable()
        for aid, (_chan, opath) in c.offsite.items():
            if path == opath:
                return self._offsite(aid, opath)
        hop = _HOP.match(path)
        if hop:
            return self._hop(hop.group("kind"), int(hop.group("id")), hop.group("step"))
        m = _CAL.match(path)
        if m and m.group("chan") in c.calendars:
            return self._html(self._calendar_page(m.group("chan"), int(m.group("y")), int(m.group("m"))))
        endless = c._endless_page(path)
        if endless is not None and self.is_trap(path):
            return self._html(self._empty_listing(*endless))
        spec = self.model.by_path.get(path)
        fault = c.faults.get(spec.article_id) if spec is not None else None
        if spec is not None and fault is not None:
            return self._faulted(fault, spec.article_id, path, parse_qs(parts.query))
        status, headers, body = super()._route(path_with_query)
        if status == 200 and headers.get("Content-Type", "").startswith("text/html"):
            body = self._listing_extras(path, parts.query, body)
        return status, headers, body

    def _unavailable(self) -> Response:
        status, headers, body = self._error(503)
        return status, {**headers, "Retry-After": "1"}, body

    def _faulted(self, fault: str, aid: int, path: str, query: dict[str, list[str]]) -> Response:
        if fault == "burst" and self._hit(path) < BURST:
            return self._unavailable()
        if fault in ONCE_FAULTS and self._hit(path) < 1:
            status, headers, body = super()._route(path)
            return status, {**headers, FAULT_HEADER: fault}, body
        if fault == "stall":
            status, headers, body = super()._route(path)
            return status, {**headers, FAULT_HEADER: f"stall={STALL_SECONDS}"}, body
        if fault == "redirect_loop":
            return self._redirect(f"/r/loop/{aid}/a")
        if fault == "redirect_chain" and "hop" not in query:
            return self._redirect(f"/r/chain/{aid}/1")
        status, headers, body = super()._route(path)
        if fault.startswith("charset_") or fault in ("malformed", "big_page"):
            return self._content_fault(fault, headers, body)
        return status, headers, body

    def _redirect(self, location: str, status: int = 302) -> Response:
        return status, {"Location": location, "Content-Type": "text/html; charset=utf-8"}, b""

    def _hop(self, kind: str, aid: int, step: str) -> Response:
        spec = self.model.by_id.get(aid)
        if spec is None or self.chaos.faults.get(aid) != f"redirect_{kind}":
            return self._error(404)
        if kind == "loop":
            return self._redirect(f"/r/loop/{aid}/{'b' if step == 'a' else 'a'}")
        n = int(step) if step.isdigit() else CHAIN_HOPS
        if n + 1 < CHAIN_HOPS:
            return self._redirect(f"/r/chain/{aid}/{n + 1}")
        return self._redirect(f"{spec.path}?hop={CHAIN_HOPS}")  # the sixth hop lands on the article

    def _content_fault(self, fault: str, headers: dict[str, str], body: bytes) -> Response:
        text = body.decode("utf-8")
        if fault == "charset_lie_latin1":  # UTF-8 bytes, a header claiming ISO-8859-1
            return 200, {**headers, "Content-Type": "text/html; charset=iso-8859-1"}, body
        if fault == "charset_lie_utf8":  # GBK bytes (the page says so), a header claiming UTF-8
            text = re.sub(r"charset=(['\"]?)utf-8", r"charset=\1gbk", text, flags=re.I)
            return 200, {**headers, "Content-Type": "text/html; charset=utf-8"}, text.encode("gbk")
        if fault == "charset_missing":  # GBK bytes, no charset anywhere
            return 200, {**headers, "Content-Type": "text/html"}, _META_CHARSET.sub("", text).encode("gbk")
        if fault == "malformed":
            text = text.replace("<body>", '<body><script>var s = "</p><div>";</script><div><p>', 1)
            text = text.replace("</div>", "", 2)
            return 200, headers, text.encode("utf-8")
        pad = "var filler = '" + "x" * 1024 + "';\n"
        big = "<script>\n" + pad * (BIG_PAGE_BYTES // len(pad)) + "</script>\n"
        return 200, headers, text.replace("</body>", big + "</body>", 1).encode("utf-8")

    def _offsite(self, aid: int, path: str) -> Response:
        target = f"{self.other_origin}{path}"
        if aid == self.chaos.offsite_meta:
            page = (
                f'<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={target}">'
                "<title>跳转</title></head><body><p>正在跳转</p></body></html>"
            )
            return self._html(page)
        return self._redirect(target)

    # -- listings -------------------------------------------------------------------------------
    def _listing_extras(self, path: str, query: str, body: bytes) -> bytes:
        """Off-site entries, the calendar and the live "next" link of an endless channel's last page."""
        m = re.match(r"^/(?P<chan>[a-z][a-z0-9_/-]*?)/(?:index(?:_(?P<page>\d+))?\.html)?$", path)
        if not m or query:
            return body
        chan, page = m.group("chan"), int(m.group("page") or 1)
        if chan not in self.model.listings:
            return body
        text = body.decode("utf-8")
        c = self.chaos
        entries = "".join(
            f'<li><a href="{opath}" class="title" target="_blank">聊城新闻{aid % 100}</a></li>'
            for aid, (ochan, opath) in c.offsite.items()
            if ochan == chan and page == 1
        )
        if entries:
            text = _LIST.sub(lambda mm: mm.group(1) + mm.group(2) + entries + mm.group(3), text, count=1)
        if chan in c.calendars and page == 1:
            text = text.replace("</body>", self._calendar(chan, 2025, 12) + "</body>", 1)
        pages = render.page_count(len(self.model.listings[chan]), self.model.page_size)
        if chan in c.endless and page == pages:
            nxt = render.listing_page_href(chan, page + 1)
            text = text.replace("</body>", f'<div class="pages"><a href="{nxt}">下一页</a></div></body>', 1)
        return text.encode("utf-8")

    def _calendar(self, chan: str, year: int, month: int) -> str:
        prev_y, prev_m = (year, month - 1) if month > 1 else (year - 1, 12)
        next_y, next_m = (year, month + 1) if month < 12 else (year + 1, 1)
        days = "".join(f'<a href="/{chan}/rili/{year}/{month}/{d}/">{d}</a>' for d in range(1, 29))
        return (
            f'<div class="calendar"><a href="/{chan}/rili/{prev_y}/{prev_m}/">«</a>'
            f"<span>{year}年{month}月</span>{days}"
            f'<a href="/{chan}/rili/{next_y}/{next_m}/">»</a></div>'
        )

    def _calendar_page(self, chan: str, year: int, month: int) -> str:
        return (
            f'<html><head><meta charset="utf-8"><title>{year}年{month}月_聊城新闻网</title></head><body>'
            f'{render.menu_html("a")}<div class="list-box"><ul class="news-list"></ul></div>'
            f"{self._calendar(chan, year, month)}</body></html>"
        )

    def _empty_listing(self, chan: str, page: int) -> str:
        nxt = render.listing_page_href(chan, page + 1)
        return (
            f'<html><head><meta charset="utf-8"><title>第{page}页_聊城新闻网</title></head><body>'
            f'{render.menu_html("a")}<div class="list-box"><ul class="news-list"></ul></div>'
            f'<div class="pages"><a href="{render.listing_page_href(chan, page - 1)}">上一页</a> '
            f'<a href="{nxt}" class="next">下一页</a></div></body></html>'
        )


def _strings(value: object) -> list[str]:
    """Every string in a nest of dicts, lists and tuples (the replica's trap paths)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []
