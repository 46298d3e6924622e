"""The training log: workouts newest first, paged; one workout with its comments; edit it;
delete it after a confirmation, and undo the delete."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from pydantic import ValidationError

from strongback.app import UserScope
from strongback.domain.errors import InvalidInput
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import WeightUnit
from strongback.services import comments, names, profile, workouts
from strongback.web import forms
from strongback.web.api.workout_models import WorkoutIn, WorkoutOut
from strongback.web.deps import csrf_protect, current_scope
from strongback.web.errors import error_for_domain
from strongback.web.responses import see_other
from strongback.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)])
PAGE = 10


def _names(scope: UserScope) -> dict[str, str]:
    return names.exercise_names(scope)


@router.get("/log")
def log_page(
    request: Request,
    cursor: str | None = None,
    deleted: int | None = None,
    scope: UserScope = Depends(current_scope),
) -> Response:
    """A page of workouts, newest first; after a delete, the way to undo it."""
    page = workouts.list_workouts(scope, limit=PAGE, cursor=cursor or None)
    context = {
        "title": "Training log",
        "nav": "log",
        "page": page,
        "names": _names(scope),
        "deleted": deleted,
        "first_page": not cursor,
    }
    return render(request, "log.html", context)


def _workout_page(
    request: Request,
    scope: UserScope,
    workout: Workout,
    *,
    notice: str | None = None,
    previous: Workout | None = None,
) -> Response:
    context = {
        "title": f"Workout of {workout.day.isoformat()}",
        "nav": "log",
        "back": ("/log", "Log"),
        "w": workout,
        "names": _names(scope),
        "thread": comments.comments(scope, scope.user_id, workout_id=workout.id),
        "set_numbers": {s.id: n for n, s in enumerate(workout.sets, 1)},
        "notice": notice,
        # The workout as it was before an edit, sent back by the Undo button.
        "previous": WorkoutOut.of(previous).model_dump_json(exclude={"id"}) if previous else None,
    }
    return render(request, "workout.html", context)


@router.get("/log/{workout_id}")
def workout_page(
    request: Request, workout_id: int, scope: UserScope = Depends(current_scope)
) -> Response:
    """One workout with its sets."""
    return _workout_page(request, scope, workouts.get_workout(scope, workout_id))


def _edit_page(
    request: Request,
    scope: UserScope,
    workout: Workout,
    error: InvalidInput | None = None,
    values: dict[str, Any] | None = None,
) -> Response:
    body = error_for_domain(error) if error is not None else None
    context = {
        "title": f"Edit the workout of {workout.day.isoformat()}",
        "nav": "log",
        "back": (f"/log/{workout.id}", "Workout"),
        "w": workout,
        "names": _names(scope),
        "error": body,
        "values": values,
    }
    return render(
        request, "workout_edit.html", context, status_code=body.status if body is not None else 200
    )


@router.get("/log/{workout_id}/edit")
def edit_form(
    request: Request, workout_id: int, scope: UserScope = Depends(current_scope)
) -> Response:
    """The workout's title and sets as a form."""
    return _edit_page(request, scope, workouts.get_workout(scope, workout_id))


def _edited_set(s: PerformedSet, form: Any, i: int, unit: WeightUnit) -> PerformedSet:
    """One set as the edit form changed it; errors name it as ``sets[i].field``."""

    def text(name: str) -> str | None:
        value = form.get(f"{name}_{i}")
        return str(value) if value is not None else None

    weight = forms.optional_number(text("weight"), f"sets[{i}].weight", low=0)
    return replace(
        s,
        weight=weight,
        unit=(s.unit or unit) if weight is not None else None,
        reps=forms.optional_whole(text("reps"), f"sets[{i}].reps", low=0, high=1000),
        rir=forms.optional_number(text("rir"), f"sets[{i}].rir", low=0, high=10),
        pain=forms.optional_whole(text("pain"), f"sets[{i}].pain", low=0, high=10),
        notes=(text("note") or "").strip() or None,
    )


def _edited(workout: Workout, form: Any, unit: WeightUnit) -> Workout:
    """The workout as the edit form changed it (sets ticked "remove" are left out)."""
    sets = tuple(
        _edited_set(s, form, i, unit)
        for i, s in enumerate(workout.sets)
        if form.get(f"remove_{i}") != "on"
    )
    title = str(form.get("title") or "").strip() or workout.title
    return replace(workout, title=title, sets=sets)


@router.post("/log/{workout_id}/edit")
async def edit(
    request: Request, workout_id: int, scope: UserScope = Depends(current_scope)
) -> Response:
    """Save the edited workout."""
    workout = workouts.get_workout(scope, workout_id)
    form = await request.form()
    try:
        changed = _edited(workout, form, profile.get_profile(scope).unit)
        saved = workouts.update_workout(scope, workout_id, changed)
    except InvalidInput as exc:
        return _edit_page(request, scope, workout, exc, dict(form))
    return _workout_page(request, scope, saved, notice="Saved.", previous=workout)


@router.post("/log/{workout_id}/undo-edit")
def undo_edit(
    request: Request,
    workout_id: int,
    previous: str = Form(...),
    scope: UserScope = Depends(current_scope),
) -> Response:
    """Put the workout back as it was before the last edit."""
    current = workouts.get_workout(scope, workout_id)
    try:
        before = WorkoutIn.model_validate_json(previous).to_domain()
    except ValidationError:
        raise InvalidInput("{previous}: not a workout this page gave", field="previous") from None
    kept = {s.id for s in current.sets}
    # Sets the edit removed come back as new sets.
    sets = tuple(s if s.id in kept else replace(s, id=None) for s in before.sets)
    restored = workouts.update_workout(scope, workout_id, replace(before, sets=sets))
    return _workout_page(request, scope, restored, notice="The edit was undone.")


@router.get("/log/{workout_id}/delete")
def delete_form(
    request: Request, workout_id: int, scope: UserScope = Depends(current_scope)
) -> Response:
    """Ask before deleting."""
    workout = workouts.get_workout(scope, workout_id)
    context = {
        "title": "Delete this workout?",
        "nav": "log",
        "back": (f"/log/{workout_id}", "Workout"),
        "w": workout,
    }
    return render(request, "workout_delete.html", context)


@router.post("/log/{workout_id}/delete")
def delete(
    request: Request, workout_id: int, scope: UserScope = Depends(current_scope)
) -> Response:
    """Delete the workout (kept so the delete can be undone)."""
    workouts.delete_workout(scope, workout_id)
    return see_other(request, f"/log?deleted={workout_id}")


@router.post("/log/{workout_id}/restore")
def restore(
    request: Request, workout_id: int, scope: UserScope = Depends(current_scope)
) -> Response:
    """Undo the delete."""
    restored = workouts.restore_workout(scope, workout_id)
    return see_other(request, f"/log/{restored.id}")


__all__ = ["router"]
