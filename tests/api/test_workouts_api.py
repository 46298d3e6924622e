"""/api/v1/workouts: create (safe to retry with a client_id), list paged, get, replace, delete
and undo; another user's workout answers 404 and never its data."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.api.conftest import User, assert_error

WORKOUTS = "/api/v1/workouts"


def body(day: str = "2026-11-02", title: str = "Back day", **extra: Any) -> dict[str, Any]:
    return {
        "started_at": f"{day}T18:00:00",
        "ended_at": f"{day}T19:00:00",
        "title": title,
        "notes": "felt good",
        "sets": [
            {"exercise": "lat-pulldown", "weight": 40, "unit": "kg", "reps": 12, "rir": 2},
            {"exercise": "lat-pulldown", "weight": 40, "unit": "kg", "reps": 10, "rir": 1},
            {"exercise": "face-pull", "set_type": "warm-up", "reps": 15},
        ],
        **extra,
    }


BACKUP_SET_FIELDS = {
    "id", "exercise", "imported_as", "order", "set_type", "weight", "unit", "reps", "seconds",
    "distance_m", "side", "rpe", "rir", "tempo", "pain", "notes", "rest_seconds", "superset",
    "source_key",
}  # fmt: skip


def test_a_created_workout_has_the_backup_fields_and_reads_back(alice: User) -> None:
    created = alice.post(WORKOUTS, json=body())
    assert created.status_code == 201, created.text
    workout = created.json()
    assert set(workout) == {"id", "started_at", "ended_at", "title", "notes", "source", "sets"}
    assert set(workout["sets"][0]) == BACKUP_SET_FIELDS
    assert created.headers["location"] == f"{WORKOUTS}/{workout['id']}"
    assert workout["started_at"] == "2026-11-02T18:00:00"
    assert [(s["order"], s["reps"], s["set_type"]) for s in workout["sets"]] == [
        (1, 12, "working"),
        (2, 10, "working"),
        (3, 15, "warm-up"),
    ]
    assert alice.get(f"{WORKOUTS}/{workout['id']}").json() == workout


def test_the_same_client_id_answers_the_first_workout_and_stores_nothing(alice: User) -> None:
    key = str(uuid.uuid4())
    first = alice.post(WORKOUTS, json=body(client_id=key))
    again = alice.post(WORKOUTS, json=body(client_id=key, title="retried"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert len(alice.get(WORKOUTS).json()["items"]) == 1


def test_the_list_pages_newest_first_until_next_is_null(alice: User) -> None:
    days = ["2026-10-01", "2026-10-03", "2026-10-02", "2026-10-05", "2026-10-04"]
    for day in days:
        assert alice.post(WORKOUTS, json=body(day)).status_code == 201
    seen, cursor, pages = [], None, 0
    while True:
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = alice.get(WORKOUTS, params=params).json()
        assert set(page) == {"items", "next"}
        seen += [w["started_at"][:10] for w in page["items"]]
        pages += 1
        cursor = page["next"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == sorted(days, reverse=True)


def test_an_update_replaces_the_workout_and_its_sets(alice: User) -> None:
    workout = alice.post(WORKOUTS, json=body()).json()
    kept = workout["sets"][1]
    change = body(title="Pull day")
    change["sets"] = [
        {**{k: v for k, v in kept.items() if v is not None}, "reps": 11},
        {"exercise": "face-pull", "reps": 20},
    ]
    answer = alice.put(f"{WORKOUTS}/{workout['id']}", json=change)
    assert answer.status_code == 200, answer.text
    got = answer.json()
    assert got["title"] == "Pull day"
    assert [(s["id"] == kept["id"], s["reps"]) for s in got["sets"]] == [(True, 11), (False, 20)]


def test_delete_then_restore_brings_the_workout_back_as_it_was(alice: User) -> None:
    workout = alice.post(WORKOUTS, json=body()).json()
    path = f"{WORKOUTS}/{workout['id']}"
    assert alice.delete(path).status_code == 204
    assert_error(alice.get(path), 404, "not_found")
    restored = alice.post(f"{path}/restore")
    assert restored.status_code == 200, restored.text
    assert restored.json() == workout
    assert alice.get(path).json() == workout
    assert_error(alice.post(f"{path}/restore"), 404, "not_found")


def test_another_users_workout_answers_404_and_never_its_data(alice: User, bob: User) -> None:
    workout = alice.post(WORKOUTS, json=body()).json()
    path = f"{WORKOUTS}/{workout['id']}"
    for response in (
        bob.get(path),
        bob.put(path, json=body(title="taken over")),
        bob.delete(path),
        bob.post(f"{path}/restore"),
    ):
        error = assert_error(response, 404, "not_found")
        assert "Back day" not in response.text and "felt good" not in response.text, error
    assert bob.get(WORKOUTS).json() == {"items": [], "next": None}
    assert alice.delete(path).status_code == 204
    assert_error(bob.post(f"{path}/restore"), 404)
    assert alice.post(f"{path}/restore").status_code == 200
    assert alice.get(path).json()["title"] == "Back day"


def test_validation_errors_answer_422_naming_the_field(alice: User) -> None:
    cases = [
        ({**body(), "title": ""}, "title"),
        ({k: v for k, v in body().items() if k != "started_at"}, "started_at"),
        ({**body(), "sets": [{"exercise": "lat-pulldown", "reps": -1}]}, "reps"),
        ({**body(), "sets": [{"exercise": "lat-pulldown", "reps": 5, "weight": 20}]}, "unit"),
        ({**body(), "sets": [{"exercise": "no-such-lift", "reps": 5}]}, "exercise"),
        ({**body(), "client_id": "not-a-uuid"}, "client_id"),
        ({**body(), "colour": "red"}, "colour"),
    ]
    for payload, field in cases:
        error = assert_error(alice.post(WORKOUTS, json=payload), 422, "invalid_input")
        assert error["field"] is not None and error["field"].endswith(field), (field, error)
    assert alice.get(WORKOUTS).json()["items"] == []
    error = assert_error(alice.get(WORKOUTS, params={"cursor": "garbage"}), 422)
    assert error["field"] == "cursor"
    assert_error(alice.get(f"{WORKOUTS}/99999999999999999999999"), 404)


def test_logging_a_set_with_a_token_leaves_the_event_loop_once(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each plain function FastAPI calls (a dependency, the route, the check of its answer)
    is a hop to its thread pool; under load every hop waits its turn again. A set logged with a
    token takes the lane in front of the route: one hop signs in and stores the set."""
    import fastapi.dependencies.utils
    import fastapi.routing

    from strongback.web import db_threads

    hops: list[str] = []
    real = fastapi.routing.run_in_threadpool

    async def counted(func: Any, *args: Any, **kwargs: Any) -> Any:
        hops.append(getattr(kwargs.get("function"), "__name__", None) or func.__name__)
        return await real(func, *args, **kwargs)

    monkeypatch.setattr(fastapi.routing, "run_in_threadpool", counted)
    monkeypatch.setattr(fastapi.dependencies.utils, "run_in_threadpool", counted)
    real_in = db_threads._in

    async def counted_in(pool: str, *args: Any, **kwargs: Any) -> Any:
        hops.append(f"{pool} thread")
        return await real_in(pool, *args, **kwargs)

    monkeypatch.setattr(db_threads, "_in", counted_in)
    response = alice.post("/api/v1/sets", json={"exercise": "face-pull", "reps": 15})
    assert response.status_code == 201, response.text
    assert response.json()["set"]["reps"] == 15
    assert hops == ["write thread"]


def test_a_logged_set_goes_into_the_days_workout(alice: User, bob: User) -> None:
    first = alice.post("/api/v1/sets", json={"exercise": "lat-pulldown", "reps": 12, "weight": 40})
    assert first.status_code == 201, first.text
    logged = first.json()
    assert logged["created_workout"] and logged["set"]["unit"] == "kg"
    second = alice.post("/api/v1/sets", json={"exercise": "face-pull", "reps": 15}).json()
    assert second["workout_id"] == logged["workout_id"] and not second["created_workout"]
    workout = alice.get(f"{WORKOUTS}/{logged['workout_id']}").json()
    assert [s["exercise"] for s in workout["sets"]] == ["lat-pulldown", "face-pull"]
    assert_error(bob.get(f"{WORKOUTS}/{logged['workout_id']}"), 404)
    error = assert_error(alice.post("/api/v1/sets", json={"exercise": "lat-pulldown"}), 422)
    assert error["field"] == "reps"
