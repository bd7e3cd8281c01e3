"""lcnews.db.cadence: a batch is committed when full or when its oldest item has waited long enough."""

from __future__ import annotations

import pytest

from lcnews.db.cadence import Cadence


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _cadence(clock: Clock, batch: int = 200) -> Cadence:
    return Cadence(batch, max_seconds=1.0, first_seconds=0.1, clock=clock)


def test_nothing_pending_is_never_due() -> None:
    clock = Clock()
    cadence = _cadence(clock)
    clock.now += 60
    assert not cadence.due()


def test_a_full_batch_is_due_at_once() -> None:
    cadence = _cadence(Clock(), batch=3)
    cadence.added(3)
    assert cadence.due()


@pytest.mark.parametrize(("after", "due"), [(0.05, False), (0.12, True)])
def test_the_first_commit_comes_after_the_first_wait(after: float, due: bool) -> None:
    clock = Clock()
    cadence = _cadence(clock)
    cadence.added()
    clock.now += after
    assert cadence.due() is due


def test_the_wait_is_counted_from_the_oldest_pending_item() -> None:
    clock = Clock()
    cadence = _cadence(clock)
    cadence.added()
    clock.now += 0.08
    cadence.added()  # a newer item does not restart the wait
    clock.now += 0.04
    assert cadence.due()


def test_later_waits_double_up_to_the_longest() -> None:
    clock = Clock()
    cadence = _cadence(clock)
    waits = []
    for _ in range(6):
        waits.append(cadence.wait)
        cadence.added()
        cadence.flushed()
    assert waits == [0.1, 0.2, 0.4, 0.8, 1.0, 1.0]


def test_no_item_waits_longer_than_the_longest_wait() -> None:
    clock = Clock()
    cadence = _cadence(clock)
    for _ in range(10):
        cadence.flushed()
    cadence.added()
    clock.now += 1.0
    assert cadence.due()
