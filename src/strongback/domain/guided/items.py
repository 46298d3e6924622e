"""The items of a guided session, from a prescription of progression or a plan's session."""

from __future__ import annotations

from datetime import date

from strongback.domain.dosing import HINGES_AND_SQUATS
from strongback.domain.exercise import Exercise
from strongback.domain.guided.session import SessionItem
from strongback.domain.planning.plan import Plan, PlanSession
from strongback.domain.progression.prescription import Prescription
from strongback.domain.tempo import METHOD_TEMPO, TimedItem


def item_from_prescription(p: Prescription, exercise: Exercise) -> SessionItem:
    """A session item doing what progression prescribes: the top of the rep range is paced
    (the athlete enters the reps actually done), at the prescribed load, tempo and rest."""
    reps_range = p.reps or p.reps_per_side
    per_side = p.reps_per_side is not None or (
        p.seconds is not None and exercise.dose is not None and exercise.dose.per_side
    )
    timed = TimedItem(
        tempo=p.tempo or exercise.default_tempo or METHOD_TEMPO,
        sets=p.sets,
        rest_seconds=p.rest_seconds,
        reps=reps_range.max if reps_range else None,
        seconds=p.seconds if reps_range is None else None,
        per_side=per_side,
        lower_first=exercise.pattern in HINGES_AND_SQUATS,
    )
    return SessionItem(
        exercise=exercise.id,
        timed=timed,
        weight=p.weight,
        unit=p.unit if p.weight is not None else None,
        target_rir=p.target_rir,
    )


def session_of_day(plan: Plan, today: date) -> PlanSession | None:
    """The plan's session on ``today`` (its weekday in the week in progress), or None."""
    week = plan.week_at(today)
    if week is None:
        return None
    found = [s for s in week.sessions if s.day == today.isoweekday()]
    return found[0] if found else None


__all__ = ["item_from_prescription", "session_of_day"]
