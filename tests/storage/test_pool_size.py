"""How many database connections a process keeps: ``STRONGBACK_POOL_SIZE`` (20 by default),
and as many more under load; PostgreSQL's ``max_connections`` has to cover every worker's. A
bad setting in the environment is one line naming its variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from strongback.app import Strongback
from strongback.settings import Settings

STRONGBACK = str(Path(sys.executable).with_name("strongback"))


def test_the_pool_size_setting_sizes_each_process_pool(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRONGBACK_POOL_SIZE", "3")
    with Strongback(Settings(database_url=db_url)) as strongback:
        pool = strongback.database.engine.pool
        assert (pool.size(), pool._max_overflow) == (3, 3)  # type: ignore[attr-defined]


def test_a_pool_size_default_covers_a_workers_thread_pool(db_url: str) -> None:
    with Strongback(Settings(database_url=db_url)) as strongback:
        pool = strongback.database.engine.pool
        assert pool.size() + pool._max_overflow >= 40  # type: ignore[attr-defined]


@pytest.mark.parametrize("value", ["0", "-1", "lots"])
def test_a_pool_size_out_of_range_is_refused_naming_the_setting(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRONGBACK_POOL_SIZE", value)
    with pytest.raises(ValidationError, match="pool_size"):
        Settings()


@pytest.mark.parametrize(
    ("variable", "value"),
    [("STRONGBACK_POOL_SIZE", "0"), ("STRONGBACK_BUSY_TIMEOUT", "-3"), ("STRONGBACK_PORT", "x")],
)
def test_a_bad_setting_in_the_environment_gives_the_cli_one_line_naming_it(
    variable: str, value: str, tmp_path: Path
) -> None:
    env = {**os.environ, variable: value}
    done = subprocess.run(
        [STRONGBACK, "log", "show", "--db", str(tmp_path / "t.db")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {variable}: ") and done.stderr.count("\n") == 1
    assert not (tmp_path / "t.db").exists()  # nothing opened, nothing written
