"""The next-prescription and records use cases on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from strongback.domain.errors import UnknownExercise
from strongback.domain.profile import UserProfile
from strongback.domain.progression import Rule
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import Equipment, SetType, WeightUnit
from strongback.services.planning import save_plan
from strongback.services.progress import next_prescriptions, records
from strongback.storage import Database, open_database
from tests.builders import scope_of, typed_plan
from tests.samples import exports

KG, LB = WeightUnit.KG, WeightUnit.LB
TODAY = date(2026, 6, 17)  # a Wednesday
SAMPLE_NAME = "strong_classic12col_comma_lbs_2020-2026_andrew50-lifting.csv"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


def _at(days_ago: int) -> datetime:
    d = TODAY - timedelta(days=days_ago)
    return datetime(d.year, d.month, d.day, 18, 0)


def _workout(days_ago: int, *groups: tuple[str, list[dict[str, Any]]]) -> Workout:
    sets: list[PerformedSet] = []
    for exercise, rows in groups:
        for row in rows:
            sets.append(PerformedSet(exercise, len(sets) + 1, **row))
    return Workout(_at(days_ago), "Back day", tuple(sets))


def _add(db: Database, *workouts: Workout, profile: UserProfile | None = None) -> None:
    with db.unit_of_work() as uow:
        if profile is not None:
            uow.profile.save(profile)
        for w in workouts:
            uow.workouts.add(w)
        uow.commit()


def _rows(n: int, **kw: Any) -> list[dict[str, Any]]:
    return [dict(kw) for _ in range(n)]


HOME = UserProfile(
    equipment=frozenset({Equipment.DUMBBELLS, Equipment.BENCH, Equipment.PULL_UP_BAR}),
    dumbbells=(10, 12.5, 15, 17.5, 20, 22.5),
)


def test_without_a_plan_next_covers_the_exercises_of_the_last_four_weeks(db: Database) -> None:
    _add(
        db,
        _workout(60, ("face-pull", _rows(3, weight=20, unit=KG, reps=15))),
        _workout(3, ("incline-dumbbell-row", _rows(3, weight=20, unit=KG, reps=12))),
        _workout(1, ("pull-up", _rows(3, reps=7))),
        profile=HOME,
    )
    result = next_prescriptions(scope_of(db), today=TODAY)
    assert result.source == "recent" and result.deload is None
    by_id = {p.exercise: p for p in result.prescriptions}
    assert list(by_id) == ["incline-dumbbell-row", "pull-up"]
    row = by_id["incline-dumbbell-row"]
    assert (row.rule, row.weight, row.unit) == (Rule.ADD_LOAD, 22.5, KG)
    assert by_id["pull-up"].rule is Rule.ADD_REPS and by_id["pull-up"].weight is None


def test_next_for_one_exercise_and_for_an_unknown_one(db: Database) -> None:
    _add(db, _workout(2, ("lat-pulldown", _rows(3, weight=100, unit=LB, reps=12))))
    one = next_prescriptions(scope_of(db), exercise="lat-pulldown", today=TODAY)
    assert [p.weight for p in one.prescriptions] == [110]
    assert one.prescriptions[0].unit is LB
    fresh = next_prescriptions(scope_of(db), exercise="face-pull", today=TODAY)
    assert fresh.prescriptions[0].rule is Rule.START
    assert fresh.message is not None and "face-pull" in fresh.message
    with pytest.raises(UnknownExercise) as err:
        next_prescriptions(scope_of(db), exercise="lat-pulldwn", today=TODAY)
    assert "lat-pulldown" in err.value.suggestions


def test_empty_history_without_a_plan_gives_a_message(db: Database) -> None:
    result = next_prescriptions(scope_of(db), today=TODAY)
    assert result.prescriptions == ()
    assert result.message is not None and "No training logged yet" in result.message


def _plan(start: date, *, deload_week: int | None = None) -> dict[str, Any]:
    def item(ex: str, **kw: Any) -> dict[str, Any]:
        base = {"exercise": ex, "sets": 3, "reps": {"min": 8, "max": 12}, "tempo": "3-2-1-2",
                "rest_seconds": 120, "target_rir": 2, "reason": "a rule"}  # fmt: skip
        base.update(kw)
        return base

    weeks = []
    for n in (1, 2, 3):
        weeks.append(
            {
                "week": n,
                "deload": n == deload_week,
                "sessions": [
                    {
                        "day": 1,
                        "title": "Pull",
                        "estimated_minutes": 40,
                        "items": [
                            item("incline-dumbbell-row", sets=4, reps={"min": 6, "max": 10}),
                            item("pull-up", reps={"min": 5, "max": 8}),
                            item(
                                "scorpion-reach",
                                reps=None,
                                reps_per_side={"min": 5, "max": 6},
                                tempo="2-1-2-1",
                                rest_seconds=30,
                                target_rir=None,
                            ),
                        ],
                    }
                ],
            }
        )
    return {
        "profile": {"level": "intermediate", "goal": "hypertrophy"},
        "start_date": start.isoformat(),
        "weeks": weeks,
        "warnings": [],
        "notes": [],
    }


def test_with_a_plan_next_follows_its_items(db: Database) -> None:
    _add(
        db,
        _workout(2, ("incline-dumbbell-row", _rows(4, weight=17.5, unit=KG, reps=10, rir=2))),
        _workout(2, ("face-pull", _rows(3, weight=20, unit=KG, reps=15))),
        profile=HOME,
    )
    with db.unit_of_work() as uow:
        uow.plans.save(typed_plan(_plan(TODAY - timedelta(days=3))))
        uow.commit()
    result = next_prescriptions(scope_of(db), today=TODAY)
    assert result.source == "session" and result.plan_week == 1
    assert result.session is not None and result.session.day == date(2026, 6, 22)
    ids = [p.exercise for p in result.prescriptions]
    assert ids == ["incline-dumbbell-row", "pull-up", "scorpion-reach"]  # not the face pull
    row = result.prescriptions[0]
    # The plan's 4 x 6-10 wins: 10 reps is its top, so the load goes up.
    assert (row.sets, row.reps and row.reps.max, row.rule, row.weight) == (
        4, 10, Rule.ADD_LOAD, 20,
    )  # fmt: skip
    assert result.prescriptions[1].rule is Rule.START
    assert result.prescriptions[2].reps_per_side is not None


def _two_day_plan(start: date) -> dict[str, Any]:
    plan = _plan(start)
    for week in plan["weeks"]:
        pull = week["sessions"][0]
        hinge = {
            "day": 4,
            "title": "Hinge",
            "estimated_minutes": 30,
            "items": [{**pull["items"][0], "exercise": "goblet-squat", "reason": "hinge day"}],
        }
        week["sessions"] = [pull, hinge]
    return plan


def test_next_shows_the_next_session_of_the_plan_and_whole_plan_every_exercise(
    db: Database,
) -> None:
    with db.unit_of_work() as uow:
        uow.plans.save(typed_plan(_two_day_plan(date(2026, 6, 15))))  # a Monday
        uow.commit()
    wednesday = next_prescriptions(scope_of(db), today=TODAY)
    assert wednesday.session is not None and wednesday.session.title() == (
        "Thursday 2026-06-18: Hinge (week 1)"
    )
    assert [p.exercise for p in wednesday.prescriptions] == ["goblet-squat"]
    monday = next_prescriptions(scope_of(db), today=date(2026, 6, 15))
    assert monday.prescriptions[0].exercise == "incline-dumbbell-row"
    whole = next_prescriptions(scope_of(db), whole_plan=True, today=TODAY)
    assert whole.source == "plan" and whole.session is None
    assert [p.exercise for p in whole.prescriptions] == [
        "incline-dumbbell-row", "pull-up", "scorpion-reach", "goblet-squat",
    ]  # fmt: skip


def test_a_session_trained_today_is_done_the_next_one_comes(db: Database) -> None:
    thursday = date(2026, 6, 18)
    _add(db, _workout(-1, ("goblet-squat", _rows(3, weight=16, unit=KG, reps=10))))
    with db.unit_of_work() as uow:
        uow.plans.save(typed_plan(_two_day_plan(date(2026, 6, 15))))
        uow.commit()
    result = next_prescriptions(scope_of(db), today=thursday)
    assert result.session is not None and result.session.title().startswith("Monday 2026-06-22")
    after = next_prescriptions(scope_of(db), today=date(2026, 8, 5))  # after the 3-week block
    assert after.session is not None and after.session.week == 3
    assert after.session.title().startswith("Thursday 2026-08-06")


def test_the_plans_deload_week_makes_every_prescription_lighter(db: Database) -> None:
    _add(
        db,
        _workout(2, ("incline-dumbbell-row", _rows(4, weight=17.5, unit=KG, reps=10))),
        profile=HOME,
    )
    with db.unit_of_work() as uow:
        uow.plans.save(typed_plan(_plan(TODAY - timedelta(days=9), deload_week=2)))
        uow.commit()
    result = next_prescriptions(scope_of(db), today=TODAY)
    assert result.plan_week == 2 and result.deload is not None
    row = result.prescriptions[0]
    assert row.rule is Rule.DELOAD and row.sets == 2 and row.weight == 15
    assert "deload" in row.reason


def test_six_weeks_in_a_row_bring_a_deload_week(db: Database) -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    workouts = []
    for k in range(1, 7):
        day = (TODAY - monday).days + 7 * k - 1  # a Tuesday of each of the last 6 weeks
        workouts.append(_workout(day, ("seated-cable-row", _rows(3, weight=50, unit=KG, reps=10))))
    _add(db, *workouts)
    result = next_prescriptions(scope_of(db), today=TODAY)
    assert result.deload is not None and "6 weeks" in result.deload.reason
    assert result.prescriptions[0].rule is Rule.DELOAD
    assert result.prescriptions[0].weight == 45


def test_stalls_on_several_exercises_bring_a_deload_week(db: Database) -> None:
    stalled = [
        _workout(d, ("seated-cable-row", _rows(3, weight=60, unit=KG, reps=5)),
                 ("lat-pulldown", _rows(3, weight=60, unit=KG, reps=5)))
        for d in (8, 5, 2)
    ]  # fmt: skip
    _add(db, *stalled)
    result = next_prescriptions(scope_of(db), today=TODAY)
    assert result.deload is not None and "stalled" in result.deload.reason
    assert {p.rule for p in result.prescriptions} == {Rule.DELOAD}


def test_records_exclude_warm_ups_and_keep_units(db: Database) -> None:
    _add(
        db,
        _workout(
            5,
            (
                "lat-pulldown",
                [
                    {"weight": 150, "unit": LB, "reps": 10, "set_type": SetType.WARM_UP},
                    {"weight": 100, "unit": LB, "reps": 10},
                ],
            ),
        ),
        _workout(2, ("lat-pulldown", _rows(2, weight=50, unit=KG, reps=8))),
        _workout(2, ("pull-up", _rows(2, reps=9))),
    )
    everything = records(scope_of(db))
    one = records(scope_of(db), exercise="pull-up")
    with pytest.raises(UnknownExercise):
        records(scope_of(db), exercise="pullup-x")
    heaviest = everything["lat-pulldown"].heaviest
    assert heaviest is not None and (heaviest.weight, heaviest.unit) == (50, KG)
    assert list(one) == ["pull-up"]
    bw = one["pull-up"].most_reps_bodyweight
    assert bw is not None and bw.reps == 9


@pytest.mark.slow
def test_next_on_an_imported_five_year_history_gives_loadable_prescriptions(
    sqlite_url: str,
) -> None:
    from strongback.services.importing import import_file

    sample = exports("strong") / SAMPLE_NAME
    database = open_database(sqlite_url)
    try:
        with database.unit_of_work() as uow:
            uow.profile.save(UserProfile(unit=LB))
            uow.commit()
        import_file(scope_of(database), "strong", sample, unit=LB)
        result = next_prescriptions(scope_of(database), every_logged=True, today=date(2026, 6, 1))
        recs = records(scope_of(database))
    finally:
        database.dispose()
    assert len(result.prescriptions) > 50
    for p in result.prescriptions:
        assert p.reason and p.sets >= 1
        assert sum(x is not None for x in (p.reps, p.reps_per_side, p.seconds)) == 1
        if p.weight is not None:
            assert p.unit is LB and p.weight > 0
    assert all(r.best_e1rm is None or r.best_e1rm.unit is LB for r in recs.values())


def test_a_profile_without_equipment_borrows_the_plans(db: Database) -> None:
    plan = _plan(TODAY)
    plan["profile"]["equipment"] = ["dumbbells", "bench", "pull-up-bar"]
    plan["weeks"][0]["sessions"][0]["items"].append(
        {"exercise": "goblet-squat", "sets": 3, "reps": {"min": 8, "max": 12}}
    )
    _add(db, _workout(2, ("goblet-squat", _rows(3, weight=14, unit=KG, reps=12))))
    with db.unit_of_work() as uow:
        uow.plans.save(typed_plan(plan))
        uow.commit()
    result = next_prescriptions(scope_of(db), exercise="goblet-squat", today=TODAY)
    # Dumbbells (not the default kettlebells, which would jump to 16 kg): the next is 15 kg.
    assert result.prescriptions[0].weight == 15


def test_the_plan_week_counts_from_the_monday_after_it_was_saved(db: Database) -> None:
    plan = _plan(TODAY, deload_week=2)
    del plan["start_date"]
    _add(db, _workout(2, ("incline-dumbbell-row", _rows(4, weight=17.5, unit=KG, reps=10))))
    saved_on = date(2026, 6, 7)  # a Sunday: the plan starts on Monday 8 June
    _, stored = save_plan(scope_of(db), typed_plan(plan), today=saved_on)
    assert stored.start_date == date(2026, 6, 8)
    week2 = next_prescriptions(scope_of(db), today=TODAY)  # Wednesday 17 June: week 2
    week1 = next_prescriptions(scope_of(db), today=date(2026, 6, 8))
    before = next_prescriptions(scope_of(db), today=date(2026, 6, 7))
    assert week2.plan_week == 2 and week2.deload is not None
    assert week1.plan_week == 1 and before.plan_week == 1
