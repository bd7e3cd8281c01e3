"""The search language, stated and enforced (lcnews/db/syntax.py): OR and parentheses mean what they
say in the Python API, the CLI and Datasette; every other engine's operator is refused with one
message saying what is supported and a non-zero exit, never a silent zero; a query may start with
`-` on the command line; channels are slugs or Chinese names and an unknown one is an error
everywhere; --source/--author are exact, --source-contains/--author-contains substrings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import reading_archive
from click.testing import CliRunner

from lcnews.cli import cli
from lcnews.db import QueryError, syntax
from lcnews.db import search as fts
from lcnews.extract.normalize import normalize
from lcnews.site import load_profile

NAMES = load_profile().channel_names


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    path = tmp_path_factory.mktemp("syntax") / "lcxw.db"
    return path, reading_archive.build(path)


@pytest.fixture(scope="module")
def db(archive: tuple[Path, list[dict[str, Any]]]) -> Path:
    return archive[0]


@pytest.fixture(scope="module")
def truth(archive: tuple[Path, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return archive[1]


def has(t: dict[str, Any], term: str) -> bool:
    return normalize(term) in normalize(t["title"]) or normalize(term) in normalize(t["body"])


def ids(truth: list[dict[str, Any]], keep: Any) -> set[int]:
    return {t["article_id"] for t in truth if keep(t)}


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def api(db: Path, query: str, **kw: Any) -> set[int]:
    return {h["article_id"] for h in fts.search(str(db), query, limit=1000, **kw)}


# --- OR and parentheses ------------------------------------------------------------------------

CASES = [
    ("东阿 OR 冠县", lambda t: has(t, "东阿") or has(t, "冠县")),
    ("东阿 or 冠县", lambda t: has(t, "东阿") or has(t, "冠县")),
    ("(东阿 OR 冠县) 聊城", lambda t: (has(t, "东阿") or has(t, "冠县")) and has(t, "聊城")),
    ("东阿 聊城 OR 冠县", lambda t: (has(t, "东阿") and has(t, "聊城")) or has(t, "冠县")),
    ("聊城 -(东阿 OR 冠县)", lambda t: has(t, "聊城") and not has(t, "东阿") and not has(t, "冠县")),
    ('"东阿县" OR 钢', lambda t: has(t, "东阿县") or has(t, "钢")),
    ("(聊城 -东阿) OR (东阿 -聊城)", lambda t: has(t, "聊城") != has(t, "东阿")),
    ("聊城 AND 东阿", lambda t: has(t, "聊城") and has(t, "东阿")),
    ("（套） OR 东阿", lambda t: has(t, "（套）") or has(t, "东阿")),
]


@pytest.mark.parametrize(("query", "keep"), CASES, ids=[c[0] for c in CASES])
def test_python_api_matches_the_boolean_reading(db: Path, truth: list[dict[str, Any]], query: str, keep: Any) -> None:
    expected = ids(truth, keep)
    assert expected and expected != ids(truth, lambda t: True)
    assert api(db, query) == expected
    assert fts.count(str(db), query) == len(expected)


@pytest.mark.parametrize(("query", "keep"), CASES[:4], ids=[c[0] for c in CASES[:4]])
def test_cli_matches_the_boolean_reading(db: Path, truth: list[dict[str, Any]], query: str, keep: Any) -> None:
    result = invoke("search", query, "--db", str(db), "--json", "--limit", "1000")
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["article_id"] for line in result.stdout.splitlines()} == ids(truth, keep)


def test_or_snippets_mark_every_alternative(db: Path) -> None:
    snippets = " ".join(h["snippet"] for h in fts.search(str(db), "东阿 OR 冠县", limit=1000))
    assert "<mark>东阿</mark>" in snippets and "<mark>冠县</mark>" in snippets


def test_and_binds_tighter_than_or() -> None:
    assert syntax.parse("a b OR c") == syntax.Or(
        (syntax.And((syntax.Leaf("a", "a"), syntax.Leaf("b", "b"))), syntax.Leaf("c", "c"))
    )


# --- refused, with what is supported ------------------------------------------------------------

REFUSED = {
    "NEAR(聊城 东阿)": "NEAR(...) is not supported",
    "NEAR/3": "NEAR(...) is not supported",
    "title:聊城": "field searches like 'title:聊城' are not supported",
    "body:钢铁 聊城": "field searches",
    "聊*": "prefix search (x*) is not supported",
    "^聊城": "^ (start of a column) is not supported",
    "+聊城": "+ is not needed",
    "{title}:聊城": "column sets",
    "聊城 NOT 钢铁": "NOT is not an operator here: write -word",
    "聊城 OR": "OR needs a term on each side",
    "OR 聊城": "OR needs a term on each side",
    "聊城 AND": "AND needs a term on each side",
    "(聊城 东阿": "'(' without a matching ')'",
    "聊城 东阿)": "')' without a matching '('",
    "聊城(东阿)": "'(' right after '聊城'",
    "()": "empty parentheses",
    "聊城 OR -钢铁": "only excludes",
    "-钢铁": "only excludes",
}


@pytest.mark.parametrize("query", sorted(REFUSED))
def test_python_api_refuses_with_the_reason(db: Path, query: str) -> None:
    with pytest.raises(QueryError) as raised:
        fts.search(str(db), query)
    assert REFUSED[query] in str(raised.value)


@pytest.mark.parametrize("query", sorted(REFUSED))
def test_cli_refuses_with_one_message_and_exit_1(db: Path, query: str) -> None:
    result = invoke("search", query, "--db", str(db))
    assert result.exit_code == 1, result.output
    assert REFUSED[query] in result.output and "Traceback" not in result.output
    assert result.output.count("Error:") == 1


@pytest.mark.parametrize("query", ["title:聊城", "NEAR(聊城 东阿)", "聊城 OR"])
def test_refusal_names_the_supported_syntax(db: Path, query: str) -> None:
    assert "Search syntax: words that must all occur" in invoke("search", query, "--db", str(db)).output


def test_quoting_searches_the_text_itself(db: Path, truth: list[dict[str, Any]]) -> None:
    assert api(db, '"title:聊城"') == ids(truth, lambda t: has(t, "title:聊城"))


def test_count_refuses_too(db: Path) -> None:
    result = invoke("search", "聊*", "--count", "--db", str(db))
    assert result.exit_code == 1 and "prefix search" in result.output


# --- a query starting with '-' -------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["-东阿", "聊城", "{opts}"],
        ["聊城", "-东阿", "{opts}"],
        ["-东阿 聊城", "{opts}"],
        ["{opts}", "--", "-东阿", "聊城"],
    ],
)
def test_a_query_may_start_with_minus(db: Path, truth: list[dict[str, Any]], argv: list[str]) -> None:
    opts = ["--db", str(db), "--count"]
    result = invoke("search", *[x for a in argv for x in (opts if a == "{opts}" else [a])])
    assert result.exit_code == 0, result.output
    assert int(result.stdout) == len(ids(truth, lambda t: has(t, "聊城") and not has(t, "东阿")))


def test_options_after_a_minus_word_still_count(db: Path) -> None:
    result = invoke("search", "-东阿", "--db", str(db), "聊城", "--json", "--limit", "2")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2


def test_an_unknown_option_is_still_a_usage_error(db: Path) -> None:
    result = invoke("search", "聊城", "--jsn", "--db", str(db))
    assert result.exit_code == 2 and "No such option '--jsn'" in result.output


def test_search_help_states_the_syntax() -> None:
    text = invoke("search", "--help").output
    assert "聊城 OR 东阿" in text and "-钢铁" in text and "NEAR(...)" in text


# --- search --json ------------------------------------------------------------------------------


def test_search_json_has_authors_and_source(db: Path, truth: list[dict[str, Any]]) -> None:
    result = invoke("search", "东阿", "--db", str(db), "--json", "--limit", "1000")
    by_id = {t["article_id"]: t for t in truth}
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all({"authors", "source"} <= set(r) for r in rows)
    assert [(r["authors"], r["source"]) for r in rows] == [
        (by_id[r["article_id"]]["authors"], by_id[r["article_id"]]["source"]) for r in rows
    ]


# --- channels -----------------------------------------------------------------------------------


def in_channel(t: dict[str, Any], slug: str) -> bool:
    return t["channel"] == slug or t["channel"].startswith(slug + "/")


@pytest.mark.parametrize("given", ["yaowen", "要闻", "yaowen/"])
def test_channel_by_slug_or_chinese_name(db: Path, truth: list[dict[str, Any]], given: str) -> None:
    assert api(db, "聊城", channel=given) == ids(truth, lambda t: has(t, "聊城") and in_channel(t, "yaowen"))


def test_channel_alias_from_the_profile(db: Path, truth: list[dict[str, Any]]) -> None:
    alias = next(a for c in load_profile().channels for a in c.aliases)
    slug = next(c.slug for c in load_profile().channels if alias in c.aliases)
    assert api(db, "的", channel=alias) == api(db, "的", channel=slug)


@pytest.mark.parametrize(
    "args",
    [
        ["search", "聊城", "--channel", "nosuch"],
        ["search", "聊城", "--count", "--channel", "nosuch"],
        ["export", "--out", "{tmp}/x.csv", "--query", "聊城", "--channel", "nosuch"],
        ["trend", "聊城", "--channel", "nosuch"],
    ],
    ids=["search", "count", "export", "trend"],
)
def test_unknown_channel_is_an_error_listing_the_channels(db: Path, tmp_path: Path, args: list[str]) -> None:
    result = invoke(*[a.format(tmp=tmp_path) for a in args], "--db", str(db))
    assert result.exit_code == 1, result.output
    assert "unknown channel 'nosuch'" in result.output
    assert (
        f"yaowen {NAMES['yaowen']} (" in result.output and f"yaowen/shendu {NAMES['yaowen/shendu']} (" in result.output
    )
    assert not list(tmp_path.iterdir())  # export wrote nothing


def test_unknown_channel_in_the_python_api(db: Path) -> None:
    with pytest.raises(QueryError, match="unknown channel"):
        fts.count(str(db), "聊城", channel="nosuch")


# --- source and author: exact or substring -----------------------------------------------------


def test_source_is_exact_and_source_contains_a_substring(db: Path, truth: list[dict[str, Any]]) -> None:
    sources = {t["source"] for t in truth if t["source"]}
    part = next(s[:2] for s in sources if sum(1 for x in sources if x.startswith(s[:2])) > 1)
    assert api(db, "的", source=part) == set()
    assert api(db, "的", source_contains=part) == ids(truth, lambda t: has(t, "的") and part in t["source"])
    one = next(iter(sorted(sources)))
    assert api(db, "的", source=one) == ids(truth, lambda t: has(t, "的") and t["source"] == one)


def test_author_is_exact_and_author_contains_a_substring(db: Path, truth: list[dict[str, Any]]) -> None:
    name = next(a for t in truth for a in t["authors"] if len(a) >= 2)
    surname = name[0]
    assert api(db, "的", author=name) == ids(truth, lambda t: has(t, "的") and name in t["authors"])
    assert api(db, "的", author_contains=surname) == ids(
        truth, lambda t: has(t, "的") and any(surname in a for a in t["authors"])
    )


def test_exact_source_with_no_hit_points_to_the_substring_option(db: Path, truth: list[dict[str, Any]]) -> None:
    part = next(t["source"][:2] for t in truth if t["source"])
    result = invoke("search", "的", "--source", part, "--db", str(db), "--count")
    assert result.exit_code == 0 and result.stdout.strip() == "0"
    assert f"--source-contains {part} finds" in result.stderr


def test_help_says_which_filters_are_exact() -> None:
    text = " ".join(invoke("search", "--help").output.split())
    assert "exactly this reporter" in text and "whose source (来源) is exactly this" in text
    assert "--source-contains TEXT" in text and "--author-contains TEXT" in text
