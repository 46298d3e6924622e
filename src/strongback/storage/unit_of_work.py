"""The unit of work: one transaction, one user, the repositories that work inside it."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Connection, Engine

from strongback.storage.repositories import (
    CustomExerciseRepository,
    PlanRepository,
    ProfileRepository,
    WorkoutRepository,
)


class UnitOfWork:
    """A transaction scoped to one user. It rolls back unless :meth:`commit` is called.

    Use it as a context manager::

        with db.unit_of_work(user="local") as uow:
            uow.workouts.add(workout)
            uow.commit()

    After a commit the unit of work stays usable; the next statement starts a new transaction.
    """

    def __init__(self, engine: Engine, user_id: int, *, write: bool = False) -> None:
        self._engine = engine
        self.user_id = user_id
        self.write = write
        self._conn: Connection | None = None

    def __enter__(self) -> UnitOfWork:
        # The connection begins its transaction on first use (SQLAlchemy's autobegin); a write
        # transaction on SQLite takes the write lock with its BEGIN.
        conn = self._engine.connect()
        if self.write and self._engine.dialect.name == "sqlite":
            conn = conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        self._conn = conn
        self.profile = ProfileRepository(self._conn, self.user_id)
        self.workouts = WorkoutRepository(self._conn, self.user_id)
        self.custom_exercises = CustomExerciseRepository(self._conn, self.user_id)
        self.plans = PlanRepository(self._conn, self.user_id)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.rollback()
        finally:
            if self._conn is not None:
                self._conn.close()
            self._conn = None

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
