"""``strongback import`` and ``strongback export`` as a user runs them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.samples import sample

YS_MATH = sample("strong", "ys-math")
GERMAN = sample("strong", "german")
SPANISH = sample("hevy", "spanish")
HEVY_KG = sample("hevy", "kg-km")

Run = Callable[..., Any]


def _counts(run_cli: Run, db_url: str) -> tuple[int, int]:
    """(workouts, sets) stored for the CLI's user, read straight from the database."""
    from strongback.storage import open_database

    db = open_database(db_url)
    try:
        with db.unit_of_work() as uow:
            return uow.workouts.count()
    finally:
        db.dispose()


def test_import_strong_json_summary_then_reimport_adds_nothing(run_cli: Run, db_url: str) -> None:
    first = run_cli(["import", "strong", str(YS_MATH), "--unit", "kg", "--json"], db_url=db_url)
    assert first.exit_code == 0, first.stderr
    summary = json.loads(first.stdout)
    assert (summary["workouts"], summary["sets"]) == (37, 666)
    assert summary["matched"]["Lat Pulldown (Cable)"] == "lat-pulldown"
    assert summary["skipped"] == []
    assert summary["unit"] == "kg"
    again = json.loads(run_cli(["import", "strong", str(YS_MATH), "--json"], db_url=db_url).stdout)
    assert (again["sets"], again["duplicates_skipped"]) == (0, 666)
    assert _counts(run_cli, db_url) == (37, 666)


def test_import_hevy_prints_a_readable_summary(run_cli: Run, sqlite_url: str) -> None:
    result = run_cli(["import", "hevy", str(HEVY_KG)], db_url=sqlite_url)
    assert result.exit_code == 0, result.stderr
    assert "imported 8650 sets in 411 workouts" in result.stdout
    assert "Lat Pulldown (Cable) -> lat-pulldown" in result.stdout


def test_a_bad_value_exits_2_with_one_line_and_writes_nothing(
    run_cli: Run, db_url: str, tmp_path: Path
) -> None:
    lines = GERMAN.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[9] = lines[9].replace(",1,0,2.0,", ",1,abc,2.0,", 1)
    assert "abc" in lines[9]
    bad = tmp_path / "bad.csv"
    bad.write_text("".join(lines), encoding="utf-8")
    result = run_cli(["import", "strong", str(bad)], db_url=db_url)
    assert result.exit_code == 2
    assert result.stderr == f"error: {bad}:10: field 'Gewicht': value 'abc': not a number\n"
    assert _counts(run_cli, db_url) == (0, 0)


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        (b"", 1, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", 1, "binary"),
        (b"name,price\napple,1\n", 1, "not a Strong export"),
        (
            b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
            b'Notes,Workout Notes,RPE\n2024-01-01 10:00:00,"Day",1h,"Row",1,50,10,0,0,"cut',
            2,
            "never closed",
        ),
        (
            b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
            b'Notes,Workout Notes,RPE\nlast tuesday,"Day",1h,"Row",1,50,10,0,0,"","",\n',
            2,
            "field 'Date'",
        ),
    ],
    ids=["empty", "binary", "wrong-header", "truncated", "bad-date"],
)
def test_broken_files_give_one_clear_line(
    run_cli: Run, sqlite_url: str, tmp_path: Path, content: bytes, line: int, words: str
) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    result = run_cli(["import", "strong", str(path), "--unit", "kg"], db_url=sqlite_url)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:{line}: ")
    assert words in result.stderr
    assert result.stderr.count("\n") == 1
    assert _counts(run_cli, sqlite_url) == (0, 0)


def test_an_unknown_unit_option_is_refused(run_cli: Run, sqlite_url: str) -> None:
    result = run_cli(["import", "strong", str(YS_MATH), "--unit", "stone"], db_url=sqlite_url)
    assert result.exit_code == 2
    assert "--unit must be kg or lb" in result.stderr


