"""What the history says: /api/v1/records (personal records) and /api/v1/audit (the last weeks
checked against the training principles)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from strongback.app import UserScope
from strongback.domain.vocab import Goal, Level
from strongback.services import planning, progress
from strongback.web.api.models import Text, errors
from strongback.web.deps import current_scope

router = APIRouter(tags=["insights"], responses=errors(400, 401, 503))

Scope = Annotated[UserScope, Depends(current_scope)]


class RecordOut(BaseModel):
    """One personal record (``strongback records --json``)."""

    exercise: str
    record: str
    value: float
    unit: str | None
    weight: float | None
    reps: int | None
    seconds: float | None
    trusted: bool
    body_weight: float | None
    date: str


class RecordList(BaseModel):
    """Every record of every exercise (one page: ``next`` is always null)."""

    items: list[RecordOut]
    next: str | None = None


@router.get("/records", response_model=RecordList, responses=errors(422))
def records(
    scope: Scope, exercise: Annotated[Text | None, Query(max_length=200)] = None
) -> RecordList:
    """Personal records per exercise (only the named one with ``exercise``)."""
    found = progress.records(scope, exercise=exercise)
    items = [RecordOut.model_validate(r.to_public()) for recs in found.values() for r in recs.all()]
    return RecordList(items=items)


class AuditOut(BaseModel):
    """The audit of the last weeks (``strongback audit --json``)."""

    message: str | None
    unit: str
    level: str
    goal: str
    bands: dict[str, Any]
    weeks: list[dict[str, Any]]
    block: list[dict[str, Any]]
    unknown_exercises: dict[str, int]


@router.get("/audit", response_model=AuditOut, responses=errors(422))
def audit(
    scope: Scope,
    weeks: Annotated[int, Query(ge=1, le=planning.MAX_AUDIT_WEEKS)] = 4,
    level: Level = Level.INTERMEDIATE,
    goal: Goal = Goal.HYPERTROPHY,
) -> Any:
    """The user's logged history of the last weeks, checked against the principles."""
    return planning.audit(scope, weeks=weeks, level=level, goal=goal).to_public()


__all__ = ["router"]
