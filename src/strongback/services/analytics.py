"""Use cases of the progress analytics: the numbers of ``strongback progress`` and everything the
printable report holds (the current plan, the progress and the audit).

Each takes the user's scope and reads one unit of work; the numbers themselves are computed in
``strongback.domain.analytics``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from strongback.domain.analytics import (
    DEFAULT_WEEKS,
    MAX_WEEKS,
    Bounded,
    Progress,
    Reach,
    analyse,
    analyse_bounded,
    reach_of,
    timed_exercises,
)
from strongback.domain.catalog import Catalog
from strongback.domain.errors import InvalidInput
from strongback.domain.planning.audit import AuditReport
from strongback.domain.planning.plan import Plan
from strongback.domain.training_log import Workout, history_by_exercise
from strongback.domain.vocab import Goal, Level, WeightUnit
from strongback.services.exercise_ids import resolve_exercise
from strongback.services.ports import Scope, UnitOfWork

REPORT_WEEKS = 4


@dataclass(frozen=True)
class ReportData:
    """What the printable report shows: the current plan (or None), progress and the audit."""

    plan: Plan | None
    progress: Progress
    audit: AuditReport
    made_on: date


def planned_sessions(plan: Plan | None) -> dict[date, int]:
    """Sessions per week (by Monday) that the plan asks for, from its start date on."""
    if plan is None or plan.start_date is None:
        return {}
    start = plan.start_date - timedelta(days=plan.start_date.weekday())
    return {start + timedelta(days=7 * k): len(w.sessions) for k, w in enumerate(plan.weeks)}


def _check_weeks(weeks: int) -> None:
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput(
            f"{{weeks}} must be between 1 and {MAX_WEEKS}, got {weeks}", field="weeks"
        )


def progress_of(
    catalog: Catalog,
    unit: WeightUnit,
    workouts: list[Workout],
    plan: Plan | None,
    *,
    weeks: int = DEFAULT_WEEKS,
    exercise: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> Progress:
    """:func:`progress` over values already read (the benchmark times this part)."""
    _check_weeks(weeks)
    if exercise is not None:
        resolve_exercise(exercise, catalog, history_by_exercise(workouts))
    level, goal = _level_goal(plan)
    return analyse(
        workouts,
        catalog,
        unit=unit,
        weeks=weeks,
        today=today,
        now=now,
        exercise=exercise,
        level=level,
        goal=goal,
        planned=planned_sessions(plan),
    )


def progress(
    scope: Scope,
    *,
    weeks: int = DEFAULT_WEEKS,
    exercise: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> Progress:
    """The progress numbers of the user's history over the last ``weeks`` weeks, in the
    profile's unit. Raises InvalidInput (field ``weeks``) for a bad number of weeks and
    UnknownExercise (with suggestions) for an id neither the catalog nor the history knows.

    Only the window's workouts are read whole; what the numbers need from before it (the best
    estimated max to beat, the last pain, the trained weeks, the benchmarks) comes from
    aggregates (:func:`read_bounded`): the same numbers as :func:`progress_of` over every
    workout, at a cost that does not grow with the years of history."""
    _check_weeks(weeks)
    with scope.unit_of_work() as uow:
        catalog = scope.catalog.with_extra(uow.custom_exercises.list())
        if exercise is not None and catalog.find(exercise) is None:
            logged = dict.fromkeys(uow.aggregates.logged_exercises())
            resolve_exercise(exercise, catalog, logged)
        unit = uow.profile.get().unit
        plan = uow.plans.current()
        reach = reach_of(uow.aggregates.last_day(), weeks, today or date.today(), now)
        parts = read_bounded(uow, reach, exercise)
    level, goal = _level_goal(plan)
    return analyse_bounded(
        parts, catalog, unit=unit, exercise=exercise, level=level, goal=goal,
        planned=planned_sessions(plan),
    )  # fmt: skip


def read_bounded(uow: UnitOfWork, reach: Reach, exercise: str | None = None) -> Bounded:
    """The parts of the user's history a report over ``reach`` reads (``exercise``: the
    estimated maxes of that one only)."""
    window = uow.history.since(reach.since, reach.end)
    recent = window if reach.recovery_in_window else uow.history.since(reach.horizon)
    trained = [exercise] if exercise is not None else _exercises(window)
    return Bounded(
        reach=reach,
        window=tuple(window),
        recent=tuple(w for w in recent if reach.horizon <= w.started_at <= reach.now),
        loaded_before=tuple(uow.aggregates.heaviest_sets(reach.since, trained)),
        last_pain_before=uow.aggregates.last_pain(reach.since),
        days_before=tuple(uow.aggregates.days(reach.since)),
        timed=tuple(uow.aggregates.holding(sorted(timed_exercises()))),
    )


def _exercises(workouts: list[Workout]) -> list[str]:
    return list(dict.fromkeys(s.exercise for w in workouts for s in w.sets))


def _level_goal(plan: Plan | None) -> tuple[Level, Goal]:
    return (
        (plan.profile.level, plan.profile.goal) if plan else (Level.INTERMEDIATE, Goal.HYPERTROPHY)
    )


def this_week(scope: Scope, *, today: date | None = None) -> Progress:
    """This calendar week's numbers alone (the today page's body map): only the workouts since
    Monday are read, so the trends and records in it cover this week only."""
    today = today or date.today()
    monday = today - timedelta(days=today.weekday())
    with scope.unit_of_work() as uow:
        catalog = scope.catalog.with_extra(uow.custom_exercises.list())
        unit = uow.profile.get().unit
        workouts = uow.history.since(datetime.combine(monday, time.min))
        plan = uow.plans.current()
    return progress_of(catalog, unit, workouts, plan, weeks=1, today=today)


def report(scope: Scope, *, weeks: int = REPORT_WEEKS, today: date | None = None) -> ReportData:
    """The current plan, the last ``weeks`` weeks of progress and their audit, for the report."""
    # The planning service loads the solver; only the report needs its audit.
    from strongback.services.planning import MAX_AUDIT_WEEKS, audit

    today = today or date.today()
    found = progress(scope, weeks=weeks, today=today)
    with scope.unit_of_work() as uow:
        plan = uow.plans.current()
    level, goal = _level_goal(plan)
    checked = audit(scope, weeks=min(weeks, MAX_AUDIT_WEEKS), level=level, goal=goal)
    return ReportData(plan=plan, progress=found, audit=checked, made_on=today)


__all__ = [
    "REPORT_WEEKS",
    "ReportData",
    "planned_sessions",
    "progress",
    "progress_of",
    "read_bounded",
    "report",
    "this_week",
]
