"""The coaching pages in process on both engines: invite and accept, the dashboard with who
needs attention, the athlete's read-only page with comments and an assigned plan, the athlete's
coaches (change, revoke), the check-in form, and 404 for any coach without access."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from strongback.domain.profile import UserProfile
from strongback.domain.vocab import Equipment, WeightUnit
from strongback.services import accounts
from tests.builders import rows, workout
from tests.web.helpers import form_post, sign_up

INVITE = re.compile(r'id="invite-url">[^<]*(/coaching/accept/[^<\s]+)<')


def _account(make_client: Callable[..., Any], email: str) -> Any:
    browser = make_client()
    sign_up(browser, email)
    return browser


def _coaching_on(coach: Any) -> None:
    turned = form_post(coach, "/coaching/settings", {"coaching_on": "on"}, page="/coaching")
    assert turned.status_code == 303 and turned.headers["location"] == "/coach", turned.text


def _invite(coach: Any) -> str:
    _coaching_on(coach)
    made = form_post(coach, "/coach/invites", {}, page="/coach")
    assert made.status_code == 201, made.text
    found = INVITE.search(made.text)
    assert found is not None, made.text
    return found.group(1)


def _accept(athlete: Any, path: str, permission: str) -> None:
    done = form_post(athlete, path, {"permission": permission})
    assert done.status_code == 303, done.text


def _log(strongback: Any, email: str) -> int:
    account = accounts.account_by_email(strongback, email)
    scope = strongback.scope(account.id)
    with scope.unit_of_work(write=True) as uow:
        owned = frozenset({Equipment.DUMBBELLS})
        uow.profile.save(UserProfile(equipment=owned, dumbbells=(15, 20, 25)))
        uow.workouts.add(
            workout(
                datetime.now().replace(microsecond=0) - timedelta(days=1),
                ("incline-dumbbell-row", rows(3, weight=20, unit=WeightUnit.KG, reps=10)),
                title="Rows at home",
            )
        )
        uow.commit()
    return int(account.id)


def test_invite_accept_view_comment_assign_and_revoke_through_the_pages(
    make_client: Callable[..., Any], strongback: Any
) -> None:
    coach = _account(make_client, "coach@example.org")
    athlete = _account(make_client, "athlete@example.org")
    other = _account(make_client, "other@example.org")
    athlete_id = _log(strongback, "athlete@example.org")
    invite = _invite(coach)
    assert "view your plan" in athlete.get(invite).text
    _accept(athlete, invite, "assign")
    assert athlete.get(invite).status_code == 200  # the page shows; using it again fails
    assert form_post(other, invite, {"permission": "view"}).status_code == 404

    dashboard = coach.get("/coach").text
    assert "athlete@example.org" in dashboard and f"/coach/athletes/{athlete_id}" in dashboard
    page = coach.get(f"/coach/athletes/{athlete_id}")
    assert page.status_code == 200 and "Rows at home" in page.text
    workout_id = re.search(r'id="workout-(\d+)"', page.text).group(1)  # type: ignore[union-attr]
    sent = form_post(
        coach,
        f"/coach/athletes/{athlete_id}/comments",
        {"workout_id": workout_id, "text": "Lovely rows"},
        page=f"/coach/athletes/{athlete_id}",
    )
    assert sent.status_code == 303
    set_id = re.search(r'<option value="(\d+)">set 2:', page.text).group(1)  # type: ignore[union-attr]
    on_set = form_post(
        coach,
        f"/coach/athletes/{athlete_id}/comments",
        {"workout_id": workout_id, "set_id": set_id, "text": "Slower on this one"},
        page=f"/coach/athletes/{athlete_id}",
    )
    assert on_set.status_code == 303
    assert "on set 2: Slower on this one" in coach.get(f"/coach/athletes/{athlete_id}").text
    mine = athlete.get("/coaching").text
    assert "Lovely rows" in mine and "coach@example.org" in mine
    reply = form_post(
        athlete, "/coaching/comments", {"workout_id": workout_id, "text": "Thank you"},
        page="/coaching",
    )  # fmt: skip
    assert reply.status_code == 303
    assert "Thank you" in coach.get("/coach").text  # what is new

    edited = form_post(
        coach,
        f"/coach/athletes/{athlete_id}/profile",
        {"equipment": ["dumbbells", "bench"], "pain_threshold": "4"},
        page=f"/coach/athletes/{athlete_id}",
    )
    assert edited.status_code == 303, edited.text
    refused = form_post(
        coach,
        f"/coach/athletes/{athlete_id}/profile",
        {"equipment": ["dumbbells"], "pain_threshold": "11"},
        page=f"/coach/athletes/{athlete_id}",
    )
    assert refused.status_code == 422 and "pain_threshold" in refused.text
    assigned = form_post(
        coach,
        f"/coach/athletes/{athlete_id}/plans",
        {"days": "2", "minutes": "30", "level": "beginner", "goal": "hypertrophy", "weeks": "4"},
        page=f"/coach/athletes/{athlete_id}",
    )
    assert assigned.status_code == 303, assigned.text
    assert "assigned by coach@example.org" in coach.get(f"/coach/athletes/{athlete_id}").text
    assert "was assigned by coach@example.org" in athlete.get("/coaching").text
    current = athlete.get("/api/v1/plans/current").json()
    assert current["plan"]["profile"]["equipment"] == ["bench", "dumbbells"]  # the coach's edit

    assert other.get(f"/coach/athletes/{athlete_id}").status_code == 404
    coach_id = accounts.account_by_email(strongback, "coach@example.org").id
    revoked = form_post(
        athlete, f"/coaching/coaches/{coach_id}", {"permission": "revoke"}, page="/coaching"
    )
    assert revoked.status_code == 303
    assert coach.get(f"/coach/athletes/{athlete_id}").status_code == 404
    assert "athlete@example.org" not in coach.get("/coach").text


def test_a_view_coach_sees_no_assign_form_and_cannot_post_one(
    make_client: Callable[..., Any], strongback: Any
) -> None:
    coach = _account(make_client, "coach@example.org")
    athlete = _account(make_client, "athlete@example.org")
    athlete_id = _log(strongback, "athlete@example.org")
    _accept(athlete, _invite(coach), "view")
    page = coach.get(f"/coach/athletes/{athlete_id}").text
    assert 'id="assign"' not in page
    refused = form_post(
        coach,
        f"/coach/athletes/{athlete_id}/plans",
        {"days": "2", "minutes": "30"},
        page=f"/coach/athletes/{athlete_id}",
    )
    assert refused.status_code == 404


def test_the_checkin_form_saves_and_names_a_refused_field(
    make_client: Callable[..., Any],
) -> None:
    athlete = _account(make_client, "athlete@example.org")
    bad = form_post(athlete, "/checkin", {"back_pain": "12", "sleep": "7"})
    assert bad.status_code == 422
    assert 'id="back_pain-error"' in bad.text and 'value="7"' in bad.text
    good = form_post(athlete, "/checkin", {"back_pain": "6", "sleep": "7", "note": "stiff"})
    assert good.status_code == 303
    page = athlete.get("/checkin?saved=1").text
    assert "Saved." in page and "back pain" in page


def test_the_athlete_comments_on_one_set_from_the_workout_page_and_the_coach_sees_it(
    make_client: Callable[..., Any], strongback: Any
) -> None:
    coach = _account(make_client, "coach@example.org")
    athlete = _account(make_client, "athlete@example.org")
    other = _account(make_client, "other@example.org")
    athlete_id = _log(strongback, "athlete@example.org")
    _accept(athlete, _invite(coach), "view")
    log = athlete.get("/log").text
    workout_id = re.search(r'href="/log/(\d+)"', log).group(1)  # type: ignore[union-attr]
    page = athlete.get(f"/log/{workout_id}")
    assert 'id="comments"' in page.text and "No comments yet" in page.text
    set_id = re.search(r'<option value="(\d+)">set 3:', page.text).group(1)  # type: ignore[union-attr]
    sent = form_post(
        athlete,
        f"/log/{workout_id}/comments",
        {"workout_id": workout_id, "set_id": set_id, "text": "This one pinched"},
        page=f"/log/{workout_id}",
    )
    assert sent.status_code == 303 and sent.headers["location"].endswith("#comments")
    assert "on set 3: This one pinched" in athlete.get(f"/log/{workout_id}").text
    # The coach reads it on the athlete's page, on that set, and answers on the same set.
    seen = coach.get(f"/coach/athletes/{athlete_id}").text
    assert "on set 3: This one pinched" in seen
    answer = form_post(
        coach,
        f"/coach/athletes/{athlete_id}/comments",
        {"workout_id": workout_id, "set_id": set_id, "text": "Lighter next time"},
        page=f"/coach/athletes/{athlete_id}",
    )
    assert answer.status_code == 303
    assert "on set 3: Lighter next time" in athlete.get(f"/log/{workout_id}").text
    # A whole-workout comment from the same form; an empty one is refused.
    whole = {"workout_id": workout_id, "set_id": "", "text": "Good session overall"}
    done = form_post(athlete, f"/log/{workout_id}/comments", whole, page=f"/log/{workout_id}")
    assert done.status_code == 303
    thread = athlete.get(f"/log/{workout_id}").text
    assert "Good session overall" in thread and "on set : Good" not in thread
    empty = {"workout_id": workout_id, "text": "  "}
    assert (
        form_post(
            athlete, f"/log/{workout_id}/comments", empty, page=f"/log/{workout_id}"
        ).status_code
        == 422
    )
    # Nobody else comments on the athlete's workout from their own log.
    theirs = form_post(other, f"/log/{workout_id}/comments", whole, page="/today")
    assert theirs.status_code == 404
    assert "Good session overall" not in theirs.text


def test_an_account_turns_coaching_on_from_the_coaching_page_and_then_sees_the_coach_link(
    make_client: Callable[..., Any],
) -> None:
    coach = _account(make_client, "coach@example.org")
    assert '<a href="/coach"' not in coach.get("/today").text
    off = coach.get("/coach")
    assert off.status_code == 409 and "Coaching is off" in off.text
    assert "Make an invite link" not in off.text and "Turn coaching on" in off.text
    refused = form_post(coach, "/coach/invites", {}, page="/coaching")
    assert refused.status_code == 409 and "turn it on" in refused.text
    # The switch is a form like any other: without its CSRF token it changes nothing.
    forged = coach.post("/coaching/settings", data={"coaching_on": "on"}, follow_redirects=False)
    assert forged.status_code == 403
    assert "Turn coaching on" in coach.get("/coaching").text
    _coaching_on(coach)
    dashboard = coach.get("/coach")
    assert dashboard.status_code == 200 and "Make an invite link" in dashboard.text
    assert '<a href="/coach"' in dashboard.text
    mine = coach.get("/coaching").text
    assert "Coaching is on" in mine and "Turn coaching off" in mine
    turned = form_post(coach, "/coaching/settings", {"coaching_on": "off"}, page="/coaching")
    assert turned.status_code == 303
    assert '<a href="/coach"' not in coach.get("/coaching").text
    assert coach.get("/coach").status_code == 409


def test_coaching_off_closes_the_athletes_pages_and_on_again_opens_them(
    make_client: Callable[..., Any], strongback: Any
) -> None:
    athlete = _account(make_client, "athlete@example.org")
    athlete_id = _log(strongback, "athlete@example.org")
    coach = _account(make_client, "coach@example.org")
    _accept(athlete, _invite(coach), "assign")
    page = f"/coach/athletes/{athlete_id}"
    assert coach.get(page).status_code == 200
    form_post(coach, "/coaching/settings", {"coaching_on": "off"}, page="/coaching")
    closed = coach.get(page)
    assert closed.status_code == 409 and "Rows at home" not in closed.text
    assert "Coaching is off" in closed.text and "Turn coaching on" in closed.text
    # The athlete sees why: the coach is still listed, their coaching paused.
    paused = "Coaching paused: coach@example.org turned coaching off"
    assert paused in athlete.get("/coaching").text
    for path, form in (
        (f"{page}/comments", {"workout_id": "1", "text": "Nice"}),
        (f"{page}/profile", {"pain_threshold": "4"}),
        (f"{page}/plans", {"days": "2", "minutes": "30"}),
    ):
        refused = form_post(coach, path, form, page="/coaching")
        assert refused.status_code == 409 and "turn it on" in refused.text, path
    _coaching_on(coach)
    assert "Rows at home" in coach.get(page).text
    assert "Coaching paused" not in athlete.get("/coaching").text


def test_anonymous_visitors_are_sent_to_sign_in(make_client: Callable[..., Any]) -> None:
    browser = make_client()
    for path in ("/coach", "/coaching", "/checkin", "/coach/athletes/1", "/coaching/accept/x"):
        response = browser.get(path, follow_redirects=False)
        assert response.status_code == 303 and "/login" in response.headers["location"]


def test_every_coaching_page_answers_each_role_within_the_permission(
    make_client: Callable[..., Any], strongback: Any
) -> None:
    athlete = _account(make_client, "athlete@example.org")
    athlete_id = _log(strongback, "athlete@example.org")
    roles = {
        n: _account(make_client, f"{n}@example.org") for n in ("view", "assign", "other", "revoked")
    }
    for name, permission in (("view", "view"), ("assign", "assign"), ("revoked", "assign")):
        _accept(athlete, _invite(roles[name]), permission)
    revoked_id = accounts.account_by_email(strongback, "revoked@example.org").id
    form_post(
        athlete, f"/coaching/coaches/{revoked_id}", {"permission": "revoke"}, page="/coaching"
    )
    roles["athlete"] = athlete
    page = f"/coach/athletes/{athlete_id}"
    workout_id = re.search(r'id="workout-(\d+)"', roles["view"].get(page).text).group(1)  # type: ignore[union-attr]
    # (method, path, form, the permission it needs)
    matrix = [
        ("GET", page, None, "view"),
        ("POST", f"{page}/comments", {"workout_id": workout_id, "text": "Hi"}, "view"),
        ("POST", f"{page}/plans", {"days": "2", "minutes": "30"}, "assign"),
        ("POST", f"{page}/profile", {"equipment": ["dumbbells"], "pain_threshold": "3"}, "assign"),
        # The athlete's own workout page and its comments: theirs alone, coaches included.
        ("GET", f"/log/{workout_id}", None, "owner"),
        ("POST", f"/log/{workout_id}/comments", {"workout_id": workout_id, "text": "Hi"}, "owner"),
    ]
    allowed = {"view": {"view"}, "assign": {"view", "assign"}, "athlete": {"owner"}}
    wrong = []
    for who, browser in roles.items():
        for method, path, data, need in matrix:
            if method == "GET":
                response = browser.get(path)
            else:
                response = form_post(browser, path, data, page="/coaching")
            ok = need in allowed.get(who, set())
            if ok and response.status_code not in (200, 303):
                wrong.append((who, path, response.status_code))
            if not ok and (response.status_code != 404 or "Rows at home" in response.text):
                wrong.append((who, path, response.status_code))
    assert wrong == []
