"""The body weight page (SQLite and PostgreSQL): a day's weight logged in the profile's unit or
another, the same day replaced, a bad value refused beside its field with nothing written, the
weight counted in a bodyweight lift's estimated max; another user sees none of it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from tests.web.helpers import csrf_of, sign_up


def _post(client: Any, data: dict[str, str]) -> Any:
    token = csrf_of(client.get("/body").text)
    return client.post("/body", data={**data, "csrf_token": token}, follow_redirects=False)


@pytest.fixture
def ada(make_client: Callable[..., Any]) -> Any:
    browser = make_client()
    sign_up(browser, "ada@example.org")
    return browser


def test_a_weight_is_logged_listed_and_the_same_day_replaced(ada: Any) -> None:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    saved = _post(ada, {"weight": "81,5", "unit": "kg", "date": yesterday})
    assert saved.status_code == 303 and saved.headers["location"] == "/body?saved=1"
    _post(ada, {"weight": "180", "unit": "lb", "date": ""})  # today
    _post(ada, {"weight": "80", "unit": "kg", "date": yesterday})  # replaces
    page = ada.get("/body?saved=1").text
    assert "Saved." in page
    rows = page[page.index('id="weighings"') :]
    assert rows.index(date.today().isoformat()) < rows.index(yesterday)  # newest first
    assert "180 lb" in rows and "80 kg" in rows and "81.5" not in rows


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"weight": "", "unit": "kg"}, "body_weight", "required"),
        ({"weight": "eighty", "unit": "kg"}, "body_weight", "not a number"),
        ({"weight": "900", "unit": "kg"}, "body_weight", "not a body weight"),
        ({"weight": "80", "unit": "stone"}, "unit", "kg or lb"),
        ({"weight": "80", "unit": "kg", "date": "2999-01-01"}, "date", "in the future"),
        ({"weight": "80", "unit": "kg", "date": "last week"}, "date", "not a date"),
    ],
)
def test_a_bad_value_is_refused_beside_its_field_and_nothing_is_written(
    ada: Any, data: dict[str, str], field: str, words: str
) -> None:
    refused = _post(ada, data)
    assert refused.status_code == 422
    assert f'id="{field}-error"' in refused.text and words in refused.text
    assert 'id="weighings"' not in refused.text


def test_a_logged_weight_counts_in_a_pull_ups_estimated_max(
    signed_up_user: dict[str, Any],
) -> None:
    api = {"Authorization": f"Bearer {signed_up_user['token']}"}
    client = signed_up_user["client"]
    logged = client.post("/api/v1/sets", json={"exercise": "pull-up", "reps": 8}, headers=api)
    assert logged.status_code == 201, logged.text
    before = client.get("/records").text
    _post(client, {"weight": "80", "unit": "kg"})
    after = client.get("/records").text
    assert "Best e1RM" not in before
    pull_up = after[after.index("Pull-up") :]
    assert "Best e1RM" in pull_up and "80 kg body weight" in pull_up


def test_another_user_sees_no_weighing(ada: Any, make_client: Callable[..., Any]) -> None:
    _post(ada, {"weight": "77.7", "unit": "kg"})
    bob = make_client()
    sign_up(bob, "bob@example.org")
    assert "77.7" not in bob.get("/body").text
    assert "77.7" in ada.get("/body").text
