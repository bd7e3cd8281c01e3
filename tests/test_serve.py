"""`lcnews serve`: Datasette over an archive — the search box equals the Python search, metadata,
facets, canned queries — and `lcnews rebuild-index`."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import datasette.app
import pytest
from click.testing import CliRunner

from lcnews.cli.archive import rebuild_index
from lcnews.cli.serve import serve
from lcnews.datasette.app import build_datasette, database_name, register_plugin
from lcnews.datasette.metadata import TABLES
from lcnews.db import Archive
from lcnews.db import search as fts
from lcnews.extract.normalize import normalize
from lcnews.extract.tokens import index_tokens
from lcnews.items import Article

ROOT = Path(__file__).resolve().parent.parent

# Words of the seed-1 replica: 1 character, 2 characters, longer, other script, punctuation inside a
# term (verified as a substring), AND, exclusion.
QUERIES = ["钢", "东阿", "聊城钢铁", "鋼鐵", "“智”造", "（套）", "聊城 东阿", "聊城 -东阿", '"民生实事"']


class Client:
    """Datasette's own test client, driven synchronously."""

    def __init__(self, db: Path) -> None:
        self.ds = build_datasette(db)
        self.name = database_name(db)

    def get(self, path: str, **params: Any) -> Any:
        return asyncio.run(self.ds.client.get(path.format(db=self.name), params=params))

    def rows(self, path: str, **params: Any) -> list[dict[str, Any]]:
        response = self.get(path, _shape="array", **params)
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def archive(replica_crawl: Any) -> Path:
    assert replica_crawl.returncode == 0, replica_crawl.stderr
    return Path(replica_crawl.db)


@pytest.fixture(scope="module")
def client(archive: Path) -> Client:
    return Client(archive)


def api_ids(db: Path, query: str) -> list[int]:
    return [h["article_id"] for h in fts.search(str(db), query, limit=fts.MAX_LIMIT)]


def all_ids(db: Path) -> set[int]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT article_id FROM articles")}


# --- the standard search box -----------------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES)
def test_search_box_finds_the_same_articles_as_the_python_api(client: Client, archive: Path, query: str) -> None:
    expected = set(api_ids(archive, query))
    assert expected and expected != all_ids(archive), f"{query!r} does not discriminate"
    rows = client.rows("/{db}/articles.json", _search=query, _size="max", _col="article_id")
    assert {r["article_id"] for r in rows} == expected


def test_search_box_is_on_the_articles_page(client: Client) -> None:
    html = client.get("/{db}/articles", _search="东阿").text
    assert 'name="_search"' in html and 'value="东阿"' in html


def test_column_search_looks_in_that_column_only(client: Client, archive: Path) -> None:
    rows = client.rows("/{db}/articles.json", _search_title="东阿", _size="max")
    expected = {
        h["article_id"]
        for h in fts.search(str(archive), "东阿", limit=fts.MAX_LIMIT)
        if "东阿" in normalize(h["title"])
    }
    assert expected and {r["article_id"] for r in rows} == expected


def test_blank_search_box_means_no_search(client: Client, archive: Path) -> None:
    rows = client.rows("/{db}/articles.json", _search="  ", _size="max", _col="article_id")
    assert {r["article_id"] for r in rows} == all_ids(archive)


def test_unsearchable_query_is_a_clear_400(client: Client) -> None:
    response = client.get("/{db}/articles.json", _search="，。")
    assert response.status_code == 400
    assert "punctuation alone cannot be searched" in response.json()["error"]


# --- canned queries -------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["东阿", "钢", "（套）"])
def test_canned_search_is_ranked_and_snippeted_like_the_python_api(client: Client, archive: Path, query: str) -> None:
    rows = client.rows("/{db}/search.json", q=query)
    hits = {h["article_id"]: h for h in fts.search(str(archive), query, limit=fts.MAX_LIMIT)}
    assert {r["article_id"] for r in rows} == set(hits)
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert [r["snippet"] for r in rows] == [hits[r["article_id"]]["snippet"] for r in rows]
    assert any("<mark>" in r["snippet"] for r in rows)  # hits in the title only have none


