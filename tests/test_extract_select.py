"""CSS selection over one page (lcnews.extract.select): the indexed fast path selects exactly what
cssselect selects, and a bad selector in a user's profile matches nothing instead of failing."""

from __future__ import annotations

import pytest

from lcnews.extract.dom import parse_html
from lcnews.extract.select import Selector, css


def _root(html: str):  # type: ignore[no-untyped-def]
    root = parse_html(html)
    assert root is not None
    return root


SELECTOR_PAGE = (
    "<html><body><div class='content main'><p class='meta  info'>来源:某报</p>"
    "<div id='title'>标题</div><div class='share content'>分享</div></div>"
    "<div class='content'>另一个</div><span class='info'>x</span></body></html>"
)


@pytest.mark.parametrize(
    "selector", [".content", ".info", "#title", "div.content", "p.info", ".content .info", "div p", "#none", "li"]
)
def test_fast_selection_selects_what_cssselect_selects(selector: str) -> None:
    root = _root(SELECTOR_PAGE)
    assert Selector(root).select(selector) == css(root, selector)


@pytest.mark.parametrize("selector", ["[[[", "div[", "::nope"])
def test_an_invalid_selector_matches_nothing(selector: str) -> None:
    root = _root(SELECTOR_PAGE)
    assert (css(root, selector), Selector(root).select(selector)) == ([], [])
