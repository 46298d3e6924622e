"""Sets logged just before and just after local midnight, stored together in one batch of the
group commit: each lands in its own day's workout, and a day's workout starts when its first set
was logged, whatever the clock reads when the batch runs."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from strongback.app import UserScope
from strongback.services import training_log
from strongback.services.training_log import LogRequest, log_sets
from strongback.storage import Database, open_database
from tests.builders import scope_of

BEFORE = datetime(2026, 3, 2, 23, 59, 59)
AFTER = datetime(2026, 3, 3, 0, 0, 1)


class _Clock:
    """The wall clock the training log reads, set by the test."""

    now = BEFORE


class _Date(date):
    @classmethod
    def today(cls) -> date:
        return _Clock.now.date()


class _DateTime(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> datetime:
        return _Clock.now


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


def _queued(count: int) -> None:
    """Wait until ``count`` calls wait for the batch running now."""
    for _ in range(1000):
        if sum(len(q.waiting) for q in training_log._LOGGING._queues.values()) >= count:
            return
        threading.Event().wait(0.01)
    raise AssertionError("the calls never queued")


def test_a_batch_spanning_midnight_puts_each_set_in_its_own_days_workout(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    scope: UserScope = scope_of(db)
    monkeypatch.setattr(training_log, "date", _Date)
    monkeypatch.setattr(training_log, "datetime", _DateTime)
    # The first batch (a set of the day before, backdated) holds the lead until the two sets
    # around midnight wait behind it; they then run together, after midnight.
    _Clock.now = BEFORE
    running, release = threading.Event(), threading.Event()
    real = training_log._log_together

    def held(scope: Any, items: Sequence[Any]) -> Any:
        if not release.is_set():
            running.set()
            release.wait(timeout=10)
        return real(scope, items)

    monkeypatch.setattr(training_log, "_log_together", held)
    answers: dict[str, training_log.LogResult] = {}

    def log(key: str, request: LogRequest) -> None:
        answers[key] = log_sets(scope, request)

    earlier = BEFORE.date() - timedelta(days=1)
    first = threading.Thread(
        target=log, args=("earlier", LogRequest("face-pull", reps=(15,), day=earlier))
    )
    first.start()
    assert running.wait(timeout=10)
    before = threading.Thread(target=log, args=("before", LogRequest("face-pull", reps=(12,))))
    before.start()
    _queued(1)
    _Clock.now = AFTER
    after = threading.Thread(target=log, args=("after", LogRequest("pull-up", reps=(8,))))
    after.start()
    _queued(2)
    release.set()
    for t in (first, before, after):
        t.join(timeout=30)
    assert answers["before"].day == BEFORE.date() and answers["after"].day == AFTER.date()
    assert answers["before"].workout_id != answers["after"].workout_id
    with scope.unit_of_work() as uow:
        stored = {w.id: w for w in uow.workouts.list()}
    evening, morning = stored[answers["before"].workout_id], stored[answers["after"].workout_id]
    assert [s.exercise for s in evening.sets] == ["face-pull"]
    assert [s.exercise for s in morning.sets] == ["pull-up"]
    # Each day's workout starts when its first set was logged, not when the batch ran.
    assert (evening.started_at, morning.started_at) == (BEFORE, AFTER)