def test_skip_invalid_lists_the_damaged_spanish_records(run_cli: Run, db_url: str) -> None:
    plain = run_cli(["import", "hevy", str(SPANISH)], db_url=db_url)
    assert plain.exit_code == 2
    assert f"{SPANISH}:624:" in plain.stderr
    result = run_cli(["import", "hevy", str(SPANISH), "--skip-invalid", "--json"], db_url=db_url)
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert [s["line"] for s in summary["skipped"]] == [624, 627, 628, 735, 736, 737, 738, 739, 740]
    assert _counts(run_cli, db_url)[1] == summary["sets"]


def test_export_strong_then_import_into_a_fresh_database(
    run_cli: Run, sqlite_url: str, tmp_path: Path
) -> None:
    assert (
        run_cli(["import", "strong", str(GERMAN), "--unit", "kg"], db_url=sqlite_url).exit_code == 0
    )
    out = tmp_path / "out.csv"
    exported = run_cli(["export", "strong", str(out), "--json"], db_url=sqlite_url)
    assert exported.exit_code == 0, exported.stderr
    assert json.loads(exported.stdout)["sets"] == 184
    assert out.read_text(encoding="utf-8").startswith(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
        "Notes,Workout Notes,RPE\n"
    )
    assert not list(tmp_path.glob(".out.csv.*")), "no temporary file is left behind"
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    back = run_cli(["import", "strong", str(out), "--unit", "kg", "--json"], db_url=fresh)
    assert json.loads(back.stdout)["sets"] == 184
    assert _counts(run_cli, fresh) == _counts(run_cli, sqlite_url)


def test_backup_export_and_restore_into_an_empty_database(
    run_cli: Run, db_url: str, tmp_path: Path
) -> None:
    assert run_cli(["import", "hevy", str(HEVY_KG)], db_url=db_url).exit_code == 0
    backup = tmp_path / "backup.json"
    dumped = run_cli(["export", "json", str(backup)], db_url=db_url)
    assert dumped.exit_code == 0, dumped.stderr
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("strongback-backup", 1)
    fresh = f"sqlite:///{tmp_path / 'restored.db'}"
    restored = run_cli(["import", "json", str(backup), "--json"], db_url=fresh)
    assert restored.exit_code == 0, restored.stderr
    assert json.loads(restored.stdout)["sets"] == 8650
    assert _counts(run_cli, fresh) == _counts(run_cli, db_url)
    refused = run_cli(["import", "json", str(backup)], db_url=fresh)
    assert refused.exit_code == 2
    assert _counts(run_cli, fresh) == _counts(run_cli, db_url)


def test_a_backup_that_is_not_json_is_refused_with_its_line(
    run_cli: Run, sqlite_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "strongback-backup",\n  "version": 1,\n  oops\n}', "utf-8")
    result = run_cli(["import", "json", str(path)], db_url=sqlite_url)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:3: ")


_CLASSIC = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"  # noqa: E501


def test_a_second_import_in_another_unit_adds_nothing_and_says_so(
    run_cli: Run, db_url: str
) -> None:
    first = run_cli(["import", "strong", str(YS_MATH), "--unit", "kg", "--json"], db_url=db_url)
    assert json.loads(first.stdout)["sets"] == 666
    again = run_cli(["import", "strong", str(YS_MATH), "--unit", "lb"], db_url=db_url)
    assert again.exit_code == 0, again.stderr
    assert "imported 0 sets in 0 workouts" in again.stdout
    assert "666 sets already stored" in again.stdout
    warning = next(line for line in again.stdout.splitlines() if line.startswith("warning:"))
    assert "sets already stored in kg were left as they are" in warning
    as_json = json.loads(
        run_cli(["import", "strong", str(YS_MATH), "--unit", "lb", "--json"], db_url=db_url).stdout
    )
    assert as_json["duplicates_skipped"] == 666
    assert set(as_json["duplicates_in_other_unit"]) == {"kg"}
    assert _counts(run_cli, db_url) == (37, 666)


