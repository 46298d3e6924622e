"""Builders of exercise histories for the progression tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from strongback.domain.catalog import load_catalog
from strongback.domain.exercise import Exercise
from strongback.domain.profile import UserProfile
from strongback.domain.progression import Prescription, Settings, prescribe
from strongback.domain.training_log import ExerciseHistory, PerformedSet, Workout
from strongback.domain.vocab import Equipment, WeightUnit

KG, LB = WeightUnit.KG, WeightUnit.LB
TODAY = date(2026, 6, 15)
CATALOG = load_catalog(extended=False)


def ex(exercise_id: str) -> Exercise:
    """A curated exercise."""
    return CATALOG.get(exercise_id)


def history(
    exercise_id: str,
    sessions: Sequence[Sequence[dict[str, Any]]],
    *,
    last_on: date = TODAY - timedelta(days=2),
    every_days: int = 3,
) -> ExerciseHistory:
    """Sessions (each a list of set fields), the last one on ``last_on``, ``every_days`` apart."""
    n = len(sessions)
    out = []
    for i, sets in enumerate(sessions):
        day = last_on - timedelta(days=every_days * (n - 1 - i))
        at = datetime(day.year, day.month, day.day, 18, 0)
        out.append((at, tuple(PerformedSet(exercise_id, j + 1, **kw) for j, kw in enumerate(sets))))
    return ExerciseHistory(exercise_id, tuple(out))


def workouts_of(h: ExerciseHistory) -> list[Workout]:
    """The history as workouts (one per session)."""
    return [Workout(at, "session", sets) for at, sets in h.sessions]


def sets(n: int, **kw: Any) -> list[dict[str, Any]]:
    """``n`` identical sets."""
    return [dict(kw) for _ in range(n)]


def home_profile(**kw: Any) -> UserProfile:
    """A home gym: dumbbells 10-22.5 kg, kettlebells, a bench and a pull-up bar."""
    base: dict[str, Any] = {
        "equipment": frozenset(
            {Equipment.DUMBBELLS, Equipment.BENCH, Equipment.PULL_UP_BAR, Equipment.KETTLEBELL}
        ),
        "dumbbells": (10, 12.5, 15, 17.5, 20, 22.5),
    }
    base.update(kw)
    return UserProfile(**base)


def settings(profile: UserProfile | None = None, **kw: Any) -> Settings:
    """Settings for TODAY."""
    return Settings(profile or UserProfile(), TODAY, **kw)


def next_for(
    exercise_id: str,
    h: ExerciseHistory | None,
    profile: UserProfile | None = None,
    **kw: Any,
) -> Prescription:
    """Prescribe for a curated exercise."""
    cfg = kw.pop("cfg", None) or settings(profile)
    return prescribe(ex(exercise_id), h, cfg, **kw)
