"""Per-field coverage of a crawl run and the layout-drift alarm (pure; no Scrapy)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from itemadapter import ItemAdapter

FIELDS = ("title", "published_at", "source", "authors", "body")


@dataclass
class Coverage:
    min_body_chars: int = 20
    articles: int = 0
    generic: int = 0
    present: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

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

    def shares(self) -> dict[str, float]:
        n = self.articles or 1
        out = {name: round(self.present[name] / n, 4) for name in FIELDS}
        out["generic"] = round(self.generic / n, 4)
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "generic": self.generic,
            "present": dict(self.present),
            "shares": self.shares(),
        }


def drift_alarms(
    coverage: Coverage,
    min_coverage: Mapping[str, float],
    max_drop: float,
    min_articles: int,
    baseline: Mapping[str, float] | None = None,
) -> list[str]:
    """Human-readable alarms; empty when the run looks healthy (or is too small to judge).

    Two kinds: an absolute floor for fields every article has (`min_coverage`: title, time, body),
    and, against `baseline` (the shares of the archive's last judged run), a drop of more than
    `max_drop` in any field's coverage or a rise of more than `max_drop` in the share of articles
    the generic extractor had to handle. The first run of an archive has no baseline: a site whose
    articles simply lack bylines, or whose markup the profile never knew, is not "drift".
    """
    if coverage.articles < max(1, min_articles):
        return []
    shares = coverage.shares()
    alarms = []
    for name, floor in min_coverage.items():
        if name in shares and shares[name] < float(floor):
            alarms.append(f"{name} coverage {shares[name]:.0%} is below {float(floor):.0%}")
    if baseline:
        for name in FIELDS:
            before = baseline.get(name)
            if before is not None and before - shares[name] > max_drop:
                alarms.append(f"{name} coverage fell from {before:.0%} to {shares[name]:.0%}")
        before = baseline.get("generic")
        if before is not None and shares["generic"] - before > max_drop:
            alarms.append(
                f"{shares['generic']:.0%} of articles fell back to the generic extractor "
                f"(last run: {before:.0%}): the site's layout may have changed"
            )
    return alarms
