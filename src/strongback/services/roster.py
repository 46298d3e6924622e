"""The coach's roster: one line of attention figures per athlete, who needs attention first.

The whole roster is read in one unit of work of the coach, a few statements in all: every one
of them joins the coach's live links, so the access check is read with the data, at once. Only
the last weeks are read (the days of sessions, their pain and notes; full sets for the weeks
the audit checks), so the roster's cost does not grow with the years of history.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from strongback.app import UserScope
from strongback.domain.catalog import Catalog
from strongback.domain.coaching import (
    READ_DAYS,
    AthleteData,
    Attention,
    CoachingLink,
    PlanCalendar,
    attention_of,
    roster_order,
)
from strongback.domain.coaching.attention import NOTE_WINDOW_DAYS, PAIN_WINDOW_DAYS
from strongback.domain.planning.audit import AuditReport, audit_history, monday_of
from strongback.domain.planning.principles import volume_bands
from strongback.domain.profile import DEFAULT_PAIN_THRESHOLD
from strongback.domain.training_log import Workout
from strongback.domain.vocab import WeightUnit
from strongback.services.coaching import athlete_scope, athletes
from strongback.services.ports import UnitOfWork

AUDIT_WEEKS = 2  # the week in progress, or the one before while it is young


def audit_start(today: date) -> date:
    """The first day the audit reads: its weeks and one more before (for recovery)."""
    return monday_of(today) - timedelta(days=7 * AUDIT_WEEKS)


def audit_of(
    workouts: Sequence[Workout],
    catalog: Catalog,
    calendar: PlanCalendar | None,
    unit: WeightUnit,
    today: date,
) -> AuditReport:
    """The audit of the week in progress, or of the week before while this one has no
    training yet, judged by the plan's level and goal."""
    cal = calendar or PlanCalendar(None, ())
    monday = monday_of(today)
    trained = any(monday <= w.day <= today for w in workouts)
    return audit_history(
        workouts,
        catalog,
        volume_bands(cal.level, cal.goal),
        weeks=1,
        until=today if trained else monday - timedelta(days=1),
        level=cal.level.value,
        goal=cal.goal.value,
        unit=unit,
    )


def _read_all(
    uow: UnitOfWork, links: list[CoachingLink], catalog: Catalog, today: date
) -> list[AthleteData]:
    repo = uow.roster
    since = today - timedelta(days=READ_DAYS)
    sessions = repo.sessions(since, today)
    pains = repo.set_pain_and_notes(today - timedelta(days=max(NOTE_WINDOW_DAYS, PAIN_WINDOW_DAYS)))
    full = repo.workouts(audit_start(today))
    last = repo.last_sessions()
    calendars = repo.plan_calendars()
    profiles = repo.profiles()
    found_checkins = repo.checkins(today - timedelta(days=PAIN_WINDOW_DAYS))
    customs = repo.custom_exercises()
    out = []
    for link in links:
        a = link.athlete_id
        calendar = calendars.get(a)
        threshold, unit = profiles.get(a, (DEFAULT_PAIN_THRESHOLD, WeightUnit.KG))
        cat = catalog.with_extra(customs[a]) if a in customs else catalog
        pain: dict[date, int] = {}
        notes = [(d, n) for d, n in sessions.get(a, ()) if n]
        for d, p, n in pains.get(a, ()):
            if p is not None:
                pain[d] = max(pain.get(d, 0), p)
            if n:
                notes.append((d, n))
        out.append(
            AthleteData(
                athlete_id=a,
                name=link.athlete_name,
                sessions=[d for d, _ in sessions.get(a, ())],
                calendar=calendar,
                checkins=found_checkins.get(a, []),
                audit=audit_of(full.get(a, []), cat, calendar, unit, today),
                pain_threshold=threshold,
                last_session=last.get(a),
                pain_logged=pain,
                notes=notes,
            )
        )
    return out


def roster(coach: UserScope, *, today: date | None = None) -> list[Attention]:
    """The coach's athletes with their attention figures, who needs attention first."""
    today = today or date.today()
    with coach.unit_of_work() as uow:
        links = uow.coaching.athletes()
        data = _read_all(uow, links, coach.catalog, today)
    return roster_order(attention_of(d, today) for d in data)


def athlete_attention(coach: UserScope, athlete_id: int, *, today: date | None = None) -> Attention:
    """One athlete's roster line (NotFound unless the coach may view them)."""
    today = today or date.today()
    scope = athlete_scope(coach, athlete_id)
    name = next((a.athlete_name for a in athletes(coach) if a.athlete_id == athlete_id), "")
    with scope.unit_of_work() as uow:
        catalog = scope.catalog.with_extra(uow.custom_exercises.list())
        workouts = uow.workouts.list(since=_midnight(today - timedelta(days=READ_DAYS)))
        older = [] if workouts else uow.workouts.list(last=1)
        plan = uow.plans.current()
        checkins = uow.checkins.list(since=today - timedelta(days=PAIN_WINDOW_DAYS), until=today)
        profile = uow.profile.get()
    calendar = PlanCalendar.of(plan) if plan is not None else None
    first = _midnight(audit_start(today))
    audit = audit_of(
        [w for w in workouts if w.started_at >= first], catalog, calendar, profile.unit, today
    )
    data = AthleteData.of_workouts(
        athlete_id, name, workouts, plan=plan, checkins=checkins, audit=audit,
        pain_threshold=profile.pain_threshold,
        last_session=older[-1].day if older else None,
    )  # fmt: skip
    return attention_of(data, today)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)


__all__ = ["AUDIT_WEEKS", "athlete_attention", "audit_of", "audit_start", "roster"]
