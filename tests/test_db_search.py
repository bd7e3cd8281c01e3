"""lcnews.db.search (query, rank, hits, fts): Chinese full-text search agrees with a substring scan of
normalised text, on both backends: the tests taking ``corpus_db`` or ``fresh_db`` run against the
SQLite file and against PostgreSQL (``lcnews.db.pg``, a real server: tests/servers.py); the rest
check the SQLite index itself."""

from __future__ import annotations

import contextlib
import random
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import opencc
import pytest
from hostile_queries import QUERIES as HOSTILE_QUERIES
from hypothesis import given
from servers import pg_schema

from lcnews.db import Archive, ArchiveAPI, QueryError, open_archive, query, rank
from lcnews.db import search as fts
from lcnews.extract import tokens
from lcnews.extract.normalize import normalize
from lcnews.items import Article

WORDS = [
    "聊城",
    "东昌府",
    "阳谷",
    "莘县",
    "茌平",
    "东阿",
    "冠县",
    "高唐",
    "临清",
    "钢铁",
    "钢材",
    "新质生产力",
    "发展",
    "经济",
    "会议",
    "市委",
    "书记",
    "干部",
    "群众",
    "乾隆",
    "后来",
    "皇后",
    "里面",
    "公里",
    "头发",
    "发现",
    "企业",
    "项目",
    "投资",
    "建设",
    "学校",
    "学生",
    "医院",
    "农业",
    "乡村",
    "振兴",
    "文化",
    "旅游",
    "运河",
    "古城",
    "水城",
    "江北",
    "生态",
    "环境",
    "保护",
    "质量",
    "产业",
    "科技",
    "创新",
    "人才",
    "就业",
    "交通",
    "高铁",
    "公路",
    "新闻",
    "记者",
    "通讯员",
    "编辑",
    "责任",
    "中国",
    "山东",
    "省",
    "市",
    "区",
    "县",
    "镇",
    "村",
    "的",
    "了",
    "是",
    "在",
    "和",
    "与",
    "对",
    "将",
    "为",
    "年",
    "月",
    "日",
]
LATIN = ["ABC", "453X", "5G", "GDP", "iPhone", "COVID-19", "2025", "12", "3.5"]
PUNCT = ["，", "。", "、", "：", "；", "！", "？", "“", "”", "（", "）", " ", ",", ".", ":", "\n"]


