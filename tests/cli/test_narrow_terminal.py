"""Every table reads in an 80-column terminal: no line wider, no id or name cut into pieces, no
field dropped; a table too wide for the terminal turns into one record per entry."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from strongback.cli.tables import Column, column_widths, narrow_lines, table_or_records
from strongback.domain.catalog import load_catalog
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import WeightUnit
from strongback.storage import open_database

LONG = "triceps-pushdown-cable-straight-bar"


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def _assert_narrow(out: str, *whole: str) -> None:
    lines = out.splitlines()
    assert lines, "nothing printed"
    widest = max(lines, key=len)
    assert len(widest) <= 80, widest
    flat = " ".join(out.split())
    for text in whole:
        assert text in flat, f"{text!r} is not printed whole"


def test_a_table_that_fits_keeps_every_word_whole_and_the_widest_column_gives_way() -> None:
    columns = [Column("id", no_wrap=True), Column("evidence"), Column("suggestion")]
    rows = [["horizontal-pull", f"no row among: {LONG}, {LONG}", "add a row (cable) once"]]
    widths = column_widths(columns, rows, 80)
    assert widths is not None and sum(widths) + 2 * (len(columns) - 1) <= 80
    assert widths[1] >= len(LONG) + 1 and widths[2] >= len("(cable)")


def test_a_table_that_cannot_fit_becomes_one_record_per_row() -> None:
    columns = [Column("id", no_wrap=True), Column("name"), Column("dose", no_wrap=True)]
    rows = [["seated-calf-raise-plate-loaded", "Seated calf raise (plate loaded)", "3 x 10-15"]]
    assert column_widths(columns, rows, 40) is None
    lines = narrow_lines(columns, rows, 40)
    assert lines[0] == "seated-calf-raise-plate-loaded"
    assert all(line.startswith("    ") and len(line) <= 40 for line in lines[1:])
    assert "dose: 3 x 10-15" in " ".join(lines)
    assert len(table_or_records(columns, rows, width=40)) == len(lines)  # lines, no table


def test_catalog_list_at_80_columns_keeps_ids_and_names_whole(run_cli: Any) -> None:
    result = run_cli(["catalog", "list"])
    assert result.exit_code == 0
    curated = load_catalog().curated()
    _assert_narrow(result.stdout, *(e.id for e in curated), *(e.name for e in curated))


def _history(url: str) -> None:
    today = date.today()
    kg = WeightUnit.KG

    def at(days: int) -> datetime:
        d = today - timedelta(days=days)
        return datetime(d.year, d.month, d.day, 7, 0)

    def sets(exercise: str, weight: float, reps: int, n: int = 3) -> list[PerformedSet]:
        return [PerformedSet(exercise, i, weight=weight, unit=kg, reps=reps) for i in range(n)]

    workouts = [
        Workout(at(9), "Pull", (*sets("lat-pulldown", 50, 10), *sets(LONG, 25, 12))),
        Workout(at(2), "Pull", (*sets("seated-cable-row", 55, 10), *sets("face-pull", 20, 1, 1))),
        Workout(at(1), "Legs", tuple(sets("goblet-bulgarian-split-squat", 16, 10))),
    ]
    db = open_database(url)
    try:
        with db.unit_of_work() as uow:
            for w in workouts:
                uow.workouts.add(w)
            uow.commit()
    finally:
        db.dispose()


def test_next_records_and_audit_at_80_columns(run_cli: Any, sqlite_url: str) -> None:
    _history(sqlite_url)
    nxt = run_cli(["next"], db_url=sqlite_url)
    assert nxt.exit_code == 0, nxt.stderr
    _assert_narrow(nxt.stdout, "goblet-bulgarian-split-squat", "seated-cable-row", LONG)
    records = run_cli(["records"], db_url=sqlite_url)
    _assert_narrow(records.stdout, LONG, "goblet-bulgarian-split-squat")
    audit = run_cli(["audit", "--weeks", "2"], db_url=sqlite_url)
    assert audit.exit_code == 0, audit.stderr
    _assert_narrow(audit.stdout, LONG, "goblet-bulgarian-split-squat")
    assert not re.search(r"(?<![\d.])1 sets\b|set\(s\)|workout\(s\)", audit.stdout)


def test_plan_at_80_columns_keeps_every_exercise_and_reason_whole(run_cli: Any) -> None:
    args = ["plan", "--days", "3", "--minutes", "45", "--weeks", "1", "--level", "beginner",
            "--equipment", "dumbbells,bench,pull-up-bar,band"]  # fmt: skip
    result = run_cli(args)
    assert result.exit_code == 0, result.stderr
    plan = run_cli([*args, "--json"]).stdout
    import json

    items = [i for s in json.loads(plan)["weeks"][0]["sessions"] for i in s["items"]]
    _assert_narrow(result.stdout, *(i["exercise"] for i in items), *(i["reason"] for i in items))


def test_progress_at_80_columns_keeps_dates_and_muscles_whole(
    run_cli: Any, sqlite_url: str
) -> None:
    _history(sqlite_url)
    result = run_cli(["progress", "--weeks", "4"], db_url=sqlite_url)
    assert result.exit_code == 0, result.stderr
    monday = date.today() - timedelta(days=date.today().weekday())
    _assert_narrow(result.stdout, monday.isoformat(), "rear-delts", "rhomboids")
