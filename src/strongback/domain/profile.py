"""A user's training profile: the equipment and loads they own, their unit, their pain threshold."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from strongback.domain.vocab import Equipment, WeightUnit

DEFAULT_PAIN_THRESHOLD = 3
"""Pain up to 3/10 during exercise is treated as safe [SIL07][BIM]."""


class UserProfile(BaseModel):
    """Equipment slugs owned and the loads available, which progression uses for increments.

    ``dumbbells`` and ``kettlebells`` are the single implement weights owned; ``plates`` are plate
    weights owned in pairs; all in ``unit``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    equipment: frozenset[Equipment] = frozenset()
    unit: WeightUnit = WeightUnit.KG
    dumbbells: tuple[float, ...] = ()
    kettlebells: tuple[float, ...] = ()
    plates: tuple[float, ...] = ()
    bar_weight: float | None = Field(default=None, gt=0, le=100)
    cable_step: float | None = Field(default=None, gt=0, le=50)
    pain_threshold: int = Field(default=DEFAULT_PAIN_THRESHOLD, ge=0, le=10)

    @field_validator("dumbbells", "kettlebells", "plates")
    @classmethod
    def _positive_sorted(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        if any(w <= 0 or w > 500 for w in value):
            raise ValueError("weights must be above 0 and at most 500")
        return tuple(sorted(set(value)))

    def to_public(self) -> dict[str, object]:
        """The public JSON shape: slugs and plain numbers."""
        return {
            "equipment": sorted(e.value for e in self.equipment),
            "unit": self.unit.value,
            "dumbbells": list(self.dumbbells),
            "kettlebells": list(self.kettlebells),
            "plates": list(self.plates),
            "bar_weight": self.bar_weight,
            "cable_step": self.cable_step,
            "pain_threshold": self.pain_threshold,
        }


__all__ = ["DEFAULT_PAIN_THRESHOLD", "UserProfile"]
