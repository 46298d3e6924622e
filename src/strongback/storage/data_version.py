"""A user's data version: ``users.data_version``, raised once by each transaction of a unit of
work that wrote anything, in that transaction, whichever repository wrote.

The engine notes every statement that may write (INSERT, UPDATE, DELETE, COPY, anything not
known to only read) on the connection of a unit that asked for it (:func:`watch_writes`); the
unit raises its user's version before it commits (:func:`raise_version`). A unit opened to write
raises it on commit whenever its transaction began, even when no statement that writes was seen
(a bulk load may write through the driver's own connection, below the engine's events). Code
that commits through the driver itself raises the version in that transaction too
(:func:`raise_version_sql`). A coach's unit on an athlete's data raises the
athlete's version, as it is the athlete's data that changed.

Several web workers share one database, so what a worker keeps of a user's pages is keyed on
this version, read with the signed-in session (one query): a page kept under an older version
is never served again.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, Engine, event, select

from strongback.storage.tables import users

_OPTION = "strongback_writes"
# Statements that never write a user's rows; anything else counts as a write (over-counting
# only costs a recomputed page).
_READS = ("SELECT", "PRAGMA", "SHOW", "SET", "BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK",
          "COMMIT", "ANALYZE", "EXPLAIN", "VALUES")  # fmt: skip
_DML = re.compile(r"\b(INSERT|UPDATE|DELETE|MERGE)\b", re.IGNORECASE)


class WriteCounter:
    """How many statements that may write ran on a unit's connection since its last commit."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0


def may_write(statement: str) -> bool:
    """True unless the SQL statement only reads (a ``WITH`` writes when it holds DML)."""
    head = statement.lstrip()[:10].upper()
    if head.startswith("WITH"):
        return _DML.search(statement) is not None
    return not head.startswith(_READS)


def _note_statement(
    conn: Connection,
    _cursor: Any,
    statement: str,
    _parameters: Any,
    _context: Any,
    _executemany: bool,
) -> None:
    counter = conn.get_execution_options().get(_OPTION)
    if counter is not None and may_write(statement):
        counter.count += 1


def install_write_counter(engine: Engine) -> None:
    """Let units of work on this engine count their writing statements."""
    event.listen(engine, "before_cursor_execute", _note_statement)


def watch_writes(conn: Connection) -> WriteCounter:
    """Count the writing statements run on this connection (a unit's, for its life)."""
    counter = WriteCounter()
    conn.execution_options(**{_OPTION: counter})
    return counter


def raise_version(conn: Connection, user_id: int) -> None:
    """Raise the user's data version by one, in the connection's transaction."""
    # Plain SQL (an integer spliced in): every write unit runs it, and building and looking up
    # the expression each time cost more than running it.
    conn.exec_driver_sql(raise_version_sql(user_id))


def raise_version_sql(user_id: int) -> str:
    """The statement raising the user's data version, for code that runs its own statements
    through the driver (PostgreSQL's pipeline) and commits there."""
    return f"UPDATE users SET data_version = data_version + 1 WHERE id = {int(user_id)}"


def data_version(conn: Connection, user_id: int) -> int:
    """The user's data version (0 for a user that never wrote, or no such user)."""
    found = conn.execute(select(users.c.data_version).where(users.c.id == user_id)).scalar()
    return int(found or 0)


__all__ = [
    "WriteCounter",
    "data_version",
    "install_write_counter",
    "may_write",
    "raise_version",
    "raise_version_sql",
    "watch_writes",
]
