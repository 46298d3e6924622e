"""The parts of a saved plan that progression follows: each exercise's item and the deload weeks.

A plan is the JSON object of ``strongback plan --json``; its items carry sets, a rep range (or reps
per side, or seconds), tempo, rest and target RIR, which win over the catalog's defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from strongback.domain.errors import InvalidInput
from strongback.domain.exercise import RepRange
from strongback.domain.tempo import Tempo
from strongback.domain.vocab import Goal, Level


@dataclass(frozen=True)
class PlanItem:
    """One exercise as the plan prescribes it; None fields fall back to the defaults."""

    exercise: str
    sets: int | None = None
    reps: RepRange | None = None
    reps_per_side: RepRange | None = None
    seconds: int | None = None
    per_side: bool = False
    tempo: Tempo | None = None
    rest_seconds: int | None = None
    target_rir: int | None = None

    @classmethod
    def from_public(cls, item: Mapping[str, Any]) -> PlanItem:
        """Read an item of the plan's JSON; InvalidInput names what is malformed."""
        try:
            exercise = str(item["exercise"])
            tempo = item.get("tempo")
            return cls(
                exercise=exercise,
                sets=_opt_int(item.get("sets")),
                reps=_opt_range(item.get("reps")),
                reps_per_side=_opt_range(item.get("reps_per_side")),
                seconds=_opt_int(item.get("seconds")),
                per_side=bool(item.get("per_side", False)),
                tempo=Tempo.parse(tempo) if isinstance(tempo, str) and tempo else None,
                rest_seconds=_opt_int(item.get("rest_seconds")),
                target_rir=_opt_int(item.get("target_rir")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInput(f"the saved plan has a malformed item: {exc}") from None


def _opt_int(value: Any) -> int | None:
    if value is None:
        return None
    return round(float(value))


def _opt_range(value: Any) -> RepRange | None:
    if value is None:
        return None
    if isinstance(value, int | float):
        return RepRange(min=int(value), max=int(value))
    return RepRange(min=int(value["min"]), max=int(value["max"]))


_START_KEYS = ("start_date", "starts_on", "start", "created_at", "saved_at")


def _start(plan: Mapping[str, Any]) -> date | None:
    for holder in (plan, plan.get("profile") or {}):
        if not isinstance(holder, Mapping):
            continue
        for key in _START_KEYS:
            value = holder.get(key)
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, date):
                return value
            if isinstance(value, str):
                try:
                    return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
                except ValueError:
                    continue
    return None


@dataclass(frozen=True)
class PlanView:
    """What progression reads from a plan: the week in progress, its items and the user's goal."""

    week: int
    deload: bool
    items: dict[str, PlanItem]
    goal: Goal | None = None
    level: Level | None = None


def read_plan(plan: Mapping[str, Any], today: date) -> PlanView:
    """The week of the plan in progress today and one item per exercise, in plan order.

    The week counts from the plan's start date when it has one (the last week repeats after the
    block ends); without one it is week 1. An exercise takes its item from that week, else from its
    first appearance anywhere in the plan.
    """
    weeks = plan.get("weeks")
    if not isinstance(weeks, list):
        raise InvalidInput("the saved plan has no weeks")
    number = 1
    start = _start(plan)
    if start is not None and weeks:
        number = min(max((today - start).days // 7 + 1, 1), len(weeks))
    current: dict[str, Any] = {}
    for w in weeks:
        if isinstance(w, Mapping) and _opt_int(w.get("week")) == number:
            current = dict(w)
    if not current and weeks and isinstance(weeks[0], Mapping):
        current = dict(weeks[0])

    def items_of(week: Mapping[str, Any]) -> list[PlanItem]:
        out = []
        for session in week.get("sessions") or []:
            for raw in session.get("items") or []:
                out.append(PlanItem.from_public(raw))
        return out

    chosen: dict[str, PlanItem] = {}
    for item in items_of(current):
        chosen.setdefault(item.exercise, item)
    ordered: dict[str, PlanItem] = {}
    for w in weeks:
        if not isinstance(w, Mapping):
            continue
        for item in items_of(w):
            if item.exercise not in ordered:
                ordered[item.exercise] = chosen.get(item.exercise, item)
    profile = plan.get("profile") if isinstance(plan.get("profile"), Mapping) else {}
    assert isinstance(profile, Mapping)
    goal = _enum(Goal, profile.get("goal"))
    level = _enum(Level, profile.get("level"))
    return PlanView(number, bool(current.get("deload", False)), ordered, goal, level)


def _enum(kind: type[Goal] | type[Level], value: Any) -> Any:
    try:
        return kind(value) if isinstance(value, str) else None
    except ValueError:
        return None


__all__ = ["PlanItem", "PlanView", "read_plan"]
