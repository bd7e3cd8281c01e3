"""Docs are tested: every command has help and is in the README; the quick start matches CI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lcnews.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    assert (cli.commands[name].help or "").strip()


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_readme(name: str) -> None:
    assert f"`lcnews {name}`" in README


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_quick_start_has_exactly_two_commands() -> None:
    blocks = _quick_start_commands()
    assert len(blocks) == 2 and all("\n" not in b for b in blocks)
    assert blocks[0].endswith("lcnews demo")


def test_ci_runs_the_readme_test_command() -> None:
    test_command = _quick_start_commands()[1]
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_schema_doc_names_required_article_columns() -> None:
    schema = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    for column in ("url", "article_id", "channel", "title", "published_at", "source", "authors", "editors", "body"):
        assert f"`{column}`" in schema


def test_readme_says_what_the_browser_tests_need() -> None:
    from test_browser import CHROMIUM_MISSING

    install = "apt-get install -y chromium chromium-driver"
    assert install in CHROMIUM_MISSING
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert f"`sudo {install}`" in quick_start and '-m "not browser"' in quick_start