def _text(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        r = rng.random()
        out.append(rng.choice(LATIN) if r < 0.08 else rng.choice(PUNCT) if r < 0.3 else rng.choice(WORDS))
    return "".join(out)


def build_corpus(n: int = 160, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    s2t = opencc.OpenCC("s2t")
    arts = []
    for aid in range(1, n + 1):
        title, body = _text(rng, 6), _text(rng, 120)
        if aid % 2:
            title, body = s2t.convert(title), s2t.convert(body)
        arts.append(
            Article(
                article_id=aid,
                url=f"https://www.lcxw.cn/c/{aid}.html",
                channel=rng.choice(["yaowen", "yaowen/shendu", "shehui"]),
                title=title,
                body=body,
                published_at=f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T08:00:00+08:00",
                source=rng.choice(["聊城日报", "聊城晚报"]),
                authors=[rng.choice(["张三", "李四"])],
            )
        )
    return arts


def sample_queries(arts: list[Article], n: int = 260, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    t2s, s2t = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
    fixed = ["聊城", "钢", "鋼", "新質生產力", "453X", "2025年", "453x", "ＡＢＣ", "covid-19", "5g",
             "乾隆", "幹部", "里", "3.5", "：2025", "，聊城", "发展。", "的"]  # fmt: skip
    out = list(fixed)
    while len(out) < n:
        a = rng.choice(arts)
        text = rng.choice([a.title, a.body])
        k = rng.randint(1, 8)
        if len(text) < k:
            continue
        i = rng.randrange(len(text) - k + 1)
        q = text[i : i + k]
        if rng.random() < 0.3:
            q = (t2s if rng.random() < 0.5 else s2t).convert(q)
        if any(c.isspace() for c in q) or q.startswith("-") or '"' in q:
            continue
        if not any(c.isalnum() for c in q):
            continue
        out.append(q)
    return out


CORPUS = build_corpus()
QUERIES = sample_queries(CORPUS)


def truth(arts: list[Article], *terms: str, exclude: tuple[str, ...] = ()) -> set[int]:
    hits = set()
    for a in arts:
        nt, nb = normalize(a.title), normalize(a.body)
        inc = all(normalize(t) in nt or normalize(t) in nb for t in terms)
        exc = any(normalize(t) in nt or normalize(t) in nb for t in exclude)
        if inc and not exc:
            hits.add(a.article_id)
    return hits


BACKENDS = ["sqlite", "postgresql"]


@contextlib.contextmanager
def backend_archive(backend: str, folder: Path) -> Iterator[ArchiveAPI]:
    """A new, empty archive of ``backend``: a SQLite file in ``folder``, or a PostgreSQL schema."""
    if backend == "sqlite":
        with open_archive(folder / "a.db") as archive:
            yield archive
        return
    with pg_schema() as url, open_archive(url) as archive:
        yield archive


@pytest.fixture(scope="module", params=BACKENDS)
def corpus_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArchiveAPI]:
    with backend_archive(request.param, tmp_path_factory.mktemp("search")) as archive:
        archive.write_batch(CORPUS)
        yield archive


@pytest.fixture(params=BACKENDS)
def fresh_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ArchiveAPI]:
    with backend_archive(request.param, tmp_path) as archive:
        yield archive


@pytest.fixture(scope="module")
def corpus_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    path = tmp_path_factory.mktemp("search") / "corpus.db"
    with Archive(path) as archive:
        archive.write_batch(CORPUS)
        yield archive


@pytest.fixture
def fresh_sqlite(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "a.db") as archive:
        yield archive


def found(db: ArchiveAPI, query: str) -> set[int]:
    """Every article id the query matches, straight from the backend's index."""
    if isinstance(db, Archive):
        return set(fts.iter_match_ids(db.conn, query))
    return db.match_ids(query)  # type: ignore[attr-defined, no-any-return]


@pytest.mark.parametrize("query", QUERIES)
def test_search_equals_substring_scan(corpus_db: ArchiveAPI, query: str) -> None:
    assert found(corpus_db, query) == truth(CORPUS, query)


@pytest.mark.parametrize("query", QUERIES[:40])
def test_count_equals_substring_scan(corpus_db: ArchiveAPI, query: str) -> None:
    assert fts.count(corpus_db, query) == len(truth(CORPUS, query))


@pytest.mark.parametrize(("a", "b"), [("聊城", "钢"), ("鋼鐵", "發展"), ("会议", "2025")])
def test_space_separated_terms_are_anded(corpus_db: ArchiveAPI, a: str, b: str) -> None:
    assert found(corpus_db, f"{a} {b}") == truth(CORPUS, a, b)


@pytest.mark.parametrize(("a", "b"), [("聊城", "钢"), ("发展", "會議"), ("的", "：")])
def test_minus_term_excludes(corpus_db: ArchiveAPI, a: str, b: str) -> None:
    assert found(corpus_db, f"{a} -{b}") == truth(CORPUS, a, exclude=(b,))


@pytest.mark.parametrize("phrase", ["聊城 钢铁", "发展，经济", "ABC 453X"])
def test_quoted_phrase_keeps_spaces_and_punctuation(corpus_db: ArchiveAPI, phrase: str) -> None:
    assert found(corpus_db, f'"{phrase}"') == truth(CORPUS, phrase)


@pytest.mark.parametrize(
    ("query", "terms"),
    [('"聊城', ["聊城"]), ('聊城"', ["聊城"]), ("(钢)", ["钢"]), ("- 聊城", ["-", "聊城"]), ('""聊城""', ["聊城"])],
)
def test_quotes_dashes_and_groups_read_as_documented(corpus_db: ArchiveAPI, query: str, terms: list[str]) -> None:
    assert found(corpus_db, query) == truth(CORPUS, *terms)


@pytest.mark.parametrize("query", ["", "   ", "，。", "-聊城", '""', "聊" * 10_000])
def test_bad_queries_raise_query_error(corpus_db: ArchiveAPI, query: str) -> None:
    with pytest.raises(QueryError):
        corpus_db.search(query)


@pytest.mark.parametrize(
    "kwargs", [{"sort": "best"}, {"since": "yesterday"}, {"until": "2025-13"},
               {"since": "2025-05", "until": "2025-01"}, {"limit": -1}, {"offset": -3}],
)  # fmt: skip
def test_bad_options_raise_query_error(corpus_db: ArchiveAPI, kwargs: dict[str, object]) -> None:
    with pytest.raises(QueryError):
        corpus_db.search("聊城", **kwargs)


def test_result_fields(corpus_db: ArchiveAPI) -> None:
    (hit,) = corpus_db.search("聊城", limit=1)
    assert {"url", "article_id", "title", "published_at", "channel", "snippet", "score"} <= set(hit)


def test_relevance_scores_descend(corpus_db: ArchiveAPI) -> None:
    scores = [r["score"] for r in corpus_db.search("钢铁", limit=50)]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(("sort", "reverse"), [("newest", True), ("oldest", False)])
def test_sort_by_date(corpus_db: ArchiveAPI, sort: str, reverse: bool) -> None:
    dates = [r["published_at"] for r in corpus_db.search("发展", limit=100, sort=sort)]
    assert dates == sorted(dates, reverse=reverse) and len(dates) > 1


def test_paging_walks_every_hit_once(corpus_db: ArchiveAPI) -> None:
    pages = [corpus_db.search("的", limit=7, offset=o, sort="oldest") for o in range(0, 300, 7)]
    ids = [r["article_id"] for p in pages for r in p]
    assert len(ids) == len(set(ids)) == len(truth(CORPUS, "的"))


def test_paging_with_verified_terms(corpus_db: ArchiveAPI) -> None:
    q = "，聊城"
    ids = [r["article_id"] for o in range(0, 200, 3) for r in corpus_db.search(q, limit=3, offset=o, sort="oldest")]
    assert sorted(ids) == sorted(truth(CORPUS, q))


@pytest.mark.parametrize(
    ("kwargs", "keep"),
    [
        ({"channel": "yaowen"}, lambda a: a.channel.startswith("yaowen")),
        ({"channel": "yaowen/shendu"}, lambda a: a.channel == "yaowen/shendu"),
        ({"since": "2025-06"}, lambda a: a.published_at >= "2025-06"),
        ({"until": "2025-03-15"}, lambda a: a.published_at < "2025-03-16"),
        ({"since": "2025-02", "until": "2025-02"}, lambda a: a.published_at[:7] == "2025-02"),
        ({"author": "张三"}, lambda a: "张三" in a.authors),
        ({"source": "聊城晚报"}, lambda a: a.source == "聊城晚报"),
    ],
)
def test_filters(corpus_db: ArchiveAPI, kwargs: dict[str, str], keep) -> None:  # type: ignore[no-untyped-def]
    got = {r["article_id"] for r in corpus_db.search("的", limit=1000, **kwargs)}
    expect = {a.article_id for a in CORPUS if keep(a)} & truth(CORPUS, "的")
    assert got == expect


def test_search_by_path_opens_read_only(corpus_sqlite: Archive) -> None:
    path = Path(corpus_sqlite.conn.execute("PRAGMA database_list").fetchone()[2])
    assert len(fts.search(path, "聊城", limit=3)) == 3


def test_snippet_highlights_in_the_articles_own_script(fresh_db: ArchiveAPI) -> None:
    fresh_db.write_batch([Article(article_id=1, url="u1", title="t", body="今年新質生產力持續發展")])
    (hit,) = fresh_db.search("新质生产力")
    assert "<mark>新質生產力</mark>" in hit["snippet"]


def test_snippet_marks_can_be_chosen(fresh_db: ArchiveAPI) -> None:
    fresh_db.write_batch([Article(article_id=1, url="u1", title="t", body="聊城钢铁")])
    (hit,) = fresh_db.search("钢", marks=("[", "]"))
    assert hit["snippet"] == "聊城[钢]铁"


def _index_instances(db: Archive) -> Counter[tuple[int, str, str]]:
    db.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, 'articles_fts', 'instance')")
    return Counter((d, c, t) for t, d, c, _ in db.conn.execute("SELECT term, doc, col, offset FROM temp.vocab"))


