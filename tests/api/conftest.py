"""The JSON API in process: the real app over a real database, two users with tokens.

``api`` runs a test on a fresh SQLite file and on a fresh PostgreSQL database (``db_url``);
``alice`` and ``bob`` are signed-up accounts, each a client that sends its own Bearer token.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from strongback.app import Strongback
from strongback.services import accounts
from strongback.settings import Settings
from strongback.web.app import create_app
from tests.web.live import two_workers  # noqa: F401 (a fixture)


@dataclass
class User:
    """A signed-up account and a client that sends its token."""

    id: int
    email: str
    client: TestClient

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get(path, **kw)

    def post(self, path: str, **kw: Any) -> Any:
        return self.client.post(path, **kw)

    def put(self, path: str, **kw: Any) -> Any:
        return self.client.put(path, **kw)

    def patch(self, path: str, **kw: Any) -> Any:
        return self.client.patch(path, **kw)

    def delete(self, path: str, **kw: Any) -> Any:
        return self.client.delete(path, **kw)


@pytest.fixture
def strongback(db_url: str) -> Iterator[Strongback]:
    app = Strongback(Settings(database_url=db_url))
    try:
        yield app
    finally:
        app.close()


@pytest.fixture
def anonymous(strongback: Strongback) -> Iterator[TestClient]:
    with TestClient(create_app(strongback)) as client:
        yield client


def _user(strongback: Strongback, email: str) -> Iterator[User]:
    account = accounts.sign_up(strongback, email, "a long enough password 1")
    _, token = accounts.create_token(strongback, account.id, "tests")
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(create_app(strongback), headers=headers) as client:
        yield User(account.id, email, client)


@pytest.fixture
def alice(strongback: Strongback) -> Iterator[User]:
    yield from _user(strongback, "alice@example.com")


@pytest.fixture
def bob(strongback: Strongback) -> Iterator[User]:
    yield from _user(strongback, "bob@example.com")


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is an error of this status in the one error shape; returns its body."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "field"}, body
    if code is not None:
        assert body["error"]["code"] == code, body
    error: dict[str, Any] = body["error"]
    return error
