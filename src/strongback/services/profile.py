"""Use cases of the training profile: the equipment and loads owned, unit, pain threshold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from strongback.domain.errors import InvalidInput
from strongback.domain.profile import UserProfile
from strongback.domain.vocab import Equipment, WeightUnit
from strongback.services.ports import Scope

CLEAR: Any = object()
"""Passed for a scalar field (bar weight, cable step) to clear it; None means unchanged."""

_LOAD_FIELDS = ("dumbbells", "kettlebells", "plates", "bar_weight", "cable_step")


@dataclass(frozen=True)
class ProfileChanges:
    """What to change in a profile; None leaves a field as it is, CLEAR empties a scalar."""

    equipment: frozenset[Equipment] | None = None
    unit: WeightUnit | None = None
    dumbbells: tuple[float, ...] | None = None
    kettlebells: tuple[float, ...] | None = None
    plates: tuple[float, ...] | None = None
    bar_weight: Any = None
    cable_step: Any = None
    pain_threshold: int | None = None

    def given(self) -> dict[str, Any]:
        """The fields given, with CLEAR turned into None."""
        out = {}
        for name in ProfileChanges.__dataclass_fields__:
            value = getattr(self, name)
            if value is not None:
                out[name] = None if value is CLEAR else value
        return out


def get_profile(scope: Scope) -> UserProfile:
    """The user's profile (the defaults until it is set)."""
    with scope.unit_of_work() as uow:
        return uow.profile.get()


def update_profile(scope: Scope, changes: ProfileChanges) -> UserProfile:
    """Apply the changes and save; InvalidInput names the field and the reason."""
    given = changes.given()
    with scope.unit_of_work(write=True) as uow:
        current = uow.profile.get()
        _refuse_relabelled_loads(current, given)
        data = current.model_dump()
        data.update(given)
        try:
            profile = UserProfile.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = str(err["loc"][0]) if err["loc"] else "profile"
            reason = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
            raise InvalidInput(f"{{{field}}}: {reason}", field=field) from None
        uow.profile.save(profile)
        uow.commit()
    return profile


def _refuse_relabelled_loads(current: UserProfile, given: dict[str, Any]) -> None:
    """Owned loads are numbers in the profile's unit: a new unit alone would silently relabel
    them (16 kg would become 16 lb), so the loads must be given again, or cleared, with it."""
    new_unit = given.get("unit")
    if new_unit is None or new_unit == current.unit:
        return
    stale = [f for f in _LOAD_FIELDS if getattr(current, f) not in ((), None) and f not in given]
    if stale:
        named = ", ".join("{" + f + "}" for f in stale)
        raise InvalidInput(
            f"{{unit}}: your owned loads ({named}) are in {current.unit.value}; "
            f"give them again in {WeightUnit(new_unit).value} in the same call, "
            "or clear them with 'none'",
            field="unit",
        )


__all__ = ["CLEAR", "ProfileChanges", "get_profile", "update_profile"]
