"""The workouts repository: a user's workouts and their performed sets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Select, delete, exists, func, insert, select

from strongback.domain.errors import InvalidInput
from strongback.domain.training_log import LOG_SOURCE, PerformedSet, Workout
from strongback.storage.log_days import (
    append_and_commit,
    append_to_log_day,
    can_append_and_commit,
    log_workout_for,
)
from strongback.storage.repositories.bulk import BulkSets
from strongback.storage.repositories.rows import (
    _SET_READ,
    _refusals_as_invalid_input,
    _set_from_row,
    _set_values,
    _storable_id,
    _workout_from_row,
    _workout_row,
    wall_clock,
)
from strongback.storage.tables import (
    performed_sets,
    workouts,
)


class WorkoutRepository(BulkSets):
    """Workouts and their performed sets."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id
        # After add_rows: of the sets skipped as already stored, how many were stored in
        # another unit than the one given now, by stored unit (a unit-less file re-imported
        # with another --unit).
        self.last_kept_units: dict[str, int] = {}

    # -- writing -------------------------------------------------------------------------------

    def add(self, workout: Workout) -> Workout:
        """Store one workout with its sets; returns it with the new ids filled in.

        A set whose ``source_key`` is already stored for this user is refused (InvalidInput).
        """
        keys = [s.source_key for s in workout.sets if s.source_key is not None]
        if len(set(keys)) != len(keys):
            raise InvalidInput("a workout holds two sets with the same source key")
        clash = self.known_source_keys(keys)
        if clash:
            raise InvalidInput(f"set with source key {sorted(clash)[0]!r} is already stored")
        with _refusals_as_invalid_input():
            workout_id = self._conn.execute(
                insert(workouts)
                .values(**_workout_row(workout, self._user_id))
                .returning(workouts.c.id)
            ).scalar_one()
        stored_sets = self.append_sets(workout_id, workout.sets)
        return replace(
            workout,
            id=workout_id,
            sets=stored_sets,
            started_at=wall_clock(workout.started_at),
            ended_at=wall_clock(workout.ended_at) if workout.ended_at is not None else None,
        )

    def log_workout_for(
        self, day: date, started_at: datetime, title: str, source: str = LOG_SOURCE
    ) -> tuple[int, bool]:
        """The workout ``log add`` fills on ``day``: (its id, whether this call created it).

        Race-free on both engines (a unique index, not check-then-insert); see
        :mod:`strongback.storage.log_days`.
        """
        return log_workout_for(
            self._conn,
            self._user_id,
            day,
            started_at=wall_clock(started_at),
            title=title,
            source=source,
        )

    def log_to_day(
        self,
        day: date,
        started_at: datetime,
        title: str,
        sets: Sequence[PerformedSet],
        *,
        commit: bool = False,
    ) -> tuple[int, bool, tuple[PerformedSet, ...]]:
        """Append sets to the workout ``log add`` fills on ``day`` (started at ``started_at``
        with ``title`` when the day has none), numbered after its last set: (the workout's id,
        whether this call created it, the sets as stored). Once the day has its workout, one
        statement does it all, so a write unit holds its writer lock that much shorter.

        ``commit``: the caller commits right after, so the unit may commit with the sets: on
        PostgreSQL, in a unit that has done nothing yet, the writer lock, the insert and the
        commit then go to the server in one round trip.
        """
        rows = [_set_values(s, self._user_id, 0) for s in sets]
        with _refusals_as_invalid_input():
            if not sets:
                found = None
            elif commit and can_append_and_commit(self._conn, len(rows)):
                found = append_and_commit(self._conn, self._user_id, day, rows)
            else:
                found = append_to_log_day(self._conn, self._user_id, day, rows)
        if found is not None:
            stored = tuple(
                replace(s, id=r.id, order=r.set_order) for s, r in zip(sets, found, strict=True)
            )
            return found[0].workout_id, False, stored
        workout_id, created = self.log_workout_for(day, started_at, title)
        first = self.next_set_order(workout_id)
        numbered = [replace(s, order=first + i) for i, s in enumerate(sets)]
        return workout_id, created, self.append_sets(workout_id, numbered, owned=True)

    def append_sets(
        self, workout_id: int, sets: Sequence[PerformedSet], *, owned: bool = False
    ) -> tuple[PerformedSet, ...]:
        """Add sets to one of the user's workouts; returns them with their ids.

        Raises InvalidInput when the workout is not the user's. ``owned``: the caller found the
        workout among the user's in this unit (``log_workout_for``), so that is not read again.
        """
        if not sets:
            return ()
        if not owned and not self._owns(workout_id):
            raise InvalidInput(f"no workout with id {workout_id}")
        rows = [_set_values(s, self._user_id, workout_id) for s in sets]
        with _refusals_as_invalid_input():
            ids = (
                self._conn.execute(
                    insert(performed_sets).returning(
                        performed_sets.c.id, sort_by_parameter_order=True
                    ),
                    rows,
                )
                .scalars()
                .all()
            )
        return tuple(replace(s, id=i) for s, i in zip(sets, ids, strict=True))

    def _owns(self, workout_id: int) -> bool:
        if not _storable_id(self._conn, workout_id):
            return False
        owner = self._conn.execute(
            select(workouts.c.id).where(
                workouts.c.id == workout_id, workouts.c.user_id == self._user_id
            )
        ).first()
        return owner is not None

    def next_set_order(self, workout_id: int) -> int:
        """The order the next set appended to one of the user's workouts takes."""
        top = self._conn.execute(
            select(func.max(performed_sets.c.set_order)).where(
                performed_sets.c.workout_id == workout_id,
                performed_sets.c.user_id == self._user_id,
            )
        ).scalar()
        return int(top or 0) + 1

    def delete_set(self, set_id: int) -> bool:
        """Delete one of the user's sets; its workout goes too when no set is left in it."""
        if not _storable_id(self._conn, set_id):
            return False
        workout_id = self._conn.execute(
            select(performed_sets.c.workout_id).where(
                performed_sets.c.id == set_id, performed_sets.c.user_id == self._user_id
            )
        ).scalar()
        if workout_id is None:
            return False
        self._conn.execute(
            delete(performed_sets).where(
                performed_sets.c.id == set_id, performed_sets.c.user_id == self._user_id
            )
        )
        left = self._conn.execute(
            select(func.count())
            .select_from(performed_sets)
            .where(
                performed_sets.c.workout_id == workout_id,
                performed_sets.c.user_id == self._user_id,
            )
        ).scalar_one()
        if left == 0:
            self.delete_workout(workout_id)
        return True

    def delete_workout(self, workout_id: int) -> bool:
        """Delete one of the user's workouts with all its sets."""
        if not _storable_id(self._conn, workout_id):
            return False
        done = self._conn.execute(
            delete(workouts).where(workouts.c.id == workout_id, workouts.c.user_id == self._user_id)
        )
        return bool(done.rowcount)

    # -- reading -------------------------------------------------------------------------------

    def _workout_query(
        self,
        *,
        since: datetime | None,
        until: datetime | None,
        exercise: str | None,
        last: int | None,
    ) -> Select[Any]:
        query = select(workouts).where(workouts.c.user_id == self._user_id)
        if since is not None:
            query = query.where(workouts.c.started_at >= wall_clock(since))
        if until is not None:
            query = query.where(workouts.c.started_at < wall_clock(until))
        if exercise is not None:
            query = query.where(
                exists().where(
                    performed_sets.c.workout_id == workouts.c.id,
                    performed_sets.c.user_id == self._user_id,
                    performed_sets.c.exercise == exercise,
                )
            )
        if last is not None:
            query = query.order_by(workouts.c.started_at.desc(), workouts.c.id.desc()).limit(
                max(last, 0)
            )
        return query

    def list(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        exercise: str | None = None,
        last: int | None = None,
    ) -> list[Workout]:
        """The user's workouts, oldest first, each with its sets in order.

        ``since`` is inclusive and ``until`` exclusive (``since <= started_at < until``);
        ``exercise`` keeps the workouts holding that exercise and only its sets; ``last`` keeps
        the last N workouts (after the other filters).
        """
        query = self._workout_query(since=since, until=until, exercise=exercise, last=last)
        rows = list(self._conn.execute(query).all())
        rows.sort(key=lambda r: (r.started_at, r.id))
        if not rows:
            return []
        ids_query = query.with_only_columns(workouts.c.id)
        set_query = select(*_SET_READ).where(
            performed_sets.c.user_id == self._user_id,
            performed_sets.c.workout_id.in_(ids_query),
        )
        if exercise is not None:
            set_query = set_query.where(performed_sets.c.exercise == exercise)
        set_query = set_query.order_by(
            performed_sets.c.workout_id, performed_sets.c.set_order, performed_sets.c.id
        )
        by_workout: dict[int, list[PerformedSet]] = {}
        for row in self._conn.execute(set_query).all():
            by_workout.setdefault(row[1], []).append(_set_from_row(row))
        return [_workout_from_row(r, by_workout.get(r.id, [])) for r in rows]

    def get(self, workout_id: int) -> Workout | None:
        """One of the user's workouts with its sets, or None."""
        if not _storable_id(self._conn, workout_id):
            return None
        row = self._conn.execute(
            select(workouts).where(workouts.c.id == workout_id, workouts.c.user_id == self._user_id)
        ).first()
        if row is None:
            return None
        sets = self._conn.execute(
            select(*_SET_READ)
            .where(
                performed_sets.c.workout_id == workout_id,
                performed_sets.c.user_id == self._user_id,
            )
            .order_by(performed_sets.c.set_order, performed_sets.c.id)
        ).all()
        return _workout_from_row(row, [_set_from_row(s) for s in sets])

    def workout_of_set(self, set_id: int) -> int | None:
        """The id of the workout holding one of the user's sets, or None."""
        if not _storable_id(self._conn, set_id):
            return None
        found = self._conn.execute(
            select(performed_sets.c.workout_id).where(
                performed_sets.c.id == set_id, performed_sets.c.user_id == self._user_id
            )
        ).scalar()
        return int(found) if found is not None else None

    def count(self) -> tuple[int, int]:
        """(workouts, sets) stored for the user."""
        n_workouts = self._conn.execute(
            select(func.count()).select_from(workouts).where(workouts.c.user_id == self._user_id)
        ).scalar_one()
        n_sets = self._conn.execute(
            select(func.count())
            .select_from(performed_sets)
            .where(performed_sets.c.user_id == self._user_id)
        ).scalar_one()
        return int(n_workouts), int(n_sets)


__all__ = ["WorkoutRepository"]
