"""``strongback plan`` and ``strongback audit`` end to end, in-process, on real databases."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import WeightUnit
from strongback.storage import open_database

BASE = ["plan", "--days", "3", "--minutes", "45", "--equipment", "dumbbells,bench,pull-up-bar",
        "--level", "beginner", "--goal", "hypertrophy"]  # fmt: skip
ITEM_KEYS = {"exercise", "sets", "tempo", "rest_seconds", "target_rir", "reason"}


def _json(run_cli: Any, *extra: str) -> dict[str, Any]:
    result = run_cli([*BASE, "--json", *extra])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_json_has_exactly_the_documented_shape(run_cli: Any) -> None:
    data = _json(run_cli, "--weeks", "6", "--weekdays", "mon,wed,fri", "--back-pain")
    assert set(data) == {"profile", "weeks", "warnings", "notes", "solver"}
    assert data["profile"]["equipment"] == ["bench", "dumbbells", "pull-up-bar"]
    assert data["profile"]["days"] == 3 and data["profile"]["back_pain"] is True
    assert set(data["solver"]) == {"status", "wall_seconds"}
    assert data["solver"]["status"] == "OPTIMAL"
    assert [w["week"] for w in data["weeks"]] == [1, 2, 3, 4, 5, 6]
    assert [w["deload"] for w in data["weeks"]] == [False] * 5 + [True]
    for week in data["weeks"]:
        assert set(week) == {"week", "deload", "sessions"}
        assert [s["day"] for s in week["sessions"]] == [1, 3, 5]
        for s in week["sessions"]:
            assert set(s) == {"day", "title", "estimated_minutes", "items"}
            assert 0 < s["estimated_minutes"] <= 45
            for item in s["items"]:
                measure = set(item) - ITEM_KEYS
                assert measure in ({"reps"}, {"reps_per_side"}, {"seconds", "per_side"})
                if "reps" in item:
                    assert set(item["reps"]) == {"min", "max"}


def test_table_output_is_week_by_week(run_cli: Any) -> None:
    result = run_cli([*BASE, "--weeks", "2"])
    assert result.exit_code == 0
    assert "Week 1" in result.stdout and "Week 2" in result.stdout
    assert "pull-up" in result.stdout and "Notes" in result.stdout


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["--days", "0"], "--days must be between 1 and 7"),
        (["--days", "8"], "--days must be between 1 and 7"),
        (["--minutes", "9"], "--minutes must be between 10 and 180"),
        (["--weeks", "0"], "--weeks must be between 1 and 16"),
        (["--weeks", "17"], "--weeks must be between 1 and 16"),
        (["--equipment", "dumbells"], "did you mean dumbbells"),
        (["--avoid", "pullup"], "did you mean pull-up"),
        (["--weekdays", "mon,tue"], "give exactly 3 weekday(s)"),
        (["--weekdays", "mon,wed,frie"], "unknown weekday 'frie'"),
        (["--level", "pro"], "unknown level 'pro'"),
        (["--days", "three"], "--days must be a whole number"),
    ],
)
def test_invalid_input_exits_2_with_one_line(run_cli: Any, args: list[str], text: str) -> None:
    result = run_cli([*BASE, *args])
    assert result.exit_code == 2
    assert text in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert result.stdout == ""


def test_strict_turns_unmet_principles_into_exit_3(run_cli: Any) -> None:
    loose = run_cli([*BASE, "--equipment", "dumbbells,bench", "--json"])
    assert loose.exit_code == 0
    assert any("no vertical pull" in w for w in json.loads(loose.stdout)["warnings"])
    strict = run_cli([*BASE, "--equipment", "dumbbells,bench", "--json", "--strict"])
    assert strict.exit_code == 3
    assert "principle(s) cannot be met" in strict.stderr
    ok = run_cli([*BASE, "--strict", "--json", "--equipment",
                  "dumbbells,bench,pull-up-bar,band,kettlebell"])  # fmt: skip
    assert ok.exit_code == 0, ok.stdout


def test_profile_no_plan_can_serve_exits_3_with_the_reason(run_cli: Any) -> None:
    avoid = (
        "pull-up,scorpion-reach,mountain-climber-reach,needle-arm-thread,crab-reach,"
        "lying-straight-leg-iron-cross,half-kneeling-hip-flexor-stretch,plank-with-reach"
    )
    result = run_cli([*BASE, "--equipment", "pull-up-bar", "--avoid", avoid])
    assert result.exit_code == 3
    assert result.stderr.startswith("error: every exercise is avoided")
    assert result.stderr.count("\n") == 1


def test_ics_parses_back_with_one_event_per_session_on_the_weekdays(
    run_cli: Any, tmp_path: Path
) -> None:
    path = tmp_path / "plan.ics"
    result = run_cli([*BASE, "--weeks", "2", "--ics", str(path), "--start", "2026-01-07",
                      "--json"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)
    cal = Calendar.from_ical(path.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == sum(len(w["sessions"]) for w in plan["weeks"]) == 6
    days = sorted(e.decoded("dtstart") for e in events)
    assert days[0] == date(2026, 1, 7)  # the Wednesday session of week 1 on the start date
    assert {d.isoweekday() for d in days} == {1, 3, 5}
    assert all(d >= date(2026, 1, 7) for d in days)
    first = next(e for e in events if e.decoded("dtstart") == date(2026, 1, 7))
    text = str(first.get("description"))
    item = plan["weeks"][0]["sessions"][1]["items"][0]
    assert item["tempo"] in text and "reps in reserve" in text
    assert len({str(e.get("uid")) for e in events}) == 6


def test_ics_defaults_to_next_monday(run_cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "p.ics"
    assert run_cli([*BASE, "--weeks", "1", "--ics", str(path)]).exit_code == 0
    first = min(e.decoded("dtstart") for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    today = date.today()
    assert first == today + timedelta(days=7 - today.weekday())


def test_ics_to_a_missing_folder_is_a_one_line_error(run_cli: Any, tmp_path: Path) -> None:
    result = run_cli([*BASE, "--ics", str(tmp_path / "nope" / "p.ics")])
    assert result.exit_code == 2 and "cannot write" in result.stderr
    assert not (tmp_path / "nope").exists()


def test_save_then_the_plan_is_the_current_plan(run_cli: Any, db_url: str) -> None:
    result = run_cli([*BASE, "--weeks", "3", "--json", "--save"], db_url=db_url)
    assert result.exit_code == 0, result.stderr
    assert "saved as your current plan" in result.stderr
    db = open_database(db_url)
    try:
        with db.unit_of_work() as uow:
            current = uow.plans.current()
    finally:
        db.dispose()
    assert current is not None and current.to_public() == json.loads(result.stdout)
    assert current.start_date is not None and current.start_date.weekday() == 0


def test_strict_failure_saves_nothing(run_cli: Any, sqlite_url: str) -> None:
    result = run_cli([*BASE, "--equipment", "dumbbells", "--strict", "--save"], db_url=sqlite_url)
    assert result.exit_code == 3
    db = open_database(sqlite_url)
    try:
        with db.unit_of_work() as uow:
            assert uow.plans.current() is None
    finally:
        db.dispose()


def test_audit_json_reports_each_week_and_the_block(run_cli: Any, db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.unit_of_work() as uow:
            for k, ex in enumerate(["pull-up", "lat-pulldown"]):
                uow.workouts.add(
                    Workout(
                        started_at=datetime(2025, 6, 2 + k, 18, 0),
                        title="Back",
                        sets=tuple(
                            PerformedSet(exercise=ex, order=i + 1, reps=8, weight=None)
                            for i in range(4)
                        ),
                    )
                )
            uow.commit()
    finally:
        db.dispose()
    result = run_cli(["audit", "--weeks", "2", "--json"], db_url=db_url)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [w["week_start"] for w in data["weeks"]] == ["2025-05-26", "2025-06-02"]
    last = data["weeks"][-1]
    assert "vertical-pull" in last["held"] and "recovery" in last["failed"]
    recovery = next(c for c in last["checks"] if c["principle"] == "recovery")
    assert any("2025-06-02" in e and "2025-06-03" in e for e in recovery["evidence"])
    assert data["block"][0]["principle"] == "progression"
    table = run_cli(["audit", "--weeks", "2"], db_url=db_url)
    assert table.exit_code == 0 and "FAILED" in table.stdout and "recovery" in table.stdout


def test_audit_rejects_a_bad_week_count(run_cli: Any, sqlite_url: str) -> None:
    result = run_cli(["audit", "--weeks", "0"], db_url=sqlite_url)
    assert result.exit_code == 2 and result.stderr.startswith("error: --weeks")


def test_two_separate_processes_give_the_same_plan() -> None:
    import subprocess
    import sys

    code = (
        "import json; from strongback.domain.vocab import Level;"
        "from tests.builders import plan_for;"
        "d = plan_for(6, 60, 'dumbbells,bench,pull-up-bar,band',"
        " level=Level.ADVANCED, weeks=12, back_pain=True).to_public();"
        "d['solver'].pop('wall_seconds'); print(json.dumps(d, sort_keys=True))"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert runs[0].stdout == runs[1].stdout and len(runs[0].stdout) > 1000


def test_a_bad_start_date_is_refused(run_cli: Any, tmp_path: Path) -> None:
    result = run_cli([*BASE, "--ics", str(tmp_path / "p.ics"), "--start", "2026-13-01"])
    assert result.exit_code == 2 and "--start must be a date" in result.stderr
    assert not (tmp_path / "p.ics").exists()


def test_audit_of_an_empty_database_says_nothing_is_logged(run_cli: Any, sqlite_url: str) -> None:
    result = run_cli(["audit", "--json"], db_url=sqlite_url)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["weeks"] == [] and "nothing logged" in data["message"]
    table = run_cli(["audit"], db_url=sqlite_url)
    assert table.exit_code == 0 and "nothing logged" in table.stdout
    assert "FAILED" not in table.stdout


def test_save_survives_a_reader_that_stops_early(sqlite_url: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    script = Path(sys.executable).with_name("strongback")
    ics = tmp_path / "plan.ics"
    command = (
        f"'{script}' --db '{sqlite_url}' plan --days 3 --minutes 45 "
        f"--equipment dumbbells,bench,pull-up-bar --save --ics '{ics}' | head -n 1"
    )
    subprocess.run(["bash", "-c", command], check=True, capture_output=True, timeout=120)

    db = open_database(sqlite_url)
    try:
        with db.unit_of_work() as uow:
            current = uow.plans.current()
    finally:
        db.dispose()
    assert current is not None and current.profile.days == 3
    assert ics.read_text().startswith("BEGIN:VCALENDAR")


def test_printout_writes_per_side_reps_one_way_and_no_rir_on_drills(run_cli: Any) -> None:
    # Seen: the plan printed "2 x 5-5/side" where `next` printed "2 x 5/side", and a reps-in-
    # reserve target on stretches.
    args = ["plan", "--days", "3", "--minutes", "60", "--equipment", "none", "--level",
            "beginner", "--goal", "back-health"]  # fmt: skip
    result = run_cli(args)
    assert result.exit_code == 0, result.stderr
    assert "5/side" in result.stdout
    assert "5-5/side" not in result.stdout
    data = json.loads(run_cli([*args, "--json"]).stdout)
    items = [i for w in data["weeks"] for s in w["sessions"] for i in s["items"]]
    assert items and all(i["target_rir"] is None for i in items)  # bodyweight drills only


def test_week_option_shows_one_week_of_the_plan_in_text_and_json(run_cli: Any) -> None:
    # Seen: 6 weeks of plan printed as 434 lines with no one-week view.
    result = run_cli([*BASE, "--weeks", "6", "--week", "6"])
    assert result.exit_code == 0, result.stderr
    assert "Week 6 (deload)" in result.stdout
    assert "Week 1" not in result.stdout and "Week 5" not in result.stdout
    data = _json(run_cli, "--weeks", "6", "--week", "2")
    assert [w["week"] for w in data["weeks"]] == [2]
    assert data["profile"]["weeks"] == 6


@pytest.mark.parametrize("week", ["0", "7", "two"])
def test_a_week_the_plan_does_not_have_is_a_one_line_error(run_cli: Any, week: str) -> None:
    result = run_cli([*BASE, "--weeks", "6", "--week", week])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--week" in result.stderr
    assert result.stdout == ""


def test_a_week_the_plan_does_not_have_saves_nothing(run_cli: Any, sqlite_url: str) -> None:
    result = run_cli([*BASE, "--weeks", "2", "--week", "3", "--save"], db_url=sqlite_url)
    assert result.exit_code == 2
    db = open_database(sqlite_url)
    try:
        with db.unit_of_work() as uow:
            assert uow.plans.current() is None
    finally:
        db.dispose()


def test_compact_prints_one_line_per_session_within_80_columns(
    run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    full = run_cli([*BASE, "--weeks", "6"]).stdout
    result = run_cli([*BASE, "--weeks", "6", "--compact"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    # Week 1 and the deload in full; the weeks between repeat week 1 but for their effort.
    assert sum(line.startswith("  Mon ") for line in lines) == 2
    assert "Week 2: as week 1" in result.stdout
    assert "Week 3: as week 2, 1 rep less in reserve on every loaded item" in result.stdout
    assert len(lines) < len(full.splitlines()) / 5
    assert "pull-up 2 x 5-10, RIR" in " ".join(line.strip() for line in lines)
    assert "Vertical pull: every week" not in result.stdout  # no reasons in the compact view


def test_the_full_printout_fits_80_columns(run_cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli([*BASE, "--weeks", "2", "--back-pain"])
    assert result.exit_code == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "Vertical pull: every week" in result.stdout  # the reasons are kept, wrapped


FULL_GYM = ("pull-up-bar,cable-station,lat-pulldown,dumbbells,kettlebell,barbell,bench,"
            "back-extension-bench,band,mat")  # fmt: skip
STRENGTH = ["plan", "--days", "4", "--minutes", "60", "--equipment", FULL_GYM, "--level",
            "advanced", "--goal", "strength"]  # fmt: skip


def _deadlifter(url: str) -> None:
    from tests.builders import add_workouts, rows, workout

    db = open_database(url)
    try:
        day = datetime.now() - timedelta(days=2)
        sets = rows(3, weight=455, unit=WeightUnit.LB, reps=2)
        add_workouts(db, workout(day, ("barbell-deadlift", sets)))
    finally:
        db.dispose()


def test_keep_own_keeps_the_logged_deadlift_and_prints_its_first_load(
    run_cli: Any, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Seen: a 455 lb deadlift in the history, and a plan of kettlebell RDLs starting from nothing.
    _deadlifter(sqlite_url)
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli([*STRENGTH, "--keep-own", "--compact"], db_url=sqlite_url)
    assert result.exit_code == 0, result.stderr
    text = " ".join(line.strip() for line in result.stdout.splitlines())
    assert "barbell-deadlift" in text and " @ " in text
    data = json.loads(run_cli([*STRENGTH, "--keep-own", "--json"], db_url=sqlite_url).stdout)
    assert data["profile"]["keep"] == ["barbell-deadlift"]
    first = [i for s in data["weeks"][0]["sessions"] for i in s["items"] if "start_load" in i]
    assert first and all(i["start_load"]["weight"] > 0 for i in first)


def test_keep_names_a_lift_that_cannot_serve_in_one_line(run_cli: Any, sqlite_url: str) -> None:
    result = run_cli([*STRENGTH, "--keep", "scorpion-reach"], db_url=sqlite_url)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "scorpion-reach" in result.stderr and "keeps only" in result.stderr


NO_EQUIPMENT = ["plan", "--days", "3", "--minutes", "45", "--weeks", "1", "--json"]


def test_plan_without_equipment_uses_the_saved_profiles_and_the_flag_overrides_it(
    run_cli: Any, sqlite_url: str
) -> None:
    saved = run_cli(["profile", "set", "--equipment", "kettlebell,band"], db_url=sqlite_url)
    assert saved.exit_code == 0, saved.stderr
    result = run_cli(NO_EQUIPMENT, db_url=sqlite_url)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["equipment"] == ["band", "kettlebell"]
    flag = run_cli([*NO_EQUIPMENT, "--equipment", "pull-up-bar"], db_url=sqlite_url)
    assert flag.exit_code == 0, flag.stderr
    assert json.loads(flag.stdout)["profile"]["equipment"] == ["pull-up-bar"]


def test_a_profile_saved_with_no_equipment_plans_with_none(run_cli: Any, sqlite_url: str) -> None:
    assert run_cli(["profile", "set", "--equipment", "none"], db_url=sqlite_url).exit_code == 0
    result = run_cli(NO_EQUIPMENT, db_url=sqlite_url)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["profile"]["equipment"] == []


def test_plan_without_equipment_or_a_saved_profile_says_how_to_give_it(
    run_cli: Any, sqlite_url: str
) -> None:
    result = run_cli(NO_EQUIPMENT, db_url=sqlite_url)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --equipment is required")
    assert "strongback profile set --equipment" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_plan_takes_every_saved_answer_left_out_and_each_option_overrides_its_own(
    run_cli: Any, sqlite_url: str
) -> None:
    assert (
        run_cli(["profile", "set", "--equipment", "dumbbells,band"], db_url=sqlite_url).exit_code
        == 0
    )
    first = ["plan", "--days", "4", "--minutes", "30", "--level", "intermediate", "--goal",
             "strength", "--back-pain", "--weeks", "6", "--weekdays", "mon,tue,thu,fri",
             "--avoid", "face-pull", "--save", "--json"]  # fmt: skip
    saved = run_cli(first, db_url=sqlite_url)
    assert saved.exit_code == 0, saved.stderr
    again = run_cli(["plan", "--json"], db_url=sqlite_url)
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["profile"] == json.loads(saved.stdout)["profile"]
    assert json.loads(again.stdout)["profile"]["equipment"] == ["band", "dumbbells"]
    changed = run_cli(
        ["plan", "--json", "--days", "2", "--goal", "hypertrophy", "--no-back-pain"],
        db_url=sqlite_url,
    )
    assert changed.exit_code == 0, changed.stderr
    profile = json.loads(changed.stdout)["profile"]
    assert (profile["days"], profile["goal"], profile["back_pain"]) == (2, "hypertrophy", False)
    assert (profile["minutes"], profile["level"], profile["weeks"]) == (30, "intermediate", 6)
    assert profile["avoid"] == ["face-pull"] and len(profile["weekdays"]) == 2


def test_plan_without_days_or_a_saved_plan_says_days_is_required(
    run_cli: Any, sqlite_url: str
) -> None:
    result = run_cli(["plan", "--minutes", "30", "--equipment", "none"], db_url=sqlite_url)
    assert result.exit_code == 2 and result.stderr.startswith("error: --days is required")


def test_a_plan_that_is_not_saved_creates_no_database(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from strongback.storage.urls import default_database_path

    # A database in the user data directory, and the settings pointing at another folder:
    # the plan reads (and creates) nothing in the folder in use.
    open_database(f"sqlite:///{default_database_path()}", create_directory=True).dispose()
    monkeypatch.setenv("STRONGBACK_DATA_DIR", str(tmp_path / "data"))
    result = run_cli(["plan", "--days", "3", "--minutes", "45", "--equipment", "dumbbells"])
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "data" / "strongback.db").exists()
