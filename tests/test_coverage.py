"""Per-field coverage and the layout-drift alarm."""

from __future__ import annotations

from lcnews.coverage import Coverage, drift_alarms
from lcnews.items import Article

THRESHOLDS = {"title": 0.95, "body": 0.95, "published_at": 0.95}


def _article(i: int, *, generic: bool = False, title: str = "标题") -> Article:
    return Article(article_id=i, url=f"u{i}", title=title, published_at="2025-01-01T00:00:00+08:00",
                   body="正文" * 20, extractor="generic" if generic else "site")


def test_healthy_run_has_no_alarm() -> None:
    cov = Coverage()
    for i in range(20):
        cov.add(_article(i))
    assert drift_alarms(cov, THRESHOLDS, 0.2, 10) == []


def test_missing_titles_raise_alarm() -> None:
    cov = Coverage()
    for i in range(20):
        cov.add(_article(i, title="" if i % 2 else "标题"))
    alarms = drift_alarms(cov, THRESHOLDS, 0.2, 10)
    assert len(alarms) == 1 and alarms[0].startswith("title coverage 50%")


def test_generic_fallback_share_raises_alarm() -> None:
    cov = Coverage()
    for i in range(20):
        cov.add(_article(i, generic=True))
    assert any("generic extractor" in a for a in drift_alarms(cov, THRESHOLDS, 0.2, 10))


def test_tiny_runs_are_not_judged() -> None:
    cov = Coverage()
    cov.add(_article(1, title=""))
    assert drift_alarms(cov, THRESHOLDS, 0.2, 10) == []
