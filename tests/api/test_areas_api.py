"""The API's other areas for their owner and for another user: exercises, profile, plans, next,
records, audit, import and export. Each user sees only their own data."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import User, assert_error
from tests.api.test_workouts_api import WORKOUTS, body
from tests.samples import sample_paths

PLAN_REQUEST = {"days": 2, "minutes": 45, "equipment": ["dumbbells", "bench", "pull-up-bar"]}


def test_me_names_the_account_of_the_token(alice: User, bob: User) -> None:
    assert alice.get("/api/v1/me").json()["email"] == alice.email
    assert bob.get("/api/v1/me").json()["email"] == bob.email


def test_exercises_list_with_filters_and_one_card(alice: User) -> None:
    listed = alice.get("/api/v1/exercises", params={"section": "back", "limit": 500}).json()
    assert listed["items"] and all(e["section"] == "back" for e in listed["items"])
    first = alice.get("/api/v1/exercises", params={"limit": 3}).json()
    second = alice.get("/api/v1/exercises", params={"limit": 3, "cursor": first["next"]}).json()
    assert {e["id"] for e in first["items"]}.isdisjoint(e["id"] for e in second["items"])
    card = alice.get("/api/v1/exercises/lat-pulldown").json()
    assert card["id"] == "lat-pulldown" and card["instructions"] and card["cues"]
    error = assert_error(alice.get("/api/v1/exercises", params={"muscle": "latz"}), 422)
    assert error["field"] == "muscle" and "lats" in error["message"]
    assert_error(alice.get("/api/v1/exercises/no-such-lift"), 404, "not_found")


def test_profile_reads_and_changes_for_its_owner_only(alice: User, bob: User) -> None:
    changed = alice.patch(
        "/api/v1/profile", json={"unit": "lb", "dumbbells": [10, 20], "bar_weight": 45}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["dumbbells"] == [10.0, 20.0]
    cleared = alice.patch("/api/v1/profile", json={"bar_weight": None}).json()
    assert (cleared["unit"], cleared["bar_weight"]) == ("lb", None)
    assert bob.get("/api/v1/profile").json()["unit"] == "kg"
    error = assert_error(alice.patch("/api/v1/profile", json={"pain_threshold": 11}), 422)
    assert error["field"] == "pain_threshold"


def test_a_generated_plan_is_not_saved_until_saved(alice: User, bob: User) -> None:
    generated = alice.post("/api/v1/plans/generate", json=PLAN_REQUEST)
    assert generated.status_code == 200, generated.text
    assert generated.json()["id"] is None and generated.json()["plan"]["weeks"]
    assert_error(alice.get("/api/v1/plans/current"), 404)
    saved = alice.post("/api/v1/plans", json={"request": PLAN_REQUEST, "name": "mine"})
    assert saved.status_code == 201, saved.text
    current = alice.get("/api/v1/plans/current").json()
    assert current["id"] == saved.json()["id"]
    assert_error(bob.get("/api/v1/plans/current"), 404)
    nxt = alice.get("/api/v1/next").json()
    assert nxt["source"] == "session" and nxt["prescriptions"]
    whole = alice.get("/api/v1/next", params={"whole_plan": True}).json()
    assert whole["source"] == "plan" and len(whole["prescriptions"]) >= len(nxt["prescriptions"])
    assert bob.get("/api/v1/next").json()["prescriptions"] == []
    ics = alice.get("/api/v1/export/plan.ics")
    assert ics.status_code == 200 and ics.text.startswith("BEGIN:VCALENDAR")
    assert_error(bob.get("/api/v1/export/plan.ics"), 404)
    error = assert_error_422(alice.post("/api/v1/plans/generate", json={**PLAN_REQUEST, "days": 9}))
    assert error["field"] == "days"


def assert_error_422(response: Any) -> dict[str, Any]:
    return assert_error(response, 422, "invalid_input")


def test_records_audit_and_exports_hold_only_the_owners_history(alice: User, bob: User) -> None:
    assert alice.post(WORKOUTS, json=body()).status_code == 201
    records = alice.get("/api/v1/records").json()
    assert {r["exercise"] for r in records["items"]} >= {"lat-pulldown"}
    assert bob.get("/api/v1/records").json() == {"items": [], "next": None}
    audit = alice.get("/api/v1/audit", params={"weeks": 2})
    assert audit.status_code == 200, audit.text
    assert audit.json()["weeks"]
    assert_error_422(alice.get("/api/v1/audit", params={"weeks": 0}))
    backup = alice.get("/api/v1/export/backup.json").json()
    assert backup["format"] == "strongback-backup" and len(backup["workouts"]) == 1
    assert bob.get("/api/v1/export/backup.json").json()["workouts"] == []
    strong = alice.get("/api/v1/export/strong.csv")
    assert strong.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(strong.text)))
    assert len(rows) == 1 + 3
    assert len(list(csv.reader(io.StringIO(bob.get("/api/v1/export/strong.csv").text)))) <= 1


STRONG = [p for p in sample_paths("strong") if "german" in p.name]


@pytest.mark.parametrize("path", STRONG[:1], ids=lambda p: p.name[:30])
def test_an_uploaded_export_is_imported_once_into_its_owners_history(
    alice: User, bob: User, path: Path
) -> None:
    upload = {"file": (path.name, path.read_bytes(), "text/csv")}
    first = alice.post("/api/v1/imports", files=upload)
    assert first.status_code == 200, first.text
    summary = first.json()
    assert summary["format"] == "strong" and summary["summary"]["sets"] > 0
    again = alice.post("/api/v1/imports", files=upload).json()
    assert again["summary"]["sets"] == 0
    assert again["summary"]["duplicates"] == summary["summary"]["sets"]
    assert bob.get(WORKOUTS).json()["items"] == []


def test_a_backup_upload_restores_into_an_empty_account(alice: User, bob: User) -> None:
    assert alice.post(WORKOUTS, json=body()).status_code == 201
    document = alice.get("/api/v1/export/backup.json").content
    restored = bob.post("/api/v1/imports", files={"file": ("backup.json", document)})
    assert restored.status_code == 200, restored.text
    assert restored.json() == {
        "format": "backup",
        "summary": {"workouts": 1, "sets": 3, "custom_exercises": 0, "plans": 0},
    }
    assert_error(bob.post("/api/v1/imports", files={"file": ("backup.json", document)}), 409)


def test_an_unreadable_upload_names_the_file(alice: User) -> None:
    error = assert_error(
        alice.post("/api/v1/imports", files={"file": ("x.csv", b"just,some\nwords,here\n")}), 422
    )
    assert error["field"] is not None
    error = assert_error(alice.post("/api/v1/imports", files={"file": ("x.json", b"{nope")}), 422)
    assert error["field"] == "file"


@pytest.mark.parametrize("path", STRONG[:1], ids=lambda p: p.name[:30])
def test_imports_are_listed_and_undone_by_their_owner_only(
    alice: User, bob: User, path: Path
) -> None:
    upload = {"file": (path.name, path.read_bytes(), "text/csv")}
    added = alice.post("/api/v1/imports", files=upload).json()["summary"]
    listed = alice.get("/api/v1/imports").json()
    assert [r["id"] for r in listed["items"]] == [added["id"]] and listed["next"] is None
    assert bob.get("/api/v1/imports").json()["items"] == []
    assert_error(bob.delete(f"/api/v1/imports/{added['id']}"), 404, "not_found")
    undone = alice.delete(f"/api/v1/imports/{added['id']}")
    assert undone.status_code == 200, undone.text
    assert (undone.json()["sets"], undone.json()["workouts"]) == (added["sets"], added["workouts"])
    assert alice.get(WORKOUTS).json()["items"] == []
    assert_error(alice.delete(f"/api/v1/imports/{added['id']}"), 404)


def test_a_name_mapped_moves_its_sets_for_its_owner_only(alice: User, bob: User) -> None:
    workout = body()
    workout["sets"] = [{"exercise": "face-pull", "reps": 12, "imported_as": "Rear Delt Rope"}]
    assert alice.post(WORKOUTS, json=workout).status_code == 201
    mapped = alice.post(
        "/api/v1/names", json={"name": "Rear Delt Rope", "exercise": "lat-pulldown"}
    )
    assert mapped.status_code == 200, mapped.text
    assert mapped.json() == {"name": "Rear Delt Rope", "exercise": "lat-pulldown", "moved": 1}
    assert alice.get("/api/v1/names").json()["items"] == [
        {"name": "Rear Delt Rope", "exercise": "lat-pulldown"}
    ]
    assert bob.get("/api/v1/names").json()["items"] == []
    error = assert_error(alice.post("/api/v1/names", json={"name": "x", "exercise": "nope"}), 422)
    assert error["field"] == "exercise"
