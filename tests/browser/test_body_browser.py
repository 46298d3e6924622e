"""The body-weight page on a phone (390x844), in Chromium against the real server (SQLite, then
PostgreSQL): reached from the settings, a weighing saved without JavaScript's help is listed,
a weight of 0 is stopped by the field, axe finds nothing serious, nothing is wider than the
screen."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Phone


def test_a_weighing_is_logged_and_listed_on_a_phone(phone: Phone) -> None:
    page: Any = phone.page
    phone.goto("/")
    page.get_by_role("button", name="Try the demo").click()
    page.wait_for_url("**/today")
    phone.goto("/settings")
    page.get_by_role("link", name="Log your body weight").click()
    page.wait_for_url("**/body")
    phone.check("body-empty")
    day = page.get_by_label("Day").bounding_box()
    assert day is not None and day["height"] >= 44, "the day field is too small to tap"

    page.get_by_label("Weight").fill("0")
    page.get_by_role("button", name="Save weight").click()
    # The field's own bounds stop a weight of 0 before the form leaves the phone.
    assert page.get_by_label("Weight").evaluate("e => e.validity.rangeUnderflow")
    assert page.locator("#weighings").count() == 0

    page.get_by_label("Weight").fill("81.4")
    page.get_by_label("Unit").select_option("kg")
    page.get_by_role("button", name="Save weight").click()
    page.get_by_role("status").wait_for()
    assert "Saved" in page.get_by_role("status").inner_text()
    rows = page.locator("#weighings tbody tr")
    assert rows.count() == 1
    assert "81.4 kg" in rows.first.inner_text()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide"
    phone.check("body-saved")
