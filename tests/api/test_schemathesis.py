"""Schemathesis against the real app's /openapi.json, in process: every API operation with
generated requests answers no server error and nothing that breaks its own schema.

The example count is kept modest (``STRONGBACK_SCHEMATHESIS_EXAMPLES``, default 12 per
operation) so the run takes a minute or two here; raise it for a deeper search.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy.engine import make_url

from strongback.app import Strongback
from strongback.services import accounts
from strongback.settings import Settings
from strongback.web.app import create_app
from tests.conftest import _postgres_admin_url, _psycopg_dsn

EXAMPLES = int(os.environ.get("STRONGBACK_SCHEMATHESIS_EXAMPLES", "12"))
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


# The schema is loaded when the module is collected (schemathesis' lazy fixture loader does not
# run under this pytest), from an app whose database is chosen per engine by ``headers`` below:
# the routes find the deployment in ``app.state.strongback`` on every request.
_UNUSED = Path(tempfile.mkdtemp(prefix="strongback-schemathesis-")) / "unused-until-replaced.db"
_APP = create_app(Strongback(Settings(database_url=f"sqlite:///{_UNUSED}")))
schema = schemathesis.openapi.from_asgi("/openapi.json", _APP).include(path_regex="^/api/v1/")


@contextmanager
def _database(engine: str, folder: Path) -> Iterator[str]:
    if engine == "sqlite":
        yield f"sqlite:///{folder / 'api.db'}"
        return
    admin = _postgres_admin_url()  # skips when no PostgreSQL can be had
    name = f"strongback_fuzz_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_psycopg_dsn(admin), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(_psycopg_dsn(admin), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def headers(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """A fresh database on each engine behind the app, and a signed-up user's token."""
    with _database(request.param, tmp_path_factory.mktemp("schemathesis")) as url:
        strongback = Strongback(Settings(database_url=url))
        _APP.state.strongback = strongback
        try:
            account = accounts.sign_up(strongback, "fuzz@example.com", "a long enough password 1")
            _, token = accounts.create_token(strongback, account.id, "schemathesis")
            yield {"Authorization": f"Bearer {token}"}
        finally:
            strongback.close()


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
