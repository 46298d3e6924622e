"""The coach's access, as a matrix: every use case an athlete's data goes through, for a coach
with view, a coach with assign, another coach and a revoked coach (SQLite and PostgreSQL).

Each refused call must raise NotFound and return nothing; each allowed one must work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

import pytest

from strongback.app import Strongback, UserScope
from strongback.domain.coaching import Permission
from strongback.domain.errors import NotFound
from strongback.domain.vocab import Equipment, WeightUnit
from strongback.services import (
    analytics,
    checkins,
    coaching,
    comments,
    planning,
    progress,
    roster,
    training_log,
)
from strongback.services.checkins import CheckInRequest
from strongback.services.planning import PlanRequest
from strongback.services.profile import ProfileChanges, get_profile, update_profile
from strongback.storage import Database, open_database
from tests.builders import app_of, at, rows, workout

TODAY = date(2026, 6, 17)
NOW = datetime(2026, 6, 17, 9, 0)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


def _scope(actor: UserScope, athlete: int, need: Permission = Permission.VIEW) -> Any:
    return coaching.athlete_scope(actor, athlete, need)


Op = Callable[[UserScope, int, int], Any]

READS: dict[str, Op] = {
    "workouts": lambda a, athlete, _w: training_log.workouts(_scope(a, athlete)),
    "current plan": lambda a, athlete, _w: planning.current_stored_plan(_scope(a, athlete)),
    "plans": lambda a, athlete, _w: planning.stored_plans(_scope(a, athlete)),
    "records": lambda a, athlete, _w: progress.records(_scope(a, athlete)),
    "next": lambda a, athlete, _w: progress.next_prescriptions(_scope(a, athlete), today=TODAY),
    "progress": lambda a, athlete, _w: analytics.progress(_scope(a, athlete), today=TODAY),
    "audit": lambda a, athlete, _w: planning.audit(_scope(a, athlete), until=TODAY),
    "profile": lambda a, athlete, _w: get_profile(_scope(a, athlete)),
    "checkins": lambda a, athlete, _w: checkins.checkins(_scope(a, athlete), today=TODAY),
    "comments": lambda a, athlete, w: comments.comments(a, athlete, workout_id=w),
    "roster line": lambda a, athlete, _w: roster.athlete_attention(a, athlete, today=TODAY),
    "comment": lambda a, athlete, w: comments.add_comment(a, athlete, w, "Nice work"),
}
ASSIGNS: dict[str, Op] = {
    "assign plan": lambda a, athlete, _w: coaching.assign_plan(
        a,
        athlete,
        PlanRequest(days=2, minutes=30, equipment=frozenset({Equipment.DUMBBELLS})),
        today=TODAY,
    ),
    "edit profile": lambda a, athlete, _w: update_profile(
        _scope(a, athlete, Permission.ASSIGN), ProfileChanges(unit=WeightUnit.LB)
    ),
}


def _world(app: Strongback) -> tuple[int, int, dict[str, UserScope]]:
    """An athlete with a workout, a plan and a check-in; four coaches, one per case."""
    ids = {n: app.database.user_id(n) for n in ("athlete", "view", "assign", "other", "revoked")}
    scopes = {n: app.scope(i) for n, i in ids.items()}
    athlete = scopes["athlete"]
    for name, permission in (("view", "view"), ("assign", "assign"), ("revoked", "assign")):
        coaching.set_coaching(scopes[name], True)
        invite = coaching.create_invite(scopes[name], now=NOW)
        coaching.accept_invite(athlete, invite.token, permission, now=NOW)
    coaching.revoke_coach(athlete, ids["revoked"])
    # "other" coaches someone else.
    someone = app.scope(app.database.user_id("someone"))
    coaching.set_coaching(scopes["other"], True)
    invite = coaching.create_invite(scopes["other"], now=NOW)
    coaching.accept_invite(someone, invite.token, "assign", now=NOW)
    with athlete.unit_of_work(write=True) as uow:
        stored = uow.workouts.add(
            workout(at(TODAY, 1), ("incline-dumbbell-row", rows(3, weight=20, reps=10, pain=1)))
        )
        uow.commit()
    assert stored.id is not None
    planning.save_plan(
        athlete,
        planning.build_plan(
            athlete.catalog,
            PlanRequest(days=3, minutes=45, equipment=frozenset({Equipment.DUMBBELLS})),
        ),
        today=TODAY,
    )
    checkins.record_checkin(athlete, CheckInRequest(back_pain=2, note="fine"), today=TODAY)
    return ids["athlete"], stored.id, scopes


ALLOWED = {
    "view": set(READS),
    "assign": set(READS) | set(ASSIGNS),
    "other": set(),
    "revoked": set(),
}


def test_every_use_case_answers_each_coach_within_the_permission_and_leaks_nothing(
    db: Database,
) -> None:
    app = app_of(db)
    athlete_id, workout_id, scopes = _world(app)
    before_plans = planning.stored_plans(scopes["athlete"])
    leaks, refusals_missing = [], []
    for actor in ("other", "revoked", "view", "assign"):
        for name, op in {**READS, **ASSIGNS}.items():
            allowed = name in ALLOWED[actor]
            try:
                result = op(scopes[actor], athlete_id, workout_id)
            except NotFound:
                if allowed:
                    refusals_missing.append((actor, name))
                continue
            if not allowed:
                leaks.append((actor, name, result))
    assert leaks == []
    assert refusals_missing == []
    # What the refused writes would have changed is as it was: only the assign coach's plan
    # and profile change are stored.
    after = planning.stored_plans(scopes["athlete"])
    assert [p.id for p in after[: len(before_plans)]] == [p.id for p in before_plans]
    assert [p.assigned_by for p in after[len(before_plans) :]] == [scopes["assign"].user_id]
    assert get_profile(scopes["athlete"]).unit is WeightUnit.LB
    thread = comments.comments(scopes["athlete"], athlete_id)
    assert sorted(c.author_name for c in thread) == ["assign", "view"]


def test_a_coach_reaches_no_athlete_by_guessing_ids(db: Database) -> None:
    app = app_of(db)
    athlete_id, workout_id, scopes = _world(app)
    someone = app.database.user_id("someone")
    for actor in ("view", "assign"):
        for target in (someone, scopes[actor].user_id, 0, -1, 2**31, 2**63):
            with pytest.raises(NotFound):
                coaching.athlete_scope(scopes[actor], target)
            with pytest.raises(NotFound):
                comments.add_comment(scopes[actor], target, workout_id, "hello")
    assert [a.athlete_id for a in coaching.athletes(scopes["view"])] == [athlete_id]
