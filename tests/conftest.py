"""Shared fixtures: real databases on both engines and an in-process CLI runner.

``db_url`` runs a test twice: on a fresh SQLite file and on a fresh PostgreSQL database. The
PostgreSQL server is ``$STRONGBACK_TEST_POSTGRES_URL`` when set; otherwise one throwaway cluster
is started for the whole session (``initdb``/``pg_ctl`` from ``/usr/lib/postgresql/*/bin``, a
temporary directory, a free port on 127.0.0.1; through ``runuser -u postgres`` when run as
root) and removed at the end. When no server can be had, the PostgreSQL cases skip with the
reason, and the terminal summary repeats it in a warning line.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

POSTGRES_ENV = "STRONGBACK_TEST_POSTGRES_URL"


@dataclass
class _PostgresState:
    url: str | None = None  # admin URL of the server (database "postgres" or the given one)
    skip_reason: str | None = None
    tried: bool = False
    tmpdir: str | None = None
    pg_ctl: list[str] | None = None
    datadir: str | None = None


_PG = _PostgresState()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _start_cluster() -> str:
    """Start a throwaway cluster; returns its admin URL or raises RuntimeError with the reason."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key)
    if not found:
        raise RuntimeError("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
    bindir = Path(found[-1]).parent
    tmp = tempfile.mkdtemp(prefix="strongback-pg-")
    _PG.tmpdir = tmp
    if os.geteuid() == 0:
        try:
            shutil.chown(tmp, user="postgres", group="postgres")
        except (LookupError, PermissionError) as exc:
            raise RuntimeError(f"cannot hand {tmp} to the postgres user: {exc}") from None
    datadir = os.path.join(tmp, "data")
    port = _free_port()
    init = subprocess.run(
        _as_postgres(
            [
                *(str(bindir / "initdb"), "-D", datadir, "-A", "trust", "-U", "postgres"),
                *("-E", "UTF8", "--no-locale", "--no-sync"),
            ]
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    if init.returncode != 0:
        raise RuntimeError(f"initdb failed: {(init.stderr or init.stdout).strip()[-300:]}")
    options = (
        f"-p {port} -h 127.0.0.1 -k {tmp} -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_connections=200"
    )
    pg_ctl = [str(bindir / "pg_ctl"), "-D", datadir]
    _PG.pg_ctl = pg_ctl
    _PG.datadir = datadir
    start = subprocess.run(
        _as_postgres(
            [*pg_ctl, "-l", os.path.join(tmp, "server.log"), "-o", options, "-w", "start"]
        ),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if start.returncode != 0:
        log = Path(tmp, "server.log")
        detail = log.read_text(errors="replace")[-300:] if log.exists() else start.stderr
        raise RuntimeError(f"pg_ctl start failed: {detail.strip()}")
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"


def _version_key(path: str) -> tuple[int, ...]:
    part = Path(path).parent.parent.name
    return tuple(int(p) for p in part.split(".") if p.isdigit()) or (0,)


def _postgres_admin_url() -> str:
    """The server's admin URL, starting the cluster on first use; skips when impossible."""
    if not _PG.tried:
        _PG.tried = True
        given = os.environ.get(POSTGRES_ENV)
        try:
            if given:
                from strongback.storage.urls import normalize_url

                _PG.url = normalize_url(given)
            else:
                _PG.url = _start_cluster()
            _check_server(_PG.url)
        except Exception as exc:  # any failure means: no PostgreSQL for this session
            _PG.url = None
            reason = " ".join(str(exc).split())
            _PG.skip_reason = f"PostgreSQL unavailable, PostgreSQL tests skipped: {reason}"
    if _PG.url is None:
        pytest.skip(_PG.skip_reason or "PostgreSQL unavailable")
    return _PG.url


def _psycopg_dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _check_server(url: str) -> None:
    import psycopg

    with psycopg.connect(_psycopg_dsn(url), connect_timeout=10) as conn:
        conn.execute("SELECT 1")


def _stop_cluster() -> None:
    if _PG.pg_ctl is not None:
        subprocess.run(
            _as_postgres([*_PG.pg_ctl, "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
            timeout=60,
        )
    if _PG.tmpdir is not None:
        shutil.rmtree(_PG.tmpdir, ignore_errors=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Stop and remove the throwaway cluster, if one was started."""
    _stop_cluster()


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: Any) -> None:
    """Make a skipped PostgreSQL run, or missing samples, impossible to miss."""
    from tests.samples import available, missing_reason

    reasons = [r for r in (_PG.skip_reason,) if r]
    if not available():
        reasons.append(f"{missing_reason()}; the tests that read them were skipped")
    for reason in reasons:
        terminalreporter.write_sep("!", "WARNING", yellow=True, bold=True)
        terminalreporter.write_line(f"WARNING: {reason}", yellow=True, bold=True)


def _uses_samples(item: pytest.Item) -> bool:
    module = getattr(item, "module", None)
    return module is not None and any(
        getattr(value, "__module__", None) == "tests.samples" for value in vars(module).values()
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without the shared data sets: one line and a stop under CI, loud skips elsewhere."""
    from tests.samples import available, missing_reason

    if available():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(missing_reason())
    skip = pytest.mark.skip(reason=f"SKIPPED LOUDLY: {missing_reason()}")
    for item in items:
        if _uses_samples(item):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: Any) -> None:
    """Keep every test away from the real user data directory and the real database URL."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("STRONGBACK_DATABASE_URL", raising=False)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A URL for a fresh SQLite file (not yet created)."""
    return f"sqlite:///{tmp_path / 'strongback.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL for a fresh, empty PostgreSQL database, dropped after the test."""
    admin = _postgres_admin_url()
    import psycopg

    name = f"strongback_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(_psycopg_dsn(admin), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    from sqlalchemy.engine import make_url

    yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(_psycopg_dsn(admin), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database on each engine: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'strongback.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@dataclass(frozen=True)
class CliResult:
    """What a CLI run produced."""

    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None


@pytest.fixture
def run_cli(monkeypatch: Any) -> Callable[..., CliResult]:
    """Run the ``strongback`` app in-process: ``run_cli(args, db_url=None, input=None)``.

    ``db_url`` is passed as ``$STRONGBACK_DATABASE_URL``; without it the default database in the
    (temporary) user data directory is used.
    """
    from typer.testing import CliRunner

    from strongback.cli.app import app

    def run(args: list[str], db_url: str | None = None, input: str | None = None) -> CliResult:
        env = {"STRONGBACK_DATABASE_URL": db_url} if db_url else {}
        saved = dict(os.environ)
        try:
            result = CliRunner().invoke(app, [str(a) for a in args], input=input, env=env)
        finally:  # what a command exports for its workers (serve) stays with it
            for name in os.environ.keys() - saved.keys():
                del os.environ[name]
            os.environ.update(saved)
        exc = result.exception
        if exc is not None and not isinstance(exc, SystemExit):
            raise exc
        return CliResult(result.exit_code, result.stdout, result.stderr, exc)

    return run