def test_canned_search_highlights_hits_in_html(client: Client) -> None:
    html = client.get("/{db}/search", q="东阿").text
    assert "<mark>东阿</mark>" in html


def test_canned_search_without_a_query_shows_nothing(client: Client) -> None:
    assert client.rows("/{db}/search.json", q="") == []


def test_reporter_month_counts_every_byline(client: Client, archive: Path) -> None:
    rows = client.rows("/{db}/reporter_month.json", reporter="")
    expected: Counter[tuple[str, str]] = Counter()
    with sqlite3.connect(archive) as conn:
        for authors, published in conn.execute("SELECT authors, published_at FROM articles"):
            for name in json.loads(authors):
                expected[(name, published[:7])] += 1
    assert {(r["reporter"], r["month"]): r["articles"] for r in rows} == dict(expected)
    one = rows[0]["reporter"]
    assert {r["reporter"] for r in client.rows("/{db}/reporter_month.json", reporter=one)} == {one}


def test_channel_month_counts_every_article(client: Client, archive: Path) -> None:
    rows = client.rows("/{db}/channel_month.json")
    assert sum(r["articles"] for r in rows) == len(all_ids(archive))


@pytest.fixture
def versioned(tmp_path: Path) -> Path:
    path = tmp_path / "versions.db"
    with Archive(path) as archive:
        archive.write_batch([Article(article_id=7, url="https://www.lcxw.cn/a/7.html",
                                     title="初稿", body="聊城钢铁")])  # fmt: skip
        archive.write_batch([Article(article_id=7, url="https://www.lcxw.cn/a/7.html",
                                     title="改稿", body="聊城鋼鐵集团")])  # fmt: skip
    return path


def test_article_versions_lists_old_and_current(versioned: Path) -> None:
    rows = Client(versioned).rows("/{db}/article_versions.json", article_id="7")
    assert [(r["version"], r["state"], r["title"]) for r in rows] == [
        (1, "superseded", "初稿"),
        (2, "current", "改稿"),
    ]


# --- metadata and facets --------------------------------------------------------------------


def test_metadata_names_the_source_and_licence(client: Client) -> None:
    meta = client.get("/-/metadata.json").json()
    assert "lcxw.cn" in meta["source"] and meta["source_url"].startswith("https://www.lcxw.cn")
    assert "research" in meta["license"]
    assert set(meta["databases"][client.name]["queries"]) == {
        "search", "reporter_month", "channel_month", "article_versions", "edition", "printed_web_articles"}  # fmt: skip


def test_every_table_and_column_of_a_real_archive_is_described(archive: Path) -> None:
    with sqlite3.connect(archive) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%'"
            " AND name NOT LIKE 'print_fts%'")]  # fmt: skip
        missing = [
            f"{t}.{c[1]}"
            for t in tables
            for c in conn.execute(f"PRAGMA table_info([{t}])")
            if c[1] not in TABLES.get(t, ("", {}))[1]
        ]
    assert not missing, f"describe these in lcnews/datasette/metadata.py: {missing}"


def test_article_columns_described_here_are_in_the_schema_doc() -> None:
    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert [c for c in TABLES["articles"][1] if f"`{c}`" not in doc] == []


def test_table_page_shows_column_descriptions(client: Client) -> None:
    assert TABLES["articles"][1]["cluster_id"] in client.get("/{db}/articles").text


def test_facets_on_channel_month_source_and_authors(client: Client, archive: Path) -> None:
    facets = client.get("/{db}/articles.json").json()["facet_results"]
    assert set(facets) == {"channel", "published_at", "source", "authors"}
    with sqlite3.connect(archive) as conn:
        rows = conn.execute("SELECT channel, published_at, authors FROM articles").fetchall()
    counts = {f["value"]: f["count"] for f in facets["channel"]["results"]}
    assert counts == dict(Counter(r[0] for r in rows))
    months = {f["value"]: f["count"] for f in facets["published_at"]["results"]}
    assert facets["published_at"]["type"] == "month"
    assert months == dict(Counter(r[1][:7] for r in rows if r[1]))
    authors = {f["value"]: f["count"] for f in facets["authors"]["results"]}
    expected = Counter(a for r in rows for a in json.loads(r[2]))
    assert authors == dict(expected.most_common(len(authors)))


