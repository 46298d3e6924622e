"""One connection and its transaction: what the user's unit of work and the accounts unit share."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from sqlalchemy import Connection, Engine

from strongback.storage.errors import DEFAULT_BUSY_TIMEOUT, operational_failure


class Transaction:
    """A connection opened on entry and rolled back on exit unless :meth:`commit` was called.

    A busy or read-only database raises DatabaseBusy or DatabaseReadOnly (one line), whether it
    fails on entry, inside the block or on the way out. With ``write`` on SQLite every
    transaction begins with ``BEGIN IMMEDIATE`` (read by the engine's "begin" listener in
    storage.database), taking the write lock before the first read. ``one_read``: the unit
    runs one read-only statement, which on PostgreSQL then runs outside a transaction.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        write: bool = False,
        display_name: str | None = None,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        path: Path | None = None,
        one_read: bool = False,
    ) -> None:
        self._engine = engine
        self.write = write
        self._one_read = one_read
        self._display_name = display_name or engine.url.render_as_string(hide_password=True)
        self._busy_timeout = busy_timeout
        self._path = path
        self._conn: Connection | None = None

    def _open(self) -> Connection:
        """Connect (the transaction begins on first use: SQLAlchemy's autobegin)."""
        try:
            self._conn = self._engine.connect()
        except Exception as exc:
            self._raise_translated(exc)
            raise
        if self.write and self._engine.dialect.name == "sqlite":
            self._conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        if self._one_read and self._engine.dialect.name == "postgresql":
            # One statement needs no transaction of its own: no BEGIN and ROLLBACK round trips.
            self._conn.execution_options(isolation_level="AUTOCOMMIT")
        return self._conn

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
        """The open connection (for adapters that need raw access)."""
        if self._conn is None:
            raise RuntimeError("the unit is not open; use it in a with block")
        return self._conn

    def commit(self) -> None:
        """Make everything done so far durable."""
        self.connection.commit()

    def rollback(self) -> None:
        """Discard everything since the last commit."""
        if self._conn is not None:
            self._conn.rollback()


__all__ = ["Transaction"]
