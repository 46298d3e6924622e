"""Body weight through the API for its owner and another user: a day's weighing put and
replaced, listed oldest first, bad values refused naming the field with nothing written."""

from __future__ import annotations

from datetime import date, timedelta

from tests.api.conftest import User, assert_error

DAY = (date.today() - timedelta(days=3)).isoformat()


def test_a_days_weight_is_put_replaced_and_listed_oldest_first(alice: User) -> None:
    first = alice.put(f"/api/v1/body-weights/{DAY}", json={"weight": 81.5})
    assert first.status_code == 200, first.text
    assert first.json() == {"date": DAY, "weight": 81.5, "unit": "kg"}  # the profile's unit
    today = date.today().isoformat()
    alice.put(f"/api/v1/body-weights/{today}", json={"weight": 178, "unit": "lb"})
    alice.put(f"/api/v1/body-weights/{DAY}", json={"weight": 80})
    listed = alice.get("/api/v1/body-weights").json()["items"]
    assert listed == [
        {"date": DAY, "weight": 80.0, "unit": "kg"},
        {"date": today, "weight": 178.0, "unit": "lb"},
    ]


def test_a_bad_weight_or_day_is_refused_naming_it_and_nothing_is_written(alice: User) -> None:
    cases = [
        (DAY, {"weight": 900}, "weight"),
        (DAY, {"weight": 5, "unit": "lb"}, "weight"),
        (DAY, {"weight": -1}, "weight"),
        (DAY, {"weight": 80, "unit": "stone"}, "unit"),
        (DAY, {}, "weight"),
        ("2999-01-01", {"weight": 80}, "date"),
        ("yesterday", {"weight": 80}, "day"),
    ]
    for day, body, field in cases:
        error = assert_error(alice.put(f"/api/v1/body-weights/{day}", json=body), 422)
        assert error["field"] == field, (day, body, error)
    assert alice.get("/api/v1/body-weights").json()["items"] == []


def test_another_user_sees_and_changes_none_of_the_weighings(alice: User, bob: User) -> None:
    alice.put(f"/api/v1/body-weights/{DAY}", json={"weight": 70})
    assert bob.get("/api/v1/body-weights").json()["items"] == []
    bob.put(f"/api/v1/body-weights/{DAY}", json={"weight": 99})
    assert alice.get("/api/v1/body-weights").json()["items"][0]["weight"] == 70.0
