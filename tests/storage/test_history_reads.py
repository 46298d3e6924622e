"""The history the progression rules read: each exercise's last sessions before a moment, ranked
in the database, with only the sets of the exercises each workout was found for."""

from __future__ import annotations

from datetime import date, datetime

from strongback.storage import open_database
from tests.builders import add_workouts, at, rows, workout

DAY = date(2026, 3, 2)


def _sessions(db_url: str, exercises: list[str], before: datetime, n: int) -> list[tuple]:  # type: ignore[type-arg]
    db = open_database(db_url)
    try:
        add_workouts(
            db,
            workout(at(DAY, 30), ("face-pull", rows(2, reps=15)), ("plank", rows(1, seconds=30.0))),
            workout(at(DAY, 20), ("face-pull", rows(1, reps=14))),
            workout(at(DAY, 20), ("plank", rows(2, seconds=40.0))),  # same start: id decides
            workout(
                at(DAY, 10), ("face-pull", rows(3, reps=12)), ("goblet-squat", rows(1, reps=8))
            ),
            workout(at(DAY, 1), ("face-pull", rows(1, reps=10))),  # not before `before`
        )
        add_workouts(db, workout(at(DAY, 5), ("face-pull", rows(1, reps=9))), user="other")
        with db.unit_of_work() as uow:
            found = uow.history.last_sessions(exercises, before, n)
        return [
            (w.started_at, w.title, [(s.exercise, s.order, s.reps, s.seconds) for s in w.sets])
            for w in found
        ]
    finally:
        db.dispose()


def test_the_last_sessions_of_each_exercise_hold_only_its_sets_oldest_first(
    db_url: str,
) -> None:
    found = _sessions(db_url, ["face-pull", "plank"], at(DAY, 2), 2)
    assert found == [
        (at(DAY, 30), "Back day", [("plank", 3, None, 30.0)]),
        (at(DAY, 20), "Back day", [("face-pull", 1, 14, None)]),
        (at(DAY, 20), "Back day", [("plank", 1, None, 40.0), ("plank", 2, None, 40.0)]),
        (at(DAY, 10), "Back day", [("face-pull", i, 12, None) for i in (1, 2, 3)]),
    ]


def test_one_last_session_and_none_for_an_exercise_never_done(db_url: str) -> None:
    found = _sessions(db_url, ["face-pull", "deadlift", "goblet-squat"], at(DAY, 2), 1)
    assert found == [
        (
            at(DAY, 10),
            "Back day",
            [("face-pull", i, 12, None) for i in (1, 2, 3)] + [("goblet-squat", 4, 8, None)],
        )
    ]
