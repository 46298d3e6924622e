"""Logging one set at /api/v1/sets: it goes into the day's workout (started when the day has
none), as a tap on the today page does."""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from pydantic import BaseModel, Field

from strongback.app import UserScope
from strongback.domain import set_bounds
from strongback.domain.vocab import SetType, WeightUnit
from strongback.services import training_log
from strongback.web.api.models import RequestModel, Text, errors
from strongback.web.api.workout_models import SetOut
from strongback.web.deps import current_scope
from strongback.web.responses import model_response

router = APIRouter(tags=["workouts"], responses=errors(400, 401, 503))

Scope = Annotated[UserScope, Depends(current_scope)]


class SetLog(RequestModel):
    """One set done: reps (or seconds for a hold), the load and how it felt."""

    exercise: Annotated[Text, Field(min_length=1, max_length=200)]
    reps: int | None = Field(default=None, ge=0, le=set_bounds.MAX_REPS)
    seconds: float | None = Field(
        default=None, gt=0, le=set_bounds.MAX_SECONDS, allow_inf_nan=False
    )
    weight: float | None = Field(
        default=None, ge=-set_bounds.MAX_WEIGHT, le=set_bounds.MAX_WEIGHT, allow_inf_nan=False
    )
    unit: WeightUnit | None = Field(default=None, description="Default: the profile's unit")
    rir: float | None = Field(default=None, ge=0, le=set_bounds.MAX_RIR, allow_inf_nan=False)
    rpe: float | None = Field(
        default=None, ge=set_bounds.MIN_RPE, le=set_bounds.MAX_RPE, allow_inf_nan=False
    )
    pain: int | None = Field(default=None, ge=0, le=set_bounds.MAX_PAIN)
    tempo: Annotated[Text, Field(max_length=16)] | None = None
    notes: Annotated[Text, Field(max_length=4000)] | None = None
    set_type: SetType = SetType.WORKING
    date: Date | None = Field(default=None, description="The training day; default: today")

    def to_request(self) -> training_log.LogRequest:
        """The service's request for this one set."""
        return training_log.LogRequest(
            exercise=self.exercise,
            reps=(self.reps,) if self.reps is not None else (),
            seconds=(self.seconds,) if self.seconds is not None else (),
            weights=(self.weight,) if self.weight is not None else (),
            unit=self.unit,
            rir=self.rir,
            rpe=self.rpe,
            pain=self.pain,
            tempo=self.tempo,
            day=self.date,
            notes=self.notes,
            set_type=self.set_type,
        )


class LoggedSet(BaseModel):
    """The stored set, the workout it went into and whether that workout is new."""

    workout_id: int
    created_workout: bool
    date: str
    set: SetOut

    @classmethod
    def of(cls, result: training_log.LogResult) -> LoggedSet:
        """The answer for one logged set."""
        return cls(
            workout_id=result.workout_id,
            created_workout=result.created_workout,
            date=result.day.isoformat(),
            set=SetOut.of(result.sets[0]),
        )


@router.post(
    "/sets", response_model=LoggedSet, status_code=status.HTTP_201_CREATED, responses=errors(422)
)
def log_set(scope: Scope, body: SetLog) -> Response:
    """Log one set into the day's workout."""
    result = training_log.log_sets(scope, body.to_request())
    return model_response(LoggedSet.of(result), status.HTTP_201_CREATED)


__all__ = ["LoggedSet", "SetLog", "router"]
