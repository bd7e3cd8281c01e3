"""URL facts of a crawl: which URLs are the site's, what kind of page each is, canonical forms.

Pure functions over a :class:`~lcnews.site.SiteProfile` and an optional base URL (a mirror or the
offline replica). A link written on any of the site's hosts (http or https, with or without
``www.``) is a site link; it is fetched from the base URL and archived under the profile's origin.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lcnews.site import SiteProfile

Kind = Literal["article", "listing", "skip", "offsite"]
UNKNOWN_FORM = "not an article or listing URL"


class BaseUrlError(ValueError):
    """A --base-url that is not an http(s) origin."""


@dataclass(frozen=True)
class ArticleRef:
    article_id: int
    channel: str
    date: str  # YYYYMMDD from the path ("" when the pattern has no date group)
    path: str


@dataclass(frozen=True)
class Classified:
    kind: Kind
    path: str = ""
    query: str = ""
    article: ArticleRef | None = None
    channel: str = ""  # listing channel slug
    page: int = 1  # listing page number
    reason: str = ""  # why a URL is skipped / off-site


def normalize_base_url(base_url: str) -> str:
    """Validate a base URL and return its origin (``scheme://host[:port]``) without a slash."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BaseUrlError(f"base URL must look like http://HOST[:PORT] or https://HOST, got {base_url!r}")
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise BaseUrlError(f"base URL has an invalid port: {base_url!r}") from None
    return f"{parts.scheme}://{parts.netloc}".rstrip("/")


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SiteUrls:
    """Classify, canonicalise and map URLs for one crawl."""

    def __init__(self, profile: SiteProfile, base_url: str | None = None) -> None:
        self.profile = profile
        self.origin = profile.origin
        self.base = normalize_base_url(base_url) if base_url else profile.origin
        self._hosts = {h.lower() for h in profile.hosts}
        self._base_netloc = urlsplit(self.base).netloc.lower()
        self._tracking = tuple(p.lower() for p in profile.tracking_params)

    # -- membership --------------------------------------------------------------------------
    def is_site(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https", ""):
            return False
        if not parts.netloc:
            return True
        return parts.netloc.lower() == self._base_netloc or (parts.hostname or "").lower() in self._hosts

    # -- forms --------------------------------------------------------------------------------
    def _clean_query(self, query: str) -> str:
        kept = [
            (k, v)
            for k, v in parse_qsl(query, keep_blank_values=True)
            if not any(fnmatchcase(k.lower(), pat) for pat in self._tracking)
        ]
        return urlencode(kept)

    def fetch_url(self, url: str, base: str | None = None) -> str:
        """The URL to request: a site URL moved onto the base origin, fragment and tracking dropped."""
        absolute = urljoin(base or self.base + "/", url)
        parts = urlsplit(absolute)
        path = parts.path or "/"
        query = self._clean_query(parts.query)
        if self.profile.article_re.match(path):
            query = ""
        return urlunsplit((*urlsplit(self.base)[:2], path, query, ""))

    def canonical_url(self, url: str) -> str:
        """The archived form: the profile's origin + path (+ kept query for non-articles)."""
        parts = urlsplit(url)
        path = parts.path or "/"
        query = "" if self.profile.article_re.match(path) else self._clean_query(parts.query)
        return urlunsplit((*urlsplit(self.origin)[:2], path, query, ""))

    def on_origin(self, url: str) -> str:
        """A URL on the base origin (mirror/replica) rewritten onto the site's origin; others as is."""
        parts = urlsplit(url)
        if parts.netloc.lower() == self._base_netloc and self.base != self.origin:
            return urlunsplit((*urlsplit(self.origin)[:2], parts.path, parts.query, parts.fragment))
        return url

    # -- kinds --------------------------------------------------------------------------------
    def classify(self, url: str, base: str | None = None) -> Classified:
        absolute = urljoin(base or self.base + "/", url.strip())
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https"):
            return Classified("offsite", reason=f"scheme {parts.scheme or '?'}")
        if not self.is_site(absolute):
            return Classified("offsite", reason=f"host {parts.hostname}")
        path = parts.path or "/"
        for rx in self.profile.skip_res:
            if rx.search(path):
                return Classified("skip", path=path, reason=f"profile skip {rx.pattern}")
        m = self.profile.article_re.match(path)
        if m:
            groups = m.groupdict()
            ref = ArticleRef(
                article_id=int(groups["id"]),
                channel=groups["channel"].strip("/"),
                date=groups.get("date") or "",
                path=path,
            )
            return Classified("article", path=path, article=ref, channel=ref.channel)
        for rx in self.profile.legacy_article_res:
            m = rx.match(path)
            if m:
                ref = ArticleRef(article_id=int(m.group("id")), channel="", date="", path=path)
                return Classified("article", path=path, article=ref, reason="legacy URL form")
        m = self.profile.listing_re.match(path)
        if m:
            groups = m.groupdict()
            page = int(groups.get("page") or groups.get("page_only") or 1)
            qpage = dict(parse_qsl(parts.query)).get("page")
            if qpage and qpage.isdigit():
                page = int(qpage)
            return Classified(
                "listing",
                path=path,
                query=self._clean_query(parts.query),
                channel=(groups.get("channel") or "").strip("/"),
                page=page,
            )
        if path == "/":
            return Classified("listing", path=path, channel="", page=1)
        return Classified("skip", path=path, query=parts.query, reason=UNKNOWN_FORM)


_SLUG_RE = re.compile(r"^[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)*$")


def valid_slug(slug: str) -> bool:
    return bool(_SLUG_RE.match(slug.strip("/")))


def in_channels(channel: str, wanted: tuple[str, ...] | list[str]) -> bool:
    """True when `channel` is one of `wanted` or below one of them (yaowen/shendu is in yaowen)."""
    if not wanted:
        return True
    return any(channel == w or channel.startswith(w + "/") for w in wanted)
