"""Coaches and athletes on a real database (SQLite and PostgreSQL): invites, links, the access
check, assigned plans, comments, check-ins and the pain they carry into the prescriptions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from strongback.app import Strongback, UserScope
from strongback.domain.coaching import Permission
from strongback.domain.errors import Conflict, InvalidInput, NotFound
from strongback.domain.profile import UserProfile
from strongback.domain.progression import Rule
from strongback.domain.vocab import Equipment, WeightUnit
from strongback.services import checkins, coaching, comments, planning, progress
from strongback.services.checkins import CheckInRequest
from strongback.services.planning import PlanRequest
from strongback.storage import Database, open_database
from strongback.storage.tables import coaching_invites
from tests.builders import app_of, at, rows, workout

NOW = datetime(2026, 6, 17, 9, 0)
TODAY = NOW.date()
KG = WeightUnit.KG


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def app(db: Database) -> Strongback:
    return app_of(db)


def user(app: Strongback, name: str) -> UserScope:
    return app.scope(app.database.user_id(name))


def linked(app: Strongback, coach: UserScope, athlete: UserScope, permission: str) -> None:
    coaching.set_coaching(coach, True)
    invite = coaching.create_invite(coach, now=NOW)
    coaching.accept_invite(athlete, invite.token, permission, now=NOW)


def test_an_accepted_invite_links_coach_and_athlete_and_keeps_only_the_token_hash(
    app: Strongback,
) -> None:
    coach, athlete = user(app, "coach"), user(app, "athlete")
    coaching.set_coaching(coach, True)
    invite = coaching.create_invite(coach, now=NOW)
    assert invite.expires_at == NOW + timedelta(days=7)
    link = coaching.accept_invite(athlete, invite.token, "view", now=NOW)
    assert (link.coach_id, link.athlete_id, link.permission) == (
        coach.user_id,
        athlete.user_id,
        Permission.VIEW,
    )
    assert [c.coach_name for c in coaching.coaches(athlete)] == ["coach"]
    assert [a.athlete_name for a in coaching.athletes(coach)] == ["athlete"]
    with app.database.engine.connect() as conn:
        stored = conn.execute(select(coaching_invites.c.token_hash)).scalars().all()
    assert len(stored) == 1 and invite.token not in stored[0] and len(stored[0]) == 64


def test_coaching_is_off_until_the_account_turns_it_on_and_off_closes_the_invites(
    app: Strongback,
) -> None:
    coach, athlete = user(app, "coach"), user(app, "athlete")
    assert not coaching.coaching_on(coach)
    with pytest.raises(Conflict, match="coaching is off") as refused:
        coaching.create_invite(coach, now=NOW)
    assert refused.value.field == "coaching"
    assert coaching.set_coaching(coach, True) and coaching.coaching_on(coach)
    unused = coaching.create_invite(coach, now=NOW)
    linked(app, coach, athlete, "view")
    coaching.set_coaching(coach, False)
    # An invite made while coaching was on cannot be accepted once it is off.
    with pytest.raises(NotFound, match="turned coaching off"):
        coaching.accept_invite(user(app, "second"), unused.token, "view", now=NOW)
    with pytest.raises(Conflict):
        coaching.require_coaching(coach)
    # The athlete's link is theirs: it stays, marked paused, and counts again once coaching is
    # back on.
    paused = coaching.coaches(athlete)
    assert [(c.coach_id, c.coaching_on) for c in paused] == [(coach.user_id, False)]
    coaching.set_coaching(coach, True)
    assert [a.athlete_id for a in coaching.athletes(coach)] == [athlete.user_id]
    assert [c.coaching_on for c in coaching.coaches(athlete)] == [True]


def test_coaching_off_closes_the_coachs_views_of_athletes_and_on_again_restores_them(
    app: Strongback,
) -> None:
    coach, athlete, stranger = user(app, "coach"), user(app, "athlete"), user(app, "stranger")
    linked(app, coach, athlete, "assign")
    with athlete.unit_of_work(write=True) as uow:
        stored = uow.workouts.add(
            workout(at(TODAY, 8), ("incline-dumbbell-row", rows(2, weight=20, unit=KG, reps=10)))
        )
        uow.commit()
    assert stored.id is not None
    comments.add_comment(athlete, athlete.user_id, stored.id, "How was my form?")
    assert [c.body for c in comments.whats_new(coach)] == ["How was my form?"]
    coaching.set_coaching(coach, False)
    # Every way a coach reaches an athlete: the scope, each unit of work of a scope made
    # before, the comments; an id the coach has no link to stays NotFound.
    made_before = app.athlete_scope(coach.user_id, athlete.user_id, Permission.VIEW)
    with pytest.raises(NotFound):
        coaching.athlete_scope(coach, stranger.user_id)
    for reach in (
        lambda: coaching.athlete_scope(coach, athlete.user_id),
        lambda: made_before.unit_of_work().__enter__(),
        lambda: comments.comments(coach, athlete.user_id),
        lambda: comments.add_comment(coach, athlete.user_id, stored.id or 0, "Good"),
        lambda: coaching.assign_plan(coach, athlete.user_id),
    ):
        with pytest.raises(Conflict, match=r"coaching is off.*turn it on") as refused:
            reach()
        assert refused.value.field == "coaching"
    assert comments.whats_new(coach) == []
    # The athlete's side is untouched: the link stays theirs, their thread theirs.
    assert [c.coach_id for c in coaching.coaches(athlete)] == [coach.user_id]
    assert [c.body for c in comments.comments(athlete, athlete.user_id)] == ["How was my form?"]
    coaching.set_coaching(coach, True)
    assert coaching.athlete_scope(coach, athlete.user_id).user_id == athlete.user_id
    assert [c.body for c in comments.whats_new(coach)] == ["How was my form?"]


def test_an_invite_is_used_once_expires_after_seven_days_and_is_not_the_coachs_own(
    app: Strongback,
) -> None:
    coach, first, second = user(app, "coach"), user(app, "first"), user(app, "second")
    coaching.set_coaching(coach, True)
    used = coaching.create_invite(coach, now=NOW)
    coaching.accept_invite(first, used.token, "view", now=NOW)
    with pytest.raises(NotFound, match="already used"):
        coaching.accept_invite(second, used.token, "view", now=NOW)
    late = coaching.create_invite(coach, now=NOW)
    with pytest.raises(NotFound, match="expired"):
        coaching.accept_invite(second, late.token, "view", now=NOW + timedelta(days=7))
    own = coaching.create_invite(coach, now=NOW)
    with pytest.raises(NotFound, match="own invite"):
        coaching.accept_invite(coach, own.token, "view", now=NOW)
    with pytest.raises(NotFound, match="no such invite"):
        coaching.accept_invite(second, "not-a-token", "view", now=NOW)
    with pytest.raises(InvalidInput) as bad:
        coaching.accept_invite(second, own.token, "edit", now=NOW)
    assert bad.value.field == "permission"
    # The refused permission did not use the invite up.
    assert coaching.accept_invite(second, own.token, "assign", now=NOW).permission == "assign"
    assert [a.athlete_name for a in coaching.athletes(coach)] == ["first", "second"]


def test_an_athlete_may_have_several_coaches_and_revoke_one(app: Strongback) -> None:
    one, two, athlete = user(app, "one"), user(app, "two"), user(app, "athlete")
    linked(app, one, athlete, "view")
    linked(app, two, athlete, "assign")
    assert {c.coach_name: c.permission for c in coaching.coaches(athlete)} == {
        "one": Permission.VIEW,
        "two": Permission.ASSIGN,
    }
    coaching.revoke_coach(athlete, one.user_id)
    assert [c.coach_name for c in coaching.coaches(athlete)] == ["two"]
    assert coaching.athletes(one) == []
    with pytest.raises(NotFound):
        coaching.revoke_coach(athlete, one.user_id)
    with pytest.raises(NotFound):
        coaching.revoke_coach(athlete, 2**40)


def test_a_revocation_ends_a_scope_already_handed_out_at_once(app: Strongback) -> None:
    coach, athlete = user(app, "coach"), user(app, "athlete")
    linked(app, coach, athlete, "view")
    scope = coaching.athlete_scope(coach, athlete.user_id)
    assert planning.current_plan(scope) is None
    coaching.revoke_coach(athlete, coach.user_id)
    with pytest.raises(NotFound):
        planning.current_plan(scope)
    with pytest.raises(NotFound):
        coaching.athlete_scope(coach, athlete.user_id)


def test_a_new_invite_after_a_revocation_grants_access_again(app: Strongback) -> None:
    coach, athlete = user(app, "coach"), user(app, "athlete")
    linked(app, coach, athlete, "assign")
    coaching.revoke_coach(athlete, coach.user_id)
    linked(app, coach, athlete, "view")
    (link,) = coaching.coaches(athlete)
    assert link.permission is Permission.VIEW and link.active


def test_changing_the_permission_narrows_or_widens_what_the_coach_may_do(
    app: Strongback,
) -> None:
    coach, athlete = user(app, "coach"), user(app, "athlete")
    linked(app, coach, athlete, "assign")
    view_scope = coaching.athlete_scope(coach, athlete.user_id)
    coaching.athlete_scope(coach, athlete.user_id, Permission.ASSIGN)
    coaching.change_permission(athlete, coach.user_id, "view")
    with pytest.raises(NotFound):
        coaching.athlete_scope(coach, athlete.user_id, Permission.ASSIGN)
    assert planning.current_plan(view_scope) is None
    coaching.change_permission(athlete, coach.user_id, Permission.ASSIGN)
    coaching.athlete_scope(coach, athlete.user_id, Permission.ASSIGN)


def test_a_coach_is_never_their_own_athlete(app: Strongback) -> None:
    coach = user(app, "coach")
    with pytest.raises(NotFound):
        coaching.athlete_scope(coach, coach.user_id)


def test_an_assigned_plan_becomes_current_names_its_coach_and_keeps_the_earlier_one(
    app: Strongback,
) -> None:
    coach, athlete = user(app, "coach"), user(app, "athlete")
    linked(app, coach, athlete, "assign")
    from strongback.services.profile import ProfileChanges, update_profile

    # With assign the coach edits the athlete's profile, then plans from its equipment.
    scope = coaching.athlete_scope(coach, athlete.user_id, Permission.ASSIGN)
    owned = frozenset({Equipment.DUMBBELLS, Equipment.BENCH, Equipment.PULL_UP_BAR})
    update_profile(scope, ProfileChanges(equipment=owned))
    request = PlanRequest(days=2, minutes=30, equipment=frozenset())
    own_id, _ = planning.save_plan(
        athlete, planning.build_plan(athlete.catalog, _home_request()), today=TODAY
    )
    plan_id, plan = coaching.assign_plan(coach, athlete.user_id, request, today=TODAY)
    stored = planning.current_stored_plan(athlete)
    assert stored is not None and stored.id == plan_id != own_id
    assert (stored.assigned_by, stored.assigned_by_name) == (coach.user_id, "coach")
    assert plan.profile.equipment == owned
    assert all(item.reason for week in plan.weeks for item in week.items())
    assert [p.id for p in planning.stored_plans(athlete)] == [own_id, plan_id]
    # Again, from the current plan's profile.
    again_id, again = coaching.assign_plan(coach, athlete.user_id, today=TODAY)
    assert again.profile.days == 2 and again_id > plan_id


def _home_request() -> PlanRequest:
    return PlanRequest(days=3, minutes=45, equipment=frozenset({Equipment.DUMBBELLS}))


def test_a_view_coach_cannot_assign_a_plan_or_edit_the_profile(app: Strongback) -> None:
    coach, athlete = user(app, "coach"), user(app, "athlete")
    linked(app, coach, athlete, "view")
    with pytest.raises(NotFound):
        coaching.assign_plan(coach, athlete.user_id, _home_request(), today=TODAY)
    from strongback.services.profile import ProfileChanges, update_profile

    # A view scope refuses any unit of work that writes.
    scope = coaching.athlete_scope(coach, athlete.user_id)
    with pytest.raises(NotFound):
        update_profile(scope, ProfileChanges(equipment=frozenset({Equipment.DUMBBELLS})))
    assert planning.stored_plans(athlete) == []


def _pulls(days_ago: int, **extra: object) -> object:
    return workout(
        at(TODAY, days_ago),
        ("incline-dumbbell-row", rows(3, weight=20, unit=KG, reps=12, **extra)),
    )


def _log(app: Strongback, scope: UserScope, *workouts: object) -> list[int]:
    ids = []
    with scope.unit_of_work(write=True) as uow:
        for w in workouts:
            ids.append(uow.workouts.add(w).id)  # type: ignore[arg-type]
        uow.commit()
    return [i for i in ids if i is not None]


def test_comments_go_both_ways_with_unread_marks_and_a_list_of_what_is_new(
    app: Strongback,
) -> None:
    coach, athlete = user(app, "coach"), user(app, "athlete")
    linked(app, coach, athlete, "view")
    (workout_id,) = _log(app, athlete, _pulls(1))
    with athlete.unit_of_work() as uow:
        found = uow.workouts.get(workout_id)
    assert found is not None
    set_id = found.sets[0].id
    said = comments.add_comment(coach, athlete.user_id, workout_id, "Good rows", set_id=set_id)
    assert (said.author_name, said.set_id, said.unread) == ("coach", set_id, False)
    assert [c.body for c in comments.whats_new(athlete)] == ["Good rows"]
    assert comments.whats_new(coach) == []
    reply = comments.add_comment(athlete, athlete.user_id, workout_id, "Thanks!")
    thread = comments.comments(athlete, athlete.user_id, workout_id=workout_id)
    assert [(c.body, c.unread) for c in thread] == [("Good rows", True), ("Thanks!", False)]
    assert comments.mark_read(athlete, [said.id]) == 1
    assert comments.whats_new(athlete) == []
    assert [c.id for c in comments.whats_new(coach)] == [reply.id]
    # The coach cannot mark, nor see, anything once revoked.
    coaching.revoke_coach(athlete, coach.user_id)
    assert comments.whats_new(coach) == []
    assert comments.mark_read(coach, [reply.id]) == 0
    with pytest.raises(NotFound):
        comments.comments(coach, athlete.user_id)


def test_a_comment_names_only_the_athletes_own_workout_and_its_sets(app: Strongback) -> None:
    coach, athlete, other = user(app, "coach"), user(app, "athlete"), user(app, "other")
    linked(app, coach, athlete, "view")
    first, second = _log(app, athlete, _pulls(2), _pulls(1))
    (others,) = _log(app, other, _pulls(1))
    with athlete.unit_of_work() as uow:
        w = uow.workouts.get(second)
    assert w is not None
    with pytest.raises(NotFound):
        comments.add_comment(coach, athlete.user_id, others, "not theirs")
    with pytest.raises(NotFound):
        comments.add_comment(coach, athlete.user_id, first, "wrong set", set_id=w.sets[0].id)
    with pytest.raises(NotFound):
        comments.add_comment(coach, other.user_id, others, "not my athlete")
    with pytest.raises(InvalidInput) as empty:
        comments.add_comment(coach, athlete.user_id, first, "   ")
    assert empty.value.field == "text"
    assert comments.comments(athlete, athlete.user_id) == []


def test_checkins_are_one_a_day_with_a_trend_and_name_the_field_at_fault(
    app: Strongback,
) -> None:
    athlete = user(app, "athlete")
    for days_ago, pain in ((10, 2), (9, 2), (2, 5), (1, 6)):
        request = CheckInRequest(back_pain=pain, sleep=7, day=TODAY - timedelta(days=days_ago))
        checkins.record_checkin(athlete, request, today=TODAY)
    checkins.record_checkin(
        athlete,
        CheckInRequest(back_pain=4, sleep="8", note="slept well", day=TODAY - timedelta(days=1)),
        today=TODAY,
    )
    found = checkins.checkins(athlete, days=7, today=TODAY)
    assert [(c.day, c.back_pain) for c in found.checkins] == [
        (TODAY - timedelta(days=2), 5),
        (TODAY - timedelta(days=1), 4),
    ]
    trend = {t.score: t for t in found.trends}
    assert (trend["back_pain"].last_7, trend["back_pain"].previous_7) == (4.5, 2)
    assert trend["back_pain"].change == 2.5 and trend["energy"].last_7 is None
    for bad, field in (
        (CheckInRequest(back_pain=11), "back_pain"),
        (CheckInRequest(back_pain=None), "back_pain"),
        (CheckInRequest(back_pain=2, energy="lots"), "energy"),
        (CheckInRequest(back_pain=2, day=TODAY + timedelta(days=1)), "date"),
    ):
        with pytest.raises(InvalidInput) as err:
            checkins.record_checkin(athlete, bad, today=TODAY)
        assert err.value.field == field


HOME = UserProfile(equipment=frozenset({Equipment.DUMBBELLS}), dumbbells=(15, 17.5, 20, 22.5))


def test_high_back_pain_in_a_checkin_regresses_the_next_prescriptions_like_logged_pain(
    app: Strongback,
) -> None:
    athlete = user(app, "athlete")
    with athlete.unit_of_work(write=True) as uow:
        uow.profile.save(HOME)
        uow.commit()
    _log(app, athlete, _pulls(2))
    before = progress.next_prescriptions(athlete, today=TODAY)
    assert before.prescriptions[0].rule is Rule.ADD_LOAD
    checkins.record_checkin(athlete, CheckInRequest(back_pain=7), today=TODAY)
    after = progress.next_prescriptions(athlete, today=TODAY)
    (row,) = after.prescriptions
    assert row.rule is Rule.PAIN and row.weight == 17.5
    assert "check-in reported back pain 7/10" in row.reason
    # A check-in older than the last session no longer speaks for the next one.
    _log(app, athlete, _pulls(0))
    later = progress.next_prescriptions(athlete, today=TODAY + timedelta(days=1))
    assert later.prescriptions[0].rule is not Rule.PAIN


def test_two_athletes_accepting_one_invite_at_once_leave_one_link(app: Strongback) -> None:
    import threading

    coach = user(app, "coach")
    athletes = [user(app, f"athlete-{n}") for n in range(4)]
    coaching.set_coaching(coach, True)
    invite = coaching.create_invite(coach, now=NOW)
    start = threading.Barrier(len(athletes))
    results: list[str] = []

    def accept(scope: UserScope) -> None:
        start.wait()
        try:
            coaching.accept_invite(scope, invite.token, "view", now=NOW)
            results.append("linked")
        except NotFound:
            results.append("refused")

    threads = [threading.Thread(target=accept, args=(a,)) for a in athletes]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(results) == ["linked", "refused", "refused", "refused"]
    assert len(coaching.athletes(coach)) == 1
