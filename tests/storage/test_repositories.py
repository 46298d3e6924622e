"""Repositories and the unit of work, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from strongback.domain.errors import InvalidInput
from strongback.domain.exercise import Exercise
from strongback.domain.planning.plan import Plan
from strongback.domain.profile import UserProfile
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import Equipment, Pattern, SetType, Side, WeightUnit
from strongback.storage import Database, open_database
from tests.builders import typed_plan


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


def _workout(
    day: int, *sets: PerformedSet, title: str = "Pull day", source: str = "strong"
) -> Workout:
    return Workout(
        started_at=datetime(2026, 3, day, 18, 5, 30),
        ended_at=datetime(2026, 3, day, 19, 0),
        title=title,
        sets=tuple(sets),
        source=source,
    )


def _set(
    order: int, exercise: str = "lat-pulldown", key: str | None = None, **kw: object
) -> PerformedSet:
    base = {"weight": 42.5, "unit": WeightUnit.KG, "reps": 10}
    base.update(kw)
    return PerformedSet(exercise=exercise, order=order, source_key=key, **base)  # type: ignore[arg-type]


def _strip_ids(w: Workout) -> Workout:
    return replace(w, id=None, sets=tuple(replace(s, id=None) for s in w.sets))


def test_profile_is_default_until_saved_then_reads_back_exactly(db: Database) -> None:
    with db.unit_of_work() as uow:
        assert uow.profile.get() == UserProfile()
        profile = UserProfile(
            equipment=frozenset({Equipment.PULL_UP_BAR, Equipment.DUMBBELLS}),
            unit=WeightUnit.LB,
            dumbbells=(10.0, 25.0, 52.5),
            kettlebells=(35.0,),
            plates=(2.5, 5.0, 45.0),
            bar_weight=45.0,
            cable_step=2.5,
            pain_threshold=2,
        )
        uow.profile.save(profile)
        uow.commit()
    with db.unit_of_work() as uow:
        assert uow.profile.get() == profile
        uow.profile.save(UserProfile(unit=WeightUnit.KG))
        uow.commit()
    with db.unit_of_work() as uow:
        assert uow.profile.get() == UserProfile(unit=WeightUnit.KG)


def test_added_workout_reads_back_with_every_field_and_ids(db: Database) -> None:
    full = PerformedSet(
        exercise="single-arm-row",
        order=1,
        set_type=SetType.DROP,
        weight=57.3,
        unit=WeightUnit.LB,
        reps=8,
        seconds=41.5,
        distance_m=12.5,
        side=Side.LEFT,
        rpe=8.5,
        tempo="3-2-1-2",
        pain=2,
        notes='a "quoted", note\nwith a newline',
        imported_as="Dumbbell Row",
        rest_seconds=90.0,
        superset="A",
        source_key="strong:1",
    )
    workout = _workout(3, full, _set(2, rir=1.5, set_type=SetType.WARM_UP), title="Zug & Rücken")
    with db.unit_of_work() as uow:
        stored = uow.workouts.add(workout)
        uow.commit()
    assert stored.id is not None
    assert all(s.id is not None for s in stored.sets)
    with db.unit_of_work() as uow:
        again = uow.workouts.get(stored.id)
    assert again == stored
    assert _strip_ids(again) == workout
    assert again.sets[0].weight == 57.3 and again.sets[0].unit is WeightUnit.LB


def test_times_are_stored_as_the_wall_clock_given(db: Database) -> None:
    aware = datetime(2026, 3, 4, 7, 15, tzinfo=timezone(timedelta(hours=-5)))
    with db.unit_of_work() as uow:
        stored = uow.workouts.add(replace(_workout(4, _set(1)), started_at=aware, ended_at=None))
        uow.commit()
        back = uow.workouts.get(stored.id or 0)
    assert back is not None
    assert back.started_at == datetime(2026, 3, 4, 7, 15)
    assert back.started_at.tzinfo is None


def test_unit_of_work_rolls_back_unless_committed(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.workouts.add(_workout(5, _set(1)))
    with db.unit_of_work() as uow:
        assert uow.workouts.list() == []
        uow.workouts.add(_workout(5, _set(1)))
        uow.commit()
        uow.workouts.add(_workout(6, _set(1)))  # after the commit, not committed
    with db.unit_of_work() as uow:
        assert [w.day.day for w in uow.workouts.list()] == [5]


def test_list_is_oldest_first_and_filters_by_time_exercise_and_last(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.workouts.add(_workout(9, _set(1, "pull-up"), _set(2, "face-pull")))
        uow.workouts.add(_workout(2, _set(1, "lat-pulldown")))
        uow.workouts.add(_workout(5, _set(2, "face-pull"), _set(1, "lat-pulldown")))
        uow.commit()
        everything = uow.workouts.list()
        assert [w.day.day for w in everything] == [2, 5, 9]
        # Sets come in their order within the workout.
        assert [s.order for s in everything[1].sets] == [1, 2]
        assert [w.day.day for w in uow.workouts.list(last=2)] == [5, 9]
        assert [w.day.day for w in uow.workouts.list(since=datetime(2026, 3, 5))] == [5, 9]
        assert [w.day.day for w in uow.workouts.list(until=datetime(2026, 3, 5))] == [2]
        by_exercise = uow.workouts.list(exercise="face-pull")
        assert [w.day.day for w in by_exercise] == [5, 9]
        assert {s.exercise for w in by_exercise for s in w.sets} == {"face-pull"}
        assert [w.day.day for w in uow.workouts.list(exercise="lat-pulldown", last=1)] == [5]


def test_add_many_inserts_everything_in_order_and_reimport_adds_nothing(db: Database) -> None:
    batch = [
        _workout(d, *(_set(i, key=f"k{d}-{i}", reps=i) for i in range(1, 6))) for d in range(1, 11)
    ]
    with db.unit_of_work() as uow:
        assert uow.workouts.add_many(batch) == 50
        uow.commit()
    with db.unit_of_work() as uow:
        stored = uow.workouts.list()
        assert [_strip_ids(w) for w in stored] == batch
        assert uow.workouts.add_many(batch) == 0
        uow.commit()
        assert uow.workouts.count() == (10, 50)


def test_add_many_skips_known_and_repeated_keys_but_keeps_unkeyed_sets(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.workouts.add_many([_workout(1, _set(1, key="a"), _set(2, key="b"))])
        # "a" is stored; "c" repeats within the batch; unkeyed sets are always new.
        n = uow.workouts.add_many(
            [
                _workout(2, _set(1, key="a"), _set(2, key="c"), _set(3, key="c"), _set(4)),
                _workout(3, _set(1, key="b")),  # nothing new: the workout is not created
            ]
        )
        uow.commit()
        assert n == 2
        assert uow.workouts.known_source_keys(["a", "b", "c", "zzz"]) == {"a", "b", "c"}
        assert [w.day.day for w in uow.workouts.list()] == [1, 2]


def test_add_many_handles_a_large_batch(db: Database) -> None:
    batch = [
        _workout(1 + d % 28, *(_set(i, key=f"{d}:{i}") for i in range(20))) for d in range(300)
    ]
    with db.unit_of_work() as uow:
        assert uow.workouts.add_many(batch) == 6000
        uow.commit()
        assert uow.workouts.count() == (300, 6000)
        assert len(uow.workouts.known_source_keys(f"{d}:0" for d in range(400))) == 300


def test_deleting_the_last_set_deletes_its_workout(db: Database) -> None:
    with db.unit_of_work() as uow:
        w = uow.workouts.add(_workout(1, _set(1), _set(2)))
        uow.commit()
        first, second = (s.id or 0 for s in w.sets)
        assert uow.workouts.delete_set(first) is True
        assert uow.workouts.get(w.id or 0) is not None
        assert uow.workouts.delete_set(second) is True
        assert uow.workouts.get(w.id or 0) is None
        assert uow.workouts.delete_set(second) is False
        uow.commit()
        assert uow.workouts.count() == (0, 0)


def test_deleting_a_workout_deletes_its_sets(db: Database) -> None:
    with db.unit_of_work() as uow:
        w = uow.workouts.add(_workout(1, _set(1), _set(2)))
        keep = uow.workouts.add(_workout(2, _set(1)))
        assert uow.workouts.delete_workout(w.id or 0) is True
        assert uow.workouts.delete_workout(w.id or 0) is False
        uow.commit()
        assert uow.workouts.count() == (1, 1)
        assert [x.id for x in uow.workouts.list()] == [keep.id]


def test_append_sets_refuses_a_workout_that_is_not_the_users(db: Database) -> None:
    with db.unit_of_work(user="alice") as uow:
        w = uow.workouts.add(_workout(1, _set(1)))
        uow.commit()
    with db.unit_of_work(user="bob") as uow, pytest.raises(InvalidInput):
        uow.workouts.append_sets(w.id or 0, [_set(2)])


def test_one_user_cannot_see_or_delete_another_users_rows(db: Database) -> None:
    custom = Exercise(
        id="sled-pull",
        name="Sled Pull",
        source="custom",
        pattern=Pattern.OTHER,
        primary_muscles=("lats",),  # type: ignore[arg-type]
    )
    with db.unit_of_work(user="alice") as uow:
        w = uow.workouts.add(_workout(1, _set(1, key="same-key")))
        uow.workouts.add_many([_workout(2, _set(1, key="bulk"))])
        uow.profile.save(UserProfile(unit=WeightUnit.LB))
        uow.custom_exercises.add(custom)
        uow.plans.save(_plan_holding("pull-up"), name="alice's plan")
        uow.commit()
    set_id = w.sets[0].id or 0
    with db.unit_of_work(user="bob") as uow:
        assert uow.user_id != db.user_id("alice")
        assert uow.workouts.list() == []
        assert uow.workouts.get(w.id or 0) is None
        assert uow.workouts.workout_of_set(set_id) is None
        assert uow.workouts.delete_set(set_id) is False
        assert uow.workouts.delete_workout(w.id or 0) is False
        assert uow.workouts.known_source_keys(["same-key", "bulk"]) == set()
        assert uow.workouts.count() == (0, 0)
        assert uow.profile.get() == UserProfile()
        assert uow.custom_exercises.list() == []
        assert uow.plans.current() is None and uow.plans.list() == []
        # The same source key is a different set for another user.
        assert uow.workouts.add_many([_workout(1, _set(1, key="same-key"))]) == 1
        uow.commit()
    with db.unit_of_work(user="alice") as uow:
        assert uow.workouts.count() == (2, 2)
        assert uow.profile.get().unit is WeightUnit.LB
        assert [e.id for e in uow.custom_exercises.list()] == ["sled-pull"]


def test_a_set_cannot_be_attached_to_another_users_workout(db: Database) -> None:
    alice = db.user_id("alice")
    bob = db.user_id("bob")
    with db.unit_of_work(user_id=alice) as uow:
        w = uow.workouts.add(_workout(1, _set(1)))
        uow.commit()
    with db.engine.connect() as conn, pytest.raises(IntegrityError):
        conn.execute(
            text(
                "INSERT INTO performed_sets (user_id, workout_id, exercise, set_order, set_type) "
                "VALUES (:u, :w, 'pull-up', 1, 'working')"
            ),
            {"u": bob, "w": w.id},
        )


@pytest.mark.parametrize(
    ("column", "value"),
    [("pain", 11), ("pain", -1), ("set_type", "'heavy'"), ("unit", "'st'"), ("side", "'up'")],
)
def test_the_schema_refuses_out_of_range_values(db: Database, column: str, value: object) -> None:
    with db.unit_of_work() as uow:
        w = uow.workouts.add(_workout(1, _set(1)))
        uow.commit()
    with db.engine.connect() as conn, pytest.raises(IntegrityError):
        conn.execute(
            text(f"UPDATE performed_sets SET {column} = {value} WHERE workout_id = {w.id}")
        )


def test_add_refuses_a_source_key_already_stored(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.workouts.add(_workout(1, _set(1, key="k")))
        with pytest.raises(InvalidInput, match="already stored"):
            uow.workouts.add(_workout(2, _set(1, key="k")))


def test_custom_exercises_are_stored_once_and_read_back_whole(db: Database) -> None:
    exercise = Exercise(
        id="band-pull-apart-wide",
        name="Band Pull-Apart (wide)",
        pattern=Pattern.REAR_DELT,
        primary_muscles=("rear-delts",),  # type: ignore[arg-type]
        equipment=(frozenset({Equipment.BAND}),),
        default_tempo="2-1-1-2",  # type: ignore[arg-type]
        aliases=("Pull Apart",),
    )
    with db.unit_of_work() as uow:
        uow.custom_exercises.add(exercise)
        uow.custom_exercises.add(exercise.model_copy(update={"name": "Other name"}))
        uow.commit()
        stored = uow.custom_exercises.list()
    assert stored == [exercise.model_copy(update={"source": "custom"})]
    with db.unit_of_work() as uow:
        assert uow.custom_exercises.get("band-pull-apart-wide") == stored[0]
        assert uow.custom_exercises.get("nope") is None


def _plan_holding(exercise: str) -> Plan:
    return typed_plan(
        {"weeks": [{"week": 1, "sessions": [{"day": 1, "items": [{"exercise": exercise}]}]}]}
    )


def test_only_the_latest_saved_plan_is_current(db: Database) -> None:
    with db.unit_of_work() as uow:
        assert uow.plans.current() is None
        a = _plan_holding("row")
        b = _plan_holding("pull-up").starting(date(2026, 2, 2))
        first = uow.plans.save(a, name="first")
        second = uow.plans.save(b)
        draft = uow.plans.save(_plan_holding("face-pull"), current=False)
        uow.commit()
        assert uow.plans.current() == b
        listed = uow.plans.list()
    assert [p.id for p in listed] == [first, second, draft]
    assert [p.is_current for p in listed] == [False, True, False]
    assert listed[0].name == "first" and listed[0].plan == a


def test_a_value_the_database_refuses_is_one_clear_error_and_nothing_is_kept(
    db: Database,
) -> None:
    bad = _workout(1, _set(1, key="fine"), _set(2, key="bad", pain=12))
    with db.unit_of_work() as uow:
        with pytest.raises(InvalidInput, match="the database refused the data"):
            uow.workouts.add_many([bad])
        uow.rollback()
        assert uow.workouts.count() == (0, 0)
        with pytest.raises(InvalidInput, match="the database refused the data"):
            uow.workouts.add(_workout(1, _set(1, rpe=11.0)))


# -- the bulk path ------------------------------------------------------------------------------


def test_hex_keys_are_their_own_hash_and_other_text_is_hashed() -> None:
    from strongback.storage.repositories import key_hash

    assert key_hash("0000000000000001") == 1
    assert key_hash("ffffffffffffffff") == -1  # read as a signed 64-bit integer
    assert key_hash("7fffffffffffffff") == 2**63 - 1
    # Texts that int(..., 16) would also read as these numbers stay distinct keys.
    for near in ("0x00000000000001", "000000000000_001", " 000000000000001", "000000000000000A"):
        assert key_hash(near) not in (0, 1, 10)
    assert key_hash("strong:1") == key_hash("strong:1") != key_hash("strong:2")
    assert -(2**63) <= key_hash("any text at all") < 2**63


def test_keys_hashed_together_equal_each_key_hashed_alone() -> None:
    from strongback.storage.repositories.rows import key_hash, key_hashes

    hex_keys = ["0000000000000001", "ffffffffffffffff", "8000000000000000", "7fffffffffffffff"]
    assert key_hashes(hex_keys) == [1, -1, -(2**63), 2**63 - 1]
    # One key that is not 16 lowercase hex digits (or none at all) and every key is still
    # hashed as key_hash does it.
    for odd in ("000000000000000A", "0x00000000000001", " 000000000000001", "strong:1", None):
        mixed = [*hex_keys, odd]
        assert key_hashes(mixed) == [key_hash(k) if k is not None else None for k in mixed]
    assert key_hashes([]) == []


def test_source_keys_read_back_as_given_and_stay_unique_per_user(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.workouts.add_many(
            [_workout(1, _set(1, key="strong:1"), _set(2, key="0123456789abcdef"))]
        )
        uow.commit()
    with db.unit_of_work() as uow:
        (stored,) = uow.workouts.list()
        assert [s.source_key for s in stored.sets] == ["strong:1", "0123456789abcdef"]
        assert uow.workouts.known_source_keys(["strong:1", "0123456789abcdef", "x"]) == {
            "strong:1",
            "0123456789abcdef",
        }
        with pytest.raises(InvalidInput):
            uow.workouts.add(_workout(2, _set(1, key="0123456789abcdef")))


_ROW_FIELDS = ("exercise", "order", "set_type", "weight", "unit", "reps", "notes", "source_key")


def _rows(day: int, n: int, prefix: str = "k") -> list[list[object]]:
    return [
        ["pull-up", i, "working", 10.0 + i / 4, "kg", 5 + i, None, f"{prefix}{day}-{i}"]
        for i in range(1, n + 1)
    ]


def test_add_rows_stores_each_field_named_and_a_second_time_nothing(db: Database) -> None:
    batch = [(_workout(d, title=f"day {d}"), _rows(d, 3)) for d in (1, 2, 3)]
    batch[1][1][0][6] = 'with "notes", commas\nand lines'
    with db.unit_of_work() as uow:
        assert uow.workouts.add_rows(batch, _ROW_FIELDS) == (3, 9)
        uow.commit()
    with db.unit_of_work() as uow:
        stored = uow.workouts.list()
        assert [w.title for w in stored] == ["day 1", "day 2", "day 3"]
        first = stored[1].sets[0]
        assert (first.exercise, first.order, first.set_type, first.weight, first.unit) == (
            "pull-up", 1, SetType.WORKING, 10.25, WeightUnit.KG,
        )  # fmt: skip
        assert first.notes == 'with "notes", commas\nand lines'
        assert first.source_key == "k2-1" and first.side is None and first.rir is None
        # A re-import adds nothing; a file grown by one workout adds just that one.
        assert uow.workouts.add_rows(batch, _ROW_FIELDS) == (0, 0)
        more = [*batch, (_workout(4, title="day 4"), _rows(4, 2))]
        assert uow.workouts.add_rows(more, _ROW_FIELDS) == (1, 2)
        assert uow.workouts.count() == (4, 11)


def test_empty_values_of_bulk_rows_are_stored_as_null_and_read_back_empty(db: Database) -> None:
    fields = ("exercise", "order", "set_type", "weight", "unit", "reps", "seconds",
              "distance_m", "rpe", "notes", "imported_as", "rest_seconds", "superset",
              "source_key")  # fmt: skip
    empty = ["plank", 1, "working", *[None] * 11]
    full = ["plank", 2, "working", 0.0, "kg", 0, 0.0, 0.0, 0.0, "", "Plank", 0.0, "", "k-2"]
    with db.unit_of_work() as uow:
        assert uow.workouts.add_rows([(_workout(1), [empty, full])], fields) == (1, 2)
        uow.commit()
    with db.unit_of_work() as uow:
        first, second = uow.workouts.list()[0].sets
        assert [getattr(first, f) for f in fields[3:]] == [None] * 11
        assert [getattr(second, f) for f in fields[3:]] == full[3:]
    columns = ("weight", "unit", "reps", "seconds", "distance_m", "rpe", "notes", "imported_as",
               "rest_seconds", "superset", "source_key", "source_hash")  # fmt: skip
    with db.engine.connect() as conn:
        nulls = conn.execute(
            text(
                "SELECT "
                + ", ".join(f"{c} IS NULL" for c in columns)
                + " FROM performed_sets ORDER BY set_order"
            )
        ).all()
    assert [list(map(bool, row)) for row in nulls] == [[True] * 12, [False] * 12]


def test_a_large_bulk_insert_on_sqlite_enlarges_the_page_cache_only_meanwhile(
    tmp_path: Path,
) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'cache.db'}")
    try:
        with database.unit_of_work(write=True) as uow:
            conn = uow.connection

            def cache_size() -> object:
                return conn.exec_driver_sql("PRAGMA cache_size").scalar()

            before = cache_size()
            statements: list[str] = []
            driver = conn.connection.driver_connection
            assert driver is not None
            driver.set_trace_callback(statements.append)
            # 11 workouts of 500 sets: past the size from which the cache is enlarged.
            batch = [(_workout(d, title=f"day {d}"), _rows(d, 500)) for d in range(1, 12)]
            assert uow.workouts.add_rows(batch, _ROW_FIELDS) == (11, 5500)
            driver.set_trace_callback(None)
            assert any(s.startswith("PRAGMA cache_size = -") for s in statements)
            assert cache_size() == before
            uow.commit()
        with database.unit_of_work() as uow:
            assert uow.workouts.count() == (11, 5500)
    finally:
        database.dispose()


def test_add_rows_refuses_fields_that_are_not_set_fields(db: Database) -> None:
    with db.unit_of_work() as uow:
        with pytest.raises(ValueError):
            uow.workouts.add_rows([(_workout(1), [["pull-up", 1, 2]])], ("exercise", "order", "id"))
        with pytest.raises(ValueError):
            uow.workouts.add_rows([(_workout(1), [[1]])], ("order",))


def test_bulk_sets_land_under_their_own_workouts_after_earlier_ones_were_deleted(
    db: Database,
) -> None:
    with db.unit_of_work() as uow:
        uow.workouts.add_rows(
            [(_workout(d, title=f"old {d}"), _rows(d, 1, "o")) for d in (1, 2)], _ROW_FIELDS
        )
        last = uow.workouts.list()[-1]
        assert last.id is not None
        uow.workouts.delete_workout(last.id)
        uow.commit()
    with db.unit_of_work() as uow:
        batch = [(_workout(d, title=f"new {d}"), _rows(d, d, "n")) for d in (3, 4, 5)]
        assert uow.workouts.add_rows(batch, _ROW_FIELDS) == (3, 12)
        uow.commit()
    with db.unit_of_work() as uow:
        for w in uow.workouts.list():
            day = w.started_at.day
            assert [s.source_key for s in w.sets] == [
                f"{'o' if w.title.startswith('old') else 'n'}{day}-{i}"
                for i in range(1, len(w.sets) + 1)
            ]
        assert [len(w.sets) for w in uow.workouts.list()] == [1, 3, 4, 5]


@pytest.mark.parametrize(
    ("index", "value"),
    [(2, "stretching"), (4, "st"), (5, 2**31)],
    ids=["set-type", "unit", "reps-beyond-integer"],
)
def test_the_bulk_path_refuses_what_the_schema_refuses_and_keeps_nothing(
    db: Database, index: int, value: object
) -> None:
    rows = _rows(1, 3)
    rows[2][index] = value
    with db.unit_of_work() as uow:
        if value == 2**31 and db.dialect != "postgresql":
            # SQLite's INTEGER holds it: stored exactly, never cut to 32 bits.
            uow.workouts.add_rows([(_workout(1), rows)], _ROW_FIELDS)
            assert uow.workouts.list()[0].sets[2].reps == 2**31
            return
        with pytest.raises(InvalidInput):
            uow.workouts.add_rows([(_workout(1), rows)], _ROW_FIELDS)
    with db.unit_of_work() as uow:
        assert uow.workouts.count() == (0, 0)


def test_custom_exercises_added_together_keep_the_first_of_each_id(db: Database) -> None:
    def custom(slug: str, name: str) -> Exercise:
        return Exercise(
            id=slug,
            name=name,
            source="custom",
            pattern=Pattern.CARDIO,
            primary_muscles=("traps",),  # type: ignore[arg-type]
        )

    with db.unit_of_work() as uow:
        uow.custom_exercises.add(custom("sled-drag", "Sled Drag"))
        added = uow.custom_exercises.add_many(
            [
                custom("sled-drag", "Other"),
                custom("yoke-walk", "Yoke Walk"),
                custom("yoke-walk", "Again"),
            ]
        )
        assert added == 1
        assert [(e.id, e.name) for e in uow.custom_exercises.list()] == [
            ("sled-drag", "Sled Drag"),
            ("yoke-walk", "Yoke Walk"),
        ]
