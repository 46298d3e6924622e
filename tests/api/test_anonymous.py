"""Every API endpoint refuses a caller without a valid token: 401 in the one error shape."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from strongback.app import Strongback
from strongback.services import accounts
from tests.api.conftest import assert_error

ENDPOINTS = [
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/exercises"),
    ("GET", "/api/v1/exercises/lat-pulldown"),
    ("GET", "/api/v1/profile"),
    ("PATCH", "/api/v1/profile"),
    ("POST", "/api/v1/plans/generate"),
    ("POST", "/api/v1/plans"),
    ("GET", "/api/v1/plans/current"),
    ("GET", "/api/v1/next"),
    ("GET", "/api/v1/workouts"),
    ("POST", "/api/v1/workouts"),
    ("GET", "/api/v1/workouts/1"),
    ("PUT", "/api/v1/workouts/1"),
    ("DELETE", "/api/v1/workouts/1"),
    ("POST", "/api/v1/workouts/1/restore"),
    ("POST", "/api/v1/sets"),
    ("GET", "/api/v1/records"),
    ("GET", "/api/v1/audit"),
    ("POST", "/api/v1/imports"),
    ("GET", "/api/v1/imports"),
    ("DELETE", "/api/v1/imports/1"),
    ("GET", "/api/v1/names"),
    ("POST", "/api/v1/names"),
    ("GET", "/api/v1/export/strong.csv"),
    ("GET", "/api/v1/export/backup.json"),
    ("GET", "/api/v1/export/plan.ics"),
    ("GET", "/api/v1/coaching/settings"),
    ("PUT", "/api/v1/coaching/settings"),
    ("POST", "/api/v1/coaching/invites"),
    ("POST", "/api/v1/coaching/invites/1/accept"),
    ("GET", "/api/v1/coaching/coaches"),
    ("PUT", "/api/v1/coaching/coaches/1"),
    ("DELETE", "/api/v1/coaching/coaches/1"),
    ("GET", "/api/v1/athletes"),
    ("GET", "/api/v1/athletes/1"),
    ("GET", "/api/v1/athletes/1/workouts"),
    ("GET", "/api/v1/athletes/1/workouts/1"),
    ("GET", "/api/v1/athletes/1/plans/current"),
    ("POST", "/api/v1/athletes/1/plans"),
    ("GET", "/api/v1/athletes/1/records"),
    ("GET", "/api/v1/athletes/1/audit"),
    ("GET", "/api/v1/athletes/1/progress"),
    ("GET", "/api/v1/athletes/1/next"),
    ("GET", "/api/v1/athletes/1/profile"),
    ("PATCH", "/api/v1/athletes/1/profile"),
    ("GET", "/api/v1/athletes/1/comments"),
    ("POST", "/api/v1/athletes/1/comments"),
    ("GET", "/api/v1/athletes/1/checkins"),
    ("POST", "/api/v1/checkins"),
    ("GET", "/api/v1/checkins"),
    ("GET", "/api/v1/comments"),
    ("POST", "/api/v1/comments"),
    ("GET", "/api/v1/comments/new"),
    ("POST", "/api/v1/comments/read"),
    ("POST", "/api/v1/sessions"),
    ("GET", "/api/v1/sessions/active"),
    ("GET", "/api/v1/sessions/active/timeline"),
    ("POST", "/api/v1/sessions/active/actions"),
    ("POST", "/api/v1/sessions/active/sets"),
    ("POST", "/api/v1/sessions/active/finish"),
    ("GET", "/api/v1/sessions/active/swaps"),
    ("POST", "/api/v1/sessions/active/swap"),
    ("POST", "/api/v1/sessions/active/exercises"),
    ("GET", "/api/v1/body-weights"),
    ("PUT", "/api/v1/body-weights/1"),
]


def test_the_list_covers_every_api_route(anonymous: TestClient) -> None:
    schema = anonymous.get("/openapi.json").json()
    routes = {
        (method.upper(), re.sub(r"\{[a-z_]+\}", "X", path))
        for path, item in schema["paths"].items()
        if path.startswith("/api/v1/")
        for method in item
    }
    listed = {(m, re.sub(r"/(1|lat-pulldown)(?=/|$)", "/X", p)) for m, p in ENDPOINTS}
    assert routes == listed


@pytest.mark.parametrize(("method", "path"), ENDPOINTS, ids=lambda v: v)
def test_anonymous_callers_get_401(anonymous: TestClient, method: str, path: str) -> None:
    assert_error(anonymous.request(method, path), 401, "not_authenticated")


@pytest.mark.parametrize(("method", "path"), ENDPOINTS[:4], ids=lambda v: v)
def test_a_wrong_token_gets_401(anonymous: TestClient, method: str, path: str) -> None:
    headers = {"Authorization": "Bearer not-a-token"}
    assert_error(anonymous.request(method, path, headers=headers), 401, "not_authenticated")


def test_a_revoked_token_gets_401(anonymous: TestClient, strongback: Strongback) -> None:
    account = accounts.sign_up(strongback, "revoked@example.com", "a long enough password 1")
    token_id, token = accounts.create_token(strongback, account.id, "soon revoked")
    headers = {"Authorization": f"Bearer {token}"}
    assert anonymous.get("/api/v1/me", headers=headers).status_code == 200
    accounts.revoke_token(strongback, account.id, token_id)
    assert_error(anonymous.get("/api/v1/workouts", headers=headers), 401, "not_authenticated")
