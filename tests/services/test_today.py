"""The today page's use case: the next session of the plan, prescriptions that hold still while
today's sets are logged, and the plates of a barbell exercise."""

from __future__ import annotations

from datetime import date, timedelta

from strongback.app import Strongback
from strongback.domain.vocab import Equipment, Goal, Level
from strongback.services import analytics, planning, today, training_log
from strongback.settings import Settings

MONDAY = date(2026, 3, 2)


def _app(url: str) -> Strongback:
    return Strongback(Settings(database_url=url))


def _planned(app: Strongback) -> planning.Plan:
    scope = app.local_scope()
    plan = planning.build_plan(
        app.catalog,
        planning.PlanRequest(
            days=3, minutes=45, level=Level.BEGINNER, goal=Goal.HYPERTROPHY,
            equipment=frozenset({Equipment.BARBELL, Equipment.DUMBBELLS, Equipment.BENCH}),
        ),
    )  # fmt: skip
    _, saved = planning.save_plan(scope, plan, start=MONDAY)
    return saved


def test_the_next_session_is_todays_or_the_next_weekday_planned(sqlite_url: str) -> None:
    with _app(sqlite_url) as app:
        plan = _planned(app)
        days = sorted(s.day for s in plan.weeks[0].sessions)
        on_day, is_today = today.next_session(plan, MONDAY + timedelta(days=days[0] - 1))
        assert on_day is not None and is_today and on_day.day == days[0]
        after_last = MONDAY + timedelta(days=days[-1])  # the day after the week's last session
        if after_last.isoweekday() != 1:
            wrapped, is_today = today.next_session(plan, after_last)
            assert wrapped is not None and not is_today and wrapped.day == days[0]


def test_prescriptions_hold_still_while_todays_sets_are_logged(db_url: str) -> None:
    with _app(db_url) as app:
        plan = _planned(app)
        day = MONDAY + timedelta(days=min(s.day for s in plan.weeks[0].sessions) - 1)
        scope = app.local_scope()
        before = today.today_session(scope, day)
        assert before.items and before.is_today
        first = before.items[0]
        load = (100.0,) if first.prescription.weight else ()
        request = training_log.LogRequest(first.exercise.id, reps=(30,), weights=load, day=day)
        training_log.log_sets(scope, request)
        after = today.today_session(scope, day)
        assert after.items[0].prescription == first.prescription
        assert len(after.items[0].logged) == 1


def test_a_barbell_prescription_comes_with_its_plates(sqlite_url: str) -> None:
    with _app(sqlite_url) as app:
        plan = _planned(app)
        scope = app.local_scope()
        items = [
            item
            for s in plan.weeks[0].sessions
            for item in today.today_session(scope, MONDAY + timedelta(days=s.day - 1)).items
        ]
        barbell = [i for i in items if i.plates is not None]
        assert barbell, "a plan with a barbell has a barbell exercise"
        for item in barbell:
            assert item.plates is not None and item.prescription.weight is not None
            total = item.plates.bar + 2 * sum(item.plates.per_side)
            assert abs(total - item.prescription.weight) < 1e-9


def test_the_page_reads_once_what_the_session_and_the_weeks_numbers_read_apart(
    db_url: str,
) -> None:
    with _app(db_url) as app:
        _planned(app)
        scope = app.local_scope()
        wednesday = MONDAY + timedelta(days=9)
        for day, exercise in (
            (MONDAY + timedelta(days=6), "face-pull"),  # last week's Sunday: not this week's
            (MONDAY + timedelta(days=7), "goblet-squat"),  # this week's Monday
            (wednesday, "face-pull"),  # today, logged already
        ):
            request = training_log.LogRequest(exercise, reps=(12, 10), weights=(20.0,), day=day)
            training_log.log_sets(scope, request)
        session, week = today.today_and_week(scope, wednesday)
        assert session == today.today_session(scope, wednesday)
        assert week == analytics.this_week(scope, today=wednesday)
        assert week.this_week is not None and week.this_week.sessions == 2
