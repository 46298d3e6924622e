"""FitNotes, Liftosaur and JEFIT imports against a real database: counts computed from the file
itself, re-import adds nothing, undo restores the database, the backup round trip holds, and
names mapped move the sets and serve later imports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from strongback.domain.vocab import WeightUnit
from strongback.services.backup import export_backup, restore_backup
from strongback.services.importing import import_file, list_imports, map_name, undo_import
from strongback.storage import Database, open_database
from tests.builders import scope_of
from tests.samples import sample_paths

NEW_APPS = [("fitnotes", p) for p in sample_paths("fitnotes")]
NEW_APPS += [("liftosaur", p) for p in sample_paths("liftosaur")]
NEW_APPS += [("jefit", p) for p in sample_paths("jefit")]


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    db = open_database(db_url)
    try:
        yield db
    finally:
        db.dispose()


def _records(text: str) -> list[list[str]]:
    return [r for r in csv.reader(io.StringIO(text, newline="")) if r]


def _jefit_logs(text: str) -> list[dict[str, str]]:
    block = text.split("### EXERCISE LOGS", 1)[1].split("\n", 1)[1]
    block = block.split("\n######", 1)[0]
    rows = _records(block.strip("\n"))
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def expected(app: str, path: Path) -> tuple[int, int]:
    """(sets, workouts) from the file with the csv module alone, by the format's own rules."""
    text = path.read_text(encoding="utf-8")
    if app == "fitnotes":
        rows = _records(text)[1:]
        return len(rows), len({r[0] for r in rows})
    if app == "liftosaur":
        rows = _records(text)
        header, body = rows[0], rows[1:]
        done = [r for r in body if r[header.index("Completed Reps")].strip()]
        return len(done), len({r[0] for r in done})
    sets = 0
    for row in _jefit_logs(text):
        entries = [e.split("x") for e in row["logs"].split(",") if e]
        if any("." in r.strip(".0") for _, r in entries):
            continue  # cardio packed as sets
        sets += sum(1 for w, r in entries if float(w) or float(r))
    return sets, -1


@pytest.mark.parametrize(("app", "path"), NEW_APPS, ids=lambda v: str(v)[-30:])
def test_each_new_sample_imports_its_sets_once_and_undo_restores_the_database(
    database: Database, app: str, path: Path
) -> None:
    sets, workouts = expected(app, path)
    scope = scope_of(database)
    before = export_backup(scope)
    first = import_file(scope, None, path, unit=WeightUnit.KG)
    assert first.source == app
    assert first.sets == sets
    if workouts >= 0:
        assert first.workouts == workouts
    with database.unit_of_work() as uow:
        assert uow.workouts.count()[1] == sets
    again = import_file(scope, app, path, unit=WeightUnit.KG)
    assert (again.sets, again.workouts, again.duplicates) == (0, 0, sets)
    records = list_imports(scope)
    assert [(r.app, r.sets) for r in records] == [(app, sets), (app, 0)]
    done = undo_import(scope, records[0].id)
    undo_import(scope, records[1].id)
    assert done.sets == sets
    with database.unit_of_work() as uow:
        assert uow.workouts.count() == (0, 0)
    after = export_backup(scope)
    after.pop("exported_at", None)
    before.pop("exported_at", None)
    assert after == before


@pytest.mark.parametrize(("app", "path"), NEW_APPS, ids=lambda v: str(v)[-30:])
def test_each_new_sample_survives_the_json_backup_round_trip(
    db_url: str, tmp_path: Path, app: str, path: Path
) -> None:
    db = open_database(db_url)
    try:
        scope = scope_of(db)
        import_file(scope, app, path, unit=WeightUnit.KG)
        dumped = export_backup(scope)
        other = open_database(f"sqlite:///{tmp_path / 'restored.db'}")
        try:
            restore_backup(scope_of(other), dumped, source="backup")
            again = export_backup(scope_of(other))
        finally:
            other.dispose()
    finally:
        db.dispose()
    assert again["workouts"] == dumped["workouts"]


def test_a_mapped_name_moves_its_sets_and_serves_later_imports(
    database: Database, tmp_path: Path
) -> None:
    rows = "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n"
    first = tmp_path / "a.csv"
    first.write_text(rows + '2024-01-02,Zorblax Press,Chest,50.0,5,,,,""\n', encoding="utf-8")
    second = tmp_path / "b.csv"
    second.write_text(rows + '2024-01-09,Zorblax Press,Chest,55.0,5,,,,""\n', encoding="utf-8")
    scope = scope_of(database)
    summary = import_file(scope, None, first)
    assert "Zorblax Press" in summary.unmatched
    assert summary.suggestions["Zorblax Press"]
    mapped = map_name(scope, "Zorblax Press", "barbell-bench-press-medium-grip")
    assert (mapped.exercise, mapped.moved) == ("barbell-bench-press-medium-grip", 1)
    later = import_file(scope, None, second)
    with database.unit_of_work() as uow:
        exercises = {s.exercise for w in uow.workouts.list() for s in w.sets}
    assert later.mapped == {"Zorblax Press": "barbell-bench-press-medium-grip"}
    assert exercises == {"barbell-bench-press-medium-grip"}


