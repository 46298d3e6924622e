"""The root command: every mistake a user can make is one line on stderr with exit code 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from strongback.cli.app import app


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["log", "delete", "abc"], "Invalid value for 'ID'"),
        (["catalog", "show"], "Missing argument 'ID'"),
        (["plan", "--dayz", "3"], "No such option: --dayz"),
        (["nonsense"], "No such command 'nonsense'"),
        (["catalog", "list", "--section", "foo"], "choose one of back, hinge-squat, mobility-core"),
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and expected in lines[0]
    assert "Traceback" not in result.output


def test_help_and_version_still_exit_0() -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["--help"]).exit_code == 0
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout.startswith("strongback ")
