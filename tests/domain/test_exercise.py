"""The exercise model: doses, equipment alternatives, the public JSON shape."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from strongback.domain.catalog import curated_exercises
from strongback.domain.exercise import PUBLIC_KEYS, Dose, Exercise, Mistake, RepRange
from strongback.domain.vocab import Equipment, Muscle, Pattern

EXPECTED_KEYS = {
    "id",
    "name",
    "source",
    "section",
    "pattern",
    "primary_muscles",
    "secondary_muscles",
    "equipment",
    "laterality",
    "loaded",
    "default_tempo",
    "dose",
    "instructions",
    "why",
    "cues",
    "mistakes",
    "regression",
    "progression",
}


def _exercise(**fields: object) -> Exercise:
    base: dict[str, object] = {
        "id": "test-row",
        "name": "Test row",
        "pattern": "horizontal-pull",
        "primary_muscles": ["lats"],
    }
    base.update(fields)
    return Exercise.model_validate(base)


def test_public_keys_are_exactly_the_documented_ones() -> None:
    assert set(PUBLIC_KEYS) == EXPECTED_KEYS and len(PUBLIC_KEYS) == len(EXPECTED_KEYS)
    for e in curated_exercises():
        assert list(e.to_public()) == list(PUBLIC_KEYS)
    assert set(_exercise().to_public()) == EXPECTED_KEYS


def test_public_shape_uses_slugs_and_lists_and_is_json() -> None:
    row = next(e for e in curated_exercises() if e.id == "incline-dumbbell-row").to_public()
    assert row["equipment"] == [["bench", "dumbbells"]]
    assert row["section"] == "back" and row["pattern"] == "horizontal-pull"
    assert row["default_tempo"] == "3-2-1-2"
    assert row["dose"]["sets"] == 3 and row["dose"]["reps"] == {"min": 8, "max": 12}
    assert isinstance(row["instructions"], list) and isinstance(row["cues"], list)
    assert set(row["mistakes"][0]) == {"mistake", "cue"}
    assert json.loads(json.dumps(row)) == row


def test_an_entry_without_section_shows_null() -> None:
    public = _exercise(source="free-exercise-db").to_public()
    assert public["section"] is None and public["source"] == "free-exercise-db"


def test_equipment_alternatives_and_doable_with() -> None:
    e = _exercise(equipment=[["dumbbells", "bench"], ["cable-station"]])
    assert e.equipment == (
        frozenset({Equipment.DUMBBELLS, Equipment.BENCH}),
        frozenset({Equipment.CABLE_STATION}),
    )
    assert not e.doable_with([Equipment.DUMBBELLS])
    assert e.doable_with([Equipment.DUMBBELLS, Equipment.BENCH])
    assert e.doable_with([Equipment.CABLE_STATION, Equipment.BAND])
    assert not e.needs_nothing


def test_an_exercise_with_no_equipment_is_always_doable() -> None:
    e = _exercise(equipment=[])
    assert e.needs_nothing and e.doable_with([])


def test_muscles_lists_primary_then_secondary_without_repeats() -> None:
    e = _exercise(primary_muscles=["lats", "traps"], secondary_muscles=["traps", "biceps"])
    assert e.muscles == (Muscle.LATS, Muscle.TRAPS, Muscle.BICEPS)


def test_unknown_slugs_and_bad_ids_are_refused() -> None:
    with pytest.raises(ValidationError):
        _exercise(pattern="pulling")
    with pytest.raises(ValidationError):
        _exercise(id="Test Row")
    with pytest.raises(ValidationError):
        _exercise(primary_muscles=[])


def test_dose_needs_exactly_one_measure() -> None:
    assert Dose(sets=3, reps=RepRange(min=8, max=12)).describe() == "3 x 8-12"
    assert Dose(sets=2, reps_per_side=RepRange(min=5, max=5), per_side=True).describe() == (
        "2 x 5/side"
    )
    assert Dose(sets=2, seconds=30, per_side=True).describe() == "2 x 30 s/side"
    with pytest.raises(ValidationError):
        Dose(sets=3)
    with pytest.raises(ValidationError):
        Dose(sets=3, reps=RepRange(min=8, max=12), seconds=30)
    with pytest.raises(ValidationError):
        Dose(sets=3, reps_per_side=RepRange(min=8, max=12))
    with pytest.raises(ValidationError):
        RepRange(min=12, max=8)


def test_missing_prose_lists_empty_coaching_fields() -> None:
    assert _exercise().missing_prose() == ["setup", "instructions", "why", "cues", "mistakes"]
    full = _exercise(
        setup="Stand tall.",
        instructions=["Pull.", "Lower."],
        why="Builds the back.",
        cues=["Chest up."],
        mistakes=[Mistake(mistake="Swinging.", cue="Slow down.")],
    )
    assert full.missing_prose() == []
    assert full.model_copy(update={"cues": ("Chest up.", " ")}).missing_prose() == ["cues"]


def test_tempo_is_parsed_from_text() -> None:
    e = _exercise(default_tempo="3212")
    assert str(e.default_tempo) == "3-2-1-2"
    assert e.pattern is Pattern.HORIZONTAL_PULL
