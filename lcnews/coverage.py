"""Per-field coverage of a crawl run and the layout-drift alarm (pure; no Scrapy)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FIELDS = ("title", "published_at", "source", "authors", "body")


@dataclass
class Coverage:
    min_body_chars: int = 20
    articles: int = 0
    generic: int = 0
    present: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def add(self, article: Any) -> None:
        self.articles += 1
        if getattr(article, "extractor", "") == "generic":
            self.generic += 1
        for name in FIELDS:
            value = getattr(article, name, None)
            ok = len((value or "").strip()) >= self.min_body_chars if name == "body" else bool(value)
            self.present[name] += ok

    def shares(self) -> dict[str, float]:
        n = self.articles or 1
        out = {name: round(self.present[name] / n, 4) for name in FIELDS}
        out["generic"] = round(self.generic / n, 4)
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "generic": self.generic, "present": dict(self.present),
                "shares": self.shares()}


def drift_alarms(
    coverage: Coverage,
    min_coverage: Mapping[str, float],
    max_generic: float,
    min_articles: int,
) -> list[str]:
    """Human-readable alarms; empty when the run looks healthy (or is too small to judge)."""
    if coverage.articles < max(1, min_articles):
        return []
    shares = coverage.shares()
    alarms = []
    for name, floor in min_coverage.items():
        if name in shares and shares[name] < float(floor):
            alarms.append(f"{name} coverage {shares[name]:.0%} is below {float(floor):.0%}")
    if shares["generic"] > max_generic:
        alarms.append(
            f"{shares['generic']:.0%} of articles fell back to the generic extractor "
            f"(threshold {max_generic:.0%}): the site's layout may have changed"
        )
    return alarms
