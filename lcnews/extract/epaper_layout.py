"""Founder e-paper layout (edition) pages: the page's number, name and PDF, the day's page list, the
neighbouring pages and the articles printed on it (its title list and its image map).

An entry page that META-refreshes to the latest edition gives only ``refresh_url``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

from lcnews.extract.decode import decode_html
from lcnews.extract.dom import collapse, text_of
from lcnews.extract.epaper_meta import chinese_number, content_ref, layout_ref
from lcnews.extract.page import parse_page
from lcnews.site import EpaperProfile

__all__ = ["ArticleLink", "LayoutPage", "PageLink", "parse_layout"]

_REFRESH_RE = re.compile(r"url\s*=\s*['\"]?([^'\";\s>]+)", re.I)
_TITLE_PAGE_RE = re.compile(r"(?P<no>\d{1,3})\s*版\s*[:：]\s*(?P<name>\S+)")
_TITLE_DATE_RE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")


@dataclass
class PageLink:
    url: str
    page_no: int | None
    page_name: str


@dataclass
class ArticleLink:
    url: str
    content_id: int
    title: str  # as the title list shows it ("" when only the image map links it)
    date: str  # from a dated URL, else ""


@dataclass
class LayoutPage:
    url: str
    paper: str = ""  # the paper's key ("lcrb")
    paper_name: str = ""
    date: str = ""  # "YYYY-MM-DD"
    node: str = ""
    page_no: int | None = None
    page_name: str = ""
    pdf_url: str = ""
    pages: list[PageLink] = field(default_factory=list)
    prev_page: str = ""
    next_page: str = ""
    articles: list[ArticleLink] = field(default_factory=list)
    refresh_url: str = ""  # an entry page's META refresh target
    encoding: str = ""


def _links(root: etree._Element) -> list[tuple[etree._Element, str, str]]:
    out = []
    for el in root.iter("a", "area", "AREA", "A"):
        href = (el.get("href") or "").strip()
        if href and not href.lower().startswith(("javascript:", "#", "mailto:")):
            out.append((el, href, collapse(text_of(el)) if el.tag.lower() == "a" else collapse(el.get("alt") or "")))
    return out


def _labelled(text: str, labels: tuple[str, ...]) -> bool:
    t = text.replace(" ", "")
    return any(t == lab or t.strip("<>《》[]【】") == lab for lab in labels)


def parse_layout(data: bytes | str, url: str, ep: EpaperProfile, content_type: str | None = None) -> LayoutPage:
    """Everything a layout page says (pure: the page's bytes and URL in, values out)."""
    text, encoding = decode_html(data, content_type) if isinstance(data, bytes) else (data, "")
    out = LayoutPage(url=url, encoding=encoding)
    page = parse_page(text, url)
    if page is None:
        return out
    base = page.url or url
    for el in page.root.iter("meta"):
        if (el.get("http-equiv") or "").lower() == "refresh":
            m = _REFRESH_RE.search(el.get("content") or "")
            if m:
                out.refresh_url = urljoin(base, m.group(1))
    ref = layout_ref(url, ep)
    if ref is not None:
        paper, out.date, out.node = ref
        if paper is not None:
            out.paper, out.paper_name = paper.key, paper.name
    title = page.head_title
    for p in ep.papers:
        if p.name in title and not out.paper_name:
            out.paper, out.paper_name = p.key, p.name
    if not out.date:
        m = _TITLE_DATE_RE.search(title)
        if m:
            out.date = f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
    # the day's page list, neighbours, the PDF, the articles
    listed: dict[int, ArticleLink] = {}  # the title list's links (and any other <a>), in order
    mapped: dict[int, ArticleLink] = {}  # the image map's areas
    item_re = ep.pattern("page_list_item")
    for el, href, label in _links(page.root):
        absolute = urljoin(base, href)
        if _labelled(label, ep.label("prev_page")):
            out.prev_page = out.prev_page or absolute
            continue
        if _labelled(label, ep.label("next_page")):
            out.next_page = out.next_page or absolute
            continue
        if ep.pdf_re.search(urlsplit(absolute).path):
            out.pdf_url = out.pdf_url or absolute
            continue
        if layout_ref(absolute, ep) is not None:
            m = item_re.match(label) or ep.pattern("page_label").search(label)
            if m and not any(p.url == absolute for p in out.pages):
                out.pages.append(PageLink(absolute, chinese_number(m.group("no")), (m.group("name") or "").strip()))
            continue
        cref = content_ref(absolute, ep)
        if cref is None:
            continue
        into = listed if el.tag.lower() == "a" else mapped
        if cref.content_id not in into or (label and not into[cref.content_id].title):
            into[cref.content_id] = ArticleLink(absolute, cref.content_id, label, cref.date)
    out.articles = list(listed.values())
    for cid, link in mapped.items():
        if cid not in listed:
            out.articles.append(link)
    # the page's own number and name: its label (第01版：要闻), else <title>, else the page list
    body_text = collapse(" ".join(t for t in page.root.itertext() if t and t.strip()))
    m = ep.pattern("page_label").search(body_text)
    if m and chinese_number(m.group("no")) is not None:
        out.page_no, out.page_name = chinese_number(m.group("no")), (m.group("name") or "").strip()
    else:
        m2 = _TITLE_PAGE_RE.search(title)
        if m2:
            out.page_no, out.page_name = int(m2.group("no")), m2.group("name")
    if not out.page_name or out.page_no is None:
        for p2 in out.pages:
            if p2.url == url:
                out.page_no = out.page_no if out.page_no is not None else p2.page_no
                out.page_name = out.page_name or p2.page_name
    return out
