"""`lcnews search` finds print articles too (kind, paper, date, page; --kind), in either script, and
`lcnews export --kind print` writes them."""

from __future__ import annotations

import json

import opencc
import pytest
from click.testing import CliRunner
from printed_archive import build

from lcnews.cli import cli
from lcnews.testsite.epaper import build_epaper

SITE = build_epaper(seed=8, days=2)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(build(SITE, tmp_path_factory.mktemp("sp") / "a.db"))


def _run(*args):
    return CliRunner().invoke(cli, list(args))


def _json(out):
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def _word(text: str, n: int, skip: int = 0) -> str:
    runs = [text[i : i + n] for i in range(len(text) - n) if all("\u4e00" <= c <= "\u9fff" for c in text[i : i + n])]
    return runs[skip % len(runs)]


@pytest.mark.parametrize("n", [2, 3, 4])
@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_print_articles_found_in_either_script(db, n, script):
    t = SITE.truth[5]
    word = _word(t["body"], n, skip=7)
    if script == "traditional":
        word = opencc.OpenCC("s2t").convert(word)
    hits = _json(_run("search", word, "--db", db, "--json", "--limit", "1000", "--kind", "print").output)
    assert t["url"] in {h["url"] for h in hits}


def test_print_hit_carries_kind_paper_date_page(db):
    t = SITE.truth[0]
    hit = next(
        h
        for h in _json(_run("search", t["title"], "--db", db, "--json", "--limit", "1000").output)
        if h["url"] == t["url"]
    )
    assert (hit["kind"], hit["paper"], hit["edition_date"], hit["page_no"], hit["page_name"]) == (
        "print", t["paper"], t["edition_date"], t["page_no"], t["page_name"]
    )  # fmt: skip


def test_kind_web_leaves_print_out(db):
    t = SITE.truth[0]
    assert "no matches" in _run("search", t["title"], "--db", db, "--kind", "web").output


def test_count_includes_print(db):
    word = _word(SITE.truth[0]["title"], 2)
    n = sum(1 for t in SITE.truth if word in t["pretitle"] + t["title"] + t["subtitle"] + t["body"])
    assert _run("search", word, "--db", db, "--count").output.strip() == str(n)


def test_web_only_filter_with_kind_print_is_an_error(db):
    result = _run("search", "聊城", "--db", db, "--kind", "print", "--author", "张三")
    assert result.exit_code == 1 and "applies to web articles" in result.output


def test_export_print(db, tmp_path):
    out = tmp_path / "p.jsonl"
    result = _run("export", "--db", db, "--out", str(out), "--kind", "print", "--paper", "lcwb")
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    want = sorted(t["content_id"] for t in SITE.truth if t["paper"] == "lcwb")
    assert result.exit_code == 0 and sorted(r["content_id"] for r in rows) == want
    assert isinstance(rows[0]["authors"], list)


def test_export_print_csv_has_a_dictionary(db, tmp_path):
    out = tmp_path / "p.csv"
    assert _run("export", "--db", db, "--out", str(out), "--kind", "print").exit_code == 0
    assert "print articles" in (tmp_path / "p.dictionary.md").read_text("utf-8")
