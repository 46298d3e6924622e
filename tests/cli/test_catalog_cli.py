"""``strongback catalog list`` and ``show``: filters, JSON shape, cards and one-line errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from strongback.cli.app import app

KEYS = {
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
BODYWEIGHT = {
    "scorpion-reach",
    "mountain-climber-reach",
    "needle-arm-thread",
    "crab-reach",
    "lying-straight-leg-iron-cross",
    "half-kneeling-hip-flexor-stretch",
    "plank-with-reach",
}


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["catalog", *args])


def listed(*args: str) -> list[dict[str, Any]]:
    result = run("list", *args, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def ids(*args: str) -> set[str]:
    return {item["id"] for item in listed(*args)}


def test_list_shows_the_curated_23_as_a_table() -> None:
    result = run("list")
    assert result.exit_code == 0
    assert result.stderr == ""
    for header in ("id", "name", "section", "pattern", "primary muscles", "equipment", "dose"):
        assert header in result.stdout
    assert "seated-cable-row" in result.stdout and "pallof-press" in result.stdout
    assert "Half-kneeling hip flexor stretch" in result.stdout
    assert "3 x 8-12" in result.stdout and "2 x 30 s/side" in result.stdout
    assert "dumbbells + bench" in result.stdout
    assert result.stdout.rstrip().endswith("23 exercises")


def test_list_json_has_exactly_the_public_keys() -> None:
    data = listed()
    assert len(data) == 23
    for item in data:
        assert set(item) == KEYS
        assert item["source"] == "strongback"
        assert item["section"] in {"back", "hinge-squat", "mobility-core"}
        assert all(isinstance(alt, list) for alt in item["equipment"])
        assert item["instructions"] and item["cues"] and item["mistakes"] and item["why"]


def test_list_by_muscle_includes_secondary_work() -> None:
    found = ids("--muscle", "hip-flexors")
    assert {"scorpion-reach", "half-kneeling-hip-flexor-stretch", "mountain-climber-reach"} <= found
    assert "pull-up" not in found
    assert ids("--muscle", "LATS") == ids("--muscle", "lats")


def test_list_by_equipment_none_keeps_only_bodyweight_drills() -> None:
    assert ids("--equipment", "none") == BODYWEIGHT


def test_list_by_several_pieces_of_equipment() -> None:
    found = ids("--equipment", "dumbbells,bench")
    assert {"incline-dumbbell-row", "alternating-dumbbell-row", "goblet-squat"} <= found
    assert found >= BODYWEIGHT
    assert not found & {"pull-up", "seated-cable-row", "face-pull", "landmine-one-arm-row"}
    assert "incline-dumbbell-row" not in ids("--equipment", "dumbbells")
    assert ids("--equipment", "none,band") == BODYWEIGHT | {"face-pull", "pallof-press"}


def test_list_by_pattern_and_section_combine() -> None:
    assert ids("--pattern", "vertical-pull") == {"pull-up", "lat-pulldown"}
    assert len(ids("--section", "back")) == 10
    assert len(ids("--section", "hinge-squat")) == 5
    assert len(ids("--section", "mobility-core")) == 8
    assert ids("--section", "back", "--pattern", "horizontal-pull", "--equipment", "barbell") == {
        "landmine-one-arm-row"
    }
    assert ids("--section", "hinge-squat", "--muscle", "obliques") == {
        "suitcase-deadlift",
        "chest-loaded-good-morning",
    }


def test_list_with_no_match_says_so() -> None:
    result = run("list", "--section", "back", "--equipment", "none")
    assert result.exit_code == 0
    assert "No exercise matches" in result.stdout
    assert listed("--section", "back", "--equipment", "none") == []


def test_list_all_adds_extended_entries_after_the_curated_ones() -> None:
    everything = listed("--all")
    assert [item["id"] for item in everything[:23]] == [item["id"] for item in listed()]
    assert len({item["id"] for item in everything}) == len(everything)
    for item in everything:
        assert set(item) == KEYS
        assert item["source"] in {"strongback", "free-exercise-db"}
        if item["source"] == "free-exercise-db":
            assert item["section"] is None
    # Filters apply to the extended entries too.
    for item in listed("--all", "--equipment", "none"):
        assert item["equipment"] == [] or [] in item["equipment"]


def test_show_prints_a_readable_card() -> None:
    result = run("show", "pull-up")
    assert result.exit_code == 0 and result.stderr == ""
    out = result.stdout
    assert out.startswith("Pull-up")
    for piece in (
        "vertical-pull",
        "Primary muscles:",
        "lats",
        "a pull-up bar",
        "3 x 5-10",
        "3-2-1-2",
        "lower 3 s",
        "squeeze 2 s at the top",
        "Setup",
        "Steps",
        "  1. ",
        "Why it works",
        "Cues",
        "Common mistakes",
        "Fix:",
        "Regression:  Lat pulldown (lat-pulldown)",
    ):
        assert piece in out, piece


def test_show_spells_out_equipment_alternatives() -> None:
    assert "a cable station, or a resistance band" in run("show", "face-pull").stdout
    assert "dumbbells and a bench" in run("show", "incline-dumbbell-row").stdout
    assert "nothing (bodyweight)" in run("show", "crab-reach").stdout
    stretch = run("show", "half-kneeling-hip-flexor-stretch").stdout
    assert "2 x 30 s/side" in stretch and "no pause" in stretch


def test_show_accepts_an_alias() -> None:
    result = run("show", "thread-the-needle", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "needle-arm-thread"


def test_show_json_is_one_object_with_the_public_keys() -> None:
    result = run("show", "kettlebell-rdl", "--json")
    assert result.exit_code == 0 and result.stderr == ""
    item = json.loads(result.stdout)
    assert set(item) == KEYS
    assert item["id"] == "kettlebell-rdl"
    assert item["equipment"] == [["kettlebell"], ["dumbbells"]]
    assert item["regression"] == "chest-loaded-good-morning"
    assert item == next(i for i in listed() if i["id"] == "kettlebell-rdl")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show", "pul-up"], "error: unknown exercise 'pul-up'; did you mean pull-up?"),
        (["show", "pul-up", "--json"], "error: unknown exercise 'pul-up'; did you mean pull-up?"),
        (["list", "--muscle", "lat"], "error: unknown muscle 'lat'; did you mean lats?"),
        (["list", "--equipment", "dumbells"], "error: unknown equipment 'dumbells'; did you mean"),
        (["list", "--equipment", "bench,kettlebel"], "error: unknown equipment 'kettlebel'"),
        (["list", "--pattern", "vertical"], "error: unknown pattern 'vertical'; did you mean"),
        (["list", "--section", "mobility"], "error: unknown section 'mobility'; did you mean"),
    ],
)
def test_unknown_names_exit_2_with_one_line_and_a_suggestion(
    args: list[str], expected: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n")
    assert result.stderr.startswith(expected)
    assert "did you mean" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_suggestions_name_the_closest_valid_slugs() -> None:
    assert "dumbbells" in run("list", "--equipment", "dumbells").stderr
    assert "vertical-pull" in run("list", "--pattern", "vertical").stderr
    assert "mobility-core" in run("list", "--section", "mobility").stderr
    assert "kettlebell" in run("list", "--equipment", "bench,kettlebel").stderr


def test_help_lists_the_options() -> None:
    result = run("list", "--help")
    assert result.exit_code == 0
    for option in ("--muscle", "--equipment", "--pattern", "--section", "--all", "--json"):
        assert option in result.stdout
