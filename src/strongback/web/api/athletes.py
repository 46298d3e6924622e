"""A coach's athletes: /api/v1/athletes (the roster, who needs attention first) and, for each
athlete, the same resources as the athlete's own (``workouts``, ``plans/current``, ``records``,
``audit``, ``progress``, ``next``), their ``comments`` and ``checkins``, and ``POST .../plans``
to assign a plan.

Every route reaches the athlete through the coach's scope, within the permission the athlete
gave; anything else answers 404, as an id that names nothing. While the coach's coaching is off,
every route answers 409 (field ``coaching``) for the athletes linked to the coach.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, status
from pydantic import BaseModel, Field

from strongback.app import UserScope
from strongback.domain.analytics import DEFAULT_WEEKS, MAX_WEEKS
from strongback.domain.coaching import Permission
from strongback.domain.errors import NotFound
from strongback.domain.vocab import Goal, Level
from strongback.services import analytics, coaching, comments, planning, roster
from strongback.web.api import insights, plans, profile, workouts
from strongback.web.api.coaching_models import (
    CheckInList,
    CommentIn,
    CommentList,
    CommentOut,
    checkin_list,
)
from strongback.web.api.models import RequestModel, Text, errors
from strongback.web.api.plans import CurrentPlanOut, NextOut, PlanRequestIn
from strongback.web.api.profile import ProfileChange, ProfileOut
from strongback.web.api.workout_models import WorkoutList, WorkoutOut
from strongback.web.deps import current_scope

# 409: while the coach's coaching is off, every route here for an athlete linked to them.
router = APIRouter(prefix="/athletes", tags=["athletes"], responses=errors(400, 401, 409, 503))

Coach = Annotated[UserScope, Depends(current_scope)]
AthleteId = Annotated[int, Path(ge=1, le=coaching.MAX_ID)]


def viewed(coach: Coach, athlete_id: AthleteId) -> UserScope:
    """The athlete's scope for a coach with any permission (404 otherwise)."""
    return coaching.athlete_scope(coach, athlete_id, Permission.VIEW)


def assigned(coach: Coach, athlete_id: AthleteId) -> UserScope:
    """The athlete's scope for a coach with ``assign`` (404 otherwise)."""
    return coaching.athlete_scope(coach, athlete_id, Permission.ASSIGN)


Viewed = Annotated[UserScope, Depends(viewed)]
Assigned = Annotated[UserScope, Depends(assigned)]


class AthleteOut(BaseModel):
    """One athlete's line of the roster: the attention figures and why they need attention."""

    athlete_id: int
    name: str
    needs_attention: bool
    reasons: list[str]
    sessions_7_days: dict[str, int | None]
    sessions_30_days: dict[str, int | None]
    compliance_drop: bool
    last_session: str | None
    days_since_last_session: int | None
    pain_latest: int | None
    pain_rising: bool
    red_flags: list[str]
    broken_principles: list[str]
    audit_week: str | None


class AthleteList(BaseModel):
    """The roster, who needs attention first (one page: ``next`` is always null)."""

    items: list[AthleteOut]
    next: str | None = None


class AssignIn(RequestModel):
    """Assign a plan: generated from ``request`` (its equipment defaults to the athlete's
    profile), or, without one, again from the athlete's current plan's profile."""

    request: PlanRequestIn | None = None
    start: date | None = Field(default=None, description="Default: the Monday on or after today")
    name: Annotated[Text, Field(max_length=200)] | None = None


@router.get("", response_model=AthleteList, responses=errors(409))
def list_athletes(coach: Coach) -> AthleteList:
    """Your athletes with their attention figures, who needs attention first (409 while
    coaching is off for your account)."""
    coaching.require_coaching(coach)
    lines = roster.roster(coach)
    return AthleteList(items=[AthleteOut.model_validate(a.to_public()) for a in lines])


@router.get("/{athlete_id}", response_model=AthleteOut, responses=errors(404))
def get_athlete(coach: Coach, athlete_id: AthleteId) -> AthleteOut:
    """One athlete's roster line."""
    return AthleteOut.model_validate(roster.athlete_attention(coach, athlete_id).to_public())


@router.get("/{athlete_id}/workouts", response_model=WorkoutList, responses=errors(404, 422))
def athlete_workouts(
    scope: Viewed,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[Text | None, Query(max_length=200)] = None,
) -> WorkoutList:
    """The athlete's workouts newest first, as ``GET /api/v1/workouts``."""
    return workouts.list_workouts(scope, limit=limit, cursor=cursor)


@router.get("/{athlete_id}/workouts/{workout_id}", response_model=WorkoutOut, responses=errors(404))
def athlete_workout(scope: Viewed, workout_id: Annotated[int, Path()]) -> WorkoutOut:
    """One of the athlete's workouts with its sets."""
    return workouts.get_workout(scope, workout_id)


