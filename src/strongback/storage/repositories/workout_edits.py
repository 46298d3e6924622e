"""Workouts as the API edits them: pages newest first, a create keyed by the client's id, and a
workout replaced with its sets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Connection, and_, delete, or_, select, update

from strongback.domain.errors import InvalidInput
from strongback.domain.training_log import PerformedSet, Workout
from strongback.storage.dialects import insert_for
from strongback.storage.repositories.rows import (
    _SET_READ,
    _refusals_as_invalid_input,
    _set_from_row,
    _set_values,
    _storable_id,
    _workout_from_row,
    _workout_row,
)
from strongback.storage.tables import performed_sets, workouts


class WorkoutEditRepository:
    """One user's workouts: paged reading, creating once per client id, replacing."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def page(self, limit: int, after: tuple[datetime, int] | None = None) -> list[Workout]:
        """Up to ``limit`` workouts newest first (started_at, then id, descending), each with
        its sets; ``after`` is the (started_at, id) of the last workout of the page before."""
        query = select(workouts).where(workouts.c.user_id == self._user_id)
        if after is not None:
            started, last_id = after
            query = query.where(
                or_(
                    workouts.c.started_at < started,
                    and_(workouts.c.started_at == started, workouts.c.id < last_id),
                )
            )
        query = query.order_by(workouts.c.started_at.desc(), workouts.c.id.desc()).limit(limit)
        rows = self._conn.execute(query).all()
        if not rows:
            return []
        by_workout = self._sets_of([r.id for r in rows])
        return [_workout_from_row(r, by_workout.get(r.id, [])) for r in rows]

    def _sets_of(self, workout_ids: Sequence[int]) -> dict[int, list[PerformedSet]]:
        query = (
            select(*_SET_READ)
            .where(
                performed_sets.c.user_id == self._user_id,
                performed_sets.c.workout_id.in_(workout_ids),
            )
            .order_by(performed_sets.c.workout_id, performed_sets.c.set_order, performed_sets.c.id)
        )
        by_workout: dict[int, list[PerformedSet]] = {}
        for row in self._conn.execute(query).all():
            by_workout.setdefault(row[1], []).append(_set_from_row(row))
        return by_workout

    def by_client_id(self, client_id: str) -> int | None:
        """The id of the user's workout created with ``client_id``, or None."""
        found = self._conn.execute(
            select(workouts.c.id).where(
                workouts.c.user_id == self._user_id, workouts.c.client_id == client_id
            )
        ).scalar()
        return int(found) if found is not None else None

    def insert_once(self, workout: Workout, client_id: str | None) -> tuple[int, bool]:
        """Insert the workout's row (not its sets): (its id, whether this call inserted it).

        With a ``client_id`` the user already used, nothing is inserted and the id of the
        workout stored with it is answered: a unique index decides, so two workers racing on
        one database still store one.
        """
        values = {**_workout_row(workout, self._user_id), "client_id": client_id}
        statement = insert_for(self._conn, workouts).values(**values)
        if client_id is not None:
            statement = statement.on_conflict_do_nothing(index_elements=["user_id", "client_id"])
        with _refusals_as_invalid_input():
            created = self._conn.execute(statement.returning(workouts.c.id)).scalar()
        if created is not None:
            return int(created), True
        assert client_id is not None
        found = self.by_client_id(client_id)
        if found is None:  # deleted between the insert and the select
            raise InvalidInput("the workout of this client_id vanished; try again")
        return found, False

    def replace_fields(self, workout_id: int, workout: Workout) -> bool:
        """Replace the workout's own fields (not its sets); False when it is not the user's.

        A workout moved to another day stops being that day's log workout, so ``log add``
        on the old day starts a new one.
        """
        if not _storable_id(self._conn, workout_id):
            return False
        values = _workout_row(workout, self._user_id)
        del values["import_id"]
        mine = and_(workouts.c.id == workout_id, workouts.c.user_id == self._user_id)
        with _refusals_as_invalid_input():
            done = self._conn.execute(update(workouts).where(mine).values(**values))
            self._conn.execute(
                update(workouts)
                .where(mine, workouts.c.log_day != values["started_at"].date())
                .values(log_day=None)
            )
        return bool(done.rowcount)

    def replace_sets(
        self, workout_id: int, sets: Sequence[PerformedSet]
    ) -> tuple[PerformedSet, ...]:
        """Make ``sets`` the workout's sets: a set with the id of one of its sets updates that
        set (its source key kept when none is given), one without an id is added, and the
        workout's other sets are deleted. Returns the sets with their ids, in the given order.

        A set id that is not one of this workout's raises InvalidInput naming ``sets[i].id``.
        """
        mine = and_(
            performed_sets.c.workout_id == workout_id, performed_sets.c.user_id == self._user_id
        )
        stored = set(self._conn.execute(select(performed_sets.c.id).where(mine)).scalars())
        for i, s in enumerate(sets):
            if s.id is not None and s.id not in stored:
                raise InvalidInput(
                    f"no set with id {s.id} in workout {workout_id}", field=f"sets[{i}].id"
                )
        kept = {s.id for s in sets if s.id is not None}
        self._conn.execute(delete(performed_sets).where(mine, performed_sets.c.id.not_in(kept)))
        out: list[PerformedSet] = []
        with _refusals_as_invalid_input():
            for s in sets:
                values = _set_values(s, self._user_id, workout_id)
                if s.id is None:
                    new_id = self._conn.execute(
                        performed_sets.insert().values(**values).returning(performed_sets.c.id)
                    ).scalar_one()
                    out.append(replace(s, id=new_id))
                    continue
                if s.source_key is None:
                    del values["source_key"], values["source_hash"]
                self._conn.execute(
                    update(performed_sets).where(mine, performed_sets.c.id == s.id).values(**values)
                )
                out.append(s)
        return tuple(out)


__all__ = ["WorkoutEditRepository"]
