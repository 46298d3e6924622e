"""Use cases of the progress analytics: the numbers of ``strongback progress`` and everything the
printable report holds (the current plan, the progress and the audit), from one unit of work.

The numbers themselves are computed in ``strongback.domain.analytics``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from strongback.domain.analytics import DEFAULT_WEEKS, MAX_WEEKS, Progress, analyse
from strongback.domain.catalog import Catalog
from strongback.domain.errors import InvalidInput
from strongback.domain.planning.audit import AuditReport
from strongback.domain.training_log import history_by_exercise
from strongback.domain.vocab import Goal, Level
from strongback.services.progress import catalog_for, resolve_exercise

REPORT_WEEKS = 4


class _Uow(Protocol):
    profile: Any
    workouts: Any
    custom_exercises: Any
    plans: Any


@dataclass(frozen=True)
class ReportData:
    """What the printable report shows: the current plan (its JSON, or None), progress, audit."""

    plan: Mapping[str, Any] | None
    progress: Progress
    audit: AuditReport
    made_on: date


def _plan_profile(plan: Mapping[str, Any] | None) -> tuple[Level, Goal]:
    raw = plan.get("profile") if plan else None
    level, goal = Level.INTERMEDIATE, Goal.HYPERTROPHY
    if isinstance(raw, Mapping):
        try:
            level = Level(str(raw.get("level", level.value)))
            goal = Goal(str(raw.get("goal", goal.value)))
        except ValueError:
            pass  # a plan saved by an older version keeps the defaults
    return level, goal


def planned_sessions(uow: _Uow, plan: Mapping[str, Any] | None) -> dict[date, int]:
    """Sessions per week (by Monday) that the current plan asks for, from the Monday after it
    was saved, as the plan's calendar starts it."""
    if not plan:
        return {}
    created: datetime | None = None
    for stored in uow.plans.list():
        if getattr(stored, "is_current", False):
            created = getattr(stored, "created_at", None)
    if not isinstance(created, datetime):
        return {}
    day = created.date()
    start = day + timedelta(days=(7 - day.weekday()) % 7)
    out: dict[date, int] = {}
    weeks = plan.get("weeks")
    for k, week in enumerate(weeks if isinstance(weeks, list) else []):
        sessions = week.get("sessions") if isinstance(week, Mapping) else None
        if isinstance(sessions, list):
            out[start + timedelta(days=7 * k)] = len(sessions)
    return out


def progress(
    uow: _Uow,
    *,
    weeks: int = DEFAULT_WEEKS,
    exercise: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
    catalog: Catalog | None = None,
) -> Progress:
    """The progress numbers of the user's history over the last ``weeks`` weeks, in the
    profile's unit. Raises InvalidInput for a bad ``weeks`` and UnknownExercise (with
    suggestions) for an id neither the catalog nor the history knows."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput(f"weeks must be between 1 and {MAX_WEEKS}, not {weeks}")
    cat = catalog_for(uow, catalog)
    workouts = uow.workouts.list()
    if exercise is not None:
        resolve_exercise(exercise, cat, history_by_exercise(workouts))
    plan = uow.plans.current()
    level, goal = _plan_profile(plan)
    return analyse(
        workouts,
        cat,
        unit=uow.profile.get().unit,
        weeks=weeks,
        today=today,
        now=now,
        exercise=exercise,
        level=level,
        goal=goal,
        planned=planned_sessions(uow, plan),
    )


def report(
    uow: _Uow,
    *,
    weeks: int = REPORT_WEEKS,
    today: date | None = None,
    catalog: Catalog | None = None,
) -> ReportData:
    """The current plan, the last ``weeks`` weeks of progress and their audit, for the report."""
    # The planning service loads the solver; only the report needs its audit.
    from strongback.services.planning import MAX_AUDIT_WEEKS, audit

    today = today or date.today()
    plan = uow.plans.current()
    level, goal = _plan_profile(plan)
    found = progress(uow, weeks=weeks, today=today, catalog=catalog)
    checked = audit(
        uow,  # type: ignore[arg-type]  # the storage unit of work, typed by its protocol here
        weeks=min(weeks, MAX_AUDIT_WEEKS),
        level=level,
        goal=goal,
        catalog=catalog,
    )
    return ReportData(plan=plan, progress=found, audit=checked, made_on=today)


__all__ = ["REPORT_WEEKS", "ReportData", "planned_sessions", "progress", "report"]
