"""The coaching flow in a real browser (the suite's one Chromium, tests/browser/conftest.py)
against the real server on each engine: the coach turns coaching on and invites, the athlete
accepts, the coach sees the log, comments, assigns a plan, the athlete sees it and answers,
revokes, and the coach then gets 404.
Screenshots at 390x844 go to tests/artifacts/."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from strongback.app import Strongback
from strongback.domain.vocab import WeightUnit
from strongback.services import accounts
from strongback.settings import Settings
from tests.builders import rows, workout
from tests.web.live import LiveServer

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PASSWORD = "correct horse battery"


def _person(browser: Any, server: LiveServer, email: str) -> Any:
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(server.base_url + "/signup")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.fill("#password_again", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url("**/onboarding**")
    return page


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"coaching-{name}.png"), full_page=True)


def _log_rows(server: LiveServer, email: str) -> int:
    with Strongback(Settings(database_url=server.db_url)) as app:
        account = accounts.account_by_email(app, email)
        with app.scope(account.id).unit_of_work(write=True) as uow:
            uow.workouts.add(
                workout(
                    datetime.now().replace(microsecond=0) - timedelta(days=1),
                    ("incline-dumbbell-row", rows(3, weight=20, unit=WeightUnit.KG, reps=10)),
                    title="Rows at home",
                )
            )
            uow.commit()
        return int(account.id)


def test_a_coach_and_an_athlete_work_together_then_the_athlete_revokes(
    live_server: LiveServer, chromium: Any
) -> None:
    base = live_server.base_url
    coach = _person(chromium, live_server, "coach@example.org")
    athlete = _person(chromium, live_server, "athlete@example.org")
    athlete_id = _log_rows(live_server, "athlete@example.org")

    # Coaching is off until the account turns it on, from the Coaching page.
    coach.goto(base + "/coaching")
    assert coach.locator("nav a[href='/coach']").count() == 0
    coach.click("button:has-text('Turn coaching on')")
    coach.wait_for_url(base + "/coach")
    assert coach.locator("nav a[href='/coach']").count() == 1
    coach.click("button:has-text('Make an invite link')")
    link = coach.inner_text("#invite-url").strip()
    assert "/coaching/accept/" in link
    _shot(coach, "invite")

    athlete.goto(link)
    athlete.check("input[value=assign]")
    athlete.click("button:has-text('Accept')")
    athlete.wait_for_selector("#coaches >> text=coach@example.org")

    coach.goto(base + "/coach")
    coach.click("#roster >> text=athlete@example.org")
    coach.wait_for_selector("#log")
    assert "Rows at home" in coach.content()
    coach.fill("input[name=text]", "Lovely rows, add a set next time")
    coach.click("#log form button[type=submit]")
    coach.wait_for_selector("text=Lovely rows, add a set next time")
    coach.fill("#days", "2")
    coach.fill("#minutes", "30")
    coach.click("button:has-text('Assign plan')")
    coach.wait_for_selector("text=assigned by coach@example.org")
    _shot(coach, "athlete-page")

    athlete.goto(base + "/coaching")
    assert "Lovely rows, add a set next time" in athlete.content()
    assert "was assigned by coach@example.org" in athlete.content()
    athlete.fill("#thread input[name=text]", "Will do!")
    athlete.click("#thread button[type=submit]")
    athlete.wait_for_selector("text=Will do!")
    _shot(athlete, "athlete-coaching")

    coach.goto(base + "/coach")
    assert "Will do!" in coach.content()
    _shot(coach, "dashboard")

    athlete.select_option("#coaches select", "revoke")
    athlete.click("#coaches button[type=submit]")
    athlete.wait_for_selector("text=No coach")

    response = coach.goto(base + f"/coach/athletes/{athlete_id}")
    assert response is not None and response.status == 404
    assert "Rows at home" not in coach.content()
