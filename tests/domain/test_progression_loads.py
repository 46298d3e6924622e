"""Loadable weights: increments come from what the user owns, in kg and lb."""

from __future__ import annotations

import pytest

from strongback.domain.profile import UserProfile
from strongback.domain.progression.loads import (
    Implement,
    barbell_loads,
    convert,
    implements_for,
    ladder,
)
from strongback.domain.vocab import Equipment, WeightUnit

from .test_progression_support import KG, LB, ex


def test_owned_dumbbells_give_the_next_heavier_one() -> None:
    lad = ladder(Implement.DUMBBELL, UserProfile(dumbbells=(8, 12, 16, 24)))
    assert lad.owned and lad.unit is KG
    assert lad.above(12) == 16
    assert lad.above(24) is None
    assert lad.floor(15) == 12
    assert lad.below(8) is None


def test_kettlebells_default_to_4_kg_jumps_from_8_to_24() -> None:
    lad = ladder(Implement.KETTLEBELL, UserProfile())
    assert lad.rungs == (8, 12, 16, 20, 24)
    assert lad.above(16) == 20
    assert lad.above(24) is None


def test_kettlebells_in_pounds_use_the_usual_bell_weights() -> None:
    lad = ladder(Implement.KETTLEBELL, UserProfile(unit=LB))
    assert lad.unit is LB and lad.rungs == (18, 26, 35, 44, 53)


def test_barbell_default_plates_add_2_5_kg_or_5_lb() -> None:
    kg = ladder(Implement.BARBELL, UserProfile())
    assert kg.above(60) == 62.5
    assert kg.lightest == 20
    lb = ladder(Implement.BARBELL, UserProfile(unit=LB))
    assert lb.above(135) == 140
    assert lb.lightest == 45


def test_barbell_uses_the_smallest_owned_plate_pair_and_bar() -> None:
    lad = ladder(Implement.BARBELL, UserProfile(plates=(5, 10, 20), bar_weight=15))
    assert lad.owned
    assert lad.lightest == 15
    assert lad.above(15) == 25  # a pair of 5 kg plates
    assert lad.above(55) == 65
    assert not lad.contains(57.5)


def test_barbell_loads_enumerate_plate_pairs() -> None:
    loads = barbell_loads(20, (1.25, 2.5), 30)
    assert loads == (20, 22.5, 25, 27.5, 30)


def test_cable_stack_step_defaults_to_5_kg_or_10_lb_and_follows_the_profile() -> None:
    assert ladder(Implement.STACK, UserProfile()).above(40) == 45
    assert ladder(Implement.STACK, UserProfile(unit=LB)).above(100) == 110
    own = ladder(Implement.STACK, UserProfile(cable_step=2.5))
    assert own.above(40) == 42.5 and own.owned


def test_default_ladders_include_loads_already_logged_in_that_unit() -> None:
    lad = ladder(Implement.STACK, UserProfile(), logged_unit=LB, logged=[(115.0, LB), (40.0, KG)])
    assert lad.unit is LB
    assert lad.contains(115)
    assert not lad.contains(40 / 0.45359237)


def test_the_owned_list_wins_over_the_unit_logged() -> None:
    lad = ladder(Implement.DUMBBELL, UserProfile(dumbbells=(10, 20)), logged_unit=LB)
    assert lad.unit is KG and lad.rungs == (10, 20)


def test_nearest_below_is_strictly_lighter() -> None:
    lad = ladder(Implement.KETTLEBELL, UserProfile())
    assert lad.nearest_below(16 * 0.9, 16) == 12
    assert lad.nearest_below(7, 8) is None
    assert lad.nearest_below(100 * 0.9, 24) == 20


def test_implement_follows_the_equipment_the_user_owns() -> None:
    goblet = ex("goblet-squat")  # kettlebell or dumbbells
    assert implements_for(goblet, UserProfile())[0] is Implement.KETTLEBELL
    only_db = UserProfile(equipment=frozenset({Equipment.DUMBBELLS}))
    assert implements_for(goblet, only_db)[0] is Implement.DUMBBELL
    assert implements_for(ex("lat-pulldown"), UserProfile())[0] is Implement.STACK
    assert implements_for(ex("landmine-one-arm-row"), UserProfile())[0] is Implement.BARBELL


def test_unit_conversion_is_exact_both_ways() -> None:
    assert convert(100, LB, KG) == pytest.approx(45.359237)
    assert convert(convert(100, LB, KG), KG, LB) == pytest.approx(100)
    assert convert(100, None, WeightUnit.LB) == 100


def test_a_listed_implement_wins_over_a_default_one() -> None:
    from strongback.domain.progression import load_ladder

    goblet = ex("goblet-squat")  # kettlebell first in the catalog, dumbbells second
    lad = load_ladder(goblet, UserProfile(dumbbells=(10, 12, 14)), [])
    assert lad.implement is Implement.DUMBBELL and lad.above(12) == 14
