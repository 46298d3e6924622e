"""The one workout per day that ``log add`` fills, found or created without a race.

``workouts.log_day`` is set only on that workout, and a unique index on ``(user_id, log_day)``
makes a second one for the same day impossible: the insert does nothing when another writer
got there first, and the select that follows finds theirs. Check-then-insert would let two
writers both see no workout and both create one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Insert, Row, bindparam, func, insert, select

from strongback.storage.dialects import insert_for
from strongback.storage.tables import performed_sets, workouts

# Tries when the day's workout vanishes between the insert and the select (a concurrent
# delete of its last set); each try that finds nothing lets the next one insert.
_TRIES = 3


def log_workout_for(
    conn: Connection,
    user_id: int,
    day: date,
    *,
    started_at: datetime,
    title: str,
    source: str,
) -> tuple[int, bool]:
    """The id of the user's log workout of ``day`` and whether this call created it.

    The workout's row is locked until the transaction ends (on PostgreSQL; SQLite's write lock
    covers it already), so two writers appending sets to it take turns and number them apart.
    """
    # On PostgreSQL the day's workout is looked for first: it exists for every set after the
    # day's first, so one round trip usually does. SQLite inserts first: a unit that read before
    # its first write could not take the write lock once another writer committed.
    look_first = conn.dialect.name == "postgresql"
    for _ in range(_TRIES):
        if look_first:
            found = _find(conn, user_id, day)
            if found is not None:
                return found, False
        created = conn.execute(
            insert_for(conn, workouts)
            .values(
                user_id=user_id,
                started_at=started_at,
                title=title,
                source=source,
                log_day=day,
            )
            .on_conflict_do_nothing(index_elements=["user_id", "log_day"])
            .returning(workouts.c.id)
        ).scalar()
        if created is not None:
            return int(created), True
        found = _find(conn, user_id, day)
        if found is not None:
            return found, False
        look_first = False
    raise RuntimeError(f"the workout of {day} kept vanishing while sets were logged into it")


_FILLED_IN = frozenset({"user_id", "workout_id", "set_order"})


@cache
def _append_statement(columns: tuple[str, ...]) -> Insert:
    """INSERT one set into the user's log workout of a day, numbered after its last set, in
    one statement: nothing when the day has no log workout yet. Built once per column list."""
    last = (
        select(func.coalesce(func.max(performed_sets.c.set_order), 0))
        .where(performed_sets.c.workout_id == workouts.c.id)
        .scalar_subquery()
    )
    values = [bindparam(f"set_{c}", type_=performed_sets.c[c].type) for c in columns]
    source = select(*values, workouts.c.user_id, workouts.c.id, last + 1).where(
        workouts.c.user_id == bindparam("user_id"), workouts.c.log_day == bindparam("day")
    )
    return (
        insert(performed_sets)
        .from_select([*columns, "user_id", "workout_id", "set_order"], source)
        .returning(performed_sets.c.id, performed_sets.c.workout_id, performed_sets.c.set_order)
    )


def append_to_log_day(
    conn: Connection, user_id: int, day: date, rows: Sequence[Mapping[str, Any]]
) -> list[Row[Any]] | None:
    """Append sets (their column values; ``user_id``, ``workout_id`` and ``set_order`` are
    filled in here) to the user's log workout of ``day``, each numbered after the last: one
    statement a set, the workout found and the number taken inside it. Returns each set's
    (id, workout_id, set_order); None, with nothing written, when the day has no log workout.

    Call it under the unit's writer lock (a write unit): the number comes from the sets
    committed before the statement began, which the lock makes the latest.
    """
    stored: list[Row[Any]] = []
    for row in rows:
        columns = tuple(c for c in row if c not in _FILLED_IN)
        params = {f"set_{c}": row[c] for c in columns}
        found = conn.execute(
            _append_statement(columns), {**params, "user_id": user_id, "day": day}
        ).first()
        if found is None:
            return None  # only ever the first: once one set went in, the workout is there
        stored.append(found)
    return stored


def _find(conn: Connection, user_id: int, day: date) -> int | None:
    found = conn.execute(
        select(workouts.c.id)
        .where(workouts.c.user_id == user_id, workouts.c.log_day == day)
        .with_for_update()
    ).scalar()
    return int(found) if found is not None else None


__all__ = ["append_to_log_day", "log_workout_for"]
