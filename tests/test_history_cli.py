"""`lcnews history ARTICLE --db ...`: the article by id or URL, where it was listed (the home page
named, no empty item), every timestamp in the one form docs/schema.md states (+00:00)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import reading_archive
from click.testing import CliRunner

from lcnews.cli import cli
from lcnews.site import load_profile


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    path = tmp_path_factory.mktemp("history") / "lcxw.db"
    return path, reading_archive.build(path)


@pytest.fixture(scope="module")
def edited(archive: tuple[Path, list[dict[str, Any]]]) -> dict[str, Any]:
    return archive[1][reading_archive.EDITED]


def history(db: Path, *args: str) -> Any:
    return CliRunner().invoke(cli, ["history", *args, "--db", str(db)])


def test_listed_in_names_the_home_page_and_has_no_empty_item(archive: Any, edited: dict[str, Any]) -> None:
    result = history(archive[0], str(edited["article_id"]))
    (line,) = [x for x in result.stdout.splitlines() if "listed in:" in x]
    name = load_profile().channel_names.get(edited["channel"], "")
    assert line.strip() == f"listed in: home page, {edited['channel']} {name}".rstrip()
    assert ": ," not in line and ", ," not in line


def test_every_timestamp_is_in_the_schema_docs_form(archive: Any, edited: dict[str, Any]) -> None:
    out = history(archive[0], str(edited["article_id"])).stdout
    stamps = re.findall(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})?", out)
    assert len(stamps) >= 5  # first/last seen, replaced, both versions' fetch times
    assert all(s.endswith("+00:00") for s in stamps), stamps


def test_json_timestamps_are_in_the_schema_docs_form(archive: Any, edited: dict[str, Any]) -> None:
    data = json.loads(history(archive[0], str(edited["article_id"]), "--json").stdout)
    text = json.dumps(data)
    assert 'Z"' not in text and "Z)" not in text
    assert all(c["first_seen_at"].endswith("+00:00") for c in data["channels"])


@pytest.mark.parametrize("form", ["url", "mirror", "path"])
def test_an_article_url_names_the_article(archive: Any, edited: dict[str, Any], form: str) -> None:
    url = edited["url"]
    given = {"url": url, "mirror": url.replace("https://www.lcxw.cn", "http://127.0.0.1:8000"), "path": edited["path"]}[
        form
    ]
    by_url = history(archive[0], given)
    assert by_url.exit_code == 0, by_url.output
    assert by_url.stdout == history(archive[0], str(edited["article_id"])).stdout


def test_something_else_is_one_clear_error(archive: Any) -> None:
    result = history(archive[0], "https://example.org/about.html")
    assert result.exit_code == 1 and "neither an article id nor an article URL" in result.output
