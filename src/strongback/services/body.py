"""Use cases of body weight: log a weighing, list them, and read them for the strength rules."""

from __future__ import annotations

from datetime import date

from strongback.domain.body_weight import BodyWeight, check_body_weight
from strongback.domain.vocab import WeightUnit
from strongback.services.ports import Scope
from strongback.services.training_log import check_day


def add_body_weight(
    scope: Scope, weight: float, *, unit: WeightUnit | None = None, day: date | None = None
) -> BodyWeight:
    """Log the body weight of a day (default today) in ``unit`` (default the profile's); a
    weighing already logged that day is replaced. InvalidInput for a weight out of bounds or a
    day in the future, before anything is written."""
    day = check_day(day) if day is not None else date.today()
    with scope.unit_of_work(write=True) as uow:
        unit = unit or uow.profile.get().unit
        check_body_weight(weight, unit)
        saved = uow.body_weights.put(BodyWeight(day, weight, unit))
        uow.commit()
    return saved


def list_body_weights(scope: Scope) -> list[BodyWeight]:
    """Every weighing, oldest first."""
    with scope.unit_of_work() as uow:
        return uow.body_weights.list()


__all__ = ["add_body_weight", "list_body_weights"]
