"""One log workout a day: found or created without a race, and marked on upgraded databases."""

from __future__ import annotations

import threading
import time
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from strongback.services.training_log import LogRequest, log_sets
from strongback.storage import open_database
from strongback.storage.log_days import append_and_commit
from strongback.storage.tables import performed_sets, users, workouts
from tests.builders import app_of

DAY = date(2026, 3, 2)


def test_writers_racing_for_a_day_share_one_workout(db_url: str) -> None:
    """Without the writer lock (a read-write unit that did not ask for it), the unique index
    alone keeps one workout: every racer gets the same id and exactly one created it."""
    db = open_database(db_url)
    user_id = db.user_id()
    racers = 6
    barrier = threading.Barrier(racers)
    results: list[tuple[int, bool]] = []
    errors: list[BaseException] = []

    def race() -> None:
        try:
            with db.unit_of_work(user_id=user_id) as uow:
                barrier.wait(timeout=10)
                found = uow.workouts.log_workout_for(DAY, datetime(2026, 3, 2, 9), "Training")
                time.sleep(0.1)  # keep the transaction open while the others try
                uow.commit()
            results.append(found)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=race) for _ in range(racers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert len({workout_id for workout_id, _ in results}) == 1
        assert sorted(created for _, created in results) == [False] * (racers - 1) + [True]
        with db.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(workouts)).scalar() == 1
    finally:
        db.dispose()


