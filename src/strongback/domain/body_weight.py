"""Body weight logged over time: what a movement that carries the body (a pull-up, a dip) moves
besides the load logged, so its estimated max counts both.

A weighing keeps the unit it was entered in; one per day (a second one that day replaces it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from strongback.domain.errors import InvalidInput
from strongback.domain.strength import BodyWeights
from strongback.domain.vocab import KG_PER_LB, WeightUnit

# Bounds of a body weight, in kg: a person, not a typo (20 kg to 400 kg).
MIN_BODY_KG, MAX_BODY_KG = 20.0, 400.0


@dataclass(frozen=True)
class BodyWeight:
    """One weighing: the day, the weight and its unit."""

    day: date
    weight: float
    unit: WeightUnit
    id: int | None = None

    @property
    def kg(self) -> float:
        """The weight in kilograms."""
        return self.weight * KG_PER_LB if self.unit is WeightUnit.LB else self.weight

    def to_public(self) -> dict[str, object]:
        """The JSON shape of ``body list --json``."""
        return {"id": self.id, "date": self.day.isoformat(), "weight": self.weight,
                "unit": self.unit.value}  # fmt: skip


def check_body_weight(weight: float, unit: WeightUnit) -> float:
    """A body weight within human bounds; InvalidInput names the field ``body_weight``."""
    kg = weight * KG_PER_LB if unit is WeightUnit.LB else weight
    if not MIN_BODY_KG <= kg <= MAX_BODY_KG:
        low, high = (MIN_BODY_KG, MAX_BODY_KG)
        if unit is WeightUnit.LB:
            low, high = round(low / KG_PER_LB), round(high / KG_PER_LB)
        raise InvalidInput(
            f"{weight:g} {unit.value} is not a body weight "
            f"(between {low:g} and {high:g} {unit.value})",
            field="body_weight",
        )
    return weight


def body_weights(entries: Iterable[BodyWeight]) -> BodyWeights:
    """The weighings as the strength rules read them (kg by day)."""
    return BodyWeights(tuple(sorted((e.day, e.kg) for e in entries)))


__all__ = ["MAX_BODY_KG", "MIN_BODY_KG", "BodyWeight", "body_weights", "check_body_weight"]
