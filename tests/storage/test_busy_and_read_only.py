"""Busy, read-only and misnamed databases: writers wait their turn, then say so in one line.

Busy: a writer waits for another one up to the busy timeout (``STRONGBACK_BUSY_TIMEOUT``, or
``open_database(busy_timeout=...)``), then gets DatabaseBusy; readers never wait. Read-only files
and folders, and a folder given as the database, give one line and exit code 2.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from strongback.cli.errors import exit_code_for
from strongback.domain.profile import UserProfile
from strongback.domain.vocab import WeightUnit
from strongback.services.training_log import LogRequest, log_sets
from strongback.storage import Database, DatabaseBusy, open_database
from tests.builders import scope_of

STRONGBACK = str(Path(sys.executable).with_name("strongback"))
STRONG_CSV = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
    '2026-04-24 09:40:00,"Upper Body",51m,"Bench Press (Barbell)",1,40.0,10.0,0,0.0,\n'
)


def _hold_write_lock(db: Database, taken: threading.Event, release: threading.Event) -> None:
    """Hold a write unit of work open (SQLite's write lock, PostgreSQL's writer lock)."""
    with db.unit_of_work(write=True) as uow:
        uow.profile.save(UserProfile(unit=WeightUnit.LB))
        taken.set()
        release.wait(timeout=30)
        uow.commit()


def test_a_writer_waits_for_a_lock_held_shorter_than_the_timeout(db_url: str) -> None:
    holder_db, waiter_db = open_database(db_url), open_database(db_url, busy_timeout=10)
    holder_db.user_id()  # the local user exists before anyone holds the lock
    taken, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(holder_db, taken, release))
    holder.start()
    try:
        assert taken.wait(timeout=10)
        threading.Timer(1.0, release.set).start()
        started = time.monotonic()
        result = log_sets(scope_of(waiter_db), LogRequest(exercise="face-pull", reps=(12,)))
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join()
    try:
        assert waited >= 0.8  # it queued behind the holder instead of failing
        with holder_db.unit_of_work() as uow:
            assert uow.profile.get().unit == WeightUnit.LB
            stored = uow.workouts.get(result.workout_id)
        assert stored is not None and [s.reps for s in stored.sets] == [12]
    finally:
        holder_db.dispose()
        waiter_db.dispose()


def test_a_lock_held_past_the_timeout_gives_one_busy_line_and_writes_nothing(
    db_url: str, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CLI's settings carry the busy timeout.
    monkeypatch.setenv("STRONGBACK_BUSY_TIMEOUT", "0.5")
    holder_db = open_database(db_url)
    holder_db.user_id()
    try:
        with holder_db.unit_of_work(write=True) as uow:
            uow.profile.save(UserProfile())
            started = time.monotonic()
            result = run_cli(["log", "add", "--exercise", "face-pull", "--reps", "9"], db_url)
            waited = time.monotonic() - started
            uow.commit()
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr
        assert "is busy: another process held it for longer than 0.5 s; try again" in lines[0]
        assert waited >= 0.4
        with holder_db.unit_of_work() as uow:
            assert uow.workouts.count() == (0, 0)
    finally:
        holder_db.dispose()


def test_a_copy_that_waits_past_the_timeout_gives_one_busy_line(
    postgres_url: str, run_cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The import's COPY raises psycopg's own error, not SQLAlchemy's: told the same way."""
    import psycopg

    monkeypatch.setenv("STRONGBACK_BUSY_TIMEOUT", "0.5")
    open_database(postgres_url).dispose()
    export = tmp_path / "strong.csv"
    export.write_text(STRONG_CSV)
    dsn = postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn) as holder:
        # Reads go on; inserting into workouts (the COPY) must wait for this lock.
        holder.execute("LOCK TABLE workouts IN SHARE MODE")
        result = run_cli(["import", "strong", str(export)], postgres_url)
        holder.rollback()
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, result.stderr
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "is busy: another process held it for longer than 0.5 s; try again" in lines[0]
    shown = run_cli(["log", "show", "--json"], postgres_url)
    assert shown.exit_code == 0 and json.loads(shown.stdout) == []


def test_busy_is_told_for_a_unit_of_work_too(db_url: str) -> None:
    holder_db, waiter_db = open_database(db_url), open_database(db_url, busy_timeout=0.3)
    holder_db.user_id()
    try:
        with holder_db.unit_of_work(write=True) as held:
            held.profile.save(UserProfile())
            with (
                pytest.raises(DatabaseBusy) as caught,
                waiter_db.unit_of_work(write=True) as uow,
            ):
                uow.profile.save(UserProfile(unit=WeightUnit.LB))
                uow.commit()
        assert exit_code_for(caught.value) == 2
        assert str(caught.value).endswith("held it for longer than 0.3 s; try again")
    finally:
        holder_db.dispose()
        waiter_db.dispose()


