"""The user's writer lock on PostgreSQL: the statement a write unit's transaction begins with.

A write unit of work takes its user's writer lock first, so one user's writers queue up like
SQLite's (two imports of one file at once: the second waits, then finds every set stored,
instead of failing on the first's keys); other users' writers do not wait. The user id rides on
the connection's ``postgresql_writer_lock`` execution option (set by the unit of work).
"""

from __future__ import annotations

from sqlalchemy import Connection

# pg_advisory_xact_lock(class, user id) of a write unit: any constant no other application uses.
_PG_WRITER_LOCK = 0x53545257  # "STRW"


def writer_lock_sql(conn: Connection) -> str | None:
    """The statement taking the writer lock of the unit on ``conn``; None for a unit without
    one (a read-only unit)."""
    user_id = conn.get_execution_options().get("postgresql_writer_lock")
    if user_id is None:
        return None
    return f"SELECT pg_advisory_xact_lock({_PG_WRITER_LOCK}, {int(user_id)})"


__all__ = ["writer_lock_sql"]
