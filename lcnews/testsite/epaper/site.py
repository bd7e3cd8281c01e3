"""``EpaperSite``: the e-paper replica answering requests (``respond``), with its truth."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from . import render
from .model import START, Edition, EpaperModel, PageSpec, PrintSpec, build_model, truth_of

Response = tuple[int, dict[str, str], bytes]
_PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")
_PDF = b"%PDF-1.4\n% replica page\n%%EOF\n"


class EpaperSite:
    """Both papers' editions; ``truth`` per article, ``editions`` per (paper, day)."""

    def __init__(self, model: EpaperModel) -> None:
        self.model = model
        self._edition_of: dict[str, Edition] = {p.path: e for e in model.editions for p in e.pages}

    # -- truth -------------------------------------------------------------------------------
    @property
    def truth(self) -> list[dict[str, Any]]:
        return [truth_of(a) for a in self.model.articles]

    @property
    def editions(self) -> list[dict[str, Any]]:
        """(paper, date, pages, missing) of every day of the range, both papers."""
        return [
            {"paper": e.paper.key, "date": e.day.isoformat(), "pages": len(e.pages), "missing": e.missing}
            for e in self.model.editions
        ]

    @property
    def first_day(self) -> date:
        return min(e.day for e in self.model.editions)

    @property
    def last_day(self) -> date:
        return max(e.day for e in self.model.editions)

    # -- serving -----------------------------------------------------------------------------
    def respond(self, method: str, path_with_query: str) -> Response:
        method = method.upper()
        if method not in ("GET", "HEAD"):
            return 405, {"Content-Type": "text/plain; charset=utf-8", "Allow": "GET, HEAD"}, b"method not allowed\n"
        status, headers, body = self._route(urlsplit(path_with_query).path or "/")
        if method == "HEAD":
            return status, {**headers, "Content-Length": str(len(body))}, b""
        return status, headers, body

    def _page(self, text: str, template: str) -> Response:
        if template == "table":
            # GBK, declared only in the page (the header names no charset)
            return 200, {"Content-Type": "text/html"}, text.encode("gbk")
        return 200, {"Content-Type": "text/html; charset=utf-8"}, text.encode("utf-8")

    def _route(self, path: str) -> Response:
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain; charset=utf-8"}, b"User-agent: *\nDisallow:\n"
        for paper in {e.paper for e in self.model.editions}:
            if path in (f"/{paper.dir}/pc/layout/index.html", f"/{paper.dir}/", f"/{paper.dir}/pc/layout/"):
                latest = max(
                    (e for e in self.model.editions if e.paper == paper and not e.missing), key=lambda e: e.day
                )
                return 200, {"Content-Type": "text/html; charset=utf-8"}, render.entry(latest.pages[0].path).encode()
        page = self.model.pages.get(path)
        if page is not None:
            edition = self._edition_of[path]
            maker = render.layout_table if edition.template == "table" else render.layout_modern
            return self._page(maker(edition, page), edition.template)
        article = self.model.by_path.get(path)
        if article is not None:
            return self._article(article)
        if path.endswith(".pdf") and "/pc/attachment/" in path:
            return 200, {"Content-Type": "application/pdf"}, _PDF
        if path.endswith(".jpg"):
            return 200, {"Content-Type": "image/gif"}, _PIXEL
        return 404, {"Content-Type": "text/html; charset=utf-8"}, render.not_found().encode()

    def _article(self, a: PrintSpec) -> Response:
        page = self._page_of(a)
        edition = self._edition_of[page.path]
        maker = render.article_table if edition.template == "table" else render.article_modern
        return self._page(maker(a, page), edition.template)

    def _page_of(self, a: PrintSpec) -> PageSpec:
        for e in self.model.editions:
            if e.paper == a.paper and e.day == a.day:
                return e.pages[a.page_no - 1]
        raise KeyError(a.content_id)


def build_epaper(
    seed: int = 1,
    days: int = 14,
    state: str = "initial",
    start: date = START,
    web: Sequence[Mapping[str, Any]] = (),
) -> EpaperSite:
    """The replica e-paper: both papers for ``days`` days from ``start`` (``later``: two more, one
    edit); ``web`` (the web replica's truth): its articles of the range printed the next day."""
    return EpaperSite(build_model(seed, days, state, start, web))
