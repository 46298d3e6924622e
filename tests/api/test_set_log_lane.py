"""The fast lane of POST /api/v1/sets answers as the route does, and leaves every other request
(a cookie, an unknown token, a body the model refuses) to the route."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from strongback.app import Strongback
from strongback.services import accounts, training_log
from strongback.web.api import log_lane
from strongback.web.app import create_app
from strongback.web.security import SECURITY_HEADERS, SESSION_COOKIE, csrf_token
from tests.api.conftest import User, assert_error
from tests.loops import run_in_own_loop, until

SETS = "/api/v1/sets"


@pytest.fixture
def browser(strongback: Strongback, alice: User) -> Iterator[tuple[TestClient, str]]:
    """Alice signed in by her session cookie (no token), and her CSRF token."""
    account = accounts.account_by_id(strongback, alice.id)
    assert account is not None
    secret = accounts.start_session(strongback, account)
    expected = csrf_token(
        strongback.settings.secret_key.get_secret_value(), session=secret, anonymous=None
    )
    with TestClient(create_app(strongback), cookies={SESSION_COOKIE: secret}) as client:
        yield client, expected


def test_a_set_logged_by_token_is_answered_like_one_logged_by_cookie(
    alice: User, browser: tuple[TestClient, str]
) -> None:
    by_token = alice.post(SETS, json={"exercise": "face-pull", "reps": 15, "weight": 20})
    client, csrf = browser
    by_cookie = client.post(
        SETS, json={"exercise": "face-pull", "reps": 12}, headers={"X-CSRF-Token": csrf}
    )
    assert (by_token.status_code, by_cookie.status_code) == (201, 201), by_cookie.text
    first, then = by_token.json(), by_cookie.json()
    assert set(first) == set(then) == {"workout_id", "created_workout", "date", "set"}
    assert set(first["set"]) == set(then["set"])
    assert first["workout_id"] == then["workout_id"] and first["created_workout"]
    assert (first["set"]["order"], then["set"]["order"]) == (1, 2)
    assert (first["set"]["weight"], first["set"]["unit"]) == (20, "kg")
    for response in (by_token, by_cookie):
        assert response.headers["content-type"] == "application/json"
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value


def test_a_set_logged_by_cookie_still_needs_its_csrf_token(
    browser: tuple[TestClient, str],
) -> None:
    client, _ = browser
    refused = client.post(SETS, json={"exercise": "face-pull", "reps": 15})
    assert assert_error(refused, 403, "csrf")


def test_an_unknown_token_is_refused_with_the_routes_401(strongback: Strongback) -> None:
    headers = {"Authorization": "Bearer sb_not-a-token"}
    with TestClient(create_app(strongback), headers=headers) as client:
        refused = client.post(SETS, json={"exercise": "face-pull", "reps": 15})
    assert_error(refused, 401, "not_authenticated")
    assert refused.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"exercise": "face-pull", "reps": -1}, "reps"),
        ({"exercise": "face-pull", "reps": 5, "repz": 5}, "repz"),
        ({"exercise": "", "reps": 5}, "exercise"),
        ({"exercise": "face-pull", "reps": 5, "unit": "stone"}, "unit"),
        ({"exercise": "no-such-exercise", "reps": 5}, "exercise"),
        ({"exercise": "face-pull"}, "reps"),
    ],
)
def test_a_refused_set_is_a_422_naming_its_field(alice: User, body: object, field: str) -> None:
    error = assert_error(alice.post(SETS, json=body), 422)
    assert error["field"] == field
    assert alice.get("/api/v1/workouts").json()["items"] == []


def test_a_body_that_is_not_json_is_refused_as_the_route_refuses_it(alice: User) -> None:
    broken = alice.post(SETS, content=b"{not json", headers={"Content-Type": "application/json"})
    assert_error(broken, 422)


def test_a_body_nested_too_deep_gets_the_routes_answer_not_a_server_error(alice: User) -> None:
    deep = alice.post(SETS, content=b"[" * 200_000, headers={"Content-Type": "application/json"})
    assert 400 <= deep.status_code < 500, deep.text
    assert alice.get("/api/v1/workouts").json()["items"] == []


def test_of_two_authorization_headers_the_first_counts_as_on_the_route(
    strongback: Strongback, alice: User
) -> None:
    token = alice.client.headers["authorization"]
    headers = [("Authorization", "Bearer sb_not-a-token"), ("Authorization", token)]
    with TestClient(create_app(strongback)) as client:
        refused = client.post(SETS, json={"exercise": "face-pull", "reps": 15}, headers=headers)
    assert_error(refused, 401, "not_authenticated")
    assert alice.get("/api/v1/workouts").json()["items"] == []


def test_sets_posted_at_once_with_one_token_sign_in_once_per_batch_and_each_get_their_set(
    strongback: Strongback, alice: User, bob: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    lookups: list[str] = []
    first_batch_in, first_batch_out = threading.Event(), threading.Event()
    real = training_log.token_account

    def slow_lookup(deployment: Strongback, token: str) -> accounts.Account | None:
        lookups.append(token)
        if len(lookups) == 1:  # the first batch signs in while the other posts arrive
            first_batch_in.set()
            first_batch_out.wait(timeout=10)
        return real(deployment, token)

    monkeypatch.setattr(training_log, "token_account", slow_lookup)
    alice_auth = alice.client.headers["authorization"]
    bob_auth = bob.client.headers["authorization"]

    async def post_all() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=create_app(strongback))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:

            def post(auth: str, reps: int) -> Any:
                body = {"exercise": "face-pull", "reps": reps}
                return client.post(SETS, json=body, headers={"Authorization": auth})

            first = asyncio.ensure_future(post(alice_auth, 1))
            try:
                assert await asyncio.to_thread(first_batch_in.wait, 10)  # in its thread
                rest = [post(alice_auth, r) for r in range(2, 11)] + [post(bob_auth, 99)]
                later = asyncio.ensure_future(asyncio.gather(*rest))
                alices = (strongback, alice_auth.partition(" ")[2])
                await until(lambda: log_lane._LOG_BY_TOKEN.waiting(alices) == 9)  # next batch
            finally:
                first_batch_out.set()
            return [await first, *await later]

    answers = run_in_own_loop(post_all)
    assert [a.status_code for a in answers] == [201] * 11
    assert len(lookups) == 3, "alice's first post, then one batch for each token"
    assert [a.json()["set"]["reps"] for a in answers[:10]] == list(range(1, 11))
    assert sorted(a.json()["set"]["order"] for a in answers[:10]) == list(range(1, 11))
    assert answers[10].json()["set"]["order"] == 1  # bob's own first set
    mine = alice.get("/api/v1/workouts").json()["items"]
    assert [s["reps"] for w in mine for s in w["sets"]] == list(range(1, 11))


def test_a_day_in_the_future_with_an_unknown_token_is_the_routes_401_not_a_422(
    strongback: Strongback, alice: User
) -> None:
    body = {"exercise": "face-pull", "reps": 15, "date": "2999-01-01"}
    headers = {"Authorization": "Bearer sb_not-a-token"}
    with TestClient(create_app(strongback), headers=headers) as client:
        refused = client.post(SETS, json=body)
    assert_error(refused, 401, "not_authenticated")
    assert assert_error(alice.post(SETS, json=body), 422)["field"] == "date"
