"""A user's first import on PostgreSQL is stored batch by batch while its file is read: the same
rows as an import stored after reading, nothing left by a bad file, undone whole."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from strongback.domain.errors import ImportFormatError
from strongback.domain.vocab import WeightUnit
from strongback.interchange.importers.kernel import HAND_OVER_SETS
from strongback.services.importing import import_file, list_imports, undo_import
from strongback.storage import Database, open_database
from strongback.storage.repositories.bulk import BulkSets, RowStream
from tests.builders import scope_of

HEADER = ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps",
          "Distance", "Seconds", "Notes", "Workout Notes", "RPE"]  # fmt: skip


@pytest.fixture
def database(postgres_url: str) -> Iterator[Database]:
    db = open_database(postgres_url)
    try:
        yield db
    finally:
        db.dispose()


def _workout_rows(day: int, sets: int) -> list[list[str]]:
    date = (datetime(2020, 1, 1, 7) + timedelta(days=day)).strftime("%Y-%m-%d %H:%M:%S")
    rows = []
    for i in range(sets):
        name = ("Pull Up", "Seated Row (Cable)", "Machine Move (Machine)")[i % 3]
        rows.append([date, "Pull", "1h", name, str(i + 1), f"{20 + i}.5", "8", "0", "0",
                     "slow" if i == 0 else "", "good day" if i == 0 else "", ""])  # fmt: skip
        if i % 4 == 0:
            rows.append([date, "Pull", "1h", name, "Rest Timer", "0", "0", "0", "90", "", "", ""])
    return rows


def _export(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def _days(n: int, sets: int = 20) -> list[list[str]]:
    return [row for day in range(n) for row in _workout_rows(day, sets)]


_SET_VALUES = ("exercise", "order", "set_type", "weight", "unit", "reps", "notes",
               "rest_seconds", "imported_as", "source_key")  # fmt: skip


def _stored(db: Database, user: str) -> list[tuple[Any, ...]]:
    """Every set of the user: its workout's start, title and notes, then its own values."""
    with scope_of(db, user).unit_of_work() as uow:
        return [
            (w.started_at, w.title, w.notes, *(getattr(s, f) for f in _SET_VALUES))
            for w in uow.workouts.list()
            for s in w.sets
        ]


def _spy(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    """Count the calls of a RowStream method (each call adds 1)."""
    calls: list[int] = []
    method = getattr(RowStream, name)

    def spied(self: RowStream, *args: Any) -> Any:
        calls.append(1)
        return method(self, *args)

    monkeypatch.setattr(RowStream, name, spied)
    return calls


def _without_streaming(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BulkSets, "can_stream", lambda self: False)


def test_a_first_import_streamed_stores_the_same_rows_as_one_stored_after_reading(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Enough workouts for several batches.
    path = _export(tmp_path / "strong.csv", _days(3 * HAND_OVER_SETS // 20 + 7))
    handed = _spy(monkeypatch, "closed")
    streamed = import_file(scope_of(database, "streamed"), "strong", path, unit=WeightUnit.KG)
    assert len(handed) >= 3, "the workouts went to storage in batches while the file was read"
    _without_streaming(monkeypatch)
    plain = import_file(scope_of(database, "plain"), "strong", path, unit=WeightUnit.KG)
    assert (streamed.workouts, streamed.sets) == (plain.workouts, plain.sets) != (0, 0)
    assert streamed.created == plain.created
    assert _stored(database, "streamed") == _stored(database, "plain")
    (record,) = list_imports(scope_of(database, "streamed"))
    assert (record.app, record.unit, record.workouts, record.sets) == (
        "strong", "kg", streamed.workouts, streamed.sets,
    )  # fmt: skip
    # The second import of the file is not streamed (keyed sets are stored) and adds nothing.
    again = import_file(scope_of(database, "streamed"), "strong", path, unit=WeightUnit.KG)
    assert (again.sets, again.duplicates) == (0, streamed.sets)


def test_a_workout_coming_back_later_in_the_file_is_stored_after_reading(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = _days(HAND_OVER_SETS // 20 + 3)
    # The first workout's rows again at the end: it gets more sets after it was handed over.
    rows += _workout_rows(0, 3)
    path = _export(tmp_path / "strong.csv", rows)
    reopened = _spy(monkeypatch, "reopened")
    streamed = import_file(scope_of(database, "streamed"), "strong", path, unit=WeightUnit.KG)
    assert reopened, "the stream was told the first workout came back"
    _without_streaming(monkeypatch)
    plain = import_file(scope_of(database, "plain"), "strong", path, unit=WeightUnit.KG)
    assert (streamed.workouts, streamed.sets) == (plain.workouts, plain.sets)
    assert _stored(database, "streamed") == _stored(database, "plain")


def test_a_bad_record_after_batches_were_stored_leaves_nothing(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = _days(2 * HAND_OVER_SETS // 20 + 3)
    rows.append(["not a date", "Pull", "1h", "Pull Up", "1", "20", "8", "0", "0", "", "", ""])
    path = _export(tmp_path / "strong.csv", rows)
    scope = scope_of(database)
    handed = _spy(monkeypatch, "closed")
    with pytest.raises(ImportFormatError, match="not a date"):
        import_file(scope, "strong", path, unit=WeightUnit.KG)
    assert len(handed) >= 2, "batches went to storage before the bad record was read"
    with scope.unit_of_work() as uow:
        assert uow.workouts.count() == (0, 0)
        assert uow.custom_exercises.list() == []
    assert list_imports(scope) == []


def test_undoing_a_streamed_import_removes_all_it_added_and_no_other_users_rows(
    database: Database, tmp_path: Path
) -> None:
    path = _export(tmp_path / "strong.csv", _days(HAND_OVER_SETS // 20 + 3))
    other = import_file(scope_of(database, "other"), "strong", path, unit=WeightUnit.KG)
    mine = import_file(scope_of(database), "strong", path, unit=WeightUnit.KG)
    assert mine.import_id is not None and mine.sets == other.sets
    undone = undo_import(scope_of(database), mine.import_id)
    assert (undone.workouts, undone.sets) == (mine.workouts, mine.sets)
    with scope_of(database).unit_of_work() as uow:
        assert uow.workouts.count() == (0, 0)
    with scope_of(database, "other").unit_of_work() as uow:
        assert uow.workouts.count() == (other.workouts, other.sets)
