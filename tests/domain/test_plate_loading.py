"""How to load a barbell: the fewest plates per side for a total, from the plates owned."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from strongback.domain.profile import UserProfile
from strongback.domain.progression.loads import plate_loading
from strongback.domain.vocab import WeightUnit


def test_the_usual_kilogram_plates_load_62_5_as_20_and_1_25_a_side() -> None:
    loading = plate_loading(62.5, UserProfile())
    assert loading is not None
    assert (loading.bar, loading.per_side, loading.unit) == (20.0, (20.0, 1.25), WeightUnit.KG)


def test_the_fewest_plates_are_chosen_not_the_heaviest_first() -> None:
    # Greedy would take 15 and be left with 5 it cannot make; two tens make 20 a side.
    loading = plate_loading(60, UserProfile(plates=(10.0, 15.0), bar_weight=20.0))
    assert loading is not None and loading.per_side == (10.0, 10.0)


def test_the_empty_bar_needs_no_plate_and_less_than_the_bar_is_impossible() -> None:
    empty = plate_loading(20, UserProfile())
    assert empty is not None and empty.per_side == ()
    assert plate_loading(15, UserProfile()) is None


def test_a_total_the_pairs_cannot_make_has_no_loading() -> None:
    assert plate_loading(21, UserProfile()) is None


def test_pounds_use_a_45_lb_bar_by_default() -> None:
    loading = plate_loading(135, UserProfile(unit=WeightUnit.LB))
    assert loading is not None and (loading.bar, loading.per_side) == (45.0, (45.0,))


@given(st.lists(st.sampled_from([1.25, 2.5, 5.0, 10.0, 15.0, 20.0, 25.0]), max_size=6))
def test_the_plates_found_add_up_to_the_total(pairs: list[float]) -> None:
    total = 20 + 2 * sum(pairs)
    loading = plate_loading(total, UserProfile())
    assert loading is not None
    assert abs(loading.bar + 2 * sum(loading.per_side) - total) < 1e-9
    assert len(loading.per_side) <= len(pairs)
