"""Use cases of the program generator: build a plan, save it as the current plan, its calendar,
and the audit of a logged history against the same principles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from strongback.domain.catalog import Catalog
from strongback.domain.errors import InvalidInput
from strongback.domain.planning.audit import AuditReport, audit_history, monday_of
from strongback.domain.planning.generator import generate_plan
from strongback.domain.planning.history import AthleteHistory, own_exercises, read_lifts
from strongback.domain.planning.plan import Plan, StoredPlan
from strongback.domain.planning.plan_profile import WEEKDAYS, PlanProfile, make_profile
from strongback.domain.planning.principles import volume_bands
from strongback.domain.vocab import Equipment, Goal, Level
from strongback.services.ports import Scope

MAX_AUDIT_WEEKS = 52


@dataclass(frozen=True)
class PlanRequest:
    """What a program is asked for, as values (the planning profile before it is checked)."""

    days: int
    minutes: int
    equipment: frozenset[Equipment]
    level: Level = Level.BEGINNER
    goal: Goal = Goal.HYPERTROPHY
    back_pain: bool = False
    weeks: int = 4
    weekdays: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    from_history: bool = False
    keep_own: bool = False
    """``from_history``: first loads from the logged history; ``keep_own``: also keep, per weekly
    requirement, the athlete's most practised own exercise that serves it (implies the history).
    ``keep`` names exercises to keep (catalog or the user's custom ones)."""


def request_of(profile: PlanProfile) -> PlanRequest:
    """The request a plan was made from (its profile echo): to make it again, or as the
    answers the user gave last."""
    return PlanRequest(
        days=profile.days,
        minutes=profile.minutes,
        equipment=profile.equipment,
        level=profile.level,
        goal=profile.goal,
        back_pain=profile.back_pain,
        weeks=profile.weeks,
        weekdays=tuple(WEEKDAYS[d - 1] for d in profile.weekdays),
        avoid=profile.avoid,
    )


@dataclass(frozen=True)
class SavedAnswers:
    """What the user gave the planner and kept: the saved profile's equipment (None: no
    profile saved) and the request of their current plan (None: no plan saved)."""

    equipment: frozenset[Equipment] | None = None
    plan: PlanRequest | None = None


def saved_answers(scope: Scope) -> SavedAnswers:
    """The user's saved answers to the planner, for a plan asked with some left out."""
    with scope.unit_of_work() as uow:
        equipment = uow.profile.get().equipment if uow.profile.exists() else None
        current = uow.plans.current()
    plan = request_of(current.profile) if current is not None else None
    if equipment is None and plan is not None:
        equipment = plan.equipment
    return SavedAnswers(equipment, plan)


HISTORY_WEEKS = 104
"""How far back the history a plan starts from is read."""


def build_plan(
    catalog: Catalog,
    request: PlanRequest,
    scope: Scope | None = None,
    *,
    today: date | None = None,
) -> Plan:
    """Check the request and generate its plan (InvalidInput naming the field, or
    InfeasibleProfile saying why no plan can serve it). Nothing is stored. With a ``scope``, kept
    exercises may be the user's custom ones, and ``from_history``/``keep_own`` read the user's
    logged history (as of ``today``) for the first loads and the kept exercises."""
    history: AthleteHistory | None = None
    keep = list(request.keep)
    if scope is not None and (request.from_history or request.keep_own or request.keep):
        catalog, history = _read_history(scope, catalog, today or date.today())
        if request.keep_own:
            own = own_exercises(history, catalog, request.equipment, request.avoid)
            keep.extend(k for k in own if k not in keep)
        if not (request.from_history or request.keep_own):
            history = None
    profile = make_profile(
        days=request.days,
        minutes=request.minutes,
        equipment=sorted(e.value for e in request.equipment),
        level=request.level,
        goal=request.goal,
        catalog=catalog,
        back_pain=request.back_pain,
        weeks=request.weeks,
        weekdays=request.weekdays or None,
        avoid=request.avoid or None,
        keep=keep or None,
    )
    return generate_plan(profile, catalog, history)


def _read_history(scope: Scope, catalog: Catalog, today: date) -> tuple[Catalog, AthleteHistory]:
    """The catalog with the user's custom exercises, and what their history says of each lift."""
    since = datetime.combine(today - timedelta(weeks=HISTORY_WEEKS), time.min)
    with scope.unit_of_work() as uow:
        cat = catalog.with_extra(uow.custom_exercises.list())
        workouts = uow.workouts.list(since=since)
        owned = uow.profile.get()
    lifts = read_lifts(workouts, cat)
    return cat, AthleteHistory(lifts=lifts, today=today, unit=owned.unit, owned=owned)


def first_monday(day: date) -> date:
    """The Monday on or after ``day``: where a plan saved that day starts."""
    return day + timedelta(days=(7 - day.weekday()) % 7)


def save_plan(
    scope: Scope,
    plan: Plan,
    *,
    start: date | None = None,
    name: str | None = None,
    today: date | None = None,
    assigned_by: int | None = None,
) -> tuple[int, Plan]:
    """Store the plan as the user's current plan, starting on ``start`` (else its own start
    date, else the Monday on or after today); returns its id and the plan as stored. Earlier
    plans are kept. ``assigned_by`` is the coach who assigned it."""
    dated = plan.starting(start or plan.start_date or first_monday(today or date.today()))
    with scope.unit_of_work(write=True) as uow:
        plan_id = uow.plans.save(dated, name=name, current=True, assigned_by=assigned_by)
        uow.commit()
    return plan_id, dated


def current_plan(scope: Scope) -> Plan | None:
    """The user's current plan, or None."""
    with scope.unit_of_work() as uow:
        return uow.plans.current()


def current_stored_plan(scope: Scope) -> StoredPlan | None:
    """The user's current plan with its id and name, and who assigned it, or None."""
    with scope.unit_of_work() as uow:
        return uow.plans.current_stored()


def stored_plans(scope: Scope) -> list[StoredPlan]:
    """Every plan the user saved or was assigned, oldest first."""
    with scope.unit_of_work() as uow:
        return uow.plans.list()


def plan_calendar(catalog: Catalog, plan: Plan, start: date) -> bytes:
    """The plan as iCalendar bytes, one all-day event per session from ``start`` on."""
    from strongback.interchange.ics import plan_to_ics

    return plan_to_ics(plan, start, catalog=catalog)


def audit(
    scope: Scope,
    *,
    weeks: int = 4,
    level: Level = Level.INTERMEDIATE,
    goal: Goal = Goal.HYPERTROPHY,
    until: date | None = None,
) -> AuditReport:
    """Audit the user's logged history (imported workouts included) over the last weeks."""
    if not 1 <= weeks <= MAX_AUDIT_WEEKS:
        raise InvalidInput(
            f"{{weeks}} must be between 1 and {MAX_AUDIT_WEEKS}, got {weeks}", field="weeks"
        )
    with scope.unit_of_work() as uow:
        cat = scope.catalog.with_extra(uow.custom_exercises.list())
        if until is None:
            latest = uow.workouts.list(last=1)
            until = latest[-1].day if latest else date.today()
        first = monday_of(until) - timedelta(days=7 * weeks)  # a week more, for recovery
        workouts = uow.workouts.list(since=datetime.combine(first, time.min))
        unit = uow.profile.get().unit
    return audit_history(
        workouts,
        cat,
        volume_bands(level, goal),
        weeks=weeks,
        until=until,
        level=level.value,
        goal=goal.value,
        unit=unit,
    )


__all__ = [
    "HISTORY_WEEKS",
    "MAX_AUDIT_WEEKS",
    "PlanRequest",
    "SavedAnswers",
    "audit",
    "build_plan",
    "current_plan",
    "current_stored_plan",
    "first_monday",
    "plan_calendar",
    "request_of",
    "save_plan",
    "saved_answers",
    "stored_plans",
]
