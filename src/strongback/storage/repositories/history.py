"""The part of a history the progression rules read: each exercise's last sessions, found in
one query instead of reading every workout."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, and_, func, select

from strongback.domain.training_log import PerformedSet, Workout
from strongback.storage.repositories.rows import (
    _SET_READ,
    _set_from_row,
    _workout_from_row,
    wall_clock,
)
from strongback.storage.tables import performed_sets, workouts


class HistoryRepository:
    """One user's sessions of given exercises."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def last_sessions(
        self, exercises: Sequence[str], before: datetime, per_exercise: int
    ) -> list[Workout]:
        """The last ``per_exercise`` workouts started before ``before`` holding each exercise,
        oldest first; each holds only the sets of the exercises it was found for."""
        if not exercises or per_exercise < 1:
            return []
        # Ranked in the database (a window over the user's (workout, exercise) pairs, which
        # the index of sets by user and exercise holds), so the rows read stay as many as the
        # sessions asked for, however long the history; the sets come in the same query. On
        # PostgreSQL, right after a five-year import, the today page serves 33 pages a second
        # this way against 10 with the pairs ranked in Python (bench/web.py).
        pairs = (
            select(performed_sets.c.workout_id, performed_sets.c.exercise)
            .where(
                performed_sets.c.user_id == self._user_id,
                performed_sets.c.exercise.in_(list(exercises)),
            )
            .distinct()
            .subquery()
        )
        rank = func.row_number().over(
            partition_by=pairs.c.exercise,
            order_by=(workouts.c.started_at.desc(), workouts.c.id.desc()),
        )
        ranked = (
            select(pairs.c.workout_id, pairs.c.exercise, rank.label("rank"))
            .join_from(pairs, workouts, workouts.c.id == pairs.c.workout_id)
            .where(
                workouts.c.user_id == self._user_id,
                workouts.c.started_at < wall_clock(before),
            )
            .subquery()
        )
        chosen = (
            select(ranked.c.workout_id, ranked.c.exercise)
            .where(ranked.c.rank <= per_exercise)
            .subquery()
        )
        sets = _sets_of(
            self._conn,
            select(*_SET_READ).join_from(
                performed_sets,
                chosen,
                and_(
                    chosen.c.workout_id == performed_sets.c.workout_id,
                    chosen.c.exercise == performed_sets.c.exercise,
                ),
            ),
        )
        return _workouts_of(self._conn, self._user_id, sets)

    def since(self, moment: datetime, until: datetime | None = None) -> list[Workout]:
        """Every workout started at or after ``moment`` (and before ``until``) with all its
        sets, oldest first."""
        query = select(workouts.c.id).where(
            workouts.c.user_id == self._user_id, workouts.c.started_at >= wall_clock(moment)
        )
        if until is not None:
            query = query.where(workouts.c.started_at < wall_clock(until))
        ids = self._conn.execute(query).scalars()
        return workouts_with_sets(self._conn, self._user_id, list(ids))


def _sets_of(conn: Connection, query: Select[Any]) -> dict[int, list[PerformedSet]]:
    """The sets a query of ``_SET_READ`` finds, by workout id, in order."""
    sets: dict[int, list[PerformedSet]] = {}
    for row in conn.execute(
        query.order_by(performed_sets.c.workout_id, performed_sets.c.set_order, performed_sets.c.id)
    ).all():
        sets.setdefault(row[1], []).append(_set_from_row(row))
    return sets


def _workouts_of(
    conn: Connection,
    user_id: int,
    sets: dict[int, list[PerformedSet]],
    ids: Sequence[int] | None = None,
) -> list[Workout]:
    """The user's workouts of these ids (default: those the sets belong to), oldest first,
    each with its sets found."""
    wanted = sorted(sets) if ids is None else ids
    if not wanted:
        return []
    rows = conn.execute(
        select(workouts)
        .where(workouts.c.user_id == user_id, workouts.c.id.in_(wanted))
        .order_by(workouts.c.started_at, workouts.c.id)
    ).all()
    return [_workout_from_row(r, sets.get(r.id, [])) for r in rows]


def workouts_with_sets(
    conn: Connection,
    user_id: int,
    workout_ids: Sequence[int],
    exercises: Sequence[str] | None = None,
) -> list[Workout]:
    """The user's workouts of these ids, oldest first, with their sets (only those of
    ``exercises`` when given)."""
    # The ids are the user's workouts' (read with the user's id), and a set's composite key
    # ties it to its workout's user: the sets are read by workout id alone, through their
    # workout's index (with the user's id too, SQLite would walk every set of the user).
    if not workout_ids:
        return []
    ids = sorted(set(workout_ids))
    query = select(*_SET_READ).where(performed_sets.c.workout_id.in_(ids))
    if exercises is not None:
        query = query.where(performed_sets.c.exercise.in_(list(exercises)))
    return _workouts_of(conn, user_id, _sets_of(conn, query), ids)


__all__ = ["HistoryRepository", "workouts_with_sets"]
