"""lcnews.db.rank: relevance orders every match exactly (bm25 over all matches, ties newest first),
through the ranking tiers or without them, and a window is only ever the user's choice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import opencc
import pytest

from lcnews.db import Archive, query, rank
from lcnews.db.hits import plan_search, with_channel
from lcnews.items import Article
from lcnews.testsite import data as site_data
from lcnews.testsite.model import ArticleSpec, make_content


def _corpus() -> list[Article]:
    """400 replica articles (every third in Traditional) and, oldest of all, articles made to
    rank first: the term in the title and often in a short body."""
    s2t = opencc.OpenCC("s2t")
    chans = site_data.ARTICLE_CHANNELS
    out = []
    for k in range(400):
        slug, names, _ = chans[k % len(chans)]
        ts = dt.datetime(2024, 1, 1) + dt.timedelta(hours=7 * k)
        aid = 1000 + k
        c = make_content(3, ArticleSpec(aid, slug, names, ts, "a", "a"))
        title, body = (s2t.convert(c.title), s2t.convert(c.body)) if k % 3 == 0 else (c.title, c.body)
        out.append(Article(article_id=aid, url=f"https://www.lcxw.cn/{slug}/{aid}.html", channel=slug,
                           title=title, body=body, source=c.source, authors=c.authors,
                           published_at=ts.strftime("%Y-%m-%dT%H:%M:%S+08:00")))  # fmt: skip
    for i, (title, body) in enumerate([("聊城聊城", "聊城经济。聊城"), ("钢铁钢铁", "钢铁"), ("发展", "发展发展发展")]):
        out.append(Article(article_id=10 + i, url=f"https://www.lcxw.cn/a/{10 + i}.html", channel="yaowen",
                           title=title, body=body, published_at="2016-01-01T08:00:00+08:00"))  # fmt: skip
    return out


CORPUS = _corpus()
QUERIES = ["聊城", "钢铁", "发展", "的", "钢", "，聊城", "2025", "新质生产力", "東昌府", "聊城 发展", "聊城 -钢铁",
           "钢铁 OR 东阿", '"聊城 发展"', "经济。", "项目", "a"]  # fmt: skip


@pytest.fixture(autouse=True)
def walk_the_tiers(monkeypatch: pytest.MonkeyPatch) -> None:
    """This corpus is small: every query walks the tiers (none is scored at once for few matches)."""
    monkeypatch.setattr(rank, "FEW_MATCHES", 0)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    with Archive(tmp_path_factory.mktemp("rank") / "a.db") as archive:
        archive.write_batch(CORPUS)
        yield archive


def scored_all(conn: sqlite3.Connection, q: str, **filters: object) -> list[tuple[int, float]]:
    """Every match scored one by one (no tiers), sorted best first, ties newest first."""
    plan = plan_search(q, **filters)  # type: ignore[arg-type]
    where, params = with_channel(conn, plan)
    sc = rank._Scorer.of(conn, plan.cq)
    rows = rank._ranked_rest(conn, plan.cq, where, params, sc, set(), [])
    return [(r[0], r[7]) for r in rows]


@pytest.mark.parametrize("q", QUERIES)
def test_relevance_ranks_every_match_exactly(db: Archive, q: str) -> None:
    expected = scored_all(db.conn, q)
    got = [(h["article_id"], h["score"]) for h in db.search(q, limit=1000)]
    assert [i for i, _ in got] == [i for i, _ in expected]
    assert [s for _, s in got] == pytest.approx([s for _, s in expected], abs=1e-6)
    assert all(a[1] >= b[1] for a, b in itertools.pairwise(got))


@pytest.mark.parametrize(("q", "best"), [("聊城", 10), ("钢铁", 11), ("发展", 12)])
def test_the_oldest_article_ranks_first_when_it_scores_best(db: Archive, q: str, best: int) -> None:
    assert db.search(q, limit=1)[0]["article_id"] == best


@pytest.mark.parametrize(("q", "offset"), [("聊城", 0), ("聊城", 7), ("的", 33), ("钢", 5)])
def test_pages_are_slices_of_the_whole_order(db: Archive, q: str, offset: int) -> None:
    whole = [i for i, _ in scored_all(db.conn, q)]
    assert [h["article_id"] for h in db.search(q, limit=9, offset=offset)] == whole[offset : offset + 9]


@pytest.mark.parametrize("filters", [{"channel": "yaowen"}, {"since": "2024-03"}, {"source": "聊城日报"}])
def test_filters_rank_within_the_selection(db: Archive, filters: dict[str, str]) -> None:
    expected = [i for i, _ in scored_all(db.conn, "聊城", **filters)]
    assert [h["article_id"] for h in db.search("聊城", limit=1000, **filters)] == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("q", ["聊城", "发展", "钢铁"])
def test_two_character_scores_equal_fts5_rank(db: Archive, q: str) -> None:
    """One bigram: the document count is exact, so the order is FTS5's own ``ORDER BY rank``."""
    cq = query.compile_query(q)
    sql = "SELECT rowid, -rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank, rowid DESC"
    fts5 = db.conn.execute(sql, [cq.match]).fetchall()
    got = [(h["article_id"], h["score"]) for h in db.search(q, limit=1000)]
    assert [i for i, _ in got] == [i for i, _ in fts5]
    assert [s for _, s in got] == pytest.approx([s for _, s in fts5], abs=1e-6)


