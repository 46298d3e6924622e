"""The database's operational failures, told in one line: busy, read-only, cannot be opened.

The drivers report these as exceptions of their own (``sqlite3.OperationalError``, psycopg's
errors, raised bare during ``COPY`` or wrapped in SQLAlchemy's ``DBAPIError`` elsewhere).
:func:`operational_failure` recognizes them in one place, and :func:`translated_failures` turns
them into the errors below wherever storage talks to the database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from strongback.domain.errors import StorageBusy, StorageError, StorageReadOnly

DEFAULT_BUSY_TIMEOUT = 30.0  # seconds a writer waits for another one to finish


class DatabaseError(StorageError):
    """The database cannot be opened or used (unreachable server, unreadable file)."""


class DatabaseBusy(DatabaseError, StorageBusy):
    """Another process held the database for longer than the busy timeout."""

    def __init__(self, display_name: str, timeout: float) -> None:
        self.timeout = timeout
        super().__init__(
            f"the database {display_name} is busy: another process held it for longer than "
            f"{timeout:g} s; try again"
        )


class DatabaseReadOnly(DatabaseError, StorageReadOnly):
    """The database (its file or its folder) cannot be written to."""

    def __init__(self, display_name: str, reason: str) -> None:
        super().__init__(f"the database {display_name} is read-only: {reason}")


# SQLite's primary result codes (the extended codes carry them in their low byte).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_CANTOPEN = 5, 6, 8, 14
# PostgreSQL's SQLSTATEs: lock_not_available, read_only_sql_transaction.
_PG_BUSY, _PG_READ_ONLY = "55P03", "25006"


def _driver_error(exc: BaseException) -> BaseException | None:
    """The driver's own exception behind ``exc`` (unwrapping SQLAlchemy's), or None."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException):
        return orig
    module = type(exc).__module__
    if module.startswith(("sqlite3", "psycopg")):
        return exc
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def operational_failure(
    exc: BaseException, display_name: str, timeout: float, path: Path | None = None
) -> DatabaseError | None:
    """The one-line error for a busy or read-only database behind ``exc``, else None.

    ``path`` is the SQLite file, when there is one: a file that cannot be opened for writing is
    told as read-only rather than as a bare "unable to open database file".
    """
    driver = _driver_error(exc)
    if driver is None:
        return None
    code = getattr(driver, "sqlite_errorcode", None)
    if isinstance(code, int):
        primary = code & 0xFF
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return DatabaseBusy(display_name, timeout)
        if primary == _SQLITE_READONLY:
            return DatabaseReadOnly(display_name, _read_only_reason(path, _first_line(driver)))
        if primary == _SQLITE_CANTOPEN and path is not None and _not_writable(path):
            return DatabaseReadOnly(display_name, _read_only_reason(path, _first_line(driver)))
        return None
    state = getattr(driver, "sqlstate", None)
    if state == _PG_BUSY:
        return DatabaseBusy(display_name, timeout)
    if state == _PG_READ_ONLY:
        return DatabaseReadOnly(display_name, _first_line(driver))
    return None


def is_operational_failure(exc: BaseException) -> bool:
    """True when ``exc`` is the driver saying the database is busy or read-only."""
    return operational_failure(exc, "", DEFAULT_BUSY_TIMEOUT) is not None


def _not_writable(path: Path) -> bool:
    target = path if path.exists() else path.parent
    return not os.access(target, os.W_OK) or not os.access(path.parent, os.W_OK)


def _read_only_reason(path: Path | None, fallback: str) -> str:
    if path is None:
        return fallback
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is not writable"
    if not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} is not writable"
    return fallback


@contextmanager
def translated_failures(
    display_name: str, timeout: float, path: Path | None = None
) -> Iterator[None]:
    """Raise the one-line error instead of the driver's for a busy or read-only database."""
    try:
        yield
    except Exception as exc:
        failure = operational_failure(exc, display_name, timeout, path)
        if failure is None:
            raise
        raise failure from None


__all__ = [
    "DEFAULT_BUSY_TIMEOUT",
    "DatabaseBusy",
    "DatabaseError",
    "DatabaseReadOnly",
    "is_operational_failure",
    "operational_failure",
    "translated_failures",
]
