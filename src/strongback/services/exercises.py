"""Use cases of the catalog as one user sees it: the product's exercises and their own."""

from __future__ import annotations

from strongback.domain.catalog import (
    Catalog,
    parse_equipment_list,
    parse_muscle,
    parse_pattern,
    parse_section,
)
from strongback.domain.exercise import Exercise
from strongback.services.ports import Scope


def user_catalog(scope: Scope) -> Catalog:
    """The catalog plus the user's custom exercises."""
    with scope.unit_of_work() as uow:
        return scope.catalog.with_extra(uow.custom_exercises.list())


def find_exercises(
    scope: Scope,
    *,
    muscle: str | None = None,
    equipment: str | None = None,
    pattern: str | None = None,
    section: str | None = None,
    extended: bool = False,
) -> list[Exercise]:
    """The exercises matching every filter given as public slugs (``equipment``: the owned
    items, comma-separated); the user's custom exercises come with ``extended``. An unknown
    slug raises UnknownName naming its field, with the closest slugs."""
    wanted_muscle = parse_muscle(muscle) if muscle else None
    owned = parse_equipment_list(equipment) if equipment is not None else None
    wanted_pattern = parse_pattern(pattern) if pattern else None
    wanted_section = parse_section(section) if section else None
    catalog = user_catalog(scope) if extended else scope.catalog
    return catalog.filter(
        muscle=wanted_muscle,
        equipment=owned,
        pattern=wanted_pattern,
        section=wanted_section,
        include_extended=extended,
    )


def get_exercise(scope: Scope, exercise_id: str) -> Exercise:
    """One exercise by id or alias (the user's custom ones too); UnknownExercise otherwise."""
    return user_catalog(scope).get(exercise_id)


__all__ = ["find_exercises", "get_exercise", "user_catalog"]
