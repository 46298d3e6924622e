"""From an exercise's history to its next Prescription: the cardio gate, the dose and kind, then
the gates (``gates``) and the kind's own progression."""

from __future__ import annotations

from dataclasses import replace

from strongback.domain.exercise import Exercise
from strongback.domain.progression.bodyweight import BodyweightRules
from strongback.domain.progression.dose import base_dose
from strongback.domain.progression.drill import DrillRules
from strongback.domain.progression.gates import KindRules, cardio, through_gates
from strongback.domain.progression.loaded import LoadedRules
from strongback.domain.progression.loads import Implement, implements_for
from strongback.domain.progression.plan_view import PlanItem
from strongback.domain.progression.prescription import Kind, Prescription, Rule, Settings
from strongback.domain.progression.sessions import is_cardio, read_sessions, top_kg
from strongback.domain.progression.timed import TimedRules
from strongback.domain.training_log import ExerciseHistory


def prescribe(
    exercise: Exercise,
    history: ExerciseHistory | None,
    settings: Settings,
    *,
    item: PlanItem | None = None,
    regression: Exercise | None = None,
    regression_history: ExerciseHistory | None = None,
) -> Prescription:
    """The next prescription for one exercise from its history.

    ``item`` is the plan's item for the exercise (its sets, range, tempo, rest and target RIR win
    over the defaults); ``regression`` and its history serve a bodyweight move the user cannot do
    for the bottom of its range yet.
    """
    sessions = read_sessions(history)
    if is_cardio(exercise, history):
        return cardio(exercise, sessions, settings)
    dose, kind = base_dose(exercise, item, sessions, settings)
    # A band has no load number: a band exercise progresses by reps, then band tension.
    band = (
        kind is Kind.LOADED
        and implements_for(exercise, settings.profile)[0] is Implement.BAND
        and not any(top_kg(s) > 0 for s in sessions)
    )
    if band:
        kind = Kind.BODYWEIGHT if dose.reps_per_side is None else Kind.DRILL
    rules: KindRules
    if kind is Kind.LOADED:
        rules = LoadedRules(exercise, dose, sessions, settings)
    elif kind is Kind.TIMED:
        rules = TimedRules(exercise, dose, sessions, settings)
    elif kind is Kind.DRILL:
        rules = DrillRules(exercise, dose, sessions, settings)
    else:
        reg: Prescription | None = None
        if regression is not None:
            reg = prescribe(regression, regression_history, replace(settings, deload=None))
        rules = BodyweightRules(exercise, dose, sessions, settings, reg, band=band)
    answer = through_gates(rules)
    return replace(answer, band=True) if band else answer


def is_stalled(
    exercise: Exercise, history: ExerciseHistory | None, settings: Settings,
    item: PlanItem | None = None,
) -> bool:  # fmt: skip
    """True when the exercise's rule would reset a stall next time."""
    plain = replace(settings, deload=None)
    return prescribe(exercise, history, plain, item=item).rule is Rule.STALL_RESET


__all__ = ["is_stalled", "prescribe"]
