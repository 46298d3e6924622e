"""Body weight at /api/v1/body-weights: every weighing, and one day's weighing put (a day holds
one; putting it again replaces it). Bodyweight exercises count it in their estimated max."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from strongback.app import UserScope
from strongback.domain.body_weight import BodyWeight
from strongback.domain.errors import InvalidInput
from strongback.domain.vocab import WeightUnit
from strongback.services import body
from strongback.web.api.models import RequestModel, errors
from strongback.web.deps import current_scope

router = APIRouter(prefix="/body-weights", tags=["body"], responses=errors(400, 401, 503))

Scope = Annotated[UserScope, Depends(current_scope)]


class BodyWeightOut(BaseModel):
    """One weighing: the day, the weight and its unit."""

    date: date
    weight: float
    unit: WeightUnit

    @classmethod
    def of(cls, value: BodyWeight) -> BodyWeightOut:
        """The answer for a weighing."""
        return cls(date=value.day, weight=value.weight, unit=value.unit)


class BodyWeightList(BaseModel):
    """Every weighing, oldest first."""

    items: list[BodyWeightOut]


class BodyWeightIn(RequestModel):
    """A day's body weight, in ``unit`` (default: the profile's)."""

    weight: float = Field(gt=0, le=2000)
    unit: WeightUnit | None = None


@router.get("", response_model=BodyWeightList)
def list_body_weights(scope: Scope) -> BodyWeightList:
    """Every weighing, oldest first."""
    return BodyWeightList(items=[BodyWeightOut.of(b) for b in body.list_body_weights(scope)])


@router.put("/{day}", response_model=BodyWeightOut, responses=errors(422))
def put_body_weight(
    day: Annotated[date, Path(description="The day weighed (YYYY-MM-DD), not in the future")],
    given: BodyWeightIn,
    scope: Scope,
) -> BodyWeightOut:
    """Log the day's weight; a weighing already logged that day is replaced."""
    try:
        saved = body.add_body_weight(scope, given.weight, unit=given.unit, day=day)
    except InvalidInput as exc:
        if exc.field != "body_weight":
            raise
        raise InvalidInput(str(exc), field="weight") from None
    return BodyWeightOut.of(saved)


__all__ = ["router"]
