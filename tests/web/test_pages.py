"""The pages through the app in-process, on both engines: onboarding to a plan, today's sets,
the log (edit, delete, undo), catalog, records, import and export, settings, the demo; and a
second user who finds none of the first user's pages or objects."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest

from strongback.services import accounts, workouts
from tests.web.helpers import csrf_of, log_in, sign_up

PROFILE_FORM = {
    "equipment": ["dumbbells", "bench", "pull-up-bar", "barbell"],
    "unit": "kg",
    "dumbbells": "5, 7.5, 10, 12.5, 15",
    "kettlebells": "",
    "plates": "1.25, 2.5, 5, 10, 20",
    "bar_weight": "20",
    "pain_threshold": "3",
    "days": "3",
    "minutes": "45",
    "level": "beginner",
    "goal": "hypertrophy",
    "weeks": "4",
}


def submit(client: Any, page: str, action: str, data: dict[str, Any], **kw: Any) -> Any:
    """Submit a form of ``page`` to ``action`` with the page's CSRF token, following redirects."""
    token = csrf_of(client.get(page).text)
    return client.post(action, data={**data, "csrf_token": token}, **kw)


def onboard(client: Any) -> Any:
    return submit(client, "/onboarding", "/onboarding", PROFILE_FORM)


def first_exercise(client: Any) -> str:
    found = re.search(r'name="exercise" value="([^"]+)"', client.get("/today").text)
    assert found is not None, "today's session has no exercise to log"
    return found.group(1)


def log_one_set(client: Any, exercise: str, *, htmx: bool = False, **fields: str) -> Any:
    data = {"exercise": exercise, "weight": "10", "reps": "9", "rir": "2", "pain": "1", "note": ""}
    data.update(fields)
    headers = {"HX-Request": "true"} if htmx else {}
    return submit(client, "/today", "/today/log", data, headers=headers)


@pytest.fixture
def ada(make_client: Callable[..., Any]) -> Any:
    browser = make_client()
    sign_up(browser, "ada@example.org")
    return browser


def test_onboarding_saves_the_profile_and_shows_the_plan_week_by_week(ada: Any) -> None:
    response = onboard(ada)
    assert str(response.url).endswith("/plan?new=1")
    assert "Your plan is ready" in response.text
    for week in range(1, 5):
        assert f"Week {week}" in response.text
    assert "tempo" in response.text and "rest" in response.text
    settings = ada.get("/settings").text
    assert 'value="5, 7.5, 10, 12.5, 15"' in settings


def test_onboarding_errors_name_the_field_and_keep_the_answers(ada: Any) -> None:
    response = submit(ada, "/onboarding", "/onboarding", {**PROFILE_FORM, "dumbbells": "5, x"})
    assert response.status_code == 422
    assert 'id="dumbbells-error"' in response.text
    assert "dumbbells: &#39;x&#39; is not a number" in response.text
    assert 'value="20"' in response.text  # the bar weight typed is kept


