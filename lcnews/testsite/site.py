"""``ReplicaSite``: routes a request path to a status, headers and bytes, and exposes the ground truth.

Pages are rendered lazily on first request and kept in bounded caches, so a 50,000-article site costs
only its skeleton until it is crawled. The only mutable per-instance state is the "fails once" trap
(see :meth:`ReplicaSite.reset`).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from datetime import UTC, timedelta, timezone
from email.utils import format_datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import data, render
from .model import ArticleSpec, Content, SiteModel, make_content, make_title
from .skins import SkinSet

Response = tuple[int, dict[str, str], bytes]

_LISTING = re.compile(r"^/(?P<chan>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*){0,2})/(?:index(?:_(?P<page>\d+))?\.html)?$")
_OLD_URL = re.compile(r"^/html/\d{4}/\d{2}/(?P<id>\d+)\.shtml$")
_ASSET_PREFIXES = ("/static/", "/skin/", "/assets/", "/uploads/", "/d/file/")
# A 1x1 GIF stands in for every image (crawlers must not fetch them; benchmarks might).
_PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")
_CACHE_SIZE = 4096
_BJ = timezone(timedelta(hours=8))


class _LRU:
    """A small thread-safe LRU map (rendering is pure, so a race only duplicates work)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key: Any, value: Any) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


