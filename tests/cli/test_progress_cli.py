"""``strongback next``, ``e1rm`` and ``records`` end to end on a real database (both engines)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from strongback.domain.profile import UserProfile
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import Equipment, SetType, WeightUnit
from strongback.storage import open_database
from tests.builders import typed_plan

KG, LB = WeightUnit.KG, WeightUnit.LB
NEXT_KEYS = {
    "exercise", "sets", "reps", "reps_per_side", "seconds", "weight", "unit", "tempo",
    "target_rir", "rest_seconds", "rule", "reason",
}  # fmt: skip
NEXT_RESULT_KEYS = {
    "day",
    "weekday",
    "title",
    "plan_week",
    "source",
    "deload",
    "message",
    "prescriptions",
}
Run = Callable[..., Any]


def _log(url: str, *workouts: Workout, profile: UserProfile | None = None) -> None:
    db = open_database(url)
    try:
        with db.unit_of_work() as uow:
            if profile is not None:
                uow.profile.save(profile)
            for w in workouts:
                uow.workouts.add(w)
            uow.commit()
    finally:
        db.dispose()


def _workout(days_ago: int, exercise: str, rows: list[dict[str, Any]]) -> Workout:
    d = date.today() - timedelta(days=days_ago)
    sets = tuple(PerformedSet(exercise, i + 1, **row) for i, row in enumerate(rows))
    return Workout(datetime(d.year, d.month, d.day, 7, 30), "Morning", sets)


def _rows(n: int, **kw: Any) -> list[dict[str, Any]]:
    return [dict(kw) for _ in range(n)]


HOME = UserProfile(
    equipment=frozenset({Equipment.DUMBBELLS, Equipment.BENCH, Equipment.PULL_UP_BAR}),
    dumbbells=(10, 12.5, 15, 17.5, 20, 22.5),
)


def test_next_json_has_exactly_the_public_keys_and_the_next_load(run_cli: Run, db_url: str) -> None:
    _log(
        db_url,
        _workout(3, "incline-dumbbell-row", _rows(3, weight=20, unit=KG, reps=12, rir=2)),
        _workout(2, "pull-up", [{"reps": r} for r in (8, 7, 7)]),
        _workout(1, "half-kneeling-hip-flexor-stretch", _rows(2, seconds=30)),
        profile=HOME,
    )
    result = run_cli(["next", "--json"], db_url=db_url)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == NEXT_RESULT_KEYS and data["source"] == "recent"
    assert (data["day"], data["weekday"], data["title"], data["plan_week"]) == (None,) * 4
    items = data["prescriptions"]
    assert [i["exercise"] for i in items] == [
        "incline-dumbbell-row", "pull-up", "half-kneeling-hip-flexor-stretch",
    ]  # fmt: skip
    assert all(set(i) == NEXT_KEYS for i in items)
    row, pull, stretch = items
    assert row["weight"] == 22.5 and row["unit"] == "kg" and row["rule"] == "add-load"
    assert row["reps"] == {"min": 8, "max": 12} and row["reps_per_side"] is None
    assert row["tempo"] == "3-2-1-2" and row["target_rir"] == 2 and row["rest_seconds"] > 0
    assert pull["weight"] is None and pull["reps"] == {"min": 8, "max": 10}
    assert stretch["seconds"] == 35 and stretch["reps"] is None


def test_next_prints_a_table_and_each_reason(run_cli: Run, db_url: str) -> None:
    _log(db_url, _workout(2, "lat-pulldown", _rows(3, weight=100, unit=LB, reps=12)))
    result = run_cli(["next"], db_url=db_url)
    assert result.exit_code == 0, result.stderr
    assert "lat-pulldown" in result.stdout
    assert "110 lb" in result.stdout
    assert "go up to 110 lb" in result.stdout


def test_next_shows_a_band_exercises_load_as_band_not_bodyweight(run_cli: Run, db_url: str) -> None:
    band_kit = UserProfile(equipment=HOME.equipment | {Equipment.BAND}, dumbbells=HOME.dumbbells)
    _log(db_url, _workout(2, "face-pull", _rows(3, reps=15)), profile=band_kit)
    result = run_cli(["next"], db_url=db_url)
    assert result.exit_code == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("face-pull "))
    assert " band " in row and "bodyweight" not in row and "kg" not in row


def test_next_for_one_exercise_takes_db_from_the_option(run_cli: Run, db_url: str) -> None:
    _log(
        db_url,
        _workout(2, "lat-pulldown", _rows(3, weight=50, unit=KG, reps=6)),
        _workout(2, "face-pull", _rows(3, weight=20, unit=KG, reps=15)),
    )
    result = run_cli(["next", "--exercise", "lat-pulldown", "--json", "--db", db_url])
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)["prescriptions"]
    assert len(items) == 1 and items[0]["rule"] == "hold" and items[0]["weight"] == 50


def test_next_with_an_unknown_exercise_exits_2_with_suggestions(run_cli: Run, db_url: str) -> None:
    result = run_cli(["next", "--exercise", "lat-pulldwon"], db_url=db_url)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "did you mean" in result.stderr and "lat-pulldown" in result.stderr


def test_next_on_an_empty_history_says_so_and_exits_0(run_cli: Run, db_url: str) -> None:
    result = run_cli(["next"], db_url=db_url)
    assert result.exit_code == 0
    assert "No training logged yet" in result.stdout
    as_json = run_cli(["next", "--json"], db_url=db_url)
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["prescriptions"] == []


def test_next_names_pain_and_never_adds_load(run_cli: Run, db_url: str) -> None:
    rows = [*_rows(2, weight=20, unit=KG, reps=12), {"weight": 20, "unit": KG, "reps": 12,
                                                      "pain": 6}]  # fmt: skip
    _log(db_url, _workout(2, "incline-dumbbell-row", rows), profile=HOME)
    items = json.loads(run_cli(["next", "--json"], db_url=db_url).stdout)["prescriptions"]
    assert items[0]["rule"] == "pain" and items[0]["weight"] == 17.5
    assert "pain 6/10" in items[0]["reason"]


def test_next_follows_the_saved_plan(run_cli: Run, db_url: str) -> None:
    _log(db_url, _workout(2, "incline-dumbbell-row", _rows(4, weight=15, unit=KG, reps=10)),
         profile=HOME)  # fmt: skip
    plan = {
        "profile": {"level": "beginner", "goal": "strength"},
        "weeks": [{"week": 1, "deload": False, "sessions": [{"day": 2, "items": [
            {"exercise": "incline-dumbbell-row", "sets": 4, "reps": {"min": 8, "max": 10},
             "tempo": "3-1-1-1", "rest_seconds": 100, "target_rir": 3, "reason": "r"},
            {"exercise": "face-pull", "sets": 2, "reps": {"min": 12, "max": 15},
             "tempo": "3-2-1-2", "rest_seconds": 60, "target_rir": 2, "reason": "r"}]}]}],
        "warnings": [], "notes": [],
    }  # fmt: skip
    db = open_database(db_url)
    try:
        with db.unit_of_work() as uow:
            uow.plans.save(typed_plan(plan))
            uow.commit()
    finally:
        db.dispose()
    items = json.loads(run_cli(["next", "--json"], db_url=db_url).stdout)["prescriptions"]
    assert [i["exercise"] for i in items] == ["incline-dumbbell-row", "face-pull"]
    row = items[0]
    assert (row["sets"], row["tempo"], row["rest_seconds"], row["target_rir"]) == (
        4, "3-1-1-1", 100, 3,
    )  # fmt: skip
    assert row["weight"] == 17.5 and row["rule"] == "add-load"
    assert items[1]["rule"] == "start" and items[1]["sets"] == 2


def test_e1rm_json_gives_both_formulas_the_estimate_and_trust(run_cli: Run) -> None:
    result = run_cli(["e1rm", "--weight", "100", "--reps", "5", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["epley"] == 116.7 and data["brzycki"] == 112.5
    assert data["estimate"] == 114.6 and data["trusted"] is True
    rir = json.loads(run_cli(["e1rm", "-w", "100", "-r", "8", "--rir", "4", "--json"]).stdout)
    assert rir["effective_reps"] == 12 and rir["trusted"] is False
    rpe = json.loads(run_cli(["e1rm", "-w", "100", "-r", "8", "--rpe", "6", "--json"]).stdout)
    assert rpe["estimate"] == rir["estimate"]


def test_e1rm_text_marks_rough_estimates_and_undefined_brzycki(run_cli: Run) -> None:
    result = run_cli(["e1rm", "--weight", "40", "--reps", "38"])
    assert result.exit_code == 0
    assert "undefined" in result.stdout and "rough" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--weight", "abc", "--reps", "5"],
        ["--weight", "100", "--reps", "0"],
        ["--weight", "-5", "--reps", "5"],
        ["--weight", "100", "--reps", "5.5"],
        ["--weight", "100", "--reps", "5", "--rir", "12"],
        ["--weight", "100", "--reps", "5", "--rir", "1", "--rpe", "9"],
        ["--reps", "5"],
    ],
)
def test_e1rm_bad_input_exits_2_with_one_line(run_cli: Run, args: list[str]) -> None:
    result = run_cli(["e1rm", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_records_lists_prs_without_warm_ups(run_cli: Run, db_url: str) -> None:
    _log(
        db_url,
        _workout(9, "lat-pulldown", [{"weight": 90, "unit": KG, "reps": 5,
                                      "set_type": SetType.WARM_UP},
                                     {"weight": 60, "unit": KG, "reps": 8}]),
        _workout(2, "lat-pulldown", _rows(3, weight=62.5, unit=KG, reps=6)),
        _workout(2, "pull-up", _rows(3, reps=9)),
        _workout(1, "half-kneeling-hip-flexor-stretch", _rows(2, seconds=45)),
    )  # fmt: skip
    result = run_cli(["records", "--json"], db_url=db_url)
    assert result.exit_code == 0, result.stderr
    recs = json.loads(result.stdout)
    heaviest = [r for r in recs if r["exercise"] == "lat-pulldown" and r["record"] == "heaviest"]
    assert max(r["weight"] for r in heaviest) == 62.5  # the 90 kg warm-up never counts
    assert {r["reps"] for r in heaviest} == {6, 8}
    assert any(r["record"] == "most-reps" and r["exercise"] == "pull-up" and r["reps"] == 9
               for r in recs)  # fmt: skip
    assert any(r["record"] == "longest-hold" and r["seconds"] == 45 for r in recs)
    table = run_cli(["records"], db_url=db_url)
    assert table.exit_code == 0 and "best e1RM" in table.stdout and "62.5 kg x 6" in table.stdout
    one = run_cli(["records", "--exercise", "pull-up", "--json"], db_url=db_url)
    assert {r["exercise"] for r in json.loads(one.stdout)} == {"pull-up"}


def test_records_on_an_empty_history_and_an_unknown_exercise(run_cli: Run, db_url: str) -> None:
    empty = run_cli(["records"], db_url=db_url)
    assert empty.exit_code == 0 and "No sets logged yet" in empty.stdout
    none_yet = run_cli(["records", "--exercise", "face-pull"], db_url=db_url)
    assert none_yet.exit_code == 0 and "face-pull" in none_yet.stdout
    unknown = run_cli(["records", "--exercise", "facepul"], db_url=db_url)
    assert unknown.exit_code == 2 and "face-pull" in unknown.stderr


def test_logged_sets_from_log_add_feed_next(run_cli: Run, db_url: str) -> None:
    logged = run_cli(
        ["log", "add", "--exercise", "seated-cable-row", "--weight", "45", "--unit", "kg",
         "--reps", "12,12,12", "--rir", "2"],
        db_url=db_url,
    )  # fmt: skip
    if logged.exit_code != 0:
        pytest.fail(f"log add failed: {logged.stderr}")
    items = json.loads(run_cli(["next", "--json"], db_url=db_url).stdout)["prescriptions"]
    assert items[0]["exercise"] == "seated-cable-row"
    assert items[0]["weight"] == 50 and items[0]["rule"] == "add-load"


def test_next_is_titled_with_the_next_sessions_day_and_all_lists_the_whole_plan(
    run_cli: Run, db_url: str
) -> None:
    today = date.today()
    tomorrow = today + timedelta(days=1)

    def session(day: date, title: str, exercise: str) -> dict[str, Any]:
        item = {"exercise": exercise, "sets": 3, "reps": {"min": 8, "max": 12},
                "tempo": "3-1-1-1", "rest_seconds": 90, "target_rir": 2, "reason": "r"}  # fmt: skip
        return {"day": day.isoweekday(), "title": title, "items": [item]}

    plan = {
        "profile": {"level": "beginner", "goal": "hypertrophy"},
        "start_date": (today - timedelta(days=today.weekday())).isoformat(),
        "weeks": [{"week": 1, "deload": False, "sessions": [
            session(tomorrow, "Rows", "seated-cable-row"),
            session(tomorrow + timedelta(days=2), "Pulls", "lat-pulldown"),
        ]}],
        "warnings": [], "notes": [],
    }  # fmt: skip
    _log(db_url, _workout(0, "face-pull", _rows(2, weight=10, unit=KG, reps=15)))
    db = open_database(db_url)
    try:
        with db.unit_of_work() as uow:
            uow.plans.save(typed_plan(plan))
            uow.commit()
    finally:
        db.dispose()
    shown = run_cli(["next"], db_url=db_url)
    assert shown.exit_code == 0, shown.stderr
    assert f"Next session: {tomorrow:%A} {tomorrow.isoformat()}: Rows" in shown.stdout
    assert "seated-cable-row" in shown.stdout and "lat-pulldown" not in shown.stdout
    every = json.loads(run_cli(["next", "--all", "--json"], db_url=db_url).stdout)["prescriptions"]
    assert [i["exercise"] for i in every] == ["seated-cable-row", "lat-pulldown"]
    data = json.loads(run_cli(["next", "--json"], db_url=db_url).stdout)
    assert set(data) == NEXT_RESULT_KEYS
    assert (data["day"], data["weekday"], data["title"], data["plan_week"]) == (
        tomorrow.isoformat(), f"{tomorrow:%A}", "Rows", 1,
    )  # fmt: skip
    assert data["source"] == "session" and data["deload"] is None
    assert [i["exercise"] for i in data["prescriptions"]] == ["seated-cable-row"]
