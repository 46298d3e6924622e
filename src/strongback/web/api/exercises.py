"""The catalog at /api/v1/exercises: list with filters, and one exercise's card."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel

from strongback.app import UserScope
from strongback.domain.errors import NotFound, UnknownExercise
from strongback.domain.exercise import Exercise
from strongback.services import exercises
from strongback.web.api.models import Text, errors
from strongback.web.api.paging import Page, page_of
from strongback.web.deps import current_scope

router = APIRouter(prefix="/exercises", tags=["exercises"], responses=errors(400, 401, 503))

Scope = Annotated[UserScope, Depends(current_scope)]
Slug = Annotated[Text | None, Query(max_length=100)]


class ExerciseOut(BaseModel):
    """One exercise: what it trains, what it needs, how to do it and its dose."""

    id: str
    name: str
    source: str
    section: str | None
    pattern: str
    primary_muscles: list[str]
    secondary_muscles: list[str]
    equipment: list[list[str]]
    laterality: str
    loaded: bool
    default_tempo: str | None
    dose: dict[str, Any] | None
    instructions: list[str]
    why: str | None
    cues: list[str]
    mistakes: list[dict[str, Any]]
    regression: str | None
    progression: str | None

    @classmethod
    def of(cls, exercise: Exercise) -> ExerciseOut:
        """The answer for an exercise."""
        return cls.model_validate(exercise.to_public())


class ExerciseList(Page[ExerciseOut]):
    """A page of exercises in catalog order."""


@router.get("", response_model=ExerciseList, responses=errors(422))
def list_exercises(
    scope: Scope,
    muscle: Slug = None,
    equipment: Annotated[
        Text | None, Query(max_length=400, description="Owned items, comma-separated")
    ] = None,
    pattern: Slug = None,
    section: Slug = None,
    extended: bool = False,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    cursor: Annotated[Text | None, Query(max_length=40)] = None,
) -> ExerciseList:
    """The curated exercises (with ``extended``, the extended set and the user's own too)
    matching every filter."""
    found = exercises.find_exercises(
        scope,
        muscle=muscle,
        equipment=equipment,
        pattern=pattern,
        section=section,
        extended=extended,
    )
    items, after = page_of(found, limit, cursor)
    return ExerciseList(items=[ExerciseOut.of(e) for e in items], next=after)


@router.get("/{exercise_id}", response_model=ExerciseOut, responses=errors(404))
def get_exercise(scope: Scope, exercise_id: Annotated[Text, Path(max_length=200)]) -> ExerciseOut:
    """One exercise by id or alias (the user's custom exercises too)."""
    try:
        return ExerciseOut.of(exercises.get_exercise(scope, exercise_id))
    except UnknownExercise as exc:
        raise NotFound(str(exc), field="exercise_id") from None


__all__ = ["router"]
