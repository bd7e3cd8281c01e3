"""lcnews.db.pg.search: the PostgreSQL archive answers every search exactly as the SQLite archive does
(same hits, same order, same scores, counts, trends and exports) on the same articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from servers import pg_schema
from test_db_search import CORPUS, QUERIES

from lcnews.db import ArchiveAPI, QueryError, open_archive
from lcnews.db.pg.search import grams_of, term_grams
from lcnews.items import Article

TREES = ["聊城 OR 东阿", "(钢 OR 铁) -聊城", '"聊城 钢铁" OR 5G', "发展 -(经济 OR 会议)", '的 -"，聊城"', "鋼 OR 里"]
OPTIONS: list[dict[str, Any]] = [
    {},
    {"sort": "newest"},
    {"sort": "oldest", "limit": 7, "offset": 5},
    {"channel": "yaowen"},
    {"since": "2025-03", "until": "2025-08"},
    {"author": "张三", "source_contains": "晚报"},
    {"limit": 5, "offset": 3},
    {"rank_window": 5, "limit": 12},
]


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ArchiveAPI, ArchiveAPI]]:
    path = tmp_path_factory.mktemp("parity") / "a.db"
    with open_archive(path) as lite, pg_schema() as url, open_archive(url) as pg:
        for archive in (lite, pg):
            archive.write_batch(CORPUS[:100])
            archive.write_batch(CORPUS[100:])  # two batches: statistics kept across writes
            archive.record_channels([(5, "shehui", "https://www.lcxw.cn/shehui/")])
        yield lite, pg


def _hits(archive: ArchiveAPI, q: str, **options: Any) -> list[tuple[Any, ...]]:
    return [(h["article_id"], h["snippet"], h["authors"], h["score"]) for h in archive.search(q, **options)]


@pytest.mark.parametrize("q", QUERIES[::4] + TREES)
def test_relevance_hits_equal_sqlite(pair: tuple[ArchiveAPI, ArchiveAPI], q: str) -> None:
    lite, pg = pair
    want, got = _hits(lite, q, limit=60), _hits(pg, q, limit=60)
    assert [h[:3] for h in got] == [h[:3] for h in want]
    assert [h[3] for h in got] == pytest.approx([h[3] for h in want], abs=2e-6)


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(o) or "default")
@pytest.mark.parametrize("q", ["的", "聊城", "鋼鐵", "，聊城", "5g OR 东阿"])
def test_options_give_the_same_hits(pair: tuple[ArchiveAPI, ArchiveAPI], q: str, options: dict[str, Any]) -> None:
    lite, pg = pair
    assert [h[:3] for h in _hits(pg, q, **options)] == [h[:3] for h in _hits(lite, q, **options)]


@pytest.mark.parametrize("q", QUERIES[1::9] + TREES)
def test_counts_equal_sqlite(pair: tuple[ArchiveAPI, ArchiveAPI], q: str) -> None:
    lite, pg = pair
    assert pg.search_count(q) == lite.search_count(q)


@pytest.mark.parametrize("by", ["month", "week", "year"])
def test_trend_equals_sqlite(pair: tuple[ArchiveAPI, ArchiveAPI], by: str) -> None:
    lite, pg = pair
    assert pg.trend("钢 OR 聊城", by=by, channel="yaowen") == lite.trend("钢 OR 聊城", by=by, channel="yaowen")


@pytest.mark.parametrize("kwargs", [{}, {"query": "聊城 -钢"}, {"query": '"，聊城"', "channel": "shehui"},
                                    {"author": "李四", "since": "2025-06"}])  # fmt: skip
def test_export_rows_equal_sqlite(pair: tuple[ArchiveAPI, ArchiveAPI], kwargs: dict[str, Any]) -> None:
    lite, pg = pair
    (lc, lrows), (pc, prows) = lite.export_rows(**kwargs), pg.export_rows(**kwargs)
    assert pc == lc
    clock = [i for i, c in enumerate(lc) if c.endswith("_seen_at") or c == "updated_at"]  # each wrote at its time

    def same(rows: Iterator[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return [tuple(v for i, v in enumerate(r) if i not in clock) for r in rows]

    assert same(prows) == same(lrows)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"channel": "nowhere"}, "unknown channel"), ({"sort": "best"}, "sort must be"),
     ({"since": "2025-05", "until": "2025-01"}, "empty date range"), ({"limit": 5000}, "limit must be")],
)  # fmt: skip
def test_errors_are_the_same_query_errors(
    pair: tuple[ArchiveAPI, ArchiveAPI], kwargs: dict[str, Any], message: str
) -> None:
    for archive in pair:
        with pytest.raises(QueryError, match=message):
            archive.search("聊城", **kwargs)


def test_new_version_replaces_the_indexed_text(pg_url: str) -> None:
    with open_archive(pg_url) as pg:
        pg.write_batch([Article(article_id=1, url="u1", title="旧标题", body="旧正文")])
        pg.write_batch([Article(article_id=1, url="u1", title="新标题", body="新正文")])
        assert pg.search_count("旧") == 0 and [h["article_id"] for h in pg.search("新正文")] == [1]


def test_rebuild_index_keeps_every_answer(pg_url: str, tmp_path: Path) -> None:
    with open_archive(pg_url) as pg:
        pg.write_batch(CORPUS[:40])
        before = [_hits(pg, q) for q in ("聊城", "钢", "的 -发展")]
        assert pg.rebuild_index() == 40
        assert [_hits(pg, q) for q in ("聊城", "钢", "的 -发展")] == before


@pytest.mark.parametrize(("text", "grams"), [("聊城", {"聊城", "聊", "城"}), ("a", {"a"}), ("", set())])
def test_grams_are_bigrams_and_characters(text: str, grams: set[str]) -> None:
    assert grams_of(text) == grams


@pytest.mark.parametrize(("term", "grams"), [("钢", ["钢"]), ("聊城", ["聊城"]), ("东昌东昌", ["昌东", "东昌"])])
def test_a_term_needs_its_distinct_bigrams(term: str, grams: list[str]) -> None:
    assert sorted(term_grams(term)) == sorted(grams)