class ReplicaSite:
    """A deterministic copy of lcxw.cn built from a seed (see ``build_site``)."""

    def __init__(self, model: SiteModel, skin: str | None = None) -> None:
        self.model = model
        self.seed = model.seed
        self.state = model.state
        self.template = model.template
        self.skin = skin
        #: Renders every page in other markup when a skin is chosen (None: templates a/b/unknown).
        self.skins = SkinSet(skin, model, self.title_of, self.content_of) if skin else None
        names = render.CHANNEL_NAME
        self.channels: list[tuple[str, str]] = sorted((slug, names[slug]) for slug in model.listings)
        self.robots_disallowed: list[str] = list(data.ROBOTS_DISALLOWED)
        #: Trap name -> path(s); see docs in the package ``__init__``.
        self.traps: dict[str, Any] = dict(model.traps)
        self._titles: dict[int, str] = {}
        self._contents = _LRU(2048)
        self._pages = _LRU(_CACHE_SIZE)
        self._failed_once: set[int] = set()
        self._lock = threading.Lock()
        self._truth: list[dict[str, Any]] | None = None

    # -- content ----------------------------------------------------------------------------------
    def _edited(self, spec: ArticleSpec) -> bool:
        return self.state == "later" and spec.article_id == self.model.edited_id

    def title_of(self, spec: ArticleSpec) -> str:
        t = self._titles.get(spec.article_id)
        if t is None:
            t = self.content_of(spec).title if self._edited(spec) else make_title(self.seed, spec)
            self._titles[spec.article_id] = t
        return t

    def content_of(self, spec: ArticleSpec) -> Content:
        c = self._contents.get(spec.article_id)
        if c is None:
            c = make_content(self.seed, spec, edited=self._edited(spec))
            if self.skins is not None:
                c = self.skins.restyle(spec, c)
            self._contents.put(spec.article_id, c)
        return c

    @property
    def truth(self) -> list[dict[str, Any]]:
        """Ground truth, one dict per article (incl. unreachable, dead-linked and removed ones)."""
        if self._truth is None:
            self._truth = [self._truth_of(s) for s in self.model.articles]
        return self._truth

    def _truth_of(self, spec: ArticleSpec) -> dict[str, Any]:
        ghost = spec.kind == "ghost"
        c = None if ghost else self.content_of(spec)
        truth = {
            "article_id": spec.article_id,
            "url": data.ORIGIN + spec.path,
            "path": spec.path,
            "paths": list(spec.paths),
            "channel": spec.channel,
            "channel_names": list(spec.channel_names),
            "title": self.title_of(spec),
            "published_at": f"{spec.ts:%Y-%m-%dT%H:%M:%S}+08:00",
            "published_raw": spec.published_raw,
            "source": c.source if c else "",
            "authors": list(c.authors) if c else [],
            "correspondents": list(c.correspondents) if c else [],
            "photographers": list(c.photographers) if c else [],
            "editors": list(c.editors) if c else [],
            "body": c.body if c else "",
            "images": c.images if c else [],
            "template": spec.template,
            "encoding": spec.encoding,
            "reachable": spec.reachable,
            "status": spec.status,
            "state_note": spec.state_note,
        }
        if self.skins is not None:
            truth.update(self.skins.truth(spec))
        return truth

    def reset(self) -> None:
        """Re-arm the "500 on first request" trap (it fires once per site instance otherwise)."""
        with self._lock:
            self._failed_once.clear()

    # -- HTTP -------------------------------------------------------------------------------------
    def respond(self, method: str, path_with_query: str) -> Response:
        """Answer one request; HEAD gets the GET headers and an empty body."""
        method = method.upper()
        if method not in ("GET", "HEAD"):
            return 405, {"Content-Type": "text/plain; charset=utf-8", "Allow": "GET, HEAD"}, b"method not allowed\n"
        status, headers, body = self._route(path_with_query)
        if method == "HEAD":
            headers = {**headers, "Content-Length": str(len(body))}
            return status, headers, b""
        return status, headers, body

    def _html(
        self, text: str, status: int = 200, ctype: str = "text/html; charset=utf-8", codec: str = "utf-8"
    ) -> Response:
        return status, {"Content-Type": ctype}, text.encode(codec)

    def _error(self, status: int) -> Response:
        return self._html(render.render_error(status), status)

    def _route(self, path_with_query: str) -> Response:
        parts = urlsplit(path_with_query)
        path, query = parts.path or "/", parts.query
        if path in ("/", "/index.html", "/index.htm"):
            return self._cached(("home",), self._home)
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain; charset=utf-8"}, render.robots_txt().encode()
        if path == "/favicon.ico":
            return 200, {"Content-Type": "image/x-icon"}, _PIXEL
        spec = self.model.by_path.get(path)
        if spec is not None:
            return self._article(spec, path)
        if self.skins is not None:
            hit = self.skins.listing_route(path, parse_qs(query).get("page", [None])[0])
            if hit is not None:
                return self._skin_listing(self.skins, *hit)
        m = _LISTING.match(path)
        if m and m.group("chan") in self.model.listings:
            return self._listing(m.group("chan"), m.group("page"), query)
        if path.rstrip("/") and path + "/" in {f"/{c}/" for c in self.model.listings}:
            return 301, {"Location": path + "/", "Content-Type": "text/html; charset=utf-8"}, b""
        m = _OLD_URL.match(path)
        if m:
            target = self.model.by_id.get(int(m.group("id")))
            if target is not None and target.kind == "normal":
                return 301, {"Location": target.path, "Content-Type": "text/html; charset=utf-8"}, b""
            return self._error(404)
        if path.startswith(_ASSET_PREFIXES):
            return self._asset(path)
        if path in data.LIVE_PAGES:
            return self._html(render.render_live(path))
        if path.endswith(".m3u8") and any(path.startswith(p) for p in data.LIVE_PAGES):
            return 200, {"Content-Type": "application/vnd.apple.mpegurl"}, render.live_playlist(path).encode()
        if path in (data.ZHUANTI_PATH, data.ZHUANTI_PATH + "index.html"):
            return self._cached(("zt",), lambda: self._html(render.render_zhuanti(self.model, self.title_of)))
        if path.startswith("/search/"):
            q = parse_qs(query).get("q", [""])[0]
            return self._html(render.render_simple("搜索结果", f"与“{q}”相关的结果 0 条"))
        if path.startswith("/about/") and path.endswith(".html"):
            return self._html(render.render_simple(data.SITE_NAME, "聊城市新闻传媒中心 联系电话:0635-8275123"))
        return self._error(404)

    def _cached(self, key: Any, make: Any) -> Response:
        hit = self._pages.get(key)
        if hit is None:
            hit = make()
            self._pages.put(key, hit)
        return hit

    def _asset(self, path: str) -> Response:
        if path.endswith((".jpg", ".jpeg", ".png", ".gif")):
            return 200, {"Content-Type": "image/gif"}, _PIXEL
        if path.endswith(".css"):
            return 200, {"Content-Type": "text/css"}, b"body{margin:0;font-family:sans-serif}\n"
        if path.endswith(".js"):
            return 200, {"Content-Type": "application/javascript"}, b"/* lcxw */\n"
        return self._error(404)

    def _article(self, spec: ArticleSpec, path: str) -> Response:
        if spec.kind == "ghost":
            return self._error(404)
        if spec.status != 200:
            return self._error(spec.status)
        if path == self.traps["error_once"]:
            with self._lock:
                first = spec.article_id not in self._failed_once
                self._failed_once.add(spec.article_id)
            if first:
                return self._error(500)
        return self._cached(("a", spec.article_id), lambda: self._render_article(spec))

    def _render_article(self, spec: ArticleSpec) -> Response:
        content = self.content_of(spec)
        if self.skins is not None:
            body, ctype = self.skins.render_article(spec, content)
        else:
            related = [(s, self.title_of(s)) for s in self.model.related(spec)]
            html, ctype = render.render_article(spec, content, related)
            body = html.encode("gbk" if spec.encoding == "gbk" else "utf-8")
        modified = spec.ts + (timedelta(days=1) if self._edited(spec) else timedelta(0))
        headers = {
            "Content-Type": ctype,
            "Last-Modified": format_datetime(modified.replace(tzinfo=_BJ).astimezone(UTC), usegmt=True),
            "ETag": '"' + hashlib.sha1(body).hexdigest()[:16] + '"',
        }
        return 200, headers, body

    def _home(self) -> Response:
        if self.skins is not None:
            body, ctype = self.skins.render_home()
            return 200, {"Content-Type": ctype}, body
        return self._html(render.render_home(self.model, self.title_of))

    def _skin_listing(self, skins: SkinSet, chan: str, page: int | None) -> Response:
        if page is None:
            return self._error(404)

        def make() -> Response:
            body, ctype = skins.render_listing(chan, page)
            return 200, {"Content-Type": ctype}, body

        return self._cached(("l", chan, page), make)

    def _listing(self, chan: str, page_s: str | None, query: str) -> Response:
        if chan in data.QUERY_PAGED_CHANNELS:
            if page_s:
                return self._error(404)
            raw = parse_qs(query).get("page", ["1"])[0]
            page = int(raw) if raw.isdigit() else 1
        else:
            page = int(page_s) if page_s else 1
        pages = render.page_count(len(self.model.listings[chan]), self.model.page_size)
        if not 1 <= page <= pages:
            return self._error(404)
        return self._cached(
            ("l", chan, page), lambda: self._html(render.render_listing(self.model, chan, page, self.title_of))
        )
