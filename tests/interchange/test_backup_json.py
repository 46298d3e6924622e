"""The JSON backup: its shape, the round trip on both engines, and refusing bad documents."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest

from strongback.domain.errors import ImportFormatError, InvalidInput
from strongback.domain.exercise import Exercise
from strongback.domain.profile import UserProfile
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import Equipment, Pattern, SetType, Side, WeightUnit
from strongback.services.backup import export_backup, restore_backup
from strongback.storage import Database, open_database
from tests.builders import scope_of, typed_plan

SET_KEYS = {
    "id", "exercise", "imported_as", "order", "set_type", "weight", "unit", "reps", "seconds",
    "distance_m", "side", "rpe", "rir", "tempo", "pain", "notes",
}  # fmt: skip
WORKOUT_KEYS = {"id", "started_at", "ended_at", "title", "notes", "source", "sets"}


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


def _fill(db: Database, user: str = "local") -> None:
    with db.unit_of_work(user=user) as uow:
        uow.profile.save(
            UserProfile(
                equipment=frozenset({Equipment.BAND, Equipment.KETTLEBELL}),
                unit=WeightUnit.LB,
                kettlebells=(26.0, 35.0),
                pain_threshold=4,
            )
        )
        uow.custom_exercises.add(
            Exercise(
                id="sandbag-carry",
                name="Sandbag Carry",
                source="custom",
                pattern=Pattern.CARDIO,
                primary_muscles=("traps",),  # type: ignore[arg-type]
                default_tempo="2-0-1-0",  # type: ignore[arg-type]
            )
        )
        plan = typed_plan({"weeks": [{"week": 1, "sessions": []}]})
        uow.plans.save(plan.starting(date(2025, 12, 1)), name="old", current=True)
        uow.plans.save(plan.starting(date(2026, 1, 5)), name="new", current=True)
        uow.workouts.add_many(
            [
                Workout(
                    started_at=datetime(2025, 12, 30, 7, 45, 12),
                    ended_at=datetime(2025, 12, 30, 8, 30),
                    title='Rücken, "heavy"',
                    notes="felt good\nsecond line",
                    source="strong",
                    sets=(
                        PerformedSet(
                            exercise="lat-pulldown",
                            order=1,
                            set_type=SetType.WARM_UP,
                            weight=57.5,
                            unit=WeightUnit.LB,
                            reps=12,
                            imported_as="Lat Pulldown (Cable)",
                            rest_seconds=90,
                            source_key="strong:a",
                        ),
                        PerformedSet(
                            exercise="sandbag-carry",
                            order=2,
                            distance_m=40.0,
                            seconds=35.5,
                            side=Side.RIGHT,
                            rpe=7.5,
                            pain=1,
                            notes="left grip tired",
                            superset="1",
                            source_key="strong:b",
                        ),
                    ),
                ),
                Workout(
                    started_at=datetime(2026, 1, 2, 18, 0),
                    title="Pull",
                    source="hevy",
                    sets=(
                        PerformedSet(exercise="pull-up", order=1, reps=6, rir=2.0, tempo="3-2-1-2"),
                    ),
                ),
            ]
        )
        uow.workouts.add(Workout(started_at=datetime(2026, 1, 5, 9, 0), title="Empty"))
        uow.commit()


def _without_ids(data: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    for w in out["workouts"]:
        w.pop("id")
        for s in w["sets"]:
            s.pop("id")
    for p in out["plans"]:
        p.pop("id")
    return out


def test_dump_has_the_documented_shape(db: Database) -> None:
    _fill(db)
    data = export_backup(scope_of(db))
    json.dumps(data)  # plain JSON values only
    assert data["format"] == "strongback-backup" and data["version"] == 1
    assert set(data) == {
        "format", "version", "profile", "custom_exercises", "plans", "body_weights", "workouts",
    }  # fmt: skip
    assert data["profile"]["unit"] == "lb" and data["profile"]["kettlebells"] == [26.0, 35.0]
    assert [e["id"] for e in data["custom_exercises"]] == ["sandbag-carry"]
    assert [(p["name"], p["is_current"]) for p in data["plans"]] == [("old", False), ("new", True)]
    first = data["workouts"][0]
    assert set(first) == WORKOUT_KEYS
    assert first["started_at"] == "2025-12-30T07:45:12"
    assert first["ended_at"] == "2025-12-30T08:30:00"
    assert set(first["sets"][0]) >= SET_KEYS
    assert first["sets"][0]["weight"] == 57.5 and first["sets"][0]["unit"] == "lb"
    assert first["sets"][0]["set_type"] == "warm-up"
    assert [w["title"] for w in data["workouts"]] == ['Rücken, "heavy"', "Pull", "Empty"]


def test_dump_restore_dump_gives_the_same_data(db: Database) -> None:
    _fill(db, user="original")
    before = export_backup(scope_of(db, "original"))
    # Through real JSON text, as the file would carry it.
    document = json.loads(json.dumps(before))
    summary = restore_backup(scope_of(db, "restored"), document)
    assert summary.to_public() == {"workouts": 3, "sets": 3, "custom_exercises": 1, "plans": 2}
    after = export_backup(scope_of(db, "restored"))
    assert _without_ids(after) == _without_ids(before)


def test_restore_refuses_a_user_who_already_has_data(db: Database) -> None:
    _fill(db)
    data = export_backup(scope_of(db))
    with pytest.raises(InvalidInput, match="empty database"):
        restore_backup(scope_of(db), data)
    with db.unit_of_work() as uow:
        assert uow.workouts.count() == (3, 3)


def _valid_document(db: Database) -> dict[str, Any]:
    _fill(db, user="source")
    return export_backup(scope_of(db, "source"))


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.update(format="something-else"), "format"),
        (lambda d: d.update(version=2), "version"),
        (lambda d: d["workouts"][1]["sets"][0].update(reps="many"), "workouts[1].sets[0].reps"),
        (lambda d: d["workouts"][0]["sets"][1].update(pain=11), "workouts[0].sets[1].pain"),
        (lambda d: d["workouts"][0]["sets"][0].update(unit="stone"), "workouts[0].sets[0].unit"),
        (lambda d: d["workouts"][0].update(started_at="yesterday"), "workouts[0].started_at"),
        (lambda d: d["workouts"][1]["sets"][0].update(tempo="fast"), "workouts[1].sets[0].tempo"),
        (lambda d: d["workouts"][0]["sets"][0].update(colour="red"), "workouts[0].sets[0].colour"),
        (lambda d: d["workouts"][0]["sets"][0].pop("exercise"), "workouts[0].sets[0].exercise"),
        (lambda d: d["profile"].update(unit="stone"), "profile.unit"),
        (
            lambda d: d["workouts"][1]["sets"][0].update(source_key="strong:a"),
            "workouts[1].sets[0].source_key",
        ),
    ],
)
def test_a_bad_document_names_the_field_and_writes_nothing(
    db: Database, mutate: Any, field: str
) -> None:
    data = _valid_document(db)
    mutate(data)
    with pytest.raises(ImportFormatError) as info:
        restore_backup(scope_of(db, "target"), data, source="backup.json")
    assert info.value.field == field
    assert f"field '{field}'" in str(info.value)
    assert str(info.value).startswith("backup.json")
    with db.unit_of_work(user="target") as uow:
        assert uow.workouts.count() == (0, 0)
        assert uow.profile.get() == UserProfile()


@pytest.mark.parametrize("junk", [[], "text", None, 3])
def test_something_that_is_not_an_object_is_refused(db: Database, junk: Any) -> None:
    with pytest.raises(ImportFormatError, match="not a strongback backup"):
        restore_backup(scope_of(db), junk)


def test_a_set_naming_an_unknown_exercise_is_refused_with_its_path(db: Database) -> None:
    data = _valid_document(db)
    data["workouts"][1]["sets"][0]["exercise"] = "no-such-move"
    with pytest.raises(ImportFormatError) as info:
        restore_backup(scope_of(db, "target"), data, source="backup.json")
    assert info.value.field == "workouts[1].sets[0].exercise"
    assert "no-such-move" in str(info.value)
    with db.unit_of_work(user="target") as uow:
        assert uow.workouts.count() == (0, 0)


def test_a_plan_saved_without_a_start_date_starts_the_monday_after_it_was_saved(
    db: Database,
) -> None:
    data = _valid_document(db)
    del data["plans"][1]["plan"]["start_date"]
    data["plans"][1]["created_at"] = "2026-03-04T10:00:00"  # a Wednesday
    restore_backup(scope_of(db, "target"), data)
    with db.unit_of_work(user="target") as uow:
        current = uow.plans.current()
    assert current is not None and current.start_date == date(2026, 3, 9)
