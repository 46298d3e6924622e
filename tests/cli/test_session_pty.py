"""``strongback session`` end to end in a pseudo-terminal: a whole session at high speed, and
one killed mid-way then resumed with nothing lost or doubled."""

from __future__ import annotations

import io
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")

from strongback.domain.guided import Stage  # noqa: E402
from strongback.services import sessions  # noqa: E402
from strongback.services.training_log import workouts  # noqa: E402
from tests.builders import scope_of  # noqa: E402

SCRIPT = Path(sys.executable).with_name("strongback")
START = "Enter to start"


def _spawn(url: str, *args: str) -> Any:
    env = {**os.environ, "STRONGBACK_DATABASE_URL": url, "TERM": "xterm", "COLUMNS": "100",
           "LINES": "40"}  # fmt: skip
    child = pexpect.spawn(
        str(SCRIPT), ["session", "--speed", "200", *args], env=env, encoding="utf-8", timeout=60
    )
    child.logfile_read = io.StringIO()  # the whole screen, to read when a test fails
    return child


def _do_set(child: Any, reps: int, *, weight: str | None = None) -> str:
    """Start the set at its prompt, let it run, answer what was done; returns what it showed."""
    child.expect(START)
    child.sendline("")
    prompt = r"Weight \(kg\)" if weight is not None else r"Reps \["
    child.expect(prompt)
    shown: str = child.before
    if weight is not None:
        child.sendline(weight)
        child.expect(r"Reps \[")
    child.sendline(str(reps))
    child.expect(r"Reps in reserve")
    child.sendline("")
    child.expect(r"Pain 0-10 \[0\]")
    child.sendline("")
    return shown


def _stored(url: str) -> Any:
    from strongback.storage import open_database

    db = open_database(url)
    return db, scope_of(db)


def test_a_whole_session_is_paced_and_saved_as_one_workout(sqlite_url: str) -> None:
    child = _spawn(sqlite_url, "-e", "upright-row", "-e", "pull-up")
    shown = _do_set(child, 12, weight="30")
    assert "\a" in shown  # a bell at each phase change
    assert "LIFT" in shown and "SQUEEZE" in shown and "Elbows lead" in shown
    assert "Avoid:" in shown and "Per side: nothing (the bar alone) on a 20 kg bar" in shown
    for reps in (11, 10):
        _do_set(child, reps, weight="")
    for reps in (8, 7, 6):
        _do_set(child, reps)
    child.expect("Enter to finish")
    child.sendline("")
    child.expect(r"saved with 6 sets")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    db, scope = _stored(sqlite_url)
    try:
        (w,) = workouts(scope)
        assert [(s.exercise, s.reps, s.weight) for s in w.sets] == [
            ("upright-row", 12, 30.0), ("upright-row", 11, 20.0), ("upright-row", 10, 20.0),
            ("pull-up", 8, None), ("pull-up", 7, None), ("pull-up", 6, None),
        ]  # fmt: skip
        assert sessions.active_session(scope) is None
    finally:
        db.dispose()


def test_a_session_killed_mid_set_resumes_with_nothing_lost_or_doubled(db_url: str) -> None:
    # Both engines: the session's state is the database's either way.
    child = _spawn(db_url, "-e", "pull-up")
    _do_set(child, 9)
    _do_set(child, 8)
    child.expect(START)
    child.sendline("")
    child.expect("LIFT")  # the third set is running
    child.kill(signal.SIGKILL)
    child.close()
    db, scope = _stored(db_url)
    try:
        active = sessions.active_session(scope)
        assert active is not None and active.stage is Stage.WORK
        assert [e.reps for e in active.entered] == [9, 8]
        assert workouts(scope) == []
    finally:
        db.dispose()

    resumed = _spawn(db_url, "--resume")
    resumed.expect(r"Reps \[")  # straight back into the third set's count
    resumed.sendline("7")
    resumed.expect("Reps in reserve")
    resumed.sendline("")
    resumed.expect(r"Pain 0-10 \[0\]")
    resumed.sendline("")
    resumed.expect("Enter to finish")
    resumed.sendline("")
    resumed.expect(r"saved with 3 sets")
    resumed.expect(pexpect.EOF)
    resumed.close()
    db, scope = _stored(db_url)
    try:
        (w,) = workouts(scope)
        assert [s.reps for s in w.sets] == [9, 8, 7]
    finally:
        db.dispose()


def test_ctrl_c_keeps_the_sets_and_says_how_to_go_on(sqlite_url: str) -> None:
    child = _spawn(sqlite_url, "-e", "pull-up")
    _do_set(child, 9)
    child.expect(START)
    child.sendintr()
    child.expect("go on with strongback session --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    again = _spawn(sqlite_url, "-e", "face-pull")
    again.expect("a session is active already")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 2
    db, scope = _stored(sqlite_url)
    try:
        active = sessions.active_session(scope)
        assert active is not None and [e.reps for e in active.entered] == [9]
        assert active.set_number == 2
    finally:
        db.dispose()
