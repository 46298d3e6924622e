"""The INSERT with ON CONFLICT of the connection's engine, its dialect imported on first use:
SQLAlchemy's PostgreSQL dialect takes a fifth of a second to import, which a command on SQLite
never needs."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection


def insert_for(conn: Connection, table: Any) -> Any:
    """``INSERT INTO table`` in the dialect of ``conn`` (PostgreSQL's or SQLite's), so the
    statement can take ``on_conflict_do_nothing``/``on_conflict_do_update``."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


__all__ = ["insert_for"]
