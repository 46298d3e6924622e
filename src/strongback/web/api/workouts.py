"""Workouts with their sets at /api/v1/workouts: list (paged newest first), create (safe to
retry with a client_id), get, replace, delete, and undo a delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from strongback.app import UserScope
from strongback.services import workouts
from strongback.web.api.models import Text, errors
from strongback.web.api.workout_models import WorkoutCreate, WorkoutIn, WorkoutList, WorkoutOut
from strongback.web.deps import current_scope

router = APIRouter(prefix="/workouts", tags=["workouts"], responses=errors(400, 401, 503))

Scope = Annotated[UserScope, Depends(current_scope)]


@router.get("", response_model=WorkoutList, responses=errors(422))
def list_workouts(
    scope: Scope,
    limit: Annotated[int, Query(ge=1, le=workouts.MAX_PAGE_SIZE)] = workouts.PAGE_SIZE,
    cursor: Annotated[Text | None, Query(max_length=200)] = None,
) -> WorkoutList:
    """The user's workouts newest first, ``limit`` a page; pass ``next`` as ``cursor``."""
    page = workouts.list_workouts(scope, limit=limit, cursor=cursor)
    return WorkoutList(items=[WorkoutOut.of(w) for w in page.items], next=page.next)


@router.post(
    "",
    response_model=WorkoutOut,
    status_code=status.HTTP_201_CREATED,
    responses=errors(
        409, 422, also={200: {"model": WorkoutOut, "description": "The client_id was known"}}
    ),
)
def create_workout(scope: Scope, body: WorkoutCreate, response: Response) -> WorkoutOut:
    """Store a workout with its sets (201). The same ``client_id`` again answers the workout
    first stored with it and stores nothing new (200)."""
    created = workouts.create_workout(scope, body.to_domain(), client_id=body.client_id)
    if not created.created:
        response.status_code = status.HTTP_200_OK
    response.headers["Location"] = f"/api/v1/workouts/{created.workout.id}"
    return WorkoutOut.of(created.workout)


@router.get("/{workout_id}", response_model=WorkoutOut, responses=errors(404))
def get_workout(scope: Scope, workout_id: int) -> WorkoutOut:
    """One of the user's workouts with its sets."""
    return WorkoutOut.of(workouts.get_workout(scope, workout_id))


@router.put("/{workout_id}", response_model=WorkoutOut, responses=errors(404, 422))
def update_workout(scope: Scope, workout_id: int, body: WorkoutIn) -> WorkoutOut:
    """Replace a workout: its fields and its sets (a set with one of its sets' ids edits
    that set, one without an id is added, the sets not given are deleted)."""
    return WorkoutOut.of(workouts.update_workout(scope, workout_id, body.to_domain()))


@router.delete("/{workout_id}", status_code=status.HTTP_204_NO_CONTENT, responses=errors(404))
def delete_workout(scope: Scope, workout_id: int) -> Response:
    """Delete a workout with its sets; ``POST .../restore`` undoes it."""
    workouts.delete_workout(scope, workout_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{workout_id}/restore", response_model=WorkoutOut, responses=errors(404, 409))
def restore_workout(scope: Scope, workout_id: int) -> WorkoutOut:
    """Undo the delete of a workout: it comes back as it was."""
    return WorkoutOut.of(workouts.restore_workout(scope, workout_id))


__all__ = ["router"]
