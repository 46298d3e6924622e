"""A set's key to its workout (and so to its user) holds on both engines: declared on SQLite,
kept by statement-level triggers on PostgreSQL (migration 0013). Whoever writes, the database
refuses a set without its workout and deletes a workout's sets with it."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from strongback.storage import open_database

KEY = "fk_performed_sets_workout_id_user_id_workouts"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    db = open_database(db_url)
    db.user_id("ann")
    db.user_id("bob")
    try:
        yield db.engine
    finally:
        db.dispose()


def _user(conn: Connection, name: str) -> int:
    return int(conn.execute(text("SELECT id FROM users WHERE name = :n"), {"n": name}).scalar_one())


def _workout(conn: Connection, user_id: int) -> int:
    return int(
        conn.execute(
            text(
                "INSERT INTO workouts (user_id, started_at, title, source) "
                "VALUES (:u, :t, 'Pull', 'manual') RETURNING id"
            ),
            {"u": user_id, "t": datetime(2026, 1, 5, 7, 0)},
        ).scalar_one()
    )


def _set(conn: Connection, user_id: int, workout_id: int, order: int = 1) -> None:
    conn.execute(
        text(
            "INSERT INTO performed_sets (user_id, workout_id, exercise, set_order, set_type) "
            "VALUES (:u, :w, 'pull-up', :o, 'working')"
        ),
        {"u": user_id, "w": workout_id, "o": order},
    )


def _count_sets(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM performed_sets")).scalar_one())


def test_a_set_naming_no_workout_is_refused_with_the_keys_name(engine: Engine) -> None:
    with pytest.raises(IntegrityError) as refused, engine.begin() as conn:
        _set(conn, _user(conn, "ann"), 999_999)
    if engine.dialect.name == "postgresql":
        assert refused.value.orig.sqlstate == "23503"  # type: ignore[union-attr]
        assert KEY in str(refused.value.orig)
        assert "(999999, " in str(refused.value.orig)
    assert _count_sets(engine) == 0


def test_a_set_naming_another_users_workout_is_refused(engine: Engine) -> None:
    with engine.begin() as conn:
        bobs = _workout(conn, _user(conn, "bob"))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        _set(conn, _user(conn, "ann"), bobs)
    assert _count_sets(engine) == 0


def test_one_missing_workout_refuses_the_whole_statement(engine: Engine) -> None:
    with engine.begin() as conn:
        ann = _user(conn, "ann")
        kept = _workout(conn, ann)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO performed_sets (user_id, workout_id, exercise, set_order, set_type) "
                "VALUES (:u, :w, 'pull-up', 1, 'working'), (:u, 424242, 'pull-up', 2, 'working')"
            ),
            {"u": ann, "w": kept},
        )
    assert _count_sets(engine) == 0


def test_moving_a_set_to_a_missing_workout_is_refused_and_other_edits_pass(engine: Engine) -> None:
    with engine.begin() as conn:
        ann = _user(conn, "ann")
        workout = _workout(conn, ann)
        other = _workout(conn, ann)
        _set(conn, ann, workout)
    with engine.begin() as conn:
        conn.execute(text("UPDATE performed_sets SET reps = 8"))
        conn.execute(text("UPDATE performed_sets SET workout_id = :w"), {"w": other})
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE performed_sets SET workout_id = 31337"))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE performed_sets SET user_id = :u"), {"u": _user(conn, "bob")})
    with engine.connect() as conn:
        assert conn.execute(text("SELECT workout_id, reps FROM performed_sets")).one() == (other, 8)


def test_deleting_workouts_or_their_user_deletes_their_sets_only(engine: Engine) -> None:
    with engine.begin() as conn:
        ann, bob = _user(conn, "ann"), _user(conn, "bob")
        first, second, bobs = _workout(conn, ann), _workout(conn, ann), _workout(conn, bob)
        for order in (1, 2):
            _set(conn, ann, first, order)
            _set(conn, ann, second, order)
            _set(conn, bob, bobs, order)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM workouts WHERE id = :w"), {"w": first})
    with engine.connect() as conn:
        left = conn.execute(text("SELECT workout_id FROM performed_sets ORDER BY id")).scalars()
        assert sorted(left) == [second, second, bobs, bobs]
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM users WHERE id = :u"), {"u": ann})
    with engine.connect() as conn:
        left = conn.execute(text("SELECT workout_id FROM performed_sets")).scalars()
        assert list(left) == [bobs, bobs]


def test_a_workout_with_sets_keeps_its_key(engine: Engine) -> None:
    with engine.begin() as conn:
        ann = _user(conn, "ann")
        workout, empty = _workout(conn, ann), _workout(conn, ann)
        _set(conn, ann, workout)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE workouts SET id = 777777 WHERE id = :w"), {"w": workout})
    with engine.begin() as conn:  # a workout without sets may change its key
        conn.execute(text("UPDATE workouts SET id = 888888 WHERE id = :w"), {"w": empty})
        conn.execute(text("UPDATE workouts SET title = 'Pull B'"))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT workout_id FROM performed_sets")).scalar_one() == workout


@pytest.mark.parametrize(
    "tables", ["workouts CASCADE", "workouts, performed_sets CASCADE", "users CASCADE"]
)
def test_truncating_the_workouts_leaves_no_set_behind(tables: str, postgres_url: str) -> None:
    db = open_database(postgres_url)
    try:
        with db.engine.begin() as conn:
            ann = db.user_id("ann")
            _set(conn, ann, _workout(conn, ann))
        with db.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables}"))
        assert _count_sets(db.engine) == 0
    finally:
        db.dispose()


def test_a_copy_of_sets_without_their_workout_is_refused(postgres_url: str) -> None:
    db = open_database(postgres_url)
    try:
        ann = db.user_id("ann")
        with pytest.raises(Exception, match=KEY), db.engine.begin() as conn:
            raw = conn.connection.driver_connection
            with (
                raw.cursor() as cursor,
                cursor.copy(  # type: ignore[union-attr]
                    "COPY performed_sets (user_id, workout_id, exercise, set_order, set_type) "
                    "FROM STDIN"
                ) as copy,
            ):
                copy.write_row((ann, 5, "pull-up", 1, "working"))
        assert _count_sets(db.engine) == 0
    finally:
        db.dispose()


def test_sets_added_while_their_workout_is_deleted_are_refused_or_deleted(
    postgres_url: str,
) -> None:
    """Two transactions at once (PostgreSQL's READ COMMITTED): the one adding sets to a
    workout that another deletes waits for it and is refused; deleting a workout that another
    transaction has just given sets waits for it and deletes those sets too."""
    db = open_database(postgres_url)
    try:
        with db.engine.begin() as conn:
            ann = db.user_id("ann")
            doomed, kept = _workout(conn, ann), _workout(conn, ann)
        # The delete first: the insert waits for it, then finds no workout.
        failures: list[BaseException] = []
        with db.engine.connect() as deleter:
            deleter.begin()
            deleter.execute(text("DELETE FROM workouts WHERE id = :w"), {"w": doomed})

            def add() -> None:
                try:
                    with db.engine.begin() as conn:
                        _set(conn, ann, doomed)
                except BaseException as exc:
                    failures.append(exc)

            adder = threading.Thread(target=add)
            adder.start()
            time.sleep(0.5)
            assert adder.is_alive()  # waiting for the delete
            deleter.commit()
            adder.join(10)
        assert len(failures) == 1 and isinstance(failures[0], IntegrityError)
        # The insert first: the delete waits for it, then deletes the new set as well.
        with db.engine.connect() as adder_conn:
            adder_conn.begin()
            _set(adder_conn, ann, kept)

            def delete() -> None:
                with db.engine.begin() as conn:
                    conn.execute(text("DELETE FROM workouts WHERE id = :w"), {"w": kept})

            remover = threading.Thread(target=delete)
            remover.start()
            time.sleep(0.5)
            assert remover.is_alive()  # waiting for the sets' lock on the workout
            adder_conn.commit()
            remover.join(10)
        assert _count_sets(db.engine) == 0
    finally:
        db.dispose()


def test_the_keys_triggers_are_in_place_on_postgresql(postgres_url: str) -> None:
    db = open_database(postgres_url)
    try:
        with db.engine.connect() as conn:
            found = {
                (table, name)
                for table, name in conn.execute(
                    text(
                        "SELECT c.relname, t.tgname FROM pg_trigger t "
                        "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
                    )
                )
            }
            keys = conn.execute(
                text("SELECT count(*) FROM pg_constraint WHERE conname = :k"), {"k": KEY}
            ).scalar_one()
        assert {
            ("performed_sets", "performed_sets_workout_inserted"),
            ("performed_sets", "performed_sets_workout_updated"),
            ("workouts", "workouts_deleted"),
            ("workouts", "workouts_key_changed"),
            ("workouts", "workouts_truncated"),
        } <= found
        assert keys == 0  # the triggers keep it, not a declared key
    finally:
        db.dispose()


def test_the_checks_plans_hold_from_one_set_to_thousands_on_one_connection(
    postgres_url: str,
) -> None:
    """A function keeps its plans for the session, made for the first call's row counts: after
    a one-set statement, a statement of thousands must not compare every set with every other,
    and after a statement of thousands, a one-set statement must not read whole tables. The
    plans of the triggers' queries are read from auto_explain."""
    db = open_database(postgres_url)
    plans: list[str] = []
    try:
        with db.engine.connect() as conn:
            raw = conn.connection.driver_connection
            raw.add_notice_handler(lambda d: plans.append(d.message_primary or ""))  # type: ignore[union-attr]
            ann = db.user_id("ann")
            try:
                conn.exec_driver_sql("LOAD 'auto_explain'")  # a superuser's, as the suite's is
            except DBAPIError as exc:
                pytest.skip(f"SKIPPED LOUDLY: auto_explain cannot be loaded here: {exc.orig}")
            for setting in (
                "SET auto_explain.log_min_duration = 0",
                "SET auto_explain.log_analyze = on", "SET auto_explain.log_nested_statements = on",
                "SET client_min_messages = log",
            ):  # fmt: skip
                conn.exec_driver_sql(setting)
            first = _workout(conn, ann)
            _set(conn, ann, first)
            conn.execute(text("UPDATE performed_sets SET reps = 1"))
            conn.execute(text("DELETE FROM workouts WHERE id = :w"), {"w": first})
            plans.clear()
            # Thousands: 300 workouts of 10 sets each, every set edited, half the workouts gone.
            ids = [_workout(conn, ann) for _ in range(300)]
            conn.execute(
                text(
                    "INSERT INTO performed_sets (user_id, workout_id, exercise, set_order, "
                    "set_type) SELECT :u, w, 'pull-up', n, 'working' "
                    "FROM unnest(CAST(:ids AS int[])) AS w, generate_series(1, 10) AS n"
                ),
                {"u": ann, "ids": ids},
            )
            conn.execute(text("UPDATE performed_sets SET exercise = 'chin-up'"))
            conn.execute(text("UPDATE performed_sets SET workout_id = :w"), {"w": ids[0]})
            conn.execute(text("DELETE FROM workouts WHERE id <> :w"), {"w": ids[0]})
            big = [p for p in plans if "new_sets" in p or "gone" in p]
            plans.clear()
            last = _workout(conn, ann)
            _set(conn, ann, last)
            conn.execute(text("UPDATE performed_sets SET workout_id = :w"), {"w": last})
            conn.execute(text("DELETE FROM workouts WHERE id = :w"), {"w": last})
            small = [p for p in plans if "new_sets" in p or "gone" in p]
            conn.rollback()
    finally:
        db.dispose()
    assert len(big) >= 4 and len(small) >= 3
    for plan in big:
        removed = [int(n) for n in re.findall(r"Rows Removed by Join Filter: (\d+)", plan)]
        assert max(removed, default=0) <= 3000, plan
    for plan in small:
        assert "Seq Scan on workouts" not in plan and "Seq Scan on performed_sets" not in plan, plan


def test_a_table_of_the_same_name_elsewhere_is_never_the_one_checked(postgres_url: str) -> None:
    db = open_database(postgres_url)
    try:
        ann = db.user_id("ann")
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            # A temporary table comes first in the search path of its session.
            conn.execute(text("CREATE TEMP TABLE workouts (id int, user_id int)"))
            conn.execute(text("INSERT INTO pg_temp.workouts VALUES (999, :u)"), {"u": ann})
            _set(conn, ann, 999)
        assert _count_sets(db.engine) == 0
    finally:
        db.dispose()
