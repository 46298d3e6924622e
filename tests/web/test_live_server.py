"""``strongback serve`` for real: a subprocess on a free port. With two workers on one
PostgreSQL database, a session started on one worker is honoured by the other (nothing lives
in a worker's memory)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.web.helpers import PASSWORD
from tests.web.live import LiveServer, start_server


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
        process.terminate()
        process.wait(timeout=30)
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
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
