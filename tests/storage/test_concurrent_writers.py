"""Writers that wait their turn: several processes logging and importing at once, on both engines.

Each logging process runs ``strongback log add`` many times through the CLI's own entry point
(one Python process each, so the run stays short), beside two real ``strongback import strong``
processes of one sample. Every acknowledged set must be stored exactly once, no command may
fail, none may print a traceback, and a day keeps one "Training" workout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from strongback.storage import open_database
from strongback.storage.tables import performed_sets, workouts
from tests.samples import export_files

STRONGBACK = str(Path(sys.executable).with_name("strongback"))
LOGGERS = 4
CALLS = 25

# One process that runs `strongback log add` CALLS times in a row through the CLI's command
# (built once); each call opens the database anew, as a separate command would. Prints one
# JSON line a call.
_LOGGER = """
import contextlib, io, json, sys, traceback
import typer
from strongback.cli.app import app

command = typer.main.get_command(app)

url, worker, count, days = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(",")
for i in range(count):
    reps = worker * 100 + i + 1
    day = days[i % len(days)]
    args = ["--db", url, "log", "add", "--exercise", "face-pull", "--reps", str(reps),
            "--date", day, "--json"]
    out, err, code = io.StringIO(), io.StringIO(), 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            command.main(args, prog_name="strongback")
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            traceback.print_exc()
            code = 1
    print(json.dumps({"reps": reps, "day": day, "code": code, "out": out.getvalue(),
                      "err": err.getvalue()}), flush=True)
"""


def _env(db_url: str) -> dict[str, str]:
    return {**os.environ, "STRONGBACK_DATABASE_URL": db_url}


def _smallest_strong_sample() -> Path:
    return min(export_files("strong"), key=lambda p: p.stat().st_size)


def test_loggers_and_imports_at_once_store_every_acknowledged_set_once(db_url: str) -> None:
    open_database(db_url).dispose()  # migrated up front; racing migrations have their own test
    sample = _smallest_strong_sample()
    days = [date.today().isoformat(), (date.today() - timedelta(days=3)).isoformat()]
    loggers = [
        subprocess.Popen(
            [sys.executable, "-c", _LOGGER, db_url, str(w), str(CALLS), ",".join(days)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(db_url),
        )
        for w in range(1, LOGGERS + 1)
    ]
    importers = [
        subprocess.Popen(
            [STRONGBACK, "import", "strong", str(sample), "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(db_url),
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in (*loggers, *importers)]
    for process, (_, err) in zip((*loggers, *importers), outputs, strict=True):
        assert "Traceback" not in err
        assert process.returncode == 0, err

    calls = [json.loads(line) for out, _ in outputs[:LOGGERS] for line in out.splitlines()]
    assert len(calls) == LOGGERS * CALLS
    for call in calls:
        assert "Traceback" not in call["err"]
        assert call["code"] == 0, call["err"]
    imports = [json.loads(out) for out, _ in outputs[LOGGERS:]]

    db = open_database(db_url)
    try:
        with db.engine.connect() as conn:
            logged = conn.execute(
                select(performed_sets.c.id, performed_sets.c.reps, workouts.c.started_at)
                .join(workouts, workouts.c.id == performed_sets.c.workout_id)
                .where(workouts.c.source == "strongback")
            ).all()
            days_of_log_workouts = Counter(
                (row.started_at.date().isoformat(), row.title)
                for row in conn.execute(
                    select(workouts.c.started_at, workouts.c.title).where(
                        workouts.c.source == "strongback"
                    )
                )
            )
            imported = conn.execute(
                select(performed_sets.c.id)
                .join(workouts, workouts.c.id == performed_sets.c.workout_id)
                .where(workouts.c.source != "strongback")
            ).all()
    finally:
        db.dispose()

    # Every acknowledged set is stored once, under the id the command printed.
    stored = {row.reps: row for row in logged}
    assert len(logged) == len(stored) == len(calls)
    for call in calls:
        (set_id,) = json.loads(call["out"])["set_ids"]
        row = stored[call["reps"]]
        assert row.id == set_id and row.started_at.date().isoformat() == call["day"]
    # One log workout a day, whatever the interleaving.
    assert days_of_log_workouts == Counter({(day, "Training"): 1 for day in days})
    # The two imports of one file: one stored it, the other found every set already there.
    assert sorted(i["sets"] for i in imports)[0] == 0
    assert len(imported) == max(i["sets"] for i in imports) > 0
