"""The coach's roster: one line of attention figures per athlete, who needs attention first.

The whole roster is read in one unit of work of the coach, a few statements in all: every one
of them joins the coach's live links, so the access check is read with the data, at once. Only
the last weeks are read (the days of sessions, the highest pain and the notes of each; for the
week the audit checks, the sets counted by exercise, reps and kind in one aggregate), so the
roster's cost does not grow with the years of history, and no set becomes a Python object.
The weekly checks over those tallies hold the same results as over the sets
(tests/services/test_roster_audit.py runs both on generated athletes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

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
from strongback.domain.coaching.checkins import CheckIn
from strongback.domain.exercise import Exercise
from strongback.domain.planning.audit import AuditReport, WeekAudit, audit_history, monday_of
from strongback.domain.planning.principles import Band, Group, volume_bands
from strongback.domain.planning.tallies import SetTally, audit_tallied_week
from strongback.domain.profile import DEFAULT_PAIN_THRESHOLD
from strongback.domain.training_log import Workout
from strongback.domain.vocab import Goal, Level, WeightUnit
from strongback.services.coaching import athlete_scope, athletes
from strongback.services.ports import UnitOfWork

AUDIT_WEEKS = 2  # the week in progress, or the one before while it is young

_Bands = Callable[[Level, Goal], dict[Group, Band]]


def audit_start(today: date) -> date:
    """The first day the audit reads: its weeks and one more before (for recovery)."""
    return monday_of(today) - timedelta(days=7 * AUDIT_WEEKS)


def audited_week(session_days: Iterable[date], today: date) -> date:
    """The Monday of the week the roster judges: the week in progress once it holds a session,
    else the week before."""
    monday = monday_of(today)
    trained = any(monday <= d <= today for d in session_days)
    return monday if trained else monday - timedelta(days=7)


def audit_of(
    workouts: Sequence[Workout],
    catalog: Catalog,
    calendar: PlanCalendar | None,
    unit: WeightUnit,
    today: date,
) -> AuditReport:
    """The full audit (progression too) of the week the roster judges, from the workouts'
    sets, judged by the plan's level and goal."""
    cal = calendar or PlanCalendar(None, ())
    week = audited_week((w.day for w in workouts), today)
    return audit_history(
        workouts,
        catalog,
        volume_bands(cal.level, cal.goal),
        weeks=1,
        until=min(today, week + timedelta(days=6)),
        level=cal.level.value,
        goal=cal.goal.value,
        unit=unit,
    )


def week_of(report: AuditReport) -> WeekAudit | None:
    """The week a one-week audit judged (None when nothing was logged)."""
    return report.weeks[-1] if report.weeks else None


@dataclass(frozen=True)
class _Reads:
    """Everything the roster reads, keyed by athlete."""

    sessions: dict[int, list[tuple[date, str | None]]]
    pains: dict[int, list[tuple[date, int | None, str | None]]]
    tallies: dict[int, list[SetTally]]
    last: dict[int, date]
    calendars: dict[int, PlanCalendar | None]
    profiles: dict[int, tuple[int, WeightUnit]]
    checkins: dict[int, list[CheckIn]]
    customs: dict[int, list[Exercise]]


def _read(uow: UnitOfWork, today: date) -> _Reads:
    repo = uow.roster
    return _Reads(
        sessions=repo.sessions(today - timedelta(days=READ_DAYS), today),
        pains=repo.set_pain_and_notes(
            today - timedelta(days=max(NOTE_WINDOW_DAYS, PAIN_WINDOW_DAYS))
        ),
        # The earlier of the two weeks, and the Sunday before it (for recovery).
        tallies=repo.set_tallies(monday_of(today) - timedelta(days=8)),
        last=repo.last_sessions(),
        calendars=repo.plan_calendars(),
        profiles=repo.profiles(),
        checkins=repo.checkins(today - timedelta(days=PAIN_WINDOW_DAYS)),
        customs=repo.custom_exercises(),
    )


def _athlete_data(
    link: CoachingLink, reads: _Reads, catalog: Catalog, bands: _Bands, today: date
) -> AthleteData:
    a = link.athlete_id
    calendar = reads.calendars.get(a)
    threshold, _unit = reads.profiles.get(a, (DEFAULT_PAIN_THRESHOLD, WeightUnit.KG))
    cat = catalog.with_extra(reads.customs[a]) if a in reads.customs else catalog
    sessions = reads.sessions.get(a, [])
    days = [d for d, _ in sessions]
    pain: dict[date, int] = {}
    notes = [(d, n) for d, n in sessions if n]
    for d, p, n in reads.pains.get(a, ()):
        if p is not None:
            pain[d] = max(pain.get(d, 0), p)
        if n:
            notes.append((d, n))
    week = audited_week(days, today)
    cal = calendar or PlanCalendar(None, ())
    audit = audit_tallied_week(
        reads.tallies.get(a, ()),
        cat,
        bands(cal.level, cal.goal),
        week,
        sum(1 for d in days if week <= d < week + timedelta(days=7)),
    )
    return AthleteData(
        athlete_id=a,
        name=link.athlete_name,
        sessions=days,
        calendar=calendar,
        checkins=reads.checkins.get(a, []),
        audit=audit,
        pain_threshold=threshold,
        last_session=reads.last.get(a),
        pain_logged=pain,
        notes=notes,
    )


def roster(coach: UserScope, *, today: date | None = None) -> list[Attention]:
    """The coach's athletes with their attention figures, who needs attention first."""
    today = today or date.today()
    with coach.unit_of_work() as uow:
        links = uow.coaching.athletes()
        reads = _read(uow, today)
    bands = cache(volume_bands)  # one band table per level and goal, read only
    return roster_order(
        attention_of(_athlete_data(link, reads, coach.catalog, bands, today), today)
        for link in links
    )


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
        athlete_id, name, workouts, plan=plan, checkins=checkins, audit=week_of(audit),
        pain_threshold=profile.pain_threshold,
        last_session=older[-1].day if older else None,
    )  # fmt: skip
    return attention_of(data, today)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)


__all__ = [
    "AUDIT_WEEKS",
    "athlete_attention",
    "audit_of",
    "audit_start",
    "audited_week",
    "roster",
    "week_of",
]
