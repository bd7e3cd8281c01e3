"""The reading room in Datasette (lcnews/datasette/room.py and its templates), through Datasette's own
test client on a small archive: the article page, readable tables, channel names in Chinese, the
searched articles page ranked like `lcnews search`, CSV with a BOM, messages for searches that
cannot run, and the dashboard's figures. (The same pages in Chromium: tests/test_browser.py.)"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from collections import Counter
from html import unescape
from pathlib import Path
from typing import Any

import datasette.app
import pytest
import reading_archive

from lcnews.datasette import reading
from lcnews.datasette.app import build_datasette, database_name, register_plugin
from lcnews.db import search as fts
from lcnews.site import load_profile

NAMES = load_profile().channel_names


class Client:
    def __init__(self, db: Path) -> None:
        self.ds = build_datasette(db)
        self.name = database_name(db)

    def get(self, path: str, **params: Any) -> Any:
        return asyncio.run(self.ds.client.get(path.format(db=self.name), params=params))

    def html(self, path: str, **params: Any) -> str:
        response = self.get(path, **params)
        assert response.status_code == 200, response.text[:2000]
        return str(response.text)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    path = tmp_path_factory.mktemp("room") / "lcxw.db"
    return path, reading_archive.build(path)


@pytest.fixture(scope="module")
def client(archive: tuple[Path, list[dict[str, Any]]]) -> Client:
    return Client(archive[0])


@pytest.fixture(scope="module")
def truth(archive: tuple[Path, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return archive[1]


def text_of(html: str, cls: str, tag: str = r"\w+") -> list[str]:
    """The text of every element with class ``cls`` (tags stripped, entities decoded)."""
    found = re.findall(rf'<({tag})[^>]*class="[^"]*\b{cls}\b[^"]*"[^>]*>(.*?)</\1>', html, re.S)
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", body))).strip() for _, body in found]


# --- the article page ---------------------------------------------------------------------------


def with_images(truth: list[dict[str, Any]]) -> dict[str, Any]:
    return next(t for t in truth if t["images"] and t["photographers"] and t["editors"] and t["source"])


def test_article_page_has_the_headline(client: Client, truth: list[dict[str, Any]]) -> None:
    t = with_images(truth)
    html = client.html(f"/{{db}}/articles/{t['article_id']}")
    assert text_of(html, "lcnews-headline", "h1") == [t["title"]]


def test_article_page_body_is_its_paragraphs(client: Client, truth: list[dict[str, Any]]) -> None:
    t = with_images(truth)
    html = client.html(f"/{{db}}/articles/{t['article_id']}")
    body = re.search(r'<div class="lcnews-body">(.*?)</div>', html, re.S)
    assert body is not None
    paragraphs = [unescape(p).strip() for p in re.findall(r"<p>(.*?)</p>", body.group(1), re.S)]
    assert paragraphs == t["body"].split("\n")


def test_article_page_meta_line_has_time_source_and_credits(client: Client, truth: list[dict[str, Any]]) -> None:
    t = with_images(truth)
    html = client.html(f"/{{db}}/articles/{t['article_id']}")
    (meta,) = text_of(html, "lcnews-meta", "p")
    assert t["published_at"][:16].replace("T", " ") in meta
    assert f"来源：{t['source']}" in meta
    assert f"记者：{'、'.join(t['authors'])}" in meta
    assert f"摄影：{'、'.join(t['photographers'])}" in meta
    assert text_of(html, "lcnews-editors", "p") == [f"编辑：{'、'.join(t['editors'])}"]


def test_article_page_names_the_channel_in_chinese(client: Client, truth: list[dict[str, Any]]) -> None:
    t = next(t for t in truth if "/" in t["channel"] and t["channel"] in NAMES)
    html = client.html(f"/{{db}}/articles/{t['article_id']}")
    (kicker,) = text_of(html, "lcnews-kicker", "p")
    parent = t["channel"].split("/")[0]
    assert kicker.startswith(f"{NAMES[parent]} › {NAMES[t['channel']]}") and t["channel"] in kicker


def test_article_page_shows_images_with_captions(client: Client, truth: list[dict[str, Any]]) -> None:
    t = with_images(truth)
    html = client.html(f"/{{db}}/articles/{t['article_id']}")
    figures = re.findall(
        r'<figure class="lcnews-figure">\s*<img src="([^"]+)"[^>]*>\s*(?:<figcaption>(.*?)</figcaption>)?', html
    )
    assert [(unescape(s), unescape(c)) for s, c in figures] == [(i["src"], i["caption"]) for i in t["images"]]


def test_article_page_links_to_the_live_page_and_the_versions(client: Client, truth: list[dict[str, Any]]) -> None:
    t = truth[reading_archive.EDITED]
    html = client.html(f"/{{db}}/articles/{t['article_id']}")
    assert re.search(rf'<a class="lcnews-live" href="{re.escape(t["url"])}"', html)
    link = re.search(r'<a class="lcnews-versions" href="([^"]+)">2 versions</a>', html)
    assert link is not None
    path, _, query = unescape(link.group(1)).partition("?")
    assert query == f"article_id={t['article_id']}"
    versions = client.get(path + ".json", article_id=t["article_id"], _shape="array")
    assert [(v["version"], v["state"]) for v in versions.json()] == [(1, "superseded"), (2, "current")]


def test_article_page_gives_a_citation(client: Client, truth: list[dict[str, Any]]) -> None:
    t = truth[reading_archive.EDITED]
    html = client.html(f"/{{db}}/articles/{t['article_id']}")
    (cite,) = text_of(html, "lcnews-cite", "p")
    assert t["url"] in cite and "archived 2025-06-02T09:00:05+00:00" in cite and "version 2 of 2" in cite


def test_article_page_keeps_every_column_folded(client: Client, truth: list[dict[str, Any]]) -> None:
    html = client.html(f"/{{db}}/articles/{truth[0]['article_id']}")
    record = html.split('<details class="lcnews-record">', 1)[1]
    assert "td.col-raw_sha256" not in record and 'class="col-raw_sha256' in record


def test_other_tables_keep_datasettes_row_page(client: Client) -> None:
    html = client.html("/{db}/meta/schema_version")
    assert "lcnews-article" not in html and "schema_version" in html


# --- tables -------------------------------------------------------------------------------------


def test_articles_table_shows_a_body_excerpt(client: Client, truth: list[dict[str, Any]]) -> None:
    html = client.html("/{db}/articles", _size="max")
    excerpts = text_of(html, "lcnews-excerpt", "div")
    assert len(excerpts) == sum(1 for t in truth if len(t["body"]) > reading.EXCERPT_CHARS) > 0
    assert all(len(e) <= reading.EXCERPT_CHARS + 1 for e in excerpts)
    assert {reading.excerpt(t["body"]) for t in truth} >= set(excerpts)


def test_column_notes_are_folded_away(client: Client) -> None:
    html = client.html("/{db}/articles")
    notes = html.split('<details class="lcnews-column-notes">', 1)
    assert len(notes) == 2 and "<summary>Column notes (" in notes[1][:80]
    css = client.html("/lcnews-static/lcnews.css")
    assert "dl.column-descriptions { display: none; }" in css


def test_articles_table_shows_the_reading_columns(client: Client) -> None:
    html = client.html("/{db}/articles")
    assert '<div class="lcnews-table lcnews-reading">' in html
    assert "show every column" in html
    every = client.html("/{db}/articles", _lcnews_columns="all")
    assert '<div class="lcnews-table">' in every


def test_channel_cells_and_facet_name_channels_in_chinese(client: Client) -> None:
    html = client.html("/{db}/articles")
    facet = html.split('id="facet-channel"', 1)[1].split("</ul>", 1)[0]
    assert f'yaowen/shendu</a> <span class="lcnews-zh">{NAMES["yaowen/shendu"]}</span>' in facet
    assert '<span class="lcnews-zh">要闻 › 深度</span>' in html


def test_versions_query_shortens_hashes(client: Client, truth: list[dict[str, Any]]) -> None:
    aid = truth[reading_archive.EDITED]["article_id"]
    html = client.html("/{db}/article_versions", article_id=str(aid))
    hashes = re.findall(r'<code class="lcnews-hash" title="([0-9a-f]{64})">([0-9a-f]{12})…</code>', html)
    assert len(hashes) == 2 and all(full.startswith(short) for full, short in hashes)  # content_hash of each


def test_other_databases_are_left_as_datasette_shows_them(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE articles (article_id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO articles VALUES (1, ?)", ["长" * 500])
    register_plugin()
    ds = datasette.app.Datasette(immutables=[str(other)])
    html = asyncio.run(ds.client.get("/other/articles")).text
    assert "lcnews" not in html


# --- the searched articles page: ranked like lcnews search ---------------------------------------


def ranked_ids(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'<li class="lcnews-hit" data-article-id="(\d+)">', html)]


@pytest.mark.parametrize("query", ["东阿", "聊城 -东阿", "东阿 OR 冠县", "钢"])
def test_search_box_lists_hits_in_lcnews_search_order(client: Client, archive: Any, query: str) -> None:
    expected = [h["article_id"] for h in fts.search(str(archive[0]), query, limit=50)]
    assert expected
    assert ranked_ids(client.html("/{db}/articles", _search=query)) == expected


def test_search_box_highlights_hits_in_snippets(client: Client, archive: Any) -> None:
    html = client.html("/{db}/articles", _search="东阿")
    snippets = re.findall(r'<div class="lcnews-snippet">(.*?)</div>', html, re.S)
    hits = fts.search(str(archive[0]), "东阿", limit=50)
    assert snippets == [h["snippet"].replace("&", "&amp;") for h in hits]
    assert any("<mark>东阿</mark>" in s for s in snippets)


def test_search_box_ranks_within_the_facet_selection(client: Client, archive: Any) -> None:
    hits = fts.search(str(archive[0]), "聊城", limit=1000)
    channel = Counter(h["channel"] for h in hits).most_common(1)[0][0]
    expected = [h["article_id"] for h in hits if h["channel"] == channel]
    html = client.html("/{db}/articles", _search="聊城", channel=channel)
    assert ranked_ids(html) == expected[:50]
    assert f"{len(expected)} match" in text_of(html, "lcnews-ranked-count", "h3")[0]


def test_search_box_pages_through_every_hit(client: Client, archive: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from lcnews.datasette import ranked

    monkeypatch.setattr(ranked, "PAGE_SIZE", 7)
    expected = [h["article_id"] for h in fts.search(str(archive[0]), "聊城", limit=1000)]
    pages = [ranked_ids(client.html("/{db}/articles", _search="聊城", _rank_page=str(p))) for p in range(10)]
    assert [i for page in pages for i in page] == expected


@pytest.mark.parametrize("args", [{"_lcnews_table": "1"}, {"_sort": "title"}, {"_sort_desc": "title"}])
def test_search_in_an_order_of_the_readers_is_datasettes_table(client: Client, args: dict[str, str]) -> None:
    html = client.html("/{db}/articles", _search="东阿", **args)
    assert "lcnews-hits" not in html and "rows-and-columns" in html


def test_search_in_the_default_order_is_ranked(client: Client) -> None:
    html = client.html("/{db}/articles", _search="东阿", _sort_desc="published_at")
    assert "lcnews-hits" in html


@pytest.mark.parametrize("query", ["聊城 OR 东阿", "(聊城 OR 东阿) -钢铁", '"东阿县"'])
def test_search_box_json_has_the_python_apis_ids(client: Client, archive: Any, query: str) -> None:
    expected = {h["article_id"] for h in fts.search(str(archive[0]), query, limit=1000)}
    response = client.get("/{db}/articles.json", _search=query, _shape="array", _size="max", _col="article_id")
    assert {r["article_id"] for r in response.json()} == expected


@pytest.mark.parametrize("query", ["NEAR(聊城 东阿)", "title:聊城", "聊*", '"', "-钢铁"])
def test_search_box_refuses_what_it_cannot_search(client: Client, query: str) -> None:
    response = client.get("/{db}/articles.json", _search=query)
    assert response.status_code == 400
    assert response.json()["error"].startswith("Search: ")


# --- the canned search query ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "says"), [('"', "empty query"), ("-钢铁", "only excludes ('-term'"), ("聊*", "prefix search (x*)")]
)
def test_canned_search_says_why_a_query_cannot_run(client: Client, query: str, says: str) -> None:
    html = client.html("/{db}/search", q=query)
    (message,) = text_of(html, "lcnews-search-error", "p")
    assert message.startswith("Search: ") and says in message
    assert "user-defined function raised exception" not in html


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_canned_search_json_and_csv_are_400_with_the_reason(client: Client, fmt: str) -> None:
    response = client.get(f"/{{db}}/search.{fmt}", q="-钢铁")
    assert response.status_code == 400 and "only excludes" in response.json()["error"]


def test_canned_search_with_or_has_the_python_apis_hits(client: Client, archive: Any) -> None:
    rows = client.get("/{db}/search.json", q="东阿 OR 冠县", _shape="array").json()
    assert {r["article_id"] for r in rows} == {
        h["article_id"] for h in fts.search(str(archive[0]), "东阿 OR 冠县", limit=1000)
    }


# --- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [{}, {"_dl": "on"}, {"_stream": "on"}])
def test_csv_downloads_start_with_a_bom(client: Client, truth: list[dict[str, Any]], args: dict[str, str]) -> None:
    response = client.get("/{db}/articles.csv", _size="max", **args)
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbfarticle_id,")
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {int(r["article_id"]): r["body"] for r in rows} == {t["article_id"]: t["body"] for t in truth}


def test_canned_query_csv_starts_with_a_bom(client: Client) -> None:
    response = client.get("/{db}/channel_month.csv")
    assert response.content.startswith(b"\xef\xbb\xbfchannel,month,articles")


def test_json_has_no_bom(client: Client) -> None:
    assert client.get("/{db}/articles.json").content.startswith(b"{")


# --- the dashboard -------------------------------------------------------------------------------


def dashboard_data(html: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="lcnews-dashboard-data">(.*?)</script>', html, re.S)
    assert m is not None
    return json.loads(m.group(1))  # type: ignore[no-any-return]


def test_dashboard_counts_articles_per_month_by_channel(client: Client, truth: list[dict[str, Any]]) -> None:
    data = dashboard_data(client.html("/{db}/-/dashboard"))["channels"]
    got = Counter()
    for s in data["series"]:
        for month, n in zip(data["months"], s["counts"], strict=True):
            got[(s["channel"], month)] += n
    expected = Counter((t["channel"].split("/")[0], t["published_at"][:7]) for t in truth)
    assert +got == expected
    assert any(s["label"] == f"yaowen {NAMES['yaowen']}" for s in data["series"])


def test_dashboard_charts_a_querys_hits_like_lcnews_trend(client: Client, archive: Any) -> None:
    data = dashboard_data(client.html("/{db}/-/dashboard", q="东阿 OR 冠县", by="week"))
    assert [tuple(x) for x in data["trend"]] == fts.trend(str(archive[0]), "东阿 OR 冠县", by="week")
    assert data["matches"] == fts.count(str(archive[0]), "东阿 OR 冠县")


def test_dashboard_lists_top_reporters_and_sources(client: Client, truth: list[dict[str, Any]]) -> None:
    data = dashboard_data(client.html("/{db}/-/dashboard"))
    reporters = Counter(a for t in truth for a in t["authors"])
    sources = Counter(t["source"] for t in truth if t["source"])
    assert [tuple(r) for r in data["reporters"]] == sorted(reporters.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    assert [tuple(s) for s in data["sources"]] == sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))[:15]


def test_dashboard_serves_its_chart_library_itself(client: Client) -> None:
    html = client.html("/{db}/-/dashboard")
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert "/lcnews-static/vendor/chart.umd.min.js" in scripts and all(s.startswith("/") for s in scripts)
    library = client.get("/lcnews-static/vendor/chart.umd.min.js")
    assert library.status_code == 200 and "Chart.js v4" in library.text[:200]


def test_dashboard_says_why_a_query_cannot_run(client: Client) -> None:
    response = client.get("/{db}/-/dashboard", q="NEAR(聊城 东阿)")
    assert response.status_code == 400
    (message,) = text_of(response.text, "lcnews-dashboard-error", "p")
    assert "NEAR(...) is not supported" in message