def _expected_instances(db: Archive) -> Counter[tuple[int, str, str]]:
    out: Counter[tuple[int, str, str]] = Counter()
    for aid, title, body in db.conn.execute("SELECT article_id, title, body FROM articles"):
        for col, text in (("title", title), ("body", body)):
            for tok in filter(None, tokens.index_tokens(text).split(" ")):
                out[(aid, col, tok)] += 1
    return out


def test_index_matches_table_after_insert(fresh_sqlite: Archive) -> None:
    fresh_sqlite.write_batch(CORPUS[:20])
    assert _index_instances(fresh_sqlite) == _expected_instances(fresh_sqlite)


def test_index_matches_table_after_new_version(fresh_sqlite: Archive) -> None:
    fresh_sqlite.write_batch(CORPUS[:20])
    changed = [Article(article_id=a.article_id, url=a.url, title=a.title + "更新", body="全新的正文：钢")
               for a in CORPUS[:10]]  # fmt: skip
    fresh_sqlite.write_batch(changed)
    assert _index_instances(fresh_sqlite) == _expected_instances(fresh_sqlite)
    assert found(fresh_sqlite, "全新的正文") == set(range(1, 11))


def test_old_version_text_is_no_longer_found(fresh_db: ArchiveAPI) -> None:
    fresh_db.write_batch([Article(article_id=1, url="u1", title="旧标题", body="旧正文")])
    fresh_db.write_batch([Article(article_id=1, url="u1", title="新标题", body="新正文")])
    assert found(fresh_db, "旧") == set() and found(fresh_db, "新正文") == {1}


