"""Stage 2, parse (lcnews.extract.page): decoded text -> a Page holding the tree, its one walk and
the head's data (``<title>``, meta tags, JSON-LD, canonical URL) every later stage reads."""

from __future__ import annotations

import pytest
from extract_pages import P1, TITLE, URL

from lcnews.extract.page import Page, parse_page


def _page(head: str = "", body: str = f"<p>{P1}</p>", url: str | None = URL) -> Page:
    page = parse_page(f"<html><head>{head}</head><body>{body}</body></html>", url)
    assert page is not None
    return page


@pytest.mark.parametrize("text", ["", " \n\t "], ids=["empty", "whitespace"])
def test_nothing_to_parse_gives_no_page(text: str) -> None:
    assert parse_page(text, URL) is None


def test_head_title_is_collapsed() -> None:
    assert _page(f"<title>\n  {TITLE}\u3000_聊城新闻网 \n</title>").head_title == f"{TITLE} _聊城新闻网"


def test_head_title_is_not_a_line_of_the_walk() -> None:
    assert _page(f"<title>{TITLE}</title>").walk.lines == [P1]


def test_meta_tags_are_keyed_by_lowercased_name_property_or_itemprop() -> None:
    page = _page(
        "<meta name='Author' content='王晓明'><meta property='OG:Title' content='标题'>"
        "<meta itemprop='datePublished' content='2024-06-08'>"
    )
    assert page.metas == {"author": ["王晓明"], "og:title": ["标题"], "datepublished": ["2024-06-08"]}


def test_repeated_meta_tags_keep_page_order() -> None:
    page = _page("<meta name='keywords' content='公交'><meta name='keywords' content='出行'>")
    assert page.metas["keywords"] == ["公交", "出行"]


def test_meta_skips_empty_contents() -> None:
    page = _page("<meta property='og:title' content=''><meta property='og:title' content='第二个'>")
    assert page.meta("og:title") == "第二个"


def test_meta_tries_keys_in_order() -> None:
    page = _page("<meta name='title' content='后备'><meta name='twitter:title' content='首选'>")
    assert page.meta("og:title", "twitter:title", "title") == "首选"


def test_meta_of_absent_keys_is_empty() -> None:
    assert _page().meta("og:title") == ""


def test_jsonld_values_are_found_at_any_depth() -> None:
    page = _page(
        "<script type='application/ld+json'>"
        '{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "headline": "深处的标题"}]}</script>'
    )
    assert page.jsonld_values("headline") == ["深处的标题"]


def test_jsonld_author_objects_give_their_names() -> None:
    page = _page(
        '<script type=\'application/ld+json\'>{"author": [{"@type": "Person", "name": "王晓明"}, "李华"]}</script>'
    )
    assert page.jsonld_values("author") == ["王晓明", "李华"]


def test_broken_jsonld_is_skipped_and_the_rest_kept() -> None:
    page = _page(
        "<script type='application/ld+json'>{broken</script>"
        '<script type=\'application/ld+json\'>{"headline": "完好的"}</script>'
    )
    assert page.jsonld_values("headline") == ["完好的"]


@pytest.mark.parametrize(
    ("head", "canonical"),
    [
        ("<link rel='Canonical' href='https://www.lcxw.cn/a/2.html'>", "https://www.lcxw.cn/a/2.html"),
        ("<meta property='og:url' content='https://www.lcxw.cn/a/3.html'>", "https://www.lcxw.cn/a/3.html"),
        (
            "<base href='https://m.example.com/x/'><meta property='og:url' content='y.html'>",
            "https://m.example.com/x/y.html",
        ),
        ("", URL),
    ],
    ids=["absolute-link", "og-url", "og-url-under-base", "none-is-the-url"],
)
def test_canonical_url(head: str, canonical: str) -> None:
    assert _page(head).canonical_url == canonical


def test_relative_canonical_link_resolves_against_the_page_url() -> None:
    page = _page("<link rel='canonical' href='/a/1.html'>", url="http://mirror.example/b/2.html")
    assert page.canonical_url == "http://mirror.example/a/1.html"


def test_a_broken_base_href_keeps_the_page_url() -> None:
    page = _page("<base href='http://[::1'>")
    assert (page.url, page.canonical_url) == (URL, URL)


def test_base_href_is_the_base_of_image_sources() -> None:
    page = _page("<base href='https://img.example.com/news/'>", body="<p><img src='a.jpg'></p>")
    assert [b.image.src for b in page.walk.blocks if b.image] == ["https://img.example.com/news/a.jpg"]


def test_select_finds_elements_by_css() -> None:
    page = _page(body=f"<div class='con'><p>{P1}</p></div>")
    assert [el.tag for el in page.select("div.con p")] == ["p"]


def test_select_with_an_invalid_selector_finds_nothing() -> None:
    assert _page().select("div[") == []
