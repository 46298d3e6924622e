"""Use case of the tempo engine: an exercise's timeline from its dose and what the user states."""

from __future__ import annotations

from dataclasses import dataclass

from strongback.domain import timeline as engine
from strongback.domain.exercise import Exercise
from strongback.domain.tempo import TimedItem
from strongback.services.ports import Scope
from strongback.services.training_log import known_exercises


@dataclass(frozen=True)
class ExerciseTimeline:
    """The exercise, the prescription as timed, and its timeline."""

    exercise: Exercise
    item: TimedItem
    timeline: engine.Timeline


def exercise_timeline(scope: Scope, exercise_id: str, given: engine.Overrides) -> ExerciseTimeline:
    """The timeline of an exercise (catalog or custom): its dose where ``given`` says nothing.

    Raises UnknownExercise with suggestions, or InvalidInput naming the bad field.
    """
    with scope.unit_of_work() as uow:
        exercise = known_exercises(uow, scope.catalog).get(exercise_id)
    item = engine.with_overrides(engine.default_item(exercise), given)
    return ExerciseTimeline(exercise, item, engine.exercise_timeline(item))


__all__ = ["ExerciseTimeline", "exercise_timeline"]