def test_readers_do_not_wait_for_a_writer(db_url: str) -> None:
    holder_db, reader_db = open_database(db_url), open_database(db_url, busy_timeout=0.2)
    holder_db.user_id()
    try:
        with holder_db.unit_of_work(write=True) as held:
            held.profile.save(UserProfile(unit=WeightUnit.LB))
            with reader_db.unit_of_work() as uow:
                # The holder's change is not committed: the reader sees the defaults, at once.
                assert uow.profile.get().unit == WeightUnit.KG
                assert uow.workouts.count() == (0, 0)
            held.commit()
    finally:
        holder_db.dispose()
        reader_db.dispose()


def _make_read_only(path: Path) -> list[list[str]]:
    """Make the file and its folder unwritable; returns the commands that undo it."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        path.parent.chmod(0o555)
        return [["chmod", "644", str(path)], ["chmod", "755", str(path.parent)]]
    # Permissions do not stop root; the immutable attribute does.
    done = subprocess.run(
        ["chattr", "+i", str(path), str(path.parent)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"cannot make a file read-only for root here: {done.stderr!r}")
    return [["chattr", "-i", str(path), str(path.parent)]]


def test_a_read_only_sqlite_file_gives_one_line_and_writes_nothing(
    tmp_path: Path, run_cli: Any
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "strongback.db"
    url = f"sqlite:///{path}"
    first = run_cli(["log", "add", "--exercise", "face-pull", "--reps", "10"], url)
    assert first.exit_code == 0, first.stderr
    before = path.read_bytes()
    export = tmp_path / "strong.csv"
    export.write_text(STRONG_CSV)
    undo = _make_read_only(path)
    expected = f"error: the database {path} is read-only: "
    try:
        # A real process: nothing but the one line reaches the terminal.
        done = subprocess.run(
            [STRONGBACK, "--db", url, "log", "add", "--exercise", "face-pull", "--reps", "11"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 2
        assert done.stdout == "" and done.stderr.startswith(expected)
        assert len(done.stderr.strip().splitlines()) == 1
        for args in (
            ["log", "delete", "1", "--yes"],
            ["profile", "set", "--unit", "lb"],
            ["import", "strong", str(export)],
        ):
            result = run_cli(args, url)
            lines = result.stderr.strip().splitlines()
            assert result.exit_code == 2, (args, result.stderr)
            assert len(lines) == 1 and lines[0].startswith(expected)
    finally:
        for command in undo:
            subprocess.run(command, check=True)
    assert path.read_bytes() == before


def test_a_read_only_postgresql_database_gives_one_line_and_writes_nothing(
    postgres_url: str, run_cli: Any
) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    first = run_cli(["log", "add", "--exercise", "face-pull", "--reps", "10"], postgres_url)
    assert first.exit_code == 0, first.stderr
    name = make_url(postgres_url).database
    dsn = postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    for args in (
        ["log", "add", "--exercise", "face-pull", "--reps", "11"],
        ["log", "delete", "1", "--yes"],
    ):
        result = run_cli(args, postgres_url)
        lines = result.stderr.strip().splitlines()
        assert result.exit_code == 2, result.stderr
        assert len(lines) == 1 and "Traceback" not in result.stderr
        assert lines[0].startswith("error: the database postgresql+psycopg://")
        assert " is read-only: cannot execute " in lines[0]
    shown = run_cli(["log", "show", "--json"], postgres_url)
    assert shown.exit_code == 0 and [r["reps"] for r in json.loads(shown.stdout)] == [10]


def test_a_default_database_whose_folder_cannot_be_created_gives_one_line(
    tmp_path: Path,
) -> None:
    data_home = tmp_path / "share"
    data_home.mkdir()
    marker = data_home / "keep"
    marker.write_text("")
    undo = _make_read_only(marker)  # the folder too: nothing can be created in it
    try:
        done = subprocess.run(
            [STRONGBACK, "log", "show"],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "XDG_DATA_HOME": str(data_home)},
        )
    finally:
        for command in undo:
            subprocess.run(command, check=True)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert lines[0].startswith("error: the database ")
    assert f"is read-only: cannot create its folder {data_home}" in lines[0]


def test_a_folder_given_as_a_sqlite_database_gives_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [STRONGBACK, "--db", f"sqlite:///{tmp_path}", "log", "show"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"error: the database '{tmp_path}' is a folder, not a SQLite file"
    ]
