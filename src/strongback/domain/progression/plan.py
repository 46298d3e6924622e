"""What progression follows in a plan: the week in progress, each exercise's item, the deload.

The items carry sets, a rep range (or reps per side, or seconds), tempo, rest and target RIR,
which win over the catalog's defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from strongback.domain.planning.plan import Plan, PlanItem
from strongback.domain.vocab import Goal, Level


@dataclass(frozen=True)
class PlanView:
    """What progression reads from a plan: the week in progress, its items and the user's goal."""

    week: int
    deload: bool
    items: dict[str, PlanItem]
    goal: Goal | None = None
    level: Level | None = None


def read_plan(plan: Plan, today: date) -> PlanView:
    """The week of the plan in progress today and one item per exercise, in plan order.

    An exercise takes its item from the week in progress, else from its first appearance
    anywhere in the plan.
    """
    current = plan.week_at(today)
    chosen: dict[str, PlanItem] = {}
    for item in current.items() if current is not None else ():
        chosen.setdefault(item.exercise, item)
    ordered: dict[str, PlanItem] = {}
    for week in plan.weeks:
        for item in week.items():
            if item.exercise not in ordered:
                ordered[item.exercise] = chosen.get(item.exercise, item)
    return PlanView(
        week=plan.week_number(today),
        deload=current.deload if current is not None else False,
        items=ordered,
        goal=plan.profile.goal,
        level=plan.profile.level,
    )


__all__ = ["PlanItem", "PlanView", "read_plan"]
