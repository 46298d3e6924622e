"""The coach's roster: one line of attention figures per athlete, who needs attention first.

Each athlete is read through their coach's scope (the live link is checked for each), over the
last weeks only (``READ_DAYS``), so the roster's cost does not grow with the years of history.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from strongback.app import AthleteScope, UserScope
from strongback.domain.coaching import (
    READ_DAYS,
    AthleteData,
    Attention,
    Permission,
    attention_of,
    roster_order,
)
from strongback.domain.coaching.attention import PAIN_WINDOW_DAYS
from strongback.domain.errors import NotFound
from strongback.domain.planning.audit import audit_history
from strongback.domain.planning.principles import volume_bands
from strongback.domain.vocab import Goal, Level
from strongback.services.coaching import athlete_scope, athletes

AUDIT_WEEKS = 2  # the week in progress and the one before, for a young week


def athlete_data(scope: AthleteScope, name: str, today: date) -> AthleteData:
    """What the roster needs of one athlete, read in one unit of work."""
    since = datetime.combine(today - timedelta(days=READ_DAYS), time.min)
    until = datetime.combine(today + timedelta(days=1), time.min)
    with scope.unit_of_work() as uow:
        catalog = scope.catalog.with_extra(uow.custom_exercises.list())
        workouts = uow.workouts.list(since=since, until=until)
        older = [] if workouts else uow.workouts.list(last=1, until=until)
        plan = uow.plans.current()
        checkins = uow.checkins.list(since=today - timedelta(days=PAIN_WINDOW_DAYS), until=today)
        profile = uow.profile.get()
    level, goal = (
        (plan.profile.level, plan.profile.goal) if plan else (Level.INTERMEDIATE, Goal.HYPERTROPHY)
    )
    audit = audit_history(
        workouts,
        catalog,
        volume_bands(level, goal),
        weeks=AUDIT_WEEKS,
        until=today,
        level=level.value,
        goal=goal.value,
        unit=profile.unit,
    )
    return AthleteData(
        athlete_id=scope.user_id,
        name=name,
        workouts=workouts,
        plan=plan,
        checkins=checkins,
        audit=audit,
        pain_threshold=profile.pain_threshold,
        last_session=older[-1].day if older else None,
    )


def roster(coach: UserScope, *, today: date | None = None) -> list[Attention]:
    """The coach's athletes with their attention figures, who needs attention first."""
    today = today or date.today()
    lines = []
    for link in athletes(coach):
        scope = coach.app.athlete_scope(coach.user_id, link.athlete_id, Permission.VIEW)
        try:
            lines.append(attention_of(athlete_data(scope, link.athlete_name, today), today))
        except NotFound:
            continue  # revoked since the roster was listed
    return roster_order(lines)


def athlete_attention(coach: UserScope, athlete_id: int, *, today: date | None = None) -> Attention:
    """One athlete's roster line (NotFound unless the coach may view them)."""
    today = today or date.today()
    scope = athlete_scope(coach, athlete_id)
    name = next((a.athlete_name for a in athletes(coach) if a.athlete_id == athlete_id), "")
    return attention_of(athlete_data(scope, name, today), today)


__all__ = ["AUDIT_WEEKS", "athlete_attention", "athlete_data", "roster"]
