"""What a user actually did: workouts and their performed sets, as plain values.

Loads keep the unit they were entered in; ``weight_kg`` converts only for comparisons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from strongback.domain.vocab import KG_PER_LB, SetType, Side, WeightUnit

WORKOUT_SOURCES = ("strongback", "strong", "hevy", "backup")
LOG_SOURCE = "strongback"
"""The source of workouts logged in Strongback itself (one per day, sets appended to it)."""
LOG_TITLE = "Training"


@dataclass(frozen=True)
class PerformedSet:
    """One set as performed. ``exercise`` is a catalog or custom exercise id.

    ``imported_as`` keeps the name the set had in the file it came from; ``order`` is the set's
    position in its workout (1-based, file order); ``rest_seconds`` is the rest taken after it when
    the source recorded one (Strong's rest-timer rows). ``source_key`` is a stable key that makes a
    re-import add nothing.
    """

    exercise: str
    order: int
    set_type: SetType = SetType.WORKING
    weight: float | None = None
    unit: WeightUnit | None = None
    reps: int | None = None
    seconds: float | None = None
    distance_m: float | None = None
    side: Side | None = None
    rpe: float | None = None
    rir: float | None = None
    tempo: str | None = None
    pain: int | None = None
    notes: str | None = None
    imported_as: str | None = None
    rest_seconds: float | None = None
    superset: str | None = None
    source_key: str | None = None
    id: int | None = None

    @property
    def weight_kg(self) -> float | None:
        """The load in kilograms, for comparisons across units."""
        if self.weight is None:
            return None
        return self.weight * KG_PER_LB if self.unit is WeightUnit.LB else self.weight

    @property
    def effective_rir(self) -> float | None:
        """Reps in reserve, from RIR or derived from RPE (RPE 10 = 0 RIR) [Z16][H16]."""
        if self.rir is not None:
            return self.rir
        if self.rpe is not None:
            return max(0.0, 10.0 - self.rpe)
        return None

    @property
    def is_warm_up(self) -> bool:
        """True for warm-up sets, which never count as work."""
        return self.set_type is SetType.WARM_UP


@dataclass(frozen=True)
class Workout:
    """One session of training: when, what it was called, and its sets in order."""

    started_at: datetime
    title: str
    sets: tuple[PerformedSet, ...] = ()
    ended_at: datetime | None = None
    notes: str | None = None
    source: str = "strongback"
    id: int | None = None

    @property
    def day(self) -> date:
        """The calendar day the workout started on."""
        return self.started_at.date()

    def exercises(self) -> tuple[str, ...]:
        """Exercise ids in the order they first appear."""
        return tuple(dict.fromkeys(s.exercise for s in self.sets))


@dataclass(frozen=True)
class ExerciseHistory:
    """One exercise's sessions, oldest first: (workout day, its sets of that exercise)."""

    exercise: str
    sessions: tuple[tuple[datetime, tuple[PerformedSet, ...]], ...] = field(default=())


def history_by_exercise(
    workouts: list[Workout] | tuple[Workout, ...],
) -> dict[str, ExerciseHistory]:
    """Group workouts into per-exercise histories, oldest session first."""
    grouped: dict[str, list[tuple[datetime, tuple[PerformedSet, ...]]]] = {}
    for w in sorted(workouts, key=lambda w: w.started_at):
        per: dict[str, list[PerformedSet]] = {}
        for s in w.sets:
            per.setdefault(s.exercise, []).append(s)
        for ex, sets in per.items():
            grouped.setdefault(ex, []).append((w.started_at, tuple(sets)))
    return {ex: ExerciseHistory(ex, tuple(sessions)) for ex, sessions in grouped.items()}


_MARK = {SetType.WARM_UP: "warm-up", SetType.DROP: "drop", SetType.FAILURE: "failure"}


def _num(value: float) -> str:
    return f"{value:g}"


def what_was_done(s: PerformedSet) -> str:
    """What one set was: ``40 kg x 12 @ RIR 2 pain 4``, ``warm-up 20 kg x 10``, ``30 s``,
    ``5000 m in 1500 s``: the words the log shows wherever a set is printed."""
    parts = [_MARK[s.set_type]] if s.set_type in _MARK else []
    unit = f" {s.unit.value}" if s.unit is not None else ""
    load = f"{_num(s.weight)}{unit}" if s.weight is not None else ""
    if s.reps is not None:
        parts.append(f"{load} x {s.reps}" if load else f"{s.reps} reps")
    elif load:
        parts.append(load)
    if s.distance_m is not None:
        parts.append(f"{_num(s.distance_m)} m")
    if s.seconds is not None:
        parts.append(f"{'in ' if s.distance_m is not None else ''}{_num(s.seconds)} s")
    if s.rir is not None:
        parts.append(f"@ RIR {_num(s.rir)}")
    elif s.rpe is not None:
        parts.append(f"@ RPE {_num(s.rpe)}")
    if s.pain is not None:
        parts.append(f"pain {s.pain}")
    if s.tempo:
        parts.append(f"tempo {s.tempo}")
    return " ".join(parts)


__all__ = [
    "LOG_SOURCE",
    "LOG_TITLE",
    "WORKOUT_SOURCES",
    "ExerciseHistory",
    "PerformedSet",
    "Workout",
    "history_by_exercise",
    "what_was_done",
]
