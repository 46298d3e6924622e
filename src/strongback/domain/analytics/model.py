"""The values of the progress analytics: one week's numbers, an exercise's trend, the pain days,
the recovery of each muscle, the back-health benchmarks and the whole report.

Loads (tonnage, estimated maxes) are already in the report's unit, the user's profile unit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from strongback.domain.vocab import Muscle, WeightUnit

REP_BUCKETS: tuple[tuple[str, int, int], ...] = (
    ("1-5", 1, 5),
    ("6-12", 6, 12),
    ("13-20", 13, 20),
    ("21+", 21, 10_000),
)
"""Rep ranges of the spread: strength 1-5, hypertrophy 6-12, endurance 13-20 and beyond [ACSM09]."""


def _r(value: float, ndigits: int = 1) -> float:
    out = round(value, ndigits)
    return int(out) if float(out).is_integer() else out


@dataclass(frozen=True)
class MuscleBand:
    """The weekly hard-set band of a muscle, when the method sets one."""

    low: float
    high: float

    def judge(self, sets: float) -> str:
        """``below``, ``in`` or ``above`` the band."""
        if sets < self.low:
            return "below"
        return "above" if sets > self.high else "in"


@dataclass(frozen=True)
class WeekSummary:
    """One calendar week (Monday first) of training, in numbers."""

    start: date
    sets_per_muscle: Mapping[Muscle, float]
    vertical_pull_sets: float
    horizontal_pull_sets: float
    rear_delt_sets: float
    lower_back_sets: float
    mobility_sessions: int
    mobility_minutes: float
    sessions: int
    planned_sessions: int | None
    tonnage: float
    time_under_tension_seconds: float
    pain_max: int | None
    rep_ranges: Mapping[str, int] = field(default_factory=dict)

    def to_public(self) -> dict[str, Any]:
        """The week's JSON object of ``strongback progress --json``."""
        return {
            "week_start": self.start.isoformat(),
            "sets_per_muscle": {m.value: _r(v) for m, v in self.sets_per_muscle.items()},
            "vertical_pull_sets": _r(self.vertical_pull_sets),
            "horizontal_pull_sets": _r(self.horizontal_pull_sets),
            "rear_delt_sets": _r(self.rear_delt_sets),
            "lower_back_sets": _r(self.lower_back_sets),
            "mobility_sessions": self.mobility_sessions,
            "sessions": self.sessions,
            "planned_sessions": self.planned_sessions,
            "tonnage": _r(self.tonnage),
            "time_under_tension_seconds": _r(self.time_under_tension_seconds, 0),
            "pain_max": self.pain_max,
        }


@dataclass(frozen=True)
class E1rmPoint:
    """The best estimated one-rep max of one session, from the set behind it."""

    day: date
    value: float
    weight: float
    reps: int

    def to_public(self) -> dict[str, Any]:
        """``{"date", "value"}``."""
        return {"date": self.day.isoformat(), "value": _r(self.value)}


@dataclass(frozen=True)
class ExerciseTrend:
    """An exercise's estimated max per session in the window and the sessions that set a record
    (an estimated max above every earlier one, the whole history counted)."""

    exercise: str
    e1rm: tuple[E1rmPoint, ...]
    records: tuple[E1rmPoint, ...]

    def to_public(self) -> dict[str, Any]:
        """The exercise's JSON object."""
        return {
            "exercise": self.exercise,
            "e1rm": [p.to_public() for p in self.e1rm],
            "records": [
                {**p.to_public(), "weight": _r(p.weight, 2), "reps": p.reps} for p in self.records
            ],
        }


@dataclass(frozen=True)
class PainDay:
    """A day with pain logged: its highest rating and what was trained that day."""

    day: date
    pain: int
    rose: bool
    exercises: tuple[str, ...]


class RecoveryState(StrEnum):
    """How far a muscle has recovered from its last hard sets."""

    RECOVERING = "recovering"
    READY = "ready"
    UNTRAINED = "untrained"


@dataclass(frozen=True)
class MuscleRecovery:
    """A muscle's last hard sets (when, how many) and the state that follows."""

    muscle: Muscle
    state: RecoveryState
    last_trained: datetime | None
    hours_since: float | None
    last_sets: float
    recovered: float  # 0..1, the share of the rest it needs that has passed


@dataclass(frozen=True)
class BenchmarkPoint:
    """The longest hold of a benchmark on one day."""

    day: date
    seconds: float


@dataclass(frozen=True)
class Benchmark:
    """A back-health benchmark (a timed hold) over time."""

    key: str
    label: str
    points: tuple[BenchmarkPoint, ...]

    @property
    def best(self) -> float | None:
        """The longest hold ever logged."""
        return max((p.seconds for p in self.points), default=None)

    @property
    def latest(self) -> BenchmarkPoint | None:
        """The most recent test."""
        return self.points[-1] if self.points else None


@dataclass(frozen=True)
class Consistency:
    """Sessions done against planned over the window and the current streak of trained weeks."""

    sessions: int
    planned: int | None
    weeks_trained: int
    weeks: int
    streak_weeks: int


@dataclass(frozen=True)
class Progress:
    """Everything ``strongback progress`` shows, in the user's unit."""

    unit: WeightUnit
    weeks: tuple[WeekSummary, ...]
    exercises: tuple[ExerciseTrend, ...]
    bands: Mapping[Muscle, MuscleBand]
    pain: tuple[PainDay, ...]
    recovery: tuple[MuscleRecovery, ...]
    benchmarks: tuple[Benchmark, ...]
    consistency: Consistency
    unknown_exercises: Mapping[str, int] = field(default_factory=dict)

    @property
    def this_week(self) -> WeekSummary | None:
        """The last week of the window."""
        return self.weeks[-1] if self.weeks else None

    @property
    def rep_spread(self) -> dict[str, int]:
        """Hard sets per rep range over the whole window."""
        spread = {name: 0 for name, _, _ in REP_BUCKETS}
        for w in self.weeks:
            for k, v in w.rep_ranges.items():
                spread[k] = spread.get(k, 0) + v
        return spread

    def to_public(self) -> dict[str, Any]:
        """The JSON object of ``strongback progress --json``: unit, weeks and exercises."""
        return {
            "unit": self.unit.value,
            "weeks": [w.to_public() for w in self.weeks],
            "exercises": [e.to_public() for e in self.exercises],
        }


__all__ = [
    "REP_BUCKETS",
    "Benchmark",
    "BenchmarkPoint",
    "Consistency",
    "E1rmPoint",
    "ExerciseTrend",
    "MuscleBand",
    "MuscleRecovery",
    "PainDay",
    "Progress",
    "RecoveryState",
    "WeekSummary",
]
