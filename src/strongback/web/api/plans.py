"""Plans and prescriptions: /api/v1/plans (generate without saving, save, the current plan) and
/api/v1/next (the next prescription of each exercise)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, status
from pydantic import BaseModel, Field

from strongback.app import UserScope
from strongback.domain.errors import NotFound
from strongback.domain.planning.plan import Plan, StoredPlan
from strongback.domain.planning.plan_profile import (
    MAX_DAYS,
    MAX_MINUTES,
    MAX_WEEKS,
    MIN_DAYS,
    MIN_MINUTES,
    MIN_WEEKS,
    WEEKDAYS,
)
from strongback.domain.vocab import Equipment, Goal, Level
from strongback.services import planning, progress
from strongback.web.api.models import RequestModel, Text, errors
from strongback.web.deps import current_scope

router = APIRouter(tags=["plans"], responses=errors(400, 401, 503))

Scope = Annotated[UserScope, Depends(current_scope)]
_Names = Annotated[list[Annotated[Text, Field(min_length=1, max_length=200)]], Field(max_length=50)]


class PlanRequestIn(RequestModel):
    """What a program is asked for: the planner's profile."""

    days: int = Field(ge=MIN_DAYS, le=MAX_DAYS)
    minutes: int = Field(ge=MIN_MINUTES, le=MAX_MINUTES)
    equipment: Annotated[list[Equipment], Field(max_length=20)] = Field(default_factory=list)
    level: Level = Level.BEGINNER
    goal: Goal = Goal.HYPERTROPHY
    back_pain: bool = False
    weeks: int = Field(default=4, ge=MIN_WEEKS, le=MAX_WEEKS)
    weekdays: Annotated[
        list[Annotated[str, Field(pattern="^(" + "|".join(WEEKDAYS) + ")$")]], Field(max_length=7)
    ] = Field(default_factory=list)
    avoid: _Names = Field(default_factory=list)

    def to_request(self) -> planning.PlanRequest:
        """The service's request."""
        return planning.PlanRequest(
            days=self.days,
            minutes=self.minutes,
            equipment=frozenset(self.equipment),
            level=self.level,
            goal=self.goal,
            back_pain=self.back_pain,
            weeks=self.weeks,
            weekdays=tuple(self.weekdays),
            avoid=tuple(self.avoid),
        )


class PlanSave(RequestModel):
    """Generate a plan from ``request`` and save it as the current plan."""

    request: PlanRequestIn
    start: date | None = Field(default=None, description="Default: the Monday on or after today")
    name: Annotated[Text, Field(max_length=200)] | None = None


class PlanOut(BaseModel):
    """A plan: its profile, weeks, sessions and items (``strongback plan --json``), with its
    id when it is stored."""

    id: int | None = None
    plan: dict[str, Any]

    @classmethod
    def of(cls, plan: Plan, plan_id: int | None = None) -> PlanOut:
        """The answer for a plan."""
        return cls(id=plan_id, plan=plan.to_public())


class NextOut(BaseModel):
    """The next prescription of each exercise, and where the list came from."""

    source: str = Field(description="session, plan, exercise, recent or all")
    plan_week: int | None
    deload: str | None = Field(description="Why a lighter week is due, or null")
    message: str | None
    prescriptions: list[dict[str, Any]]


@router.post("/plans/generate", response_model=PlanOut, responses=errors(422))
def generate_plan(scope: Scope, body: PlanRequestIn) -> PlanOut:
    """Generate a plan from a profile without saving it."""
    return PlanOut.of(planning.build_plan(scope.catalog, body.to_request()))


@router.post(
    "/plans",
    response_model=PlanOut,
    status_code=status.HTTP_201_CREATED,
    responses=errors(422),
)
def save_plan(scope: Scope, body: PlanSave) -> PlanOut:
    """Generate a plan from a profile and save it as the user's current plan."""
    plan = planning.build_plan(scope.catalog, body.request.to_request())
    plan_id, stored = planning.save_plan(scope, plan, start=body.start, name=body.name)
    return PlanOut.of(stored, plan_id)


class PlanAssigner(BaseModel):
    """The coach who assigned a plan."""

    id: int = Field(description="The coach's account id")
    name: str | None = Field(description="The coach's name as their athletes see it")
    email: str | None = Field(
        description="The coach's account email: shown to the athlete and to that coach (null "
        "to another of the athlete's coaches, and for a local user)"
    )


class CurrentPlanOut(PlanOut):
    """A stored current plan, with when it was saved and the coach who assigned it
    (``assigned_by`` null: the user made it). The athlete's ``GET /api/v1/plans/current`` and
    the coach's ``/api/v1/athletes/{id}/plans/current`` answer this same shape."""

    assigned_by: PlanAssigner | None = None
    created_at: str | None = Field(default=None, description="When the plan was saved")

    @classmethod
    def of_stored(cls, stored: StoredPlan, *, coach_id: int | None = None) -> CurrentPlanOut:
        """The answer for a stored plan, to its athlete or (``coach_id``) to one of their
        coaches, who sees another coach's name but not their email."""
        shown = coach_id is None or coach_id == stored.assigned_by
        coach = (
            PlanAssigner(
                id=stored.assigned_by,
                name=stored.assigned_by_name,
                email=stored.assigned_by_email if shown else None,
            )
            if stored.assigned_by is not None
            else None
        )
        return cls(
            id=stored.id,
            plan=stored.plan.to_public(),
            assigned_by=coach,
            created_at=stored.created_at.isoformat(),
        )


@router.get("/plans/current", response_model=CurrentPlanOut, responses=errors(404))
def current_plan(scope: Scope) -> CurrentPlanOut:
    """The user's current plan, and who assigned it: a coach (``assigned_by``) or the user
    (``assigned_by`` null)."""
    stored = planning.current_stored_plan(scope)
    if stored is None:
        raise NotFound("no current plan: generate one and save it first")
    return CurrentPlanOut.of_stored(stored)


@router.get("/next", response_model=NextOut, responses=errors(422))
def next_prescriptions(
    scope: Scope,
    exercise: Annotated[Text | None, Query(max_length=200)] = None,
    all: Annotated[bool, Query(description="Every exercise ever logged")] = False,
    whole_plan: Annotated[bool, Query(description="Every exercise of the plan")] = False,
) -> NextOut:
    """The next prescription of each exercise of the plan's next session (with ``whole_plan``
    of the whole plan; or the one named; or, without a plan, those logged in the last 4
    weeks)."""
    found = progress.next_prescriptions(
        scope, exercise=exercise, every_logged=all, whole_plan=whole_plan
    )
    return NextOut(
        source=found.source,
        plan_week=found.plan_week,
        deload=found.deload.reason if found.deload is not None else None,
        message=found.message,
        prescriptions=[p.to_public() for p in found.prescriptions],
    )


__all__ = ["CurrentPlanOut", "PlanAssigner", "router"]
