"""Numbers over time: estimated max and records per exercise, the pain trend, the recovery of
each muscle, the back-health benchmarks and consistency."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache

from strongback.domain.analytics.model import (
    Benchmark,
    BenchmarkPoint,
    Consistency,
    E1rmPoint,
    ExerciseTrend,
    MuscleRecovery,
    PainDay,
    RecoveryState,
    WeekSummary,
)
from strongback.domain.analytics.reach import UNTRAINED_AFTER
from strongback.domain.analytics.weekly import NOT_MUSCLE_WORK, Lookup, in_unit, muscle_shares
from strongback.domain.planning.principles import HARD_DAY_SETS
from strongback.domain.strength import FAIR_MAX_REPS, estimate_e1rm
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import Muscle, SetType, Side, WeightUnit

# A muscle needs >= 48 h between hard sessions; a hard day (4+ sets) gets 72 h [ACSMG][RPTR].
REST_HOURS = 48.0
HARD_REST_HOURS = 72.0

BENCHMARKS: tuple[tuple[str, str, frozenset[str], Side | None], ...] = (
    (
        "back-extension-hold",
        "back-extension hold",
        frozenset({
            "back-extension-hold", "biering-sorensen", "prisoner-back-extension",
            "hyperextensions-with-no-hyperextension-bench", "weighted-ball-hyperextension",
        }),
        None,
    ),
    ("side-plank-left", "side plank, left", frozenset({"side-plank", "side-bridge"}), Side.LEFT),
    ("side-plank-right", "side plank, right", frozenset({"side-plank", "side-bridge"}), Side.RIGHT),
    ("dead-hang", "dead hang", frozenset({"dead-hang", "hang", "bar-hang"}), None),
)  # fmt: skip
"""The back-health benchmarks [MCG2]: key, label, the exercise ids that log it, the side."""


def set_e1rm(s: PerformedSet, unit: WeightUnit) -> float | None:
    """The estimated max of one set in ``unit``, from a loaded set of at most 12 effective reps
    where the formulas hold [REY06]; None for any other (warm-ups never count)."""
    # The set's properties written out: this runs for every set of the window.
    weight, reps = s.weight, s.reps
    if (
        s.set_type is SetType.WARM_UP
        or weight is None
        or weight <= 0
        or reps is None
        or reps <= 0
        or s.seconds
    ):
        return None
    rir = s.rir if s.rir is not None else None if s.rpe is None else max(0.0, 10.0 - s.rpe)
    if reps + (rir or 0.0) > FAIR_MAX_REPS or (rir is not None and rir > 10):
        return None
    return _estimate(in_unit(s.weight_kg or 0.0, unit), reps, rir)


def session_e1rm(sets: Iterable[PerformedSet], unit: WeightUnit) -> E1rmPoint | None:
    """The best estimated max of a session's sets (see :func:`set_e1rm`)."""
    best: E1rmPoint | None = None
    for s in sets:
        value = set_e1rm(s, unit)
        if value is not None and (best is None or value > best.value):
            best = E1rmPoint(date.min, value, in_unit(s.weight_kg or 0.0, unit), s.reps or 0)
    return best


@lru_cache(maxsize=4096)
def _estimate(weight: float, reps: int, rir: float | None) -> float:
    # Histories repeat the same load and reps set after set: each pair is worked out once.
    return estimate_e1rm(weight, reps, rir).estimate


def best_e1rm(sets: Iterable[PerformedSet], unit: WeightUnit) -> dict[str, float]:
    """Each exercise's best estimated max over these sets."""
    best: dict[str, float] = {}
    for s in sets:
        value = set_e1rm(s, unit)
        if value is not None and value > best.get(s.exercise, -1.0):
            best[s.exercise] = value
    return best


def exercise_trends(
    window: Iterable[Workout],
    best_before: Mapping[str, float],
    unit: WeightUnit,
    only: str | None = None,
) -> list[ExerciseTrend]:
    """Per exercise, the best estimated max of each session of the window's workouts, and the
    sessions that beat every earlier one (``best_before``: each exercise's best before the
    window; the first session of an exercise sets a baseline, not a record). Most trained first,
    then heaviest."""
    best = dict(best_before)
    points: dict[str, list[E1rmPoint]] = {}
    records: dict[str, list[E1rmPoint]] = {}
    for w in window:
        tops: dict[str, E1rmPoint] = {}
        for s in w.sets:
            if only is not None and s.exercise != only:
                continue
            value = set_e1rm(s, unit)
            if value is None:
                continue
            top = tops.get(s.exercise)
            if top is None or value > top.value:
                tops[s.exercise] = E1rmPoint(w.day, value, in_unit(s.weight_kg or 0.0, unit),
                                             s.reps or 0)  # fmt: skip
        for ex, top in tops.items():
            prev = best.get(ex)
            points.setdefault(ex, []).append(top)
            if prev is not None and top.value > prev + 1e-9:
                records.setdefault(ex, []).append(top)
            if prev is None or top.value > prev:
                best[ex] = top.value
    # The most trained first; among equals the heaviest, the main lifts before the accessories.
    ordered = sorted(points, key=lambda ex: (-len(points[ex]), -points[ex][-1].value, ex))
    return [ExerciseTrend(ex, tuple(points[ex]), tuple(records.get(ex, ()))) for ex in ordered]


