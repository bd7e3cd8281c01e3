"""lcnews.health: a failed request's reason in one word, and when a site has stopped answering."""

from __future__ import annotations

import pytest
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    ResponseDataLossError,
)
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error
from twisted.web._newclient import ResponseNeverReceived

from lcnews.health import Reachability, failure_reason


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (error.ConnectionRefusedError(), "refused"),
        (error.DNSLookupError(), "dns"),
        (error.TimeoutError(), "timeout"),
        (error.TCPTimedOutError(), "timeout"),
        (error.ConnectionLost(), "connection_lost"),
        (ResponseNeverReceived([]), "connection_lost"),
        (HttpError(Response("http://x/", status=503, request=Request("http://x/"))), "http_503"),
        (DownloadConnectionRefusedError(), "refused"),
        (CannotResolveHostError(), "dns"),
        (DownloadTimeoutError(), "timeout"),
        (DownloadFailedError(), "connection_lost"),
        (ResponseDataLossError(), "truncated"),
        (ValueError("odd"), "valueerror"),
    ],
    ids=[
        "refused",
        "dns",
        "timeout",
        "tcp-timeout",
        "lost",
        "never-received",
        "http-status",
        "scrapy-refused",
        "scrapy-dns",
        "scrapy-timeout",
        "scrapy-failed",
        "scrapy-data-loss",
        "anything-else",
    ],
)
def test_failure_reason(exc: BaseException, reason: str) -> None:
    assert failure_reason(exc) == reason


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_site_is_unreachable_after_enough_failures_in_a_row() -> None:
    watch = Reachability(max_failures=5, clock=_Clock())
    said = [watch.failed("refused") for _ in range(5)]
    assert said[:4] == [None] * 4 and said[4] is not None and "refused" in said[4]


def test_an_answer_resets_the_count() -> None:
    watch = Reachability(max_failures=3, clock=_Clock())
    for _ in range(10):
        assert watch.failed("timeout") is None
        assert watch.failed("timeout") is None
        watch.answered()


def test_slow_failures_for_long_enough_are_unreachable() -> None:
    clock = _Clock()
    watch = Reachability(max_seconds=60, max_failures=100, clock=clock)
    assert watch.failed("timeout") is None
    clock.now = 30.0
    assert watch.failed("timeout") is None
    clock.now = 61.0
    assert watch.failed("timeout") is not None


def test_a_server_that_answers_badly_is_not_unreachable() -> None:
    watch = Reachability(max_failures=2, clock=_Clock())
    assert [watch.failed("http_503") for _ in range(10)] == [None] * 10


def test_it_says_so_once() -> None:
    watch = Reachability(max_failures=1, clock=_Clock())
    assert watch.failed("dns") is not None
    assert watch.failed("dns") is None
