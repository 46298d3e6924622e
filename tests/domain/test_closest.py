"""The closest catalog entries of an unknown name: alike in words and in movement, never a match
on a shared generic word or a coincidence of letters."""

from __future__ import annotations

import pytest

from strongback.domain.catalog import load_catalog
from strongback.domain.closest import Closest, words
from strongback.domain.errors import UnknownExercise

CATALOG = load_catalog()
CLOSEST = Closest(list(CATALOG))


def test_an_ab_wheel_is_offered_the_ab_rollouts_not_a_strongman_wheel() -> None:
    for name in ("Ab Wheel", "ab-wheel", "Kneeling Ab Wheel"):
        found = CLOSEST(name)
        assert found and set(found) <= {
            "ab-roller",
            "barbell-ab-rollout",
            "barbell-ab-rollout-on-knees",
        }
        assert "conans-wheel" not in found


def test_a_name_sharing_only_generic_words_or_nothing_gets_no_suggestion() -> None:
    assert CLOSEST("Xyzzy") == []
    assert CLOSEST("Seated Cable Kneeling") == []


def test_a_spelling_variant_and_a_shared_movement_word_still_find_their_entry() -> None:
    assert CLOSEST("lat-pulldwn")[0] == "lat-pulldown"
    assert CLOSEST("Chest Fly (Dumbbell)")[0] == "dumbbell-flyes"
    assert CLOSEST("Wheel") == ["conans-wheel"]  # the one movement it names
    assert words("Cable Flyes") == ["cable", "fly"]


@pytest.mark.parametrize("typed", ["Ab Wheel", "ab-wheel"])
def test_logging_an_unknown_ab_wheel_suggests_the_ab_roller(typed: str) -> None:
    with pytest.raises(UnknownExercise) as caught:
        CATALOG.get(typed)
    assert caught.value.suggestions[0] == "ab-roller"
    assert "conans-wheel" not in caught.value.suggestions
