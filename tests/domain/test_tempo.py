"""The tempo module: rep and set timing, warm-up ramps and the session-time formula."""

from __future__ import annotations

import pytest

from strongback.domain.errors import InvalidInput
from strongback.domain.tempo import (
    CHANGEOVER_SECONDS,
    METHOD_TEMPO,
    WARM_UP_SET_SECONDS,
    Tempo,
    TimedItem,
    minutes_for,
    warm_up_sets,
)
from strongback.domain.timeline import (
    exercise_seconds,
    item_seconds,
    session_seconds,
    set_seconds,
)


def test_a_method_rep_takes_eight_seconds() -> None:
    assert Tempo.parse("3-2-1-2").rep_seconds == 8
    assert METHOD_TEMPO.rep_seconds == 8


def test_compact_and_explosive_notation_parse() -> None:
    assert Tempo.parse("30X0") == Tempo(3, 0, 1, 0)
    with pytest.raises(InvalidInput):
        Tempo.parse("3-2-1")


def test_per_side_sets_take_both_sides_and_a_switch() -> None:
    one = set_seconds(METHOD_TEMPO, reps=10)
    both = set_seconds(METHOD_TEMPO, reps=10, per_side=True)
    assert one == 80 + 5
    assert both == 2 * 80 + 5 + 5


def test_timed_holds_use_their_seconds() -> None:
    assert set_seconds(METHOD_TEMPO, seconds=30, per_side=True) == 30 * 2 + 5 + 5


def test_exercise_time_is_sets_plus_rests_between_plus_changeover() -> None:
    t = exercise_seconds(METHOD_TEMPO, sets=3, rest_seconds=120, reps=10)
    assert t == 3 * 85 + 2 * 120 + CHANGEOVER_SECONDS


def test_first_compound_gets_two_ramps_later_ones_one_drills_none() -> None:
    assert warm_up_sets(compound=True, loaded=True, first_compound=True) == 2
    assert warm_up_sets(compound=True, loaded=True) == 1
    assert warm_up_sets(compound=False, loaded=True) == 1
    assert warm_up_sets(compound=False, loaded=False) == 0


def test_session_time_adds_ramp_sets_to_each_item() -> None:
    items = [
        TimedItem(METHOD_TEMPO, sets=3, rest_seconds=120, reps=10, warm_up_sets=2),
        TimedItem(METHOD_TEMPO, sets=2, rest_seconds=30, seconds=30, per_side=True),
    ]
    expected = (
        exercise_seconds(METHOD_TEMPO, sets=3, rest_seconds=120, reps=10)
        + 2 * WARM_UP_SET_SECONDS
        + exercise_seconds(METHOD_TEMPO, sets=2, rest_seconds=30, seconds=30, per_side=True)
    )
    assert session_seconds(items) == expected
    assert item_seconds(items[0]) == expected - item_seconds(items[1])


def test_five_exercises_of_three_sets_come_near_the_worked_example() -> None:
    # training-science.md section 11: 5 x 3 sets, ~40 s sets, 2 min rest, 1.5 min changeover and
    # five warm-ups come to about 45 minutes.
    item = TimedItem(Tempo(2, 1, 1, 1), sets=3, rest_seconds=120, reps=7, warm_up_sets=1)
    total = session_seconds([item] * 5)
    assert 40 * 60 <= total <= 50 * 60


def test_minutes_round_up_so_estimates_never_under_promise() -> None:
    assert minutes_for(60) == 1
    assert minutes_for(61) == 2
    assert minutes_for(0) == 0
