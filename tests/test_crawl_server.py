"""`lcnews crawl --db postgresql://…`: a crawl of the replica into the PostgreSQL archive stores what a
crawl into a SQLite file stores, and a second run is incremental there too."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CrawlResult, crawl_replica

from lcnews.db import open_archive

FIELDS = ("article_id", "url", "channel", "title", "published_at", "source", "authors", "editors", "body", "version")


@pytest.fixture(scope="module")
def server_crawl(replica_crawl: CrawlResult) -> Any:
    from servers import pg_schema

    with pg_schema() as url:
        first = crawl_replica(replica_crawl.site, url)  # type: ignore[arg-type]
        second = crawl_replica(replica_crawl.site, url)  # type: ignore[arg-type]
        with open_archive(url, readonly=True) as pg:
            rows = {a["article_id"]: tuple(a[k] for k in FIELDS) for a in pg.iter_articles()}
        yield first, second, rows


@pytest.mark.e2e
def test_the_server_archive_holds_what_the_sqlite_file_holds(replica_crawl: CrawlResult, server_crawl: Any) -> None:
    first, _, rows = server_crawl
    assert first.returncode == 0, first.stderr
    with open_archive(replica_crawl.db, readonly=True) as lite:
        want = {a["article_id"]: tuple(a[k] for k in FIELDS) for a in lite.iter_articles()}
    # An article the replica serves under two channels is archived under whichever listing the
    # crawl read first (concurrent requests): either of its paths is right, in either archive.
    paths = {t["article_id"]: set(t["paths"]) for t in replica_crawl.site.truth}
    where = (FIELDS.index("url"), FIELDS.index("channel"))

    def settled(table: dict[int, tuple[Any, ...]]) -> dict[int, tuple[Any, ...]]:
        out = {}
        for aid, row in table.items():
            if len(paths.get(aid, ())) > 1:
                assert row[where[0]].split("lcxw.cn", 1)[-1] in paths[aid]
                out[aid] = tuple(v for i, v in enumerate(row) if i not in where)
            else:
                out[aid] = row
        return out

    assert settled(rows) == settled(want) and len(rows) > 50


@pytest.mark.e2e
def test_a_second_run_fetches_no_archived_article_again(server_crawl: Any) -> None:
    first, second, _ = server_crawl

    def articles_fetched(result: CrawlResult) -> list[str]:
        return [p for p, status in result.request_log if status == 200 and p.endswith(".html") and "/20" in p]

    assert len(articles_fetched(first)) > 50
    assert second.returncode == 0 and "0 new" in second.stdout and articles_fetched(second) == []
