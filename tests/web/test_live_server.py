"""``strongback serve`` for real: a subprocess on a free port. With two workers on one
PostgreSQL database, a session started on one worker is honoured by the other (nothing lives
in a worker's memory)."""

from __future__ import annotations

import os
import re
import socket
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.web.helpers import PASSWORD
from tests.web.live import LiveServer, start_server, stopped


def _fresh_connection_get(server: LiveServer, path: str, cookies: dict[str, str]) -> int:
    import httpx2

    # A new connection each time, so the requests spread over the workers.
    with httpx2.Client(base_url=server.base_url, cookies=cookies) as client:
        return client.get(path).status_code


@pytest.mark.postgres
def test_two_workers_on_postgresql_share_sessions_and_csrf(
    postgres_url: str, tmp_path: Path
) -> None:
    import httpx2

    process, server = start_server(postgres_url, tmp_path, workers=2)
    try:
        with httpx2.Client(base_url=server.base_url) as browser:
            page = browser.get("/signup").text
            token = re.search(r'name="csrf_token" value="([^"]+)"', page)
            assert token is not None
            signed = browser.post(
                "/signup",
                data={"email": "ada@example.org", "password": PASSWORD,
                      "password_again": PASSWORD, "csrf_token": token.group(1)},
            )  # fmt: skip
            assert signed.status_code == 303
            cookies = dict(browser.cookies)
        answers = [_fresh_connection_get(server, "/api/v1/me", cookies) for _ in range(20)]
        assert answers == [200] * 20
        pages = [_fresh_connection_get(server, "/today", cookies) for _ in range(6)]
        assert pages == [200] * 6
    finally:
        stopped(process)
    assert "Traceback" not in server.log.read_text(errors="replace")


def test_serve_answers_pages_and_api_on_sqlite(sqlite_url: str, tmp_path: Path) -> None:
    import httpx2

    process, server = start_server(sqlite_url, tmp_path)
    try:
        welcome = httpx2.get(server.base_url + "/")
        assert welcome.status_code == 200 and "Strongback" in welcome.text
        assert httpx2.get(server.base_url + "/api/v1/me").status_code == 401
        htmx = httpx2.get(server.base_url + "/static/vendor/htmx-2.0.11.min.js")
        assert htmx.status_code == 200
    finally:
        stopped(process)


def _sockets_on(port: int, state: str) -> set[str]:
    """The inodes of the sockets on local ``port`` in ``state`` (Linux's /proc/net/tcp codes:
    01 established, 0A listening)."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == state:
                inodes.add(fields[9])
    return inodes


def _owners_of_connections(port: int) -> list[int]:
    """The process id owning the server side of each established connection to ``port``
    (/proc/PID/fd tells who holds each socket)."""
    inodes = _sockets_on(port, "01")
    owners: list[int] = []
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            owners.append(int(fd.parts[2]))
    return owners


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's /proc/net/tcp")
def test_two_workers_share_a_burst_of_new_connections(sqlite_url: str, tmp_path: Path) -> None:
    # A proxy's keep-alive pool opens its connections together: each worker must get its part
    # (with one shared listening socket, the first worker to wake accepted them all).
    process, server = start_server(sqlite_url, tmp_path, workers=2)
    port = int(server.base_url.rsplit(":", 1)[1])
    connections: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 60
        while len(_sockets_on(port, "0A")) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)  # the second worker may still be starting
        assert len(_sockets_on(port, "0A")) == 2, "each worker listens on a socket of its own"
        for _ in range(32):
            connections.append(socket.create_connection(("127.0.0.1", port)))
        for sock in connections:  # an answer on each: every connection was accepted
            sock.sendall(b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n")
        for sock in connections:
            assert sock.recv(12) == b"HTTP/1.1 401"
        per_worker = Counter(_owners_of_connections(port))
    finally:
        for sock in connections:
            sock.close()
        stopped(process)
    # An even split is 16 each; at random, fewer than 4 on one worker is a one-in-a-million.
    assert len(per_worker) == 2 and min(per_worker.values()) >= 4, per_worker


def test_the_worker_supervisor_is_given_a_target_only_where_it_takes_one() -> None:
    from strongback.web.server import _takes_target

    class Older:
        def __init__(self, config: Any, target: Any, sockets: Any) -> None: ...

    class Newer:
        def __init__(self, config: Any, sockets: Any) -> None: ...

    assert _takes_target(Older) and not _takes_target(Newer)


def test_a_worker_that_cannot_listen_fails_its_start_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from uvicorn.config import STARTUP_FAILURE

    from strongback.web.server import _bound_with_reuse_port

    with socket.socket() as taken:  # bound without port sharing: no one else may bind it
        taken.bind(("127.0.0.1", 0))
        with pytest.raises(SystemExit) as stopped_with:
            _bound_with_reuse_port(socket.AF_INET, taken.getsockname())
    assert stopped_with.value.code == STARTUP_FAILURE  # the supervisor stops, no restart loop
    assert "cannot listen on 127.0.0.1" in capsys.readouterr().err
