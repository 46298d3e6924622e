"""Fixtures of the web tests: the app in-process on each engine (``client``), a signed-up user,
and the real server in a subprocess (``live_server``, see tests/web/live.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.web.helpers import PASSWORD, sign_up
from tests.web.live import live_server, two_workers  # noqa: F401 (fixtures)


@pytest.fixture
def strongback(db_url: str) -> Iterator[Any]:
    """The composition root on a fresh database of each engine."""
    from strongback.app import Strongback
    from strongback.settings import Settings

    with Strongback(Settings(database_url=db_url, secret_key="test-secret-key")) as app:
        yield app


@pytest.fixture
def make_client(strongback: Any) -> Iterator[Callable[..., Any]]:
    """New browsers (TestClients with their own cookies) on one app: ``make_client()``."""
    from fastapi.testclient import TestClient

    from strongback.web.app import create_app

    app = create_app(strongback)
    clients: list[Any] = []

    def make(**options: Any) -> Any:
        client = TestClient(app, **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: Callable[..., Any]) -> Any:
    """One anonymous browser."""
    return make_client()


@pytest.fixture
def signed_up_user(make_client: Callable[..., Any], strongback: Any) -> dict[str, Any]:
    """An account with a signed-in browser (``client``) and an API token (``token``)."""
    from strongback.services import accounts

    browser = make_client()
    sign_up(browser, "ada@example.org")
    account = accounts.account_by_email(strongback, "ada@example.org")
    _, token = accounts.create_token(strongback, account.id, "tests")
    return {
        "client": browser,
        "email": "ada@example.org",
        "password": PASSWORD,
        "account": account,
        "token": token,
    }
