"""The tempo engine: the exact timeline of an exercise, its time under tension and duration."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strongback.domain.errors import InvalidInput
from strongback.domain.tempo import CHANGEOVER_SECONDS, METHOD_TEMPO, Tempo, TimedItem
from strongback.domain.timeline import (
    WORK_KINDS,
    EventKind,
    exercise_timeline,
    item_seconds,
    rep_phases,
)
from strongback.domain.vocab import Side


def _item(**kw: object) -> TimedItem:
    base: dict[str, object] = {"tempo": METHOD_TEMPO, "sets": 1, "rest_seconds": 0}
    base.update(kw)
    return TimedItem(**base)  # type: ignore[arg-type]


def test_ten_reps_at_3_2_1_2_are_80_seconds_of_tension_after_a_5_second_countdown() -> None:
    t = exercise_timeline(_item(reps=10))
    assert t.time_under_tension == 80
    assert t.total_seconds == 5 + 80
    assert t.events[0].kind is EventKind.READY and t.events[0].seconds == 5
    assert len(t.events) == 1 + 10 * 4


def test_a_pull_rep_lifts_squeezes_lowers_then_pauses_with_the_tempo_seconds() -> None:
    t = exercise_timeline(_item(reps=2))
    first_rep = [(e.kind, e.at, e.seconds, e.rep) for e in t.events if e.rep == 1]
    assert first_rep == [
        (EventKind.LIFT, 5, 1, 1),
        (EventKind.SQUEEZE, 6, 2, 1),
        (EventKind.LOWER, 8, 3, 1),
        (EventKind.PAUSE, 11, 2, 1),
    ]
    assert next(e.at for e in t.events if e.rep == 2) == 13


def test_a_squat_rep_lowers_first() -> None:
    kinds = [k for k, _ in rep_phases(METHOD_TEMPO, lower_first=True)]
    assert kinds == [EventKind.LOWER, EventKind.PAUSE, EventKind.LIFT, EventKind.SQUEEZE]


def test_phases_of_zero_seconds_make_no_event() -> None:
    t = exercise_timeline(_item(tempo=Tempo(2, 0, 1, 0), reps=3))
    assert {e.kind for e in t.events} == {EventKind.READY, EventKind.LOWER, EventKind.LIFT}
    assert t.time_under_tension == 9


def test_per_side_work_does_the_left_then_switches_then_the_right() -> None:
    t = exercise_timeline(_item(reps=10, per_side=True))
    assert t.time_under_tension == 160
    assert t.total_seconds == 5 + 80 + 5 + 80
    switch = [e for e in t.events if e.kind is EventKind.SWITCH]
    assert len(switch) == 1 and switch[0].at == 85 and switch[0].seconds == 5
    assert {e.side for e in t.events if e.at < 85 and e.kind in WORK_KINDS} == {Side.LEFT}
    assert {e.side for e in t.events if e.at > 85 and e.kind in WORK_KINDS} == {Side.RIGHT}


def test_a_hold_is_one_event_of_its_seconds_on_each_side() -> None:
    t = exercise_timeline(_item(seconds=30, per_side=True, sets=2, rest_seconds=30))
    holds = [e for e in t.events if e.kind is EventKind.HOLD]
    assert [(e.set, e.side, e.seconds, e.rep) for e in holds] == [
        (1, Side.LEFT, 30, None),
        (1, Side.RIGHT, 30, None),
        (2, Side.LEFT, 30, None),
        (2, Side.RIGHT, 30, None),
    ]
    assert t.time_under_tension == 120
    assert t.total_seconds == 2 * (5 + 30 + 5 + 30) + 30


def test_rest_follows_every_set_but_the_last() -> None:
    t = exercise_timeline(_item(reps=10, sets=3, rest_seconds=120))
    rests = [e for e in t.events if e.kind is EventKind.REST]
    assert [(e.set, e.at, e.seconds) for e in rests] == [(1, 85, 120), (2, 85 + 120 + 85, 120)]
    assert t.total_seconds == 3 * 85 + 2 * 120
    assert item_seconds(_item(reps=10, sets=3, rest_seconds=120)) == 495 + CHANGEOVER_SECONDS


def test_the_json_has_exactly_the_documented_keys() -> None:
    public = exercise_timeline(_item(reps=1, per_side=True)).to_public()
    assert set(public) == {"events", "total_seconds", "time_under_tension"}
    events = public["events"]
    assert isinstance(events, list)
    assert events[0] == {"at": 0, "seconds": 5, "kind": "ready", "set": 1, "rep": None,
                         "side": None}  # fmt: skip
    assert events[1]["side"] == "left" and events[1]["rep"] == 1


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"reps": None}, "reps"),
        ({"reps": 5, "seconds": 5}, "reps"),
        ({"reps": 0}, "reps"),
        ({"reps": 5, "sets": 0}, "sets"),
        ({"seconds": 0}, "seconds"),
        ({"reps": 5, "rest_seconds": -1}, "rest"),
    ],
)
def test_a_prescription_that_cannot_be_timed_names_its_field(
    kw: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as info:
        exercise_timeline(_item(**kw))
    assert info.value.field == field


# No deadline: a shared machine under load must not fail a property on time.
UNTIMED = settings(deadline=None)
digits = st.integers(min_value=0, max_value=9)
items = st.builds(
    TimedItem,
    tempo=st.builds(Tempo, digits, digits, digits, digits),
    sets=st.integers(1, 6),
    rest_seconds=st.integers(0, 300),
    per_side=st.booleans(),
    lower_first=st.booleans(),
).flatmap(
    lambda base: st.one_of(
        st.builds(lambda r: _with(base, reps=r), st.integers(1, 25)),
        st.builds(lambda s: _with(base, seconds=s), st.integers(1, 120)),
    )
)


def _with(base: TimedItem, **kw: int) -> TimedItem:
    return replace(base, **kw)


@UNTIMED
@given(items)
def test_events_are_contiguous_from_zero_and_the_total_is_their_sum(item: TimedItem) -> None:
    t = exercise_timeline(item)
    at = 0
    for e in t.events:
        assert e.at == at and e.seconds > 0
        at = e.end
    assert t.total_seconds == at == sum(e.seconds for e in t.events)


@UNTIMED
@given(items)
def test_tension_is_the_sum_of_work_phases_and_matches_the_prescription(item: TimedItem) -> None:
    t = exercise_timeline(item)
    assert t.time_under_tension == sum(e.seconds for e in t.events if e.kind in WORK_KINDS)
    sides = 2 if item.per_side else 1
    per_side = (
        item.seconds if item.seconds is not None else (item.reps or 0) * item.tempo.rep_seconds
    )
    assert t.time_under_tension == item.sets * sides * per_side


@UNTIMED
@given(items)
def test_every_set_has_its_countdown_and_every_set_but_the_last_its_rest(item: TimedItem) -> None:
    t = exercise_timeline(item)
    for n in range(1, item.sets + 1):
        kinds = [e.kind for e in t.of_set(n)]
        assert kinds[0] is EventKind.READY
        resting = item.rest_seconds > 0 and n < item.sets
        assert (kinds[-1] is EventKind.REST) == resting
        assert kinds.count(EventKind.SWITCH) == (1 if item.per_side else 0)


@UNTIMED
@given(items, st.integers(0, 3))
def test_a_session_item_takes_the_time_model_of_the_planner(item: TimedItem, ramps: int) -> None:
    # [TPC]: sets x (set-up + work) + (sets - 1) x rest + changeover, plus the ramp sets.
    sides = 2 if item.per_side else 1
    work = item.seconds if item.seconds is not None else (item.reps or 0) * item.tempo.rep_seconds
    one_set = 5 + sides * work + (5 if item.per_side else 0)
    expected = item.sets * one_set + (item.sets - 1) * item.rest_seconds + CHANGEOVER_SECONDS
    assert item_seconds(replace(item, warm_up_sets=ramps)) == expected + 60 * ramps


@settings(max_examples=60, deadline=None)
@given(
    sets=st.integers(1, 5),
    rest=st.integers(0, 180),
    reps=st.one_of(st.none(), st.integers(1, 20)),
    hold=st.integers(5, 60),
    per_side=st.booleans(),
    lower_first=st.booleans(),
)
def test_a_timelines_total_is_the_sum_of_its_contiguous_events(
    sets: int, rest: int, reps: int | None, hold: int, per_side: bool, lower_first: bool
) -> None:
    t = exercise_timeline(_item(sets=sets, rest_seconds=rest, reps=reps,
                                seconds=None if reps else hold, per_side=per_side,
                                lower_first=lower_first))  # fmt: skip
    assert all(b.at == a.at + a.seconds for a, b in zip(t.events, t.events[1:], strict=False))
    assert t.total_seconds == sum(e.seconds for e in t.events)
