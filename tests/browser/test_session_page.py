"""The guided session page on a phone, in Chromium against the real server (SQLite, then
PostgreSQL), with Playwright's fake clock where time matters: each phase cued at its time, the
rest time right after the page was hidden for minutes, sets logged offline reaching the server
once, a reload mid-set resuming the same set."""

from __future__ import annotations

import itertools
import math
from datetime import UTC, datetime
from typing import Any

from tests.browser.conftest import Phone

EMAIL = "guided@example.org"
PASSWORD = "correct horse battery"
ROW = "alternating-dumbbell-row"
LABELS = {
    "ready": "Get ready",
    "lower": "Lower",
    "pause": "Pause",
    "lift": "Lift",
    "squeeze": "Squeeze",
    "hold": "Hold",
    "switch": "Switch sides",
}
OFFLINE_NOISE = ("ERR_INTERNET_DISCONNECTED", "Failed to fetch", "FetchEvent")


def open_session(phone: Phone, exercises: list[str], *, check: bool = False) -> None:
    """Sign up, start a session of these exercises through the API, open /session (``check``:
    check the page without a session first)."""
    page = phone.page
    phone.goto("/signup")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password (at least 8 characters)").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/onboarding")
    phone.expected_missing.add("/api/v1/sessions/active")  # no session before the start
    phone.goto("/session")
    if check:
        page.get_by_role("button", name="Start today's session").wait_for()
        phone.check("session-start")
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    started = page.request.post(
        phone.server.base_url + "/api/v1/sessions",
        data={"exercises": exercises},
        headers={"X-CSRF-Token": token or ""},
    )
    assert started.status == 201, started.text()
    phone.goto("/session")
    page.locator("#session").wait_for()
    page.locator("#exercise-name").filter(has_text="Row").wait_for()


def server_session(phone: Phone) -> dict[str, Any]:
    response = phone.page.request.get(phone.server.base_url + "/api/v1/sessions/active")
    assert response.ok, response.text()
    body: dict[str, Any] = response.json()
    return body


def settle(phone: Phone) -> None:
    """Wait until the page has no request in flight (its answers adopted)."""
    phone.page.wait_for_function("() => strongbackSession.idle()", polling=50)


def pause_clock(phone: Phone) -> None:
    """Stop the fake clock a second ahead: from then on only the test moves time."""
    fake_now = phone.page.evaluate("Date.now()") / 1000
    phone.page.clock.pause_at(fake_now + 1)


def set_visibility(phone: Phone, state: str) -> None:
    """What the browser does when the phone locks or the tab goes to the background."""
    phone.page.evaluate(
        """(state) => {
            Object.defineProperty(
                document, 'visibilityState', {configurable: true, get: () => state});
            document.dispatchEvent(new Event('visibilitychange'));
        }""",
        state,
    )


def test_each_phase_is_cued_when_its_time_comes_and_not_before(phone: Phone) -> None:
    page = phone.page
    page.clock.install(time=datetime.now(UTC))
    open_session(phone, [ROW])
    pause_clock(phone)
    page.get_by_role("button", name="Start set").click()
    page.locator("#phase-name").filter(has_text="Get ready").wait_for()
    settle(phone)
    events = server_session(phone)["timeline"]["events"]
    start = page.evaluate("strongbackSession.run().startMs")
    for previous, event in itertools.pairwise(events[:9]):
        due = start + event["at"] * 1000
        page.clock.run_for(max(0, math.floor(due - page.evaluate("Date.now()")) - 100))
        assert page.locator("#phase-name").inner_text() == LABELS[previous["kind"]]
        page.clock.run_for(101)
        assert page.locator("#phase-name").inner_text() == LABELS[event["kind"]]
        cue = page.evaluate("strongbackSession.cues.at(-1)")
        assert cue["kind"] == event["kind"]
        assert abs(cue["actual"] - due) <= 1 and abs(cue["scheduled"] - due) <= 1
    kinds = page.evaluate("strongbackSession.cues.map(c => c.kind)")
    assert kinds == [e["kind"] for e in events[1:9]]  # each once, none twice
    rep = page.locator("#phase-rep").inner_text()
    assert rep.startswith("Rep 2 of ") or rep.startswith("Rep 3 of "), rep


def test_on_the_real_clock_each_phase_is_cued_once_in_order(phone: Phone) -> None:
    page = phone.page
    open_session(phone, [ROW])
    phone.goto("/session?speed=10")  # the timeline 10 times faster: many cues in seconds
    page.locator("#exercise-name").filter(has_text="Row").wait_for()
    page.get_by_role("button", name="Start set").click()
    settle(phone)
    page.wait_for_timeout(4000)
    kinds = page.evaluate("strongbackSession.cues.map(c => c.kind)")
    events = server_session(phone)["timeline"]["events"]
    assert len(kinds) >= 15
    assert kinds == [e["kind"] for e in events[1 : len(kinds) + 1]]


