"""Every command's help names the kind of value its options take and reads at 80 columns."""

from __future__ import annotations

from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from strongback.cli.app import app


def _command_paths() -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        paths.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return paths


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p) or "root")
def test_help_names_value_types_never_python_types(path: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    for python_type in ("<str>", "<bool>", "<int>", "<float>", "<path>"):
        assert python_type not in result.stdout, f"{' '.join(path)} --help shows {python_type}"
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_options_show_number_list_date_file_and_url() -> None:
    log_add = CliRunner().invoke(app, ["log", "add", "--help"], env={"COLUMNS": "100"}).stdout
    assert "--reps" in log_add and " LIST " in log_add and " DATE " in log_add
    assert " NUMBER " in log_add and " URL " in log_add
    imported = CliRunner().invoke(app, ["import", "strong", "--help"]).stdout
    assert "FILE" in imported and "{file}" not in imported


def test_the_help_prose_wraps_at_the_terminal_not_at_source_lines() -> None:
    wide = CliRunner().invoke(app, ["plan", "--help"], env={"COLUMNS": "200"}).stdout
    assert any("pull-up-bar --level beginner" in line for line in wide.splitlines())
