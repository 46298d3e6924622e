"""The dose to aim for: the plan's item, else the catalog's dose, else defaults fitted to the
user's history; and how an exercise progresses (its Kind)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from strongback.domain import dosing
from strongback.domain.errors import InvalidInput
from strongback.domain.exercise import Exercise, RepRange
from strongback.domain.progression.plan_view import PlanItem
from strongback.domain.progression.prescription import Kind, Prescription, Rule, Settings
from strongback.domain.progression.sessions import Session, reps_of, top_kg, top_sets
from strongback.domain.tempo import CONTROLLED_TEMPO, METHOD_TEMPO, Tempo
from strongback.domain.vocab import Pattern, WeightUnit

# ⚙ The most sets a prescription adds up to.
MAX_SETS = 5


@dataclass(frozen=True)
class Dose:
    """Sets, range (or reps per side, or seconds), tempo, rest and effort to aim for."""

    sets: int
    reps: RepRange | None
    reps_per_side: RepRange | None
    seconds: int | None
    tempo: Tempo
    rest: int
    rir: int | None
    planned_sets: bool = False  # the sets come from the plan's item
    # The plan's first load (a plan built from the athlete's history), for a first session.
    start_load: tuple[float, WeightUnit] | None = None

    @property
    def range(self) -> RepRange | None:
        """The rep range, whole reps or per side."""
        return self.reps or self.reps_per_side

    def with_range(self, rng: RepRange) -> dict[str, Any]:
        """The prescription's change that sets this range in the dose's own form."""
        return {"reps_per_side": rng} if self.reps_per_side is not None else {"reps": rng}


def _typical_reps(sessions: Sequence[Session]) -> int | None:
    reps = [reps_of(s) for sess in sessions[-3:] for s in top_sets(sess) if s.reps]
    return round(statistics.median(reps)) if reps else None


def _own_range(typical: int) -> RepRange:
    # A range that starts at what the user does, wide enough for double progression.
    width = max(2, round(typical * 0.3))
    return RepRange(min=max(1, min(typical, 100)), max=min(typical + width, 100))


def _measure(
    exercise: Exercise, item: PlanItem | None, sessions: Sequence[Session], cfg: Settings
) -> tuple[RepRange | None, RepRange | None, int | None]:
    """Reps, reps per side or seconds: the plan's, the catalog's, or fitted to the history."""
    dose = exercise.dose
    if item is not None and (item.reps or item.reps_per_side or item.seconds):
        return item.reps, item.reps_per_side, item.seconds
    if dose is not None:
        return dose.reps, dose.reps_per_side, dose.seconds
    if sessions and all(not s.reps and s.seconds for s in sessions[-1].work):
        return None, None, round(min(float(s.seconds or 0) for s in sessions[-1].work))
    default = dosing.rep_range(exercise, cfg.goal, cfg.level)
    typical = _typical_reps(sessions)
    # With no plan and no catalog dose, a user who clearly trains another range keeps it.
    if typical is not None and not default.min - 1 <= typical <= default.max + 2:
        default = _own_range(typical)
    return default, None, None


def base_dose(
    exercise: Exercise, item: PlanItem | None, sessions: Sequence[Session], cfg: Settings
) -> tuple[Dose, Kind]:
    """The plan's item, else the catalog's dose, else defaults fitted to the user's history."""
    dose = exercise.dose
    reps, reps_per_side, seconds = _measure(exercise, item, sessions, cfg)
    loaded = exercise.loaded or (bool(sessions) and top_kg(sessions[-1]) > 0)
    if seconds is not None:
        kind = Kind.TIMED
    elif loaded:
        kind = Kind.LOADED
    elif reps_per_side is not None or exercise.pattern is Pattern.MOBILITY:
        kind = Kind.DRILL
    else:
        kind = Kind.BODYWEIGHT
    sets = (item.sets if item and item.sets else None) or (dose.sets if dose else None)
    if sets is None:
        # Without a plan or a catalog dose, keep the number of sets the user did last time.
        sets = min(max(len(sessions[-1].work), 1), MAX_SETS) if sessions else 3
    tempo = _tempo(item.tempo if item else None) or exercise.default_tempo
    if tempo is None:
        tempo = METHOD_TEMPO if kind in (Kind.LOADED, Kind.BODYWEIGHT) else CONTROLLED_TEMPO
    rest = (item.rest_seconds if item else None) or dosing.rest_seconds(exercise, cfg.goal)
    rir: int | None
    if item is not None and item.target_rir is not None:
        rir = item.target_rir
    elif kind in (Kind.LOADED, Kind.BODYWEIGHT):
        rir = dosing.target_rir(exercise, cfg.level)
    else:
        rir = None
    from_plan = item is not None and item.sets is not None
    start = (
        (item.start_load, item.load_unit)
        if item is not None and item.start_load is not None and item.load_unit is not None
        else None
    )
    return Dose(sets, reps, reps_per_side, seconds, tempo, rest, rir, from_plan, start), kind


def _tempo(value: object) -> Tempo | None:
    # A plan item's tempo is a Tempo or its text ("3-2-1-2"); an unreadable one falls back.
    if isinstance(value, Tempo):
        return value
    if isinstance(value, str) and value:
        try:
            return Tempo.parse(value)
        except (ValueError, InvalidInput):
            return None
    return None


def respond(
    exercise: Exercise,
    dose: Dose,
    rule: Rule,
    reason: str,
    *,
    weight: float | None = None,
    unit: WeightUnit | None = None,
    **changes: Any,
) -> Prescription:
    """The dose as a prescription under ``rule``, with ``changes`` to its fields."""
    p = Prescription(
        exercise=exercise.id,
        sets=dose.sets,
        reps=dose.reps,
        reps_per_side=dose.reps_per_side,
        seconds=dose.seconds,
        weight=weight,
        unit=unit if weight is not None else None,
        tempo=dose.tempo,
        target_rir=dose.rir,
        rest_seconds=dose.rest,
        rule=rule,
        reason=reason,
    )
    return replace(p, **changes) if changes else p


__all__ = ["MAX_SETS", "Dose", "base_dose", "respond"]
