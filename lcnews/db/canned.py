"""SQL of the Datasette tools: the canned queries, the search box's verify clause, the month facet.

The ``lcnews_*`` SQL functions these use are registered by the Datasette plugin
(``lcnews.datasette.plugin``) on connections to an archive (``is_archive``).
"""

from __future__ import annotations

import sqlite3

from lcnews.db.fts import FTS_TABLE

# Index tokens are at most two characters long, so a three-letter token matches no article.
NO_MATCH = '"zzz"'


def is_archive(conn: sqlite3.Connection) -> bool:
    """Whether a connection is to an lcnews archive (has the search index and character map)."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {"meta", "articles", FTS_TABLE, "search_chars"} <= names


# Extra condition for the table's search box: terms with punctuation are verified as substrings.
SEARCH_VERIFY_WHERE = "lcnews_verify(:{param}, {title}, {body})"

SEARCH_SQL = f"""\
SELECT a.article_id, a.published_at, a.channel, a.source, a.title,
       lcnews_snippet(a.body, :q) AS snippet, round(-f.rank, 3) AS score, a.url
FROM {FTS_TABLE} f JOIN articles a ON a.article_id = f.rowid
WHERE {FTS_TABLE} MATCH lcnews_match(:q) AND lcnews_verify(:q, a.title, a.body)
ORDER BY f.rank
LIMIT 1000"""

REPORTER_MONTH_SQL = """\
SELECT j.value AS reporter, substr(a.published_at, 1, 7) AS month, count(*) AS articles
FROM articles a, json_each(CASE WHEN json_valid(a.authors) THEN a.authors ELSE '[]' END) j
WHERE :reporter = '' OR j.value = trim(:reporter)
GROUP BY reporter, month
ORDER BY reporter, month"""

CHANNEL_MONTH_SQL = """\
SELECT channel, substr(published_at, 1, 7) AS month, count(*) AS articles
FROM articles
GROUP BY channel, month
ORDER BY channel, month"""

ARTICLE_VERSIONS_SQL = """\
SELECT version, 'superseded' AS state, updated_at AS written_at, replaced_at, title,
       published_at, content_hash, raw_sha256, body
FROM article_versions WHERE article_id = :article_id
UNION ALL
SELECT version, 'current', updated_at, NULL, title, published_at, content_hash, raw_sha256, body
FROM articles WHERE article_id = :article_id
ORDER BY version"""


def month_facet_sql(inner_sql: str, column: str, limit: int) -> str:
    """Count rows of ``inner_sql`` per month (``YYYY-MM``) of an ISO date column, newest first."""
    col = '"' + column.replace('"', '""') + '"'
    return (
        f"SELECT substr({col}, 1, 7) AS value, count(*) AS count FROM ({inner_sql})"
        f" WHERE {col} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"
        f" GROUP BY value ORDER BY value DESC LIMIT {int(limit)}"
    )