@router.get("/{athlete_id}/plans/current", response_model=CurrentPlanOut, responses=errors(404))
def athlete_current_plan(coach: Coach, scope: Viewed) -> CurrentPlanOut:
    """The athlete's current plan, with who assigned it."""
    stored = planning.current_stored_plan(scope)
    if stored is None:
        raise NotFound("the athlete has no current plan")
    return CurrentPlanOut.of_stored(stored, coach_id=coach.user_id)


@router.post(
    "/{athlete_id}/plans",
    response_model=CurrentPlanOut,
    status_code=status.HTTP_201_CREATED,
    responses=errors(404, 422),
)
def assign_plan(coach: Coach, athlete_id: AthleteId, body: AssignIn) -> CurrentPlanOut:
    """Generate a plan for the athlete and make it their current plan (``assign``
    permission); earlier plans are kept."""
    request = body.request.to_request() if body.request is not None else None
    coaching.assign_plan(coach, athlete_id, request, start=body.start, name=body.name)
    stored = planning.current_stored_plan(viewed(coach, athlete_id))
    assert stored is not None
    return CurrentPlanOut.of_stored(stored, coach_id=coach.user_id)


@router.get("/{athlete_id}/records", response_model=insights.RecordList, responses=errors(404))
def athlete_records(
    scope: Viewed, exercise: Annotated[Text | None, Query(max_length=200)] = None
) -> insights.RecordList:
    """The athlete's personal records."""
    return insights.records(scope, exercise=exercise)


@router.get("/{athlete_id}/audit", response_model=insights.AuditOut, responses=errors(404, 422))
def athlete_audit(
    scope: Viewed,
    weeks: Annotated[int, Query(ge=1, le=planning.MAX_AUDIT_WEEKS)] = 4,
    level: Level = Level.INTERMEDIATE,
    goal: Goal = Goal.HYPERTROPHY,
) -> Any:
    """The athlete's last weeks checked against the principles."""
    return insights.audit(scope, weeks=weeks, level=level, goal=goal)


class ProgressOut(BaseModel):
    """The progress numbers (``strongback progress --json``)."""

    unit: str
    weeks: list[dict[str, Any]]
    exercises: list[dict[str, Any]]


@router.get("/{athlete_id}/progress", response_model=ProgressOut, responses=errors(404, 422))
def athlete_progress(
    scope: Viewed, weeks: Annotated[int, Query(ge=1, le=MAX_WEEKS)] = DEFAULT_WEEKS
) -> Any:
    """The athlete's weekly numbers and estimated maxes."""
    return analytics.progress(scope, weeks=weeks).to_public()


@router.get("/{athlete_id}/next", response_model=NextOut, responses=errors(404, 422))
def athlete_next(scope: Viewed) -> NextOut:
    """The athlete's next prescriptions."""
    return plans.next_prescriptions(scope)


@router.get("/{athlete_id}/profile", response_model=ProfileOut, responses=errors(404))
def athlete_profile(scope: Viewed) -> ProfileOut:
    """The athlete's training profile."""
    return profile.get_profile(scope)


@router.patch("/{athlete_id}/profile", response_model=ProfileOut, responses=errors(404, 422))
def edit_athlete_profile(scope: Assigned, body: ProfileChange) -> ProfileOut:
    """Change the athlete's profile (``assign`` permission)."""
    return profile.update_profile(scope, body)


@router.get("/{athlete_id}/comments", response_model=CommentList, responses=errors(404))
def athlete_comments(
    coach: Coach,
    athlete_id: AthleteId,
    workout_id: Annotated[int | None, Query(ge=1, le=coaching.MAX_ID)] = None,
) -> CommentList:
    """The comments on the athlete's workouts (one workout's with ``workout_id``)."""
    viewed(coach, athlete_id)  # a coach's route: not the athlete's own
    found = comments.comments(coach, athlete_id, workout_id=workout_id)
    return CommentList(items=[CommentOut.of(c) for c in found])


@router.post(
    "/{athlete_id}/comments",
    response_model=CommentOut,
    status_code=status.HTTP_201_CREATED,
    responses=errors(404, 422),
)
def comment_on_athlete(coach: Coach, athlete_id: AthleteId, body: CommentIn) -> CommentOut:
    """Comment on one of the athlete's workouts, or one of its sets."""
    viewed(coach, athlete_id)  # a coach's route: not the athlete's own
    said = comments.add_comment(coach, athlete_id, body.workout_id, body.text, set_id=body.set_id)
    return CommentOut.of(said)


@router.get("/{athlete_id}/checkins", response_model=CheckInList, responses=errors(404, 422))
def athlete_checkins(scope: Viewed, days: Annotated[int, Query(ge=1, le=366)] = 28) -> CheckInList:
    """The athlete's daily check-ins and the trend of each score."""
    return checkin_list(scope, days)


__all__ = ["AthleteList", "AthleteOut", "router"]
