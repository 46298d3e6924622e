"""A plan as a typed value: what the planner returns, storage keeps, progression follows, and the
printer and the calendar writer take. Its JSON form is the documented one of ``plan --json``.

A plan's weeks count from its ``start_date`` (set when it is saved or scheduled); a plan without
one is in its first week.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from strongback.domain.errors import InvalidInput
from strongback.domain.exercise import RepRange
from strongback.domain.planning.plan_profile import WEEKDAYS, PlanProfile
from strongback.domain.vocab import Equipment, Goal, Level, WeightUnit


@dataclass(frozen=True)
class PlanItem:
    """One exercise of a session. Exactly one of ``reps``, ``reps_per_side`` or ``seconds``.

    ``target_rir`` is None for stretches, holds and drills, which are not taken near failure;
    ``tempo``, ``rest_seconds`` and ``target_rir`` may be None in a plan written by hand, and the
    exercise's defaults then apply.
    """

    exercise: str
    sets: int
    tempo: str | None = None
    rest_seconds: int | None = None
    target_rir: int | None = None
    reason: str = ""
    reps: RepRange | None = None
    reps_per_side: RepRange | None = None
    seconds: int | None = None
    per_side: bool = False
    start_load: float | None = None
    load_unit: WeightUnit | None = None

    def to_public(self) -> dict[str, Any]:
        """The item's JSON object (``start_load`` only on an item that has one)."""
        out: dict[str, Any] = {"exercise": self.exercise, "sets": self.sets}
        if self.reps is not None:
            out["reps"] = {"min": self.reps.min, "max": self.reps.max}
        elif self.reps_per_side is not None:
            out["reps_per_side"] = {"min": self.reps_per_side.min, "max": self.reps_per_side.max}
        else:
            out["seconds"] = self.seconds
            out["per_side"] = self.per_side
        out.update(
            tempo=self.tempo,
            rest_seconds=self.rest_seconds,
            target_rir=self.target_rir,
            reason=self.reason,
        )
        if self.start_load is not None and self.load_unit is not None:
            out["start_load"] = {"weight": self.start_load, "unit": self.load_unit.value}
        return out

    @classmethod
    def from_public(cls, item: Mapping[str, Any]) -> PlanItem:
        """Read an item of the plan's JSON; InvalidInput names what is malformed."""
        if not isinstance(item, Mapping) or not item.get("exercise"):
            raise InvalidInput("the plan has an item without an exercise", field="plan")
        try:
            per_side_reps = _range(item.get("reps_per_side"))
            return cls(
                exercise=str(item["exercise"]),
                sets=_int(item.get("sets")) or 1,
                tempo=str(item["tempo"]) if item.get("tempo") else None,
                rest_seconds=_int(item.get("rest_seconds")),
                target_rir=_int(item.get("target_rir")),
                reason=str(item.get("reason") or ""),
                reps=_range(item.get("reps")),
                reps_per_side=per_side_reps,
                seconds=_int(item.get("seconds")),
                # Reps per side are per side by definition; the JSON says so for holds only.
                per_side=bool(item.get("per_side", False)) or per_side_reps is not None,
                **_start_load(item.get("start_load")),
            )
        except (KeyError, TypeError, ValueError, ValidationError) as exc:
            raise InvalidInput(
                f"the plan has a malformed item for {item.get('exercise')}: {_short(exc)}",
                field="plan",
            ) from None

    def dose_text(self) -> str:
        """``3 x 8-12``, ``2 x 5-6/side``, ``2 x 30 s/side``."""
        if self.reps is not None:
            what = str(self.reps)
        elif self.reps_per_side is not None:
            what = f"{self.reps_per_side}/side"
        else:
            what = f"{self.seconds} s" + ("/side" if self.per_side else "")
        return f"{self.sets} x {what}"


@dataclass(frozen=True)
class PlanSession:
    """One session: weekday (1 = Monday), a title, its estimated minutes and its items."""

    day: int
    title: str
    estimated_minutes: int
    items: tuple[PlanItem, ...]

    def to_public(self) -> dict[str, Any]:
        """The session's JSON object."""
        return {
            "day": self.day,
            "title": self.title,
            "estimated_minutes": self.estimated_minutes,
            "items": [i.to_public() for i in self.items],
        }

    @classmethod
    def from_public(cls, data: Mapping[str, Any]) -> PlanSession:
        """Read a session of the plan's JSON."""
        items = data.get("items") or []
        if not isinstance(items, list):
            raise InvalidInput("the plan has a session whose items are not a list", field="plan")
        return cls(
            day=_int(data.get("day")) or 1,
            title=str(data.get("title") or "Session"),
            estimated_minutes=_int(data.get("estimated_minutes")) or 0,
            items=tuple(PlanItem.from_public(i) for i in items),
        )


@dataclass(frozen=True)
class PlanWeek:
    """One week of the plan."""

    week: int
    deload: bool
    sessions: tuple[PlanSession, ...]

    def to_public(self) -> dict[str, Any]:
        """The week's JSON object."""
        return {
            "week": self.week,
            "deload": self.deload,
            "sessions": [s.to_public() for s in self.sessions],
        }

    @classmethod
    def from_public(cls, data: Mapping[str, Any]) -> PlanWeek:
        """Read a week of the plan's JSON."""
        if not isinstance(data, Mapping):
            raise InvalidInput("the plan has a week that is not an object", field="plan")
        sessions = data.get("sessions") or []
        if not isinstance(sessions, list) or not all(isinstance(s, Mapping) for s in sessions):
            raise InvalidInput("the plan has a week whose sessions are not a list", field="plan")
        return cls(
            week=_int(data.get("week")) or 1,
            deload=bool(data.get("deload", False)),
            sessions=tuple(PlanSession.from_public(s) for s in sessions),
        )

    def items(self) -> tuple[PlanItem, ...]:
        """The week's items in session order."""
        return tuple(i for s in self.sessions for i in s.items)


