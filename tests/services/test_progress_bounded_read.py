"""The progress report reads only its window's workouts and aggregates of the past, and gives
exactly the numbers of the report over every workout: on a generated history of three years
(kilograms and pounds, RIR and RPE, warm-ups, holds, pain, benchmarks, an exercise the catalog
does not know), for several windows, days and exercises, on SQLite, PostgreSQL and the
in-memory fake."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from strongback.domain.analytics import Progress
from strongback.domain.errors import UnknownExercise
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType, Side, WeightUnit
from strongback.services import analytics
from strongback.services.ports import Scope
from strongback.storage import Database, open_database
from tests.builders import scope_of
from tests.fakes import FakeScope

FIRST = date(2023, 1, 2)  # a Monday
LAST = date(2025, 12, 19)  # a Friday: the last workout
LOADED = ("seated-cable-row", "barbell-deadlift", "lat-pulldown", "goblet-squat", "my-odd-lift")
BODY = ("pull-up", "face-pull", "reverse-hyperextension", "scorpion-reach")


def _set(rng: random.Random, exercise: str, order: int, growth: float) -> PerformedSet:
    kind = rng.random()
    if exercise in LOADED:
        unit = rng.choice([WeightUnit.KG, WeightUnit.LB, None])
        rir, rpe = rng.choice([(None, None), (2.0, None), (None, 8.5), (0.0, 9.0), (None, 10.0)])
        return PerformedSet(
            exercise, order,
            set_type=SetType.WARM_UP if kind < 0.15 else SetType.WORKING,
            weight=round(rng.choice([0.0, 20.0, 42.5, 60.0, 61.25, 80.0, 100.0]) * growth, 2),
            unit=unit, reps=rng.choice([0, 1, 3, 5, 8, 10, 12, 15]), rir=rir, rpe=rpe,
            pain=rng.choice([None] * 12 + [0, 2, 3, 5, 7]),
            seconds=30.0 if kind > 0.97 else None,
        )  # fmt: skip
    return PerformedSet(exercise, order, reps=rng.choice([5, 8, 12, 20]), tempo="3-1-1-0",
                        pain=rng.choice([None] * 20 + [1, 4]))  # fmt: skip


def _benchmark(rng: random.Random, order: int) -> PerformedSet:
    exercise = rng.choice(["side-plank", "dead-hang", "back-extension-hold"])
    side = rng.choice([Side.LEFT, Side.RIGHT, None]) if exercise == "side-plank" else None
    return PerformedSet(exercise, order, seconds=float(rng.randint(20, 90)), side=side)


def generated_history(seed: int = 13) -> list[Workout]:
    """Three years, two to four sessions a week, a month off each summer, a benchmark test most
    months and two sessions on some days."""
    rng = random.Random(seed)
    out: list[Workout] = []
    day = FIRST
    while day <= LAST:
        if day.month == 8 or rng.random() < 0.55:
            day += timedelta(days=1)
            continue
        sets: list[PerformedSet] = []
        for ex in rng.sample(LOADED + BODY, 4):
            growth = 1 + (day - FIRST).days / 1500  # stronger over the years: records
            sets.extend(_set(rng, ex, len(sets) + i + 1, growth) for i in range(rng.randint(1, 4)))
        if rng.random() < 0.08:
            sets.append(_benchmark(rng, len(sets) + 1))
        for hour in (7, 18) if rng.random() < 0.1 else (7,):
            start = datetime(day.year, day.month, day.day, hour, rng.randint(0, 59))
            out.append(Workout(start, "Session", tuple(sets)))
        day += timedelta(days=1)
    return out


def _store(scope: Scope, workouts: list[Workout]) -> None:
    with scope.unit_of_work(write=True) as uow:
        uow.profile.save(uow.profile.get().model_copy(update={"unit": WeightUnit.LB}))
        for w in workouts:
            uow.workouts.add(w)
        uow.commit()


def _from_every_workout(scope: Scope, **kw: Any) -> Progress:
    with scope.unit_of_work() as uow:
        catalog = scope.catalog.with_extra(uow.custom_exercises.list())
        args = (catalog, uow.profile.get().unit, uow.workouts.list(), uow.plans.current())
    return analytics.progress_of(*args, **kw)


CASES = [
    {"weeks": 8, "today": LAST},
    {"weeks": 1, "today": LAST + timedelta(days=2)},
    {"weeks": 2, "today": LAST - timedelta(days=3)},
    {"weeks": 4, "today": LAST + timedelta(days=9)},
    {"weeks": 12, "today": date(2024, 9, 4), "exercise": "seated-cable-row"},
    {"weeks": 26, "today": date(2025, 3, 1), "exercise": "my-odd-lift"},
    {"weeks": 52, "today": LAST, "exercise": "barbell-deadlift"},
    {"weeks": 4, "today": LAST + timedelta(days=400)},  # an old history: shown where it ends
    {"weeks": 260, "today": LAST},
    {"weeks": 8, "today": FIRST + timedelta(days=20)},
]


def _check_same(scope: Scope) -> None:
    for case in CASES:
        bounded = analytics.progress(scope, **case)
        whole = _from_every_workout(scope, **case)
        assert bounded == whole, case
    # The comparisons above hold records, pain that rose and benchmarks: they prove something.
    full = analytics.progress(scope, weeks=52, today=LAST)
    assert any(t.records for t in full.exercises)
    assert any(d.rose for d in full.pain)
    assert all(b.points for b in full.benchmarks)
    assert full.consistency.streak_weeks > 0
    with pytest.raises(UnknownExercise):
        analytics.progress(scope, exercise="no-such-lift")


@pytest.fixture(scope="module")
def history() -> list[Workout]:
    return generated_history()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.mark.slow
def test_the_bounded_read_gives_the_numbers_of_every_workout(
    db: Database, history: list[Workout]
) -> None:
    scope = scope_of(db)
    _store(scope, history)
    _check_same(scope)


def test_the_in_memory_fake_gives_the_same_numbers_as_every_workout(
    history: list[Workout],
) -> None:
    scope = FakeScope()
    _store(scope, history)
    _check_same(scope)


@pytest.mark.slow
def test_the_report_reads_the_window_whole_and_only_aggregates_of_the_past(
    db: Database, history: list[Workout]
) -> None:
    from strongback.domain.analytics import reach_of

    scope = scope_of(db)
    _store(scope, history)
    with scope.unit_of_work() as uow:
        parts = analytics.read_bounded(uow, reach_of(LAST, 8, LAST))
        stored = uow.workouts.count()[1]
    read = sum(len(w.sets) for w in (*parts.window, *parts.recent, *parts.timed))
    read += len(parts.loaded_before)
    assert parts.window and parts.loaded_before and parts.days_before
    assert read < stored / 5, (read, stored)
