"""What the progress report reads of a history beyond its window, as SQL aggregates and narrow
reads instead of every set: the last day trained, the heaviest loaded sets before the window,
the last pain before it, the days trained, the benchmark exercises' sets and the ids logged."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Connection, exists, func, or_, select

from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType
from strongback.storage.repositories.history import workouts_with_sets
from strongback.storage.repositories.rows import _UNITS, wall_clock
from strongback.storage.tables import performed_sets, workouts

_SETS_OF_WORKOUTS = performed_sets.join(workouts, performed_sets.c.workout_id == workouts.c.id)


class AggregateRepository:
    """One user's history, summed up for the progress report."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def _mine(self) -> ColumnElement[bool]:
        return workouts.c.user_id == self._user_id

    def last_day(self) -> date | None:
        """The day of the last workout holding a set."""
        found = self._conn.execute(
            select(workouts.c.started_at)
            .where(self._mine(), exists().where(performed_sets.c.workout_id == workouts.c.id))
            .order_by(workouts.c.started_at.desc())
            .limit(1)
        ).scalar()
        return found.date() if found is not None else None

    def heaviest_sets(self, before: datetime, exercises: Sequence[str]) -> list[PerformedSet]:
        """Of the loaded sets of ``exercises`` in workouts started before ``before`` (warm-ups
        and holds left out), the heaviest of each exercise, unit, reps, RIR and RPE: they hold
        each exercise's best estimated max, which grows with the load."""
        if not exercises:
            return []
        s = performed_sets.c
        keys = (s.exercise, s.unit, s.reps, s.rir, s.rpe)
        rows = self._conn.execute(
            select(*keys, func.max(s.weight))
            .select_from(_SETS_OF_WORKOUTS)
            .where(
                s.user_id == self._user_id,
                s.exercise.in_(list(exercises)),
                self._mine(),
                workouts.c.started_at < wall_clock(before),
                s.set_type != SetType.WARM_UP.value,
                s.weight > 0,
                s.reps > 0,
                or_(s.seconds.is_(None), s.seconds == 0),
            )
            .group_by(*keys)
        ).all()
        return [
            PerformedSet(ex, 0, weight=weight, unit=_UNITS[unit], reps=reps, rir=rir, rpe=rpe)
            for ex, unit, reps, rir, rpe, weight in rows
        ]

    def last_pain(self, before: datetime) -> int | None:
        """The highest pain logged on the last day with pain before ``before``."""
        with_pain = (
            select(workouts.c.started_at)
            .select_from(_SETS_OF_WORKOUTS)
            .where(
                performed_sets.c.user_id == self._user_id,
                performed_sets.c.pain.is_not(None),
                self._mine(),
            )
        )
        last = self._conn.execute(
            with_pain.where(workouts.c.started_at < wall_clock(before))
            .order_by(workouts.c.started_at.desc())
            .limit(1)
        ).scalar()
        if last is None:
            return None
        start = datetime.combine(last.date(), time.min)
        top = self._conn.execute(
            with_pain.with_only_columns(func.max(performed_sets.c.pain)).where(
                workouts.c.started_at >= start,
                workouts.c.started_at < min(start + timedelta(days=1), wall_clock(before)),
            )
        ).scalar()
        return int(top) if top is not None else None

    def days(self, before: datetime) -> list[date]:
        """The day of every workout started before ``before``, oldest first."""
        found = self._conn.execute(
            select(workouts.c.started_at)
            .where(self._mine(), workouts.c.started_at < wall_clock(before))
            .order_by(workouts.c.started_at)
        ).scalars()
        return [at.date() for at in found]

    def holding(self, exercises: Sequence[str]) -> list[Workout]:
        """Every workout holding a set of ``exercises``, oldest first, with only those sets."""
        if not exercises:
            return []
        ids = self._conn.execute(
            select(performed_sets.c.workout_id)
            .where(
                performed_sets.c.user_id == self._user_id,
                performed_sets.c.exercise.in_(list(exercises)),
            )
            .distinct()
        ).scalars()
        return workouts_with_sets(self._conn, self._user_id, list(ids), exercises)

    def logged_exercises(self) -> list[str]:
        """Every exercise id with a set logged."""
        found = self._conn.execute(
            select(performed_sets.c.exercise)
            .where(performed_sets.c.user_id == self._user_id)
            .distinct()
            .order_by(performed_sets.c.exercise)
        ).scalars()
        return list(found)


__all__ = ["AggregateRepository"]
