"""``strongback timeline``: the tempo engine at the terminal (table and JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

Run = Callable[..., Any]


def test_json_of_ten_method_reps_gives_80_seconds_under_tension(
    run_cli: Run, sqlite_url: str
) -> None:
    result = run_cli(
        ["timeline", "-e", "pull-up", "--sets", "1", "--reps", "10", "--tempo", "3-2-1-2",
         "--json"], db_url=sqlite_url,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == {"events", "total_seconds", "time_under_tension"}
    assert out["time_under_tension"] == 80
    assert out["total_seconds"] == 85
    assert set(out["events"][0]) == {"at", "seconds", "kind", "set", "rep", "side"}


def test_options_not_given_take_the_exercise_dose(run_cli: Run, sqlite_url: str) -> None:
    # The hip flexor stretch: 2 x 30 s per side, 2-0-2-0, a 30 s transition between sets.
    out = json.loads(
        run_cli(["timeline", "-e", "half-kneeling-hip-flexor-stretch", "--json"],
                db_url=sqlite_url).stdout
    )  # fmt: skip
    holds = [(e["set"], e["side"], e["seconds"]) for e in out["events"] if e["kind"] == "hold"]
    assert holds == [(1, "left", 30), (1, "right", 30), (2, "left", 30), (2, "right", 30)]
    assert [e["seconds"] for e in out["events"] if e["kind"] == "rest"] == [30]
    assert out["total_seconds"] == 2 * (5 + 30 + 5 + 30) + 30


def test_the_table_ends_with_the_total_and_tension(run_cli: Run, sqlite_url: str) -> None:
    result = run_cli(
        ["timeline", "-e", "goblet-squat", "--sets", "2", "--reps", "2", "--rest", "60"],
        db_url=sqlite_url,
    )
    assert result.exit_code == 0
    # 3-1-1-1 is 6 s a rep: 2 sets of (5 + 12) and one rest of 60.
    assert "lower" in result.stdout
    assert "total 1:34 (94 s), time under tension 24 s" in result.stdout


def test_bad_options_are_one_line_naming_the_flag(run_cli: Run, sqlite_url: str) -> None:
    both = run_cli(["timeline", "-e", "pull-up", "--reps", "5", "--seconds", "5"], sqlite_url)
    assert both.exit_code == 2 and "--reps" in both.stderr
    sets = run_cli(["timeline", "-e", "pull-up", "--sets", "0"], sqlite_url)
    assert sets.exit_code == 2 and sets.stderr.strip().splitlines() == [
        "error: --sets: 0 is not between 1 and 10"
    ]
    unknown = run_cli(["timeline", "-e", "pullup"], sqlite_url)
    assert unknown.exit_code == 2 and "pull-up" in unknown.stderr
