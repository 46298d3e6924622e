"""``strongback body``: body weight logged per day, and the estimated max of a movement that
carries the body (a weighted pull-up) counted on the body weight nearest before the set."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from strongback.domain.body_weight import BodyWeight, body_weights, check_body_weight
from strongback.domain.errors import InvalidInput
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import WeightUnit
from strongback.storage import open_database

KG, LB = WeightUnit.KG, WeightUnit.LB


def test_a_body_weight_is_a_person_in_either_unit() -> None:
    assert check_body_weight(80, KG) == 80 and check_body_weight(180, LB) == 180
    for weight, unit in ((8, KG), (30, LB), (500, KG)):
        with pytest.raises(InvalidInput) as err:
            check_body_weight(weight, unit)
        assert err.value.field == "body_weight" and "is not a body weight" in str(err.value)


def test_weighings_in_pounds_are_read_in_kilograms_by_day() -> None:
    read = body_weights(
        [BodyWeight(date(2026, 3, 1), 176.37, LB), BodyWeight(date(2026, 1, 1), 90, KG)]
    )
    assert read.on(date(2026, 2, 1)) == 90
    assert read.on(date(2026, 3, 2)) == pytest.approx(80, abs=0.01)


def test_body_add_and_list_one_weighing_per_day(run_cli: Any, db_url: str) -> None:
    added = run_cli(["body", "add", "80.5", "--date", "2026-03-01"], db_url=db_url)
    assert added.exit_code == 0, added.stderr
    assert added.stdout.strip() == "body weight 80.5 kg on 2026-03-01"
    run_cli(["body", "add", "178", "--unit", "lb", "--date", "2026-03-08"], db_url=db_url)
    again = run_cli(["body", "add", "81", "--date", "2026-03-01", "--json"], db_url=db_url)
    assert json.loads(again.stdout)["weight"] == 81
    listed = json.loads(run_cli(["body", "list", "--json"], db_url=db_url).stdout)
    assert [(b["date"], b["weight"], b["unit"]) for b in listed] == [
        ("2026-03-01", 81, "kg"), ("2026-03-08", 178, "lb"),
    ]  # fmt: skip
    text = run_cli(["body", "list"], db_url=db_url).stdout
    assert text.splitlines() == ["2026-03-01  81 kg", "2026-03-08  178 lb"]


def test_body_add_takes_the_profiles_unit(run_cli: Any, sqlite_url: str) -> None:
    run_cli(["profile", "set", "--unit", "lb"], db_url=sqlite_url)
    assert "180 lb" in run_cli(["body", "add", "180"], db_url=sqlite_url).stdout


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["body", "add", "abc"], "error: WEIGHT: 'abc' is not a number"),
        (["body", "add", "8"], "error: 8 kg is not a body weight (between 20 and 400 kg)"),
        (
            ["body", "add", "80", "--date", "2999-01-01"],
            "error: --date: 2999-01-01 is in the future",
        ),
        (["body", "add", "80", "--unit", "st"], "error: --unit must be kg or lb, not 'st'"),
    ],
)
def test_a_bad_body_weight_is_one_line_and_nothing_is_written(
    run_cli: Any, sqlite_url: str, args: list[str], text: str
) -> None:
    result = run_cli(args, db_url=sqlite_url)
    assert result.exit_code == 2 and result.stderr.strip() == text
    assert run_cli(["body", "list"], db_url=sqlite_url).stdout.startswith("no body weight")


def _weighted_pull_ups(url: str, day: date) -> None:
    sets = (
        PerformedSet("pull-up", 1, weight=20, unit=KG, reps=5),
        PerformedSet("pull-up", 2, weight=20, unit=KG, reps=5),
    )
    db = open_database(url)
    try:
        with db.unit_of_work() as uow:
            uow.workouts.add(Workout(datetime(day.year, day.month, day.day, 8), "Pull", sets))
            uow.commit()
    finally:
        db.dispose()


def test_a_weighted_pull_ups_best_e1rm_counts_the_body_weight_nearest_before_it(
    run_cli: Any, db_url: str
) -> None:
    day = date.today() - timedelta(days=10)
    _weighted_pull_ups(db_url, day)
    before = json.loads(run_cli(["records", "-e", "pull-up", "--json"], db_url=db_url).stdout)
    best = next(r for r in before if r["record"] == "best-e1rm")
    assert best["value"] == pytest.approx(22.9, abs=0.1)  # the added load only
    run_cli(["body", "add", "80", "--date", (day - timedelta(days=3)).isoformat()], db_url=db_url)
    run_cli(["body", "add", "90", "--date", (day + timedelta(days=1)).isoformat()], db_url=db_url)
    after = json.loads(run_cli(["records", "-e", "pull-up", "--json"], db_url=db_url).stdout)
    best = next(r for r in after if r["record"] == "best-e1rm")
    assert best["value"] == pytest.approx(114.6, abs=0.1)  # Epley and Brzycki on 80 + 20 kg
    text = run_cli(["records", "-e", "pull-up"], db_url=db_url).stdout
    assert "80 kg body weight" in " ".join(text.split())


def test_e1rm_counts_the_body_weight_given(run_cli: Any) -> None:
    out = json.loads(
        run_cli(["e1rm", "-w", "20", "-r", "1", "--body-weight", "80", "--json"]).stdout
    )
    assert out["estimate"] == 100 and out["body_weight"] == 80
    assisted = run_cli(["e1rm", "-w", "-20", "-r", "1", "--body-weight", "80"]).stdout
    assert "estimate  60.0" in assisted
    bad = run_cli(["e1rm", "-w", "20", "-r", "5", "--body-weight", "5"])
    assert bad.exit_code == 2 and "--body-weight" in bad.stderr


def test_body_weights_go_into_the_backup_and_come_back(
    run_cli: Any, sqlite_url: str, tmp_path: Any
) -> None:
    run_cli(["body", "add", "80.5", "--date", "2026-03-01"], db_url=sqlite_url)
    run_cli(["body", "add", "178", "--unit", "lb", "--date", "2026-03-08"], db_url=sqlite_url)
    backup = tmp_path / "backup.json"
    assert run_cli(["export", "json", str(backup)], db_url=sqlite_url).exit_code == 0
    assert json.loads(backup.read_text("utf-8"))["body_weights"] == [
        {"date": "2026-03-01", "weight": 80.5, "unit": "kg"},
        {"date": "2026-03-08", "weight": 178, "unit": "lb"},
    ]
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert run_cli(["import", "json", str(backup)], db_url=fresh).exit_code == 0
    listed = run_cli(["body", "list"], db_url=fresh).stdout
    assert listed.splitlines() == ["2026-03-01  80.5 kg", "2026-03-08  178 lb"]
    again = run_cli(["import", "json", str(backup)], db_url=fresh)
    assert again.exit_code == 2 and "empty database" in again.stderr


def test_next_counts_the_logged_body_weight_in_a_weighted_pull_up_comeback(
    run_cli: Any, sqlite_url: str
) -> None:
    _weighted_pull_ups(sqlite_url, date.today() - timedelta(days=100))
    before = json.loads(run_cli(["next", "-e", "pull-up", "--json"], db_url=sqlite_url).stdout)[
        "prescriptions"
    ]
    assert before[0]["rule"] == "comeback" and before[0]["weight"] is not None
    run_cli(["body", "add", "80"], db_url=sqlite_url)
    after = json.loads(run_cli(["next", "-e", "pull-up", "--json"], db_url=sqlite_url).stdout)[
        "prescriptions"
    ]
    assert after[0]["rule"] == "comeback" and after[0]["weight"] is None
    assert "80 kg body weight" in after[0]["reason"]
