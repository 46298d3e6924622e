"""Use cases of the program generator: build a plan, save it as the current plan, audit a history.

Functions that touch storage take the caller's unit of work and never commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from strongback.domain.catalog import Catalog, load_catalog
from strongback.domain.errors import InvalidInput
from strongback.domain.planning.audit import AuditReport, audit_history, monday_of
from strongback.domain.planning.generator import generate_plan
from strongback.domain.planning.plan import Plan
from strongback.domain.planning.profile import make_profile
from strongback.domain.planning.rules import volume_bands
from strongback.domain.vocab import Goal, Level

if TYPE_CHECKING:
    from strongback.storage.unit_of_work import UnitOfWork

MAX_AUDIT_WEEKS = 52


def build_plan(
    *,
    days: int,
    minutes: int,
    equipment: str | Iterable[str],
    level: str | Level = Level.BEGINNER,
    goal: str | Goal = Goal.HYPERTROPHY,
    back_pain: bool = False,
    weeks: int = 4,
    weekdays: str | Iterable[str] | None = None,
    avoid: str | Iterable[str] | None = None,
    catalog: Catalog | None = None,
) -> Plan:
    """Validate the profile and generate its plan (InvalidInput, InfeasibleProfile on bad input)."""
    cat = catalog or load_catalog()
    profile = make_profile(
        days=days,
        minutes=minutes,
        equipment=equipment,
        level=level,
        goal=goal,
        catalog=cat,
        back_pain=back_pain,
        weeks=weeks,
        weekdays=weekdays,
        avoid=avoid,
    )
    return generate_plan(profile, cat)


def save_plan(uow: UnitOfWork, plan: Plan | dict[str, Any], *, name: str | None = None) -> int:
    """Store the plan as the user's current plan (the caller commits); returns its id."""
    data = plan.to_public() if isinstance(plan, Plan) else plan
    return uow.plans.save(data, name=name, current=True)


def audit(
    uow: UnitOfWork,
    *,
    weeks: int = 4,
    level: str | Level = Level.INTERMEDIATE,
    goal: str | Goal = Goal.HYPERTROPHY,
    until: date | None = None,
    catalog: Catalog | None = None,
) -> AuditReport:
    """Audit the user's logged history (imported workouts included) over the last weeks."""
    from strongback.domain.catalog import parse_slug

    if not 1 <= weeks <= MAX_AUDIT_WEEKS:
        raise InvalidInput(f"--weeks must be between 1 and {MAX_AUDIT_WEEKS}, got {weeks}")
    lvl = level if isinstance(level, Level) else parse_slug(Level, "level", level)
    gl = goal if isinstance(goal, Goal) else parse_slug(Goal, "goal", goal)
    cat = (catalog or load_catalog()).with_extra(uow.custom_exercises.list())
    if until is None:
        latest = uow.workouts.list(last=1)
        until = latest[-1].day if latest else date.today()
    first = monday_of(until) - timedelta(days=7 * weeks)  # one week more, for the recovery check
    workouts = uow.workouts.list(since=datetime.combine(first, time.min))
    return audit_history(
        workouts,
        cat,
        volume_bands(lvl, gl),
        weeks=weeks,
        until=until,
        level=lvl.value,
        goal=gl.value,
        unit=uow.profile.get().unit,
    )


__all__ = ["MAX_AUDIT_WEEKS", "audit", "build_plan", "save_plan"]
