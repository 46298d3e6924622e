"""The whole progress report of a history: the window of weeks, then every number over it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import cache

from strongback.domain.analytics.model import MuscleBand, Progress
from strongback.domain.analytics.reach import Bounded, bounded, reach_of, window_of
from strongback.domain.analytics.trends import (
    BENCHMARKS,
    benchmarks,
    best_e1rm,
    consistency,
    exercise_trends,
    pain_days,
    recovery,
)
from strongback.domain.analytics.weekly import week_summaries
from strongback.domain.catalog import Catalog
from strongback.domain.exercise import Exercise
from strongback.domain.planning.principles import GROUP_MUSCLES, volume_bands
from strongback.domain.training_log import Workout
from strongback.domain.vocab import Goal, Level, Muscle, WeightUnit

DEFAULT_WEEKS = 8
MAX_WEEKS = 260


def muscle_bands(level: Level, goal: Goal) -> dict[Muscle, MuscleBand]:
    """The weekly hard-set band of each back muscle the method bands, for a level and goal."""
    out: dict[Muscle, MuscleBand] = {}
    for group, band in volume_bands(level, goal).items():
        for m in sorted(GROUP_MUSCLES[group]):
            out[m] = MuscleBand(band.low, band.high)
    return out


def window(workouts: Sequence[Workout], weeks: int, today: date) -> list[date]:
    """The Mondays of the last ``weeks`` weeks, ending with this week; a history with nothing in
    that window (an old import) is shown where it ends instead."""
    return window_of(last_day(workouts), weeks, today)


def last_day(workouts: Iterable[Workout]) -> date | None:
    """The day of the last workout holding a set."""
    return max((w.day for w in workouts if w.sets), default=None)


def timed_exercises() -> frozenset[str]:
    """The exercises a back-health benchmark is logged as."""
    return frozenset(ex for _, _, ids, _ in BENCHMARKS for ex in ids)


def analyse(
    workouts: Sequence[Workout],
    catalog: Catalog,
    *,
    unit: WeightUnit,
    weeks: int = DEFAULT_WEEKS,
    today: date | None = None,
    now: datetime | None = None,
    exercise: str | None = None,
    level: Level = Level.INTERMEDIATE,
    goal: Goal = Goal.HYPERTROPHY,
    planned: Mapping[date, int] | None = None,
) -> Progress:
    """Every number of the progress report over the last ``weeks`` weeks, loads in ``unit``.

    ``workouts`` is the whole history, oldest first (records and the pain trend look back past
    the window); ``exercise`` keeps the trends to one exercise; ``planned`` gives the sessions a
    plan asked for per week (by Monday). :func:`analyse_bounded` gives the same from the parts
    of the history it reads.
    """
    reach = reach_of(last_day(workouts), weeks, today or date.today(), now)
    parts = bounded(workouts, reach, timed_exercises())
    return analyse_bounded(
        parts, catalog, unit=unit, exercise=exercise, level=level, goal=goal, planned=planned
    )


def analyse_bounded(
    parts: Bounded,
    catalog: Catalog,
    *,
    unit: WeightUnit,
    exercise: str | None = None,
    level: Level = Level.INTERMEDIATE,
    goal: Goal = Goal.HYPERTROPHY,
    planned: Mapping[date, int] | None = None,
) -> Progress:
    """The progress report from the parts of a history its reach reads (see :mod:`reach`)."""

    @cache
    def lookup(ex_id: str) -> Exercise | None:
        return catalog.find(ex_id)

    reach = parts.reach
    bands = muscle_bands(level, goal)
    unknown: dict[str, int] = {}
    summaries = week_summaries(
        parts.window, reach.starts, lookup, unit, planned=planned, always=bands, unknown=unknown
    )
    before = best_e1rm(parts.loaded_before, unit)
    return Progress(
        unit=unit,
        weeks=tuple(summaries),
        exercises=tuple(exercise_trends(parts.window, before, unit, only=exercise)),
        bands=bands,
        pain=tuple(pain_days(parts.window, parts.last_pain_before)),
        recovery=tuple(recovery(parts.recent, lookup, reach.now, bands)),
        benchmarks=tuple(benchmarks(parts.timed)),
        consistency=consistency(summaries, [*parts.days_before, *(w.day for w in parts.window)]),
        unknown_exercises=unknown,
    )


__all__ = [
    "DEFAULT_WEEKS",
    "MAX_WEEKS",
    "analyse",
    "analyse_bounded",
    "last_day",
    "muscle_bands",
    "timed_exercises",
    "window",
]