def test_month_facet_selects_that_month(client: Client, archive: Path) -> None:
    facets = client.get("/{db}/articles.json").json()["facet_results"]
    month = facets["published_at"]["results"][0]
    assert "published_at__startswith=" + month["value"] in month["toggle_url"]
    rows = client.rows("/{db}/articles.json", published_at__startswith=month["value"], _size="max")
    assert len(rows) == month["count"]
    assert all(r["published_at"].startswith(month["value"]) for r in rows)


def test_authors_facet_selects_that_reporter(client: Client) -> None:
    facets = client.get("/{db}/articles.json").json()["facet_results"]
    top = facets["authors"]["results"][0]
    assert facets["authors"]["type"] == "names"
    assert "authors__arraycontains=" in top["toggle_url"]
    rows = client.rows("/{db}/articles.json", authors__arraycontains=top["value"], _size="max")
    assert len(rows) == top["count"]
    assert all(top["value"] in json.loads(r["authors"]) for r in rows)


def test_search_functions_stay_off_other_databases(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    register_plugin()
    ds = datasette.app.Datasette(immutables=[str(other)])
    sql = "select escape_fts('聊城 钢') as e"
    response = asyncio.run(ds.client.get("/other.json", params={"sql": sql, "_shape": "array"}))
    assert response.json() == [{"e": '"聊城" "钢"'}]  # Datasette's own escape_fts


# --- read-only: no write, no file beyond the archive ------------------------------------------

# SQL a visitor may type into Datasette's query box: every one changes a file or reads another.
HOSTILE_SQL = [
    "insert into meta values ('x', 'y')",
    "replace into meta values ('x', 'y')",
    "delete from articles",
    "update articles set title = 'x'",
    "drop table articles",
    "create table x (a)",
    "with x as (select 1) delete from articles",
    "select 1; delete from articles",
    "pragma writable_schema = 1",
    "pragma query_only = 0",
    "attach database '{tmp}/attached.db' as x",
    "vacuum into '{tmp}/copy.db'",
    "select load_extension('{tmp}/ext')",
    "select readfile('/etc/passwd')",
    "select writefile('{tmp}/written', 'x')",
    "select edit('x')",
    "select fts3_tokenizer('simple')",
]
# The same statements sent past Datasette's SQL check, as a plugin calling execute_write could.
DIRECT_SQL = ["delete from meta", "drop table articles", "pragma query_only = 0",
              "attach database '{tmp}/attached.db' as x", "vacuum into '{tmp}/copy.db'"]  # fmt: skip
TRAVERSALS = ["/-/static/../../../../etc/passwd", "/-/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
              "/-/static-plugins/lcnews/../../../../etc/passwd", "/..%2f..%2fetc%2fpasswd",
              "/-/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/{db}/..%2f..%2fetc%2fpasswd"]  # fmt: skip


@pytest.fixture(scope="module")
def sealed(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Client, Path, Path]:
    """A served copy of the archive in a folder of its own, and a folder the hostile SQL names."""
    folder = tmp_path_factory.mktemp("served")
    db = folder / "archive.db"
    with sqlite3.connect(archive) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    return Client(db), db, tmp_path_factory.mktemp("outside")


def _fingerprint(db: Path) -> tuple[list[str], bytes]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        dump = "\n".join(conn.iterdump()).encode()
    return sorted(p.name for p in db.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))), dump