@dataclass(frozen=True)
class Plan:
    """A complete plan with its warnings (unmet principles), notes and solver summary."""

    profile: PlanProfile
    weeks: tuple[PlanWeek, ...]
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    status: str = "UNKNOWN"
    # How long the solver took and its score say how the plan was found, not what it is.
    wall_seconds: float = field(default=0.0, compare=False)
    objective: int = field(default=0, compare=False)
    start_date: date | None = None
    gap_percent: float | None = field(default=None, compare=False)
    """How much (in %) the soft score could still improve when the solver stopped at its budget
    before proving the plan optimal; None when proven."""

    def starting(self, day: date) -> Plan:
        """The same plan with its first week starting on ``day``."""
        return replace(self, start_date=day)

    def week_number(self, today: date) -> int:
        """The week in progress on ``today`` (1 before the start; the last week repeats after
        the block ends; 1 when the plan has no start date)."""
        if self.start_date is None or not self.weeks:
            return 1
        return min(max((today - self.start_date).days // 7 + 1, 1), len(self.weeks))

    def week_at(self, today: date) -> PlanWeek | None:
        """The week in progress on ``today``, or None for a plan without weeks."""
        number = self.week_number(today)
        found = [w for w in self.weeks if w.week == number]
        if found:
            return found[-1]
        return self.weeks[0] if self.weeks else None

    def to_public(self) -> dict[str, Any]:
        """The JSON object of ``strongback plan --json`` (``start_date`` once it has one)."""
        out: dict[str, Any] = {
            "profile": self.profile.to_public(),
            "weeks": [w.to_public() for w in self.weeks],
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            "solver": {"status": self.status, "wall_seconds": round(self.wall_seconds, 3)},
        }
        if self.gap_percent is not None:
            out["solver"]["gap_percent"] = self.gap_percent
        if self.start_date is not None:
            out["start_date"] = self.start_date.isoformat()
        return out

    @classmethod
    def from_public(cls, data: Any) -> Plan:
        """Read the JSON object of a plan; InvalidInput (field ``plan``) names what is wrong."""
        if not isinstance(data, Mapping):
            raise InvalidInput("the plan is not a JSON object", field="plan")
        weeks = data.get("weeks")
        if not isinstance(weeks, list):
            raise InvalidInput("the plan has no weeks", field="plan")
        solver = data.get("solver") if isinstance(data.get("solver"), Mapping) else {}
        assert isinstance(solver, Mapping)
        return cls(
            profile=profile_from_public(data.get("profile")),
            weeks=tuple(PlanWeek.from_public(w) for w in weeks),
            warnings=tuple(str(w) for w in data.get("warnings") or ()),
            notes=tuple(str(n) for n in data.get("notes") or ()),
            status=str(solver.get("status") or "UNKNOWN"),
            wall_seconds=float(solver.get("wall_seconds") or 0.0),
            gap_percent=_gap_of(solver.get("gap_percent")),
            start_date=_date(data.get("start_date")),
        )


@dataclass(frozen=True)
class StoredPlan:
    """A saved plan with its bookkeeping: id, name, when it was saved, whether it is current,
    and the coach who assigned it (None: the user made it)."""

    id: int
    name: str | None
    created_at: datetime
    is_current: bool
    plan: Plan
    assigned_by: int | None = None
    assigned_by_name: str | None = None
    assigned_by_email: str | None = None


def profile_from_public(data: Any) -> PlanProfile:
    """The profile echo of a plan's JSON as a PlanProfile (weekdays as slugs or numbers)."""
    if not isinstance(data, Mapping):
        raise InvalidInput("the plan has no profile", field="plan")
    try:
        days = int(data["days"])
        weekdays = tuple(
            sorted(
                WEEKDAYS.index(d) + 1 if isinstance(d, str) else int(d) for d in data["weekdays"]
            )
        )
        return PlanProfile(
            days=days,
            minutes=int(data["minutes"]),
            equipment=frozenset(Equipment(e) for e in data.get("equipment") or ()),
            level=Level(data["level"]),
            goal=Goal(data["goal"]),
            back_pain=bool(data.get("back_pain", False)),
            weeks=int(data.get("weeks", 4)),
            weekdays=weekdays,
            avoid=tuple(str(a) for a in data.get("avoid") or ()),
            keep=tuple(str(k) for k in data.get("keep") or ()),
        )
    except (KeyError, TypeError, ValueError, ValidationError) as exc:
        raise InvalidInput(
            f"the plan's profile is malformed: {_short(exc)}", field="plan"
        ) from None


def _start_load(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping) or value.get("weight") is None:
        return {}
    return {
        "start_load": float(value["weight"]),
        "load_unit": WeightUnit(value.get("unit") or "kg"),
    }


def _gap_of(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    return round(float(value))


def _range(value: Any) -> RepRange | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return RepRange(min=int(value), max=int(value))
    return RepRange(min=int(value["min"]), max=int(value["max"]))


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InvalidInput(f"the plan's start_date {value!r} is not a date", field="plan") from None


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120]


__all__ = [
    "Plan",
    "PlanItem",
    "PlanSession",
    "PlanWeek",
    "StoredPlan",
    "profile_from_public",
]
