"""`lcnews trend`: how often a query occurs per month (or week, or year), as counts and a chart."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any

import click

from lcnews.cli.common import QueryCommand, UserError, archive_errors, check_db, filter_options, opened, query_text

# Fonts with Chinese characters, most common first (Debian: fonts-noto-cjk, fonts-wqy-microhei).
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "AR PL UMing CN",
)
BAR_WIDTH = 40


def _cjk_font() -> str | None:
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in available), None)


def write_png(path: str, counts: list[tuple[str, int]], *, query: str, by: str, archive: str) -> str | None:
    """Draw the counts as a bar chart into ``path`` (PNG); returns a note for the user, or None.

    Needs matplotlib (``pip install 'lcnews[charts]'``); no display is needed (Agg backend).
    """
    try:
        import matplotlib

        matplotlib.use("Agg", force=True)
        from matplotlib import pyplot as plt
    except ImportError:
        raise UserError(
            "lcnews trend --png needs matplotlib, which is not installed: pip install 'lcnews[charts]' "
            "(the counts print without it)"
        ) from None
    font = _cjk_font()
    note = None
    if font is None:
        note = (
            "no font with Chinese characters was found, so the chart's title shows them as boxes "
            "(Debian/Ubuntu: apt-get install fonts-noto-cjk)"
        )
    labels = [k for k, _ in counts]
    values = [v for _, v in counts]
    with warnings.catch_warnings(), matplotlib.rc_context({"font.family": [font or "DejaVu Sans", "DejaVu Sans"]}):
        # Without a CJK font matplotlib warns once per missing glyph; the note above says it once.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)
        fig, ax = plt.subplots(figsize=(max(6.0, min(24.0, 0.28 * len(counts) + 2)), 4.0), dpi=100)
        try:
            ax.bar(range(len(values)), values, color="#2f6f9f", width=0.8)
            step = max(1, len(labels) // 24)
            ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=60, ha="right", fontsize=8)
            ax.set_ylabel(f"articles per {by}")
            ax.set_title(f"{query}  ({sum(values)} articles, {Path(archive).name})")
            ax.grid(axis="y", alpha=0.3)
            ax.set_axisbelow(True)
            fig.tight_layout()
            fig.savefig(path, format="png")
        finally:
            plt.close(fig)
    return note


@click.command(cls=QueryCommand)
@click.argument("query", nargs=-1, required=True)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Archive to count in.")
@click.option(
    "--by",
    type=click.Choice(["month", "week", "year"]),
    default="month",
    show_default=True,
    help="Period to count per.",
)
@click.option(
    "--png", "png", type=click.Path(dir_okay=False), metavar="FILE", help="Also draw a bar chart (matplotlib)."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per period.")
@filter_options
def trend(query: tuple[str, ...], db: str, by: str, png: str | None, as_json: bool, **filters: Any) -> None:
    """Articles matching QUERY per month, week or year (search syntax as in lcnews search)."""
    text = query_text(query)
    dbpath = check_db(db, must_exist=True)
    if png:
        target = Path(png).expanduser()
        if not target.parent.is_dir():
            raise UserError(f"cannot write {target}: directory {target.parent} does not exist")
        if not os.access(target.parent, os.W_OK):
            raise UserError(f"cannot write {target}: directory {target.parent} is not writable")
    with opened(dbpath, readonly=True) as archive, archive_errors():
        counts = archive.trend(text, by=by, **filters)
    if as_json:
        for period, n in counts:
            click.echo(json.dumps({"period": period, "articles": n}, ensure_ascii=False))
    else:
        total = sum(n for _, n in counts)
        if not counts:
            click.echo(f"no dated articles match {text!r}")
        else:
            click.echo(
                f"{text}: {total} article{'s' if total != 1 else ''} per {by}, {counts[0][0]} to {counts[-1][0]}"
            )
            top = max(n for _, n in counts) or 1
            width = max(len(k) for k, _ in counts)
            for period, n in counts:
                bar = "█" * round(BAR_WIDTH * n / top) if n else ""
                click.echo(f"{period:<{width}}  {n:>6}  {bar}")
    if png:
        if not counts:
            raise UserError(f"nothing to draw: no dated articles match {text!r}")
        note = write_png(png, counts, query=text, by=by, archive=dbpath)
        if note:
            click.secho(f"Note: {note}", fg="yellow", err=True)
        click.echo(f"Chart: {png}", err=as_json)
