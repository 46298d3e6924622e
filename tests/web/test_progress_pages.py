"""The progress page and its charts on a log built by hand (SQLite and PostgreSQL): this week's
numbers against the band, the pull balance, the estimated max with records marked, the pain that
rose, units from the profile, the body map on the today page; anonymous visitors are sent to
sign in and another user sees nothing of it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import WeightUnit
from tests.web.helpers import sign_up

SVG = "{http://www.w3.org/2000/svg}"
MONDAY = date.today() - timedelta(days=date.today().weekday())


def _workout(day: date, exercise: str, rows: list[dict[str, Any]]) -> Workout:
    sets = tuple(PerformedSet(exercise, i + 1, **row) for i, row in enumerate(rows))
    return Workout(datetime(day.year, day.month, day.day, 7), "Session", sets)


def _history() -> list[Workout]:
    """Three weeks ending this week: rows heavier each week (a record each time, pain rising
    this week), pull-ups, face pulls; this week 4 rows, 3 pull-ups, 2 face pulls, 1 reverse
    hyperextension."""
    out = []
    for k in (2, 1, 0):
        day = MONDAY - timedelta(days=7 * k)
        row = {"weight": 60 + 5 * (2 - k), "unit": WeightUnit.KG, "reps": 8}
        out.append(_workout(day, "seated-cable-row", [{**row, "pain": 2 if k else 5}] * 4))
        out.append(_workout(day, "pull-up", [{"reps": 6}] * 3))
        out.append(
            _workout(day, "face-pull", [{"weight": 10, "unit": WeightUnit.KG, "reps": 12}] * 2)
        )
    out.append(_workout(MONDAY, "reverse-hyperextension", [{"reps": 12}]))
    return out


def _store(strongback: Any, email: str, workouts: list[Workout]) -> None:
    from strongback.services import accounts

    scope = strongback.scope(accounts.account_by_email(strongback, email).id)
    with scope.unit_of_work() as uow:
        for w in workouts:
            uow.workouts.add(w)
        uow.commit()


@pytest.fixture
def athlete(signed_up_user: dict[str, Any], strongback: Any) -> Any:
    """A signed-in browser whose account holds the hand-built log."""
    _store(strongback, signed_up_user["email"], _history())
    return signed_up_user["client"]


def _cells(html: str, caption: str) -> list[list[str]]:
    table = html.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, flags=re.S)
        ]
        for r in rows
    ]


def test_progress_page_shows_this_weeks_numbers_from_the_log(athlete: Any) -> None:
    page = athlete.get("/progress?weeks=4")
    assert page.status_code == 200
    html = page.text
    assert 'aria-current="page">Progress' in html
    assert "Loads in kg" in html
    # The pull balance, this week first: 3 pull-ups vertical, 4 rows horizontal, 2 face pulls.
    pulls = _cells(html, "Pull balance (hard sets)")
    assert pulls[1] == [MONDAY.strftime("%d %b"), "3", "4", "2", "1"]
    assert len(pulls) == 1 + 4
    sessions = _cells(html, "Sessions, mobility, tonnage and pain")
    # 4 x 70 kg x 8 + 2 x 10 kg x 12 = 2480 kg; pain 5 this week.
    assert sessions[1][0] == MONDAY.strftime("%d %b")
    assert sessions[1][3] == "2480" and sessions[1][4] == "5"
    assert sessions[-1][1:] == ["0", "0 (0 min)", "0", "-"]  # four weeks back: nothing
    # The body map's words: lats against their band, every muscle named.
    assert re.search(r"lats: [\d.]+ sets, band [\d.]+-[\d.]+, (below|in the band|above)", html)
    assert 'id="progress-map-muscle-rear-delts"' in html
    assert "pain rose to 5/10 after seated cable row" in html.lower()


def test_estimated_max_marks_each_record_and_follows_the_picker(athlete: Any) -> None:
    html = athlete.get("/progress?weeks=4&exercise=seated-cable-row").text
    rows = _cells(html, "Best set of each session")
    assert [r[0] for r in rows[1:]] == [
        (MONDAY - timedelta(days=7 * k)).isoformat() for k in (0, 1, 2)
    ]
    # Each week heavier than the last: a record, but the first session ever (nothing to beat).
    assert [r[3].endswith("record") for r in rows[1:]] == [True, True, False]
    assert rows[1][2] == "70 × 8"
    assert 'value="seated-cable-row" selected' in html
    assert "/progress/charts/e1rm.svg?weeks=4&amp;exercise=seated-cable-row" in html
    bad = athlete.get("/progress?exercise=no-such-lift")
    assert bad.status_code == 422 and "no exercise no-such-lift" in bad.text
    # A known exercise with nothing in these weeks: the most trained one instead, and a note.
    other = athlete.get("/progress?weeks=4&exercise=barbell-deadlift").text
    assert "No loaded sets of" in other and 'value="seated-cable-row" selected' in other


def test_loads_follow_the_profile_unit(athlete: Any, strongback: Any) -> None:
    from strongback.services import accounts

    scope = strongback.scope(accounts.account_by_email(strongback, "ada@example.org").id)
    with scope.unit_of_work() as uow:
        uow.profile.save(uow.profile.get().model_copy(update={"unit": WeightUnit.LB}))
        uow.commit()
    html = athlete.get("/progress?weeks=4&exercise=seated-cable-row").text
    assert "Loads in lb" in html and "Tonnage (lb)" in html
    assert _cells(html, "Best set of each session")[1][2] == "154.32 × 8"


def test_each_chart_is_an_svg_document_with_its_series(athlete: Any) -> None:
    for name, expected in (
        ("sets", "sets-lats"),
        ("pulls", "pulls-vertical-pull-0"),
        ("e1rm", "records-seated-cable-row"),
        ("pain", "pain-rose"),
    ):
        answer = athlete.get(f"/progress/charts/{name}.svg?weeks=4&exercise=seated-cable-row")
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("image/svg+xml")
        assert "script-src" not in answer.headers["content-security-policy"]
        root = ET.fromstring(answer.content)
        assert root.tag == f"{SVG}svg"
        assert expected in {e.get("id") for e in root.iter()}, name
    assert athlete.get("/progress/charts/nope.svg").status_code == 404


def test_today_page_shows_this_weeks_body_map(athlete: Any) -> None:
    html = athlete.get("/today").text
    assert "This week's back" in html
    assert 'id="today-map-muscle-lats"' in html
    assert re.search(r"rear-delts: [\d.]+ sets", html)
    assert '<a href="/progress">' in html


def test_another_user_sees_none_of_it(
    athlete: Any, make_client: Callable[..., Any], strongback: Any
) -> None:
    other = make_client()
    sign_up(other, "bob@example.org")
    html = other.get("/progress?weeks=4").text
    assert "Nothing logged in these weeks" in html
    assert "seated-cable-row" not in html
    assert "No loaded sets of" in other.get("/progress?exercise=seated-cable-row").text
    root = ET.fromstring(other.get("/progress/charts/e1rm.svg?weeks=4").content)
    assert not any((e.get("id") or "").startswith("e1rm-") for e in root.iter())
    assert "lats: 0 sets" in other.get("/today").text


@pytest.mark.parametrize("path", ["/progress", "/progress/charts/sets.svg"])
def test_anonymous_visitors_are_sent_to_sign_in(client: Any, path: str) -> None:
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code in (303, 307)
    assert answer.headers["location"].startswith("/login")


def test_the_nav_links_every_page_area(athlete: Any) -> None:
    html = athlete.get("/today").text
    for path in ("/progress", "/coaching", "/checkin"):
        assert f'<a href="{path}"' in html, path
    # The Coach link shows once the account turns coaching on (tests/web/test_coaching_pages).
    assert '<a href="/coach"' not in html


def test_progress_page_shows_benchmarks_recovery_rep_ranges_and_time_under_tension(
    athlete: Any, strongback: Any
) -> None:
    from strongback.domain.vocab import Side
    from strongback.services import accounts, analytics

    holds = [
        _workout(MONDAY - timedelta(days=7), "dead-hang", [{"seconds": 40}]),
        _workout(MONDAY, "dead-hang", [{"seconds": 30}, {"seconds": 25}]),
        _workout(MONDAY, "side-plank", [{"seconds": 45, "side": Side.LEFT}]),
    ]
    _store(strongback, "ada@example.org", holds)
    html = athlete.get("/progress?weeks=4").text
    bench = _cells(html, "Longest hold of each benchmark")
    assert bench[0] == ["Benchmark", "Latest", "Best", "Tests"]
    by_label = {row[0]: row[1:] for row in bench[1:]}
    assert by_label["dead hang"] == [f"30 s, {MONDAY.isoformat()}", "40 s", "2"]
    assert by_label["side plank, left"] == [f"45 s, {MONDAY.isoformat()}", "45 s", "1"]
    assert by_label["side plank, right"] == ["not tested yet"]
    assert by_label["back-extension hold"] == ["not tested yet"]
    # This week: 4 rows x 8, 3 pull-ups x 6, 2 face pulls x 12, 1 hyperextension x 12; the
    # holds count for time under tension, not for a rep range.
    reps = _cells(html, "Rep ranges (hard sets) and time under tension")
    assert reps[0] == ["Week", "1-5", "6-12", "13-20", "21+", "Under tension"]
    scope = strongback.scope(accounts.account_by_email(strongback, "ada@example.org").id)
    found = analytics.progress(scope, weeks=4)
    week = found.weeks[-1]
    minutes = f"{week.time_under_tension_seconds / 60:.0f} min"
    assert reps[1] == [MONDAY.strftime("%d %b"), "0", "10", "0", "0", minutes]
    assert "Over these weeks: 1-5 reps 0 set(s) (0%); 6-12 reps 28 set(s) (100%)" in html
    assert re.search(rf"<dt>Under tension</dt><dd>{minutes}</dd>", html)
    # Recovery: one row per muscle, in the words of the analytics' state.
    rows = {r[0]: r[1:] for r in _cells(html, "Recovery of each muscle")[1:]}
    assert len(rows) == len(found.recovery) > 0
    for r in found.recovery:
        state, sets, since = rows[r.muscle.value.replace("-", " ")]
        assert state.startswith(r.state.value)
        assert since == (f"{r.hours_since:.0f} h" if r.last_trained else "2+ weeks")
        assert sets == (f"{r.last_sets:.1f}".rstrip("0").rstrip(".") if r.last_trained else "none")
    assert rows["lats"][1] == "7"  # Monday: 4 rows and 3 pull-ups
