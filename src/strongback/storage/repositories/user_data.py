"""The repositories of a user's profile, custom exercises and saved plans."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Row, Select, Text, cast, insert, select, update

from strongback.domain.coaching import PlanCalendar
from strongback.domain.exercise import Exercise
from strongback.domain.planning.plan import Plan, StoredPlan
from strongback.domain.profile import UserProfile
from strongback.domain.vocab import Equipment, WeightUnit
from strongback.storage.repositories.rows import (
    _now,
    wall_clock,
)
from strongback.storage.tables import (
    custom_exercises,
    plans,
    profiles,
    users,
)


class ProfileRepository:
    """The user's training profile (one per user)."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def get(self) -> UserProfile:
        """The stored profile, or the defaults when none was ever saved."""
        row = self._conn.execute(
            select(profiles).where(profiles.c.user_id == self._user_id)
        ).first()
        if row is None:
            return UserProfile()
        m = row._mapping
        return UserProfile(
            equipment=frozenset(Equipment(e) for e in m["equipment"]),
            unit=WeightUnit(m["unit"]),
            dumbbells=tuple(m["dumbbells"]),
            kettlebells=tuple(m["kettlebells"]),
            plates=tuple(m["plates"]),
            bar_weight=m["bar_weight"],
            cable_step=m["cable_step"],
            pain_threshold=m["pain_threshold"],
        )

    def exists(self) -> bool:
        """True when the user has saved a profile."""
        found = self._conn.execute(
            select(profiles.c.user_id).where(profiles.c.user_id == self._user_id)
        ).first()
        return found is not None

    def save(self, profile: UserProfile) -> None:
        """Store the profile, replacing the previous one."""
        values = {
            "equipment": sorted(e.value for e in profile.equipment),
            "unit": profile.unit.value,
            "dumbbells": list(profile.dumbbells),
            "kettlebells": list(profile.kettlebells),
            "plates": list(profile.plates),
            "bar_weight": profile.bar_weight,
            "cable_step": profile.cable_step,
            "pain_threshold": profile.pain_threshold,
            "updated_at": _now(),
        }
        done = self._conn.execute(
            update(profiles).where(profiles.c.user_id == self._user_id).values(**values)
        )
        if done.rowcount == 0:
            self._conn.execute(insert(profiles).values(user_id=self._user_id, **values))


@lru_cache(maxsize=4096)
def _exercise_of(text: str) -> Exercise:
    # Keyed by the stored JSON itself, so never stale: the today page reads a user's custom
    # exercises on every request, and checking hundreds of them again cost more than the rest.
    return Exercise.model_validate(json.loads(text))


class CustomExerciseRepository:
    """Exercises the user added (imported names the catalog did not know)."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def list(self) -> list[Exercise]:
        """The user's custom exercises, in the order they were added."""
        rows = self._conn.execute(
            select(cast(custom_exercises.c.data, Text))
            .where(custom_exercises.c.user_id == self._user_id)
            .order_by(custom_exercises.c.id)
        ).scalars()
        return [_exercise_of(text) for text in rows]

    def get(self, exercise_id: str) -> Exercise | None:
        """The custom exercise with this id, or None."""
        data = self._conn.execute(
            select(custom_exercises.c.data).where(
                custom_exercises.c.user_id == self._user_id,
                custom_exercises.c.slug == exercise_id,
            )
        ).scalar()
        return Exercise.model_validate(data) if data is not None else None

    def add(self, exercise: Exercise) -> None:
        """Store a custom exercise (as source ``custom``); adding an id again keeps the first."""
        self.add_many([exercise])

    def add_many(self, exercises: Iterable[Exercise]) -> int:
        """Store several custom exercises in one statement (an import's new names); ids already
        stored, or repeated, keep their first definition. Returns the number added."""
        new: dict[str, Exercise] = {}
        for e in exercises:
            new.setdefault(e.id, e)
        if not new:
            return 0
        stored = set(
            self._conn.execute(
                select(custom_exercises.c.slug).where(
                    custom_exercises.c.user_id == self._user_id,
                    custom_exercises.c.slug.in_(list(new)),
                )
            ).scalars()
        )
        now = _now()
        rows = [
            {
                "user_id": self._user_id,
                "slug": e.id,
                "name": e.name,
                "data": (
                    e if e.source == "custom" else e.model_copy(update={"source": "custom"})
                ).model_dump(mode="json"),
                "created_at": now,
            }
            for e in new.values()
            if e.id not in stored
        ]
        if rows:
            self._conn.execute(insert(custom_exercises), rows)
        return len(rows)


class PlanRepository:
    """Plans the user saved; at most one is current. Stored as the plan's documented JSON."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def save(
        self,
        plan: Plan,
        *,
        name: str | None = None,
        current: bool = True,
        created_at: datetime | None = None,
        assigned_by: int | None = None,
    ) -> int:
        """Store a plan; returns its id. A current plan replaces the previous current one,
        which stays stored. ``assigned_by`` is the coach who assigned it."""
        if current:
            self._conn.execute(
                update(plans)
                .where(plans.c.user_id == self._user_id, plans.c.is_current.is_(True))
                .values(is_current=False)
            )
        return int(
            self._conn.execute(
                insert(plans)
                .values(
                    user_id=self._user_id,
                    created_at=wall_clock(created_at) if created_at else _now(),
                    name=name,
                    is_current=current,
                    data=plan.to_public(),
                    assigned_by=assigned_by,
                    calendar=PlanCalendar.of(plan).to_public(),
                )
                .returning(plans.c.id)
            ).scalar_one()
        )

    def current(self) -> Plan | None:
        """The current plan, or None."""
        stored = self.current_stored()
        return stored.plan if stored is not None else None

    def current_stored(self) -> StoredPlan | None:
        """The current plan with its bookkeeping, or None."""
        row = self._conn.execute(
            _PLAN_READ.where(plans.c.user_id == self._user_id, plans.c.is_current.is_(True))
            .order_by(plans.c.id.desc())
            .limit(1)
        ).first()
        return _stored_plan(row) if row is not None else None

    def list(self) -> list[StoredPlan]:
        """Every stored plan, oldest first."""
        rows = self._conn.execute(
            _PLAN_READ.where(plans.c.user_id == self._user_id).order_by(plans.c.id)
        ).all()
        return [_stored_plan(r) for r in rows]


# A plan with the name of the coach who assigned it, if any.
# (The plan's JSON as text, which is what _plan_of is keyed by.)
_PLAN_READ: Select[Any] = select(
    *(c for c in plans.c if c.name != "data"),
    cast(plans.c.data, Text).label("data"),
    users.c.name.label("assigned_by_name"),
    users.c.email.label("assigned_by_email"),
).outerjoin(users, users.c.id == plans.c.assigned_by)


@lru_cache(maxsize=256)
def _plan_of(text: str) -> Plan:
    # Keyed by the stored JSON itself, so never stale whichever worker stored it; a Plan is
    # frozen through and through, so one may be shared. The today page reads the current plan
    # on every request, and building it again cost as much as the page's SQL.
    return Plan.from_public(json.loads(text))


def _stored_plan(row: Row[Any]) -> StoredPlan:
    return StoredPlan(
        id=row.id,
        name=row.name,
        created_at=row.created_at,
        is_current=bool(row.is_current),
        plan=_plan_of(row.data),
        assigned_by=row.assigned_by,
        assigned_by_name=row.assigned_by_name,
        assigned_by_email=row.assigned_by_email,
    )


__all__ = ["CustomExerciseRepository", "PlanRepository", "ProfileRepository"]