def test_an_archive_without_tiers_ranks_the_same(db: Archive, tmp_path: Path) -> None:
    """A connection to an archive whose tiers are missing scores every match: same order."""
    copy = tmp_path / "copy.db"
    db.conn.execute("VACUUM INTO ?", [str(copy)])
    conn = sqlite3.connect(copy)
    conn.execute("DROP TABLE articles_fts_tiers")
    from lcnews.db.search import search

    for q in ("聊城", "的", "钢铁 OR 东阿"):
        assert [h["article_id"] for h in search(conn, q, limit=50)] == [h["article_id"] for h in db.search(q, limit=50)]
    conn.close()


@pytest.mark.parametrize("window", [0, -1, "3"])
def test_a_rank_window_must_be_a_positive_number(db: Archive, window: object) -> None:
    with pytest.raises(query.QueryError, match="rank window"):
        db.search("聊城", rank_window=window)


def test_a_frequent_term_scores_only_what_can_reach_the_page(db: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tiers bound every unread article: the first page of a term in nearly every article is
    final after scoring a fraction of its matches."""
    calls = []
    real = rank._Scorer.matching_score

    def counting(self: rank._Scorer, title: str | None, body: str | None) -> float | None:
        calls.append(1)
        return real(self, title, body)

    monkeypatch.setattr(rank._Scorer, "matching_score", counting)
    n = db.search_count("的")
    assert len(db.search("的", limit=5)) == 5
    assert 5 <= len(calls) < n / 2


@pytest.mark.parametrize("window", [None, 5])
def test_the_cli_ranks_like_the_api(db: Archive, window: int | None) -> None:
    import json

    from click.testing import CliRunner

    from lcnews.cli import cli

    args = ["search", "聊城", "--db", str(db.path), "--json", "--limit", "30"]
    res = CliRunner().invoke(cli, args + (["--rank-window", str(window)] if window else []))
    assert res.exit_code == 0, res.output
    got = [json.loads(line)["article_id"] for line in res.output.splitlines()]
    assert got == [h["article_id"] for h in db.search("聊城", limit=30, rank_window=window)]


def test_the_cli_refuses_a_window_below_one(db: Archive) -> None:
    from click.testing import CliRunner

    from lcnews.cli import cli

    res = CliRunner().invoke(cli, ["search", "聊城", "--db", str(db.path), "--rank-window", "0"])
    assert res.exit_code == 2 and "--rank-window" in res.output


def test_tiers_follow_the_archives_own_length(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new archive tiers with the default reference length; once it holds enough articles whose
    average is far from it, a writable open re-tiers with that average: same order, valid index."""
    from lcnews.db import fts, tiers

    monkeypatch.setattr(fts, "RETIER_MIN_ROWS", 50)
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        archive.write_batch(CORPUS[:120])
        before = [h["article_id"] for h in archive.search("聊城", limit=50)]
        assert fts.tier_avgdl(archive.conn) == tiers.TIER_AVGDL
    with Archive(path) as archive:
        ref = fts.tier_avgdl(archive.conn)
        rows, avg = fts._index_size(archive.conn)
        assert rows == 120 and ref == avg != tiers.TIER_AVGDL
        assert [h["article_id"] for h in archive.search("聊城", limit=50)] == before
        archive.write_batch([dataclasses.replace(CORPUS[0], body="改写的正文")])  # deletes the old tokens
        assert archive.integrity_problems() == []
        assert [h["article_id"] for h in archive.search("改写")] == [CORPUS[0].article_id]


def test_a_walk_that_reads_too_much_finishes_from_the_index(db: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    """A filter few candidates pass: after TIER_WALK_MAX_IDS the rest is scored from the index's
    list of matches, in the same exact order."""
    monkeypatch.setattr(rank, "TIER_WALK_MAX_IDS", 10)
    for q, f in (("的", {"channel": "wenhua"}), ("聊城", {})):
        expected = [i for i, _ in scored_all(db.conn, q, **f)]
        assert [h["article_id"] for h in db.search(q, limit=1000, **f)] == expected  # type: ignore[arg-type]


def test_a_count_stopped_early_is_counted_again_for_a_higher_cap(db: Archive) -> None:
    conn = db.conn
    rank.clear_stats_cache()
    st = rank._stats(conn)
    exact = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"光岳\"'").fetchone()[0]
    assert 3 < exact < st.half
    assert st.doc_freq(conn, "articles_fts", '"光岳"', 3) == 3
    assert st.doc_freq(conn, "articles_fts", '"光岳"') == exact
    assert st.doc_freq(conn, "articles_fts", '"光岳"', 3) == 3  # from the cache, still capped


def test_a_longer_terms_key_is_the_bigram_fewest_among_the_newest(tmp_path: Path) -> None:
    """The key bigram of a 3+-character term (its IDF and its tiers) is the one with the fewest
    matches among the newest sixteenth of the ids, not the rarest overall: cheap, deterministic."""

    def art(i: int, body: str) -> Article:
        return Article(article_id=i, url=f"https://www.lcxw.cn/a/{i}.html", title="标题", body=body)

    with Archive(tmp_path / "a.db") as archive:
        bodies = {i: "东昌府" if i <= 20 else "昌湖" if i >= 41 else "其他" for i in range(1, 48)}
        archive.write_batch([art(i, b) for i, b in bodies.items()] + [art(48, "东昌湖")])
        conn = archive.conn
        rank.clear_stats_cache()
        st = rank._stats(conn)
        cq = query.compile_query("东昌湖")
        # overall 昌湖 (8) is rarer than 东昌 (21); among ids 46-48, 东昌 (1) has fewer than 昌湖 (3)
        assert rank._term_df_key(conn, st, "东昌湖", cq.phrases[0]) == (21, "东昌")
        assert [h["article_id"] for h in archive.search("东昌湖")] == [48]


@pytest.mark.parametrize("few", [0, 10_000])
def test_few_matches_are_scored_at_once_in_the_same_order(
    db: Archive, monkeypatch: pytest.MonkeyPatch, few: int
) -> None:
    monkeypatch.setattr(rank, "FEW_MATCHES", few)
    for q in ("东昌府", "聊城 发展", "钢铁 OR 东阿"):
        assert [h["article_id"] for h in db.search(q, limit=1000)] == [i for i, _ in scored_all(db.conn, q)]
