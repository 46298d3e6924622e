"""Use case of every page that names exercises: the display name of each id the user may meet,
and the exercise behind an id, from the catalog and the user's own (imported) exercises."""

from __future__ import annotations

from strongback.domain.exercise import Exercise
from strongback.services.exercises import user_catalog
from strongback.services.ports import Scope


def exercise_names(scope: Scope) -> dict[str, str]:
    """Exercise id -> name, the catalog's and the user's custom exercises'."""
    return {e.id: e.name for e in user_catalog(scope)}


def find_exercise(scope: Scope, exercise_id: str) -> Exercise | None:
    """The exercise with this id in the catalog or among the user's own, or None."""
    return user_catalog(scope).find(exercise_id)


__all__ = ["exercise_names", "find_exercise"]
