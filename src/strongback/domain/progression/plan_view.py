"""What progression follows in a plan: the week in progress, each exercise's item, the deload,
and the session that comes next.

The items carry sets, a rep range (or reps per side, or seconds), tempo, rest and target RIR,
which win over the catalog's defaults.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from strongback.domain.planning.plan import Plan, PlanItem, PlanSession
from strongback.domain.vocab import Goal, Level, WeightUnit

# Not calendar.day_name: it follows the locale, and the rest of the output is English.
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class PlanView:
    """What progression reads from a plan: the week in progress, its items and the user's goal."""

    week: int
    deload: bool
    items: dict[str, PlanItem]
    goal: Goal | None = None
    level: Level | None = None
    start_loads: dict[str, tuple[float, WeightUnit]] = field(default_factory=dict)

    def carrying_start_load(self, item: PlanItem) -> PlanItem:
        """The item with the plan's first load for its exercise (set on the exercise's first
        week only, by a plan built from the athlete's history), when it has none of its own."""
        start = self.start_loads.get(item.exercise)
        if start is None or item.start_load is not None:
            return item
        return replace(item, start_load=start[0], load_unit=start[1])


def read_plan(plan: Plan, today: date) -> PlanView:
    """The week of the plan in progress today and one item per exercise, in plan order.

    An exercise takes its item from the week in progress, else from its first appearance
    anywhere in the plan; either carries the plan's first load for the exercise.
    """
    current = plan.week_at(today)
    chosen: dict[str, PlanItem] = {}
    for item in current.items() if current is not None else ():
        chosen.setdefault(item.exercise, item)
    ordered: dict[str, PlanItem] = {}
    starts: dict[str, tuple[float, WeightUnit]] = {}
    for week in plan.weeks:
        for item in week.items():
            if item.exercise not in ordered:
                ordered[item.exercise] = chosen.get(item.exercise, item)
            if item.start_load is not None and item.load_unit is not None:
                starts.setdefault(item.exercise, (item.start_load, item.load_unit))
    view = PlanView(
        week=plan.week_number(today),
        deload=current.deload if current is not None else False,
        items={},
        goal=plan.profile.goal,
        level=plan.profile.level,
        start_loads=starts,
    )
    return replace(view, items={ex: view.carrying_start_load(i) for ex, i in ordered.items()})


def session_date(start: date, week: int, day: int) -> date:
    """The date of a session: its weekday on or after ``start``, then whole weeks later."""
    first = start + timedelta(days=(day - 1 - start.weekday()) % 7)
    return first + timedelta(days=7 * (week - 1))


@dataclass(frozen=True)
class NextSession:
    """The session of the plan that comes next: its week, the session and the day it falls on."""

    week: int
    session: PlanSession
    day: date

    def title(self) -> str:
        """``Monday 2026-12-07: Pull and hinge (week 2)``."""
        weekday = _DAY_NAMES[self.day.weekday()]
        return f"{weekday} {self.day.isoformat()}: {self.session.title} (week {self.week})"

    def to_public(self) -> dict[str, object]:
        """The session's day, weekday, title and plan week, as ``next --json`` prints them."""
        return {
            "day": self.day.isoformat(),
            "weekday": _DAY_NAMES[self.day.weekday()],
            "title": self.session.title,
            "plan_week": self.week,
        }


def _scheduled(plan: Plan) -> Iterator[NextSession]:
    start = plan.start_date
    if start is None:
        return
    for week in plan.weeks:
        for s in week.sessions:
            yield NextSession(week.week, s, session_date(start, week.week, s.day))


def _repeated(plan: Plan, today: date) -> Iterator[NextSession]:
    # After the block, or for a plan never started, the week in progress repeats: its sessions
    # fall on their weekdays of this week and the next.
    current = plan.week_at(today)
    if current is None:
        return
    monday = today - timedelta(days=today.weekday())
    for offset in (0, 7):
        for s in current.sessions:
            yield NextSession(current.week, s, monday + timedelta(days=offset + s.day - 1))


def next_session(plan: Plan, today: date, *, trained_today: bool = False) -> NextSession | None:
    """The plan's next session: today's when nothing was trained today, else the first after
    today. None for a plan without sessions."""
    first_day = today + timedelta(days=1) if trained_today else today
    for sessions in (_scheduled(plan), _repeated(plan, today)):
        coming = [s for s in sessions if s.day >= first_day]
        if coming:
            return min(coming, key=lambda s: s.day)
    return None


__all__ = ["NextSession", "PlanItem", "PlanView", "next_session", "read_plan", "session_date"]
