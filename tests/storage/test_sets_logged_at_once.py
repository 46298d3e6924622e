"""Sets logged at once into one day, by several processes each with several threads (as the web
workers do): every acknowledged set is stored once, numbered 1..N without gap or repeat, and
each answer names the number stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import sqlalchemy as sa

from strongback.storage import open_database
from strongback.storage.tables import performed_sets, workouts

PROCESSES, THREADS, CALLS = 3, 6, 8
DAY = date(2026, 3, 2)

# One process: THREADS threads of CALLS logs each (one set, or two for every third call); prints
# each answer's (set id, set order) as JSON lines.
_LOGGER = """
import json, sys, threading
from datetime import date
from strongback.app import Strongback
from strongback.services.training_log import LogRequest, log_sets
from strongback.settings import Settings

url, threads, calls, day = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
app = Strongback(Settings(database_url=url))
scope = app.local_scope()
barrier = threading.Barrier(threads)
out, lock = [], threading.Lock()

def log(t):
    barrier.wait(timeout=30)
    for i in range(calls):
        reps = (10, 8) if i % 3 == 0 else (12,)
        done = log_sets(scope, LogRequest("face-pull", reps=reps, day=date.fromisoformat(day)))
        with lock:
            out.extend([s.id, s.order] for s in done.sets)

workers = [threading.Thread(target=log, args=(t,)) for t in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
app.close()
print(json.dumps(out))
"""


def test_sets_logged_at_once_by_processes_and_threads_are_numbered_without_gap(
    db_url: str,
) -> None:
    db = open_database(db_url)
    db.user_id()  # the local user, created once before the race
    db.dispose()
    env = {**os.environ, "STRONGBACK_DATABASE_URL": db_url}
    loggers = [
        subprocess.Popen(
            [sys.executable, "-c", _LOGGER, db_url, str(THREADS), str(CALLS), DAY.isoformat()],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(PROCESSES)
    ]
    outputs = [p.communicate(timeout=300) for p in loggers]
    for process, (_, err) in zip(loggers, outputs, strict=True):
        assert process.returncode == 0, err
    answered = [tuple(pair) for out, _ in outputs for pair in json.loads(out)]
    per_call = THREADS * (CALLS + len(range(0, CALLS, 3)))
    assert len(answered) == PROCESSES * per_call

    db = open_database(db_url)
    try:
        with db.engine.connect() as conn:
            stored = conn.execute(sa.select(performed_sets.c.id, performed_sets.c.set_order)).all()
            assert conn.execute(sa.select(sa.func.count()).select_from(workouts)).scalar() == 1
    finally:
        db.dispose()
    assert sorted(order for _, order in stored) == list(range(1, len(answered) + 1))
    assert sorted(answered) == sorted((row.id, row.set_order) for row in stored)
