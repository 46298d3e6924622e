"""The unit of work: one transaction, one user, the repositories that work inside it."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from sqlalchemy import Connection, Engine

from strongback.storage.errors import DEFAULT_BUSY_TIMEOUT, operational_failure
from strongback.storage.import_records import ImportRepository, NameMappingRepository
from strongback.storage.repositories import (
    BodyWeightRepository,
    CustomExerciseRepository,
    HistoryRepository,
    PlanRepository,
    ProfileRepository,
    TrashRepository,
    WorkoutEditRepository,
    WorkoutRepository,
)
from strongback.storage.repositories.sessions import SessionRepository


class UnitOfWork:
    """A transaction scoped to one user. It rolls back unless :meth:`commit` is called.

    Use it as a context manager::

        with db.unit_of_work(user="local") as uow:
            uow.workouts.add(workout)
            uow.commit()

    After a commit the unit of work stays usable; the next statement starts a new transaction.

    A unit that will write is opened with ``write=True``: on SQLite its transactions then begin
    with ``BEGIN IMMEDIATE``, taking the write lock before the first read, so a concurrent
    writer makes it wait (up to the busy timeout) instead of failing at once when it upgrades a
    read snapshot that another commit made stale; on PostgreSQL they take the user's writer
    lock, so one user's writers take turns there too. Read-only units keep a deferred
    ``BEGIN`` and take no lock.
    A busy or read-only database raises DatabaseBusy or DatabaseReadOnly (one line).
    """

    def __init__(
        self,
        engine: Engine,
        user_id: int,
        *,
        write: bool = False,
        display_name: str | None = None,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        path: Path | None = None,
    ) -> None:
        self._engine = engine
        self.user_id = user_id
        self.write = write
        self._display_name = display_name or engine.url.render_as_string(hide_password=True)
        self._busy_timeout = busy_timeout
        self._path = path
        self._conn: Connection | None = None

    def __enter__(self) -> UnitOfWork:
        # The connection begins its transaction on first use (SQLAlchemy's autobegin).
        try:
            self._conn = self._engine.connect()
        except Exception as exc:
            self._raise_translated(exc)
            raise
        # Read by the engine's "begin" listeners (storage.database._sqlite_begin and
        # _postgres_begin) at the start of every transaction of this unit.
        if self.write and self._engine.dialect.name == "sqlite":
            self._conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        elif self.write and self._engine.dialect.name == "postgresql":
            self._conn.execution_options(postgresql_writer_lock=self.user_id)
        self.profile = ProfileRepository(self._conn, self.user_id)
        self.workouts = WorkoutRepository(self._conn, self.user_id)
        self.workout_edits = WorkoutEditRepository(self._conn, self.user_id)
        self.trash = TrashRepository(self._conn, self.user_id)
        self.history = HistoryRepository(self._conn, self.user_id)
        self.custom_exercises = CustomExerciseRepository(self._conn, self.user_id)
        self.plans = PlanRepository(self._conn, self.user_id)
        self.imports = ImportRepository(self._conn, self.user_id)
        self.name_mappings = NameMappingRepository(self._conn, self.user_id)
        self.sessions = SessionRepository(self._conn, self.user_id)
        self.body_weights = BodyWeightRepository(self._conn, self.user_id)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.rollback()
        except Exception:
            if exc is None:
                raise
            # The failure that ended the block matters more than the failed rollback.
        finally:
            if self._conn is not None:
                self._conn.close()
            self._conn = None
        if isinstance(exc, Exception):
            self._raise_translated(exc)

    def _raise_translated(self, exc: Exception) -> None:
        """Raise the one-line error for a busy or read-only database; return otherwise."""
        failure = operational_failure(exc, self._display_name, self._busy_timeout, self._path)
        if failure is not None:
            raise failure from None

    @property
    def connection(self) -> Connection:
        """The connection of this unit of work (for adapters that need raw access)."""
        if self._conn is None:
            raise RuntimeError("the unit of work is not open; use it in a with block")
        return self._conn

    def commit(self) -> None:
        """Make everything done so far durable."""
        self.connection.commit()

    def rollback(self) -> None:
        """Discard everything since the last commit."""
        if self._conn is not None:
            self._conn.rollback()


__all__ = ["UnitOfWork"]