@pytest.mark.parametrize("sql", HOSTILE_SQL)
def test_serve_refuses_sql_that_writes_or_opens_another_file(sealed: tuple[Client, Path, Path], sql: str) -> None:
    client, db, outside = sealed
    before = _fingerprint(db)
    response = client.get("/{db}.json", sql=sql.format(tmp=outside), _shape="array")
    assert response.status_code == 400, response.text
    assert _fingerprint(db) == before and list(outside.iterdir()) == []


@pytest.mark.parametrize("sql", DIRECT_SQL)
def test_serve_connections_refuse_writes_that_skip_datasettes_checks(
    sealed: tuple[Client, Path, Path], sql: str
) -> None:
    client, db, outside = sealed
    before = _fingerprint(db)
    database = client.ds.get_database(client.name)
    with pytest.raises(sqlite3.DatabaseError, match=r"readonly|not authorized|authorization denied"):
        asyncio.run(database.execute_write(sql.format(tmp=outside)))
    assert _fingerprint(db) == before and list(outside.iterdir()) == []


@pytest.mark.parametrize("path", TRAVERSALS)
def test_serve_serves_no_file_beyond_the_archive(sealed: tuple[Client, Path, Path], path: str) -> None:
    client, _, _ = sealed
    response = client.get(path)
    assert response.status_code in (302, 403, 404) and b"root:" not in response.content


def test_serve_still_reads_after_the_refusals(sealed: tuple[Client, Path, Path]) -> None:
    client, db, _ = sealed
    with sqlite3.connect(db) as conn:
        (n,) = conn.execute("select count(*) from articles").fetchone()
    assert client.rows("/{db}.json", sql="select count(*) as n from articles") == [{"n": n}]


# --- the serve command ----------------------------------------------------------------------


def test_serve_refuses_a_missing_archive(tmp_path: Path) -> None:
    result = CliRunner().invoke(serve, ["--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1
    assert "no archive at" in result.output


def test_serve_refuses_a_busy_port(archive: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(serve, ["--db", str(archive), "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


# --- rebuild-index ----------------------------------------------------------------------------


@pytest.fixture
def archive_copy(archive: Path, tmp_path: Path) -> Iterator[Path]:
    copy = tmp_path / "copy.db"
    shutil.copy(archive, copy)
    yield copy


def _index_instances(conn: sqlite3.Connection) -> Counter[tuple[int, str, str]]:
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab "
                 "USING fts5vocab(main, 'articles_fts', 'instance')")  # fmt: skip
    rows = conn.execute("SELECT term, doc, col FROM temp.vocab")
    return Counter((doc, col, term) for term, doc, col in rows)


def _table_instances(conn: sqlite3.Connection) -> Counter[tuple[int, str, str]]:
    out: Counter[tuple[int, str, str]] = Counter()
    for aid, title, body in conn.execute("SELECT article_id, title, body FROM articles"):
        for col, text in (("title", title), ("body", body)):
            for token in index_tokens(text or "").split():
                out[(aid, col, token)] += 1
    return out


def test_rebuild_index_restores_an_emptied_index(archive_copy: Path) -> None:
    before = api_ids(archive_copy, "东阿")
    with sqlite3.connect(archive_copy) as conn:
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
    assert api_ids(archive_copy, "东阿") == []
    result = CliRunner().invoke(rebuild_index, ["--db", str(archive_copy)])
    assert result.exit_code == 0, result.output
    n = len(all_ids(archive_copy))
    assert f"{n} articles indexed" in result.output
    with sqlite3.connect(archive_copy) as conn:
        assert _index_instances(conn) == _table_instances(conn)
    assert api_ids(archive_copy, "东阿") == before


def test_rebuild_index_waits_for_no_crawl(archive_copy: Path) -> None:
    with Archive(archive_copy) as crawl:
        crawl.acquire_run_lock()
        result = CliRunner().invoke(rebuild_index, ["--db", str(archive_copy)])
    assert result.exit_code == 5
    assert "another crawl" in result.output


def test_rebuild_index_refuses_a_missing_archive(tmp_path: Path) -> None:
    result = CliRunner().invoke(rebuild_index, ["--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1 and "no archive at" in result.output
