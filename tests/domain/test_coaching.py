"""The pure rules of coaching: permissions, tokens, red-flag words, the pain trend, compliance,
and which check-in still speaks for the next session."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from strongback.domain.coaching import (
    CheckIn,
    Permission,
    PlanCalendar,
    checkin_pain,
    comment_body,
    invite_expiry,
    new_token,
    red_flags,
    token_hash,
)
from strongback.domain.coaching.attention import Compliance, pain_rising
from strongback.domain.errors import InvalidInput
from tests.builders import typed_plan

TODAY = date(2026, 6, 17)  # a Wednesday


def test_assign_covers_view_but_view_does_not_cover_assign() -> None:
    assert Permission.ASSIGN.allows(Permission.VIEW)
    assert Permission.VIEW.allows(Permission.VIEW)
    assert not Permission.VIEW.allows(Permission.ASSIGN)


def test_tokens_are_random_and_stored_as_a_hash_that_does_not_hold_them() -> None:
    a, b = new_token(), new_token()
    assert a != b and len(a) >= 40
    assert token_hash(a) == token_hash(a) != token_hash(b)
    assert a not in token_hash(a)
    assert invite_expiry(datetime(2026, 1, 1)) == datetime(2026, 1, 8)


@pytest.mark.parametrize(
    ("note", "flags"),
    [
        ("Numbness down the leg", ("numbness",)),
        ("trouble controlling my bladder", ("bladder or bowel trouble",)),
        ("woke up with pain at night", ("pain at night or at rest",)),
        ("my legs feel weak", ("weakness in the legs",)),
        ("new number: 12 reps, speed work", ()),
        ("bike saddle felt fine", ()),
        (None, ()),
    ],
)
def test_red_flag_words_are_found_and_ordinary_words_are_not(
    note: str | None, flags: tuple[str, ...]
) -> None:
    assert red_flags(note) == flags


def test_pain_rises_when_the_last_week_averages_a_point_above_the_week_before() -> None:
    d = TODAY
    assert pain_rising({d - timedelta(days=10): 2, d - timedelta(days=1): 3}, d)
    assert not pain_rising({d - timedelta(days=10): 2, d - timedelta(days=1): 2}, d)
    assert not pain_rising({d - timedelta(days=1): 8}, d)  # nothing to compare with


def test_planned_sessions_count_the_plans_days_inside_the_window_only() -> None:
    item = {"exercise": "incline-dumbbell-row", "sets": 3, "reps": {"min": 8, "max": 12}}
    weeks = [
        {"week": n, "sessions": [{"day": 1, "title": "A", "estimated_minutes": 30,
                                  "items": [item]}, {"day": 5, "title": "B",
                                  "estimated_minutes": 30, "items": [item]}]}
        for n in (1, 2)
    ]  # fmt: skip
    monday = date(2026, 6, 8)
    plan = typed_plan({"weeks": weeks}).starting(monday)
    calendar = PlanCalendar.of(plan)
    assert calendar.planned_between(monday, monday + timedelta(days=13)) == 4
    assert calendar.planned_between(TODAY - timedelta(days=6), TODAY) == 2  # Fri 12, Mon 15
    assert calendar.planned_between(date(2026, 7, 1), date(2026, 7, 30)) == 0
    undated = PlanCalendar.of(typed_plan({"weeks": weeks}))
    assert undated.planned_between(monday, TODAY) is None
    # Read from the plan's JSON alone, or kept as its own, the calendar is the same.
    assert PlanCalendar.of_plan_json(plan.to_public()) == calendar
    assert PlanCalendar.from_public(calendar.to_public()) == calendar
    assert PlanCalendar.of_plan_json({"weeks": "nonsense"}) is None
    assert Compliance(7, 3, 2).percent == 100 and Compliance(7, 1, 3).percent == 33
    assert Compliance(7, 1, 0).percent is None


def test_a_checkin_counts_for_the_next_session_only_while_fresh_and_after_the_last_one() -> None:
    def ci(days_ago: int, pain: int) -> CheckIn:
        return CheckIn(day=TODAY - timedelta(days=days_ago), back_pain=pain)

    assert checkin_pain([ci(3, 2), ci(0, 7)], TODAY, TODAY - timedelta(days=2)) == 7
    assert checkin_pain([ci(0, 7)], TODAY, TODAY) == 0  # trained since, that day
    assert checkin_pain([ci(2, 7)], TODAY, None) == 0  # too old
    assert checkin_pain([], TODAY, None) == 0


def test_a_comment_is_trimmed_and_must_say_something() -> None:
    assert comment_body("  hi ") == "hi"
    for bad in ("", "   ", "x" * 4001):
        with pytest.raises(InvalidInput):
            comment_body(bad)


def test_a_checkin_note_and_pain_above_the_limit_call_for_attention() -> None:
    from strongback.domain.coaching import AthleteData, attention_of

    data = AthleteData(
        athlete_id=7,
        name="ada",
        sessions=[TODAY - timedelta(days=1)],
        calendar=None,
        checkins=[CheckIn(TODAY, back_pain=6, note="leg went numb last night")],
        audit=None,
        pain_threshold=3,
        last_session=None,
    )
    line = attention_of(data, TODAY)
    assert line.red_flags == ("numbness",)
    assert line.pain_latest == 6 and not line.pain_rising
    assert line.reasons == (
        "red flag in a note: numbness",
        "pain 6/10, above their limit of 3/10",
    )
    quiet = attention_of(
        AthleteData(7, "ada", [TODAY - timedelta(days=2)], None, [], None, 3, None), TODAY
    )
    assert quiet.reasons == () and not quiet.needs_attention
