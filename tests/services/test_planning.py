"""Planning use cases on real databases: save a plan as current, audit imported histories."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from strongback.domain.catalog import load_catalog
from strongback.domain.exercise import Exercise
from strongback.domain.profile import UserProfile
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import Equipment, Goal, Level, Muscle, Pattern, WeightUnit
from strongback.services.importing import import_file
from strongback.services.planning import PlanRequest, audit, build_plan, save_plan
from strongback.services.progress import next_prescriptions
from strongback.storage import Database, open_database
from tests.builders import add_workouts, at, plan_for, rows, scope_of, workout
from tests.domain.planning.checker import check_plan
from tests.samples import sample_paths

SAMPLES = [("strong", p) for p in sample_paths("strong")] + [
    ("hevy", p) for p in sample_paths("hevy")
]
PRINCIPLES = {
    "vertical-pull", "horizontal-pull", "rear-delt", "lower-back", "mobility", "rep-ranges",
    "recovery", "volume",
}  # fmt: skip


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    db = open_database(db_url)
    try:
        yield db
    finally:
        db.dispose()


def test_saved_plan_is_the_current_plan(database: Database) -> None:
    plan = plan_for(3, 45, "dumbbells,bench,pull-up-bar", weeks=4)
    plan_id, stored = save_plan(scope_of(database), plan, start=date(2026, 1, 5))
    with database.unit_of_work() as uow:
        current = uow.plans.current()
    assert plan_id > 0
    assert current == stored and stored.start_date == date(2026, 1, 5)
    assert json.loads(json.dumps(stored.to_public())) == stored.to_public()


def test_audit_reads_logged_workouts_and_custom_exercises(database: Database) -> None:
    with database.unit_of_work() as uow:
        uow.workouts.add(
            Workout(
                started_at=datetime(2025, 5, 5, 18, 0),
                title="Pull",
                sets=tuple(PerformedSet(exercise="pull-up", order=k + 1, reps=8) for k in range(4)),
            )
        )
        uow.commit()
    report = audit(scope_of(database), weeks=2)
    assert [w.start.isoformat() for w in report.weeks] == ["2025-04-28", "2025-05-05"]
    last = {r.principle: r for r in report.weeks[-1].results}
    assert last["vertical-pull"].held and not last["horizontal-pull"].held


def test_audit_of_an_empty_history_says_nothing_is_logged(database: Database) -> None:
    report = audit(scope_of(database), weeks=3)
    assert report.weeks == () and report.message and "nothing logged" in report.message
    data = json.loads(json.dumps(report.to_public()))
    assert data["weeks"] == [] and data["block"][0]["applicable"] is False


@pytest.mark.parametrize(("kind", "path"), SAMPLES, ids=lambda v: getattr(v, "name", v)[:32])
def test_audit_runs_on_every_sample_export(sqlite_url: str, kind: str, path: Path) -> None:
    db = open_database(sqlite_url)
    try:
        summary = import_file(scope_of(db), kind, path, unit=WeightUnit.KG, skip_invalid=True)  # type: ignore[arg-type]
        with db.unit_of_work() as uow:
            latest = uow.workouts.list(last=1)[-1]
            report = audit(scope_of(db), weeks=4)
    finally:
        db.dispose()
    assert summary.sets > 0
    assert len(report.weeks) == 4
    start = report.weeks[-1].start
    assert start <= latest.day < start + timedelta(days=7)
    assert sum(w.workouts for w in report.weeks) > 0
    for week in report.weeks:
        expected = PRINCIPLES if week.trained else {"training"}
        assert {r.principle for r in week.results} == expected
        for r in week.results:
            if r.applicable and not r.held:
                assert r.evidence and r.suggestion
    json.dumps(report.to_public())


FULL_GYM = frozenset(Equipment)


def _lifter(database: Database, unit: WeightUnit = WeightUnit.LB) -> None:
    """Three deadlift and row sessions in pounds, and a profile in ``unit``."""
    with database.unit_of_work("local") as uow:
        uow.profile.save(UserProfile(unit=unit, equipment=FULL_GYM - {Equipment.OTHER}))
        uow.commit()
    add_workouts(
        database,
        *(
            workout(
                at(date(2026, 3, 2), days_ago=ago),
                ("barbell-deadlift", rows(3, weight=lb, unit=WeightUnit.LB, reps=3)),
                ("bent-over-barbell-row", rows(3, weight=lb / 2, unit=WeightUnit.LB, reps=8)),
            )
            for ago, lb in ((15, 415), (8, 435), (1, 455))
        ),
    )


def _request(**kw: object) -> PlanRequest:
    args: dict[str, object] = dict(days=4, minutes=60, equipment=FULL_GYM - {Equipment.OTHER},
                                   level=Level.ADVANCED, goal=Goal.STRENGTH)  # fmt: skip
    args.update(kw)
    return PlanRequest(**args)  # type: ignore[arg-type]


def test_a_plan_from_the_history_keeps_own_lifts_and_starts_from_their_loads(
    database: Database,
) -> None:
    _lifter(database)
    plan = build_plan(load_catalog(), _request(keep_own=True), scope_of(database),
                      today=date(2026, 3, 2))  # fmt: skip
    assert plan.profile.keep == ("barbell-deadlift", "bent-over-barbell-row")
    first = {i.exercise: i for i in plan.weeks[0].items() if i.start_load is not None}
    assert first["barbell-deadlift"].load_unit is WeightUnit.LB
    assert 300 <= first["barbell-deadlift"].start_load <= 455  # type: ignore[operator]
    assert "from your recent sets (best 455 lb x 3" in first["barbell-deadlift"].reason
    assert check_plan(plan.to_public()) == []


def test_the_history_is_read_only_when_asked(database: Database) -> None:
    _lifter(database)
    plain = build_plan(load_catalog(), _request(), scope_of(database), today=date(2026, 3, 2))
    assert plain.profile.keep == ()
    assert all(i.start_load is None for w in plain.weeks for i in w.items())
    loads = build_plan(load_catalog(), _request(from_history=True), scope_of(database),
                       today=date(2026, 3, 2))  # fmt: skip
    assert loads.profile.keep == ()
    assert any(i.start_load is not None for i in loads.weeks[0].items())


def test_a_users_custom_exercise_can_be_kept(database: Database) -> None:
    with database.unit_of_work("local") as uow:
        uow.custom_exercises.add(
            Exercise(
                id="trap-bar-pull",
                name="Trap bar pull",
                source="custom",
                pattern=Pattern.HIP_HINGE,
                primary_muscles=(Muscle.ERECTOR_SPINAE,),
                equipment=(frozenset({Equipment.BARBELL}),),
                loaded=True,
            )
        )
        uow.commit()
    plan = build_plan(load_catalog(), _request(keep=("trap-bar-pull",)), scope_of(database))
    assert all("trap-bar-pull" in {i.exercise for i in w.items()} for w in plan.weeks)


@pytest.mark.parametrize("week", [1, 2])
def test_next_starts_an_exercise_without_history_at_the_plans_first_load(
    database: Database, week: int
) -> None:
    _lifter(database)
    monday = date(2026, 3, 2)
    plan = build_plan(load_catalog(), _request(from_history=True), scope_of(database),
                      today=monday)  # fmt: skip
    save_plan(scope_of(database), plan, start=monday)
    logged = {"barbell-deadlift", "bent-over-barbell-row"}
    planned = {
        i.exercise: i
        for i in plan.weeks[0].items()
        if i.start_load is not None and i.exercise not in logged
    }
    assert planned, "the plan gives a first load to an exercise with no history of its own"
    today = monday + timedelta(days=7 * (week - 1))
    result = next_prescriptions(scope_of(database), whole_plan=True, today=today)
    found = {p.exercise: p for p in result.prescriptions}
    for ex, item in planned.items():
        p = found[ex]
        assert p.rule.value == "start" and p.unit is item.load_unit
        assert p.weight is not None and item.start_load is not None
        if p.weight < item.start_load:  # above the heaviest implement of its kind
            said = f"your history, {item.start_load:g} lb, is heavier"
            assert "the heaviest" in p.reason and said in p.reason, p.reason
        else:
            assert p.weight == item.start_load, (ex, p.weight, item.start_load)
            assert "the first load your plan took from your history" in p.reason
    assert any(found[ex].weight == i.start_load for ex, i in planned.items())
    unplanned = [p for p in result.prescriptions if p.rule.value == "start" and p.weight
                 and p.exercise not in planned]  # fmt: skip
    assert all("plan took from your history" not in p.reason for p in unplanned)
