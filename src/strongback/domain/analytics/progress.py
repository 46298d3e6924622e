"""The whole progress report of a history: the window of weeks, then every number over it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from functools import cache

from strongback.domain.analytics.model import MuscleBand, Progress
from strongback.domain.analytics.trends import (
    benchmarks,
    consistency,
    exercise_trends,
    pain_days,
    recovery,
)
from strongback.domain.analytics.weekly import monday_of, week_summaries
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
    last = monday_of(today)
    first = last - timedelta(days=7 * (weeks - 1))
    latest = max((w.day for w in workouts if w.sets), default=None)
    if latest is not None and latest < first:
        last = monday_of(latest)
    return [last - timedelta(days=7 * k) for k in range(weeks - 1, -1, -1)]


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
    plan asked for per week (by Monday).
    """
    today = today or date.today()
    now = now or datetime.combine(today, time.max)
    starts = window(workouts, weeks, today)
    since = starts[0]
    end = starts[-1] + timedelta(days=7)

    @cache
    def lookup(ex_id: str) -> Exercise | None:
        return catalog.find(ex_id)

    bands = muscle_bands(level, goal)
    in_window = [w for w in workouts if since <= w.day < end]
    unknown: dict[str, int] = {}
    summaries = week_summaries(
        in_window, starts, lookup, unit, planned=planned, always=bands, unknown=unknown
    )
    return Progress(
        unit=unit,
        weeks=tuple(summaries),
        exercises=tuple(exercise_trends(workouts, since, unit, only=exercise)),
        bands=bands,
        pain=tuple(d for d in pain_days(workouts, since) if d.day < end),
        recovery=tuple(recovery(workouts, lookup, now, bands)),
        benchmarks=tuple(benchmarks(workouts)),
        consistency=consistency(summaries, (w.day for w in workouts if w.day < end)),
        unknown_exercises=unknown,
    )


__all__ = ["DEFAULT_WEEKS", "MAX_WEEKS", "analyse", "muscle_bands", "window"]