def test_a_page_hidden_for_five_minutes_shows_the_right_rest_time(phone: Phone) -> None:
    page = phone.page
    page.clock.install(time=datetime.now(UTC))
    open_session(phone, [ROW])
    pause_clock(phone)
    page.get_by_role("button", name="Log set").click()
    page.locator("#phase-name").filter(has_text="Rest").wait_for()
    settle(phone)
    page.locator("#queued").filter(has_text="waiting").wait_for(state="detached")
    rest = server_session(phone)["state"]["items"][0]["rest_seconds"]
    assert server_session(phone)["state"]["stage"] == "rest"

    set_visibility(phone, "hidden")
    page.clock.fast_forward("01:00")
    set_visibility(phone, "visible")
    left = rest - 60
    assert page.locator("#phase-count").inner_text() == f"{left // 60}:{left % 60:02d}"

    set_visibility(phone, "hidden")
    page.clock.fast_forward("05:00")
    set_visibility(phone, "visible")
    over = 360 - rest
    assert page.locator("#phase-name").inner_text() == "Rest over"
    assert page.locator("#phase-count").inner_text() == f"+{over // 60}:{over % 60:02d}"
    assert "set 2 is ready" in page.locator("#phase-rep").inner_text()


def test_five_sets_logged_offline_reach_the_server_once_even_sent_twice(phone: Phone) -> None:
    page = phone.page
    open_session(phone, [ROW, "plank"])
    settle(phone)
    page.context.set_offline(True)
    for count in range(1, 6):
        page.get_by_role("button", name="Log set").click()
        waiting = f"{count} set{'s' if count > 1 else ''} waiting to be sent"
        page.locator("#queued").filter(has_text=waiting).wait_for()
    queue = page.evaluate("strongbackSession.readQueue()")
    assert len({entry["id"] for entry in queue}) == 5
    assert server_session_offline_safe(phone) == []

    page.context.set_offline(False)
    page.locator("#queued").filter(has_text="waiting").wait_for(state="detached")
    stored = server_session(phone)["entered"]
    assert [s["id"] for s in stored] == [entry["id"] for entry in queue]

    page.evaluate(
        """(queue) => {
            localStorage.setItem('strongback.session.queue', JSON.stringify(queue));
            return Promise.all([strongbackSession.sendQueue(), strongbackSession.sendQueue()]);
        }""",
        queue,
    )
    again = server_session(phone)
    assert [s["id"] for s in again["entered"]] == [entry["id"] for entry in queue]
    assert page.evaluate("strongbackSession.readQueue()") == []
    phone.errors = [e for e in phone.errors if not any(n in e for n in OFFLINE_NOISE)]


def server_session_offline_safe(phone: Phone) -> list[dict[str, Any]]:
    """The server's sets, asked outside the offline browser (the API request context)."""
    entered: list[dict[str, Any]] = server_session(phone)["entered"]
    return entered


def test_a_reload_mid_set_resumes_the_same_set(phone: Phone) -> None:
    page = phone.page
    open_session(phone, [ROW], check=True)
    page.get_by_role("button", name="Start set").click()
    page.locator("#phase-name").filter(has_text="Get ready").wait_for()
    settle(phone)
    before = server_session(phone)["timeline"]["starts_at"]
    started = page.evaluate("strongbackSession.run().startMs")
    page.wait_for_timeout(1500)
    page.reload()
    page.locator("#session").wait_for()
    page.wait_for_function("() => strongbackSession.run() !== null")
    assert abs(page.evaluate("strongbackSession.run().startMs") - started) < 250
    assert server_session(phone)["timeline"]["starts_at"] == before
    assert page.locator("#dose").inner_text().startswith("Set 1 of ")
    assert page.locator("#phase-name").inner_text() in LABELS.values()
    assert page.get_by_role("button", name="Start set").is_hidden()
    phone.check("session-running")
    page.get_by_role("button", name="Log set").click()
    page.locator("#dose").filter(has_text="Set 2 of").wait_for()
    settle(phone)
    assert len(server_session(phone)["entered"]) == 1
    phone.check("session-rest")
    page.get_by_role("button", name="Finish session").click()
    page.get_by_text("Session saved to").wait_for()
    phone.check("session-finished")
    phone.expected_missing.add("/api/v1/sessions/active")
    log = page.request.get(phone.server.base_url + "/api/v1/workouts").json()
    assert len(log["items"]) == 1


