"""What the progress report reads of a history: the weeks of its window, and from before them only
what the numbers look back for. Storage answers most of the past with aggregates (see
``services.analytics.progress``); :func:`bounded` finds the same parts in a whole history.

- the window's workouts (``since <= started_at < end``), every number of its weeks;
- the workouts of the recovery horizon (the two weeks before ``now``);
- loaded sets before the window, from which each exercise's best estimated max before it is
  found (the record to beat): storage gives the heaviest set of each exercise, unit, reps, RIR and
  RPE, which holds the best, since the estimate grows with the load;
- the highest pain of the last day with pain before the window (did pain rise on its first day);
- the days trained before the window (the streak of trained weeks);
- every workout's sets of a back-health benchmark (their points cover the whole history).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from strongback.domain.analytics.weekly import monday_of
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType

# ⚙ A muscle with no hard sets in two weeks is shown as untrained, not as recovered.
UNTRAINED_AFTER = timedelta(days=14)


def window_of(latest: date | None, weeks: int, today: date) -> list[date]:
    """The Mondays of the last ``weeks`` weeks, ending with this week; a history whose last set
    (on ``latest``) is before that window (an old import) is shown where it ends instead."""
    last = monday_of(today)
    first = last - timedelta(days=7 * (weeks - 1))
    if latest is not None and latest < first:
        last = monday_of(latest)
    return [last - timedelta(days=7 * k) for k in range(weeks - 1, -1, -1)]


@dataclass(frozen=True)
class Reach:
    """The instants that bound the reads: the window ``[since, end)``, recovery ``[horizon,
    now]``."""

    starts: tuple[date, ...]
    now: datetime

    @property
    def since(self) -> datetime:
        """Midnight of the window's first Monday."""
        return datetime.combine(self.starts[0], time.min)

    @property
    def end(self) -> datetime:
        """Midnight of the Monday after the window."""
        return datetime.combine(self.starts[-1] + timedelta(days=7), time.min)

    @property
    def horizon(self) -> datetime:
        """How far back recovery looks from ``now``."""
        return self.now - UNTRAINED_AFTER

    @property
    def recovery_in_window(self) -> bool:
        """Whether the window's workouts hold every workout recovery reads."""
        return self.since <= self.horizon and self.now < self.end

    def in_window(self, w: Workout) -> bool:
        """Whether a workout is one of the window's."""
        return self.since <= w.started_at < self.end


def reach_of(latest: date | None, weeks: int, today: date, now: datetime | None = None) -> Reach:
    """The reach of a report of ``weeks`` weeks on ``today`` (``now``: its end by default) over a
    history whose last set is on ``latest``."""
    moment = now or datetime.combine(today, time.max)
    return Reach(tuple(window_of(latest, weeks, today)), moment)


@dataclass(frozen=True)
class Bounded:
    """The parts of a history a report over ``reach`` reads (see the module's docstring)."""

    reach: Reach
    window: tuple[Workout, ...]
    recent: tuple[Workout, ...]
    loaded_before: tuple[PerformedSet, ...]
    last_pain_before: int | None
    days_before: tuple[date, ...]
    timed: tuple[Workout, ...]


def _loaded_key(s: PerformedSet) -> tuple[object, ...] | None:
    # The estimate of a set depends on its load, unit, reps, RIR and RPE; for the rest equal,
    # the heaviest set holds the best. Written out (no properties): it runs for every set.
    if (
        s.set_type is SetType.WARM_UP
        or not s.weight
        or s.weight <= 0
        or not s.reps
        or s.reps <= 0
        or s.seconds
    ):
        return None
    return (s.exercise, s.unit, s.reps, s.rir, s.rpe)


def heaviest(sets: Iterable[PerformedSet]) -> list[PerformedSet]:
    """The heaviest loaded set of each exercise, unit, reps, RIR and RPE (the first of equals),
    which holds each exercise's best estimated max."""
    top: dict[tuple[object, ...], PerformedSet] = {}
    for s in sets:
        key = _loaded_key(s)
        if key is not None:
            held = top.get(key)
            if held is None or (s.weight or 0) > (held.weight or 0):
                top[key] = s
    return list(top.values())


def bounded(workouts: Sequence[Workout], reach: Reach, timed_ids: Iterable[str]) -> Bounded:
    """The parts of a whole history (oldest first) that storage reads for ``reach``, found in one
    pass; ``timed_ids`` are the exercises of the back-health benchmarks."""
    since, end, horizon, now = reach.since, reach.end, reach.horizon, reach.now
    timed_set = frozenset(timed_ids)
    window: list[Workout] = []
    recent: list[Workout] = []
    days: list[date] = []
    timed: list[Workout] = []
    before: list[PerformedSet] = []
    pain_day: date | None = None
    pain: int | None = None
    for w in workouts:
        at = w.started_at
        if since <= at < end:
            window.append(w)
        if horizon <= at <= now:
            recent.append(w)
        kept = tuple(s for s in w.sets if s.exercise in timed_set)
        if kept:
            timed.append(replace(w, sets=kept))
        if at >= since:
            continue
        days.append(w.day)
        before.extend(w.sets)
        top = max((s.pain for s in w.sets if s.pain is not None), default=None)
        if top is not None:
            pain = top if pain_day != w.day or pain is None else max(pain, top)
            pain_day = w.day
    loaded = tuple(heaviest(before))
    return Bounded(reach, tuple(window), tuple(recent), loaded, pain, tuple(days), tuple(timed))


__all__ = [
    "UNTRAINED_AFTER",
    "Bounded",
    "Reach",
    "bounded",
    "heaviest",
    "reach_of",
    "window_of",
]
