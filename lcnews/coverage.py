"""Per-field coverage of a crawl run and the layout-drift alarm (pure; no Scrapy).

A run's coverage is counts: how many of its articles have each field, how many fell back to the
generic extractor, and how many look implausible (a title or body the run shows on many pages, a
source that is a date, an author that is a channel name or a UI word). The alarm judges those counts
with 99% Wilson intervals, so a run of twelve articles needs overwhelming evidence and a run of a
thousand needs little; the baseline is the pooled counts of the archive's recent healthy runs, not
the last run alone. docs/schema.md ("The layout-drift alarm") states the rules.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

from itemadapter import ItemAdapter

from lcnews.extract import vocab
from lcnews.extract.dates import find_date
from lcnews.extract.normalize import normalize

FIELDS = ("title", "published_at", "source", "authors", "body")
# Plausibility signals: what presence alone misses (each counts articles; see Coverage.implausible).
SIGNALS = ("title_repeated", "body_repeated", "source_is_time", "author_not_a_name")
_SIGNAL_TEXT = {
    "title_repeated": "share one title (a logo or column name read as the headline?)",
    "body_repeated": "share one body (a notice or sidebar read as the text?)",
    "source_is_time": "have a source that is a date or time (the meta line misread?)",
    "author_not_a_name": "have an author that is a channel name or a page word (a menu or share bar read as the byline?)",
}
_CLOCK_RE = re.compile(r"(?<!\d)\d{1,2}[:：]\d{2}(?!\d)")


def _key(text: str) -> str:
    return normalize(" ".join(text.split())).lower()


@dataclass
class Coverage:
    """The counts of one run (``add`` each archived article)."""

    min_body_chars: int = 20
    repeat_pages: int = 3
    not_names: frozenset[str] = frozenset()  # normalised channel names; vocab.NOT_NAMES always apply
    articles: int = 0
    generic: int = 0
    present: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    source_is_time: int = 0
    author_not_a_name: int = 0
    # hash of a title or body -> articles showing it (this run only; a hash keeps memory flat)
    titles: Counter[int] = field(default_factory=Counter)
    bodies: Counter[int] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._not_names = frozenset(_key(w) for w in vocab.NOT_NAMES) | frozenset(_key(w) for w in self.not_names)

    def add(self, article: Any) -> None:
        """Count one article: an ``Article`` or any item ItemAdapter reads (dict, dataclass, ...)."""
        fields = ItemAdapter(article)
        self.articles += 1
        if fields.get("extractor", "") == "generic":
            self.generic += 1
        for name in FIELDS:
            value = fields.get(name)
            ok = len((value or "").strip()) >= self.min_body_chars if name == "body" else bool(value)
            self.present[name] += ok
        title, body = (fields.get("title") or "").strip(), (fields.get("body") or "").strip()
        if title:
            self.titles[hash(_key(title))] += 1
        if len(body) >= self.min_body_chars:
            self.bodies[hash(body)] += 1
        source = (fields.get("source") or "").strip()
        if source and (find_date(source) is not None or _CLOCK_RE.search(source)):
            self.source_is_time += 1
        if any(_key(a) in self._not_names for a in fields.get("authors") or () if a):
            self.author_not_a_name += 1

    def implausible(self) -> dict[str, int]:
        """Articles showing each plausibility signal. A repeated title or body counts the largest
        group of articles sharing one (when it is at least ``repeat_pages``): recurring column titles
        of a real site are many small groups, a logo read as the headline is one large group."""
        repeat = max(2, self.repeat_pages)
        top_title = max(self.titles.values(), default=0)
        top_body = max(self.bodies.values(), default=0)
        return {
            "title_repeated": top_title if top_title >= repeat else 0,
            "body_repeated": top_body if top_body >= repeat else 0,
            "source_is_time": self.source_is_time,
            "author_not_a_name": self.author_not_a_name,
        }

    def counts(self) -> Counts:
        return Counts(self.articles, self.generic, dict(self.present), self.implausible())

    def shares(self) -> dict[str, float]:
        return self.counts().shares()

    def as_dict(self) -> dict[str, Any]:
        """What ``crawl_runs.coverage`` stores (``Counts.from_record`` reads it back)."""
        counts = self.counts()
        return {
            "articles": counts.articles,
            "generic": counts.generic,
            "present": counts.present,
            "implausible": counts.implausible,
            "shares": counts.shares(),
        }


@dataclass
class Counts:
    """Article counts of one run, or of several runs pooled (a baseline)."""

    articles: int = 0
    generic: int = 0
    present: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    implausible: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SIGNALS, 0))
    runs: int = 1

    @classmethod
    def from_record(cls, coverage: Mapping[str, Any]) -> Counts:
        """The counts of a stored ``crawl_runs.coverage`` (runs recorded before the plausibility
        signals have none: they count as zero)."""
        present = coverage.get("present") or {}
        implausible = coverage.get("implausible") or {}
        return cls(
            int(coverage.get("articles") or 0),
            int(coverage.get("generic") or 0),
            {name: int(present.get(name) or 0) for name in FIELDS},
            {name: int(implausible.get(name) or 0) for name in SIGNALS},
        )

    @classmethod
    def pooled(cls, runs: Iterable[Counts]) -> Counts:
        out = cls(runs=0)
        for run in runs:
            out.articles += run.articles
            out.generic += run.generic
            out.runs += run.runs
            for name in FIELDS:
                out.present[name] += run.present.get(name, 0)
            for name in SIGNALS:
                out.implausible[name] += run.implausible.get(name, 0)
        return out

    def shares(self) -> dict[str, float]:
        n = self.articles or 1
        out = {name: round(self.present.get(name, 0) / n, 4) for name in FIELDS}
        out["generic"] = round(self.generic / n, 4)
        return out


def wilson(k: int, n: int, confidence: float = 0.99) -> tuple[float, float]:
    """The Wilson score interval of a binomial share k/n (``(0, 1)`` when n is 0)."""
    if n <= 0:
        return 0.0, 1.0
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class DriftRules:
    """The alarm's settings (``LCNEWS_DRIFT_*``)."""

    min_coverage: Mapping[str, float] = field(
        default_factory=lambda: {"title": 0.95, "published_at": 0.95, "body": 0.95}
    )
    max_drop: float = 0.05  # least gap between this run's interval and the baseline's
    min_articles: int = 10
    confidence: float = 0.99
    max_implausible: float = 0.2
    repeat_pages: int = 3


