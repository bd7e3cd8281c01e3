"""The general vocabulary (lcnews.extract.vocab) is data with invariants: every spelling already in
normalised form (the stages match it against normalised text, so any other form is dead), no
repeats, and nothing that names a site (site facts live in the profile)."""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources

import pytest

from lcnews.extract import vocab
from lcnews.extract.normalize import normalize
from lcnews.site import load_profile

TUPLES = {name: value for name, value in vars(vocab).items() if name.isupper() and isinstance(value, tuple)}
# SURNAMES is one string of one-character family names
ENTRIES = {**TUPLES, "SURNAMES": tuple(vocab.SURNAMES)}


def test_the_vocabulary_has_its_tables() -> None:
    assert {"SOURCE_LABELS", "EDITOR_LABELS", "NOT_NAMES", "FURNITURE_PATTERNS", "STOP_MARKERS"} <= set(TUPLES)


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_every_entry_is_already_normalised(name: str) -> None:
    assert [x for x in ENTRIES[name] if normalize(x) != x] == []


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_no_entry_is_repeated(name: str) -> None:
    assert [x for x, n in Counter(ENTRIES[name]).items() if n > 1] == []


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_no_entry_is_empty_or_padded(name: str) -> None:
    assert [x for x in ENTRIES[name] if not x or x != x.strip()] == []


def _site_words() -> set[str]:
    """Names of every bundled profile's site: its name, site names and title suffixes, the city or
    brand those names share (聊城新闻网 -> 聊城), and its host names (lcxw.cn -> lcxw)."""
    words: set[str] = set()
    for entry in resources.files("lcnews.profiles").iterdir():
        if not entry.name.endswith(".toml"):
            continue
        with resources.as_file(entry) as path:
            profile = load_profile(path)
        names = [profile.name, *profile.label("site_names"), *profile.label("title_suffix")]
        for name in filter(None, names):
            words.add(normalize(name))
            for ending in sorted(vocab.SITE_NAME_ENDINGS, key=len, reverse=True):
                if name.endswith(ending) and len(name) - len(ending) >= 2:
                    words.add(normalize(name[: -len(ending)]))
                    break
        for host in profile.hosts:
            words.add(host.lower())
            words.add(host.lower().removeprefix("www.").split(".")[0])
    return words


def test_site_words_are_found() -> None:
    assert {"聊城新闻网", "聊城", "lcxw"} <= _site_words()


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_no_entry_names_a_site_of_a_profile(name: str) -> None:
    words = _site_words()
    assert [x for x in ENTRIES[name] if any(w in x for w in words)] == []


@pytest.mark.parametrize("name", sorted(TUPLES))
def test_no_entry_is_a_domain_name(name: str) -> None:
    assert [x for x in TUPLES[name] if re.search(r"[a-z0-9-]\.(?:com|cn|net|org)\b", x)] == []


def test_compound_surnames_are_two_characters() -> None:
    assert {len(s) for s in vocab.COMPOUND_SURNAMES} == {2}
