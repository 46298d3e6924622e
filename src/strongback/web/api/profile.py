"""The user's training profile at /api/v1/profile: read it, change some of its fields."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from strongback.app import UserScope
from strongback.domain.profile import UserProfile
from strongback.domain.vocab import Equipment, WeightUnit
from strongback.services import profile
from strongback.web.api.models import RequestModel, errors
from strongback.web.deps import current_scope

router = APIRouter(prefix="/profile", tags=["profile"], responses=errors(400, 401, 503))

Scope = Annotated[UserScope, Depends(current_scope)]
_Loads = Annotated[list[Annotated[float, Field(gt=0, le=500)]], Field(max_length=100)]


class ProfileOut(BaseModel):
    """Equipment and loads owned (in ``unit``), and the pain threshold (0-10)."""

    equipment: list[Equipment]
    unit: WeightUnit
    dumbbells: list[float]
    kettlebells: list[float]
    plates: list[float]
    bar_weight: float | None
    cable_step: float | None
    pain_threshold: int

    @classmethod
    def of(cls, value: UserProfile) -> ProfileOut:
        """The answer for a profile."""
        return cls.model_validate(value.to_public())


class ProfileChange(RequestModel):
    """The fields to change; those left out stay. ``bar_weight`` or ``cable_step`` given as
    null are cleared."""

    equipment: Annotated[list[Equipment], Field(max_length=20)] | None = None
    unit: WeightUnit | None = None
    dumbbells: _Loads | None = None
    kettlebells: _Loads | None = None
    plates: _Loads | None = None
    bar_weight: float | None = Field(default=None, gt=0, le=100)
    cable_step: float | None = Field(default=None, gt=0, le=50)
    pain_threshold: int | None = Field(default=None, ge=0, le=10)

    def to_changes(self) -> profile.ProfileChanges:
        """The service's changes: absent fields None, scalars given as null CLEAR."""
        given: dict[str, Any] = {}
        for name in self.model_fields_set:
            value = getattr(self, name)
            if value is None:
                if name in ("bar_weight", "cable_step"):
                    given[name] = profile.CLEAR
                continue
            if name == "equipment":
                value = frozenset(value)
            elif name in ("dumbbells", "kettlebells", "plates"):
                value = tuple(value)
            given[name] = value
        return profile.ProfileChanges(**given)


@router.get("", response_model=ProfileOut)
def get_profile(scope: Scope) -> ProfileOut:
    """The user's profile (the defaults until it is set)."""
    return ProfileOut.of(profile.get_profile(scope))


@router.patch("", response_model=ProfileOut, responses=errors(422))
def update_profile(scope: Scope, body: ProfileChange) -> ProfileOut:
    """Change the fields given; the error of a refused value names its field."""
    return ProfileOut.of(profile.update_profile(scope, body.to_changes()))


__all__ = ["router"]
