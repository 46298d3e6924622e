"""``strongback db`` and the database selection every command shares."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from strongback.storage import head_revision


def _file(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def test_db_upgrade_migrates_and_prints_the_revision(run_cli: Any, db_url: str) -> None:
    first = run_cli(["db", "upgrade"], db_url=db_url)
    assert first.exit_code == 0, first.stderr
    assert f"revision {head_revision()}" in first.stdout
    again = run_cli(["db", "upgrade"], db_url=db_url)
    assert again.exit_code == 0
    assert "already at revision" in again.stdout


def test_db_option_before_the_group_and_on_the_command(run_cli: Any, tmp_path: Path) -> None:
    before = tmp_path / "before.db"
    after = tmp_path / "after.db"
    r1 = run_cli(["--db", f"sqlite:///{before}", "db", "upgrade"])
    r2 = run_cli(["db", "upgrade", "--db", f"sqlite:///{after}"])
    assert r1.exit_code == 0 and r2.exit_code == 0
    assert before.is_file() and after.is_file()


def test_the_command_option_wins_over_the_environment(run_cli: Any, tmp_path: Path) -> None:
    env_db = tmp_path / "env.db"
    opt_db = tmp_path / "opt.db"
    result = run_cli(["db", "upgrade", "--db", f"sqlite:///{opt_db}"], db_url=f"sqlite:///{env_db}")
    assert result.exit_code == 0
    assert opt_db.is_file() and not env_db.exists()


def test_db_info_shows_the_url_with_the_password_masked(run_cli: Any, postgres_url: str) -> None:
    with_password = postgres_url.replace("postgres@", "postgres:topsecret@", 1)
    result = run_cli(["db", "info", "--json"], db_url=with_password)
    assert result.exit_code == 0, result.stderr
    info = json.loads(result.stdout)
    assert "topsecret" not in result.stdout
    assert info["url"].startswith("postgresql+psycopg://postgres:***@")
    assert info["engine"] == "postgresql"
    assert info["revision"] == head_revision()


def test_first_use_of_a_command_creates_and_migrates_the_default_file(
    run_cli: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    expected = tmp_path / "xdg" / "strongback" / "strongback.db"
    result = run_cli(["profile", "show", "--json"])
    assert result.exit_code == 0, result.stderr
    assert expected.is_file()
    with sqlite3.connect(expected) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            head_revision()
        )
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_db_info_on_sqlite_reports_counts(run_cli: Any, sqlite_url: str) -> None:
    run_cli(["log", "add", "--exercise", "pull-up", "--reps", "5,5"], db_url=sqlite_url)
    result = run_cli(["db", "info"], db_url=sqlite_url)
    assert result.exit_code == 0
    assert "engine: sqlite" in result.stdout
    assert "sets: 2" in result.stdout
    assert str(_file(sqlite_url)) in result.stdout


def test_a_bad_url_is_one_line_and_exit_2(run_cli: Any) -> None:
    result = run_cli(["db", "upgrade", "--db", "mysql://me@host/x"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def test_an_unreachable_server_is_one_line_without_the_password(run_cli: Any) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run_cli(["db", "info"], db_url=f"postgresql://me:pw123@127.0.0.1:{port}/x")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot open database")
    assert "pw123" not in result.stderr and result.stderr.count("\n") == 1


def test_db_upgrade_of_a_database_from_a_newer_version_is_one_line(
    run_cli: Any, sqlite_url: str
) -> None:
    run_cli(["db", "upgrade"], db_url=sqlite_url)
    with sqlite3.connect(_file(sqlite_url)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'fff999'")
    result = run_cli(["db", "upgrade"], db_url=sqlite_url)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot migrate") and result.stderr.count("\n") == 1
    shown = run_cli(["log", "show"], db_url=sqlite_url)
    assert shown.exit_code == 1 and "does not know" in shown.stderr
