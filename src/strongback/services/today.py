"""Use case of the today page: the next session of the current plan, each exercise with its
prescription (from the history before today, so it holds still while the sets are logged), the
sets already logged today, and how to load a barbell."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from strongback.domain.analytics import Progress
from strongback.domain.body_weight import body_weights
from strongback.domain.catalog import Catalog
from strongback.domain.coaching.checkins import CheckIn
from strongback.domain.exercise import Exercise
from strongback.domain.planning.plan import Plan, PlanItem, PlanSession
from strongback.domain.profile import UserProfile
from strongback.domain.progression import Prescription
from strongback.domain.progression.loads import (
    Implement,
    PlateLoading,
    implements_for,
    plate_loading,
)
from strongback.domain.progression.plan_view import next_session as plan_next_session
from strongback.domain.strength import BodyWeights
from strongback.domain.training_log import PerformedSet, Workout, history_by_exercise
from strongback.services.analytics import progress_of
from strongback.services.ports import Scope
from strongback.services.progress import (
    history_for,
    prescriptions_for,
    recent_checkins,
    resolve_exercise,
)

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class TodayItem:
    """One exercise of the session: what to do, why, and what was logged today."""

    exercise: Exercise
    prescription: Prescription
    item: PlanItem | None
    logged: tuple[PerformedSet, ...]
    plates: PlateLoading | None

    @property
    def done(self) -> bool:
        """True once every prescribed set is logged."""
        return len(self.logged) >= self.prescription.sets


@dataclass(frozen=True)
class TodaySession:
    """The next session: its weekday, title, plan week, and its exercises in order."""

    day: date
    weekday: str
    title: str
    is_today: bool
    week: int | None
    deload: str | None
    items: tuple[TodayItem, ...]
    message: str | None
    has_plan: bool


def next_session(plan: Plan, today: date) -> tuple[PlanSession | None, bool]:
    """The plan's session today or the next one (the one ``strongback next`` shows before
    anything is logged today: the page keeps today's session while its sets are logged); and
    whether it is today's."""
    coming = plan_next_session(plan, today)
    if coming is None:
        return None, False
    return coming.session, coming.day == today


def _plates(exercise: Exercise, item: Prescription, profile: UserProfile) -> PlateLoading | None:
    if item.weight is None:
        return None
    kinds = implements_for(exercise, profile)
    if not kinds or kinds[0] is not Implement.BARBELL:
        return None
    return plate_loading(item.weight, profile)


@dataclass(frozen=True)
class _Read:
    """What the today page reads, in one unit of work."""

    catalog: Catalog
    profile: UserProfile
    plan: Plan | None
    workouts: list[Workout]
    body: BodyWeights
    checkins: list[CheckIn]


def _read(scope: Scope, day: date) -> _Read:
    with scope.unit_of_work() as uow:
        plan = uow.plans.current()
        return _Read(
            catalog=scope.catalog.with_extra(uow.custom_exercises.list()),
            profile=uow.profile.get(),
            plan=plan,
            workouts=history_for(uow, plan, day),  # the recent weeks, not the whole history
            body=body_weights(uow.body_weights.list()),
            checkins=recent_checkins(uow, day),
        )


def today_session(scope: Scope, today: date | None = None) -> TodaySession:
    """The next session of the current plan with every exercise's prescription, or (without a
    plan) the exercises trained lately."""
    day = today or date.today()
    return _session(_read(scope, day), day)


def today_and_week(scope: Scope, today: date | None = None) -> tuple[TodaySession, Progress]:
    """The today page from one read: :func:`today_session` and this calendar week's numbers
    (``analytics.this_week``, the body map), from the workouts since Monday among those read
    for the prescriptions (they cover the last weeks whole)."""
    day = today or date.today()
    found = _read(scope, day)
    monday = datetime.combine(day - timedelta(days=day.weekday()), time.min)
    week = [w for w in found.workouts if w.started_at >= monday]
    progress = progress_of(found.catalog, found.profile.unit, week, found.plan, weeks=1, today=day)
    return _session(found, day), progress


def _session(found: _Read, day: date) -> TodaySession:
    cat, profile, plan, workouts = found.catalog, found.profile, found.plan, found.workouts
    before = [w for w in workouts if w.day < day]
    logged: dict[str, list[PerformedSet]] = {}
    for w in workouts:
        if w.day == day:
            for s in w.sets:
                logged.setdefault(s.exercise, []).append(s)
    session, is_today = next_session(plan, day) if plan is not None else (None, False)
    result = prescriptions_for(
        cat, profile, before, plan, today=day, body=found.body, checkins=found.checkins
    )
    by_id = {p.exercise: p for p in result.prescriptions}
    items = session.items if session is not None else ()
    ids = [i.exercise for i in items] if session is not None else list(by_id)
    plan_items = {i.exercise: i for i in items}
    out = []
    histories = history_by_exercise(before)
    for ex_id in ids:
        prescription = by_id.get(ex_id)
        if prescription is None:
            continue
        exercise = resolve_exercise(ex_id, cat, histories)
        out.append(
            TodayItem(
                exercise=exercise,
                prescription=prescription,
                item=plan_items.get(ex_id),
                logged=tuple(logged.get(ex_id, ())),
                plates=_plates(exercise, prescription, profile),
            )
        )
    weekday = session.day if session is not None else day.isoweekday()
    return TodaySession(
        day=day,
        weekday=WEEKDAY_NAMES[weekday - 1],
        title=session.title if session is not None else "Exercises trained lately",
        is_today=is_today if session is not None else True,
        week=result.plan_week,
        deload=result.deload.reason if result.deload is not None else None,
        items=tuple(out),
        message=result.message,
        has_plan=plan is not None,
    )


__all__ = [
    "WEEKDAY_NAMES",
    "TodayItem",
    "TodaySession",
    "next_session",
    "today_and_week",
    "today_session",
]
