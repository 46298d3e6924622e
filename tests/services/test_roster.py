"""The coach's roster on a real database: the attention figures of each athlete and who needs
attention first (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from strongback.app import Strongback, UserScope
from strongback.domain.training_log import Workout
from strongback.services import checkins, coaching, planning, roster
from strongback.services.checkins import CheckInRequest
from strongback.storage import Database, open_database
from tests.builders import app_of, at, rows, typed_plan, workout

TODAY = date(2026, 6, 17)  # a Wednesday
NOW = datetime(2026, 6, 17, 9, 0)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


def _athlete(app: Strongback, coach: UserScope, name: str, *workouts: Workout) -> UserScope:
    scope = app.scope(app.database.user_id(name))
    coaching.set_coaching(coach, True)
    invite = coaching.create_invite(coach, now=NOW)
    coaching.accept_invite(scope, invite.token, "view", now=NOW)
    with scope.unit_of_work(write=True) as uow:
        for w in workouts:
            uow.workouts.add(w)
        uow.commit()
    return scope


def _rows_day(days_ago: int, **extra: object) -> Workout:
    return workout(at(TODAY, days_ago), ("incline-dumbbell-row", rows(3, reps=10, **extra)))


def _mon_wed_fri_plan(start: date) -> object:
    item = {"exercise": "incline-dumbbell-row", "sets": 3, "reps": {"min": 8, "max": 12}}
    weeks = [
        {"week": n, "sessions": [{"day": d, "title": "Pull", "estimated_minutes": 30,
                                  "items": [item]} for d in (1, 3, 5)]}
        for n in range(1, 9)
    ]  # fmt: skip
    return typed_plan({"weeks": weeks}).starting(start)


def test_the_roster_puts_who_needs_attention_first_with_the_figures(db: Database) -> None:
    app = app_of(db)
    coach = app.scope(app.database.user_id("coach"))
    flagged = _rows_day(2)
    flagged = Workout(flagged.started_at, flagged.title, flagged.sets, notes="Numbness in my leg")
    _athlete(app, coach, "a-flagged", flagged)
    _athlete(app, coach, "b-pained", _rows_day(10, pain=2), _rows_day(2, pain=5))
    # Every Monday, Wednesday and Friday of the plan done, until the last week's Friday.
    start = TODAY - timedelta(days=TODAY.weekday() + 35)
    days = [
        (TODAY - d).days
        for k in range(6)
        for d in (start + timedelta(days=7 * k + off) for off in (0, 2, 4))
        if start <= d <= TODAY - timedelta(days=5)
    ]
    dropping = _athlete(app, coach, "c-dropping", *(_rows_day(n) for n in days))
    planning.save_plan(dropping, _mon_wed_fri_plan(start), start=start)  # type: ignore[arg-type]
    _athlete(app, coach, "d-quiet", _rows_day(20))
    fine = _athlete(app, coach, "e-fine", _rows_day(1))
    checkins.record_checkin(fine, CheckInRequest(back_pain=1), today=TODAY)
    gone = _athlete(app, coach, "f-gone", _rows_day(1))
    coaching.revoke_coach(gone, coach.user_id)
    # Another coach's athlete is not on the roster.
    other = app.scope(app.database.user_id("other"))
    _athlete(app, other, "g-elsewhere", _rows_day(1))

    lines = roster.roster(coach, today=TODAY)
    assert [a.name for a in lines] == ["a-flagged", "b-pained", "c-dropping", "d-quiet", "e-fine"]
    by_name = {a.name: a for a in lines}
    assert by_name["a-flagged"].red_flags == ("numbness",)
    assert by_name["b-pained"].pain_rising and by_name["b-pained"].pain_latest == 5
    drop = by_name["c-dropping"]
    assert (drop.last_7.done, drop.last_7.planned, drop.last_7.percent) == (1, 3, 33)
    assert drop.last_30.percent is not None and drop.last_30.percent >= 80
    assert drop.compliance_drop and drop.days_since_last == 5
    assert any("fell to 33%" in r for r in drop.reasons)
    quiet = by_name["d-quiet"]
    assert quiet.days_since_last == 20 and "no session for 20 days" in quiet.reasons
    fine_line = by_name["e-fine"]
    assert fine_line.last_7.planned is None and not fine_line.compliance_drop
    assert "vertical-pull" in fine_line.broken_principles
    assert fine_line.to_public()["days_since_last_session"] == 1
    assert roster.roster(other, today=TODAY)[0].name == "g-elsewhere"
    # The bulk read of the roster and the read of one athlete agree on every figure.
    for line in lines:
        assert roster.athlete_attention(coach, line.athlete_id, today=TODAY) == line


def test_days_since_the_last_session_reach_past_the_weeks_the_roster_reads(
    db: Database,
) -> None:
    app = app_of(db)
    coach = app.scope(app.database.user_id("coach"))
    _athlete(app, coach, "long-gone", _rows_day(200))
    _athlete(app, coach, "never")
    lines = {a.name: a for a in roster.roster(coach, today=TODAY)}
    assert lines["long-gone"].days_since_last == 200
    assert lines["never"].days_since_last is None
    assert "no session logged yet" in lines["never"].reasons


def test_a_plan_stored_without_its_calendar_is_read_from_its_json(db: Database) -> None:
    from sqlalchemy import update

    from strongback.storage.tables import plans

    app = app_of(db)
    coach = app.scope(app.database.user_id("coach"))
    start = TODAY - timedelta(days=TODAY.weekday() + 14)
    kept = _athlete(app, coach, "kept", _rows_day(1))
    older = _athlete(app, coach, "older", _rows_day(1))
    for scope in (kept, older):
        planning.save_plan(scope, _mon_wed_fri_plan(start), start=start)  # type: ignore[arg-type]
    with db.engine.begin() as conn:
        conn.execute(update(plans).where(plans.c.user_id == older.user_id).values(calendar=None))
    lines = {a.name: a for a in roster.roster(coach, today=TODAY)}
    assert lines["older"].last_30 == lines["kept"].last_30
    assert lines["older"].last_30.planned == 8  # from the plan's start, 16 days ago
