"""Same ids through every interface: the Python API, the CLI (`lcnews search --json`), the plain-SQL
recipe on a bare sqlite3 connection, and Datasette's `?_search=` box — on a crawled replica archive
and on a small handcrafted archive (Traditional/Simplified, punctuation, Latin, digits)."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hostile_queries import QUERIES as HOSTILE_QUERIES
from hypothesis import assume, given

from lcnews.cli import cli
from lcnews.datasette.app import build_datasette, database_name
from lcnews.db import Archive, ArchiveError, QueryError
from lcnews.db import search as fts
from lcnews.extract.normalize import normalize
from lcnews.items import Article

BIG = 1000

HAND = [
    ("聊城市鋼鐵產業發展大會", "新質生產力：2025年，聊城鋼鐵產業轉型。記者 張三 報道 453X型號"),
    ("聊城钢铁产业发展大会", "新质生产力：2025年，聊城钢铁产业转型。记者 张三 报道 AI质检"),
    ("东昌湖畔", "“智”造工厂（套）开工；5G基站100座，ABC公司投资3.5亿元。"),
    ("東昌湖畔新景", "東昌湖，聊城。整改。"),
    ("乾隆御碑", "乾隆皇帝曾到临清。干部群众 参观"),
    ("COVID-19 防控", "covid-19 疫情防控，iPhone 用户 5g 网络"),
    ("阳谷县 景阳冈", "武松打虎，景阳冈。阳谷县文旅局：门票50元"),
    ("信發集團", "信发集团在茌平区；“信发”品牌。"),
    ("无标点标题", "正文只有一句话没有标点"),
    ("百分比", "增长12%，同比3.5%；占比100%"),
]

HAND_QUERIES = [
    "聊城",
    "鋼",
    "钢",
    "鋼鐵",
    "钢铁产业",
    "新質生產力",
    "新质生产力",
    "2025年",
    "，聊城",
    "整改。",
    "“智”造",
    "（套）",
    "5g",
    "5G",
    "ABC",
    "abc",
    "ＡＢＣ",
    "453X",
    "453x",
    "3.5",
    "3.5亿元",
    "covid-19",
    "COVID-19",
    "iphone",
    "乾隆",
    "干部",
    "東昌湖",
    "东昌湖",
    "信發集團",
    "信发",
    "“信发”",
    "12%",
    "100",
    "1",
    "0",
    "的",
    "湖",
    "阳谷县",
    "景阳冈",
    "门票50元",
    "聊城 钢铁",
    "聊城 -鋼鐵",
    "东昌湖 -新景",
    "聊城 -ai",
    "记者 张三",
    "转型。记者",
    "：2025",
    "% 增长",
    "无标点标题",
    "正文只有一句话没有标点",
    "武松打虎，景阳冈",
    "局：门",
    "质检",
    "ai质检",
    "型號",
    "型号",
    "报道 453x",
    "产业 -转型",
    "御碑",
    "茌平区；",
    "增长12%，同比",
    "占比100%",
]

REPLICA_QUERIES = [
    "聊城",
    "钢",
    "鋼",
    "东阿",
    "東阿",
    "聊城钢铁",
    "鋼鐵",
    "“智”造",
    "（套）",
    "的",
    "年",
    "2025",
    "2025年",
    "， 聊城",
    "。 记者",
    "民生",
    "民生实事",
    "聊城 东阿",
    "聊城 -东阿",
    "记者",
    "記者",
    "发展",
    "發展",
    "项目",
    "項目",
    "企业",
    "建设",
    "，聊城",
    "聊城，",
    "阳谷",
    "临清",
    "高唐",
    "冠县",
    "莘县",
    "茌平",
    "东昌府",
    "市委",
    "新质生产力",
    "新質生產力",
    "5G",
    "12",
    "1",
    "a",
    "经济 -发展",
    "文化 旅游",
    "乡村振兴",
    "鄉村振興",
    "群众",
    "服务",
    "工作",
    "责任编辑",
    "通讯员",
    "来源",
    "聊城日报",
    "水城",
    "运河",
    "古城",
    "江北水城",
    "产业 项目 -企业",
    "创新",
]


def _write_hand(path: Path) -> None:
    arts = [
        Article(article_id=i + 1, url=f"https://www.lcxw.cn/t/{i + 1}.html", title=t, body=b,
                channel="yaowen", published_at=f"2025-0{1 + i % 9}-1{i % 9}T08:00:00+08:00")
        for i, (t, b) in enumerate(HAND)
    ]  # fmt: skip
    with Archive(path) as a:
        a.write_batch(arts)


def _truth(db: Path, query: str) -> set[int] | None:
    """Substring scan of normalised text (terms ANDed, -term excluded); None for quoted queries."""
    terms = query.split()
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT article_id, title, body FROM articles").fetchall()
    conn.close()
    out = set()
    for aid, t, b in rows:
        nt, nb = normalize(t or ""), normalize(b or "")
        ok = True
        for term in terms:
            neg = term.startswith("-") and len(term) > 1
            x = normalize(term[1:] if neg else term)
            has = x in nt or x in nb
            if has == neg:
                ok = False
        if ok:
            out.add(aid)
    return out


def python_ids(db: Path, q: str) -> set[int]:
    return {h["article_id"] for h in fts.search(db, q, limit=BIG)}


def cli_ids(db: Path, queries: list[str]) -> dict[str, set[int]]:
    runner = CliRunner()
    out = {}
    for q in queries:
        res = runner.invoke(cli, ["search", q, "--db", str(db), "--json", "--limit", str(BIG)])
        assert res.exit_code == 0, (q, res.output)
        out[q] = {json.loads(line)["article_id"] for line in res.output.splitlines() if line.strip()}
    return out


def plain_sql_ids(db: Path, q: str) -> set[int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)  # no functions, no extension
    try:
        sql = fts.PLAIN_SQL_SEARCH.replace("LIMIT 20", f"LIMIT {BIG}")
        return {r[0] for r in conn.execute(sql, {"q": q})}
    finally:
        conn.close()


def datasette_ids(db: Path, queries: list[str]) -> dict[str, set[int]]:
    ds = build_datasette(db)
    name = database_name(db)

    async def go() -> dict[str, set[int]]:
        out = {}
        for q in queries:
            r = await ds.client.get(f"/{name}/articles.json", params={
                "_search": q, "_shape": "array", "_size": "max", "_col": "article_id"})  # fmt: skip
            assert r.status_code == 200, (q, r.text)
            out[q] = {row["article_id"] for row in r.json()}
        return out

    return asyncio.run(go())


def _check_all(db: Path, queries: list[str]) -> None:
    assert len(queries) >= 60
    cli = cli_ids(db, queries)
    dsl = datasette_ids(db, queries)
    bad = []
    for q in queries:
        py = python_ids(db, q)
        truth = _truth(db, q)
        got = {"cli": cli[q], "plain_sql": plain_sql_ids(db, q), "datasette": dsl[q], "truth": truth}
        for k, v in got.items():
            if v != py:
                bad.append((q, k, sorted(py ^ v)[:5]))
    assert not bad, bad


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("iface") / "hand.db"
    _write_hand(path)
    return path


def test_same_ids_on_handcrafted_archive(hand_db: Path) -> None:
    _check_all(hand_db, HAND_QUERIES)


def test_same_ids_on_replica_archive(replica_crawl: Any) -> None:
    assert replica_crawl.returncode == 0, replica_crawl.stderr
    _check_all(Path(replica_crawl.db), REPLICA_QUERIES)


def test_handcrafted_cases_find_what_they_should(hand_db: Path) -> None:
    assert python_ids(hand_db, "鋼鐵") == {1, 2}
    assert python_ids(hand_db, "，聊城") == {1, 2, 4}
    assert python_ids(hand_db, "ＡＢＣ") == {3}
    assert python_ids(hand_db, "12%") == {10}


def test_relevance_is_bm25_with_title_above_body(hand_db: Path) -> None:
    hits = fts.search(hand_db, "东昌湖", limit=10)
    assert [h["article_id"] for h in hits][:2] in ([3, 4], [4, 3])
    assert all(h["score"] > 0 for h in hits)
    conn = sqlite3.connect(hand_db)
    sql = "SELECT rowid, -rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank"
    ranked = conn.execute(sql, ['"东昌 昌湖"']).fetchall()
    conn.close()
    assert [h["article_id"] for h in hits] == [r[0] for r in ranked]
    assert [h["score"] for h in hits] == pytest.approx([r[1] for r in ranked], rel=1e-6)


def test_single_character_scores_equal_fts5_bm25(hand_db: Path) -> None:
    hits = fts.search(hand_db, "湖", limit=10)
    conn = sqlite3.connect(hand_db)
    ranked = dict(conn.execute(
        "SELECT rowid, -rank FROM articles_fts WHERE articles_fts MATCH '\"湖\"*'").fetchall())  # fmt: skip
    conn.close()
    assert {h["article_id"]: h["score"] for h in hits} == pytest.approx(ranked, rel=1e-6)


def _make_v2(path: Path) -> None:
    """An archive as schema version 2 left it (old index layout)."""
    _write_hand(path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE articles_fts")
    conn.execute("DROP TABLE articles_fts_chars")
    conn.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', "
                 "tokenize='ascii', detail='column')")  # fmt: skip
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()


def test_readonly_open_of_older_archive_refuses_to_search(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _make_v2(path)
    with Archive(path, readonly=True) as a:
        assert a.index_stale
        for call in (lambda: fts.search(a, "聊城"), lambda: fts.count(a, "聊城")):
            with pytest.raises(ArchiveError, match="rebuild-index") as exc:
                call()
            assert isinstance(exc.value, QueryError) and str(path) in str(exc.value)
    with pytest.raises(QueryError, match="rebuild-index"):
        fts.search(path, "聊城")
    res = CliRunner().invoke(cli, ["search", "聊城", "--db", str(path)])
    assert res.exit_code != 0 and "rebuild-index" in res.output
    with Archive(path) as a:  # a writable open upgrades the archive, then search works
        assert fts.count(a, "聊城") == 3
    assert python_ids(path, "聊城") == {1, 2, 4}


# --- hostile queries through the CLI (hypothesis; profiles in conftest) --------------------------


@given(q=HOSTILE_QUERIES)
def test_cli_search_of_a_hostile_query_gives_hits_or_one_line(hand_db: Path, q: str) -> None:
    """`lcnews search` with FTS syntax, SQL fragments or 10,000 characters: hits (exit 0), or exit 1
    with one line saying why; a word shaped like a long option (``--abc``) is click's usage error
    (exit 2: a typo of an option must not become a search). Never a traceback."""
    assume(q != "--")  # not a query: the command line's end-of-options marker
    res = CliRunner().invoke(cli, ["search", q, "--db", str(hand_db), "--limit", "3"])
    if re.match(r"--[A-Za-z][A-Za-z0-9-]*(=|$)", q):
        assert res.exit_code == 2 and "No such option" in res.output, (q, res.output)
        return
    assert res.exit_code in (0, 1), (q, res.output)
    assert res.exception is None or isinstance(res.exception, SystemExit), (q, res.exception)
    assert "Traceback" not in res.output
    if res.exit_code == 1:
        (line,) = res.output.strip().splitlines()
        assert line.startswith("Error: ") and len(line) < 1000