# Headless Chromium grants no wake lock and has no vibrator: these stand in for the phone's,
# counting what the page asks of them.
PHONE_STUBS = """
window.__wake = {requests: 0, lock: null};
window.__vibrations = 0;
Object.defineProperty(navigator, 'wakeLock', {configurable: true, value: {request: async () => {
    window.__wake.requests += 1;
    const lock = new EventTarget();
    lock.released = false;
    lock.release = async () => { lock.released = true; lock.dispatchEvent(new Event('release')); };
    window.__wake.lock = lock;
    return lock;
}}});
navigator.vibrate = () => { window.__vibrations += 1; return true; };
"""


def test_the_screen_stays_on_from_the_start_tap_and_again_when_visible(phone: Phone) -> None:
    page = phone.page
    page.context.add_init_script(script=PHONE_STUBS)
    page.clock.install(time=datetime.now(UTC))
    open_session(phone, [ROW])
    assert page.locator("#wake").inner_text() == "Screen may sleep"
    pause_clock(phone)
    page.get_by_role("button", name="Start set").click()
    page.locator("#wake").filter(has_text="Screen stays on").wait_for()
    assert page.evaluate("__wake.requests") == 1

    set_visibility(phone, "hidden")
    page.evaluate("__wake.lock.release()")  # the browser drops the lock of a hidden page
    page.locator("#wake").filter(has_text="Screen may sleep").wait_for()
    set_visibility(phone, "visible")
    page.locator("#wake").filter(has_text="Screen stays on").wait_for()
    assert page.evaluate("__wake.requests") == 2

    settle(phone)
    first_phase = server_session(phone)["timeline"]["events"][1]
    start = page.evaluate("strongbackSession.run().startMs")
    page.clock.run_for(math.ceil(start + first_phase["at"] * 1000 - page.evaluate("Date.now()")))
    assert page.evaluate("__vibrations") == 1
    assert "flash" in (page.locator("#phase").get_attribute("class") or "")


def test_pain_marked_with_a_set_is_stored_with_it_and_a_bad_value_is_refused(
    phone: Phone,
) -> None:
    page = phone.page
    open_session(phone, [ROW])
    page.get_by_role("button", name="Start set").click()
    page.locator("#phase-name").filter(has_text="Get ready").wait_for()
    settle(phone)
    page.get_by_label("Pain 0-10").fill("11")
    page.get_by_role("button", name="Log set").click()  # the form's own check refuses it
    assert page.locator("#log-pain").evaluate("e => e.validity.rangeOverflow")
    settle(phone)
    assert server_session(phone)["entered"] == []
    page.get_by_label("Pain 0-10").fill("6")
    page.get_by_label("Where").fill("lower back")
    page.get_by_role("button", name="Log set").click()
    page.locator("#dose").filter(has_text="Set 2 of").wait_for()
    settle(phone)
    entered = server_session(phone)["entered"]
    assert [s["pain"] for s in entered] == [6]
    assert page.get_by_label("Pain 0-10").input_value() == ""  # the next set starts blank


def test_the_exercise_is_swapped_and_another_added_from_the_page(phone: Phone) -> None:
    page = phone.page
    open_session(phone, [ROW])
    page.locator("#swap-choice option").first.wait_for(state="attached")
    page.wait_for_function("() => !document.getElementById('swap').disabled")
    choice = page.locator("#swap-choice option").first
    swapped_to, label = choice.get_attribute("value"), choice.inner_text()
    assert swapped_to and swapped_to != ROW
    phone.check("session-change")
    page.get_by_role("button", name="Swap", exact=True).click()
    page.locator("#exercise-name").filter(has_text=label.split(" (")[0]).wait_for()
    settle(phone)
    items = server_session(phone)["state"]["items"]
    assert [i["exercise"] for i in items] == [swapped_to]
    page.get_by_label("Add an exercise at the end").fill("face pull")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_function("() => !document.getElementById('add-name').value")
    settle(phone)
    items = server_session(phone)["state"]["items"]
    assert [i["exercise"] for i in items] == [swapped_to, "face-pull"]
    phone.expected_missing.add("/api/v1/sessions/active/exercises")  # refused below
    page.get_by_label("Add an exercise at the end").fill("no such lift")
    page.get_by_role("button", name="Add", exact=True).click()
    page.locator("#message").filter(has_text="no such lift").wait_for()
    assert len(server_session(phone)["state"]["items"]) == 2
