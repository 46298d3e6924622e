"""Writing Strong's 12-column CSV and reading it back with our own importer."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest

from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType, WeightUnit
from strongback.interchange.importers.strong import parse_strong
from strongback.interchange.strong_export import (
    HEADER,
    convert_weight,
    format_duration,
    write_strong_csv,
)
from tests.samples import exports, sample_paths

SAMPLES = exports("strong")


def _name(s: PerformedSet) -> str:
    return s.imported_as or s.exercise


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(55, "55s"), (3300, "55m"), (7200, "2h"), (3900, "1h 5m"), (7170, "2h"), (None, "0s")],
)
def test_durations_are_written_the_way_strong_writes_them(seconds: float | None, text: str) -> None:
    assert format_duration(seconds) == text


def test_weights_convert_only_between_different_units() -> None:
    assert convert_weight(100, WeightUnit.KG, WeightUnit.KG) == 100
    assert convert_weight(100, WeightUnit.KG, WeightUnit.LB) == pytest.approx(220.462, abs=1e-3)
    assert convert_weight(225, WeightUnit.LB, WeightUnit.KG) == pytest.approx(102.058, abs=1e-3)


def test_tags_numbering_rest_rows_and_workout_notes(tmp_path: Path) -> None:
    start = datetime(2024, 5, 1, 18, 0, 0)
    workout = Workout(
        started_at=start,
        ended_at=datetime(2024, 5, 1, 19, 5, 0),
        title="Pull, heavy",
        notes='good "day"',
        sets=(
            PerformedSet("pull-up", 1, SetType.WARM_UP, reps=5, imported_as="Pull Up"),
            PerformedSet("pull-up", 2, reps=8, rest_seconds=120, imported_as="Pull Up",
                         notes="chest to bar,\nslow"),
            PerformedSet("pull-up", 3, reps=7, imported_as="Pull Up"),
            PerformedSet("pull-up", 4, SetType.DROP, reps=4, imported_as="Pull Up"),
            PerformedSet("face-pull", 5, weight=20, unit=WeightUnit.KG, reps=15, rpe=8.5,
                         imported_as="Face Pull (Cable)"),
        ),
    )  # fmt: skip
    out = tmp_path / "out.csv"
    assert write_strong_csv([workout], out, unit=WeightUnit.KG, name_of=_name) == 5
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert tuple(rows[0]) == HEADER
    orders = [r[4] for r in rows[1:]]
    assert orders == ["W", "1", "Rest Timer", "2", "D", "1"]
    assert rows[1][2] == "1h 5m"
    assert rows[1][10] == 'good "day"' and rows[2][10] == ""
    assert rows[3][8] == "120.0"
    assert rows[-1][5:7] == ["20.0", "15"] and rows[-1][11] == "8.5"

    back = parse_strong(out, unit=WeightUnit.KG, resolve=lambda n: n)
    (again,) = back.workouts
    assert (again.started_at, again.ended_at, again.title, again.notes) == (
        workout.started_at, workout.ended_at, workout.title, workout.notes,
    )  # fmt: skip
    assert [(s.set_type, s.reps, s.weight, s.notes, s.rest_seconds, s.rpe) for s in again.sets] == [
        (s.set_type, s.reps, s.weight, s.notes, s.rest_seconds, s.rpe) for s in workout.sets
    ]


@pytest.mark.parametrize("path", sample_paths("strong"), ids=lambda p: p.name[:40])
def test_every_sample_survives_export_and_reimport(path: Path, tmp_path: Path) -> None:
    unit = WeightUnit.LB if "lbs" in path.name else WeightUnit.KG
    first = parse_strong(path, unit=unit, resolve=lambda n: n)
    out = tmp_path / "again.csv"
    write_strong_csv(first.workouts, out, unit=first.unit or unit, name_of=_name)
    second = parse_strong(out, unit=first.unit or unit, resolve=lambda n: n)
    assert len(second.workouts) == len(first.workouts)
    for a, b in zip(first.workouts, second.workouts, strict=True):
        assert (a.started_at, a.title, a.notes) == (b.started_at, b.title, b.notes)
        assert [
            (s.imported_as, s.set_type, s.weight, s.unit, s.reps, s.seconds, s.notes,
             s.rest_seconds, s.rpe)
            for s in a.sets
        ] == [
            (s.imported_as, s.set_type, s.weight, s.unit, s.reps, s.seconds, s.notes,
             s.rest_seconds, s.rpe)
            for s in b.sets
        ]  # fmt: skip
        assert [s.distance_m for s in b.sets] == pytest.approx([s.distance_m for s in a.sets])


def test_a_failed_write_leaves_no_file_behind(tmp_path: Path) -> None:
    def broken(_: PerformedSet) -> str:
        raise RuntimeError("boom")

    workout = Workout(datetime(2024, 1, 1), "x", sets=(PerformedSet("a", 1, reps=1),))
    target = tmp_path / "out.csv"
    target.write_text("old content", encoding="utf-8")
    with pytest.raises(RuntimeError):
        write_strong_csv([workout], target, unit=WeightUnit.KG, name_of=broken)
    assert target.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
