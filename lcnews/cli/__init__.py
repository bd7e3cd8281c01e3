"""The `lcnews` command line: a click group whose commands live one family per module.

``crawl`` (crawl, demo), ``epaper``, ``search`` (search, export), ``trend``, ``serve``, ``archive`` (history,
reextract, rebuild-index, sync), ``extract``; ``common`` holds what they share (errors, checks, opening an archive).
Commands are thin: library calls only, and only here do library errors become click errors.
"""

from __future__ import annotations

import os
import sys

import click

from lcnews import __version__
from lcnews.cli.archive import history, rebuild_index, reextract, sync
from lcnews.cli.crawl import crawl, demo
from lcnews.cli.epaper import epaper
from lcnews.cli.extract import extract
from lcnews.cli.search import export, search
from lcnews.cli.serve import serve
from lcnews.cli.trend import trend


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lcnews")
def cli() -> None:
    """Crawl 聊城新闻网 (lcxw.cn) into a searchable SQLite archive."""


for command in (crawl, demo, epaper, extract, search, trend, history, reextract, serve, export, rebuild_index, sync):
    cli.add_command(command)


def main() -> None:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "lcnews.settings")
    try:
        cli.main(prog_name="lcnews", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
