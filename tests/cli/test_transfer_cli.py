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
    assert "666 sets were already stored" in again.stdout
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