@pytest.mark.parametrize(
    ("cells", "field"),
    [
        ("1e400,5", "Weight"),
        ("-1e400,5", "Weight"),
        ("1e308,5", "Weight"),
        ("60,99999999999", "Reps"),
    ],
)
def test_an_out_of_range_number_names_its_line_on_both_engines(
    run_cli: Run, db_url: str, tmp_path: Path, cells: str, field: str
) -> None:
    path = tmp_path / "big.csv"
    path.write_text(
        _CLASSIC
        + "2024-01-01 10:00:00,W,1h,Pull Up,1,60,5,0,0,,,\n"
        + f"2024-01-01 10:00:00,W,1h,Pull Up,2,{cells},0,0,,,\n",
        encoding="utf-8",
    )
    result = run_cli(["import", "strong", str(path), "--unit", "kg"], db_url=db_url)
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert f"big.csv:3: field '{field}'" in result.stderr
    assert _counts(run_cli, db_url) == (0, 0)


def test_negative_weights_survive_export_backup_and_restore(
    run_cli: Run, db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "assisted.csv"
    path.write_text(
        _CLASSIC + "2024-01-01 10:00:00,W,1h,Pull Up (Assisted),1,-20,8,0,0,,,\n",
        encoding="utf-8",
    )
    assert run_cli(["import", "strong", str(path), "--unit", "kg"], db_url=db_url).exit_code == 0
    exported = tmp_path / "out.csv"
    assert (
        run_cli(["export", "strong", str(exported), "--unit", "kg"], db_url=db_url).exit_code == 0
    )
    assert ",-20.0," in exported.read_text(encoding="utf-8")
    backup = tmp_path / "backup.json"
    assert run_cli(["export", "json", str(backup)], db_url=db_url).exit_code == 0
    assert json.loads(backup.read_text(encoding="utf-8"))["workouts"][0]["sets"][0]["weight"] == -20
    for name, command in (
        ("csv", ["import", "strong", str(exported)]),
        ("json", ["import", "json", str(backup)]),
    ):
        fresh = f"sqlite:///{tmp_path / f'{name}.db'}"
        back = run_cli([*command, "--json"], db_url=fresh)
        assert back.exit_code == 0, back.stderr
        shown = json.loads(run_cli(["log", "show", "--json"], db_url=fresh).stdout)
        assert "-20" in json.dumps(shown)


def test_a_header_only_file_exits_2_with_one_line(
    run_cli: Run, sqlite_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "header.csv"
    path.write_text(_CLASSIC, encoding="utf-8")
    result = run_cli(["import", "strong", str(path), "--unit", "kg"], db_url=sqlite_url)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {path}:1: the file has a header but no sets"


def test_an_unknown_distance_unit_beside_zero_distance_exits_2(
    run_cli: Run, sqlite_url: str, tmp_path: Path
) -> None:
    header = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes\n"  # noqa: E501
    path = tmp_path / "units.csv"
    path.write_text(
        header + "2024-01-01 10:00:00;W;Pull Up;1;60;kg;5;;0;parsecs;0;;\n", encoding="utf-8"
    )
    result = run_cli(["import", "strong", str(path)], db_url=sqlite_url)
    assert result.exit_code == 2
    assert "units.csv:2: field 'Distance Unit': value 'parsecs'" in result.stderr


FITNOTES_HEADER = "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n"


def test_import_file_detects_the_app_and_import_list_shows_it(
    run_cli: Run, sqlite_url: str
) -> None:
    result = run_cli(["import", str(HEVY_KG), "--json"], db_url=sqlite_url)
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["app"], summary["sets"]) == ("hevy", 8650)
    listed = run_cli(["import", "list", "--json"], db_url=sqlite_url)
    records = json.loads(listed.stdout)
    assert len(records) == 1
    record = records[0]
    assert {"id", "app", "file", "unit", "imported_at", "workouts", "sets"} <= record.keys()
    assert (record["id"], record["app"], record["file"]) == (summary["id"], "hevy", str(HEVY_KG))
    assert (record["unit"], record["workouts"], record["sets"]) == ("kg", 411, 8650)
    plain = run_cli(["import", "list"], db_url=sqlite_url)
    assert f"{summary['id']:>4}" in plain.stdout and "hevy" in plain.stdout


def test_import_undo_removes_that_import_only(run_cli: Run, db_url: str, tmp_path: Path) -> None:
    first = run_cli(["import", str(YS_MATH), "--json"], db_url=db_url)
    assert first.exit_code == 0, first.stderr
    own = tmp_path / "fitnotes.csv"
    own.write_text(FITNOTES_HEADER + '2024-01-02,Deadlift,Back,100.0,5,,,,""\n', "utf-8")
    second = json.loads(run_cli(["import", str(own), "--json"], db_url=db_url).stdout)
    assert _counts(run_cli, db_url) == (38, 667)
    undone = run_cli(["import", "undo", str(second["id"])], db_url=db_url)
    assert undone.exit_code == 0, undone.stderr
    assert "removed 1 set in 1 workout" in undone.stdout
    assert _counts(run_cli, db_url) == (37, 666)
    missing = run_cli(["import", "undo", str(second["id"])], db_url=db_url)
    assert missing.exit_code == 2
    assert missing.stderr.count("\n") == 1 and "no import with id" in missing.stderr


def test_a_file_of_no_known_format_exits_2_naming_header_and_formats(
    run_cli: Run, sqlite_url: str, tmp_path: Path
) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("when,what\n2024-01-01,squat\n", "utf-8")
    result = run_cli(["import", str(odd)], db_url=sqlite_url)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "when,what" in result.stderr and "fitnotes" in result.stderr


def test_a_file_forced_as_another_app_says_which_app_it_looks_like(
    run_cli: Run, sqlite_url: str
) -> None:
    result = run_cli(["import", "fitnotes", str(HEVY_KG)], db_url=sqlite_url)
    assert result.exit_code == 2
    assert "looks like a Hevy export" in result.stderr
    assert _counts(run_cli, sqlite_url) == (0, 0)


def test_import_map_moves_sets_and_import_mappings_lists_it(
    run_cli: Run, sqlite_url: str, tmp_path: Path
) -> None:
    own = tmp_path / "fitnotes.csv"
    own.write_text(FITNOTES_HEADER + '2024-01-02,Zorblax Row,Back,60.0,8,,,,""\n', "utf-8")
    imported = run_cli(["import", "fitnotes", str(own)], db_url=sqlite_url)
    assert "Zorblax Row ->" in imported.stdout and "closest:" in imported.stdout
    mapped = run_cli(["import", "map", "Zorblax Row", "lat-pulldown"], db_url=sqlite_url)
    assert mapped.exit_code == 0, mapped.stderr
    assert "1 sets moved" in mapped.stdout
    listed = run_cli(["import", "mappings", "--json"], db_url=sqlite_url)
    assert json.loads(listed.stdout) == [{"name": "Zorblax Row", "exercise": "lat-pulldown"}]
    wrong = run_cli(["import", "map", "Zorblax Row", "no-such-move"], db_url=sqlite_url)
    assert wrong.exit_code == 2


def test_skip_invalid_lists_what_it_skipped(run_cli: Run, sqlite_url: str, tmp_path: Path) -> None:
    own = tmp_path / "fitnotes.csv"
    rows = '2024-01-02,Deadlift,Back,100.0,5,,,,""\n2024-01-02,Deadlift,Back,1oo,5,,,,""\n'
    own.write_text(FITNOTES_HEADER + rows, "utf-8")
    refused = run_cli(["import", str(own)], db_url=sqlite_url)
    assert refused.exit_code == 2 and ":3: field 'Weight (kgs)'" in refused.stderr
    result = run_cli(["import", str(own), "--skip-invalid"], db_url=sqlite_url)
    assert result.exit_code == 0, result.stderr
    assert "1 invalid record skipped" in result.stdout and "line 3:" in result.stdout


def test_loads_that_look_like_pounds_are_warned_about(
    run_cli: Run, sqlite_url: str, tmp_path: Path
) -> None:
    header = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds\n"
    rows = "".join(
        f"2024-01-0{d} 10:00:00,W,1h,Squat (Barbell),{i},{w},5,,\n"
        for d in range(1, 4)
        for i, w in enumerate((135, 225, 315), start=1)
    )
    own = tmp_path / "strong.csv"
    own.write_text(header + rows, "utf-8")
    result = run_cli(["import", str(own), "--unit", "kg"], db_url=sqlite_url)
    assert result.exit_code == 0, result.stderr
    assert "look like lb" in result.stdout and "--unit lb" in result.stdout
