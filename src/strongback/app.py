"""The composition root: one object that wires settings, storage and the catalog together.

The CLI, the web app, the benchmarks and the tests build it the same way::

    app = Strongback(Settings(database_url="sqlite:///x.db"))
    scope = app.local_scope()            # the CLI's local user; the web uses app.scope(user_id)
    result = training_log.log_sets(scope, request)
    app.close()

Nothing is built at import: the database opens (and migrates) on first use, the catalog loads on
first use, and both are kept for the life of the object (one per process, shared by threads).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING

from strongback.settings import Settings

if TYPE_CHECKING:
    from strongback.domain.catalog import Catalog
    from strongback.domain.coaching import Permission
    from strongback.storage import Database, UnitOfWork
    from strongback.storage.accounts import AccountsUnit

LOCAL_USER = "local"


class Strongback:
    """Settings, the open database and the catalog of one deployment."""

    def __init__(
        self, settings: Settings | None = None, *, database: Database | None = None
    ) -> None:
        """Settings default to the environment's; an open ``database`` may be handed in (tests,
        benchmarks), else it is opened from the settings on first use."""
        self.settings = settings if settings is not None else Settings()
        self._lock = threading.Lock()
        self._database: Database | None = database

    @property
    def database(self) -> Database:
        """The database, opened and migrated on first use."""
        if self._database is None:
            with self._lock:
                if self._database is None:
                    from strongback.storage import open_database

                    self._database = open_database(
                        self.settings.url,
                        create_directory=self.settings.default_database,
                        busy_timeout=self.settings.busy_timeout,
                        pool_size=self.settings.pool_size,
                    )
        return self._database

    @cached_property
    def catalog(self) -> Catalog:
        """The product catalog: the curated movements and the extended data set."""
        from strongback.domain.catalog import load_catalog

        return load_catalog()

    def scope(self, user_id: int) -> UserScope:
        """What a service needs to act for one user."""
        return UserScope(self, user_id)

    def athlete_scope(
        self, coach_id: int, athlete_id: int, need: Permission, *, comments_only: bool = False
    ) -> AthleteScope:
        """An athlete's data as one of their coaches may reach it; every unit of work checks
        the coach's live link (``services.coaching.athlete_scope`` is the use case)."""
        return AthleteScope(
            self, athlete_id, coach_id=coach_id, need=need, comments_only=comments_only
        )

    def accounts_unit(self, *, write: bool = False, one_read: bool = False) -> AccountsUnit:
        """A transaction over the deployment's accounts, sessions, API tokens, login attempts
        (``one_read``: a unit of one read-only statement)."""
        return self.database.accounts_unit(write=write, one_read=one_read)

    def local_scope(self, name: str = LOCAL_USER) -> UserScope:
        """The scope of a user known by name (the CLI's ``local`` user), created on first use."""
        return UserScope(self, self.database.user_id(name))

    def upgrade_database(self) -> tuple[str | None, str | None]:
        """Apply pending migrations; returns the revisions before and after."""
        from strongback.storage import open_database

        database = open_database(
            self.settings.url,
            migrate=False,
            create_directory=self.settings.default_database,
            busy_timeout=self.settings.busy_timeout,
        )
        try:
            return database.revision(), database.upgrade()
        finally:
            database.dispose()

    def describe_database(self) -> dict[str, str | None]:
        """The database in use: its URL (password masked), engine, revision and the newest one."""
        from strongback.storage import head_revision

        database = self.database
        return {
            "url": database.display_url,
            "engine": database.dialect,
            "revision": database.revision(),
            "head": head_revision(),
        }

    def close(self) -> None:
        """Close every pooled connection (the object can open them again)."""
        if self._database is not None:
            self._database.dispose()

    def __enter__(self) -> Strongback:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@dataclass(frozen=True)
class UserScope:
    """One user's view of the app: their id, the catalog, and units of work on their data only."""

    app: Strongback
    user_id: int

    @property
    def catalog(self) -> Catalog:
        """The product catalog (the user's custom exercises are added by the services)."""
        return self.app.catalog

    def unit_of_work(self, *, write: bool = False) -> UnitOfWork:
        """A transaction on this user's data; ``write`` takes the write lock at once on SQLite."""
        return self.app.database.unit_of_work(user_id=self.user_id, write=write)


@dataclass(frozen=True, kw_only=True)
class AthleteScope(UserScope):
    """A UserScope of an athlete (``user_id`` is the athlete's) opened by one of their
    coaches: each unit of work reads the coach's link first and raises NotFound unless it is
    live and covers ``need`` (nothing is cached, so a revocation ends access at once). A unit
    that writes needs ``assign``, but for ``comments_only`` (the comments service's)."""

    coach_id: int
    need: Permission
    comments_only: bool = False

    def unit_of_work(self, *, write: bool = False) -> UnitOfWork:
        """A transaction on the athlete's data, refused (NotFound) without the coach's access."""
        from strongback.domain.coaching import Permission
        from strongback.storage import CoachAccess

        need = Permission.ASSIGN if write and not self.comments_only else self.need
        return self.app.database.unit_of_work(
            user_id=self.user_id, write=write, coach=CoachAccess(self.coach_id, need)
        )


__all__ = ["LOCAL_USER", "AthleteScope", "Strongback", "UserScope"]
