"""The e-paper extractor against every article and layout page of a small replica, field by field."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from lcnews.extract.epaper import extract_print_article
from lcnews.extract.epaper_layout import parse_layout
from lcnews.site import load_profile
from lcnews.testsite.epaper import build_epaper

BASE = "http://127.0.0.1:9"
SITE = build_epaper(seed=11, days=5, state="later")
FIELDS = [
    "paper", "content_id", "edition_date", "page_no", "pretitle", "title", "subtitle", "authors",
    "correspondents", "photographers", "body", "continued_to", "continued_from",
]  # fmt: skip


@pytest.fixture(scope="module")
def extracted():
    out = []
    for t in SITE.truth:
        _, headers, body = SITE.respond("GET", t["path"])
        out.append((t, extract_print_article(body, BASE + t["path"], headers)))
    return out


@pytest.mark.parametrize("field", FIELDS)
def test_field_matches_truth(extracted, field):
    wrong = [(t["path"], t[field], getattr(got, field)) for t, got in extracted if getattr(got, field) != t[field]]
    assert wrong == []


def test_images_match_truth(extracted):
    def paths(images):
        return [{"src": urlsplit(i["src"]).path, "caption": i["caption"]} for i in images]

    assert [t["path"] for t, got in extracted if paths(got.images) != t["images"]] == []


def test_layout_pages_list_every_article():
    ep = load_profile().epaper
    wrong = []
    for path, page in SITE.model.pages.items():
        _, headers, body = SITE.respond("GET", path)
        got = parse_layout(body, BASE + path, ep, headers.get("Content-Type"))
        if (got.page_no, got.page_name, {a.content_id for a in got.articles}) != (
            page.page_no,
            page.name,
            {a.content_id for a in page.articles},
        ):
            wrong.append(path)
    assert wrong == []
