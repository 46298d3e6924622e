"""Whole workouts as the API edits them, on real databases (SQLite and PostgreSQL): get, pages
newest first, a create safe to retry with a client_id, replace, delete and undo."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from strongback.app import Strongback, UserScope
from strongback.domain.errors import Conflict, InvalidInput, NotFound, UnknownExercise
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType, WeightUnit
from strongback.services import training_log
from strongback.services.workouts import (
    create_workout,
    delete_workout,
    get_workout,
    list_workouts,
    restore_workout,
    update_workout,
)
from strongback.storage import open_database
from strongback.storage.tables import performed_sets, workouts
from tests.builders import app_of

KG = WeightUnit.KG


@pytest.fixture
def app(db_url: str) -> Iterator[Strongback]:
    database = open_database(db_url)
    try:
        yield app_of(database)
    finally:
        database.dispose()


@pytest.fixture
def alice(app: Strongback) -> UserScope:
    return app.local_scope("alice")


@pytest.fixture
def bob(app: Strongback) -> UserScope:
    return app.local_scope("bob")


def _workout(started: datetime, title: str = "Back day", **set_fields: Any) -> Workout:
    row = {"weight": 40.0, "unit": KG, "reps": 12, "rir": 2.0, **set_fields}
    return Workout(
        started_at=started,
        ended_at=started + timedelta(hours=1),
        title=title,
        notes="felt good",
        sets=(
            PerformedSet("lat-pulldown", 1, **row),
            PerformedSet("lat-pulldown", 2, **row),
            PerformedSet("face-pull", 3, set_type=SetType.WARM_UP, reps=15),
        ),
    )


DAY = datetime(2026, 11, 2, 18, 0)


def test_a_created_workout_reads_back_with_its_sets_and_fields(alice: UserScope) -> None:
    created = create_workout(alice, _workout(DAY))
    assert created.created
    got = get_workout(alice, created.workout.id or 0)
    assert got == created.workout
    assert (got.title, got.notes, got.started_at, got.ended_at) == (
        "Back day",
        "felt good",
        DAY,
        DAY + timedelta(hours=1),
    )
    assert [(s.exercise, s.order, s.weight, s.reps, s.set_type) for s in got.sets] == [
        ("lat-pulldown", 1, 40.0, 12, SetType.WORKING),
        ("lat-pulldown", 2, 40.0, 12, SetType.WORKING),
        ("face-pull", 3, None, 15, SetType.WARM_UP),
    ]
    assert all(s.id is not None for s in got.sets)


def test_another_users_workout_answers_not_found_for_every_use_case(
    alice: UserScope, bob: UserScope
) -> None:
    workout_id = create_workout(alice, _workout(DAY)).workout.id or 0
    for attempt in (
        lambda: get_workout(bob, workout_id),
        lambda: update_workout(bob, workout_id, _workout(DAY, title="mine now")),
        lambda: delete_workout(bob, workout_id),
    ):
        with pytest.raises(NotFound):
            attempt()
    delete_workout(alice, workout_id)
    with pytest.raises(NotFound):
        restore_workout(bob, workout_id)
    assert restore_workout(alice, workout_id).title == "Back day"


def test_the_same_client_id_answers_the_first_workout_and_stores_nothing_new(
    alice: UserScope, bob: UserScope
) -> None:
    key = uuid.uuid4()
    first = create_workout(alice, _workout(DAY), client_id=key)
    again = create_workout(alice, _workout(DAY, title="changed on retry"), client_id=key)
    assert first.created and not again.created
    assert again.workout == first.workout
    assert training_log.count(alice) == (1, 3)
    # Client ids are the user's own: another user's same id is another workout.
    assert create_workout(bob, _workout(DAY), client_id=key).created


def test_two_workers_racing_with_one_client_id_store_one_workout(db_url: str) -> None:
    key = uuid.uuid4()
    results: list[bool] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def worker() -> None:
        # One Strongback per thread: each as its own web worker with its own engine.
        with Strongback(database=open_database(db_url)) as app:
            scope = app.local_scope("alice")
            barrier.wait()
            try:
                results.append(create_workout(scope, _workout(DAY), client_id=key).created)
            except BaseException as exc:
                errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(results) == [False, False, False, True]
    with Strongback(database=open_database(db_url)) as app:
        assert training_log.count(app.local_scope("alice")) == (1, 3)


def test_a_client_id_of_a_deleted_workout_is_refused_not_stored_again(alice: UserScope) -> None:
    key = uuid.uuid4()
    workout_id = create_workout(alice, _workout(DAY), client_id=key).workout.id or 0
    delete_workout(alice, workout_id)
    with pytest.raises(Conflict) as caught:
        create_workout(alice, _workout(DAY), client_id=key)
    assert caught.value.field == "client_id"
    assert training_log.count(alice) == (0, 0)


def test_pages_run_newest_first_and_the_last_page_has_no_next(alice: UserScope) -> None:
    starts = [DAY - timedelta(days=d) for d in (3, 0, 1, 4, 2)]
    for start in starts:
        create_workout(alice, _workout(start))
    create_workout(alice, _workout(DAY, title="same start, stored later"))
    seen: list[Workout] = []
    cursor = None
    pages = 0
    while True:
        page = list_workouts(alice, limit=2, cursor=cursor)
        seen.extend(page.items)
        pages += 1
        if page.next is None:
            break
        cursor = page.next
    assert pages == 3
    assert [w.started_at for w in seen] == sorted([*starts, DAY], reverse=True)
    assert seen[0].title == "same start, stored later"  # ties: the newer id first
    assert all(len(w.sets) == 3 for w in seen)


def test_a_bad_cursor_or_limit_names_its_field(alice: UserScope) -> None:
    for kwargs, field in (({"cursor": "not-a-cursor"}, "cursor"), ({"limit": 0}, "limit")):
        with pytest.raises(InvalidInput) as caught:
            list_workouts(alice, **kwargs)
        assert caught.value.field == field


def test_a_bad_set_names_it_and_nothing_is_written(alice: UserScope) -> None:
    bad = _workout(DAY)
    bad = replace(bad, sets=(*bad.sets, PerformedSet("lat-pulldown", 4, weight=30.0, reps=8)))
    with pytest.raises(InvalidInput) as caught:
        create_workout(alice, bad)
    assert caught.value.field == "sets[3].unit"
    unknown = replace(bad, sets=(PerformedSet("no-such-lift", 1, reps=5),))
    with pytest.raises(UnknownExercise) as unknown_caught:
        create_workout(alice, unknown)
    assert unknown_caught.value.field == "sets[0].exercise"
    future = _workout(datetime.combine(date.today() + timedelta(days=3), DAY.time()))
    with pytest.raises(InvalidInput) as future_caught:
        create_workout(alice, future)
    assert future_caught.value.field == "started_at"
    assert training_log.count(alice) == (0, 0)


def test_an_update_edits_kept_sets_adds_new_ones_and_drops_the_rest(alice: UserScope) -> None:
    stored = create_workout(alice, _workout(DAY)).workout
    first, second, _third = stored.sets
    edited = Workout(
        started_at=DAY + timedelta(minutes=30),
        title="Pull day",
        sets=(
            replace(second, reps=10, order=1),
            PerformedSet("lat-pulldown", 2, weight=45.0, unit=KG, reps=6),
        ),
    )
    got = update_workout(alice, stored.id or 0, edited)
    assert (got.title, got.started_at, got.ended_at, got.notes) == (
        "Pull day",
        DAY + timedelta(minutes=30),
        None,
        None,
    )
    head = got.sets[0]
    assert (head.id, head.reps, head.weight) == (second.id, 10, 40.0)
    assert got.sets[1].weight == 45.0 and got.sets[1].id not in (first.id, second.id)
    assert training_log.count(alice) == (1, 2)


def test_an_update_refuses_a_set_of_another_workout(alice: UserScope) -> None:
    one = create_workout(alice, _workout(DAY)).workout
    other = create_workout(alice, _workout(DAY - timedelta(days=1))).workout
    stolen = replace(one, sets=(other.sets[0],))
    with pytest.raises(InvalidInput) as caught:
        update_workout(alice, one.id or 0, stolen)
    assert caught.value.field == "sets[0].id"
    assert get_workout(alice, other.id or 0) == other
    assert get_workout(alice, one.id or 0) == one


def _rows(app: Strongback, workout_id: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    with app.database.engine.connect() as conn:
        row = conn.execute(select(workouts).where(workouts.c.id == workout_id)).one()
        sets = conn.execute(
            select(performed_sets)
            .where(performed_sets.c.workout_id == workout_id)
            .order_by(performed_sets.c.id)
        ).all()
    return dict(row._mapping), [dict(s._mapping) for s in sets]


def test_undo_restores_a_deleted_workout_exactly(app: Strongback, alice: UserScope) -> None:
    keyed = _workout(DAY)
    keyed = replace(
        keyed, sets=tuple(replace(s, source_key=f"strong:{i}") for i, s in enumerate(keyed.sets))
    )
    created = create_workout(alice, keyed, client_id=uuid.uuid4()).workout
    later = create_workout(alice, _workout(DAY + timedelta(days=1))).workout
    before = _rows(app, created.id or 0)
    delete_workout(alice, created.id or 0)
    with pytest.raises(NotFound):
        get_workout(alice, created.id or 0)
    assert training_log.count(alice) == (1, 3)
    restored = restore_workout(alice, created.id or 0)
    assert restored == created
    assert _rows(app, created.id or 0) == before
    assert get_workout(alice, later.id or 0) == later
    with pytest.raises(NotFound):
        restore_workout(alice, created.id or 0)  # undone once; nothing left to restore


def test_undo_of_todays_log_workout_after_logging_again_keeps_both(alice: UserScope) -> None:
    logged = training_log.log_sets(
        alice, training_log.LogRequest("lat-pulldown", reps=(10,), weights=(40.0,), unit=KG)
    )
    delete_workout(alice, logged.workout_id)
    again = training_log.log_sets(alice, training_log.LogRequest("face-pull", reps=(15,)))
    restored = restore_workout(alice, logged.workout_id)
    assert [s.exercise for s in restored.sets] == ["lat-pulldown"]
    assert {again.workout_id, restored.id} == {w.id for w in training_log.workouts(alice)}
    assert restored.id != again.workout_id
    # The day's log workout is the one started after the delete: new sets go there.
    third = training_log.log_sets(alice, training_log.LogRequest("face-pull", reps=(12,)))
    assert third.workout_id == again.workout_id


def test_undo_refuses_when_the_sets_were_imported_again(alice: UserScope) -> None:
    keyed = replace(
        _workout(DAY), sets=(PerformedSet("face-pull", 1, reps=15, source_key="strong:x"),)
    )
    workout_id = create_workout(alice, keyed).workout.id or 0
    delete_workout(alice, workout_id)
    create_workout(alice, keyed)
    with pytest.raises(Conflict):
        restore_workout(alice, workout_id)
    assert training_log.count(alice) == (1, 1)


def test_deleting_the_account_takes_its_deleted_workouts_too(app: Strongback) -> None:
    from sqlalchemy import func

    from strongback.services import accounts
    from strongback.storage.tables import deleted_workouts

    account = accounts.sign_up(app, "gone@example.com", "a long enough password 1")
    scope = app.scope(account.id)
    create_workout(scope, _workout(DAY), client_id=uuid.uuid4())
    gone = create_workout(scope, _workout(DAY - timedelta(days=1))).workout
    delete_workout(scope, gone.id or 0)
    accounts.delete_account(app, account.id, "a long enough password 1")
    with app.database.engine.connect() as conn:
        left = [
            conn.execute(select(func.count()).select_from(t).where(t.c.user_id == account.id))
            for t in (workouts, performed_sets, deleted_workouts)
        ]
        assert [r.scalar_one() for r in left] == [0, 0, 0]
