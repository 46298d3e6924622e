"""Opening a database: URLs, the default file, SQLite's settings, automatic migrations."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from strongback.domain.errors import InvalidInput
from strongback.storage import (
    DatabaseError,
    head_revision,
    mask_password,
    open_database,
    resolve_database_url,
)
from strongback.storage.urls import default_database_path, normalize_url

TABLES = {"users", "profiles", "workouts", "performed_sets", "custom_exercises", "plans"}


def test_open_database_applies_migrations_on_first_use(db_url: str) -> None:
    db = open_database(db_url)
    try:
        assert db.revision() == head_revision()
        assert set(inspect(db.engine).get_table_names()) >= TABLES
    finally:
        db.dispose()


def test_opening_again_keeps_the_data_and_the_revision(db_url: str) -> None:
    db = open_database(db_url)
    db.user_id("someone")
    db.dispose()
    again = open_database(db_url)
    try:
        assert again.revision() == head_revision()
        with again.engine.connect() as conn:
            names = conn.execute(text("SELECT name FROM users")).scalars().all()
        assert names == ["someone"]
    finally:
        again.dispose()


def test_two_processes_opening_a_fresh_database_at_once_both_succeed(db_url: str) -> None:
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            open_database(db_url).dispose()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    # Twelve openers make the race for the first switch to WAL likely on every run.
    threads = [threading.Thread(target=open_it) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    db = open_database(db_url)
    assert db.revision() == head_revision()
    db.dispose()


def test_sqlite_file_is_in_wal_mode_with_foreign_keys_on(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    assert path.is_file()
    # WAL mode is a property of the file: a plain connection sees it too.
    import sqlite3

    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_default_database_is_a_file_in_the_user_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    expected = tmp_path / "data" / "strongback" / "strongback.db"
    assert default_database_path() == expected
    assert resolve_database_url() == f"sqlite:///{expected}"
    db = open_database()
    try:
        assert expected.is_file()
        assert db.revision() == head_revision()
    finally:
        db.dispose()


def test_environment_variable_names_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'from-env.db'}"
    monkeypatch.setenv("STRONGBACK_DATABASE_URL", url)
    assert resolve_database_url() == url
    # An explicit URL wins over the environment.
    other = f"sqlite:///{tmp_path / 'explicit.db'}"
    assert resolve_database_url(other) == other


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u:p@db.example:5433/x", "postgresql+psycopg://u:p@db.example:5433/x"),
        ("postgres://u@h/x", "postgresql+psycopg://u@h/x"),
        ("postgresql+psycopg://u@h/x", "postgresql+psycopg://u@h/x"),
        ("sqlite:////tmp/a.db", "sqlite:////tmp/a.db"),
    ],
)
def test_urls_are_normalized_to_the_drivers_we_ship(given: str, expected: str) -> None:
    assert normalize_url(given) == expected


@pytest.mark.parametrize("bad", ["mysql://u@h/x", "not a url", "postgresql+asyncpg://u@h/x"])
def test_unsupported_urls_are_refused_with_one_clear_line(bad: str) -> None:
    with pytest.raises(InvalidInput) as info:
        resolve_database_url(bad)
    assert "\n" not in str(info.value)


def test_a_missing_directory_is_refused_not_created(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        open_database(f"sqlite:///{tmp_path / 'no' / 'such' / 'x.db'}")
    assert not (tmp_path / "no").exists()


def test_an_unreachable_server_is_a_clear_error_with_the_password_masked() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DatabaseError) as info:
        open_database(f"postgresql://me:hunter2@127.0.0.1:{port}/nothing")
    message = str(info.value)
    assert "hunter2" not in message and "***" in message
    assert "\n" not in message


def test_mask_password_hides_only_the_password() -> None:
    assert mask_password("postgresql+psycopg://me:s3cret@h:5432/db") == (
        "postgresql+psycopg://me:***@h:5432/db"
    )
    assert mask_password("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_open_without_migrating_leaves_the_database_empty(sqlite_url: str) -> None:
    db = open_database(sqlite_url, migrate=False)
    try:
        assert db.revision() is None
        assert db.upgrade() == head_revision()
    finally:
        db.dispose()


def test_a_database_from_a_newer_version_is_refused_clearly(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.dispose()
    with pytest.raises(DatabaseError, match="revision 9999"):
        open_database(sqlite_url)
