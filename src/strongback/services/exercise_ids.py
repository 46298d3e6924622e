"""The exercise behind an id a command or page was given: the catalog's, or a stand-in for one
only the user's history knows; an unknown id raises UnknownExercise with suggestions. Light to
import (the progress report needs it without the progression rules)."""

from __future__ import annotations

from collections.abc import Mapping

from strongback.domain.catalog import Catalog, suggest
from strongback.domain.errors import UnknownExercise
from strongback.domain.exercise import Exercise
from strongback.domain.training_log import ExerciseHistory
from strongback.domain.vocab import Muscle, Pattern


def _fallback_exercise(exercise_id: str, history: ExerciseHistory | None) -> Exercise:
    # A logged id the catalog no longer knows: progress it from its history alone. The muscle is
    # a placeholder the rules never read.
    name = exercise_id.replace("-", " ")
    if history is not None:
        for _, sets in history.sessions:
            for s in sets:
                if s.imported_as:
                    name = s.imported_as
                    break
    return Exercise(
        id=exercise_id, name=name, source="custom", pattern=Pattern.OTHER,
        primary_muscles=(Muscle.LATS,),
    )  # fmt: skip


def resolve_exercise(
    exercise_id: str, catalog: Catalog, histories: Mapping[str, ExerciseHistory | None]
) -> Exercise:
    """The exercise for an id: the catalog's, or a stand-in for one only the history knows
    (``histories``: every exercise logged, with its history when read)."""
    found = catalog.find(exercise_id)
    if found is not None:
        return found
    if exercise_id in histories:
        return _fallback_exercise(exercise_id, histories[exercise_id])
    hints = suggest(exercise_id, [*histories, *(e.id for e in catalog.curated())])
    raise UnknownExercise(exercise_id, hints or suggest(exercise_id, [e.id for e in catalog]))


__all__ = ["resolve_exercise"]
