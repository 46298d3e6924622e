"""Schemathesis against the real app's /openapi.json, in process: every API operation with
generated requests answers no server error and nothing that breaks its own schema.

The example count is kept modest (``STRONGBACK_SCHEMATHESIS_EXAMPLES``, default 12 per
operation) so the run takes a minute or two here; raise it for a deeper search.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from strongback.app import Strongback
from strongback.services import accounts
from strongback.settings import Settings
from strongback.web.app import create_app

EXAMPLES = int(os.environ.get("STRONGBACK_SCHEMATHESIS_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict[str, str]]]:
    """The app over a fresh SQLite file, and the headers of a signed-up user's token."""
    folder = tmp_path_factory.mktemp("schemathesis")
    strongback = Strongback(Settings(database_url=f"sqlite:///{folder / 'api.db'}"))
    account = accounts.sign_up(strongback, "fuzz@example.com", "a long enough password 1")
    _, token = accounts.create_token(strongback, account.id, "schemathesis")
    try:
        yield create_app(strongback), {"Authorization": f"Bearer {token}"}
    finally:
        strongback.close()


@pytest.fixture(scope="module")
def api_schema(served: tuple[Any, dict[str, str]]) -> Any:
    app, _ = served
    return schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex="^/api/v1/")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_error_and_no_answer_breaks_the_schema(
    case: Any, served: tuple[Any, dict[str, str]]
) -> None:
    _, headers = served
    case.call_and_validate(headers=headers, checks=CHECKS)
