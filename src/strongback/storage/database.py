"""Opening a database: the engine, SQLite's settings, and applying pending migrations.

SQLite runs in WAL mode with foreign keys on, and the driver's implicit transaction handling is
replaced by an explicit ``BEGIN`` so that schema changes are transactional too. Migrations take a
lock first (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL), then look at the
revision again, so two processes that start at once migrate once.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from strongback.domain.errors import InvalidInput, StorageError
from strongback.storage.tables import users
from strongback.storage.unit_of_work import UnitOfWork
from strongback.storage.urls import (
    ENV_VAR,
    default_database_path,
    mask_password,
    resolve_database_url,
    sqlite_path,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock key: any constant that no other application on the server uses.
_PG_MIGRATION_LOCK = 0x5354524F4E47  # "STRONG"
DEFAULT_USER = "local"


class DatabaseError(StorageError):
    """The database cannot be opened or used (unreachable server, unreadable file)."""


def _sqlite_connect(dbapi_connection: Any, _record: Any, busy_ms: int = 30000) -> None:
    # Explicit BEGIN (see _sqlite_begin) instead of the driver's implicit transactions.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # The busy timeout comes first: switching a fresh file to WAL needs a lock that another
    # process opening the same file at the same moment may hold for a while.
    cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    _switch_to_wal(cursor)
    # In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last commits only.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _switch_to_wal(cursor: Any) -> None:
    """Put the file in WAL mode (a property of the file, so only its first opener changes it).

    SQLite answers "database is locked" at once, without waiting on the busy timeout, when the
    switch meets another connection's lock; several processes opening a fresh file together
    hit that, so the switch is retried for a while.
    """
    if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    delay, waited = 0.005, 0.0
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or waited >= _WAL_SWITCH_PATIENCE:
                raise
        time.sleep(delay)
        waited += delay
        delay = min(delay * 2, 0.25)


_WAL_SWITCH_PATIENCE = 30.0  # seconds, like the busy timeout


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def create_engine_for(url: str, *, busy_timeout: float = 30.0) -> Engine:
    """An engine for a normalized URL, with SQLite's connection settings installed."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        busy_ms = int(busy_timeout * 1000)
        event.listen(engine, "connect", lambda conn, record: _sqlite_connect(conn, record, busy_ms))
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def head_revision() -> str | None:
    """The newest migration shipped with this version of the package."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


@cache
def known_revisions() -> frozenset[str]:
    """Every migration revision shipped with this version of the package."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return frozenset(r.revision for r in script.walk_revisions())


def _current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the migration lock until it ends."""
    if engine.dialect.name == "sqlite":
        conn = engine.connect().execution_options(sqlite_begin="BEGIN IMMEDIATE")
        with conn, conn.begin():
            yield conn
        return
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
        yield conn


class Database:
    """An open database: hands out units of work and runs migrations."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine

    @property
    def display_url(self) -> str:
        """The URL with its password masked."""
        return mask_password(self.url)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return str(self.engine.dialect.name)

    def revision(self) -> str | None:
        """The schema revision the database is at (None before the first migration)."""
        with self.engine.connect() as conn:
            return _current_revision(conn)

    def upgrade(self, target: str = "head") -> str | None:
        """Apply pending migrations up to ``target``; returns the revision reached."""
        from alembic import command
        from alembic.util import CommandError

        try:
            with _migration_lock(self.engine) as conn:
                if target != "head" or _current_revision(conn) != head_revision():
                    command.upgrade(_alembic_config(conn), target)
                return _current_revision(conn)
        except CommandError as exc:
            raise DatabaseError(f"cannot migrate {self.display_url}: {exc}") from None

    def downgrade(self, target: str) -> str | None:
        """Revert migrations down to ``target`` (``base`` removes every table)."""
        from alembic import command
        from alembic.util import CommandError

        try:
            with _migration_lock(self.engine) as conn:
                command.downgrade(_alembic_config(conn), target)
                return _current_revision(conn)
        except CommandError as exc:
            raise DatabaseError(f"cannot migrate {self.display_url}: {exc}") from None

    def ensure_current(self) -> None:
        """Apply pending migrations; costs one query when the schema is already current."""
        current = self.revision()
        if current == head_revision():
            return
        if current is not None and current not in known_revisions():
            raise DatabaseError(
                f"the database {self.display_url} is at schema revision {current}, which this "
                "version of strongback does not know; install a newer strongback"
            )
        self.upgrade()

    def user_id(self, name: str = DEFAULT_USER) -> int:
        """The id of the user with this name, created on first use."""
        with self.engine.connect() as conn:
            found = conn.execute(select(users.c.id).where(users.c.name == name)).scalar()
            if found is not None:
                return int(found)
            conn.rollback()
            try:
                with conn.begin():
                    new_id = conn.execute(
                        insert(users)
                        .values(name=name, created_at=datetime.now().replace(microsecond=0))
                        .returning(users.c.id)
                    ).scalar_one()
                return int(new_id)
            except IntegrityError:
                # Another process created it at the same moment.
                return int(
                    conn.execute(select(users.c.id).where(users.c.name == name)).scalar_one()
                )

    def unit_of_work(
        self, user: str = DEFAULT_USER, *, user_id: int | None = None, write: bool = False
    ) -> UnitOfWork:
        """One transaction scoped to one user (by name, created on first use, or by id).

        ``write`` begins it as a write transaction at once (``BEGIN IMMEDIATE`` on SQLite), so a
        busy database makes it wait at the start instead of failing when it first writes.
        """
        uid = user_id if user_id is not None else self.user_id(user)
        return UnitOfWork(self.engine, uid, write=write)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def open_database(
    url: str | None = None,
    *,
    migrate: bool = True,
    create_directory: bool = False,
    busy_timeout: float = 30.0,
) -> Database:
    """Open the database at ``url`` (else ``$STRONGBACK_DATABASE_URL``, else the default file).

    The default SQLite file and its directory are created on first use (and any SQLite file's
    directory with ``create_directory``). Pending migrations are applied unless ``migrate`` is
    false. Errors a user can fix (a bad URL, a missing directory, an unreachable server) raise a
    StrongbackError with one clear line.
    """
    resolved = resolve_database_url(url)
    path = sqlite_path(resolved)
    if path is not None:
        default = path == default_database_path() and not (url or _env_url())
        if create_directory or default:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.parent.is_dir():
            raise InvalidInput(f"database directory {str(path.parent)!r} does not exist")
    engine = create_engine_for(resolved, busy_timeout=busy_timeout)
    db = Database(resolved, engine)
    try:
        if migrate:
            db.ensure_current()
        else:
            with engine.connect():
                pass
    except DBAPIError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(f"cannot open database {mask_password(resolved)}: {reason}") from None
    return db


def _env_url() -> str | None:
    import os

    return os.environ.get(ENV_VAR) or None


__all__ = ["Database", "DatabaseError", "create_engine_for", "head_revision", "open_database"]
