"""The guided session's API for its owner and another user: start, the current set's
timeline, actions, sets stored once under their client id, finish into the log."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import User, assert_error

EXERCISES = ["alternating-dumbbell-row", "plank"]


def _set(session: dict[str, Any], set_id: str, reps: int = 8) -> dict[str, Any]:
    state = session["state"]
    item = state["items"][state["current"]]
    return {
        "id": set_id,
        "item": state["current"],
        "number": state["set_number"],
        "exercise": item["exercise"],
        "reps": reps if item["reps"] else None,
        "seconds": None if item["reps"] else item["seconds"],
    }


def test_a_session_starts_with_its_items_cues_and_timelines(alice: User) -> None:
    started = alice.post("/api/v1/sessions", json={"exercises": EXERCISES})
    assert started.status_code == 201, started.text
    body = started.json()
    first = body["state"]["items"][0]
    assert first["exercise"] == "alternating-dumbbell-row" and first["name"] and first["cues"]
    assert first["timeline"]["events"][0]["kind"] == "ready"
    assert body["state"]["stage"] == "ready" and body["timeline"]["starts_at"] is None
    assert_error(alice.post("/api/v1/sessions", json={}), 409, "conflict")


def test_the_timeline_starts_when_the_set_starts(alice: User) -> None:
    alice.post("/api/v1/sessions", json={"exercises": EXERCISES})
    started = alice.post("/api/v1/sessions/active/actions", json={"action": "start_set"})
    assert started.status_code == 200, started.text
    timeline = alice.get("/api/v1/sessions/active/timeline").json()
    assert timeline["starts_at"] == started.json()["state"]["stage_started_at"]
    assert (timeline["item"], timeline["set"], timeline["exercise"]) == (
        0,
        1,
        "alternating-dumbbell-row",
    )
    kinds = {e["kind"] for e in timeline["events"]}
    assert {"ready", "lower", "lift", "squeeze"} <= kinds
    assert sum(e["seconds"] for e in timeline["events"]) == timeline["total_seconds"]


def test_a_set_sent_twice_is_stored_once_and_moves_the_session_on(alice: User) -> None:
    session = alice.post("/api/v1/sessions", json={"exercises": EXERCISES}).json()
    entry = _set(session, "3f0c9a4e-0000-4000-8000-000000000001")
    once = alice.post("/api/v1/sessions/active/sets", json=entry)
    twice = alice.post("/api/v1/sessions/active/sets", json=entry)
    assert once.status_code == twice.status_code == 200, twice.text
    assert [s["id"] for s in twice.json()["entered"]] == [entry["id"]]
    state = twice.json()["state"]
    assert (state["set_number"], state["stage"]) == (2, "rest") and state["deadline"]
    finished = alice.post("/api/v1/sessions/active/finish")
    assert finished.status_code == 200 and finished.json()["sets"] == 1
    workout = alice.get(f"/api/v1/workouts/{finished.json()['workout_id']}").json()
    assert len(workout["sets"]) == 1
    assert_error(alice.get("/api/v1/sessions/active"), 404, "not_found")


def test_bad_input_names_its_field(alice: User) -> None:
    session = alice.post("/api/v1/sessions", json={"exercises": EXERCISES}).json()
    bad = {**_set(session, "x"), "reps": -1}
    assert assert_error(alice.post("/api/v1/sessions/active/sets", json=bad), 422)["field"]
    error = assert_error(alice.post("/api/v1/sessions/active/actions", json={"action": "fly"}), 422)
    assert error["field"] == "action"
    unknown = {**_set(session, "y"), "exercise": "no-such-lift"}
    assert_error(alice.post("/api/v1/sessions/active/sets", json=unknown), 422)


def test_another_user_sees_no_session_and_cannot_touch_it(alice: User, bob: User) -> None:
    session = alice.post("/api/v1/sessions", json={"exercises": EXERCISES}).json()
    assert_error(bob.get("/api/v1/sessions/active"), 404, "not_found")
    assert_error(bob.get("/api/v1/sessions/active/timeline"), 404, "not_found")
    entry = _set(session, "bob-set")
    assert_error(bob.post("/api/v1/sessions/active/sets", json=entry), 404, "not_found")
    assert_error(bob.post("/api/v1/sessions/active/finish"), 404, "not_found")
    assert alice.get("/api/v1/sessions/active").json()["entered"] == []


def test_the_current_exercise_is_swapped_for_one_the_swaps_offer(alice: User) -> None:
    alice.post("/api/v1/sessions", json={"exercises": EXERCISES})
    offered = alice.get("/api/v1/sessions/active/swaps")
    assert offered.status_code == 200, offered.text
    options = offered.json()["items"]
    assert options and all(o["why"] in {"easier", "harder", "same-pattern"} for o in options)
    assert "alternating-dumbbell-row" not in {o["exercise"] for o in options}
    swapped = alice.post("/api/v1/sessions/active/swap", json={"exercise": options[0]["exercise"]})
    assert swapped.status_code == 200, swapped.text
    items = swapped.json()["state"]["items"]
    assert items[0]["exercise"] == options[0]["exercise"] and items[0]["name"] and items[0]["cues"]
    assert items[1]["exercise"] == "plank"


def test_an_exercise_is_added_by_name_at_the_end_of_the_session(alice: User) -> None:
    alice.post("/api/v1/sessions", json={"exercises": EXERCISES})
    added = alice.post("/api/v1/sessions/active/exercises", json={"exercise": "Face Pull"})
    assert added.status_code == 200, added.text
    items = added.json()["state"]["items"]
    assert [i["exercise"] for i in items] == [*EXERCISES, "face-pull"]
    assert added.json()["state"]["current"] == 0  # the session goes on where it was


def test_swapping_or_adding_an_unknown_exercise_names_it_and_changes_nothing(alice: User) -> None:
    alice.post("/api/v1/sessions", json={"exercises": EXERCISES})
    for path in ("/api/v1/sessions/active/swap", "/api/v1/sessions/active/exercises"):
        error = assert_error(alice.post(path, json={"exercise": "no-such-lift"}), 422)
        assert "no-such-lift" in error["message"]
        assert assert_error(alice.post(path, json={}), 422)["field"] == "exercise"
    items = alice.get("/api/v1/sessions/active").json()["state"]["items"]
    assert [i["exercise"] for i in items] == EXERCISES


def test_another_user_cannot_swap_or_add_to_a_session(alice: User, bob: User) -> None:
    alice.post("/api/v1/sessions", json={"exercises": EXERCISES})
    assert_error(bob.get("/api/v1/sessions/active/swaps"), 404, "not_found")
    body = {"exercise": "face-pull"}
    assert_error(bob.post("/api/v1/sessions/active/swap", json=body), 404, "not_found")
    assert_error(bob.post("/api/v1/sessions/active/exercises", json=body), 404, "not_found")
    items = alice.get("/api/v1/sessions/active").json()["state"]["items"]
    assert [i["exercise"] for i in items] == EXERCISES
