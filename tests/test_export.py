"""`lcnews export`: every matching article with full text to CSV (Excel-ready) or JSON Lines, plus
a data dictionary; bad formats, paths and archives end in one clear error."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from lcnews.cli.search import export
from lcnews.db import Archive
from lcnews.db import search as fts
from lcnews.export import BATCH_SIZE
from lcnews.items import Article

TRICKY = [
    Article(article_id=1, url="https://www.lcxw.cn/a/1.html", channel="yaowen",
            title='标题含"引号", 逗号', published_at="2025-01-02T08:00:00+08:00",
            source="聊城日报", authors=["张三", "李四"], editors=["王五"],
            body="第一段：聊城钢铁。\n第二段，含逗号、\"引号\"和\r回车。\n=1+1 不是公式"),
    Article(article_id=2, url="https://www.lcxw.cn/a/2.html", channel="yaowen/shendu",
            title="鋼鐵產業", published_at="2025-02-03T08:00:00+08:00", source="海报新闻",
            authors=["李四"], body="繁體正文：鋼鐵產業轉型。"),
    Article(article_id=3, url="https://www.lcxw.cn/a/3.html", channel="wenhua",
            title="无作者", published_at=None, body="没有日期的文章，也没有钢。"),
]  # fmt: skip


@pytest.fixture
def tricky_db(tmp_path: Path) -> Path:
    path = tmp_path / "tricky.db"
    with Archive(path) as archive:
        archive.write_batch(TRICKY)
    return path


@pytest.fixture(scope="module")
def crawled(replica_crawl: Any) -> Path:
    assert replica_crawl.returncode == 0, replica_crawl.stderr
    return Path(replica_crawl.db)


def run(db: Path, out: Path, *args: str) -> Result:
    return CliRunner().invoke(export, ["--db", str(db), "--out", str(out), *args])


def read_csv(path: Path) -> list[dict[str, str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM: Excel would misread it"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def stored(db: Path) -> dict[int, dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    with conn:
        return {r["article_id"]: dict(r) for r in conn.execute("SELECT * FROM articles")}


def test_csv_round_trips_every_row_and_column_exactly(tricky_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports" / "all.csv"
    result = run(tricky_db, out)
    assert result.exit_code == 0, result.output
    assert "Exported 3 articles" in result.output
    rows = read_csv(out)
    want = stored(tricky_db)
    assert [int(r["article_id"]) for r in rows] == sorted(want)
    for r in rows:
        row = want[int(r["article_id"])]
        assert list(r) == list(row)
        assert r == {k: "" if v is None else str(v) for k, v in row.items()}
    assert rows[0]["body"] == TRICKY[0].body  # line breaks, quotes, commas, \r intact
    assert json.loads(rows[0]["authors"]) == ["张三", "李四"]


def test_csv_of_a_real_crawl_holds_every_article(crawled: Path, tmp_path: Path) -> None:
    out = tmp_path / "crawl.csv"
    assert run(crawled, out).exit_code == 0
    rows = read_csv(out)
    want = stored(crawled)
    assert len(rows) == len(want) > BATCH_SIZE // 10
    assert all(r["body"] == want[int(r["article_id"])]["body"] for r in rows)
    assert any("\n" in r["body"] for r in rows)


def test_jsonl_has_real_lists_and_nulls(tricky_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert run(tricky_db, out).exit_code == 0
    rows = read_jsonl(out)
    assert [r["article_id"] for r in rows] == [1, 2, 3]
    assert rows[0]["authors"] == ["张三", "李四"] and rows[2]["authors"] == []
    assert rows[0]["body"] == TRICKY[0].body
    assert rows[2]["published_at"] is None
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_data_dictionary_is_written_beside_the_export(tricky_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    result = run(tricky_db, out, "--channel", "yaowen")
    text = (tmp_path / "all.dictionary.md").read_text(encoding="utf-8")
    assert str(tmp_path / "all.dictionary.md") in result.output
    assert "Rows: 2 articles (channel = 'yaowen')" in text
    assert "UTF-8 with a byte-order mark" in text and "JSON text" in text
    assert "lcxw.cn" in text and "Licence" in text
    for column in stored(tricky_db)[1]:
        assert f"| `{column}` |" in text
    assert "(see docs/schema.md)" not in text  # every column has its own description


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--channel", "yaowen"], [1, 2]),
        (["--channel", "yaowen/shendu"], [2]),
        (["--since", "2025-02"], [2]),
        (["--until", "2025-01-31"], [1]),
        (["--author", "李四"], [1, 2]),
        (["--source", "海报新闻"], [2]),
        (["--query", "钢铁"], [1, 2]),  # either script
        (["--query", "钢"], [1, 2, 3]),
        (["--query", "钢 -产业"], [1, 3]),
        (["--query", "钢铁。"], [1]),  # punctuation: verified as a substring
        (["--query", "钢铁", "--source", "聊城日报"], [1]),
    ],
)
def test_filters_and_query(tricky_db: Path, tmp_path: Path, args: list[str], ids: list[int]) -> None:
    out = tmp_path / "some.jsonl"
    result = run(tricky_db, out, *args)
    assert result.exit_code == 0, result.output
    assert [r["article_id"] for r in read_jsonl(out)] == ids


@pytest.mark.parametrize("query", ["东阿", "钢", "（套）", "聊城 -东阿"])
def test_query_exports_exactly_what_search_finds(crawled: Path, tmp_path: Path, query: str) -> None:
    out = tmp_path / "hits.csv"
    assert run(crawled, out, "--query", query).exit_code == 0
    found = {h["article_id"] for h in fts.search(str(crawled), query, limit=fts.MAX_LIMIT)}
    assert {int(r["article_id"]) for r in read_csv(out)} == found


def test_streams_in_batches(tricky_db: Path, tmp_path: Path) -> None:
    with Archive(tricky_db) as archive:
        archive.write_batch([Article(article_id=100 + i, url=f"https://www.lcxw.cn/a/{100 + i}.html",
                                     title=f"第{i}篇", body="正文" * 50 + str(i))
                             for i in range(BATCH_SIZE * 2 + 7)])  # fmt: skip
    out = tmp_path / "big.jsonl"
    assert run(tricky_db, out).exit_code == 0
    assert len(read_jsonl(out)) == 3 + BATCH_SIZE * 2 + 7


@pytest.mark.parametrize(
    ("name", "message"),
    [("out.xlsx", "must end in .csv, .jsonl or .parquet"), ("out", "must end in .csv, .jsonl or .parquet")],
)
def test_unknown_extension_is_refused(tricky_db: Path, tmp_path: Path, name: str, message: str) -> None:
    result = run(tricky_db, tmp_path / name)
    assert result.exit_code == 1 and message in result.output
    assert not (tmp_path / name).exists()


def test_missing_archive_is_refused(tmp_path: Path) -> None:
    result = run(tmp_path / "nope.db", tmp_path / "out.csv")
    assert result.exit_code == 1 and "no archive at" in result.output
    assert not (tmp_path / "out.csv").exists()


def test_path_under_a_file_is_refused(tricky_db: Path, tmp_path: Path) -> None:
    # Works as root too: a regular file cannot be a directory.
    (tmp_path / "afile").write_text("x")
    result = run(tricky_db, tmp_path / "afile" / "out.csv")
    assert result.exit_code == 1 and "cannot create directory" in result.output
    assert "Traceback" not in result.output


def test_bad_query_is_refused_without_writing(tricky_db: Path, tmp_path: Path) -> None:
    result = run(tricky_db, tmp_path / "out.csv", "--query", "，。")
    assert result.exit_code == 1 and "punctuation alone" in result.output
    assert not (tmp_path / "out.csv").exists()


def test_bad_date_is_refused(tricky_db: Path, tmp_path: Path) -> None:
    result = run(tricky_db, tmp_path / "out.csv", "--since", "last week")
    assert result.exit_code == 1 and "is not a date" in result.output


def read_parquet(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()  # type: ignore[no-any-return]


@pytest.mark.parametrize("args", [[], ["--format", "parquet"]])
def test_parquet_round_trips_every_row_with_real_lists(tricky_db: Path, tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / ("all.parquet" if not args else "all.data")
    result = run(tricky_db, out, *args)
    assert result.exit_code == 0, result.output
    rows = read_parquet(out)
    want = stored(tricky_db)
    assert [r["article_id"] for r in rows] == sorted(want)
    for r in rows:
        row = want[r["article_id"]]
        assert list(r) == list(row)
        for k, v in row.items():
            if k in ("authors", "editors", "correspondents", "photographers", "channel_names", "images"):
                assert r[k] == json.loads(v), k
            else:
                assert r[k] == v, k
    assert rows[0]["authors"] == ["张三", "李四"] and rows[2]["authors"] == []
    assert rows[0]["body"] == TRICKY[0].body and rows[2]["published_at"] is None


def test_parquet_column_types(tricky_db: Path, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "all.parquet"
    assert run(tricky_db, out).exit_code == 0
    schema = pq.read_schema(out)
    assert schema.field("article_id").type == pa.int64() and schema.field("version").type == pa.int64()
    assert schema.field("authors").type == pa.list_(pa.string())
    assert schema.field("images").type == pa.list_(pa.struct([("src", pa.string()), ("caption", pa.string())]))
    assert schema.field("extra").type == pa.string() and schema.field("body").type == pa.string()


def test_parquet_data_dictionary_gives_each_columns_type(tricky_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.parquet"
    assert run(tricky_db, out).exit_code == 0
    text = (tmp_path / "all.dictionary.md").read_text(encoding="utf-8")
    assert "Apache Parquet" in text and "| `authors` | `list<string>` |" in text
    assert "| `article_id` | `int64` |" in text
    assert "(see docs/schema.md)" not in text


def test_parquet_is_written_in_row_groups(tricky_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow.parquet as pq

    import lcnews.export

    monkeypatch.setattr(lcnews.export, "PARQUET_ROW_GROUP", 2)
    out = tmp_path / "all.parquet"
    assert run(tricky_db, out).exit_code == 0
    meta = pq.read_metadata(out)
    assert (meta.num_row_groups, meta.num_rows) == (2, 3)


def test_an_unknown_format_is_refused(tricky_db: Path, tmp_path: Path) -> None:
    result = run(tricky_db, tmp_path / "a.csv", "--format", "xlsx")
    assert result.exit_code != 0 and "xlsx" in result.output
