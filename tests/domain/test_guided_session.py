"""A guided session's actions as pure functions: deadlines, moving on, add, skip, swap, pain."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from strongback.domain.catalog import load_catalog
from strongback.domain.errors import InvalidInput
from strongback.domain.guided import (
    EnteredSet,
    GuidedSession,
    SessionItem,
    Stage,
    add_item,
    add_set,
    enter_set,
    mark_pain,
    skip_set,
    start_set,
    swap_item,
    swap_options,
)
from strongback.domain.guided.codec import state_from_public, state_to_public
from strongback.domain.profile import UserProfile
from strongback.domain.progression.loads import PlateLoading, plate_loading
from strongback.domain.tempo import CHANGEOVER_SECONDS, METHOD_TEMPO, TimedItem
from strongback.domain.vocab import Equipment, WeightUnit

T0 = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)


def _item(exercise: str = "pull-up", sets: int = 2, rest: int = 90) -> SessionItem:
    return SessionItem(exercise, TimedItem(METHOD_TEMPO, sets=sets, rest_seconds=rest, reps=10))


def _session(*items: SessionItem) -> GuidedSession:
    return GuidedSession(started_at=T0, title="Pull", items=items or (_item(),))


def _entry(session: GuidedSession, sid: str, reps: int = 10) -> EnteredSet:
    item = session.items[session.current]
    return EnteredSet(sid, session.current, session.set_number, item.exercise, T0, reps=reps)


def test_starting_a_set_sets_its_deadline_from_the_tempo_engine() -> None:
    s = start_set(_session(), T0)
    assert s.stage is Stage.WORK
    assert s.deadline == T0 + timedelta(seconds=5 + 80)
    assert s.seconds_left(T0 + timedelta(seconds=60)) == 25
    assert start_set(s, T0 + timedelta(seconds=3)) == s  # started already


def test_entering_the_current_set_starts_the_rest_then_the_next_exercise_after_a_changeover() -> (
    None
):
    s = start_set(_session(_item(), _item("face-pull", sets=1)), T0)
    s = enter_set(s, _entry(s, "a"), T0 + timedelta(seconds=90))
    assert (s.current, s.set_number, s.stage) == (0, 2, Stage.REST)
    assert s.deadline == T0 + timedelta(seconds=180)
    s = enter_set(s, _entry(s, "b"), T0 + timedelta(seconds=300))
    assert (s.current, s.set_number, s.stage) == (1, 1, Stage.REST)
    assert s.deadline == T0 + timedelta(seconds=300 + CHANGEOVER_SECONDS)
    s = enter_set(s, _entry(s, "c"), T0 + timedelta(seconds=500))
    assert s.stage is Stage.DONE and s.deadline is None
    assert [e.id for e in s.entered] == ["a", "b", "c"]


def test_a_set_entered_twice_is_recorded_once_and_moves_on_once() -> None:
    s = _session()
    entry = _entry(s, "same")
    once = enter_set(s, entry, T0)
    assert enter_set(once, entry, T0 + timedelta(seconds=5)) == once


def test_a_late_set_of_an_earlier_position_is_recorded_without_moving_on() -> None:
    s = enter_set(_session(), _entry(_session(), "a"), T0)
    late = EnteredSet("old", 0, 1, "pull-up", T0, reps=8)
    after = enter_set(s, late, T0)
    assert (after.current, after.set_number) == (s.current, s.set_number)
    assert len(after.entered) == 2


def test_skip_moves_on_without_a_set_and_add_gives_one_more() -> None:
    s = skip_set(_session(), T0)
    assert s.set_number == 2 and s.entered == ()
    s = add_set(s)
    assert s.items[0].timed.sets == 3
    s = skip_set(skip_set(s, T0), T0)
    assert s.stage is Stage.DONE
    with pytest.raises(InvalidInput):
        skip_set(s, T0)
    again = add_set(s)
    assert (again.stage, again.set_number, again.items[0].timed.sets) == (Stage.READY, 4, 4)


def test_a_swap_keeps_the_sets_done_and_remembers_what_it_replaced() -> None:
    s = enter_set(_session(), _entry(_session(), "a"), T0)
    s = swap_item(s, _item("lat-pulldown", sets=3))
    assert s.items[0].exercise == "lat-pulldown" and s.items[0].instead_of == "pull-up"
    assert s.entered[0].exercise == "pull-up"
    assert s.set_number == 2


def test_pain_is_marked_on_the_current_exercise_and_checked() -> None:
    s = mark_pain(_session(), 4, " lower back ")
    assert (s.items[0].pain, s.items[0].pain_where) == (4, "lower back")
    with pytest.raises(InvalidInput) as info:
        mark_pain(s, 11, None)
    assert info.value.field == "pain"


def test_an_entry_out_of_bounds_names_its_field() -> None:
    s = _session()
    with pytest.raises(InvalidInput) as info:
        enter_set(s, EnteredSet("x", 0, 1, "pull-up", T0, reps=None), T0)
    assert info.value.field == "reps"
    with pytest.raises(InvalidInput) as info:
        enter_set(s, EnteredSet("x", 5, 1, "pull-up", T0, reps=3), T0)
    assert info.value.field == "item"


def test_an_empty_session_goes_on_with_an_added_exercise() -> None:
    s = GuidedSession(started_at=T0, title="Empty")
    with pytest.raises(InvalidInput):
        start_set(s, T0)
    s = add_item(s, _item())
    assert start_set(s, T0).stage is Stage.WORK


def test_the_state_reads_back_as_it_was_stored() -> None:
    s = start_set(_session(_item(), SessionItem("goblet-squat", TimedItem(
        METHOD_TEMPO, sets=3, rest_seconds=60, reps=8, lower_first=True), 16.0, WeightUnit.KG,
        2)), T0)  # fmt: skip
    s = mark_pain(s, 2, "hip")
    back = state_from_public(state_to_public(s))
    assert back == s


def test_swaps_offer_easier_harder_and_the_same_pattern_with_the_equipment_owned() -> None:
    cat = load_catalog(extended=False)
    row = cat.get("alternating-dumbbell-row")
    home = {Equipment.DUMBBELLS, Equipment.BENCH}
    whys = {o.exercise.id: o.why for o in swap_options(row, cat, home)}
    assert whys["incline-dumbbell-row"] == "easier"
    assert "landmine-one-arm-row" not in whys  # harder, but it needs a barbell
    assert all(cat.get(e).pattern is row.pattern for e in whys)
    assert all(cat.get(e).doable_with(home) for e in whys)
    with_bar = {o.exercise.id: o.why for o in swap_options(row, cat, {*home, Equipment.BARBELL})}
    assert with_bar["landmine-one-arm-row"] == "harder"


def test_plate_loading_makes_the_total_with_the_fewest_plates_per_side() -> None:
    gym = UserProfile()
    assert plate_loading(60, gym) == PlateLoading(20.0, (20.0,), WeightUnit.KG)
    assert plate_loading(62.5, gym) == PlateLoading(20.0, (20.0, 1.25), WeightUnit.KG)
    assert plate_loading(20, gym) == PlateLoading(20.0, (), WeightUnit.KG)
    own = UserProfile(plates=(10.0, 15.0), bar_weight=20)
    assert plate_loading(60, own) == PlateLoading(20.0, (10.0, 10.0), WeightUnit.KG)
    assert plate_loading(61, gym) is None
    assert plate_loading(10, gym) is None
