"""A workout and its sets at the API: the JSON backup's fields (``interchange/backup_json.py``),
as request models that check bounds and as answers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field

from strongback.domain import set_bounds
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType, Side, WeightUnit
from strongback.web.api.models import RequestModel, Text

_Exercise = Annotated[Text, Field(min_length=1, max_length=200)]
_Short = Annotated[Text, Field(max_length=200)]
_Notes = Annotated[Text, Field(max_length=4000)]
_Seconds = Annotated[float, Field(ge=0, le=set_bounds.MAX_SECONDS, allow_inf_nan=False)]


class SetIn(RequestModel):
    """One performed set; ``id`` (on an update) names one of the workout's sets to edit."""

    id: int | None = Field(default=None, ge=1)
    exercise: _Exercise = Field(description="A catalog or custom exercise id (or alias)")
    imported_as: _Short | None = None
    order: int | None = Field(
        default=None, ge=0, le=100_000, description="Position in the workout; default: list order"
    )
    set_type: SetType = SetType.WORKING
    weight: float | None = Field(
        default=None, ge=-set_bounds.MAX_WEIGHT, le=set_bounds.MAX_WEIGHT, allow_inf_nan=False
    )
    unit: WeightUnit | None = None
    reps: int | None = Field(default=None, ge=0, le=set_bounds.MAX_REPS)
    seconds: float | None = Field(
        default=None, gt=0, le=set_bounds.MAX_SECONDS, allow_inf_nan=False
    )
    distance_m: float | None = Field(
        default=None, ge=0, le=set_bounds.MAX_DISTANCE_M, allow_inf_nan=False
    )
    side: Side | None = None
    rpe: float | None = Field(
        default=None, ge=set_bounds.MIN_RPE, le=set_bounds.MAX_RPE, allow_inf_nan=False
    )
    rir: float | None = Field(default=None, ge=0, le=set_bounds.MAX_RIR, allow_inf_nan=False)
    tempo: Annotated[Text, Field(max_length=16)] | None = None
    pain: int | None = Field(default=None, ge=0, le=set_bounds.MAX_PAIN)
    notes: _Notes | None = None
    rest_seconds: _Seconds | None = None
    superset: Annotated[Text, Field(max_length=64)] | None = None
    source_key: Annotated[Text, Field(min_length=1, max_length=255)] | None = None

    def to_domain(self, position: int) -> PerformedSet:
        """The set as a domain value (``position``: its 1-based place in the list)."""
        data = self.model_dump(exclude={"order"})
        return PerformedSet(order=self.order if self.order is not None else position, **data)


class WorkoutIn(RequestModel):
    """A workout with its sets, as stored (an update replaces the whole workout)."""

    started_at: datetime = Field(description="Local wall-clock time; an offset is dropped")
    ended_at: datetime | None = None
    title: Annotated[Text, Field(min_length=1, max_length=200)]
    notes: _Notes | None = None
    source: Annotated[Text, Field(min_length=1, max_length=32)] = "strongback"
    sets: list[SetIn] = Field(default=[], max_length=1000)

    def to_domain(self) -> Workout:
        """The workout as a domain value."""
        return Workout(
            started_at=self.started_at,
            ended_at=self.ended_at,
            title=self.title,
            notes=self.notes,
            source=self.source,
            sets=tuple(s.to_domain(i) for i, s in enumerate(self.sets, start=1)),
        )


class WorkoutCreate(WorkoutIn):
    """A new workout; a ``client_id`` chosen by the client makes the create safe to retry."""

    client_id: UUID | None = Field(
        default=None,
        description="Sent again, it answers the workout first stored with it (200, not 201)",
    )


class SetOut(BaseModel):
    """One stored set (the backup's fields)."""

    id: int
    exercise: str
    imported_as: str | None
    order: int
    set_type: SetType
    weight: float | None
    unit: WeightUnit | None
    reps: int | None
    seconds: float | None
    distance_m: float | None
    side: Side | None
    rpe: float | None
    rir: float | None
    tempo: str | None
    pain: int | None
    notes: str | None
    rest_seconds: float | None
    superset: str | None
    source_key: str | None

    @classmethod
    def of(cls, s: PerformedSet) -> SetOut:
        """The answer for a stored set: its fields by name (a stored set always has an id)."""
        values = {name: getattr(s, name) for name in cls.model_fields}
        return cls(**{**values, "id": s.id or 0})


class WorkoutOut(BaseModel):
    """One stored workout with its sets (the backup's fields; times are local, no offset)."""

    id: int
    started_at: str = Field(description="ISO 8601 local wall-clock time, without an offset")
    ended_at: str | None
    title: str
    notes: str | None
    source: str
    sets: list[SetOut]

    @classmethod
    def of(cls, w: Workout) -> WorkoutOut:
        """The answer for a stored workout."""
        return cls(
            id=w.id or 0,
            started_at=w.started_at.isoformat(),
            ended_at=w.ended_at.isoformat() if w.ended_at is not None else None,
            title=w.title,
            notes=w.notes,
            source=w.source,
            sets=[SetOut.of(s) for s in w.sets],
        )


class WorkoutList(BaseModel):
    """A page of workouts newest first; ``next`` is the cursor of the next page, or null."""

    items: list[WorkoutOut]
    next: str | None


__all__ = ["SetIn", "SetOut", "WorkoutCreate", "WorkoutIn", "WorkoutList", "WorkoutOut"]
