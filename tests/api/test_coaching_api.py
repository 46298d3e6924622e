"""The coaching API in process on both engines: invites, the athlete's coaches, the roster and
every /api/v1/athletes/{id} resource as an authorization matrix (the athlete, a coach with view,
a coach with assign, another coach, a revoked coach, anonymous), comments and check-ins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from strongback.app import Strongback
from strongback.domain.profile import UserProfile
from strongback.domain.vocab import Equipment, WeightUnit
from strongback.services import accounts, planning
from strongback.services.planning import PlanRequest
from strongback.web.app import create_app
from tests.api.conftest import User, assert_error
from tests.builders import rows, workout

KG = WeightUnit.KG
SECRET_TITLE = "Secret back day"
SECRET_NOTE = "my private note"


def _person(strongback: Strongback, email: str) -> Iterator[User]:
    account = accounts.sign_up(strongback, email, "a long enough password 1")
    _, token = accounts.create_token(strongback, account.id, "tests")
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(create_app(strongback), headers=headers) as client:
        yield User(account.id, email, client)


@pytest.fixture
def people(strongback: Strongback) -> Iterator[dict[str, User]]:
    names = ("athlete", "view", "assign", "other", "revoked", "someone")
    gens = {n: _person(strongback, f"{n}@example.com") for n in names}
    found = {n: next(g) for n, g in gens.items()}
    yield found
    for g in gens.values():
        next(g, None)


def _coaching_on(coach: User) -> None:
    turned = coach.put("/api/v1/coaching/settings", json={"coaching": True})
    assert turned.status_code == 200 and turned.json() == {"coaching": True}, turned.text


def _link(coach: User, athlete: User, permission: str) -> dict[str, Any]:
    _coaching_on(coach)
    invite = coach.post("/api/v1/coaching/invites")
    assert invite.status_code == 201, invite.text
    accepted = athlete.post(
        f"/api/v1/coaching/invites/{invite.json()['token']}/accept",
        json={"permission": permission},
    )
    assert accepted.status_code == 200, accepted.text
    body: dict[str, Any] = accepted.json()
    return body


@pytest.fixture
def world(strongback: Strongback, people: dict[str, User]) -> dict[str, Any]:
    """The athlete has a workout with a note, a plan and a check-in; four coaches."""
    athlete = people["athlete"]
    for name in ("view", "assign", "revoked"):
        _link(people[name], athlete, "assign" if name != "view" else "view")
    assert athlete.delete(f"/api/v1/coaching/coaches/{people['revoked'].id}").status_code == 204
    _link(people["other"], people["someone"], "assign")
    scope = strongback.scope(athlete.id)
    with scope.unit_of_work(write=True) as uow:
        owned = frozenset({Equipment.DUMBBELLS})
        uow.profile.save(UserProfile(equipment=owned, dumbbells=(15, 17.5, 20, 22.5)))
        stored = uow.workouts.add(
            workout(
                datetime.combine(date.today() - timedelta(days=1), datetime.min.time()),
                ("incline-dumbbell-row", rows(3, weight=20, unit=KG, reps=10, notes=SECRET_NOTE)),
                title=SECRET_TITLE,
            )
        )
        uow.commit()
    request = PlanRequest(days=2, minutes=30, equipment=frozenset({Equipment.DUMBBELLS}))
    planning.save_plan(scope, planning.build_plan(scope.catalog, request))
    assert athlete.post("/api/v1/checkins", json={"back_pain": 2}).status_code == 201
    assert stored.id is not None and stored.sets[0].id is not None
    return {"workout": stored.id, "set": stored.sets[0].id, **people}


def _endpoints(w: dict[str, Any]) -> list[tuple[str, str, dict[str, Any] | None, str]]:
    """(method, path under /api/v1/athletes/{id}, body, the permission it needs)."""
    wid, sid = w["workout"], w["set"]
    assign = {"request": {"days": 2, "minutes": 30, "equipment": ["dumbbells"]}}
    return [
        ("GET", "", None, "view"),
        ("GET", "/workouts", None, "view"),
        ("GET", f"/workouts/{wid}", None, "view"),
        ("GET", "/plans/current", None, "view"),
        ("GET", "/records", None, "view"),
        ("GET", "/audit", None, "view"),
        ("GET", "/progress", None, "view"),
        ("GET", "/next", None, "view"),
        ("GET", "/profile", None, "view"),
        ("GET", "/comments", None, "view"),
        ("POST", "/comments", {"workout_id": wid, "set_id": sid, "text": "Nice"}, "view"),
        ("GET", "/checkins", None, "view"),
        ("PATCH", "/profile", {"pain_threshold": 4}, "assign"),
        ("POST", "/plans", assign, "assign"),
    ]


MATRIX = {"view": {"view"}, "assign": {"view", "assign"}}


def test_every_athlete_endpoint_answers_within_the_permission_and_leaks_nothing(
    world: dict[str, Any], anonymous: TestClient
) -> None:
    athlete_id = world["athlete"].id
    leaks, wrong = [], []
    for who in ("athlete", "other", "revoked", "view", "assign"):
        for method, path, body, need in _endpoints(world):
            url = f"/api/v1/athletes/{athlete_id}{path}"
            response = world[who].client.request(method, url, json=body)
            allowed = need in MATRIX.get(who, set())
            if allowed and response.status_code >= 300:
                wrong.append((who, method, path, response.status_code, response.text[:200]))
            if not allowed:
                if response.status_code != 404:
                    wrong.append((who, method, path, response.status_code))
                text = response.text
                if any(s in text for s in (SECRET_TITLE, SECRET_NOTE, "athlete@example.com")):
                    leaks.append((who, method, path))
            assert_error(anonymous.request(method, url, json=body), 401)
    assert wrong == []
    assert leaks == []


def test_the_roster_lists_each_coachs_athletes_with_their_figures(world: dict[str, Any]) -> None:
    roster = world["view"].get("/api/v1/athletes").json()["items"]
    assert [a["name"] for a in roster] == ["athlete@example.com"]
    line = roster[0]
    assert line["days_since_last_session"] == 1
    assert line["sessions_7_days"]["done"] == 1
    assert set(line) >= {"needs_attention", "reasons", "pain_rising", "broken_principles"}
    assert world["revoked"].get("/api/v1/athletes").json()["items"] == []
    assert [a["name"] for a in world["other"].get("/api/v1/athletes").json()["items"]] == [
        "someone@example.com"
    ]


def test_coaching_is_turned_on_and_off_and_off_closes_invites_and_the_roster(
    people: dict[str, User],
) -> None:
    coach = people["view"]
    assert coach.get("/api/v1/coaching/settings").json() == {"coaching": False}
    refused = assert_error(coach.post("/api/v1/coaching/invites"), 409)
    assert refused["field"] == "coaching" and "turn it on" in refused["message"]
    assert assert_error(coach.get("/api/v1/athletes"), 409)["field"] == "coaching"
    assert_error(coach.put("/api/v1/coaching/settings", json={"coaching": "maybe"}), 422)
    assert_error(coach.put("/api/v1/coaching/settings", json={}), 422)
    _coaching_on(coach)
    assert coach.get("/api/v1/coaching/settings").json() == {"coaching": True}
    assert coach.post("/api/v1/coaching/invites").status_code == 201
    assert coach.get("/api/v1/athletes").json()["items"] == []
    off = coach.put("/api/v1/coaching/settings", json={"coaching": False})
    assert off.json() == {"coaching": False}
    assert_error(coach.post("/api/v1/coaching/invites"), 409)


def test_coaching_off_answers_409_on_every_athlete_route_and_on_again_restores_access(
    world: dict[str, Any],
) -> None:
    coach, athlete, someone = world["assign"], world["athlete"], world["someone"]
    off = coach.put("/api/v1/coaching/settings", json={"coaching": False})
    assert off.status_code == 200
    for method, path, body, _ in _endpoints(world):
        answer = coach.client.request(method, f"/api/v1/athletes/{athlete.id}{path}", json=body)
        refused = assert_error(answer, 409)
        assert refused["field"] == "coaching" and "turn it on" in refused["message"]
        assert SECRET_TITLE not in answer.text
        # An athlete the coach has no link to stays what it was: nothing there.
        other = coach.client.request(method, f"/api/v1/athletes/{someone.id}{path}", json=body)
        assert_error(other, 404)
    # The athlete still lists both coaches, the one who turned coaching off marked so.
    listed = athlete.get("/api/v1/coaching/coaches").json()["items"]
    assert [(c["coach_id"], c["coaching_on"]) for c in listed] == [
        (world["view"].id, True),
        (coach.id, False),
    ]
    _coaching_on(coach)
    assert coach.get(f"/api/v1/athletes/{athlete.id}/workouts").status_code == 200
    listed = athlete.get("/api/v1/coaching/coaches").json()["items"]
    assert [c["coaching_on"] for c in listed] == [True, True]


def test_invites_are_single_use_and_the_athlete_changes_or_revokes_access(
    people: dict[str, User],
) -> None:
    coach, athlete, someone = people["view"], people["athlete"], people["someone"]
    _coaching_on(coach)
    invite = coach.post("/api/v1/coaching/invites").json()
    assert invite["url"].endswith(f"/coaching/accept/{invite['token']}")
    assert invite["expires_at"].endswith("Z")
    accept = f"/api/v1/coaching/invites/{invite['token']}/accept"
    bad = assert_error(athlete.post(accept, json={"permission": "edit"}), 422)
    assert bad["field"] == "permission"
    assert athlete.post(accept, json={"permission": "view"}).json()["permission"] == "view"
    assert_error(someone.post(accept, json={"permission": "view"}), 404)
    coaches = athlete.get("/api/v1/coaching/coaches").json()["items"]
    assert [(c["coach_id"], c["permission"]) for c in coaches] == [(coach.id, "view")]
    changed = athlete.put(f"/api/v1/coaching/coaches/{coach.id}", json={"permission": "assign"})
    assert changed.json()["permission"] == "assign"
    assert coach.get(f"/api/v1/athletes/{athlete.id}/workouts").status_code == 200
    assert athlete.delete(f"/api/v1/coaching/coaches/{coach.id}").status_code == 204
    assert_error(coach.get(f"/api/v1/athletes/{athlete.id}/workouts"), 404)
    assert_error(athlete.delete(f"/api/v1/coaching/coaches/{coach.id}"), 404)
    assert athlete.get("/api/v1/coaching/coaches").json()["items"] == []


def test_an_assigned_plan_is_the_athletes_current_plan_and_names_its_coach(
    world: dict[str, Any],
) -> None:
    coach, athlete = world["assign"], world["athlete"]
    # The athlete's own plan: nobody assigned it.
    assert athlete.get("/api/v1/plans/current").json()["assigned_by"] is None
    made = coach.post(
        f"/api/v1/athletes/{athlete.id}/plans",
        json={"request": {"days": 3, "minutes": 40}, "name": "Block 2"},
    )
    assert made.status_code == 201, made.text
    body = made.json()
    # One shape of who assigned a plan, for the coach and for the athlete alike.
    assigner = {"id": coach.id, "name": "assign@example.com", "email": "assign@example.com"}
    assert body["assigned_by"] == assigner
    assert body["plan"]["profile"]["equipment"] == ["dumbbells"]  # from the athlete's profile
    own = athlete.get("/api/v1/plans/current").json()
    assert own["id"] == body["id"] and own["assigned_by"] == assigner
    coachs = coach.get(f"/api/v1/athletes/{athlete.id}/plans/current").json()
    assert coachs == own and set(own) == set(body)
    # Another of the athlete's coaches sees who assigned it, but not that coach's email.
    viewer = world["view"].get(f"/api/v1/athletes/{athlete.id}/plans/current").json()
    assert viewer["assigned_by"] == {**assigner, "email": None}
    bad = coach.post(f"/api/v1/athletes/{athlete.id}/plans", json={"request": {"days": 9}})
    assert assert_error(bad, 422)["field"]


def test_the_schema_gives_one_shape_of_who_assigned_a_plan(people: dict[str, User]) -> None:
    schema = people["athlete"].get("/openapi.json").json()
    paths, components = schema["paths"], schema["components"]["schemas"]

    def answer(path: str, method: str, status: str) -> dict[str, Any]:
        ref = paths[path][method]["responses"][status]["content"]["application/json"]["schema"]
        return components[ref["$ref"].rsplit("/", 1)[-1]]

    own = answer("/api/v1/plans/current", "get", "200")
    coachs = answer("/api/v1/athletes/{athlete_id}/plans/current", "get", "200")
    assigned = answer("/api/v1/athletes/{athlete_id}/plans", "post", "201")
    assert own == coachs == assigned
    assert "assigned_by_name" not in own["properties"]
    assigner = components["PlanAssigner"]
    assert set(assigner["properties"]) == {"id", "name", "email"}


def test_comments_go_both_ways_with_what_is_new_and_read_marks(world: dict[str, Any]) -> None:
    coach, athlete, wid = world["view"], world["athlete"], world["workout"]
    said = coach.post(
        f"/api/v1/athletes/{athlete.id}/comments", json={"workout_id": wid, "text": "Strong!"}
    )
    assert said.status_code == 201, said.text
    new = athlete.get("/api/v1/comments/new").json()["items"]
    assert [(c["text"], c["author"], c["unread"]) for c in new] == [
        ("Strong!", "view@example.com", True)
    ]
    reply = athlete.post("/api/v1/comments", json={"workout_id": wid, "text": "Thanks"})
    assert reply.status_code == 201
    assert athlete.post("/api/v1/comments/read", json={"ids": [new[0]["id"]]}).json() == {
        "marked": 1
    }
    assert athlete.get("/api/v1/comments/new").json()["items"] == []
    assert [c["text"] for c in coach.get("/api/v1/comments/new").json()["items"]] == ["Thanks"]
    thread = athlete.get(f"/api/v1/comments?workout_id={wid}").json()["items"]
    assert [c["text"] for c in thread] == ["Strong!", "Thanks"]
    empty = assert_error(
        athlete.post("/api/v1/comments", json={"workout_id": wid, "text": ""}), 422
    )
    assert empty["field"] == "text"
    assert_error(athlete.post("/api/v1/comments", json={"workout_id": 999999, "text": "x"}), 404)


def test_a_checkin_with_high_back_pain_regresses_the_next_prescriptions(
    world: dict[str, Any],
) -> None:
    athlete, coach = world["athlete"], world["view"]
    bad = assert_error(athlete.post("/api/v1/checkins", json={"back_pain": 11}), 422)
    assert bad["field"] == "back_pain"
    made = athlete.post("/api/v1/checkins", json={"back_pain": 8, "sleep": 4, "note": "stiff"})
    assert made.status_code == 201 and made.json()["back_pain"] == 8
    (row,) = athlete.get("/api/v1/next?exercise=incline-dumbbell-row").json()["prescriptions"]
    assert row["rule"] == "pain" and "check-in reported back pain 8/10" in row["reason"]
    seen = coach.get(f"/api/v1/athletes/{athlete.id}/checkins").json()
    assert [c["back_pain"] for c in seen["items"]] == [8]
    assert {t["score"] for t in seen["trends"]} == {"sleep", "energy", "soreness", "back_pain"}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/coaching/settings"),
        ("PUT", "/api/v1/coaching/settings"),
        ("POST", "/api/v1/coaching/invites"),
        ("POST", "/api/v1/coaching/invites/abc/accept"),
        ("GET", "/api/v1/coaching/coaches"),
        ("PUT", "/api/v1/coaching/coaches/1"),
        ("DELETE", "/api/v1/coaching/coaches/1"),
        ("GET", "/api/v1/athletes"),
        ("GET", "/api/v1/checkins"),
        ("POST", "/api/v1/checkins"),
        ("GET", "/api/v1/comments"),
        ("POST", "/api/v1/comments"),
        ("GET", "/api/v1/comments/new"),
        ("POST", "/api/v1/comments/read"),
    ],
)
def test_anonymous_callers_of_coaching_get_401(
    anonymous: TestClient, method: str, path: str
) -> None:
    assert_error(anonymous.request(method, path), 401, "not_authenticated")