@pytest.mark.parametrize("app", ["fitnotes", "liftosaur", "jefit"])
def test_a_refused_file_changes_nothing_and_records_no_import(
    database: Database, tmp_path: Path, app: str
) -> None:
    from strongback.domain.errors import ImportFormatError

    sample = sample_paths(app)[0]
    bad = tmp_path / "bad.csv"
    text = sample.read_text(encoding="utf-8")
    # The last records cut in the middle of a quoted field.
    bad.write_text(text[: int(len(text) * 0.9)].rsplit("\n", 1)[0] + '\n"cut', encoding="utf-8")
    scope = scope_of(database)
    with pytest.raises(ImportFormatError):
        import_file(scope, app, bad, unit=WeightUnit.KG)
    assert list_imports(scope) == []
    with database.unit_of_work() as uow:
        assert uow.workouts.count() == (0, 0)
        assert uow.custom_exercises.list() == []


def test_mutated_files_are_imported_or_leave_the_database_unchanged(
    sqlite_url: str, tmp_path: Path
) -> None:
    import random

    from strongback.domain.errors import ImportFormatError

    rng = random.Random(4)
    db = open_database(sqlite_url)
    try:
        for app in ("fitnotes", "liftosaur", "jefit", "strong", "hevy"):
            data = bytearray(sample_paths(app)[0].read_bytes()[:6000])
            for _ in range(4):
                at = rng.randrange(len(data))
                data[at : at + rng.randint(0, 3)] = rng.choice([b'"', b"\x00", b",", b"9e9"])
            path = tmp_path / f"{app}.csv"
            path.write_bytes(bytes(data))
            scope = scope_of(db)
            with db.unit_of_work() as uow:
                before = uow.workouts.count(), len(list_imports(scope))
            try:
                import_file(scope, None, path, unit=WeightUnit.KG)
            except ImportFormatError as exc:
                assert "\n" not in str(exc)
                with db.unit_of_work() as uow:
                    assert (uow.workouts.count(), len(list_imports(scope))) == before
    finally:
        db.dispose()


def _profile_weights(path: Path) -> dict[str, float]:
    """The JEFIT file's PROFILE weighings (the last of a day), read with the csv module."""
    block = path.read_text(encoding="utf-8").split("### PROFILE", 1)[1].split("\n", 1)[1]
    rows = _records(block.split("\n######", 1)[0].strip("\n"))
    found = {}
    for row in (dict(zip(rows[0], r, strict=False)) for r in rows[1:]):
        if float(row["weight"]):
            found[row["mydate"]] = float(row["weight"])
    return found


@pytest.mark.parametrize("path", sample_paths("jefit"), ids=lambda p: p.name[:20])
def test_jefit_body_weights_are_imported_once_kept_beside_a_hand_weighing_and_undone(
    database: Database, path: Path
) -> None:
    from datetime import date

    from strongback.services.body import add_body_weight, list_body_weights

    weighings = _profile_weights(path)
    assert weighings
    scope = scope_of(database)
    first_day = min(weighings)
    hand = add_body_weight(scope, 90.0, unit=WeightUnit.KG, day=date.fromisoformat(first_day))
    summary = import_file(scope, "jefit", path, unit=WeightUnit.KG)
    assert summary.body_weights_in_file == len(weighings)
    assert summary.body_weights == len(weighings) - 1
    stored = {e.day.isoformat(): e.weight for e in list_body_weights(scope)}
    assert stored == {**weighings, first_day: 90.0}
    again = import_file(scope, "jefit", path, unit=WeightUnit.KG)
    assert again.body_weights == 0
    assert len(list_body_weights(scope)) == len(weighings)
    for record in reversed(list_imports(scope)):
        undo_import(scope, record.id)
    assert list_body_weights(scope) == [hand]


def test_a_file_whose_rows_give_kg_and_lb_says_so_and_gives_no_unit_hint(
    database: Database, tmp_path: Path
) -> None:
    sample = sample_paths("liftosaur")[0]
    lines = sample.read_text(encoding="utf-8").splitlines(keepends=True)
    header, first = lines[0], lines[1]
    # The same lb row five times, then those sets again in kg (the lifter changed gyms).
    in_lb = [first.replace("T10:32:15", f"T10:3{i}:15") for i in range(5)]
    in_kg = [
        row.replace("2025-12-15", "2025-12-22").replace(",45,lb,45,lb,", ",20,kg,20,kg,")
        for row in in_lb
    ]
    path = tmp_path / "mixed.csv"
    path.write_text(header + "".join(in_lb + in_kg), encoding="utf-8")
    summary = import_file(scope_of(database), "liftosaur", path, unit=WeightUnit.KG)
    assert summary.sets == 10
    assert summary.units == ("kg", "lb")
    assert summary.weights_in == "kg and lb, as each row says"
    assert summary.unit_hint is None  # 45 lb read as lb is not a kg file that looks like lb
    assert summary.to_public()["units"] == ["kg", "lb"]
    with database.unit_of_work() as uow:
        loads = sorted((s.weight, s.unit.value) for w in uow.workouts.list() for s in w.sets)
    assert loads == [(20.0, "kg")] * 5 + [(45.0, "lb")] * 5