def pain_days(window: Iterable[Workout], previous: int | None) -> list[PainDay]:
    """Days with pain logged in the window's workouts: the highest rating, whether it rose from
    the previous day with pain (``previous``: the last one before the window), and the
    exercises done that day."""
    per_day: dict[date, tuple[int, list[str]]] = {}
    for w in window:
        ratings = [s.pain for s in w.sets if s.pain is not None]
        if not ratings:
            continue
        top, names = per_day.get(w.day, (0, []))
        names.extend(x for x in w.exercises() if x not in names)
        per_day[w.day] = (max(top, *ratings), names)
    out: list[PainDay] = []
    for day in sorted(per_day):
        pain, names = per_day[day]
        rose = previous is not None and pain > previous
        out.append(PainDay(day, pain, rose, tuple(names)))
        previous = pain
    return out


def recovery(
    workouts: Sequence[Workout], lookup: Lookup, now: datetime, muscles: Iterable[Muscle]
) -> list[MuscleRecovery]:
    """Each muscle's state at ``now`` from its last day of hard sets: recovering until 48 h have
    passed (72 h after a hard day of 4+ sets) [ACSMG][RPTR]; untrained after two weeks without."""
    last: dict[Muscle, tuple[datetime, float]] = {}
    horizon = now - UNTRAINED_AFTER
    for w in workouts:
        if w.started_at < horizon or w.started_at > now:
            continue
        day: dict[Muscle, float] = {}
        for s in w.sets:
            ex = None if s.is_warm_up else lookup(s.exercise)
            if ex is None or ex.pattern in NOT_MUSCLE_WORK:
                continue
            for m, share in muscle_shares(ex).items():
                day[m] = day.get(m, 0.0) + share
        for m, sets in day.items():
            prev = last.get(m)
            if prev is not None and prev[0].date() == w.day:
                sets += prev[1]
            last[m] = (w.started_at, sets)
    out = []
    for m in dict.fromkeys([*muscles, *last]):
        if m not in last:
            out.append(MuscleRecovery(m, RecoveryState.UNTRAINED, None, None, 0.0, 1.0))
            continue
        at, sets = last[m]
        hours = (now - at).total_seconds() / 3600
        need = HARD_REST_HOURS if sets >= HARD_DAY_SETS else REST_HOURS
        share = min(1.0, max(0.0, hours / need))
        state = RecoveryState.READY if share >= 1.0 else RecoveryState.RECOVERING
        out.append(MuscleRecovery(m, state, at, hours, sets, share))
    return out


def benchmarks(workouts: Iterable[Workout]) -> list[Benchmark]:
    """The back-health benchmarks logged as timed sets, the longest hold of each day.

    A side plank logged without a side counts for each side.
    """
    found: dict[str, dict[date, float]] = {key: {} for key, *_ in BENCHMARKS}
    for w in workouts:
        for s in w.sets:
            if s.is_warm_up or not s.seconds or s.seconds <= 0:
                continue
            for key, _, ids, side in BENCHMARKS:
                if s.exercise in ids and (side is None or s.side in (None, side)):
                    day = found[key]
                    day[w.day] = max(day.get(w.day, 0.0), float(s.seconds))
    return [
        Benchmark(key, label, tuple(BenchmarkPoint(d, v) for d, v in sorted(found[key].items())))
        for key, label, _, _ in BENCHMARKS
    ]


def consistency(weeks: Sequence[WeekSummary], workout_days: Iterable[date]) -> Consistency:
    """Sessions done against planned in the window, and the streak of trained weeks that ends
    with the last week of the window (or the week before, while the last one is young)."""
    trained_weeks = {d - timedelta(days=d.weekday()) for d in workout_days}
    planned = [w.planned_sessions for w in weeks if w.planned_sessions is not None]
    streak = 0
    if weeks:
        monday = weeks[-1].start
        if monday not in trained_weeks:
            monday -= timedelta(days=7)
        while monday in trained_weeks:
            streak += 1
            monday -= timedelta(days=7)
    return Consistency(
        sessions=sum(w.sessions for w in weeks),
        planned=sum(planned) if planned else None,
        weeks_trained=sum(1 for w in weeks if w.sessions),
        weeks=len(weeks),
        streak_weeks=streak,
    )


__all__ = [
    "BENCHMARKS",
    "HARD_REST_HOURS",
    "REST_HOURS",
    "benchmarks",
    "best_e1rm",
    "consistency",
    "exercise_trends",
    "pain_days",
    "recovery",
    "session_e1rm",
    "set_e1rm",
]
