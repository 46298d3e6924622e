"""Alembic environment. The application passes its open connection in
``config.attributes["connection"]``; run by hand, the URL comes from ``sqlalchemy.url`` or the
usual resolution (``$STRONGBACK_DATABASE_URL``, else the default SQLite file).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from strongback.storage.tables import declared_on, metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things in place: later migrations copy-and-move tables.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=declared_on(connection.dialect.name),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on the given connection, or on a new engine for the configured URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from strongback.storage.database import create_engine_for
    from strongback.storage.urls import resolve_database_url

    url = config.get_main_option("sqlalchemy.url") or resolve_database_url()
    engine = create_engine_for(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported")
run_migrations_online()
