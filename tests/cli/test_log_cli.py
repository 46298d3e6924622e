"""``strongback log add``, ``show`` and ``delete`` end to end on real databases."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

RECORD_KEYS = {
    "id", "workout_id", "date", "started_at", "workout_title", "exercise", "imported_as",
    "order", "set_type", "weight", "unit", "reps", "seconds", "distance_m", "side", "rpe",
    "rir", "tempo", "pain", "notes",
}  # fmt: skip


def _records(run_cli: Any, url: str, *extra: str) -> list[dict[str, Any]]:
    result = run_cli(["log", "show", "--json", *extra], db_url=url)
    assert result.exit_code == 0, result.stderr
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def test_add_logs_one_set_per_rep_count_with_every_detail(run_cli: Any, db_url: str) -> None:
    result = run_cli(
        [
            "log", "add", "--exercise", "lat-pulldown", "--weight", "42.5", "--unit", "kg",
            "--reps", "12,12,10", "--rir", "2", "--pain", "1", "--tempo", "3212",
            "--date", "2026-03-02", "--notes", "slow lowering",
        ],
        db_url=db_url,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "logged 3 sets" in result.stdout
    records = _records(run_cli, db_url)
    assert [set(r) for r in records] == [RECORD_KEYS] * 3
    assert [r["reps"] for r in records] == [12, 12, 10]
    assert [r["order"] for r in records] == [1, 2, 3]
    first = records[0]
    assert first["exercise"] == "lat-pulldown" and first["date"] == "2026-03-02"
    assert first["weight"] == 42.5 and first["unit"] == "kg"
    assert first["rir"] == 2 and first["rpe"] is None
    assert first["pain"] == 1 and first["tempo"] == "3-2-1-2"
    assert first["notes"] == "slow lowering" and first["set_type"] == "working"
    # The printed ids are the stored ids.
    for r in records:
        assert f"set {r['id']}:" in result.stdout


def test_a_second_call_on_the_same_day_goes_into_the_same_workout(
    run_cli: Any, sqlite_url: str
) -> None:
    day = ["--date", "2026-03-02"]
    run_cli(
        ["log", "add", "--exercise", "lat-pulldown", "--reps", "10", "--weight", "40", *day],
        sqlite_url,
    )
    second = run_cli(
        ["log", "add", "--exercise", "face-pull", "--reps", "15,15", "--weight", "12", *day],
        sqlite_url,
    )
    other = run_cli(
        ["log", "add", "--exercise", "pull-up", "--reps", "5", "--date", "2026-03-04"], sqlite_url
    )
    assert second.exit_code == 0 and other.exit_code == 0
    assert "in workout" in second.stdout and "new workout" in other.stdout
    records = _records(run_cli, sqlite_url)
    workouts = [r["workout_id"] for r in records]
    assert workouts[0] == workouts[1] == workouts[2] != workouts[3]
    assert [r["order"] for r in records[:3]] == [1, 2, 3]


def test_unit_defaults_to_the_profile_and_bodyweight_has_no_unit(
    run_cli: Any, sqlite_url: str
) -> None:
    run_cli(["profile", "set", "--unit", "lb"], db_url=sqlite_url)
    row = ["log", "add", "--exercise", "incline-dumbbell-row", "--weight", "50", "--reps", "8"]
    assert run_cli(row, sqlite_url).exit_code == 0
    assert (
        run_cli(["log", "add", "--exercise", "pull-up", "--reps", "6"], sqlite_url).exit_code == 0
    )
    records = _records(run_cli, sqlite_url)
    assert (records[0]["weight"], records[0]["unit"]) == (50, "lb")
    assert (records[1]["weight"], records[1]["unit"]) == (None, None)


def test_seconds_alone_logs_timed_holds_and_rpe_is_kept(run_cli: Any, sqlite_url: str) -> None:
    hold = "half-kneeling-hip-flexor-stretch"
    result = run_cli(
        ["log", "add", "--exercise", hold, "--seconds", "30,30", "--rpe", "7.5"], sqlite_url
    )
    assert result.exit_code == 0, result.stderr
    records = _records(run_cli, sqlite_url)
    assert [(r["seconds"], r["reps"], r["rpe"]) for r in records] == [(30, None, 7.5)] * 2


def test_custom_exercises_of_the_user_are_accepted(run_cli: Any, sqlite_url: str) -> None:
    from strongback.domain.exercise import Exercise
    from strongback.domain.vocab import Pattern
    from strongback.storage import open_database

    db = open_database(sqlite_url)
    with db.unit_of_work(user="local") as uow:
        uow.custom_exercises.add(
            Exercise(id="sled-drag", name="Sled Drag", source="custom", pattern=Pattern.CARDIO,
                     primary_muscles=("glutes",))  # type: ignore[arg-type]
        )  # fmt: skip
        uow.commit()
    db.dispose()
    result = run_cli(["log", "add", "--exercise", "sled-drag", "--reps", "1"], sqlite_url)
    assert result.exit_code == 0, result.stderr


def test_show_filters_by_exercise_and_last_workouts(run_cli: Any, db_url: str) -> None:
    for day, exercise in [
        ("2026-01-01", "pull-up"),
        ("2026-01-03", "face-pull"),
        ("2026-01-05", "pull-up"),
    ]:
        r = run_cli(["log", "add", "--exercise", exercise, "--reps", "5", "--date", day], db_url)
        assert r.exit_code == 0, r.stderr
    run_cli(
        ["log", "add", "--exercise", "face-pull", "--reps", "9", "--date", "2026-01-05"], db_url
    )
    assert [r["date"] for r in _records(run_cli, db_url)] == [
        "2026-01-01", "2026-01-03", "2026-01-05", "2026-01-05",
    ]  # fmt: skip
    last = _records(run_cli, db_url, "--last", "2")
    assert [r["date"] for r in last] == ["2026-01-03", "2026-01-05", "2026-01-05"]
    pull = _records(run_cli, db_url, "--exercise", "pull-up")
    assert [(r["date"], r["exercise"]) for r in pull] == [
        ("2026-01-01", "pull-up"), ("2026-01-05", "pull-up"),
    ]  # fmt: skip


def test_show_prints_a_table(run_cli: Any, sqlite_url: str) -> None:
    empty = run_cli(["log", "show"], db_url=sqlite_url)
    assert empty.exit_code == 0 and "no sets logged yet" in empty.stdout
    run_cli(
        ["log", "add", "--exercise", "face-pull", "--reps", "15", "--weight", "12.5", "--rir", "2"],
        sqlite_url,
    )
    result = run_cli(["log", "show"], db_url=sqlite_url)
    assert result.exit_code == 0
    assert "face-pull" in result.stdout and "12.5 kg" in result.stdout and "RIR 2" in result.stdout


def test_show_of_an_unknown_exercise_exits_2_with_a_suggestion(
    run_cli: Any, sqlite_url: str
) -> None:
    result = run_cli(["log", "show", "--exercise", "pullup"], db_url=sqlite_url)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: unknown exercise 'pullup'; did you mean pull-up, v-bar-pullup?"
    ]


def test_show_keeps_ids_dates_and_sets_whole_in_an_80_column_terminal(
    run_cli: Any, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    run_cli(
        [
            *("log", "add", "--exercise", "half-kneeling-hip-flexor-stretch", "--seconds", "30"),
            *("--date", "2026-01-05", "--notes", "a long note that will not fit in the table"),
        ],
        sqlite_url,
    )
    run_cli(
        [
            *("log", "add", "--exercise", "lat-pulldown", "--weight", "42.5", "--reps", "12,10"),
            *("--rir", "2", "--tempo", "3-2-1-2", "--date", "2026-01-05"),
        ],
        sqlite_url,
    )
    out = run_cli(["log", "show"], db_url=sqlite_url).stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    for text in ("2026-01-05", "42.5 kg x 12 @ RIR 2", "42.5 kg x 10 @ RIR 2", "30 s", "3-2-1-2"):
        assert text in out
    lines = out.splitlines()
    assert lines[0].startswith("2026-01-05") and "(workout 1)" in lines[0]
    ids = [line.split()[0] for line in lines[1:] if not line.strip().startswith("note:")]
    assert ids == ["1", "2", "3"]
    # The note is kept whole, wrapped under its set, never cut.
    assert "note: a long note that will not fit in the table" in out


def test_show_names_stay_whole_and_long_notes_wrap_at_80_columns(
    run_cli: Any, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    note = "felt the lower back a little on the last set, so the next time try a lighter load " * 2
    run_cli(
        [
            *("log", "add", "--exercise", "half-kneeling-hip-flexor-stretch", "--seconds", "30"),
            *("--rpe", "7", "--pain", "2", "--tempo", "2-0-2-0", "--notes", note),
        ],
        sqlite_url,
    )
    out = run_cli(["log", "show"], db_url=sqlite_url).stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "half-kneeling-hip-flexor-stretch" in out
    assert " ".join(out.split()).count("the next time try a lighter load") == 2


def _workouts_on(run_cli: Any, url: str, days: int) -> None:
    for day in range(1, days + 1):
        run_cli(
            ["log", "add", "--exercise", "pull-up", "--reps", "5", "--date", f"2026-01-{day:02d}"],
            url,
        )


def test_show_pages_the_last_20_workouts_and_all_shows_every_one(
    run_cli: Any, sqlite_url: str
) -> None:
    _workouts_on(run_cli, sqlite_url, 22)
    page = run_cli(["log", "show"], db_url=sqlite_url).stdout
    days = [line.split()[0] for line in page.splitlines() if line.startswith("2026-")]
    assert days[0] == "2026-01-03" and len(days) == 20
    assert "--all for every one" in page
    every = run_cli(["log", "show", "--all"], db_url=sqlite_url).stdout
    assert len([line for line in every.splitlines() if line.startswith("2026-")]) == 22
    assert "--all" not in every
    assert len(json.loads(run_cli(["log", "show", "--json"], db_url=sqlite_url).stdout)) == 22
    both = run_cli(["log", "show", "--all", "--last", "3"], db_url=sqlite_url)
    assert both.exit_code == 2 and "exclude each other" in both.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--exercise", "lat-pulldwn", "--reps", "10"], "did you mean lat-pulldown"),
        (["--exercise", "pull-up", "--reps", "10", "--rir", "2", "--rpe", "8"], "--rir and --rpe"),
        (["--exercise", "pull-up", "--reps", "10", "--pain", "11"], "--pain"),
        (["--exercise", "pull-up", "--reps", "10", "--pain", "lots"], "--pain"),
        (["--exercise", "pull-up", "--reps", "10", "--tempo", "slow"], "tempo 'slow'"),
        (["--exercise", "pull-up", "--reps", "10", "--date", "2026-13-01"], "--date"),
        (["--exercise", "pull-up", "--reps", "10,x"], "--reps"),
        (["--exercise", "pull-up", "--reps", "8.5"], "--reps"),
        (["--exercise", "pull-up", "--reps", "10", "--weight", "heavy"], "--weight"),
        (["--exercise", "lat-pulldown", "--reps", "10", "--weight", "-5"], "--weight"),
        (["--exercise", "pull-up", "--reps", "10,10", "--weight", "5,6,7"], "--weight"),
        (["--exercise", "pull-up", "--reps", "10", "--weight", "5", "--unit", "st"], "--unit"),
        (["--exercise", "pull-up", "--reps", "10", "--rpe", "11"], "--rpe"),
        (["--exercise", "pull-up"], "--reps"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    run_cli: Any, sqlite_url: str, args: list[str], message: str
) -> None:
    result = run_cli(["log", "add", *args], db_url=sqlite_url)
    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert _records(run_cli, sqlite_url) == []


def test_a_negative_load_is_assistance_on_a_bodyweight_movement(
    run_cli: Any, sqlite_url: str
) -> None:
    result = run_cli(
        ["log", "add", "--exercise", "pull-up", "--reps", "8", "--weight", "-20"], sqlite_url
    )
    assert result.exit_code == 0, result.stderr
    assert [(r["weight"], r["reps"]) for r in _records(run_cli, sqlite_url)] == [(-20.0, 8)]
    loaded = run_cli(
        ["log", "add", "--exercise", "lat-pulldown", "--reps", "8", "--weight", "-20"], sqlite_url
    )
    assert loaded.exit_code == 2 and "assistance" in loaded.stderr


def test_a_date_in_the_future_is_refused(run_cli: Any, sqlite_url: str) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    result = run_cli(
        ["log", "add", "--exercise", "pull-up", "--reps", "5", "--date", tomorrow], sqlite_url
    )
    assert result.exit_code == 2 and "future" in result.stderr


def test_delete_asks_and_no_changes_nothing(run_cli: Any, db_url: str) -> None:
    run_cli(["log", "add", "--exercise", "pull-up", "--reps", "5,4"], db_url=db_url)
    first, second = (r["id"] for r in _records(run_cli, db_url))
    declined = run_cli(["log", "delete", str(first)], db_url=db_url, input="n\n")
    assert declined.exit_code == 1
    assert "Delete set" in declined.stdout
    assert len(_records(run_cli, db_url)) == 2
    accepted = run_cli(["log", "delete", str(first)], db_url=db_url, input="y\n")
    assert accepted.exit_code == 0
    assert [r["id"] for r in _records(run_cli, db_url)] == [second]
    forced = run_cli(["log", "delete", str(second), "--yes"], db_url=db_url)
    assert forced.exit_code == 0 and "deleted set" in forced.stdout
    assert _records(run_cli, db_url) == []


def test_delete_of_an_unknown_id_exits_2(run_cli: Any, sqlite_url: str) -> None:
    result = run_cli(["log", "delete", "999", "--yes"], db_url=sqlite_url)
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: no set with id 999"
    assert run_cli(["log", "delete", "999", "--workout", "--yes"], sqlite_url).exit_code == 2


def test_delete_workout_removes_all_its_sets(run_cli: Any, db_url: str) -> None:
    day = ["--date", "2026-02-02"]
    run_cli(["log", "add", "--exercise", "pull-up", "--reps", "5,5", *day], db_url=db_url)
    run_cli(["log", "add", "--exercise", "face-pull", "--reps", "15", *day], db_url=db_url)
    run_cli(["log", "add", "--exercise", "face-pull", "--reps", "15"], db_url=db_url)
    records = _records(run_cli, db_url)
    target = records[0]["workout_id"]
    result = run_cli(["log", "delete", str(target), "--workout"], db_url=db_url, input="y\n")
    assert result.exit_code == 0
    assert "with 3 sets" in result.stdout
    assert f"undo: strongback log restore {target}" in result.stdout
    left = _records(run_cli, db_url)
    assert len(left) == 1 and left[0]["workout_id"] != target


def test_a_deleted_workout_is_restored_with_its_sets_once(run_cli: Any, db_url: str) -> None:
    day = ["--date", "2026-02-02"]
    run_cli(["log", "add", "--exercise", "pull-up", "--reps", "5,5", *day], db_url=db_url)
    before = _records(run_cli, db_url)
    target = before[0]["workout_id"]
    run_cli(["log", "delete", str(target), "--workout", "--yes"], db_url=db_url)
    restored = run_cli(["log", "restore", str(target)], db_url=db_url)
    assert restored.exit_code == 0, restored.stderr
    assert restored.stdout.strip() == f"restored workout {target} with 2 sets"
    after = _records(run_cli, db_url)
    assert [(r["exercise"], r["reps"]) for r in after] == [
        (r["exercise"], r["reps"]) for r in before
    ]
    again = run_cli(["log", "restore", str(target)], db_url=db_url)
    assert again.exit_code != 0 and again.stderr.count("\n") == 1
    assert f"no deleted workout with id {target}" in again.stderr


@pytest.mark.parametrize("bad", ["0", "-1", "three"])
def test_show_refuses_a_bad_last_count(run_cli: Any, sqlite_url: str, bad: str) -> None:
    result = run_cli(["log", "show", "--last", bad], db_url=sqlite_url)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --last") and result.stderr.count("\n") == 1


def test_add_json_reports_the_workout_and_set_ids(run_cli: Any, db_url: str) -> None:
    args = ["log", "add", "--exercise", "pull-up", "--reps", "5,5", "--date", "2026-01-09"]
    first = json.loads(run_cli([*args, "--json"], db_url=db_url).stdout)
    second = json.loads(run_cli([*args, "--json"], db_url=db_url).stdout)
    assert first["created_workout"] is True and second["created_workout"] is False
    assert first["workout_id"] == second["workout_id"] and first["date"] == "2026-01-09"
    stored = [r["id"] for r in _records(run_cli, db_url)]
    assert stored == first["set_ids"] + second["set_ids"]


def test_logged_sets_are_kept_by_a_real_sqlite_file_between_runs(
    run_cli: Any, sqlite_url: str
) -> None:
    import sqlite3
    from pathlib import Path

    run_cli(["log", "add", "--exercise", "pull-up", "--reps", "7", "--weight", "10"], sqlite_url)
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT exercise, reps, weight, unit FROM performed_sets").fetchall()
    assert rows == [("pull-up", 7, 10.0, "kg")]


@pytest.mark.parametrize("huge", ["99999999999999999999", "2147483648", "9223372036854775808"])
def test_delete_of_an_id_too_large_for_the_database_is_an_unknown_id(
    run_cli: Any, db_url: str, huge: str
) -> None:
    run_cli(["log", "add", "--exercise", "pull-up", "--reps", "5"], db_url=db_url)
    result = run_cli(["log", "delete", huge, "--yes"], db_url=db_url)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: no set with id {huge}"
    workout = run_cli(["log", "delete", huge, "--workout", "--yes"], db_url=db_url)
    assert workout.exit_code == 2
    assert workout.stderr.strip() == f"error: no workout with id {huge}"
    assert len(_records(run_cli, db_url)) == 1


def test_one_reps_value_holds_for_every_set_the_weights_list(run_cli: Any, sqlite_url: str) -> None:
    result = run_cli(
        ["log", "add", "--exercise", "face-pull", "--weight", "15,15,12.5", "--reps", "15"],
        sqlite_url,
    )
    assert result.exit_code == 0, result.stderr
    sets = _records(run_cli, sqlite_url)
    assert [(s["weight"], s["reps"]) for s in sets] == [(15, 15), (15, 15), (12.5, 15)]
    uneven = run_cli(
        ["log", "add", "--exercise", "face-pull", "--weight", "15,15,12.5", "--reps", "15,12"],
        sqlite_url,
    )
    assert uneven.exit_code == 2 and "--weight: 3 values for 2 sets" in uneven.stderr
