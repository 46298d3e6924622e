"""Per-week numbers: hard sets per muscle, the pull balance, mobility, rep ranges, tonnage, time
under tension, sessions and pain.

A hard set is any set but a warm-up. Sets per muscle count a primary muscle 1 and a secondary 0.5
[PEL24]; drills (mobility, anti-extension, anti-rotation) and cardio are not hard sets for a
muscle, as in the planner's volume count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from strongback.domain.analytics.model import REP_BUCKETS, WeekSummary
from strongback.domain.dosing import DRILLS
from strongback.domain.errors import InvalidInput
from strongback.domain.exercise import Exercise
from strongback.domain.tempo import Tempo
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import KG_PER_LB, Muscle, Pattern, WeightUnit

NOT_MUSCLE_WORK = DRILLS | {Pattern.CARDIO}
LOWER_BACK = frozenset({Pattern.BACK_EXTENSION, Pattern.HIP_HINGE})
"""Lower-back work: back extensions and hinges, which load the erectors through range."""

DEFAULT_REP_SECONDS = 3
"""⚙ Seconds per rep when neither the set nor the exercise has a tempo: a controlled 2-0-1-0."""

Lookup = Callable[[str], Exercise | None]


def monday_of(day: date) -> date:
    """The Monday of the week holding this day."""
    return day - timedelta(days=day.weekday())


def in_unit(kg: float, unit: WeightUnit) -> float:
    """A load in kilograms expressed in ``unit``."""
    return kg / KG_PER_LB if unit is WeightUnit.LB else kg


def muscle_shares(exercise: Exercise) -> dict[Muscle, float]:
    """Sets per set for every muscle the exercise works: primary 1, secondary 0.5 [PEL24]."""
    return dict(_shares(exercise.id, exercise.primary_muscles, exercise.secondary_muscles))


@lru_cache(maxsize=1024)
def _shares(
    _id: str, primary: tuple[Muscle, ...], secondary: tuple[Muscle, ...]
) -> tuple[tuple[Muscle, float], ...]:
    # Worked out once per exercise, not once per set (the muscles are part of the key: a custom
    # exercise may share an id with another user's).
    out = {m: 0.5 for m in secondary}
    out.update({m: 1.0 for m in primary})
    return tuple(out.items())


_TEMPO_CACHE: dict[str, Tempo | None] = {}


def _tempo(text: str) -> Tempo | None:
    if text not in _TEMPO_CACHE:
        try:
            _TEMPO_CACHE[text] = Tempo.parse(text)
        except InvalidInput:  # an unreadable tempo falls back to the exercise's
            _TEMPO_CACHE[text] = None
    return _TEMPO_CACHE[text]


def set_seconds(s: PerformedSet, exercise: Exercise | None) -> float:
    """Time under tension of a set: its hold, or its reps at its tempo (the logged one, else the
    exercise's default, else 3 s a rep)."""
    if s.seconds is not None and s.seconds > 0:
        return float(s.seconds)
    if not s.reps or s.reps <= 0:
        return 0.0
    tempo = _tempo(s.tempo) if s.tempo else None
    if tempo is None and exercise is not None:
        tempo = exercise.default_tempo
    per_rep = tempo.rep_seconds if tempo is not None else DEFAULT_REP_SECONDS
    return float(s.reps * per_rep)


@lru_cache(maxsize=256)
def rep_bucket(reps: int) -> str | None:
    """The rep-range bucket of a set of this many reps."""
    for name, low, high in REP_BUCKETS:
        if low <= reps <= high:
            return name
    return None


@dataclass
class _Week:
    muscles: dict[Muscle, float]
    vertical: float = 0.0
    horizontal: float = 0.0
    rear: float = 0.0
    lower_back: float = 0.0
    mobility_sessions: int = 0
    mobility_seconds: float = 0.0
    sessions: int = 0
    tonnage: float = 0.0
    tut: float = 0.0
    pain: int | None = None

    def __post_init__(self) -> None:
        self.buckets: dict[str, int] = {name: 0 for name, _, _ in REP_BUCKETS}


def _add_set(week: _Week, s: PerformedSet, ex: Exercise | None, unit: WeightUnit) -> bool:
    """Add one hard set to its week; True when it is mobility work."""
    seconds = set_seconds(s, ex)
    week.tut += seconds
    if s.reps and s.reps > 0 and not s.seconds:
        bucket = rep_bucket(s.reps)
        if bucket is not None:
            week.buckets[bucket] += 1
        kg = s.weight_kg
        if kg is not None and kg > 0:
            week.tonnage += in_unit(kg, unit) * s.reps
    if ex is None:
        return False
    if ex.pattern is Pattern.MOBILITY:
        week.mobility_seconds += seconds
        return True
    if ex.pattern in NOT_MUSCLE_WORK:
        return False
    muscles = week.muscles
    for m, share in _shares(ex.id, ex.primary_muscles, ex.secondary_muscles):
        muscles[m] = muscles.get(m, 0.0) + share
    if ex.pattern is Pattern.VERTICAL_PULL:
        week.vertical += 1
    elif ex.pattern is Pattern.HORIZONTAL_PULL:
        week.horizontal += 1
    elif ex.pattern is Pattern.REAR_DELT:
        week.rear += 1
    elif ex.pattern in LOWER_BACK:
        week.lower_back += 1
    return False


def week_summaries(
    workouts: Iterable[Workout],
    starts: Sequence[date],
    lookup: Lookup,
    unit: WeightUnit,
    *,
    planned: Mapping[date, int] | None = None,
    always: Iterable[Muscle] = (),
    unknown: dict[str, int] | None = None,
) -> list[WeekSummary]:
    """The numbers of the weeks starting on these Mondays, oldest first.

    ``lookup`` resolves an exercise id (None for an id nothing knows: its sets still count for
    sessions, tonnage and time under tension, and are tallied in ``unknown``); ``planned`` gives
    the sessions a plan asked for per week; ``always`` lists muscles shown even at zero sets.
    """
    shown = tuple(always)
    weeks = {m: _Week({x: 0.0 for x in shown}) for m in starts}
    for w in workouts:
        week = weeks.get(monday_of(w.day))
        if week is None or not w.sets:
            continue
        week.sessions += 1
        mobility = False
        for s in w.sets:
            if s.pain is not None:
                week.pain = s.pain if week.pain is None else max(week.pain, s.pain)
            if s.is_warm_up:
                continue
            ex = lookup(s.exercise)
            if ex is None and unknown is not None:
                unknown[s.exercise] = unknown.get(s.exercise, 0) + 1
            mobility = _add_set(week, s, ex, unit) or mobility
        week.mobility_sessions += mobility
    out = []
    for start in starts:
        wk = weeks[start]
        muscles = {m: v for m, v in wk.muscles.items() if v > 0 or m in shown}
        out.append(
            WeekSummary(
                start=start,
                sets_per_muscle=dict(sorted(muscles.items(), key=lambda kv: _order(kv[0]))),
                vertical_pull_sets=wk.vertical,
                horizontal_pull_sets=wk.horizontal,
                rear_delt_sets=wk.rear,
                lower_back_sets=wk.lower_back,
                mobility_sessions=wk.mobility_sessions,
                mobility_minutes=wk.mobility_seconds / 60,
                sessions=wk.sessions,
                planned_sessions=(planned or {}).get(start),
                tonnage=wk.tonnage,
                time_under_tension_seconds=wk.tut,
                pain_max=wk.pain,
                rep_ranges=dict(wk.buckets),
            )
        )
    return out


_MUSCLE_ORDER = {m: i for i, m in enumerate(Muscle)}


def _order(m: Muscle) -> int:
    return _MUSCLE_ORDER[m]


__all__ = [
    "DEFAULT_REP_SECONDS",
    "LOWER_BACK",
    "NOT_MUSCLE_WORK",
    "in_unit",
    "monday_of",
    "muscle_shares",
    "rep_bucket",
    "set_seconds",
    "week_summaries",
]
