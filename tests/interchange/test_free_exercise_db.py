"""The free-exercise-db import: on the real data file, and on small hand-made records."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from strongback.domain.catalog import curated_exercises, extended_exercises, load_catalog
from strongback.domain.errors import ImportFormatError
from strongback.domain.vocab import Equipment, Laterality, Level, Muscle, Pattern
from strongback.interchange.free_exercise_db import (
    ExtendedCatalog,
    build_extended,
    convert_records,
    curated_aliases,
    extended_levels,
    read_records,
    render_document,
    slugify,
    to_document,
)
from strongback.interchange.free_exercise_db_vocab import (
    CATEGORIES,
    EQUIPMENT,
    FORCES,
    LEVELS,
    MECHANICS,
    MUSCLES,
    SAME_AS,
)
from tests.samples import data_dir

REPO = Path(__file__).resolve().parents[2]
DATA_FILE = data_dir() / "free-exercise-db" / "exercises.json"
SCRIPT = REPO / "scripts" / "build_extended_catalog.py"
P = Pattern


@pytest.fixture(scope="module")
def raw_records() -> list[dict[str, Any]]:
    if not DATA_FILE.exists():
        pytest.skip(f"free-exercise-db data file not found at {DATA_FILE}: real-file tests skipped")
    records: list[dict[str, Any]] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return records


@pytest.fixture(scope="module")
def built(raw_records: list[dict[str, Any]]) -> ExtendedCatalog:
    return build_extended(DATA_FILE)


@pytest.fixture(scope="module")
def by_name(built: ExtendedCatalog) -> dict[str, Any]:
    return {e.name: e for e in built.exercises}


# The real file.


def test_all_873_records_are_read_and_each_ends_somewhere(built: ExtendedCatalog) -> None:
    report = built.report
    assert report.read == 873
    assert report.rejected == {}
    assert report.extended + report.merged == 873
    assert len(built.exercises) == report.extended
    assert report.accounted == report.read


def test_no_record_is_dropped_silently(
    raw_records: list[dict[str, Any]], built: ExtendedCatalog
) -> None:
    names_in = Counter(r["name"] for r in raw_records)
    names_out = Counter(e.name for e in built.exercises) + Counter(list(built.same_as))
    assert names_out == names_in


def test_every_value_present_in_the_file_has_a_mapping(raw_records: list[dict[str, Any]]) -> None:
    muscles = {m for r in raw_records for m in r["primaryMuscles"] + r["secondaryMuscles"]}
    equipment = {r["equipment"] for r in raw_records} - {None}
    categories = {r["category"] for r in raw_records}
    forces = {r["force"] for r in raw_records} - {None}
    mechanics = {r["mechanic"] for r in raw_records} - {None}
    levels = {r["level"] for r in raw_records}
    # The file's vocabularies, listed so that a new value in a new release shows up here.
    assert muscles == {
        "abdominals", "abductors", "adductors", "biceps", "calves", "chest", "forearms",
        "glutes", "hamstrings", "lats", "lower back", "middle back", "neck", "quadriceps",
        "shoulders", "traps", "triceps",
    }  # fmt: skip
    assert equipment == {
        "barbell", "bands", "body only", "cable", "dumbbell", "e-z curl bar", "exercise ball",
        "foam roll", "kettlebells", "machine", "medicine ball", "other",
    }  # fmt: skip
    assert categories == {
        "cardio", "olympic weightlifting", "plyometrics", "powerlifting", "strength",
        "stretching", "strongman",
    }  # fmt: skip
    assert forces == {"pull", "push", "static"}
    assert mechanics == {"compound", "isolation"}
    assert levels == {"beginner", "intermediate", "expert"}
    assert muscles <= set(MUSCLES)
    assert equipment <= set(EQUIPMENT)
    assert categories <= CATEGORIES
    assert forces <= FORCES
    assert mechanics <= MECHANICS
    assert levels <= set(LEVELS)


def test_the_mapping_of_muscle_and_equipment_words() -> None:
    assert MUSCLES["quadriceps"] == (Muscle.QUADS,)
    assert MUSCLES["shoulders"] == (Muscle.DELTOIDS,)
    assert MUSCLES["lower back"] == (Muscle.ERECTOR_SPINAE,)
    assert MUSCLES["middle back"] == (Muscle.RHOMBOIDS, Muscle.TRAPS)
    assert EQUIPMENT["body only"] is None
    assert EQUIPMENT["dumbbell"] is Equipment.DUMBBELLS
    assert EQUIPMENT["e-z curl bar"] is Equipment.BARBELL
    assert EQUIPMENT["kettlebells"] is Equipment.KETTLEBELL
    assert EQUIPMENT["cable"] is Equipment.CABLE_STATION
    assert EQUIPMENT["bands"] is Equipment.BAND
    assert EQUIPMENT["foam roll"] is Equipment.OTHER
    assert LEVELS["expert"] is Level.ADVANCED


def test_the_report_lists_values_mapped_to_other_and_missing_fields(
    built: ExtendedCatalog,
) -> None:
    report = built.report
    assert report.unmapped == {}
    assert report.mapped_to_other["equipment"] == {
        "other": 122,
        "medicine ball": 17,
        "exercise ball": 12,
        "foam roll": 11,
    }
    assert report.missing == {"equipment": 77, "mechanic": 87, "force": 29}


EXPECTED_PATTERN_COUNTS = {
    "vertical-pull": 24,
    "horizontal-pull": 31,
    "rear-delt": 19,
    "shoulder-elevation": 16,
    "back-extension": 4,
    "hip-hinge": 83,
    "squat": 48,
    "split-squat": 15,
    "anti-extension": 7,
    "anti-rotation": 3,
    "mobility": 121,
    "push": 184,
    "arms": 109,
    "legs": 84,
    "core": 77,
    "cardio": 15,
    "other": 20,
}


def test_pattern_counts_of_the_extended_catalog(built: ExtendedCatalog) -> None:
    counts = Counter(e.pattern.value for e in built.exercises)
    print("\n".join(f"{p.value:20} {counts[p.value]}" for p in Pattern))
    assert {p.value: counts[p.value] for p in Pattern} == EXPECTED_PATTERN_COUNTS
    assert built.report.to_json()["patterns"] == EXPECTED_PATTERN_COUNTS
    # Every pattern of the back method has extended entries beside the curated ones.
    for pattern in list(Pattern)[:11]:
        assert counts[pattern.value] > 0, pattern
    # Fewer than 3 % of the entries end in "other".
    assert counts["other"] < 0.03 * len(built.exercises)


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("Chin-Up", P.VERTICAL_PULL),
        ("V-Bar Pulldown", P.VERTICAL_PULL),
        ("Close-Grip Front Lat Pulldown", P.VERTICAL_PULL),
        ("Weighted Pull Ups", P.VERTICAL_PULL),
        ("Straight-Arm Pulldown", P.VERTICAL_PULL),
        ("Bent Over Barbell Row", P.HORIZONTAL_PULL),
        ("One-Arm Dumbbell Row", P.HORIZONTAL_PULL),
        ("Inverted Row", P.HORIZONTAL_PULL),
        ("Seated One-arm Cable Pulley Rows", P.HORIZONTAL_PULL),
        ("London Bridges", P.HORIZONTAL_PULL),
        ("Reverse Flyes", P.REAR_DELT),
        ("Band Pull Apart", P.REAR_DELT),
        ("Barbell Shrug", P.SHOULDER_ELEVATION),
        ("Upright Cable Row", P.SHOULDER_ELEVATION),
        ("Superman", P.BACK_EXTENSION),
        ("Romanian Deadlift", P.HIP_HINGE),
        ("Good Morning", P.HIP_HINGE),
        ("Barbell Hip Thrust", P.HIP_HINGE),
        ("One-Arm Kettlebell Swings", P.HIP_HINGE),
        ("Barbell Squat", P.SQUAT),
        ("Front Squat (Clean Grip)", P.SQUAT),
        ("Split Squat with Dumbbells", P.SPLIT_SQUAT),
        ("Dumbbell Lunges", P.SPLIT_SQUAT),
        ("Plank", P.ANTI_EXTENSION),
        ("Pallof Press With Rotation", P.ANTI_ROTATION),
        ("Child's Pose", P.MOBILITY),
        ("Split Squats", P.MOBILITY),
        ("Barbell Bench Press - Medium Grip", P.PUSH),
        ("Barbell Curl", P.ARMS),
        ("Leg Press", P.LEGS),
        ("Crunches", P.CORE),
        ("Air Bike", P.CORE),
        ("Running, Treadmill", P.CARDIO),
    ],
)
def test_known_entries_land_in_the_right_pattern(
    by_name: dict[str, Any], name: str, pattern: Pattern
) -> None:
    assert by_name[name].pattern is pattern


def test_entries_carry_mapped_muscles_equipment_laterality_and_load(
    by_name: dict[str, Any],
) -> None:
    row = by_name["Bent Over Barbell Row"]
    assert row.primary_muscles == (Muscle.RHOMBOIDS, Muscle.TRAPS)
    assert Muscle.LATS in row.secondary_muscles
    assert row.equipment == (frozenset({Equipment.BARBELL}),)
    assert row.loaded
    # "shoulders" in a rear-delt movement are the rear delts.
    assert by_name["Reverse Flyes"].primary_muscles == (Muscle.REAR_DELTS,)
    assert by_name["Barbell Deadlift"].primary_muscles == (Muscle.ERECTOR_SPINAE,)
    assert by_name["Chin-Up"].equipment == (frozenset({Equipment.PULL_UP_BAR}),)
    assert not by_name["Chin-Up"].loaded
    assert set(by_name["V-Bar Pulldown"].equipment) == {
        frozenset({Equipment.LAT_PULLDOWN}),
        frozenset({Equipment.CABLE_STATION}),
    }
    assert by_name["Weighted Ball Hyperextension"].equipment == (frozenset({Equipment.OTHER}),)
    assert by_name["Hyperextensions With No Hyperextension Bench"].needs_nothing
    assert by_name["Incline Dumbbell Press"].equipment == (
        frozenset({Equipment.DUMBBELLS, Equipment.BENCH}),
    )
    assert by_name["One-Arm Dumbbell Row"].laterality is Laterality.UNILATERAL
    assert by_name["Alternating Kettlebell Row"].laterality is Laterality.ALTERNATING
    assert by_name["Bodyweight Squat"].needs_nothing and not by_name["Bodyweight Squat"].loaded
    assert by_name["Barbell Curl"].instructions[0].startswith("Stand up with your torso upright")


def test_curated_movements_win_and_their_data_set_names_become_aliases(
    built: ExtendedCatalog,
) -> None:
    curated_ids = {e.id for e in curated_exercises()}
    same_as = built.same_as
    assert same_as["Pullups"] == "pull-up"
    assert same_as["Wide-Grip Lat Pulldown"] == "lat-pulldown"
    assert same_as["Seated Cable Rows"] == "seated-cable-row"
    assert same_as["Face Pull"] == "face-pull"
    assert same_as["Goblet Squat"] == "goblet-squat"
    assert same_as["Pallof Press"] == "pallof-press"
    assert set(same_as.values()) <= curated_ids
    assert set(SAME_AS) <= set(same_as)
    extended_names = {e.name for e in built.exercises}
    assert not extended_names & set(same_as)
    assert not {e.id for e in built.exercises} & curated_ids


def test_the_packaged_file_is_what_the_script_generates_now(built: ExtendedCatalog) -> None:
    packaged = resources.files("strongback.data").joinpath("extended_exercises.json")
    assert packaged.read_text(encoding="utf-8") == render_document(to_document(built)), (
        "extended_exercises.json is stale: run python scripts/build_extended_catalog.py"
    )


def test_the_packaged_file_keeps_only_exercise_fields_and_stays_small() -> None:
    packaged = resources.files("strongback.data").joinpath("extended_exercises.json")
    text = packaged.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) < 1_000_000
    document = json.loads(text)
    allowed = {
        "id", "name", "source", "pattern", "primary_muscles", "secondary_muscles",
        "equipment", "laterality", "loaded", "instructions",
    }  # fmt: skip
    for entry in document["exercises"]:
        assert set(entry) <= allowed, entry["id"]


def test_load_catalog_holds_the_curated_23_and_every_extended_entry() -> None:
    extended = extended_exercises()
    catalog = load_catalog(extended=True)
    assert len(catalog.curated()) == 23
    assert len(catalog) == 23 + len(extended)
    assert len({e.id for e in catalog}) == len(catalog)
    assert len(extended) == 860
    for e in extended:
        assert e.source == "free-exercise-db"
        assert e.section is None
    assert load_catalog(extended=False).find("barbell-deadlift") is None
    assert catalog.get("barbell-deadlift").pattern is P.HIP_HINGE


def test_curated_aliases_and_levels_are_read_from_the_packaged_file(
    built: ExtendedCatalog,
) -> None:
    assert curated_aliases() == built.same_as
    levels = extended_levels()
    assert levels["barbell-deadlift"] is Level.INTERMEDIATE
    assert set(levels) == {e.id for e in built.exercises}


# Small hand-made records.


def record(name: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": name,
        "force": "pull",
        "level": "beginner",
        "mechanic": "compound",
        "equipment": "dumbbell",
        "primaryMuscles": ["lats"],
        "secondaryMuscles": ["biceps"],
        "instructions": ["Do it."],
        "category": "strength",
        "images": ["x/0.jpg"],
        "id": name.replace(" ", "_"),
    }
    base.update(fields)
    return base


def test_an_unknown_muscle_is_reported_and_left_out() -> None:
    cat = convert_records(
        [record("Zqx Row", secondaryMuscles=["biceps", "serratus"])], curated_exercises()
    )
    (entry,) = cat.exercises
    assert entry.secondary_muscles == (Muscle.BICEPS,)
    assert cat.report.unmapped == {"secondaryMuscles": Counter({"serratus": 1})}
    assert any("serratus" in line for line in cat.report.lines())


def test_a_record_whose_only_primary_muscle_is_unknown_is_rejected_with_its_reason() -> None:
    cat = convert_records([record("Zqx Row", primaryMuscles=["serratus"])], curated_exercises())
    assert cat.exercises == []
    assert "no primary muscle" in cat.report.rejected["Zqx Row"]
    assert cat.report.unmapped["primaryMuscles"] == Counter({"serratus": 1})
    assert cat.report.accounted == 1


def test_an_unknown_equipment_value_maps_to_other_and_is_reported() -> None:
    cat = convert_records([record("Zqx Row", equipment="sandbag")], curated_exercises())
    (entry,) = cat.exercises
    assert entry.equipment == (frozenset({Equipment.OTHER}),)
    assert cat.report.unmapped == {"equipment": Counter({"sandbag": 1})}
    assert "  equipment: 'sandbag' x1" in cat.report.lines()


def test_unknown_category_force_mechanic_and_level_are_reported() -> None:
    rec = record("Zqx Row", category="yoga", force="twist", mechanic="mixed", level="pro")
    cat = convert_records([rec], curated_exercises())
    assert cat.exercises[0].pattern is P.HORIZONTAL_PULL
    assert set(cat.report.unmapped) == {"category", "force", "mechanic", "level"}
    assert cat.levels == {}


def test_missing_equipment_means_nothing_needed_and_is_counted() -> None:
    cat = convert_records([record("Zqx Hold", equipment=None)], curated_exercises())
    assert cat.exercises[0].needs_nothing
    assert cat.report.missing["equipment"] == 1


def test_malformed_records_are_rejected_not_dropped() -> None:
    records = ["not an object", {"force": "pull"}, record("Zqx Row", primaryMuscles="lats")]
    cat = convert_records(records, curated_exercises())
    assert cat.exercises == []
    assert len(cat.report.rejected) == 3
    assert cat.report.accounted == cat.report.read == 3
    reasons = " ".join(cat.report.rejected.values())
    assert "not a JSON object" in reasons
    assert "'name' is missing" in reasons
    assert "'primaryMuscles' is not a list" in reasons


def test_a_record_named_like_a_curated_entry_becomes_its_alias() -> None:
    records = [record("Pull-Up"), record("Pullups"), record("Zqx Row")]
    cat = convert_records(records, curated_exercises())
    assert cat.same_as == {"Pull-Up": "pull-up", "Pullups": "pull-up"}
    assert [e.id for e in cat.exercises] == ["zqx-row"]
    assert cat.report.merged == 2


def test_ids_are_ascii_slugs_and_clashing_names_get_a_suffix() -> None:
    assert slugify("Farmer's Walk") == "farmers-walk"
    assert slugify("Extensión De Tríceps") == "extension-de-triceps"
    assert slugify("3/4 Sit-Up") == "3-4-sit-up"
    cat = convert_records([record("Zqx Row"), record("Zqx-Row")], curated_exercises())
    assert sorted(e.id for e in cat.exercises) == ["zqx-row", "zqx-row-2"]
    assert cat.report.renamed == {"Zqx-Row": "zqx-row-2"}


def test_the_result_does_not_depend_on_the_order_of_the_records() -> None:
    records = [record(f"Zqx Row {i}") for i in range(20)] + [record("Pullups")]
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    first = render_document(to_document(convert_records(records, curated_exercises())))
    second = render_document(to_document(convert_records(shuffled, curated_exercises())))
    assert first == second


def test_unreadable_files_raise_import_format_errors(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="no such file"):
        read_records(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('[{"name": "x"},\n{oops}]', encoding="utf-8")
    with pytest.raises(ImportFormatError) as info:
        read_records(bad)
    assert info.value.line == 2
    obj = tmp_path / "obj.json"
    obj.write_text('{"name": "x"}', encoding="utf-8")
    with pytest.raises(ImportFormatError, match="JSON array"):
        read_records(obj)


# The script.


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def test_the_script_writes_the_same_bytes_and_prints_the_report(
    built: ExtendedCatalog, tmp_path: Path
) -> None:
    out = tmp_path / "extended.json"
    result = run_script(str(DATA_FILE), "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "records read: 873" in result.stdout
    assert "  vertical-pull: 24" in result.stdout
    assert "  Pullups -> pull-up" in result.stdout
    assert out.read_text(encoding="utf-8") == render_document(to_document(built))
    check = run_script(str(DATA_FILE), "--output", str(out), "--check")
    assert check.returncode == 0 and "up to date" in check.stdout


def test_the_script_refuses_bad_input_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "extended.json"
    missing = run_script(str(tmp_path / "nope.json"), "--output", str(out))
    assert missing.returncode == 2
    assert missing.stderr.startswith("error: ") and "no such file" in missing.stderr
    rejected_input = tmp_path / "records.json"
    rejected_input.write_text(json.dumps([record("Zqx", primaryMuscles=["x"])]), "utf-8")
    rejected = run_script(str(rejected_input), "--output", str(out))
    assert rejected.returncode == 1 and "rejected" in rejected.stderr
    assert not out.exists()
