"""The athlete's own side of coaching: /api/v1/checkins (record the day's check-in, read them
with their trend) and /api/v1/comments (the comments on their workouts, writing one, what is
new on every thread they see, marking comments read)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from pydantic import BaseModel, Field

from strongback.app import UserScope
from strongback.domain.errors import InvalidInput
from strongback.services import checkins, comments
from strongback.services.coaching import MAX_ID
from strongback.web.api.coaching_models import (
    CheckInIn,
    CheckInList,
    CheckInOut,
    CommentIn,
    CommentList,
    CommentOut,
    checkin_list,
)
from strongback.web.api.models import RequestModel, errors
from strongback.web.deps import current_scope

router = APIRouter(tags=["coaching"], responses=errors(400, 401, 503))

Scope = Annotated[UserScope, Depends(current_scope)]


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{{date}} {text!r} is not a date", field="date") from None


@router.post(
    "/checkins",
    response_model=CheckInOut,
    status_code=status.HTTP_201_CREATED,
    responses=errors(422),
)
def record_checkin(scope: Scope, body: CheckInIn) -> CheckInOut:
    """Record the day's check-in (today by default); the same day again replaces it. High
    back pain makes the next prescriptions regress, as pain logged on a set does."""
    request = checkins.CheckInRequest(
        back_pain=body.back_pain,
        sleep=body.sleep,
        energy=body.energy,
        soreness=body.soreness,
        note=body.note,
        day=_day(body.date),
    )
    return CheckInOut.of(checkins.record_checkin(scope, request))


@router.get("/checkins", response_model=CheckInList, responses=errors(422))
def list_checkins(scope: Scope, days: Annotated[int, Query(ge=1, le=366)] = 28) -> CheckInList:
    """Your check-ins of the last ``days`` days, with the trend of each score."""
    return checkin_list(scope, days)


@router.get("/comments", response_model=CommentList, responses=errors(404))
def own_comments(
    scope: Scope, workout_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None
) -> CommentList:
    """The comments on your workouts (one workout's with ``workout_id``)."""
    found = comments.comments(scope, scope.user_id, workout_id=workout_id)
    return CommentList(items=[CommentOut.of(c) for c in found])


@router.post(
    "/comments",
    response_model=CommentOut,
    status_code=status.HTTP_201_CREATED,
    responses=errors(404, 422),
)
def comment_own(scope: Scope, body: CommentIn) -> CommentOut:
    """Comment on one of your workouts (or one of its sets): your coaches see it."""
    said = comments.add_comment(
        scope, scope.user_id, body.workout_id, body.text, set_id=body.set_id
    )
    return CommentOut.of(said)


@router.get("/comments/new", response_model=CommentList)
def whats_new(scope: Scope) -> CommentList:
    """What is new: comments by others you have not read, on your workouts and your
    athletes'."""
    return CommentList(items=[CommentOut.of(c) for c in comments.whats_new(scope)])


class ReadIn(RequestModel):
    """The comments to mark read."""

    ids: Annotated[list[Annotated[int, Field(ge=1, le=MAX_ID)]], Field(max_length=500)]


class ReadOut(BaseModel):
    """How many comments were newly marked read."""

    marked: int


@router.post("/comments/read", response_model=ReadOut, responses=errors(422))
def mark_read(scope: Scope, body: ReadIn) -> ReadOut:
    """Mark comments read (those you may see)."""
    return ReadOut(marked=comments.mark_read(scope, body.ids))


__all__ = ["router"]
