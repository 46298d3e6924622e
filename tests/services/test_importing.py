"""Importing and exporting history on real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from strongback.domain.errors import ImportFormatError
from strongback.domain.profile import UserProfile
from strongback.domain.training_log import Workout
from strongback.domain.vocab import WeightUnit
from strongback.services.importing import export_strong, import_file
from strongback.storage import Database, open_database
from tests.builders import scope_of
from tests.samples import sample_paths

STRONG = sample_paths("strong")
HEVY = sample_paths("hevy")
NOT_SETS = {"rest timer", "ruhezeit", "note"}


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    db = open_database(db_url)
    try:
        yield db
    finally:
        db.dispose()


def _file_counts(path: Path, kind: str) -> tuple[int, int]:
    """(sets, workouts) from the file itself with the csv module alone."""
    text = path.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if r]
    header, records = rows[0], rows[1:]
    if kind == "hevy":
        key = [header.index(k) for k in ("start_time", "title", "end_time")]
        return len(records), len({tuple(r[i] for i in key) for r in records})
    order = next(i for i, h in enumerate(header) if h in ("Set Order", "Reihenfolge festlegen"))
    date = next(i for i, h in enumerate(header) if h in ("Date", "Datum"))
    sets = [r for r in records if r[order].casefold() not in NOT_SETS]
    return len(sets), len({r[date] for r in sets})


def _history(db: Database) -> list[Workout]:
    with db.unit_of_work() as uow:
        return uow.workouts.list()


@pytest.mark.parametrize(
    ("kind", "path"),
    [("strong", p) for p in STRONG] + [("hevy", p) for p in HEVY if "resaved" not in p.name],
    ids=lambda v: v if isinstance(v, str) else v.name[:30],
)
def test_each_sample_imports_with_its_counts_and_a_second_import_adds_nothing(
    database: Database, kind: str, path: Path
) -> None:
    sets, workouts = _file_counts(path, kind)
    first = import_file(scope_of(database), kind, path, unit=WeightUnit.KG)  # type: ignore[arg-type]
    assert (first.sets, first.workouts) == (sets, workouts)
    with database.unit_of_work() as uow:
        assert uow.workouts.count() == (workouts, sets)
    again = import_file(scope_of(database), kind, path, unit=WeightUnit.KG)  # type: ignore[arg-type]
    assert (again.sets, again.workouts, again.duplicates) == (0, 0, sets)
    with database.unit_of_work() as uow:
        assert uow.workouts.count() == (workouts, sets)


def test_unmatched_names_are_stored_as_custom_exercises_and_reused(database: Database) -> None:
    path = next(p for p in STRONG if "andrew50" in p.name)
    summary = import_file(scope_of(database), "strong", path, unit=WeightUnit.LB)
    assert summary.matched["Lat Pulldown (Cable)"] == "lat-pulldown"
    assert summary.matched["Face Pull (Cable)"] == "face-pull"
    assert summary.unmatched, "this file has names no catalog holds"
    with database.unit_of_work() as uow:
        stored = {e.id for e in uow.custom_exercises.list()}
    again = import_file(scope_of(database), "strong", path, unit=WeightUnit.LB)
    assert set(summary.created) == stored
    assert set(summary.unmatched.values()) <= stored
    assert again.created == ()
    assert again.unmatched == summary.unmatched


def test_weights_keep_the_unit_of_the_file_or_the_profile(database: Database) -> None:
    path = next(p for p in STRONG if "ys-math" in p.name)
    with database.unit_of_work() as uow:
        uow.profile.save(UserProfile(unit=WeightUnit.LB))
        uow.commit()
    summary = import_file(scope_of(database), "strong", path)
    assert summary.unit == "lb"
    first = _history(database)[0].sets[0]
    assert (first.weight, first.unit) == (40.0, WeightUnit.LB)


def test_a_bad_file_writes_nothing(database: Database, tmp_path: Path) -> None:
    good = next(p for p in STRONG if "ys-math" in p.name)
    lines = good.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[300] = lines[300].replace(",10.0,", ",ten,", 1).replace(",5.0,", ",five,", 1)
    bad = tmp_path / "bad.csv"
    bad.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ImportFormatError) as err:
        import_file(scope_of(database), "strong", bad, unit=WeightUnit.KG)
    assert err.value.line == 301
    with database.unit_of_work() as uow:
        assert uow.workouts.count() == (0, 0)
        assert uow.custom_exercises.list() == []


def test_skip_invalid_imports_the_spanish_file_without_its_damaged_records(
    database: Database,
) -> None:
    path = next(p for p in HEVY if "spanish" in p.name)
    summary = import_file(scope_of(database), "hevy", path, skip_invalid=True)
    assert [s.line for s in summary.skipped] == [624, 627, 628, 735, 736, 737, 738, 739, 740]
    with database.unit_of_work() as uow:
        assert uow.workouts.count()[1] == summary.sets == summary.sets_in_file


def test_a_strong_export_reads_back_with_the_same_history(
    database: Database, tmp_path: Path
) -> None:
    source = next(p for p in STRONG if "andrew50" in p.name)
    with database.unit_of_work() as uow:
        uow.profile.save(UserProfile(unit=WeightUnit.LB))
        uow.commit()
    import_file(scope_of(database), "strong", source)
    out = tmp_path / "strong-out.csv"
    written = export_strong(scope_of(database), out)
    before = _history(database)
    assert written.sets == sum(len(w.sets) for w in before)

    # Read back by a second user of the same database: a fresh history, the same engine.
    with database.unit_of_work(user="roundtrip") as uow:
        uow.profile.save(UserProfile(unit=WeightUnit.LB))
        uow.commit()
    import_file(scope_of(database, "roundtrip"), "strong", out)
    with database.unit_of_work(user="roundtrip") as uow:
        after = uow.workouts.list()
    assert len(after) == len(before)
    for a, b in zip(before, after, strict=True):
        assert (a.started_at, a.title, a.notes) == (b.started_at, b.title, b.notes)
        assert [
            (s.exercise, s.set_type, s.weight, s.unit, s.reps, s.notes, s.rest_seconds, s.rpe)
            for s in a.sets
        ] == [
            (s.exercise, s.set_type, s.weight, s.unit, s.reps, s.notes, s.rest_seconds, s.rpe)
            for s in b.sets
        ]


def test_export_converts_weights_only_in_the_file(database: Database, tmp_path: Path) -> None:
    path = next(p for p in STRONG if "ys-math" in p.name)
    import_file(scope_of(database), "strong", path, unit=WeightUnit.KG)
    out = tmp_path / "in-pounds.csv"
    export_strong(scope_of(database), out, unit=WeightUnit.LB)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert rows[0][:6] == ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order",
                           "Weight"]  # fmt: skip
    assert float(rows[1][5]) == pytest.approx(40 / 0.45359237, abs=0.001)
    stored = _history(database)[0].sets[0]
    assert (stored.weight, stored.unit) == (40.0, WeightUnit.KG)
