"""Use case of every page that names exercises: the display name of each id the user may meet,
from the catalog and the user's own (imported) exercises."""

from __future__ import annotations

from strongback.domain.exercise import Exercise
from strongback.services.ports import Scope


def exercise_names(scope: Scope) -> dict[str, str]:
    """Exercise id -> name, the catalog's and the user's custom exercises'."""
    with scope.unit_of_work() as uow:
        custom = uow.custom_exercises.list()
    names = {e.id: e.name for e in scope.catalog}
    names.update((e.id, e.name) for e in custom)
    return names


def find_exercise(scope: Scope, exercise_id: str) -> Exercise | None:
    """The exercise with this id in the catalog or among the user's own, or None."""
    found = scope.catalog.find(exercise_id)
    if found is not None:
        return found
    with scope.unit_of_work() as uow:
        return uow.custom_exercises.get(exercise_id)


__all__ = ["exercise_names", "find_exercise"]
