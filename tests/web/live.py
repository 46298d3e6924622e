"""The real server in a subprocess on a free port, on the test's database (SQLite or
PostgreSQL through the suite's ``db_url`` fixture): what the browser tests drive."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT = 90.0  # seconds: two busy cores, and the first start migrates the database


@dataclass(frozen=True)
class LiveServer:
    """A running server: where it answers and the database it uses."""

    base_url: str
    db_url: str
    log: Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(process: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    import httpx2

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx2.get(base_url + "/", timeout=2).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer in {START_TIMEOUT:g} s")


def start_server(
    db_url: str, folder: Path, *, workers: int = 1
) -> tuple[subprocess.Popen[bytes], LiveServer]:
    """Start ``strongback serve`` on a free port; returns the process and where it answers."""
    port = _free_port()
    log = folder / f"server-{port}.log"
    env = {**os.environ, "STRONGBACK_SECRET_KEY": "live-server-test-secret"}
    command = [
        sys.executable,
        "-c",
        "from strongback.cli.app import main; main()",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--db",
        db_url,
    ]
    with log.open("wb") as out:
        # A session of its own: its workers are killed with it, never left behind.
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    server = LiveServer(f"http://127.0.0.1:{port}", db_url, log)
    try:
        _wait_until_up(process, server.base_url, log)
    except Exception:
        _killed(process)
        raise
    return process, server


def _killed(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def stopped(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started by :func:`start_server` and its workers (killed if they linger)."""
    process.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=30)
    _killed(process)  # the workers too, had the server died without stopping them


@pytest.fixture
def live_server(db_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    """The real server on a fresh database of each engine (SQLite, then PostgreSQL)."""
    process, server = start_server(db_url, tmp_path)
    try:
        yield server
    finally:
        stopped(process)


@pytest.fixture
def two_workers(db_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    """The real server with two worker processes on a fresh database of each engine."""
    process, server = start_server(db_url, tmp_path, workers=2)
    try:
        yield server
    finally:
        stopped(process)


__all__ = ["LiveServer", "live_server", "start_server", "stopped", "two_workers"]
