"""The closest catalog entries of an unknown name: alike in words and in movement, never a match
on a shared generic word or a coincidence of letters."""

from __future__ import annotations

import pytest

from strongback.domain.catalog import load_catalog
from strongback.domain.closest import GENERIC_WORDS, Closest, words
from strongback.domain.errors import UnknownExercise
from strongback.domain.vocab import Pattern

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
    assert CLOSEST("no-such-movement") == []  # not the hyperextension "with no" bench


def test_a_typo_that_looks_like_a_plural_still_finds_its_word() -> None:
    # "pres" is no plural of "pre": the word as typed is a typo of "press".
    found = CLOSEST("bench pres")
    assert found and all(s.endswith("press") or "-press-" in s for s in found)


def test_the_generic_words_typed_put_the_closest_of_the_alike_entries_first() -> None:
    # Alike by "press" alone, the bench presses go before the pallof press (a curated entry).
    found = CLOSEST("bench pres")
    assert "pallof-press" not in found and all("bench" in s for s in found)
    assert CLOSEST("bench") == []  # a generic word alone is still no likeness


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


def _every_entry_scored(closest: Closest, name: str, limit: int = 3) -> list[str]:
    """The definition the quick path must keep: every catalog entry scored, then filtered."""
    from rapidfuzz import fuzz

    from strongback.domain.classify import guess_pattern_from_name
    from strongback.domain.closest import NEAR_RATIO, _family, _key

    shared = closest._shared_words(name)
    guess = guess_pattern_from_name(name)
    family = _family(guess)
    ranked = []
    for i, choice in enumerate(closest.choices):
        score = fuzz.ratio(_key(name), choice)
        alike = shared.get(i, 0) > 0 and (guess is Pattern.OTHER or closest._patterns[i] in family)
        if alike or score >= NEAR_RATIO:
            same = closest._patterns[i] is guess
            alikeness = shared.get(i, 0) + (score >= NEAR_RATIO) + same
            also = len(set(words(name)) & GENERIC_WORDS & closest._words[i])
            ranked.append((alikeness, also, closest._preferred[i], score, i))
    ranked.sort(key=lambda r: (-r[0], -r[1], not r[2], -r[3], r[4]))
    return [closest.ids[r[-1]] for r in ranked[:limit]]


def test_suggestions_scored_for_likely_entries_only_equal_those_of_scoring_every_entry() -> None:
    names = [e.name for e in CATALOG][::5]
    variants = [
        *names,
        *(n.upper().replace("-", " ") for n in names),
        *(n[:-2] for n in names if len(n) > 6),  # a typo at the end
        *(f"{n} (Machine)" for n in names[::3]),
        "Machine Move 24 (Machine)", "Ab Wheel", "Xyzzy", "Seated Cable Kneeling",
        "Bicep Curl (Dumbbell)", "Deadlift (Barbell)", "Chin Up", "lat-pulldwn",
    ]  # fmt: skip
    for name in variants:
        assert CLOSEST(name, limit=5) == _every_entry_scored(CLOSEST, name, limit=5), name
