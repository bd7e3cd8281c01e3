"""`lcnews epaper` refuses bad input with one clear message before anything is fetched."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from lcnews.cli import cli


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2024-13-01"], "is not a date"),
        (["--since", "2024-03-05", "--until", "2024-03-01"], "is before --since"),
        (["--since", "2999-01-01"], "is in the future"),
        (["--since", "2024-03-01", "--paper", "xyz"], "unknown paper 'xyz'"),
        (["--since", "2024-03-01", "--base-url", "ftp://x"], "base"),
    ],
)
def test_bad_input_is_one_message(tmp_path, args, message):
    result = CliRunner().invoke(cli, ["epaper", "--db", str(tmp_path / "a.db"), *args])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


def test_help_names_the_options():
    out = CliRunner().invoke(cli, ["epaper", "--help"]).output
    assert all(opt in out for opt in ("--since", "--until", "--paper", "--base-url"))
