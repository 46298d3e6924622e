"""Opening a database: the engine, SQLite's settings, and applying pending migrations.

SQLite runs in WAL mode with foreign keys on, and the driver's implicit transaction handling is
replaced by an explicit ``BEGIN`` so that schema changes are transactional too. Migrations take a
lock first (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL), then look at the
revision again, so two processes that start at once migrate once.

Writers wait their turn: SQLite's busy timeout, and PostgreSQL's lock timeout, are both the
``busy_timeout`` given to :func:`open_database` (30 s by default); past it the writer gets
DatabaseBusy, one line.
"""

from __future__ import annotations

import ast
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache, cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from strongback.domain.errors import InvalidInput
from strongback.storage.data_version import install_write_counter
from strongback.storage.errors import (
    DEFAULT_BUSY_TIMEOUT,
    DatabaseBusy,
    DatabaseError,
    DatabaseReadOnly,
    translated_failures,
)
from strongback.storage.tables import users
from strongback.storage.unit_of_work import CoachAccess, UnitOfWork
from strongback.storage.urls import (
    ENV_VAR,
    default_database_path,
    mask_password,
    resolve_database_url,
    sqlite_path,
)
from strongback.storage.writer_lock import writer_lock_sql

if TYPE_CHECKING:
    from strongback.storage.accounts import AccountsUnit

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock key: any constant that no other application on the server uses.
_PG_MIGRATION_LOCK = 0x5354524F4E47  # "STRONG"
DEFAULT_USER = "local"


def _sqlite_connect(timeout: float, dbapi_connection: Any, _record: Any) -> None:
    # Explicit BEGIN (see _sqlite_begin) instead of the driver's implicit transactions.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # The busy timeout comes first: switching a fresh file to WAL needs a lock that another
    # process opening the same file at the same moment may hold for a while.
    cursor.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    _switch_to_wal(cursor, timeout)
    # In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last commits only.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _switch_to_wal(cursor: Any, patience: float) -> None:
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
            if "locked" not in str(exc) or waited >= patience:
                raise
        time.sleep(delay)
        waited += delay
        delay = min(delay * 2, 0.25)


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def _postgres_begin(conn: Connection) -> None:
    # A write unit takes its user's writer lock first (see storage.writer_lock).
    lock = writer_lock_sql(conn)
    if lock is not None:
        conn.exec_driver_sql(lock)


# A web worker runs up to 40 units at once (its thread pool): with SQLAlchemy's default pool (5
# kept, 10 more opened and closed again) a busy worker opened and closed a PostgreSQL connection
# (a server process) every few requests; 20 kept and 20 more covers the thread pool.
DEFAULT_POOL_SIZE = 20


def _postgres_connect(timeout: float, dbapi_connection: Any, _record: Any) -> None:
    # A writer waiting on another's lock gives up after the timeout, as on SQLite (at least
    # 1 ms: PostgreSQL reads 0 as "wait forever").
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = {max(1, int(timeout * 1000))}")
    dbapi_connection.commit()


def create_engine_for(
    url: str, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT, pool_size: int = DEFAULT_POOL_SIZE
) -> Engine:
    """An engine for a normalized URL, with the connection settings of its engine installed
    (``busy_timeout``: seconds a writer waits for another to finish; ``pool_size``: connections
    kept, and as many more opened under load)."""
    pooled = sqlite_path(url) is not None or url.startswith("postgresql")  # not in-memory
    sizes = {"pool_size": pool_size, "max_overflow": pool_size} if pooled else {}
    engine = create_engine(url, **sizes)
    install_write_counter(engine)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", partial(_sqlite_connect, busy_timeout))
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", partial(_postgres_connect, busy_timeout))
        event.listen(engine, "begin", _postgres_begin)
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


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.M)


@cache
def declared_head() -> str | None:
    """The head revision read from the migration files' text, without importing alembic (a
    fifth of a second of every command): the one revision no other follows. None when that is
    not a single one; alembic then decides."""
    revisions: set[str] = set()
    followed: set[str | None] = set()
    try:
        for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
            text = path.read_text("utf-8")
            found = {m.group(1): m.group(2) for m in _REVISION_LINE.finditer(text)}
            if "revision" not in found:
                continue
            revisions.add(ast.literal_eval(found["revision"]))
            down = ast.literal_eval(found.get("down_revision", "None"))
            followed.update(down if isinstance(down, tuple) else (down,))
    except (OSError, ValueError, SyntaxError):
        return None
    heads = revisions - followed
    return heads.pop() if len(heads) == 1 else None


def _stored_revision(conn: Connection) -> str | None:
    """The revision in ``alembic_version`` read in plain SQL; None when there is none or more
    than one."""
    if not conn.dialect.has_table(conn, "alembic_version"):
        return None
    rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def _current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _without_foreign_key_actions(conn: Connection) -> Iterator[Connection]:
    """SQLite: the migration's transaction with foreign keys off, checked before it commits.

    SQLite changes most of a table by copying it to a new one and dropping the old; with foreign
    keys on, that drop deletes the old rows first and ON DELETE CASCADE empties every table that
    refers to it (a downgrade of a column of ``users`` lost all the training data). The switch
    only takes effect outside a transaction, so it is set before BEGIN and back after."""
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        with conn.execution_options(sqlite_begin="BEGIN IMMEDIATE").begin():
            yield conn
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
            if broken is not None:
                table, parent = broken[0], broken[2]
                raise DatabaseError(f"the migration left a row of {table} without its {parent}")
    finally:
        driver.execute("PRAGMA foreign_keys=ON")


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the migration lock until it ends."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            yield from _without_foreign_key_actions(conn)
        return
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
        yield conn


