"""Schemathesis against the real app's /openapi.json, in process: every API operation with
generated requests answers no server error and nothing that breaks its own schema.

The example count is kept modest (``STRONGBACK_SCHEMATHESIS_EXAMPLES``, default 12 per
operation) so the run takes a minute or two here; raise it for a deeper search.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
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


# The schema is loaded when the module is collected (schemathesis' lazy fixture loader does not
# run under this pytest); the database opens on the first request, in a folder removed after.
_FOLDER = Path(tempfile.mkdtemp(prefix="strongback-schemathesis-"))
_STRONGBACK = Strongback(Settings(database_url=f"sqlite:///{_FOLDER / 'api.db'}"))
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_STRONGBACK)).include(
    path_regex="^/api/v1/"
)


@pytest.fixture(scope="module")
def headers() -> Iterator[dict[str, str]]:
    """The headers of a signed-up user's token; the database goes at the end."""
    account = accounts.sign_up(_STRONGBACK, "fuzz@example.com", "a long enough password 1")
    _, token = accounts.create_token(_STRONGBACK, account.id, "schemathesis")
    try:
        yield {"Authorization": f"Bearer {token}"}
    finally:
        _STRONGBACK.close()
        shutil.rmtree(_FOLDER, ignore_errors=True)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_error_and_no_answer_breaks_the_schema(
    case: Any, headers: dict[str, str]
) -> None:
    case.call_and_validate(headers=headers, checks=CHECKS)
