"""Measure the bulk insert path against the driver's own fastest path on the same database.

    python bench/storage.py [--sets 100000] [--url URL]

Without ``--url`` a temporary SQLite file is used. The database given should be empty (the
benchmark writes to it as user ``bench`` and creates a scratch table ``bench_bare``, dropped at
the end). The baseline is ``executemany`` (SQLite) or ``COPY`` (PostgreSQL) of the same rows into
a table without keys or constraints; ``add_many`` also maintains the keys, the checks and the
re-import index, and skips already-known source keys.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType, WeightUnit
from strongback.storage.database import open_database
from strongback.storage.repositories import SET_COLUMNS

SETS_PER_WORKOUT = 20


def _workouts(n_sets: int) -> list[Workout]:
    start = datetime(2020, 1, 1, 18, 0)
    out = []
    for w in range(max(1, n_sets // SETS_PER_WORKOUT)):
        sets = tuple(
            PerformedSet(
                exercise="lat-pulldown",
                order=i + 1,
                set_type=SetType.WORKING,
                weight=40.0 + i % 5 * 2.5,
                unit=WeightUnit.KG,
                reps=8 + i % 5,
                rir=2.0,
                notes="steady" if i % 7 == 0 else None,
                imported_as="Lat Pulldown (Cable)",
                source_key=f"strong:bench:{w}:{i}",
            )
            for i in range(SETS_PER_WORKOUT)
        )
        out.append(Workout(started_at=start + timedelta(days=w), title="Pull", sets=sets))
    return out


def run(url: str, n_sets: int) -> dict[str, float]:
    """Rows per second of the baseline and of ``add_many`` on the database at ``url``."""
    workouts = _workouts(n_sets)
    db = open_database(url)
    try:
        uid = db.user_id("bench")
        rows = [
            (uid, 1, s.exercise, s.imported_as, s.order, s.set_type.value, s.weight,
             s.unit.value if s.unit else None, s.reps, s.seconds, s.distance_m, None, s.rpe,
             s.rir, s.tempo, s.pain, s.notes, s.rest_seconds, s.superset, s.source_key)
            for w in workouts for s in w.sets
        ]  # fmt: skip
        columns = ", ".join(SET_COLUMNS)
        with db.engine.connect() as conn:
            conn.exec_driver_sql(
                "CREATE TABLE bench_bare (user_id INTEGER, workout_id INTEGER, exercise TEXT, "
                "imported_as TEXT, set_order INTEGER, set_type TEXT, weight FLOAT, unit TEXT, "
                "reps INTEGER, seconds FLOAT, distance_m FLOAT, side TEXT, rpe FLOAT, rir FLOAT, "
                "tempo TEXT, pain INTEGER, notes TEXT, rest_seconds FLOAT, superset TEXT, "
                "source_key TEXT)"
            )
            conn.commit()
            began = time.perf_counter()
            if db.dialect == "postgresql":
                raw = conn.connection.driver_connection
                assert raw is not None
                with (
                    raw.cursor() as cur,
                    cur.copy(f"COPY bench_bare ({columns}) FROM STDIN") as copy,
                ):
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" for _ in SET_COLUMNS)
                conn.exec_driver_sql(f"INSERT INTO bench_bare VALUES ({marks})", rows)
            conn.commit()
            baseline = len(rows) / (time.perf_counter() - began)
            conn.exec_driver_sql("DROP TABLE bench_bare")
            conn.commit()
        with db.unit_of_work(user="bench") as uow:
            began = time.perf_counter()
            inserted = uow.workouts.add_many(workouts)
            uow.commit()
            ours = inserted / (time.perf_counter() - began)
            began = time.perf_counter()
            again = uow.workouts.add_many(workouts)
            reimport = time.perf_counter() - began
        assert again == 0
    finally:
        db.dispose()
    return {"baseline": baseline, "add_many": ours, "reimport_seconds": reimport}


def main(argv: list[str] | None = None) -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=100_000)
    parser.add_argument("--url", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        figures = run(url, args.sets)
        engine = "PostgreSQL COPY" if url.startswith("postgres") else "SQLite executemany"
        sys.stdout.write(
            f"{'path':<34}{'sets/s':>12}\n"
            f"{'bare ' + engine:<34}{figures['baseline']:>12,.0f}\n"
            f"{'add_many':<34}{figures['add_many']:>12,.0f}\n"
            f"ratio baseline/add_many: {figures['baseline'] / figures['add_many']:.2f}x; "
            f"re-import of the same sets: {figures['reimport_seconds']:.2f} s, 0 added\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