class Database:
    """An open database: hands out units of work and runs migrations."""

    def __init__(
        self, url: str, engine: Engine, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
    ) -> None:
        self.url = url
        self.engine = engine
        self.busy_timeout = busy_timeout
        self.path = sqlite_path(url)

    @cached_property  # every unit of work names its database: parsed once
    def display_url(self) -> str:
        """The URL with its password masked."""
        return mask_password(self.url)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return str(self.engine.dialect.name)

    @property
    def display_name(self) -> str:
        """How errors name the database: its file on SQLite, else the masked URL."""
        return str(self.path) if self.path is not None else self.display_url

    def failures_translated(self) -> Any:
        """A context in which a busy or read-only database raises its one-line error."""
        return translated_failures(self.display_name, self.busy_timeout, self.path)

    def revision(self) -> str | None:
        """The schema revision the database is at (None before the first migration)."""
        with self.failures_translated(), self.engine.connect() as conn:
            return _current_revision(conn)

    def upgrade(self, target: str = "head") -> str | None:
        """Apply pending migrations up to ``target``; returns the revision reached."""
        from alembic import command
        from alembic.util import CommandError

        try:
            with self.failures_translated(), _migration_lock(self.engine) as conn:
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
            with self.failures_translated(), _migration_lock(self.engine) as conn:
                command.downgrade(_alembic_config(conn), target)
                return _current_revision(conn)
        except CommandError as exc:
            raise DatabaseError(f"cannot migrate {self.display_url}: {exc}") from None

    def ensure_current(self) -> None:
        """Apply pending migrations; costs one query when the schema is already current."""
        head = declared_head()
        if head is not None:
            with self.failures_translated(), self.engine.connect() as conn:
                if _stored_revision(conn) == head:
                    return  # current: decided without alembic
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
        with self.failures_translated(), self.engine.connect() as conn:
            found = conn.execute(select(users.c.id).where(users.c.name == name)).scalar()
            if found is not None:
                return int(found)
            conn.rollback()
            conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
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
        self,
        user: str = DEFAULT_USER,
        *,
        user_id: int | None = None,
        write: bool = False,
        coach: CoachAccess | None = None,
    ) -> UnitOfWork:
        """One transaction scoped to one user (by name, created on first use, or by id).

        ``write=True`` for a unit that will write: on SQLite it begins immediately, taking the
        write lock first, so concurrent writers queue up behind the busy timeout. ``coach``:
        the unit is a coach's, allowed only while their link to the user covers it.
        """
        return UnitOfWork(
            self.engine,
            user_id if user_id is not None else self.user_id(user),
            write=write,
            display_name=self.display_name,
            busy_timeout=self.busy_timeout,
            path=self.path,
            coach=coach,
        )

    def accounts_unit(self, *, write: bool = False, one_read: bool = False) -> AccountsUnit:
        """One transaction over the deployment's accounts, sessions, tokens and login attempts
        (``one_read``: a unit of one read-only statement, see Transaction)."""
        from strongback.storage.accounts import AccountsUnit

        return AccountsUnit(
            self.engine,
            write=write,
            one_read=one_read,
            display_name=self.display_name,
            busy_timeout=self.busy_timeout,
            path=self.path,
        )

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def open_database(
    url: str | None = None,
    *,
    migrate: bool = True,
    create_directory: bool = False,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    pool_size: int = DEFAULT_POOL_SIZE,
) -> Database:
    """Open the database at ``url`` (else ``$STRONGBACK_DATABASE_URL``, else the default file).

    The default SQLite file and its directory are created on first use (and any SQLite file's
    directory with ``create_directory``). Pending migrations are
    applied unless ``migrate`` is false. ``busy_timeout`` is how many seconds a writer waits for
    another process to finish before DatabaseBusy; ``pool_size`` how many connections a process
    keeps (as many more open under load). Errors a user can fix (a bad URL, a missing
    directory, a folder given as the file, an unreachable server, a busy or read-only database)
    raise a StrongbackError with one clear line.
    """
    resolved = resolve_database_url(url)
    path = sqlite_path(resolved)
    if path is not None:
        if create_directory or (path == default_database_path() and not (url or _env_url())):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseReadOnly(
                    str(path), f"cannot create its folder {path.parent}: {exc.strerror or exc}"
                ) from None
        elif not path.parent.is_dir():
            raise InvalidInput(f"database directory {str(path.parent)!r} does not exist")
        if path.is_dir():
            raise InvalidInput(f"the database {str(path)!r} is a folder, not a SQLite file")
    engine = create_engine_for(resolved, busy_timeout=busy_timeout, pool_size=pool_size)
    db = Database(resolved, engine, busy_timeout=busy_timeout)
    try:
        if migrate:
            db.ensure_current()
        else:
            with db.failures_translated(), engine.connect():
                pass
    except DatabaseError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(f"cannot open database {mask_password(resolved)}: {reason}") from None
    return db


def _env_url() -> str | None:
    import os

    return os.environ.get(ENV_VAR) or None


__all__ = [
    "Database",
    "DatabaseBusy",
    "DatabaseError",
    "DatabaseReadOnly",
    "create_engine_for",
    "head_revision",
    "open_database",
]
