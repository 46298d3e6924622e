"""Which database to open: the URL given, else ``$STRONGBACK_DATABASE_URL``, else a local file."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from strongback.domain.errors import InvalidInput

ENV_VAR = "STRONGBACK_DATABASE_URL"
APP_NAME = "strongback"
DEFAULT_FILE_NAME = "strongback.db"


def default_database_path() -> Path:
    """The SQLite file used when no URL is given: ``strongback.db`` in the user data directory."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME)) / DEFAULT_FILE_NAME


def _parse(url: str) -> URL:
    try:
        return make_url(url.strip())
    except ArgumentError:
        raise InvalidInput(
            f"database URL {url!r} is not a URL like sqlite:///path/to/file.db "
            "or postgresql://user@host/dbname"
        ) from None


def normalize_url(url: str) -> str:
    """Check the URL names a supported engine; ``postgresql://`` gets the psycopg 3 driver."""
    parsed = _parse(url)
    backend = parsed.get_backend_name()
    if parsed.drivername in ("postgres", "postgresql", "postgresql+psycopg2"):
        # The driver shipped is psycopg 3; name it so the URL does not depend on a default.
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend == "postgresql":
        if parsed.drivername != "postgresql+psycopg":
            raise InvalidInput(
                f"database driver {parsed.drivername!r} is not supported; "
                "use postgresql:// (psycopg 3)"
            )
    elif backend == "sqlite":
        if parsed.get_driver_name() not in ("", "pysqlite"):
            raise InvalidInput(f"database driver {parsed.drivername!r} is not supported")
    else:
        raise InvalidInput(
            f"database engine {backend!r} is not supported; use sqlite:/// or postgresql://"
        )
    return parsed.render_as_string(hide_password=False)


def resolve_database_url(url: str | None = None) -> str:
    """The URL to open: ``url``, else ``$STRONGBACK_DATABASE_URL``, else the default SQLite file.

    The result is normalized (``postgresql://`` becomes ``postgresql+psycopg://``).
    """
    chosen = url or os.environ.get(ENV_VAR) or None
    if not chosen:
        return f"sqlite:///{default_database_path()}"
    return normalize_url(chosen)


def mask_password(url: str) -> str:
    """The URL with its password replaced by ``***``, for display."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or None for PostgreSQL and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


__all__ = [
    "ENV_VAR",
    "default_database_path",
    "mask_password",
    "normalize_url",
    "resolve_database_url",
    "sqlite_path",
]