def test_the_plan_downloads_as_a_calendar_and_regenerates(ada: Any) -> None:
    onboard(ada)
    ics = ada.get("/plan.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content
    again = submit(ada, "/plan", "/plan/regenerate", {})
    assert "Your plan is ready" in again.text


def test_today_logs_a_set_in_one_tap_and_the_log_shows_it(ada: Any) -> None:
    onboard(ada)
    exercise = first_exercise(ada)
    fragment = log_one_set(ada, exercise, htmx=True)
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith("<section")  # only the exercise's card
    assert "✓ 10 kg × 9 reps · RIR 2 · pain 1" in fragment.text
    plain = log_one_set(ada, exercise, weight="12.5", reps="8")
    assert str(plain.url).endswith(f"/today#ex-{exercise}")
    log = ada.get("/log").text
    assert "10 kg × 9 reps" in log and "12.5 kg × 8 reps" in log


def test_a_bad_set_is_refused_in_the_words_of_the_api(ada: Any) -> None:
    onboard(ada)
    exercise = first_exercise(ada)
    response = log_one_set(ada, exercise, htmx=True, pain="11")
    assert response.status_code == 422
    assert "pain: 11 is not between 0 and 10" in response.text


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', page)
    assert found is not None, f"no field {name}"
    return found.group(1)


def _only_workout_id(client: Any) -> int:
    found = re.search(r"/log/(\d+)/edit", client.get("/log").text)
    assert found is not None
    return int(found.group(1))


def test_a_workout_is_edited_deleted_after_confirmation_and_the_delete_undone(ada: Any) -> None:
    onboard(ada)
    log_one_set(ada, first_exercise(ada))
    workout_id = _only_workout_id(ada)
    edited = submit(
        ada,
        f"/log/{workout_id}/edit",
        f"/log/{workout_id}/edit",
        {"title": "Heavy Monday", "weight_0": "11", "reps_0": "7", "rir_0": "1", "pain_0": "0"},
    )
    assert "Saved." in edited.text and "11 kg × 7 reps" in edited.text
    undone = submit(
        ada,
        f"/log/{workout_id}/edit",
        f"/log/{workout_id}/undo-edit",
        {"previous": html.unescape(_field(edited.text, "previous"))},
    )
    assert "The edit was undone." in undone.text and "10 kg × 9 reps" in undone.text
    edited = submit(
        ada,
        f"/log/{workout_id}/edit",
        f"/log/{workout_id}/edit",
        {"title": "Heavy Monday", "weight_0": "11", "reps_0": "7", "rir_0": "1", "pain_0": "0"},
    )
    confirm = ada.get(f"/log/{workout_id}/delete")
    assert "will be deleted" in confirm.text
    deleted = submit(ada, f"/log/{workout_id}/delete", f"/log/{workout_id}/delete", {})
    assert "Workout deleted." in deleted.text and "11 kg" not in deleted.text
    restored = submit(ada, "/log", f"/log/{workout_id}/restore", {})
    assert "Heavy Monday" in restored.text and "11 kg × 7 reps" in restored.text


def test_the_log_pages_newest_first(ada: Any, strongback: Any) -> None:
    from datetime import datetime, timedelta

    from strongback.domain.training_log import PerformedSet, Workout

    user = accounts.account_by_email(strongback, "ada@example.org")
    scope = strongback.scope(user.id)
    start = datetime(2026, 1, 1, 18, 0)
    for day in range(12):
        workouts.create_workout(
            scope,
            Workout(
                started_at=start + timedelta(days=day),
                title=f"Session {day}",
                sets=(PerformedSet("goblet-squat", 1, reps=10),),
            ),
        )
    first = ada.get("/log").text
    assert first.index("Session 11") < first.index("Session 10")
    assert "Session 1<" not in first.replace("Session 1 ", "")
    older = re.search(r'href="(/log\?cursor=[^"]+)"', first)
    assert older is not None
    second = ada.get(older.group(1).replace("&amp;", "&")).text
    assert "Session 0" in second and "Session 11" not in second


def test_the_catalog_filters_and_the_card_teaches_the_movement(ada: Any) -> None:
    listing = ada.get("/catalog", params={"pattern": "vertical-pull", "section": "back"}).text
    assert "Pull-up" in listing and "Goblet squat" not in listing
    card = ada.get("/catalog/incline-dumbbell-row").text
    for heading in ("Steps", "Cues", "Mistakes and fixes"):
        assert f"<h2>{heading}</h2>" in card
    assert ada.get("/catalog/no-such-move").status_code == 404
    assert ada.get("/catalog", params={"muscle": "wings"}).status_code == 422


def test_records_show_the_best_e1rm_and_the_audit(ada: Any) -> None:
    onboard(ada)
    log_one_set(ada, first_exercise(ada), weight="20", reps="5")
    page = ada.get("/records").text
    assert "from 20 kg x 5" in page and "Audit of the last 4 weeks" in page


def test_an_upload_that_is_no_export_is_refused_naming_the_file(ada: Any) -> None:
    token = csrf_of(ada.get("/import").text)
    response = ada.post(
        "/import",
        data={"csrf_token": token},
        files={"file": ("notes.csv", b"hello,world\n1,2\n", "text/csv")},
    )
    assert response.status_code == 422
    assert "notes.csv" in response.text


def test_exports_download_the_history(ada: Any) -> None:
    onboard(ada)
    log_one_set(ada, first_exercise(ada))
    csv = ada.get("/export/strong.csv")
    assert csv.headers["content-disposition"].startswith("attachment")
    assert csv.text.startswith("Date,Workout Name")
    backup = ada.get("/export/backup.json").json()
    assert len(backup["workouts"]) == 1


def test_settings_save_the_profile_and_create_and_revoke_a_token(ada: Any) -> None:
    saved = submit(ada, "/settings", "/settings/profile", {**PROFILE_FORM, "dumbbells": "8, 16"})
    assert "Saved." in saved.text and 'value="8, 16"' in saved.text
    created = submit(ada, "/settings", "/settings/tokens", {"name": "phone"})
    token = re.search(r'id="new-token">([^<]+)<', created.text)
    assert token is not None
    assert ada.get("/api/v1/me", headers={"Authorization": f"Bearer {token.group(1)}"}).is_success
    token_id = re.search(r"/settings/tokens/(\d+)/revoke", created.text)
    assert token_id is not None
    submit(ada, "/settings", f"/settings/tokens/{token_id.group(1)}/revoke", {})
    assert (
        ada.get("/api/v1/me", headers={"Authorization": f"Bearer {token.group(1)}"}).status_code
        == 401
    )


def test_deleting_the_account_asks_the_password_and_signs_out(ada: Any) -> None:
    page = ada.get("/settings/delete").text
    assert "/export/backup.json" in page
    wrong = submit(ada, "/settings/delete", "/settings/delete", {"password": "nope"})
    assert wrong.status_code == 422 and "password is wrong" in wrong.text
    done = submit(
        ada, "/settings/delete", "/settings/delete", {"password": "correct horse battery"}
    )
    assert "were deleted" in done.text
    assert ada.get("/api/v1/me").status_code == 401


def test_the_demo_is_offered_on_an_empty_deployment_only(make_client: Callable[..., Any]) -> None:
    visitor = make_client()
    assert 'action="/demo"' in visitor.get("/").text
    today = submit(visitor, "/", "/demo", {})
    assert "Demo athlete" in today.text and "Log set 1" in today.text
    log = visitor.get("/log").text
    assert "(demo)" in log and "Older" in log
    assert 'action="/demo"' not in make_client().get("/").text
    late = make_client()
    assert submit(late, "/login", "/demo", {}).status_code == 409


def test_a_second_user_gets_404_for_the_first_users_workouts(
    ada: Any, make_client: Callable[..., Any]
) -> None:
    onboard(ada)
    log_one_set(ada, first_exercise(ada))
    workout_id = _only_workout_id(ada)
    bob = make_client()
    sign_up(bob, "bob@example.org")
    for path in (f"/log/{workout_id}", f"/log/{workout_id}/edit", f"/log/{workout_id}/delete"):
        response = bob.get(path)
        assert response.status_code == 404, path
        assert "10 kg" not in response.text
    for action in (f"/log/{workout_id}/delete", f"/log/{workout_id}/edit"):
        assert submit(bob, "/today", action, {"title": "mine now"}).status_code == 404
    assert "10 kg × 9 reps" in ada.get(f"/log/{workout_id}").text
    submit(ada, f"/log/{workout_id}/delete", f"/log/{workout_id}/delete", {})
    assert submit(bob, "/today", f"/log/{workout_id}/restore", {}).status_code == 404
    assert "10 kg" not in bob.get("/log").text and "10 kg" not in bob.get("/records").text


def test_the_password_is_changed_from_settings(ada: Any, make_client: Callable[..., Any]) -> None:
    mismatch = submit(
        ada,
        "/settings",
        "/settings/password",
        {"current_password": "correct horse battery", "new_password": "a new secret",
         "new_password_again": "another one"},
    )  # fmt: skip
    assert mismatch.status_code == 422 and 'id="new_password_again-error"' in mismatch.text
    changed = submit(
        ada,
        "/settings",
        "/settings/password",
        {"current_password": "correct horse battery", "new_password": "a new secret",
         "new_password_again": "a new secret"},
    )  # fmt: skip
    assert "Saved." in changed.text
    assert ada.get("/api/v1/me").status_code == 200  # this browser stays signed in
    other = make_client()
    assert log_in(other, "ada@example.org", "a new secret").status_code == 303


def test_no_page_links_to_a_page_that_is_not_there(ada: Any) -> None:
    onboard(ada)
    log_one_set(ada, first_exercise(ada))
    seen: set[str] = set()
    waiting = ["/today"]
    while waiting:
        path = waiting.pop()
        if path in seen:
            continue
        seen.add(path)
        response = ada.get(path)
        assert response.status_code == 200, f"{path} answers {response.status_code}"
        if not response.headers["content-type"].startswith("text/html"):
            continue
        for link in re.findall(r'href="(/[^"#]*)', response.text):
            target = html.unescape(link)
            if not target.startswith("/static/") and target not in seen:
                waiting.append(target)
    assert {
        "/plan",
        "/log",
        "/catalog",
        "/records",
        "/import",
        "/export",
        "/settings",
        "/body",
    } <= seen
    assert len(seen) > 30


def test_today_without_a_plan_points_to_the_onboarding_in_the_pages_words(ada: Any) -> None:
    page = ada.get("/today").text
    assert 'href="/onboarding"' in page and 'href="/import"' in page
    assert "strongback log add" not in page


def test_a_json_backup_restores_into_an_empty_account_only(
    ada: Any, make_client: Callable[..., Any]
) -> None:
    onboard(ada)
    log_one_set(ada, first_exercise(ada))
    backup = ada.get("/export/backup.json").content
    bob = make_client()
    sign_up(bob, "bob@example.org")

    def upload(client: Any) -> Any:
        token = csrf_of(client.get("/import").text)
        files = {"file": ("backup.json", backup, "application/json")}
        return client.post("/import", data={"csrf_token": token}, files=files)

    restored = upload(bob)
    assert restored.status_code == 200 and "Restored backup.json" in restored.text
    assert "10 kg × 9 reps" in bob.get("/log").text
    again = upload(bob)
    assert again.status_code == 409 and "only into an empty" in again.text