def test_sets_logged_at_once_by_many_writers_are_numbered_without_gap_or_repeat(
    db_url: str,
) -> None:
    """Each set is numbered after the day's last one inside its own insert; the writer lock
    keeps that number current, so racing writers (the first creating the day) number apart."""
    db = open_database(db_url)
    scope = app_of(db).scope(db.user_id())
    racers, rounds = 6, 4
    barrier = threading.Barrier(racers)
    errors: list[BaseException] = []

    def log() -> None:
        try:
            barrier.wait(timeout=10)
            for i in range(rounds):
                log_sets(scope, LogRequest(exercise="face-pull", reps=(15, 12), day=DAY))
                log_sets(scope, LogRequest(exercise="plank", seconds=(30.0 + i,), day=DAY))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=log) for _ in range(racers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        with db.engine.connect() as conn:
            orders = conn.execute(
                sa.select(performed_sets.c.set_order).order_by(performed_sets.c.set_order)
            ).scalars()
            assert list(orders) == list(range(1, racers * rounds * 3 + 1))
            assert conn.execute(sa.select(sa.func.count()).select_from(workouts)).scalar() == 1
    finally:
        db.dispose()


def test_a_logged_set_goes_after_the_days_last_one_and_answers_its_number(db_url: str) -> None:
    db = open_database(db_url)
    try:
        scope = app_of(db).scope(db.user_id())
        first = log_sets(scope, LogRequest(exercise="face-pull", reps=(15, 12, 10), day=DAY))
        then = log_sets(scope, LogRequest(exercise="plank", seconds=(30.0,), day=DAY))
        assert first.created_workout and not then.created_workout
        assert then.workout_id == first.workout_id
        assert [s.order for s in first.sets] == [1, 2, 3]
        assert [(s.order, s.exercise, s.seconds) for s in then.sets] == [(4, "plank", 30.0)]
        with db.engine.connect() as conn:
            stored = conn.execute(
                sa.select(performed_sets.c.id, performed_sets.c.set_order, performed_sets.c.user_id)
            ).all()
        assert {(s.id, s.order) for s in (*first.sets, *then.sets)} == {
            (r.id, r.set_order) for r in stored
        }
        assert {r.user_id for r in stored} == {db.user_id()}
    finally:
        db.dispose()


def test_log_workouts_of_other_days_and_users_are_apart(db_url: str) -> None:
    db = open_database(db_url)
    try:
        me, other = db.user_id("me"), db.user_id("other")
        with db.unit_of_work(user_id=me, write=True) as uow:
            first, created = uow.workouts.log_workout_for(DAY, datetime(2026, 3, 2), "Training")
            again = uow.workouts.log_workout_for(DAY, datetime(2026, 3, 2, 18), "Training")
            next_day = uow.workouts.log_workout_for(date(2026, 3, 3), datetime(2026, 3, 3), "T")
            uow.commit()
        with db.unit_of_work(user_id=other, write=True) as uow:
            theirs = uow.workouts.log_workout_for(DAY, datetime(2026, 3, 2), "Training")
            uow.commit()
        assert created and again == (first, False)
        assert next_day[1] and next_day[0] != first
        assert theirs[1] and theirs[0] not in (first, next_day[0])
    finally:
        db.dispose()


# The workouts table as revision 0001 knows it (no log_day yet).
_WORKOUTS_0001 = sa.table(
    "workouts",
    sa.column("id", sa.Integer),
    sa.column("user_id", sa.Integer),
    sa.column("started_at", sa.DateTime),
    sa.column("title", sa.Text),
    sa.column("source", sa.String),
)


def test_upgrading_marks_the_latest_strongback_workout_of_each_day(db_url: str) -> None:
    db = open_database(db_url, migrate=False)
    try:
        assert db.upgrade("0001") == "0001"
        rows = {
            1: (1, datetime(2026, 3, 2, 8), "strongback"),
            2: (1, datetime(2026, 3, 2, 18), "strongback"),  # the day's latest: marked
            3: (1, datetime(2026, 3, 2, 20), "strong"),  # imported: never marked
            4: (1, datetime(2026, 3, 3, 0), "strongback"),
            5: (2, datetime(2026, 3, 2, 7), "strongback"),  # another user's day
            6: (1, datetime(2026, 3, 4, 9), "strongback"),  # same start: the higher id wins
            7: (1, datetime(2026, 3, 4, 9), "strongback"),
        }
        with db.engine.begin() as conn:
            for user_id, name in ((1, "local"), (2, "other")):
                conn.execute(
                    sa.insert(users).values(id=user_id, name=name, created_at=datetime(2026, 1, 1))
                )
            conn.execute(
                sa.insert(_WORKOUTS_0001),
                [
                    {"id": i, "user_id": u, "started_at": at, "title": "Training", "source": s}
                    for i, (u, at, s) in rows.items()
                ],
            )
        db.upgrade()
        with db.engine.connect() as conn:
            marked = dict(conn.execute(sa.select(workouts.c.id, workouts.c.log_day)).all())
        assert marked == {
            1: None,
            2: DAY,
            3: None,
            4: date(2026, 3, 3),
            5: DAY,
            6: None,
            7: date(2026, 3, 4),
        }
        # `log add` on an upgraded day goes on filling the workout it filled before.
        scope = app_of(db).scope(1)
        result = log_sets(scope, LogRequest(exercise="face-pull", reps=(15,), day=DAY))
        assert (result.workout_id, result.created_workout) == (2, False)
    finally:
        db.dispose()


@pytest.mark.postgres
def test_the_one_string_write_leaves_its_unit_transactional(postgres_url: str) -> None:
    """On PostgreSQL the sets appended to a day's workout go with their BEGIN and COMMIT in one
    string, sent in autocommit. When the day has no workout yet nothing is written, and the unit
    goes on in a transaction of its own (what it then does fails as a whole)."""
    db = open_database(postgres_url)
    try:
        user_id = db.user_id()
        row = {"exercise": "face-pull", "reps": 15, "set_type": "working"}
        with pytest.raises(RuntimeError), db.unit_of_work(user_id=user_id, write=True) as uow:
            conn = uow.connection
            assert append_and_commit(conn, user_id, DAY, [row]) is None  # no workout that day
            conn.execute(sa.update(users).values(name="renamed"))
            raise RuntimeError("the unit fails before it commits")
        with db.engine.connect() as conn:
            assert conn.execute(sa.select(users.c.name)).scalar() != "renamed"
    finally:
        db.dispose()
