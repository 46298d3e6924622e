"""The one workout per day that ``log add`` fills, found or created without a race.

``workouts.log_day`` is set only on that workout, and a unique index on ``(user_id, log_day)``
makes a second one for the same day impossible: the insert does nothing when another writer
got there first, and the select that follows finds theirs. Check-then-insert would let two
writers both see no workout and both create one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import suppress
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    Compiled,
    Connection,
    Dialect,
    Insert,
    Integer,
    Row,
    String,
    bindparam,
    cast,
    func,
    insert,
    literal,
    select,
    true,
    union_all,
)
from sqlalchemy.types import TypeEngine

from strongback.storage.data_version import raise_version_sql
from strongback.storage.dialects import insert_for
from strongback.storage.tables import performed_sets, workouts
from strongback.storage.writer_lock import writer_lock_sql

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
# Sets a statement appends at most (a statement's bound values stay well under the engines'
# limits); a longer list takes several, each numbering after the one before.
_CHUNK = 64


def _unsized(column: str) -> TypeEngine[Any]:
    """The column's type without its length: a cast to VARCHAR(n) would cut a longer value,
    which the column must refuse instead."""
    kind = performed_sets.c[column].type
    return String() if isinstance(kind, String) else kind


@cache
def _append_statement(columns: tuple[str, ...], count: int) -> Insert:
    """INSERT ``count`` sets into the user's log workout of a day, numbered after its last set
    in the order given, in one statement: nothing when the day has no log workout yet. Built
    once per column list and count."""
    last = (
        select(func.coalesce(func.max(performed_sets.c.set_order), 0))
        .where(performed_sets.c.workout_id == workouts.c.id)
        .scalar_subquery()
    )
    rows = union_all(
        *(
            select(
                # Cast: a column of NULLs in a union would be text on PostgreSQL.
                *(cast(bindparam(f"{c}_{i}"), _unsized(c)).label(c) for c in columns),
                literal(i + 1, Integer).label("position"),
            )
            for i in range(count)
        )
    ).subquery("appended")
    source = (
        select(
            *(rows.c[c] for c in columns), workouts.c.user_id, workouts.c.id, last + rows.c.position
        )
        .select_from(workouts.join(rows, true()))  # each set with the one workout found
        .where(workouts.c.user_id == bindparam("user_id"), workouts.c.log_day == bindparam("day"))
    )
    return (
        insert(performed_sets)
        .from_select([*columns, "user_id", "workout_id", "set_order"], source)
        .returning(performed_sets.c.id, performed_sets.c.workout_id, performed_sets.c.set_order)
    )


def append_to_log_day(
    conn: Connection, user_id: int, day: date, rows: Sequence[Mapping[str, Any]]
) -> list[Row[Any]] | None:
    """Append sets (their column values, the same columns for each; ``user_id``,
    ``workout_id`` and ``set_order`` are filled in here) to the user's log workout of ``day``,
    numbered after its last set in the order given: one statement, the workout found and the
    numbers taken inside it. Returns each set's (id, workout_id, set_order) in the order given;
    None, with nothing written, when the day has no log workout.

    Call it under the unit's writer lock (a write unit): the numbers come from the sets
    committed before the statement began, which the lock makes the latest.
    """
    if not rows:
        return []
    columns = tuple(c for c in rows[0] if c not in _FILLED_IN)
    stored: list[Row[Any]] = []
    for first in range(0, len(rows), _CHUNK):
        chunk = rows[first : first + _CHUNK]
        params = {f"{c}_{i}": row[c] for i, row in enumerate(chunk) for c in columns}
        found = conn.execute(
            _append_statement(columns, len(chunk)), {**params, "user_id": user_id, "day": day}
        ).all()
        if not found:
            return None  # only ever the first: once one set went in, the workout is there
        stored += sorted(found, key=lambda r: r.set_order)  # numbered in the order given
    return stored


def can_append_and_commit(conn: Connection, count: int) -> bool:
    """True when :func:`append_and_commit` can append ``count`` sets on ``conn``: PostgreSQL
    (psycopg), nothing done yet in the unit's transaction, one statement's worth of sets."""
    return conn.dialect.name == "postgresql" and not conn.in_transaction() and count <= _CHUNK


@cache
def _compiled_append(dialect: Dialect, columns: tuple[str, ...], count: int) -> Compiled:
    return _append_statement(columns, count).compile(dialect=dialect)


def append_and_commit(
    conn: Connection, user_id: int, day: date, rows: Sequence[Mapping[str, Any]]
) -> list[Any] | None:
    """:func:`append_to_log_day` and the commit, on PostgreSQL, sent as one query string: the
    unit's writer lock, the insert and the commit, so the lock is held only while the server
    runs them, never across a turn of the client (whose thread may wait for the GIL under
    load). For a unit that has done nothing yet (:func:`can_append_and_commit`); None, with
    nothing written, when the day has no log workout (the unit then goes on as usual).
    """
    if not rows or not can_append_and_commit(conn, len(rows)):
        raise ValueError("append_and_commit: see can_append_and_commit")
    import psycopg  # only here: SQLite never needs it
    from psycopg.rows import namedtuple_row

    columns = tuple(c for c in rows[0] if c not in _FILLED_IN)
    compiled = _compiled_append(conn.dialect, columns, len(rows))
    values = {f"{c}_{i}": row[c] for i, row in enumerate(rows) for c in columns}
    params = compiled.construct_params({**values, "user_id": user_id, "day": day})
    lock = writer_lock_sql(conn)
    # The user's data version goes up in the same transaction (kept pages are keyed on it).
    statements = ["BEGIN", *([lock] if lock else []), raise_version_sql(user_id), str(compiled)]
    driver = conn.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    # The string holds its own BEGIN and COMMIT: in autocommit the driver sends no BEGIN of its
    # own first, a round trip less (the pool puts the level back if this does not).
    conn.execution_options(isolation_level="AUTOCOMMIT")
    try:
        # Several statements in one string need the values bound here (psycopg quotes them);
        # the server runs them in turn, each seeing what committed before it began.
        with psycopg.ClientCursor(driver, row_factory=namedtuple_row) as cursor:
            cursor.execute("; ".join([*statements, "COMMIT"]), params)
            for _ in statements[:-1]:  # to the insert's rows
                cursor.nextset()
            found = cursor.fetchall()
    except Exception:
        with suppress(Exception):  # a connection that broke fails on its own error
            driver.rollback()
            conn.execution_options(isolation_level=conn.default_isolation_level)
        raise
    conn.execution_options(isolation_level=conn.default_isolation_level)
    return sorted(found, key=lambda r: r.set_order) or None  # numbered in the order given


def _find(conn: Connection, user_id: int, day: date) -> int | None:
    found = conn.execute(
        select(workouts.c.id)
        .where(workouts.c.user_id == user_id, workouts.c.log_day == day)
        .with_for_update()
    ).scalar()
    return int(found) if found is not None else None


__all__ = [
    "append_and_commit",
    "append_to_log_day",
    "can_append_and_commit",
    "log_workout_for",
]
