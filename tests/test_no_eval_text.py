"""No text of an evaluation page in the code or the tests (the brief's rule; bench/eval_digest.py).

Every run of eight Han characters in a text file under lcnews/ or tests/ is looked up in the digest
of the evaluation pages' eight-character runs; a hit fails the test and names the file and string.
The site's own seed page is not evaluation data: strings it shares with evaluation pages (common
phrases, licence lines) are exempt through the seed digest. With the evaluation data present the
digest is checked against it by ``python bench/eval_digest.py --check``.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from bench.eval_digest import WIDTH, digest_of, grams

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SCANNED = ("lcnews", "tests")
TEXT_SUFFIXES = {
    ".py",
    ".toml",
    ".md",
    ".txt",
    ".html",
    ".htm",
    ".json",
    ".cfg",
    ".ini",
    ".yaml",
    ".yml",
    ".csv",
    ".j2",
}


def _load(name: str) -> list[bytes]:
    raw = (DATA / name).read_bytes()
    return [raw[i : i + WIDTH] for i in range(0, len(raw), WIDTH)]


def _contains(sorted_hashes: list[bytes], h: bytes) -> bool:
    i = bisect.bisect_left(sorted_hashes, h)
    return i < len(sorted_hashes) and sorted_hashes[i] == h


def _repo_files() -> list[Path]:
    out = []
    for top in SCANNED:
        for path in (ROOT / top).rglob("*"):
            if path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts:
                out.append(path)
    return out


def _read(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def test_digests_are_sorted_hashes() -> None:
    for name in ("eval_han8.digest", "seed_han8.digest"):
        hashes = _load(name)
        assert len(hashes) > 1000, name
        assert hashes == sorted(hashes), name


def scan(files: list[Path], evals: list[bytes], seeds: list[bytes]) -> dict[str, set[str]]:
    hits: dict[str, set[str]] = {}
    for path in files:
        for g in grams(_read(path)):
            h = digest_of(g)
            if _contains(evals, h) and not _contains(seeds, h):
                hits.setdefault(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path), set()).add(g)
    return hits


def test_no_eight_character_han_string_of_an_evaluation_page_in_code_or_tests() -> None:
    hits = scan(_repo_files(), _load("eval_han8.digest"), _load("seed_han8.digest"))
    assert not hits, "evaluation text in the repository: " + "; ".join(
        f"{f}: {', '.join(sorted(g)[:5])}" for f, g in sorted(hits.items())
    )


def test_the_scan_finds_a_string_of_the_digest_and_spares_the_seed(tmp_path: Path) -> None:
    # made-up runs, spelled by code point so this file holds no Han text of its own to flag
    planted, seeded, own = ("".join(chr(0x4E00 + 37 * k + j) for j in range(8)) for k in (11, 23, 31))
    page = tmp_path / "module.py"
    page.write_text(f"# {planted} / {seeded} / {own}\n", encoding="utf-8")
    evals = sorted([digest_of(planted), digest_of(seeded)])
    hits = scan([page], evals, [digest_of(seeded)])
    assert hits == {str(page): {planted}}
