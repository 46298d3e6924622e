"""``strongback profile set`` and ``show`` end to end on real databases."""

from __future__ import annotations

import json
from typing import Any

import pytest

from strongback.domain.profile import UserProfile


def _show(run_cli: Any, url: str) -> dict[str, Any]:
    result = run_cli(["profile", "show", "--json"], db_url=url)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_show_gives_the_defaults_before_anything_is_set(run_cli: Any, sqlite_url: str) -> None:
    assert _show(run_cli, sqlite_url) == UserProfile().to_public()


def test_set_stores_every_option_and_show_reads_it_back(run_cli: Any, db_url: str) -> None:
    result = run_cli(
        [
            "profile", "set", "--equipment", "pull-up-bar, dumbbells,band", "--unit", "lb",
            "--dumbbells", "10,25,15", "--kettlebells", "35", "--plates", "2.5,5,45",
            "--bar-weight", "45", "--cable-step", "2.5", "--pain-threshold", "2", "--json",
        ],
        db_url=db_url,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    expected = {
        "equipment": ["band", "dumbbells", "pull-up-bar"],
        "unit": "lb",
        "dumbbells": [10.0, 15.0, 25.0],
        "kettlebells": [35.0],
        "plates": [2.5, 5.0, 45.0],
        "bar_weight": 45.0,
        "cable_step": 2.5,
        "pain_threshold": 2,
    }
    assert json.loads(result.stdout) == expected
    assert _show(run_cli, db_url) == expected


def test_only_the_options_given_change(run_cli: Any, sqlite_url: str) -> None:
    run_cli(["profile", "set", "--equipment", "barbell,bench", "--pain-threshold", "2"], sqlite_url)
    result = run_cli(["profile", "set", "--unit", "lb"], db_url=sqlite_url)
    assert result.exit_code == 0
    shown = _show(run_cli, sqlite_url)
    assert shown["unit"] == "lb"
    assert shown["equipment"] == ["barbell", "bench"]
    assert shown["pain_threshold"] == 2


def test_a_new_unit_alone_is_refused_while_owned_loads_would_be_relabelled(
    run_cli: Any, sqlite_url: str
) -> None:
    run_cli(["profile", "set", "--kettlebells", "8,12,16", "--bar-weight", "20"], sqlite_url)
    result = run_cli(["profile", "set", "--unit", "lb"], db_url=sqlite_url)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "--kettlebells" in result.stderr and "--bar-weight" in result.stderr
    shown = _show(run_cli, sqlite_url)
    assert shown["unit"] == "kg"
    assert shown["kettlebells"] == [8.0, 12.0, 16.0]


def test_a_new_unit_is_accepted_with_the_loads_given_again_or_cleared(
    run_cli: Any, sqlite_url: str
) -> None:
    run_cli(["profile", "set", "--kettlebells", "8,12,16", "--bar-weight", "20"], sqlite_url)
    result = run_cli(
        ["profile", "set", "--unit", "lb", "--kettlebells", "18,26,35", "--bar-weight", "none"],
        db_url=sqlite_url,
    )
    assert result.exit_code == 0, result.stderr
    shown = _show(run_cli, sqlite_url)
    assert (shown["unit"], shown["kettlebells"], shown["bar_weight"]) == ("lb", [18, 26, 35], None)


def test_equipment_none_clears_the_list(run_cli: Any, sqlite_url: str) -> None:
    run_cli(["profile", "set", "--equipment", "band"], db_url=sqlite_url)
    assert run_cli(["profile", "set", "--equipment", "none"], db_url=sqlite_url).exit_code == 0
    assert _show(run_cli, sqlite_url)["equipment"] == []


def test_show_prints_a_readable_summary(run_cli: Any, sqlite_url: str) -> None:
    run_cli(["profile", "set", "--dumbbells", "5,7.5"], db_url=sqlite_url)
    result = run_cli(["profile", "show"], db_url=sqlite_url)
    assert result.exit_code == 0
    assert "dumbbells:" in result.stdout and "5, 7.5" in result.stdout
    assert "pain threshold: 3/10" in result.stdout


def test_unknown_equipment_exits_2_with_suggestions_and_changes_nothing(
    run_cli: Any, sqlite_url: str
) -> None:
    run_cli(["profile", "set", "--equipment", "band"], db_url=sqlite_url)
    result = run_cli(
        ["profile", "set", "--equipment", "pullup-bar", "--unit", "lb"], db_url=sqlite_url
    )
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: unknown equipment 'pullup-bar'; did you mean pull-up-bar?"
    )
    shown = _show(run_cli, sqlite_url)
    assert shown["equipment"] == ["band"] and shown["unit"] == "kg"


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [
        ("--bar-weight", "heavy", "--bar-weight"),
        ("--bar-weight", "-20", "--bar-weight"),
        ("--cable-step", "0", "--cable-step"),
        ("--dumbbells", "5,x,10", "--dumbbells"),
        ("--dumbbells", "5,-2", "--dumbbells"),
        ("--plates", "5,,10", "--plates"),
        ("--pain-threshold", "11", "--pain-threshold"),
        ("--pain-threshold", "2.5", "--pain-threshold"),
        ("--unit", "stone", "--unit"),
    ],
)
def test_bad_values_exit_2_naming_the_option_and_write_nothing(
    run_cli: Any, sqlite_url: str, option: str, value: str, named: str
) -> None:
    result = run_cli(["profile", "set", "--dumbbells", "4", option, value], db_url=sqlite_url)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {named}")
    assert result.stderr.count("\n") == 1
    assert _show(run_cli, sqlite_url)["dumbbells"] == []
