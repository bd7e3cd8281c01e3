"""Retry back-off grows exponentially and is capped; none for loopback hosts."""

from __future__ import annotations

import pytest

from lcnews.middlewares import backoff_delay


@pytest.mark.parametrize(("n", "expected"), [(1, 2.0), (2, 4.0), (3, 8.0), (10, 60.0), (0, 0.0)])
def test_backoff_delay(n: int, expected: float) -> None:
    assert backoff_delay(n, 2.0, 60.0) == expected


def test_backoff_disabled_by_zero_cap() -> None:
    assert backoff_delay(3, 2.0, 0.0) == 0.0
