"""What the roster reads of one athlete, reduced to what its figures need: the days of their
sessions, the pain logged per day, the notes, the plan's calendar, check-ins and the audit.

The reduced form lets storage read a whole roster in a few statements (a plan's calendar is
read from its JSON without building the whole plan); :meth:`AthleteData.of_workouts` builds it
from full workouts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from strongback.domain.coaching.checkins import CheckIn
from strongback.domain.planning.audit import WeekAudit
from strongback.domain.planning.plan import Plan
from strongback.domain.training_log import Workout
from strongback.domain.vocab import Goal, Level


@dataclass(frozen=True)
class PlanCalendar:
    """When a plan's sessions fall: its start date and the weekdays (1 = Monday) of each week's
    sessions; with the level and goal its audit is judged by."""

    start_date: date | None
    weeks: tuple[tuple[int, ...], ...]
    level: Level = Level.INTERMEDIATE
    goal: Goal = Goal.HYPERTROPHY

    @classmethod
    def of(cls, plan: Plan) -> PlanCalendar:
        """The calendar of a plan."""
        return cls(
            plan.start_date,
            tuple(tuple(s.day for s in w.sessions) for w in plan.weeks),
            plan.profile.level,
            plan.profile.goal,
        )

    def to_public(self) -> dict[str, Any]:
        """The calendar's JSON object (what storage keeps beside the plan)."""
        return {
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "weeks": [list(days) for days in self.weeks],
            "level": self.level.value,
            "goal": self.goal.value,
        }

    @classmethod
    def from_public(cls, data: Mapping[str, Any]) -> PlanCalendar | None:
        """The calendar from its JSON object (None when it does not read as one)."""
        try:
            start = data.get("start_date")
            return cls(
                date.fromisoformat(start) if start else None,
                tuple(tuple(int(d) for d in days) for days in data.get("weeks") or ()),
                Level(data.get("level", Level.INTERMEDIATE.value)),
                Goal(data.get("goal", Goal.HYPERTROPHY.value)),
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            return None

    @classmethod
    def of_plan_json(cls, data: Mapping[str, Any]) -> PlanCalendar | None:
        """The calendar read from a plan's JSON (None when it does not read as one)."""
        try:
            profile = data.get("profile") or {}
            start = data.get("start_date")
            return cls(
                date.fromisoformat(start) if start else None,
                tuple(
                    tuple(int(s["day"]) for s in w.get("sessions") or ())
                    for w in data.get("weeks") or ()
                ),
                Level(profile.get("level", Level.INTERMEDIATE.value)),
                Goal(profile.get("goal", Goal.HYPERTROPHY.value)),
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            return None

    def planned_between(self, first: date, last: date) -> int | None:
        """Sessions planned on the days from ``first`` to ``last``; None without a start date."""
        if self.start_date is None:
            return None
        monday = self.start_date - timedelta(days=self.start_date.weekday())
        count = 0
        for k, days in enumerate(self.weeks):
            for d in days:
                day = monday + timedelta(days=7 * k + d - 1)
                if first <= day <= last and day >= self.start_date:
                    count += 1
        return count


@dataclass(frozen=True)
class AthleteData:
    """One athlete's inputs to the roster: ``sessions`` holds the day of each workout of the
    last weeks read, ``pain_logged`` the highest set pain of each day, ``notes`` the workout and
    set notes by day; ``last_session`` the latest session ever; ``audit`` the checks of the
    week the roster judges (the week in progress, or the one before while it is young)."""

    athlete_id: int
    name: str
    sessions: Sequence[date]
    calendar: PlanCalendar | None
    checkins: Sequence[CheckIn]
    audit: WeekAudit | None
    pain_threshold: int
    last_session: date | None
    pain_logged: Mapping[date, int] = field(default_factory=dict)
    notes: Sequence[tuple[date, str]] = ()

    @classmethod
    def of_workouts(
        cls,
        athlete_id: int,
        name: str,
        workouts: Iterable[Workout],
        *,
        plan: Plan | None,
        checkins: Sequence[CheckIn],
        audit: WeekAudit | None,
        pain_threshold: int,
        last_session: date | None = None,
    ) -> AthleteData:
        """The inputs from full workouts (``last_session``: the latest, when none is given)."""
        days: list[date] = []
        pain: dict[date, int] = {}
        notes: list[tuple[date, str]] = []
        for w in workouts:
            days.append(w.day)
            notes.extend((w.day, n) for n in (w.notes, *(s.notes for s in w.sets)) if n)
            for s in w.sets:
                if s.pain is not None:
                    pain[w.day] = max(pain.get(w.day, 0), s.pain)
        return cls(
            athlete_id=athlete_id,
            name=name,
            sessions=days,
            calendar=PlanCalendar.of(plan) if plan is not None else None,
            checkins=checkins,
            audit=audit,
            pain_threshold=pain_threshold,
            last_session=max(days, default=last_session),
            pain_logged=pain,
            notes=notes,
        )


__all__ = ["AthleteData", "PlanCalendar"]
