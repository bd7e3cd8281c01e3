"""Per-field coverage and the layout-drift alarm."""

from __future__ import annotations

from lcnews.coverage import Coverage, drift_alarms
from lcnews.items import Article

FLOORS = {"title": 0.95, "body": 0.95, "published_at": 0.95}


def _article(i: int, *, generic: bool = False, title: str = "标题", authors: list[str] | None = None) -> Article:
    return Article(
        article_id=i,
        url=f"u{i}",
        title=title,
        published_at="2025-01-01T00:00:00+08:00",
        body="正文" * 20,
        extractor="generic" if generic else "site",
        authors=authors or [],
    )


def _coverage(n: int = 20, **kw: object) -> Coverage:
    cov = Coverage()
    for i in range(n):
        cov.add(_article(i, **kw))  # type: ignore[arg-type]
    return cov


def test_healthy_run_has_no_alarm() -> None:
    assert drift_alarms(_coverage(), FLOORS, 0.2, 10) == []


def test_missing_titles_raise_alarm_even_on_a_first_run() -> None:
    cov = Coverage()
    for i in range(20):
        cov.add(_article(i, title="" if i % 2 else "标题"))
    alarms = drift_alarms(cov, FLOORS, 0.2, 10)
    assert len(alarms) == 1 and alarms[0].startswith("title coverage 50%")


def test_first_run_on_unknown_markup_is_not_drift() -> None:
    assert drift_alarms(_coverage(generic=True), FLOORS, 0.2, 10, baseline=None) == []


def test_rise_of_generic_fallback_against_last_run_raises_alarm() -> None:
    before = _coverage().shares()
    alarms = drift_alarms(_coverage(generic=True), FLOORS, 0.2, 10, baseline=before)
    assert len(alarms) == 1 and "generic extractor" in alarms[0] and "last run: 0%" in alarms[0]


def test_fall_of_author_coverage_against_last_run_raises_alarm() -> None:
    before = _coverage(authors=["赵琦"]).shares()
    alarms = drift_alarms(_coverage(), FLOORS, 0.2, 10, baseline=before)
    assert alarms == ["authors coverage fell from 100% to 0%"]


def test_tiny_runs_are_not_judged() -> None:
    cov = Coverage()
    cov.add(_article(1, title=""))
    assert drift_alarms(cov, FLOORS, 0.2, 10) == []
