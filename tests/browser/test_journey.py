"""A newcomer's first session on a phone, in Chromium against the real server (SQLite, then
PostgreSQL): sign up, onboarding to a plan, today's sets logged, the log shows them, edit,
delete and undo, import a real export and match a name, export, every page checked, log out."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import Phone
from tests.samples import sample

EMAIL = "ada@example.org"
PASSWORD = "correct horse battery"


def sign_up(phone: Phone) -> None:
    page = phone.page
    phone.goto("/")
    phone.check("welcome", back=False)
    page.get_by_role("link", name="Sign up").first.click()
    page.wait_for_url("**/signup")
    phone.check("signup")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password (at least 8 characters)").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/onboarding")


def onboard(phone: Phone) -> None:
    page = phone.page
    phone.check("onboarding")
    for item in ("dumbbells", "bench", "pull up bar", "barbell"):
        page.get_by_label(item, exact=True).check()
    page.get_by_label("Dumbbells (each weight, e.g. 5, 7.5, 10)").fill("5, 7.5, 10, 12.5, 15")
    page.get_by_label("Plates (owned in pairs, e.g. 1.25, 2.5, 5, 10, 20)").fill("1.25, 2.5, 5, 10")
    page.get_by_label("Barbell weight").fill("20")
    page.get_by_label("Goal").select_option("hypertrophy")
    page.get_by_role("button", name="Build my plan").click()
    page.wait_for_url("**/plan?new=1")
    assert page.get_by_text("Your plan is ready").is_visible()
    assert page.get_by_role("heading", name=re.compile(r"^Week 1")).is_visible()
    phone.check("plan")


def log_today(phone: Phone) -> str:
    page = phone.page
    page.get_by_role("link", name="Today", exact=True).first.click()
    page.wait_for_url("**/today")
    card = page.locator("section.card").first
    name = card.locator("h2").inner_text()
    card.get_by_role("button", name=re.compile(r"^Log set 1 of")).click()
    card = page.locator("section.card").first
    card.locator("li.logged").first.wait_for()
    card.get_by_label("Reps").fill("7")
    card.get_by_role("button", name=re.compile(r"^Log (set 2 of|an extra set)")).click()
    page.locator("section.card").first.locator("li.logged").nth(1).wait_for()
    assert "× 7 reps" in page.locator("section.card").first.inner_text()
    phone.check("today")
    return name


def edit_delete_undo(phone: Phone, exercise: str) -> None:
    page = phone.page
    page.get_by_role("link", name="Log", exact=True).click()
    page.wait_for_url("**/log")
    assert exercise in page.locator("main").inner_text()
    assert "× 7 reps" in page.locator("main").inner_text()
    phone.check("log")
    page.get_by_role("link", name="Edit").first.click()
    page.wait_for_url(re.compile(r".*/log/\d+/edit$"))
    phone.check("workout-edit")
    page.locator("#reps_0").fill("11")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved.").wait_for()
    assert "× 11 reps" in page.locator("main").inner_text()
    phone.check("workout-saved")
    page.get_by_role("button", name="Undo the edit").click()
    page.get_by_text("The edit was undone.").wait_for()
    assert "× 11 reps" not in page.locator("main").inner_text()
    page.get_by_role("link", name="Delete").click()
    page.wait_for_url(re.compile(r".*/log/\d+/delete$"))
    phone.check("workout-delete")
    page.get_by_role("button", name="Delete the workout").click()
    page.wait_for_url(re.compile(r".*/log\?deleted=\d+$"))
    assert page.get_by_text("Workout deleted.").is_visible()
    assert "× 7 reps" not in page.locator("main").inner_text()
    page.get_by_role("button", name="Undo").click()
    page.wait_for_url(re.compile(r".*/log/\d+$"))
    assert "× 7 reps" in page.locator("main").inner_text()


def import_and_match(phone: Phone) -> None:
    page = phone.page
    page.get_by_role("link", name="Import", exact=True).click()
    page.wait_for_url("**/import")
    phone.check("import")
    path = sample("strong", "ys-math")
    page.get_by_label(re.compile("^Export file")).set_input_files(str(path))
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_role("heading", name=f"Imported {path.name}").wait_for()
    phone.check("import-summary")
    first = page.locator("form[action='/import/map']").first
    name = first.locator("input[name='name']").get_attribute("value")
    first.get_by_role("button", name="Match").click()
    page.get_by_text(f"Mapped “{name}”").wait_for()
    assert page.locator(f"form[action='/import/map'] input[value='{name}']").count() == 0


def export(phone: Phone) -> None:
    page = phone.page
    page.get_by_role("link", name="Export your data").click()
    page.wait_for_url("**/export")
    phone.check("export")
    with page.expect_download() as download:
        page.get_by_role("link", name="Strong CSV").click()
    saved = download.value.path()
    assert saved is not None
    with open(saved, encoding="utf-8") as handle:
        assert handle.readline().startswith("Date,Workout Name")


def visit_the_rest(phone: Phone) -> None:
    page = phone.page
    for path, name in (
        ("/catalog", "catalog"),
        ("/catalog?pattern=vertical-pull", "catalog-filtered"),
        ("/catalog/incline-dumbbell-row", "exercise"),
        ("/records", "records"),
        ("/settings", "settings"),
        ("/settings/delete", "account-delete"),
        ("/api/v1/docs", "api-docs"),
        ("/log/999999", "not-found"),
    ):
        phone.expected_missing.add(path)
        phone.goto(path)
        phone.check(name)
    phone.goto("/settings")
    page.get_by_label("Name of a new token").fill("phone script")
    page.get_by_role("button", name="Create token").click()
    assert page.locator("#new-token").inner_text().startswith("sb_")


def log_out(phone: Phone) -> None:
    page = phone.page
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(phone.server.base_url + "/")
    phone.goto("/today")
    page.wait_for_url(re.compile(r".*/login\?next=/today$"))
    phone.check("login")


def test_a_newcomer_signs_up_plans_logs_edits_imports_exports_and_logs_out(phone: Phone) -> None:
    sign_up(phone)
    onboard(phone)
    exercise = log_today(phone)
    edit_delete_undo(phone, exercise)
    import_and_match(phone)
    export(phone)
    visit_the_rest(phone)
    log_out(phone)


def test_the_demo_button_shows_every_page_with_data(phone: Phone) -> None:
    page: Any = phone.page
    phone.goto("/")
    page.get_by_role("button", name="Try the demo").click()
    page.wait_for_url("**/today")
    assert page.get_by_text("Demo athlete").first.is_visible()
    phone.check("demo-today")
    for path, name in (("/log", "demo-log"), ("/plan", "demo-plan"), ("/records", "demo-records")):
        phone.goto(path)
        phone.check(name)
    page.set_viewport_size({"width": 1280, "height": 900})
    for path, name in (("/today", "desktop-today"), ("/plan", "desktop-plan")):
        phone.goto(path)
        phone.check(name)
