"""lcnews.outcome: a crawl's exit status read from its stats."""

from __future__ import annotations

import pytest

from lcnews.outcome import EXIT_DRIFT, EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, CrawlOutcome

OPENED = {"lcnews/run_id": 1}


@pytest.mark.parametrize(
    ("stats", "expect_archive", "code"),
    [
        (OPENED, True, EXIT_OK),
        ({}, True, EXIT_ERROR),  # the archive never opened: nothing was crawled
        ({}, False, EXIT_OK),  # a bare benchmark crawl has no archive
        ({**OPENED, "lcnews/errors/spider": 2}, True, EXIT_PARTIAL),
        ({**OPENED, "lcnews/errors/article_fetch": 1}, True, EXIT_PARTIAL),
        ({**OPENED, "lcnews/site_unreachable": "site unreachable: ..."}, True, EXIT_PARTIAL),
        ({**OPENED, "log_count/WARNING": 9}, True, EXIT_OK),
        (
            {**OPENED, "lcnews/drift_alarms": ["title coverage 10% is below 95%"], "lcnews/errors/spider": 1},
            True,
            EXIT_DRIFT,
        ),
    ],
    ids=["ok", "never-opened", "bare", "spider-errors", "fetch-failed", "unreachable", "warnings-only", "drift-wins"],
)
def test_exit_code(stats: dict[str, object], expect_archive: bool, code: int) -> None:
    assert CrawlOutcome(stats=dict(stats), expect_archive=expect_archive).exit_code == code


def test_drops_are_the_drop_counters_without_prefix() -> None:
    outcome = CrawlOutcome(stats={"lcnews/drop/no_body": 2, "lcnews/drop/duplicate_id": 1, "lcnews/skip/x": 5})
    assert outcome.drops == {"no_body": 2, "duplicate_id": 1}


def test_missing_or_none_counts_are_zero() -> None:
    outcome = CrawlOutcome(stats={"response_received_count": None})
    assert outcome.count("response_received_count") == 0 and outcome.count("nothing") == 0


def test_errors_are_one_sum_of_the_error_counters() -> None:
    stats = {"lcnews/errors/article_fetch": 2, "lcnews/errors/listing_fetch": 1, "lcnews/failures/refused": 3}
    assert CrawlOutcome(stats=stats).errors == 3


def test_failures_are_by_reason() -> None:
    stats = {"lcnews/failures/refused": 2, "lcnews/failures/http_503": 1, "lcnews/errors/article_fetch": 3}
    assert CrawlOutcome(stats=stats).failures == {"refused": 2, "http_503": 1}
