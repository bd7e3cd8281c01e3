"""`lcnews extract`: the extractor's fields for saved pages or URLs (to debug a layout change)."""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

import click

from lcnews import __version__
from lcnews.cli.common import UserError, site_profile
from lcnews.outcome import EXIT_ERROR


def _read_input(item: str) -> tuple[bytes, str | None, dict[str, str]]:
    if item.startswith(("http://", "https://")):
        req = urllib.request.Request(item, headers={"User-Agent": f"lcnews/{__version__}"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.read(), resp.geturl(), {k.lower(): v for k, v in resp.headers.items()}
        except (urllib.error.URLError, OSError) as exc:
            raise UserError(f"cannot fetch {item}: {getattr(exc, 'reason', exc)}") from None
    path = Path(item)
    try:
        return path.read_bytes(), None, {}
    except OSError as exc:
        raise UserError(f"cannot read {item}: {exc.strerror}") from None


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE_OR_URL...")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input, in input order.")
@click.option("--profile", type=click.Path(dir_okay=False), help="Site profile TOML.")
def extract(inputs: tuple[str, ...], as_json: bool, profile: str | None) -> None:
    """Run the extractor on saved pages or URLs and print the fields (debug a layout change)."""
    from dataclasses import asdict

    from lcnews.extract import extract_article

    prof = site_profile(profile)
    failed = 0
    for item in inputs:
        try:
            data, url, headers = _read_input(item)
            result = asdict(extract_article(data, url=url, headers=headers, profile=prof))
        except UserError as exc:
            failed += 1
            if as_json:
                click.echo(json.dumps({"input": item, "error": exc.message}, ensure_ascii=False))
            click.echo(f"Error: {exc.message}", err=True)
            continue
        result = {"input": item, **result}
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False))
        else:
            click.secho(f"== {item}", bold=True)
            for key, value in result.items():
                if key in ("input", "body"):
                    continue
                shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                click.echo(f"{key:>16}: {shown}")
            click.echo(f"{'body':>16}:\n{result['body']}\n")
    if failed:
        sys.exit(EXIT_ERROR)
