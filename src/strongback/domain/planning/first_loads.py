"""First loads on a plan: each loaded exercise's first week gets a load from the athlete's
history (its own recent sets, or a conservative share of a related lift's estimated max), and the
reason says which; without either, the reason says how to pick a light first load."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from strongback.domain.catalog import Catalog
from strongback.domain.planning.history import AthleteHistory, first_load
from strongback.domain.planning.plan import PlanItem, PlanWeek
from strongback.domain.planning.principles import is_drill


def with_first_loads(
    weeks: Sequence[PlanWeek], catalog: Catalog, history: AthleteHistory
) -> tuple[PlanWeek, ...]:
    """The weeks with a first load on every item of each loaded exercise's first week (each day
    its own load for its own reps); later weeks follow progression from what is logged."""
    first_week: dict[str, int] = {}
    for w in weeks:
        for item in w.items():
            first_week.setdefault(item.exercise, w.week)
    out = []
    for w in weeks:
        sessions = tuple(
            replace(
                s,
                items=tuple(
                    _loaded(item, catalog, history) if first_week[item.exercise] == w.week else item
                    for item in s.items
                ),
            )
            for s in w.sessions
        )
        out.append(replace(w, sessions=sessions))
    return tuple(out)


def _loaded(item: PlanItem, catalog: Catalog, history: AthleteHistory) -> PlanItem:
    exercise = catalog.get(item.exercise)
    reps = item.reps or item.reps_per_side
    if not exercise.loaded or is_drill(exercise) or reps is None or item.target_rir is None:
        return item
    found = first_load(exercise, reps.max, item.target_rir, history, catalog)
    if found is None:
        return replace(
            item,
            reason=f"{item.reason}; no history of this or a related lift: start light, with a "
            f"load you can lift {reps.max} times with {item.target_rir} more in reserve",
        )
    return replace(
        item,
        start_load=found.weight,
        load_unit=found.unit,
        reason=f"{item.reason}; {found.source}",
    )


__all__ = ["with_first_loads"]
