"""Use cases of coaching: invites and their acceptance, the athlete's coaches (list, change,
revoke), the coach's athletes, and the access check that gives a coach an athlete's scope.

A coach reaches an athlete's data only through :func:`athlete_scope`: every unit of work of that
scope reads the coach's link in the database first, so a revocation or a narrower permission
ends access at once. Anything a coach may not reach answers NotFound, as for an id that names
nothing, never the data and never "forbidden".

Times here are UTC wall-clock times (naive), like the expiry the API shows with a ``Z``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from strongback.app import AthleteScope, UserScope
from strongback.domain.coaching import (
    COACHING_OFF,
    CoachingLink,
    Invite,
    Permission,
    coaching_off,
    invite_expiry,
    new_token,
    parse_permission,
    token_hash,
)
from strongback.domain.errors import InvalidInput, NotFound
from strongback.services.ports import Scope

if TYPE_CHECKING:
    from strongback.domain.planning.plan import Plan
    from strongback.services.planning import PlanRequest

MAX_ID = 2**31 - 1
MAX_TOKEN = 200


def utc_now() -> datetime:
    """Now, UTC, naive, to the second."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def coaching_on(scope: Scope) -> bool:
    """Whether the user turned coaching on."""
    with scope.unit_of_work() as uow:
        return uow.coaching.coaching_on()


def set_coaching(scope: Scope, on: bool) -> bool:
    """Turn the user's coaching on or off; returns the new setting. Off closes every coach's
    view of the user's athletes: the dashboard, the roster, the invites (unused ones cannot be
    accepted), each linked athlete's data and their comments (Conflict naming ``coaching``; an
    athlete the coach has no live link to stays NotFound). The athletes' links stay as they
    are, theirs to change or revoke: turned on again, the coach reaches each athlete within
    the permission given."""
    with scope.unit_of_work(write=True) as uow:
        uow.coaching.set_coaching(on)
        uow.commit()
    return on


def require_coaching(scope: Scope) -> None:
    """Conflict unless the user turned coaching on."""
    if not coaching_on(scope):
        raise coaching_off()


def create_invite(scope: Scope, *, now: datetime | None = None) -> Invite:
    """A one-time invite by the user as coach: the token (shown once, stored hashed) and when
    it expires (7 days on). Conflict unless the user turned coaching on."""
    now = now or utc_now()
    token = new_token()
    expires = invite_expiry(now)
    with scope.unit_of_work(write=True) as uow:
        if not uow.coaching.coaching_on():
            raise coaching_off()
        uow.coaching.add_invite(token_hash(token), now, expires)
        uow.commit()
    return Invite(token=token, expires_at=expires)


def _check_token(token: str) -> str:
    token = (token or "").strip()
    if not token or len(token) > MAX_TOKEN:
        raise NotFound("no such invite; ask your coach for a new link", field="token")
    return token


def accept_invite(
    scope: Scope, token: str, permission: Permission | str, *, now: datetime | None = None
) -> CoachingLink:
    """The user accepts an invite as athlete, granting ``view`` or ``assign``. An invite is
    used once; an unknown, used or expired one is NotFound. Accepting a coach already linked
    sets the permission given."""
    granted = parse_permission(permission)
    hashed = token_hash(_check_token(token))
    now = now or utc_now()
    with scope.unit_of_work(write=True) as uow:
        coach_id = uow.coaching.take_invite(hashed, now)
        uow.coaching.grant(coach_id, granted, now)
        link = uow.coaching.coach_link(coach_id)
        uow.commit()
    assert link is not None
    return link


def coaches(scope: Scope) -> list[CoachingLink]:
    """The user's coaches (live links), as the athlete sees them."""
    with scope.unit_of_work() as uow:
        return uow.coaching.coaches()


def _check_id(value: int, what: str) -> None:
    if not 1 <= value <= MAX_ID:
        raise NotFound(f"no {what} with id {value}", field="id")


def revoke_coach(scope: Scope, coach_id: int, *, now: datetime | None = None) -> None:
    """End a coach's access to the user's data, at once; NotFound when they have none."""
    _change(scope, coach_id, None, now)


def change_permission(
    scope: Scope, coach_id: int, permission: Permission | str, *, now: datetime | None = None
) -> CoachingLink:
    """Change what a coach may do; NotFound when the coach has no live link to the user."""
    return _change(scope, coach_id, parse_permission(permission), now)


def _change(
    scope: Scope, coach_id: int, permission: Permission | None, now: datetime | None
) -> CoachingLink:
    _check_id(coach_id, "coach")
    with scope.unit_of_work(write=True) as uow:
        if not uow.coaching.change(coach_id, now or utc_now(), permission):
            raise NotFound(f"no coach with id {coach_id}", field="id")
        link = uow.coaching.coach_link(coach_id)
        uow.commit()
    assert link is not None
    return link


def athletes(scope: Scope) -> list[CoachingLink]:
    """The user's athletes as coach (live links), by name."""
    with scope.unit_of_work() as uow:
        return uow.coaching.athletes()


def athlete_scope(
    coach: UserScope,
    athlete_id: int,
    need: Permission = Permission.VIEW,
    *,
    comments_only: bool = False,
) -> AthleteScope:
    """The athlete's scope for their coach, within the permission granted: NotFound unless the
    coach's link is live and covers ``need``, then Conflict (field ``coaching``) while the
    coach's coaching is off (both checked now, and again by every unit of work).
    A unit of work that writes needs ``assign``, but for ``comments_only`` (the comments
    service's)."""
    _check_id(athlete_id, "athlete")
    if athlete_id == coach.user_id:
        raise NotFound(f"no athlete with id {athlete_id}", field="athlete_id")
    scope = coach.app.athlete_scope(coach.user_id, athlete_id, need, comments_only=comments_only)
    with scope.unit_of_work():
        pass  # opening it checks the link
    return scope


def assign_plan(
    coach: UserScope,
    athlete_id: int,
    request: PlanRequest | None = None,
    *,
    start: date | None = None,
    name: str | None = None,
    today: date | None = None,
) -> tuple[int, Plan]:
    """Generate a plan for the athlete and make it their current plan, recorded as assigned by
    the coach (``assign`` permission; earlier plans are kept). Without a ``request`` the plan
    is generated again from the athlete's current plan's profile; a request without equipment
    takes the equipment of the athlete's profile."""
    # The planner loads the solver: only this use case needs it.
    from strongback.services.planning import build_plan, request_of, save_plan

    scope = athlete_scope(coach, athlete_id, Permission.ASSIGN)
    with scope.unit_of_work() as uow:
        catalog = scope.catalog.with_extra(uow.custom_exercises.list())
        owned = uow.profile.get().equipment
        current = uow.plans.current()
    if request is None:
        if current is None:
            raise InvalidInput(
                "{days} and {minutes} are needed: the athlete has no plan to start from",
                field="days",
            )
        request = request_of(current.profile)
    elif not request.equipment:
        request = replace(request, equipment=owned)
    plan = build_plan(catalog, request)
    return save_plan(scope, plan, start=start, name=name, today=today, assigned_by=coach.user_id)


__all__ = [
    "COACHING_OFF",
    "MAX_ID",
    "MAX_TOKEN",
    "accept_invite",
    "assign_plan",
    "athlete_scope",
    "athletes",
    "change_permission",
    "coaches",
    "coaching_on",
    "create_invite",
    "require_coaching",
    "revoke_coach",
    "set_coaching",
    "utc_now",
]
