"""The one workout per day that ``log add`` fills, found or created without a race.

``workouts.log_day`` is set only on that workout, and a unique index on ``(user_id, log_day)``
makes a second one for the same day impossible: the insert does nothing when another writer
got there first, and the select that follows finds theirs. Check-then-insert would let two
writers both see no workout and both create one.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, select

from strongback.storage.dialects import insert_for
from strongback.storage.tables import workouts

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


def _find(conn: Connection, user_id: int, day: date) -> int | None:
    found = conn.execute(
        select(workouts.c.id)
        .where(workouts.c.user_id == user_id, workouts.c.log_day == day)
        .with_for_update()
    ).scalar()
    return int(found) if found is not None else None


__all__ = ["log_workout_for"]
