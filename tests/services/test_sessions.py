"""Guided sessions on a real database (SQLite and PostgreSQL): start from today's plan, one
active session per athlete, sets stored once, resume from the server, finish into the log."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from strongback.app import Strongback
from strongback.domain.errors import Conflict, InvalidInput, NotFound
from strongback.domain.guided import EnteredSet, Stage
from strongback.domain.progression import Rule
from strongback.domain.vocab import WeightUnit
from strongback.services import sessions
from strongback.services.planning import save_plan
from strongback.services.progress import next_prescriptions
from strongback.settings import Settings
from tests.builders import typed_plan

T0 = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)


@pytest.fixture
def app(db_url: str) -> Any:
    with Strongback(Settings(database_url=db_url)) as found:
        yield found


def _entry(s: Any, sid: str, **kw: Any) -> EnteredSet:
    item = s.items[s.current]
    fields: dict[str, Any] = {"reps": item.timed.reps, "weight": item.weight, "unit": item.unit}
    fields.update(kw)
    return EnteredSet(sid, s.current, s.set_number, item.exercise, T0, **fields)


def _plan_today(today: date) -> Any:
    item = {
        "exercise": "incline-dumbbell-row",
        "sets": 2,
        "reps": {"min": 8, "max": 12},
        "tempo": "3-2-1-2",
        "rest_seconds": 90,
        "target_rir": 2,
        "reason": "rows",
    }
    face = {**item, "exercise": "face-pull", "reps": {"min": 12, "max": 15}}
    session = {"day": today.isoweekday(), "title": "Pull today", "estimated_minutes": 30,
               "items": [item, face]}  # fmt: skip
    return typed_plan({"weeks": [{"week": 1, "deload": False, "sessions": [session]}]})


def test_a_session_starts_from_todays_plan_session(app: Strongback) -> None:
    today = date.today()
    scope = app.local_scope()
    save_plan(scope, _plan_today(today), start=today - timedelta(days=today.weekday()))
    s = sessions.start_session(scope, today=today, now=T0)
    assert s.title == "Pull today"
    assert [i.exercise for i in s.items] == ["incline-dumbbell-row", "face-pull"]
    assert s.items[0].timed.sets == 2 and s.items[0].timed.reps == 12
    assert s.stage is Stage.READY


def test_without_a_plan_the_session_starts_empty_and_takes_an_exercise(app: Strongback) -> None:
    scope = app.local_scope()
    s = sessions.start_session(scope, now=T0)
    assert s.items == () and s.title == sessions.DEFAULT_TITLE
    s = sessions.add_exercise(scope, "goblet-squat", now=T0)
    assert s.items[0].exercise == "goblet-squat" and s.items[0].timed.lower_first


def test_a_second_session_is_refused_while_one_is_active(app: Strongback) -> None:
    scope = app.local_scope()
    sessions.start_session(scope, exercises=["pull-up"], now=T0)
    with pytest.raises(Conflict):
        sessions.start_session(scope, exercises=["face-pull"], now=T0)
    other = app.local_scope("someone-else")
    assert sessions.start_session(other, exercises=["face-pull"], now=T0).id is not None


def test_two_workers_starting_at_once_make_one_session(db_url: str) -> None:
    apps = [Strongback(Settings(database_url=db_url)) for _ in range(2)]
    apps[0].local_scope()  # the user exists before the race
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def start(app: Strongback) -> None:
        scope = app.local_scope()
        barrier.wait()
        try:
            sessions.start_session(scope, exercises=["pull-up"], now=T0)
            outcomes.append("started")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=start, args=(a,)) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for a in apps:
        a.close()
    assert sorted(outcomes) == ["conflict", "started"]


def test_a_set_sent_twice_is_stored_once_and_moves_on_once(app: Strongback) -> None:
    scope = app.local_scope()
    s = sessions.start_session(scope, exercises=["pull-up"], now=T0)
    entry = _entry(s, "device-1-set-1")
    first = sessions.enter_set(scope, entry, now=T0 + timedelta(seconds=60))
    again = sessions.enter_set(scope, entry, now=T0 + timedelta(seconds=70))
    assert again == first
    assert len(first.entered) == 1 and first.set_number == 2


def test_another_device_resumes_exactly_where_the_session_was(db_url: str) -> None:
    with Strongback(Settings(database_url=db_url)) as phone:
        scope = phone.local_scope()
        s = sessions.start_session(scope, exercises=["pull-up", "face-pull"], now=T0)
        sessions.enter_set(scope, _entry(s, "a"), now=T0 + timedelta(seconds=90))
        before = sessions.active_session(scope)
    with Strongback(Settings(database_url=db_url)) as laptop:
        after = sessions.active_session(laptop.local_scope())
    assert after == before
    assert after is not None and after.stage is Stage.REST
    assert after.deadline == T0 + timedelta(seconds=90 + after.items[0].timed.rest_seconds)
    assert after.seconds_left(T0 + timedelta(seconds=100)) == after.items[0].timed.rest_seconds - 10


def test_finishing_writes_the_workout_and_pain_shapes_the_next_prescription(
    app: Strongback,
) -> None:
    scope = app.local_scope()
    s = sessions.start_session(scope, exercises=["goblet-squat"], now=T0)
    s = sessions.mark_pain(scope, 6, "lower back", now=T0)
    for n in range(s.items[0].timed.sets):
        s = sessions.enter_set(scope, _entry(s, f"set-{n}", weight=16.0, unit=WeightUnit.KG))
    assert s.stage is Stage.DONE
    done = sessions.finish_session(scope, now=T0 + timedelta(minutes=20))
    assert done.workout_id is not None and len(done.sets) == 3
    assert {x.pain for x in done.sets} == {6}
    assert done.sets[0].notes == "pain felt: lower back"
    assert sessions.active_session(scope) is None
    nxt = next_prescriptions(scope, exercise="goblet-squat").prescriptions[0]
    assert nxt.rule is Rule.PAIN
    with pytest.raises(NotFound):
        sessions.finish_session(scope)


def test_skip_add_and_swap_change_the_stored_session(app: Strongback) -> None:
    scope = app.local_scope()
    sessions.start_session(scope, exercises=["pull-up"], now=T0)
    s = sessions.add_set(scope)
    assert s.items[0].timed.sets == 4
    s = sessions.skip_set(scope, now=T0)
    assert s.set_number == 2 and s.entered == ()
    options = {o.exercise.id for o in sessions.swap_options(scope)}
    assert "lat-pulldown" in options
    s = sessions.swap_exercise(scope, "lat-pulldown", now=T0)
    assert s.items[0].exercise == "lat-pulldown" and s.items[0].instead_of == "pull-up"
    assert sessions.active_session(scope) == s


def test_a_bad_set_is_refused_and_nothing_is_stored(app: Strongback) -> None:
    scope = app.local_scope()
    s = sessions.start_session(scope, exercises=["pull-up"], now=T0)
    with pytest.raises(InvalidInput) as info:
        sessions.enter_set(scope, _entry(s, "bad", pain=12))
    assert info.value.field == "pain"
    assert sessions.active_session(scope) == s


def test_an_entry_takes_the_profile_unit_and_must_name_a_known_exercise(
    app: Strongback,
) -> None:
    from strongback.domain.errors import UnknownExercise

    scope = app.local_scope()
    s = sessions.start_session(scope, exercises=["upright-row"], now=T0)
    s = sessions.enter_set(scope, _entry(s, "a", weight=25.0, unit=None))
    assert s.entered[0].unit is WeightUnit.KG
    with pytest.raises(UnknownExercise):
        sessions.enter_set(scope, replace(_entry(s, "b"), exercise="upright-rowing"))
    assert [e.id for e in sessions.active_session(scope).entered] == ["a"]  # type: ignore[union-attr]


def test_the_same_set_sent_by_two_devices_at_once_is_stored_once(db_url: str) -> None:
    apps = [Strongback(Settings(database_url=db_url)) for _ in range(2)]
    s = sessions.start_session(apps[0].local_scope(), exercises=["pull-up"], now=T0)
    entry = _entry(s, "queued-offline")
    barrier = threading.Barrier(2)

    def send(app: Strongback) -> None:
        scope = app.local_scope()
        barrier.wait()
        sessions.enter_set(scope, entry, now=T0)

    threads = [threading.Thread(target=send, args=(a,)) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after = sessions.active_session(apps[0].local_scope())
    for a in apps:
        a.close()
    assert after is not None and [e.id for e in after.entered] == ["queued-offline"]
    assert after.set_number == 2


def test_an_abandoned_session_writes_no_workout_and_frees_the_slot(app: Strongback) -> None:
    scope = app.local_scope()
    s = sessions.start_session(scope, exercises=["pull-up"], now=T0)
    sessions.enter_set(scope, _entry(s, "kept"), now=T0)
    assert sessions.abandon_session(scope, now=T0) == s.id
    assert sessions.active_session(scope) is None
    assert next_prescriptions(scope, exercise="pull-up").prescriptions[0].rule is Rule.START
    assert sessions.start_session(scope, exercises=["pull-up"], now=T0).id != s.id
