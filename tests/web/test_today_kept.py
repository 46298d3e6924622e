"""The today page, kept by each worker per user until the user's data changes: rendered once
while nothing changes, and rendered again after every kind of write the page shows (a set
through the API or the page's form, a workout deleted and restored, an import, the unit
setting, a new plan, a plan a coach assigns), on both engines; each browser gets its own CSRF
token in the kept page; and a write through one server worker is seen through every worker."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from strongback.services import accounts, today
from tests.web.helpers import csrf_of, form_post, sign_up
from tests.web.live import LiveServer
from tests.web.test_pages import PROFILE_FORM, first_exercise, log_one_set, onboard, submit

LOGGED = re.compile(r'<li class="logged">')
SET = {"reps": 9, "weight": 10, "unit": "kg"}


@pytest.fixture
def ada(make_client: Callable[..., Any], strongback: Any) -> Any:
    """A signed-in browser with a plan; ``ada.token`` is an API token of the account."""
    browser = make_client()
    sign_up(browser, "ada@example.org")
    onboard(browser)
    account = accounts.account_by_email(strongback, "ada@example.org")
    browser.token = accounts.create_token(strongback, account.id, "tests")[1]
    return browser


def _sets_shown(page: str) -> int:
    return len(LOGGED.findall(page))


def test_the_page_is_rendered_once_while_nothing_changes(
    ada: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    read = today.today_and_week
    monkeypatch.setattr(today, "today_and_week", lambda *a: calls.append(1) or read(*a))
    first = ada.get("/today").text
    again = ada.get("/today").text
    assert first == again and len(calls) == 1
    logged = log_one_set(ada, first_exercise(ada))  # then redirected to the page
    assert len(calls) == 2 and logged.text != first
    assert ada.get("/today").text == logged.text and len(calls) == 2


def test_sets_logged_through_the_api_show_on_the_kept_page(ada: Any) -> None:
    exercise = first_exercise(ada)
    assert _sets_shown(ada.get("/today").text) == 0
    for n in (1, 2, 3):  # the day's first set makes its workout; the next are appended to it
        logged = ada.post(
            "/api/v1/sets",
            json={"exercise": exercise, **SET},
            headers={"Authorization": f"Bearer {ada.token}"},
        )
        assert logged.status_code == 201, logged.text
        assert _sets_shown(ada.get("/today").text) == n


def test_sets_logged_through_the_page_form_show_on_the_kept_page(ada: Any) -> None:
    exercise = first_exercise(ada)
    log_one_set(ada, exercise, htmx=True)
    assert _sets_shown(ada.get("/today").text) == 1
    log_one_set(ada, exercise)
    assert _sets_shown(ada.get("/today").text) == 2


def test_a_deleted_workout_leaves_the_kept_page_and_comes_back_restored(ada: Any) -> None:
    log_one_set(ada, first_exercise(ada))
    assert _sets_shown(ada.get("/today").text) == 1
    workout_id = re.search(r"/log/(\d+)/edit", ada.get("/log").text).group(1)  # type: ignore[union-attr]
    submit(ada, f"/log/{workout_id}/delete", f"/log/{workout_id}/delete", {})
    assert _sets_shown(ada.get("/today").text) == 0
    submit(ada, "/log", f"/log/{workout_id}/restore", {})
    assert _sets_shown(ada.get("/today").text) == 1


def test_an_imported_file_shows_on_the_kept_page(ada: Any) -> None:
    assert "traps: 0 sets" in ada.get("/today").text  # the week's body map, as text
    day = date.today().isoformat()
    rows = "".join(
        f'{day} 07:00:00,"Morning",40m,"Bent Over Row (Barbell)",{n},60,8,0,0,"","",\n'
        for n in (1, 2, 3)
    )
    export = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
    export += "Notes,Workout Notes,RPE\n" + rows
    token = csrf_of(ada.get("/import").text)
    done = ada.post(
        "/import",
        data={"csrf_token": token},
        files={"file": ("strong.csv", export.encode(), "text/csv")},
    )
    assert done.status_code == 200, done.text
    assert "traps: 3 sets" in ada.get("/today").text


def test_the_unit_setting_shows_on_the_kept_page(ada: Any) -> None:
    assert "Weight (kg)" in ada.get("/today").text
    saved = submit(ada, "/settings", "/settings/profile", {**PROFILE_FORM, "unit": "lb"})
    assert "Saved." in saved.text
    page = ada.get("/today").text
    assert "Weight (lb)" in page and "Weight (kg)" not in page


def test_a_new_plan_shows_on_the_kept_page(ada: Any) -> None:
    before = ada.get("/today").text
    submit(ada, "/onboarding", "/onboarding", {**PROFILE_FORM, "days": "2", "minutes": "30"})
    after = ada.get("/today").text
    assert _items(after) != _items(before)


def _items(page: str) -> list[str]:
    return re.findall(r'name="exercise" value="([^"]+)"', page)


def test_a_plan_a_coach_assigns_shows_on_the_athletes_kept_page(
    make_client: Callable[..., Any], strongback: Any
) -> None:
    from tests.web.test_coaching_pages import _accept, _account, _invite

    coach = _account(make_client, "coach@example.org")
    athlete = _account(make_client, "athlete@example.org")
    athlete_id = accounts.account_by_email(strongback, "athlete@example.org").id
    _accept(athlete, _invite(coach), "assign")
    assert "No plan yet" in athlete.get("/today").text
    assigned = form_post(
        coach,
        f"/coach/athletes/{athlete_id}/plans",
        {"days": "2", "minutes": "30", "level": "beginner", "goal": "hypertrophy", "weeks": "4"},
        page=f"/coach/athletes/{athlete_id}",
    )
    assert assigned.status_code == 303, assigned.text
    page = athlete.get("/today").text
    assert "No plan yet" not in page and _items(page)


def test_each_browser_gets_its_own_csrf_token_in_the_kept_page(
    ada: Any, make_client: Callable[..., Any]
) -> None:
    other = make_client()
    form_post(other, "/login", {"email": "ada@example.org", "password": "correct horse battery"})
    mine, theirs = ada.get("/today").text, other.get("/today").text
    assert csrf_of(mine) != csrf_of(theirs)
    assert mine.replace(csrf_of(mine), "") == theirs.replace(csrf_of(theirs), "")
    assert log_one_set(other, first_exercise(other)).status_code == 200  # its token is accepted


def test_an_anonymous_visitor_is_sent_to_sign_in_not_served_a_kept_page(
    ada: Any, client: Any
) -> None:
    ada.get("/today")  # kept for ada
    away = client.get("/today", follow_redirects=False)
    assert away.status_code == 303 and away.headers["location"] == "/login?next=/today"


def test_a_set_logged_through_one_worker_shows_through_every_worker(
    two_workers: LiveServer,
) -> None:
    import httpx2

    with httpx2.Client(base_url=two_workers.base_url) as browser:
        sign_up(browser, "ada@example.org")
        onboard(browser)
        cookies = dict(browser.cookies)
        exercise = first_exercise(browser)

    def pages(n: int) -> list[str]:
        # A connection each: the workers take the connections in turn, as the kernel hands them.
        out = []
        for _ in range(n):
            with httpx2.Client(base_url=two_workers.base_url, cookies=cookies) as fresh:
                out.append(fresh.get("/today").text)
        return out

    assert all(_sets_shown(p) == 0 for p in pages(12))  # each worker keeps the page
    with httpx2.Client(base_url=two_workers.base_url, cookies=cookies) as browser:
        assert log_one_set(browser, exercise).status_code in (200, 303)
    assert [_sets_shown(p) for p in pages(12)] == [1] * 12


def test_a_kept_page_comes_from_the_lane_as_the_route_serves_it(
    ada: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from strongback.web.pages import today_lane

    served: list[int] = []
    serve = today_lane.serve_kept
    monkeypatch.setattr(today_lane, "serve_kept", lambda *a: served.append(1) or serve(*a))
    first = ada.get("/today")  # rendered by the route, then kept
    again = ada.get("/today")
    assert served == [1]  # the second came from the lane
    assert again.text == first.text and again.status_code == first.status_code == 200
    assert {k: v for k, v in again.headers.items() if k != "content-length"} == {
        k: v for k, v in first.headers.items() if k != "content-length"
    }


def test_the_lane_leaves_tokens_expired_sessions_and_other_paths_to_the_routes(
    ada: Any, make_client: Callable[..., Any]
) -> None:
    ada.get("/today")  # kept for ada
    by_token = make_client().get(
        "/today", headers={"Authorization": f"Bearer {ada.token}"}, follow_redirects=False
    )
    assert by_token.status_code == 200  # the route's page (a token's pages are never kept)
    stale = make_client(cookies={"strongback_session": "no-such-session"})
    away = stale.get("/today", follow_redirects=False)
    assert away.status_code == 303 and away.headers["location"] == "/login?next=/today"
    assert ada.head("/today").status_code in (200, 405)  # not the lane's: the route decides


def test_the_lane_answers_a_busy_database_once_as_the_route_would(
    ada: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from strongback.services import accounts
    from strongback.storage import DatabaseBusy

    tries: list[int] = []

    def busy(deployment: Any, cookies: Any) -> Any:
        tries.append(1)
        raise DatabaseBusy("strongback.db", 30)

    monkeypatch.setattr(accounts, "sessions_signed_in", busy)
    answer = ada.get("/today")
    assert answer.status_code == 503 and "busy" in answer.text
    assert tries == [1]  # not waited for again by the route
