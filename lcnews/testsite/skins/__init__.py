"""Skins: the replica's site model (same URLs, articles and truth) in the markup of other CMS templates.

``build_site(..., skin=NAME)`` renders every page in one skin; ``skin="mixed"`` gives each article,
listing channel and the home page a named skin of its own (seeded); ``skin="random:N"`` draws a
skin from the space of choices (:mod:`.spec`) with seed N. :data:`SKINS` maps the named skins.
The site calls a :class:`SkinSet` through five hooks: content, truth, article, listing, home.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from ..model import ArticleSpec, Content, SiteModel
from ..render import page_count
from . import article, listing
from .catalog import NAMED
from .content import article_rng, restyle, shown_time
from .spec import Skin, random_skin

SKINS: Mapping[str, Skin] = MappingProxyType(NAMED)
_RANDOM = re.compile(r"^random:(\d{1,9})$")
_LISTING_PATH = re.compile(r"^/(?P<chan>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*){0,2})/(?P<file>[a-z0-9_]+\.html)?$")
_NEIGHBOURS = 14  # related list 6, sidebar 4, ticker 4


def check_skin(name: str) -> None:
    """Raise ValueError naming the valid choices unless ``name`` is a skin."""
    if name in SKINS or name == "mixed" or _RANDOM.match(name):
        return
    raise ValueError(f"unknown skin {name!r}: choose one of {', '.join(SKINS)}, 'mixed' or 'random:N' (N >= 0)")


def get_skin(name: str) -> Skin:
    """A named skin or ``random:N`` ("mixed" is a choice per page, not one skin)."""
    check_skin(name)
    m = _RANDOM.match(name)
    if m:
        return random_skin(int(m.group(1)), list(SKINS.values()))
    if name == "mixed":
        raise ValueError("'mixed' is not a single skin")
    return SKINS[name]


class SkinSet:
    """The skin choice of one replica: which skin renders which page, and the hooks the site calls."""

    def __init__(
        self,
        choice: str,
        model: SiteModel,
        title_of: Callable[[ArticleSpec], str],
        content_of: Callable[[ArticleSpec], Content],
    ) -> None:
        check_skin(choice)
        self.choice = choice
        self.model = model
        self.seed = model.seed
        self.title_of = title_of
        self.content_of = content_of
        self._fixed = None if choice == "mixed" else get_skin(choice)
        self._pool = list(SKINS.values())

    def _pick(self, key: str) -> Skin:
        if self._fixed is not None:
            return self._fixed
        return self._pool[zlib.crc32(f"lcnews-skin-mix:{self.seed}:{key}".encode()) % len(self._pool)]

    def for_article(self, spec: ArticleSpec) -> Skin:
        return self._pick(f"a{spec.article_id}")

    def for_listing(self, channel: str) -> Skin:
        return self._pick(f"l{channel}")

    def for_home(self) -> Skin:
        return self._pick("home")

    # -- hooks ------------------------------------------------------------------------------------
    def restyle(self, spec: ArticleSpec, content: Content) -> Content:
        skin = self.for_article(spec)
        return restyle(content, skin, article_rng(self.seed, spec.article_id, skin, "byline"))

    def truth(self, spec: ArticleSpec) -> dict[str, Any]:
        """The truth keys a skin decides (the rest comes from the content)."""
        skin = self.for_article(spec)
        raw, at = shown_time(skin, spec.ts)
        gbk = spec.encoding == "gbk" or skin.charset == "gbk"
        return {"published_raw": raw, "published_at": at, "template": skin.name, "encoding": "gbk" if gbk else "utf-8"}

    def render_article(self, spec: ArticleSpec, content: Content) -> tuple[bytes, str]:
        skin = self.for_article(spec)
        items = [(s, self.title_of(s)) for s in self.model.related(spec, _NEIGHBOURS)]
        near = article.Neighbours(related=items[:6], side=items[6:10], ticker=items[10:14])
        html = article.render(
            skin,
            spec,
            content,
            self.title_of(spec),
            shown_time(skin, spec.ts),
            near,
            article_rng(self.seed, spec.article_id, skin, "page"),
        )
        _, ctype = article.charset_of(skin, spec)
        codec = "gbk" if self.truth(spec)["encoding"] == "gbk" else "utf-8"
        return html.encode(codec, "xmlcharrefreplace"), ctype

    def listing_route(self, path: str, query_page: str | None) -> tuple[str, int | None] | None:
        """(channel, page or None for a page that does not exist) for a listing path, else None."""
        m = _LISTING_PATH.match(path)
        if not m or m.group("chan") not in self.model.listings:
            return None
        chan = m.group("chan")
        page = listing.parse_page(self.for_listing(chan), m.group("file"), query_page)
        pages = page_count(len(self.model.listings[chan]), self.model.page_size)
        return chan, page if page is not None and 1 <= page <= pages else None

    def render_listing(self, channel: str, page: int) -> tuple[bytes, str]:
        skin = self.for_listing(channel)
        html = listing.render_listing(skin, self.model, channel, page, self.title_of, self.content_of)
        return _encode(skin, html)

    def render_home(self) -> tuple[bytes, str]:
        skin = self.for_home()
        return _encode(skin, listing.render_home(skin, self.model, self.title_of))


def _encode(skin: Skin, html: str) -> tuple[bytes, str]:
    if skin.charset == "gbk":
        return html.encode("gbk", "xmlcharrefreplace"), "text/html"
    return html.encode("utf-8"), "text/html; charset=utf-8"


__all__ = ["SKINS", "Skin", "SkinSet", "check_skin", "get_skin"]
