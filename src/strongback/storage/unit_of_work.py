"""The unit of work: one transaction, one user, the repositories that work inside it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from strongback.domain.coaching import Permission, coaching_off
from strongback.domain.errors import NotFound
from strongback.storage.data_version import WriteCounter, raise_version, watch_writes
from strongback.storage.errors import DEFAULT_BUSY_TIMEOUT
from strongback.storage.import_records import ImportRepository, NameMappingRepository
from strongback.storage.repositories import (
    AggregateRepository,
    BodyWeightRepository,
    CheckInRepository,
    CoachingRepository,
    CommentRepository,
    CustomExerciseRepository,
    HistoryRepository,
    PlanRepository,
    ProfileRepository,
    TrashRepository,
    WorkoutEditRepository,
    WorkoutRepository,
)
from strongback.storage.repositories.roster import RosterRepository
from strongback.storage.repositories.sessions import SessionRepository
from strongback.storage.transaction import Transaction


@dataclass(frozen=True)
class CoachAccess:
    """A unit of work opened by a coach on an athlete's data, and the permission it needs."""

    coach_id: int
    need: Permission


class UnitOfWork(Transaction):
    """A transaction scoped to one user. It rolls back unless :meth:`commit` is called.

    Use it as a context manager::

        with db.unit_of_work(user="local") as uow:
            uow.workouts.add(workout)
            uow.commit()

    After a commit the unit of work stays usable; the next statement starts a new transaction.
    A commit after any write raises the user's data version in the same transaction
    (storage/data_version.py).

    A unit that will write is opened with ``write=True``: on SQLite its transactions then begin
    with ``BEGIN IMMEDIATE``, taking the write lock before the first read, so a concurrent
    writer makes it wait (up to the busy timeout) instead of failing at once when it upgrades a
    read snapshot that another commit made stale; on PostgreSQL they take the user's writer
    lock, so one user's writers take turns there too. Read-only units keep a deferred
    ``BEGIN`` and take no lock.
    A busy or read-only database raises DatabaseBusy or DatabaseReadOnly (one line).

    A unit opened for a coach (``coach``) reads the coach's link to the user when it opens and
    raises NotFound, as for an id that names nothing, unless the link is live and covers the
    permission asked for.
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
        coach: CoachAccess | None = None,
    ) -> None:
        super().__init__(
            engine, write=write, display_name=display_name, busy_timeout=busy_timeout, path=path
        )
        self.user_id = user_id
        self.coach = coach
        self._writes = WriteCounter()

    def __enter__(self) -> UnitOfWork:
        conn = self._open()
        if self.write and self._engine.dialect.name == "postgresql":
            # Read by storage.database._postgres_begin at the start of every transaction.
            conn.execution_options(postgresql_writer_lock=self.user_id)
        self._writes = watch_writes(conn)
        self.profile = ProfileRepository(conn, self.user_id)
        self.workouts = WorkoutRepository(conn, self.user_id)
        self.workout_edits = WorkoutEditRepository(conn, self.user_id)
        self.trash = TrashRepository(conn, self.user_id)
        self.history = HistoryRepository(conn, self.user_id)
        self.aggregates = AggregateRepository(conn, self.user_id)
        self.custom_exercises = CustomExerciseRepository(conn, self.user_id)
        self.plans = PlanRepository(conn, self.user_id)
        self.imports = ImportRepository(conn, self.user_id)
        self.name_mappings = NameMappingRepository(conn, self.user_id)
        self.sessions = SessionRepository(conn, self.user_id)
        self.body_weights = BodyWeightRepository(conn, self.user_id)
        self.coaching = CoachingRepository(conn, self.user_id)
        self.comments = CommentRepository(conn, self.user_id)
        self.checkins = CheckInRepository(conn, self.user_id)
        self.roster = RosterRepository(conn, self.user_id)
        if self.coach is not None:
            self._check_coach(self.coach)
        return self

    def commit(self) -> None:
        """Make everything done so far durable, raising the user's data version with it when
        anything was written (or, for a unit opened to write, its transaction began)."""
        conn = self.connection
        if self._writes.count or (self.write and conn.in_transaction()):
            raise_version(conn, self.user_id)
        super().commit()
        self._writes.count = 0

    def rollback(self) -> None:
        """Discard everything since the last commit."""
        super().rollback()
        if self._conn is not None:
            self._writes.count = 0

    def _check_coach(self, coach: CoachAccess) -> None:
        """Refuse a coach whose live link does not cover the access asked for (NotFound, as an
        id that names nothing), or whose coaching is off (Conflict: the coach's own switch);
        read now, in this transaction: a revocation or the switch turned off ends access at
        once."""
        link = self.coaching.coach_link(coach.coach_id)
        if link is None or not link.allows(coach.need):
            self.__exit__(None, None, None)
            raise NotFound(f"no athlete with id {self.user_id}", field="athlete_id")
        if not self.coaching.coaching_on(coach.coach_id):
            self.__exit__(None, None, None)
            raise coaching_off()


__all__ = ["CoachAccess", "UnitOfWork"]
