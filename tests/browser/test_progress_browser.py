"""The progress page and the today page's body map on a phone (390x844), in Chromium against the
real server (SQLite, then PostgreSQL) with the demo athlete's history: every chart loads as an
image under the pages' security policy, axe finds nothing serious, the picker changes the
exercise, nothing is wider than the screen, the menu takes two rows."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import Phone


def _no_wider_than_the_screen(page: Any) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide"


def _menu_rows(page: Any) -> int:
    """How many rows the menu's links take."""
    tops = page.evaluate(
        "() => [...document.querySelectorAll('header.top nav li')]"
        ".map(li => Math.round(li.getBoundingClientRect().top))"
    )
    return len(set(tops))


def _charts_loaded(page: Any) -> int:
    page.locator("figure.chart img").last.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure.chart img')]"
        ".every(i => i.complete && i.naturalWidth > 0)",
        timeout=60_000,
    )
    return int(page.locator("figure.chart img").count())


def test_progress_and_today_read_well_on_a_phone(phone: Phone) -> None:
    page: Any = phone.page
    phone.goto("/")
    page.get_by_role("button", name="Try the demo").click()
    page.wait_for_url("**/today")
    assert page.get_by_role("heading", name="This week's back").is_visible()
    # A set logged now colours this week's map (the demo's history ends before this week).
    card = page.locator("section.card").first
    card.get_by_role("button", name=re.compile(r"^Log set 1 of")).click()
    card.locator("li.logged").first.wait_for()
    phone.goto("/today")
    assert page.locator("#week-map ~ .bodymap g.below, #week-map ~ .bodymap g.in").count() >= 1
    assert page.get_by_role("img", name="Body map, back view").first.is_visible()
    _no_wider_than_the_screen(page)
    phone.check("progress-today")
    page.get_by_role("link", name="Progress", exact=True).first.click()
    page.wait_for_url("**/progress")
    assert page.get_by_role("heading", name="This week").is_visible()
    assert _charts_loaded(page) == 4
    _no_wider_than_the_screen(page)
    assert _menu_rows(page) == 2  # every link of the menu in two rows, none cut off
    right = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('header.top nav li')]"
        ".map(li => li.getBoundingClientRect().right))"
    )
    assert right <= 390, f"the menu's last link ends at {right} px"
    phone.check("progress")
    options = page.locator("#exercise option")
    assert options.count() >= 2
    second = options.nth(1).get_attribute("value")
    page.get_by_label("Estimated max of").select_option(second)
    page.get_by_label("Weeks").select_option("12")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(f"**/progress?weeks=12&exercise={second}")
    assert page.locator("#exercise option:checked").get_attribute("value") == second
    assert _charts_loaded(page) >= 3
    phone.check("progress-picked")