def test_rebuild_index_reproduces_the_index(fresh_sqlite: Archive) -> None:
    fresh_sqlite.write_batch(CORPUS[:30])
    before = _index_instances(fresh_sqlite)
    assert fresh_sqlite.rebuild_index() == 30
    assert _index_instances(fresh_sqlite) == before == _expected_instances(fresh_sqlite)


def test_rebuild_index_in_worker_processes_reproduces_the_index(fresh_sqlite: Archive) -> None:
    from lcnews.pipelines.workerpool import PoolMap

    fresh_sqlite.write_batch(CORPUS[:30])
    before = _index_instances(fresh_sqlite)
    with PoolMap(2) as pool_map:
        assert fresh_sqlite.rebuild_index(batch_map=pool_map) == 30
    assert _index_instances(fresh_sqlite) == before == _expected_instances(fresh_sqlite)


def test_changed_normalizer_version_rebuilds_on_open(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Archive(path) as a:
        a.write_batch(CORPUS[:5])
        a.conn.execute("UPDATE meta SET value = 'old' WHERE key = 'normalizer_version'")
        a.conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
    with Archive(path) as a:
        assert found(a, "的") == truth(CORPUS[:5], "的")


@pytest.mark.parametrize("query", ["聊城", "钢", "鋼鐵", "新質生產力", "453X", "2025", "里"])
def test_plain_sql_recipe_matches_search(corpus_sqlite: Archive, query: str) -> None:
    path = corpus_sqlite.conn.execute("PRAGMA database_list").fetchone()[2]
    conn = sqlite3.connect(path)  # a plain connection: no functions, no extensions
    got = {r[0] for r in conn.execute(fts.PLAIN_SQL_SEARCH.replace("LIMIT 20", "LIMIT 1000"), {"q": query})}
    conn.close()
    assert got == truth(CORPUS, query)


def test_precomputed_index_text_is_used_only_when_it_matches(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from lcnews.items import Article

    with Archive(tmp_path / "a.db") as archive:
        a = Article(article_id=1, url="https://www.lcxw.cn/a/1.html", title="钢铁", body="聊城新闻")
        a.index_text = tokens.index_text("别的", "文字")  # stale: belongs to other text
        archive.write_batch([a])
        b = Article(article_id=2, url="https://www.lcxw.cn/a/2.html", title="东昌湖", body="水城")
        b.index_text = tokens.index_text(b.title, b.body)
        archive.write_batch([b])
        assert [h["article_id"] for h in archive.search("聊城")] == [1]
        assert archive.search("别的") == []
        assert [h["article_id"] for h in archive.search("昌湖")] == [2]
        assert "index_text" not in {c[1] for c in archive.conn.execute("PRAGMA table_info(articles)")}
        b2 = Article(article_id=2, url="https://www.lcxw.cn/a/2.html", title="东昌湖", body="古城")
        b2.index_text = tokens.index_text(b2.title, b2.body)
        archive.write_batch([b2])  # update: old tokens deleted, new ones inserted
        assert archive.search("水城") == [] and [h["article_id"] for h in archive.search("古城")] == [2]
        assert archive.integrity_problems() == []


def test_a_rank_window_orders_only_the_newest_matches(tmp_path: Path) -> None:
    """``rank_window=N`` (a user's choice): the newest N matches by score, then every older match
    newest first; every match is still returned and pages are stable."""
    with Archive(tmp_path / "a.db") as archive:
        archive.write_batch([
            Article(article_id=i, url=f"https://www.lcxw.cn/a/{i}.html",
                    title="钢铁" if i % 2 else "新闻", body="钢铁 钢" * (i % 3 + 1))
            for i in range(1, 11)
        ])  # fmt: skip
        for q in ("钢铁", "钢"):
            ids = [h["article_id"] for h in archive.search(q, limit=100, rank_window=3)]
            assert sorted(ids) == list(range(1, 11)) == sorted(set(ids))
            assert set(ids[:3]) == {8, 9, 10}  # the window: the newest 3, by score
            assert ids[3:] == [7, 6, 5, 4, 3, 2, 1]  # then newest first
            page = [h["article_id"] for h in archive.search(q, limit=4, offset=2, rank_window=3)]
            assert page == ids[2:6]


def _rank_scores(conn: sqlite3.Connection, match: str) -> dict[int, float]:
    sql = "SELECT rowid, -rank FROM articles_fts WHERE articles_fts MATCH ?"
    return {r[0]: r[1] for r in conn.execute(sql, [match])}


@pytest.mark.parametrize("q", ["钢铁", "聊城", "新质生产力", "东昌府", "发展 经济", "钢 聊城", "的"])
def test_python_bm25_equals_fts5_rank_when_idf_is_exact(corpus_sqlite: Archive, q: str) -> None:
    """The window is scored in Python (no FTS5 rank, whose IDF counts each phrase over the whole
    table): same formula, weights, lengths and term frequencies; the IDF uses the rarest bigram's
    document count, which equals the phrase's here (checked), so scores equal FTS5's."""
    conn = corpus_sqlite.conn
    cq = query.compile_query(q)
    for term, phrase in zip(cq.include, cq.phrases, strict=True):
        if len(term) > 2:  # the approximation is exact when the rarest bigram's docs = the phrase's
            n_phrase = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                                    [phrase]).fetchone()[0]  # fmt: skip
            st = rank._stats(conn)  # counts stop past half the rows (the IDF is at its floor then)
            assert rank._term_df(conn, st, term, phrase) == min(n_phrase, st.half)
    ranked = _rank_scores(conn, cq.match)
    src, cond, p = query.id_source(cq)
    rows = conn.execute(f"SELECT f.rowid, a.title, a.body FROM {src} JOIN articles a ON a.article_id = f.rowid"
                        f" WHERE {cond}", p).fetchall()  # fmt: skip
    got = dict(zip([r[0] for r in rows], (-s for s in rank._py_bm25(conn, cq, rows)), strict=True))
    assert got == pytest.approx(ranked, rel=1e-9)
    hits = corpus_sqlite.search(q, limit=fts.RANK_WINDOW)
    assert {h["article_id"]: h["score"] for h in hits} == pytest.approx(
        {h["article_id"]: ranked[h["article_id"]] for h in hits}, abs=1e-6)  # fmt: skip


def test_phrase_idf_is_the_rarest_bigrams(fresh_sqlite: Archive) -> None:
    """A longer term's document count is its rarest bigram's (an upper bound of the phrase's)."""
    fresh_sqlite.write_batch([
        Article(article_id=1, url="https://www.lcxw.cn/a/1.html", title="甲", body="东昌 昌湖"),
        Article(article_id=2, url="https://www.lcxw.cn/a/2.html", title="乙", body="东昌湖"),
        Article(article_id=3, url="https://www.lcxw.cn/a/3.html", title="丙", body="东昌"),
    ])  # fmt: skip
    conn = fresh_sqlite.conn
    cq = query.compile_query("东昌湖")
    assert rank._term_df(conn, rank._stats(conn), "东昌湖", cq.phrases[0]) == 2  # 昌湖: 1, 2 (phrase: 2 only)
    assert [h["article_id"] for h in fresh_sqlite.search("东昌湖")] == [2]


def test_document_counts_follow_index_changes(tmp_path: Path) -> None:
    """Cached document counts belong to one index state: a write (this or another connection)
    invalidates them, so scores always equal a cold computation."""
    path = tmp_path / "a.db"

    def art(i: int, body: str) -> Article:
        return Article(article_id=i, url=f"https://www.lcxw.cn/a/{i}.html", title="标题", body=body)

    with Archive(path) as w:
        w.write_batch([art(i, "钢铁新闻" if i < 3 else "别的新闻") for i in range(1, 11)])
        with Archive(path, readonly=True) as r:
            before = fts.search(r, "钢铁新闻")
            w.write_batch([art(i, "钢铁新闻") for i in range(11, 15)])  # df of every bigram changes
            after = fts.search(r, "钢铁新闻")
            fts.clear_stats_cache()
            cold = fts.search(r, "钢铁新闻")
        assert [h["score"] for h in after] == [h["score"] for h in cold]
        assert before[0]["score"] != after[0]["score"]
        assert {h["article_id"] for h in after} == {1, 2, 11, 12, 13, 14}


# --- hostile queries (hypothesis; profiles in conftest) -----------------------------------------


@given(q=HOSTILE_QUERIES)
def test_a_hostile_query_gives_hits_or_one_clear_message(corpus_db: ArchiveAPI, q: str) -> None:
    """FTS syntax, SQL fragments and 10,000-character strings: a result, or a QueryError saying why
    in one line; never another exception, never a changed archive."""
    try:
        hits = corpus_db.search(q, limit=5)
        count = corpus_db.search_count(q)
    except QueryError as exc:
        message = str(exc)
        assert message.strip() and "\n" not in message and len(message) < 1000, message
    else:
        assert len(hits) <= 5 and count >= len(hits)
        assert all(isinstance(h["article_id"], int) for h in hits)
    assert len(corpus_db.known_articles()) == len(CORPUS)
