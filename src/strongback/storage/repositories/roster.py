"""The roster's bulk reads: for every athlete whose live link names the unit's user as coach,
in one statement per kind of row (the access check is part of each query), keyed by athlete.

The sets are joined to their workouts by ``workout_id`` alone: a set's user is its workout's (the
composite foreign key), and a condition on the sets' ``user_id`` would lead PostgreSQL to the
(user, exercise) index, several times slower than the workout's.

What the roster needs of the last weeks is read lightly: the days of sessions, the highest pain
and the notes of each workout, and for the weeks the audit checks the sets counted by exercise,
reps and kind (tallies), never the sets themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import Connection, Select, func, or_, select

from strongback.domain.coaching import CheckIn, PlanCalendar
from strongback.domain.exercise import Exercise
from strongback.domain.planning.tallies import SetTally
from strongback.domain.vocab import SetType, WeightUnit
from strongback.storage.tables import (
    checkins,
    coaching_links,
    custom_exercises,
    performed_sets,
    plans,
    profiles,
    workouts,
)

_T = TypeVar("_T")
_SETS_OF_WORKOUTS = performed_sets.join(workouts, workouts.c.id == performed_sets.c.workout_id)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)


class RosterRepository:
    """The rows of every athlete the user coaches (live links only)."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    @property
    def _live(self) -> Select[Any]:
        # Built on use: every unit of work makes a roster, and few read it.
        return select(coaching_links.c.user_id).where(
            coaching_links.c.coach_id == self._user_id, coaching_links.c.revoked_at.is_(None)
        )

    def _grouped(self, query: Select[Any], value: Callable[[Any], _T]) -> dict[int, list[_T]]:
        out: dict[int, list[_T]] = {}
        for row in self._conn.execute(query):
            out.setdefault(row[0], []).append(value(row))
        return out

    def sessions(self, since: date, until: date) -> dict[int, list[tuple[date, str | None]]]:
        """The day and note of each workout from ``since`` to ``until`` (inclusive)."""
        query = select(workouts.c.user_id, workouts.c.started_at, workouts.c.notes).where(
            workouts.c.user_id.in_(self._live),
            workouts.c.started_at >= _midnight(since),
            workouts.c.started_at < _midnight(until + timedelta(days=1)),
        )
        return self._grouped(query, lambda r: (r[1].date(), r[2]))

    def last_sessions(self) -> dict[int, date]:
        """The day of each athlete's latest workout: one probe of the (user, start) index per
        athlete (a correlated max), not a scan of their whole history."""
        latest = (
            select(func.max(workouts.c.started_at))
            .where(workouts.c.user_id == coaching_links.c.user_id)
            .scalar_subquery()
        )
        query = select(coaching_links.c.user_id, latest).where(
            coaching_links.c.coach_id == self._user_id, coaching_links.c.revoked_at.is_(None)
        )
        return {row[0]: row[1].date() for row in self._conn.execute(query) if row[1] is not None}

    def set_pain_and_notes(
        self, since: date
    ) -> dict[int, list[tuple[date, int | None, str | None]]]:
        """The highest set pain of each workout from ``since`` on, by day, with each of its
        distinct set notes (one row per workout and note: what the figures need)."""
        query = (
            select(workouts.c.user_id, workouts.c.started_at,
                   func.max(performed_sets.c.pain), performed_sets.c.notes)
            .select_from(_SETS_OF_WORKOUTS)
            .where(
                workouts.c.user_id.in_(self._live),
                workouts.c.started_at >= _midnight(since),
                or_(performed_sets.c.pain.is_not(None), performed_sets.c.notes.is_not(None)),
            )
            .group_by(workouts.c.user_id, workouts.c.id, workouts.c.started_at,
                      performed_sets.c.notes)
        )  # fmt: skip
        return self._grouped(query, lambda r: (r[1].date(), r[2], r[3]))

    def set_tallies(self, since: date) -> dict[int, list[SetTally]]:
        """The sets from ``since`` on counted per workout, exercise, reps and kind of set:
        what the weekly principle checks need, in one aggregate."""
        warm_up = performed_sets.c.set_type == SetType.WARM_UP.value
        query = (
            select(workouts.c.user_id, workouts.c.started_at, performed_sets.c.exercise,
                   performed_sets.c.reps, warm_up, func.count())
            .select_from(_SETS_OF_WORKOUTS)
            .where(
                workouts.c.user_id.in_(self._live),
                workouts.c.started_at >= _midnight(since),
            )
            .group_by(workouts.c.user_id, workouts.c.id, workouts.c.started_at,
                      performed_sets.c.exercise, performed_sets.c.reps, warm_up)
        )  # fmt: skip
        return self._grouped(
            query, lambda r: SetTally(r[1].date(), r[2], r[3], bool(r[4]), int(r[5]))
        )

    def plan_calendars(self) -> dict[int, PlanCalendar | None]:
        """When each athlete's current plan's sessions fall (read from the whole plan only for
        a plan saved before its calendar was kept)."""
        current = (plans.c.user_id.in_(self._live), plans.c.is_current.is_(True))
        query = select(plans.c.user_id, plans.c.calendar).where(*current).order_by(plans.c.id)
        found = {
            row[0]: PlanCalendar.from_public(row[1]) if row[1] is not None else None
            for row in self._conn.execute(query)
        }
        older = [a for a, c in found.items() if c is None]
        if older:
            query = select(plans.c.user_id, plans.c.data).where(
                *current, plans.c.user_id.in_(older)
            )
            found.update(
                {row[0]: PlanCalendar.of_plan_json(row[1]) for row in self._conn.execute(query)}
            )
        return found

    def profiles(self) -> dict[int, tuple[int, WeightUnit]]:
        """Each athlete's pain threshold and unit (those who saved a profile)."""
        query = select(profiles.c.user_id, profiles.c.pain_threshold, profiles.c.unit).where(
            profiles.c.user_id.in_(self._live)
        )
        return {row[0]: (row[1], WeightUnit(row[2])) for row in self._conn.execute(query)}

    def checkins(self, since: date) -> dict[int, list[CheckIn]]:
        """Each athlete's check-ins from ``since`` on, oldest first."""
        query = (
            select(checkins.c.user_id, checkins.c.day, checkins.c.back_pain, checkins.c.sleep,
                   checkins.c.energy, checkins.c.soreness, checkins.c.note)
            .where(checkins.c.user_id.in_(self._live), checkins.c.day >= since)
            .order_by(checkins.c.day)
        )  # fmt: skip
        return self._grouped(query, lambda r: CheckIn(*r[1:]))

    def custom_exercises(self) -> dict[int, list[Exercise]]:
        """Each athlete's custom exercises."""
        query = (
            select(custom_exercises.c.user_id, custom_exercises.c.data)
            .where(custom_exercises.c.user_id.in_(self._live))
            .order_by(custom_exercises.c.id)
        )
        return self._grouped(query, lambda r: Exercise.model_validate(r[1]))


__all__ = ["RosterRepository"]