def _share(k: int, n: int, interval: tuple[float, float]) -> str:
    return f"{k} of {n} ({k / max(1, n):.0%}; 99% interval {interval[0]:.0%}-{interval[1]:.0%})"


def drift_alarms(coverage: Coverage | Counts, rules: DriftRules, baseline: Counts | None = None) -> list[str]:
    """Human-readable alarms; empty when the run looks healthy or is too small to judge.

    Three kinds, each judged on 99% Wilson intervals (``rules.confidence``) of the run's counts:

    - a floor for the fields every article has (``min_coverage``: title, time, body): the whole
      interval of the field's share is below the floor;
    - against ``baseline`` (the pooled counts of recent healthy runs): a field's interval lies
      entirely below the baseline's by more than ``max_drop``, or the generic extractor's share
      lies entirely above the baseline's by more than ``max_drop``. A first run has no baseline: a
      site whose articles lack bylines, or whose markup the profile never knew, is not "drift";
    - plausibility: the whole interval of the share of articles showing a signal (``SIGNALS``) is
      above ``max_implausible`` (absolute: a logo read as every title is wrong on a first run too).

    Runs with fewer than ``min_articles`` articles are not judged, nor baselines with fewer.
    """
    run = coverage.counts() if isinstance(coverage, Coverage) else coverage
    n = run.articles
    if n < max(1, rules.min_articles):
        return []
    conf = rules.confidence
    alarms: list[str] = []
    for name, floor in rules.min_coverage.items():
        k = run.present.get(name, 0)
        interval = wilson(k, n, conf)
        if interval[1] < float(floor):
            alarms.append(f"{name}: present on {_share(k, n, interval)} articles, below the {float(floor):.0%} floor")
    if baseline is not None and baseline.articles >= max(1, rules.min_articles):
        m = baseline.articles
        before = f"the last {baseline.runs} healthy run{'s' if baseline.runs != 1 else ''}"
        for name in FIELDS:
            k, k0 = run.present.get(name, 0), baseline.present.get(name, 0)
            now, then = wilson(k, n, conf), wilson(k0, m, conf)
            if then[0] - now[1] > rules.max_drop:
                alarms.append(
                    f"{name}: present on {_share(k, n, now)} articles, down from {_share(k0, m, then)} in {before}"
                )
        now, then = wilson(run.generic, n, conf), wilson(baseline.generic, m, conf)
        if now[0] - then[1] > rules.max_drop:
            alarms.append(
                f"generic extractor: {_share(run.generic, n, now)} articles fell back to it, up from "
                f"{_share(baseline.generic, m, then)} in {before}: the site's layout may have changed"
            )
    for name in SIGNALS:
        k = run.implausible.get(name, 0)
        interval = wilson(k, n, conf)
        if interval[0] > rules.max_implausible:
            alarms.append(f"implausible {name}: {_share(k, n, interval)} articles {_SIGNAL_TEXT[name]}")
    return alarms
