"""Import speed: the real Strong importer against bare baselines on the same file.

    python bench/import.py [--sets 100000] [--repeats 3] [--postgres URL] [--no-postgres]
                           [--keep FILE]

A Strong export of ``--sets`` sets is generated in a temporary folder (12-column layout, notes
with commas, quotes and newlines, warm-up/drop/failure tags, rest-timer rows, a few hundred
exercise names). It is imported through ``strongback.services.importing.import_file`` (parse,
name matching, source keys, the storage bulk path, one commit) into a fresh SQLite file, and into
a fresh PostgreSQL database when one can be had: ``--postgres URL``, else
``$STRONGBACK_TEST_POSTGRES_URL``, else a throwaway cluster started the way the test suite does
(``initdb``/``pg_ctl`` from ``/usr/lib/postgresql/*/bin`` on a free port of 127.0.0.1).

Baselines, run in the same script on the same file: Python's csv module reading it plus a bare
``executemany`` of the same rows into a fresh SQLite file; on PostgreSQL the csv module plus
``COPY`` (and plain ``executemany`` for reference). The table gives sets per second and the
ratio of each baseline's speed to the importer's (lower is better; the goal is 3x or less). On a
busy machine one run says little: ``--repeats`` runs the importer and the baselines side by side,
alternating which goes first, each time on fresh databases; the table gives the medians and the
ratio of every repeat.
"""

from __future__ import annotations

import argparse
import csv
import glob
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

HEADER = [
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
]
APP_NAMES = [
    "Lat Pulldown (Cable)",
    "Pull Up",
    "Seated Row (Cable)",
    "Face Pull (Cable)",
    "Goblet Squat (Kettlebell)",
    "Bench Press (Barbell)",
    "Squat (Barbell)",
    "Deadlift (Barbell)",
    "Chin Up",
    "Bicep Curl (Dumbbell)",
    "Romanian Deadlift (Dumbbell)",
    "Plank",
    "Running (Treadmill)",
]


def generate(path: Path, n_sets: int, seed: int = 7) -> int:
    """Write a Strong export with exactly ``n_sets`` set rows; returns the rest-timer rows."""
    rnd = random.Random(seed)
    names = APP_NAMES + [f"Machine Move {i} (Machine)" for i in range(250)]
    # Far enough back that a long history ends before today (future dates are refused).
    start = datetime(2000, 1, 1, 7, 0, 0)
    written = rests = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        day = 0
        while written < n_sets:
            date = (start + timedelta(days=day, minutes=rnd.randint(0, 600))).strftime(
                "%Y-%m-%d %H:%M:%S"
            )
            day += 1
            title = rnd.choice(["Pull A", "Pull B", "Legs", "Upper, heavy", "Evening Workout"])
            duration = rnd.choice(["55m", "1h 5m", "1h 23m", "48m", "2h"])
            notes = rnd.choice(["", "", "felt good", 'slow, "paused"\nreps'])
            for exercise in rnd.sample(names, 5):
                for i in range(4):
                    if written >= n_sets:
                        break
                    order = "W" if i == 0 and rnd.random() < 0.3 else str(i + 1)
                    running = exercise.startswith("Running")
                    writer.writerow(
                        [
                            date,
                            title,
                            duration,
                            exercise,
                            order,
                            "0" if running else f"{rnd.randint(8, 120)}.{rnd.choice([0, 5])}",
                            "0" if running else f"{rnd.randint(3, 15)}.0",
                            "3.2" if running else "0",
                            "1200.0" if running else "0.0",
                            'rope, "slow"' if i == 0 and rnd.random() < 0.05 else "",
                            notes if i == 0 else "",
                            rnd.choice(["", "", "8.5", "9"]),
                        ]
                    )
                    written += 1
                    if rnd.random() < 0.15:
                        writer.writerow(
                            [
                                date,
                                title,
                                duration,
                                exercise,
                                "Rest Timer",
                                "0",
                                "0.0",
                                "0",
                                "90.0",
                                "",
                                "",
                                "",
                            ]
                        )
                        rests += 1
    return rests


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def import_with_strongback(url: str, path: Path) -> tuple[float, int]:
    """The real importer into a fresh, migrated database: (seconds, sets inserted)."""
    from strongback.app import Strongback
    from strongback.domain.vocab import WeightUnit
    from strongback.services.importing import import_file
    from strongback.settings import Settings
    from strongback.storage import open_database

    db = open_database(url)  # migrations are set-up, not timed
    scope = Strongback(Settings(database_url=url), database=db).local_scope()
    inserted = 0
    try:

        def run() -> None:
            nonlocal inserted
            inserted = import_file(scope, "strong", path, unit=WeightUnit.KG).sets

        seconds = timed(run)
    finally:
        db.dispose()
    return seconds, inserted


def phases(url: str, path: Path) -> tuple[float, float]:
    """Where the importer's time goes, on another fresh database: (parse + match, store)."""
    from strongback.domain.catalog import load_catalog
    from strongback.domain.vocab import WeightUnit
    from strongback.interchange.exercise_names import NameMatcher
    from strongback.interchange.importers.kernel import paused_gc
    from strongback.services.importing import parse_file
    from strongback.storage import open_database

    db = open_database(url)
    try:
        matcher = NameMatcher(load_catalog())
        started = time.perf_counter()
        parsed = parse_file("strong", path, matcher=matcher, unit=WeightUnit.KG)
        parse_s = time.perf_counter() - started
        with db.unit_of_work() as uow:
            started = time.perf_counter()
            with paused_gc():
                uow.custom_exercises.add_many(matcher.created)
                uow.workouts.add_rows([(p.workout, p.rows) for p in parsed.parsed], parsed.fields)
            uow.commit()
            store_s = time.perf_counter() - started
    finally:
        db.dispose()
    return parse_s, store_s


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        return list(reader)


def sqlite_baseline(db_path: Path, path: Path) -> float:
    """csv module + executemany of the raw rows into a fresh SQLite file (WAL, as ours)."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=WAL")
    cols = ", ".join(f"c{i} TEXT" for i in range(len(HEADER)))
    conn.execute(f"CREATE TABLE raw (id INTEGER PRIMARY KEY, {cols})")
    conn.commit()

    def run() -> None:
        rows = read_rows(path)
        marks = ", ".join("?" for _ in HEADER)
        names = ", ".join(f"c{i}" for i in range(len(HEADER)))
        conn.executemany(f"INSERT INTO raw ({names}) VALUES ({marks})", rows)
        conn.commit()

    try:
        return timed(run)
    finally:
        conn.close()


def postgres_baselines(dsn: str, path: Path) -> tuple[float, float]:
    """(csv + COPY, csv + executemany) of the raw rows into fresh tables."""
    import psycopg

    cols = ", ".join(f"c{i} TEXT" for i in range(len(HEADER)))
    names = ", ".join(f"c{i}" for i in range(len(HEADER)))
    with psycopg.connect(dsn) as conn:
        conn.execute(f"CREATE TABLE raw_copy (id BIGSERIAL PRIMARY KEY, {cols})")
        conn.execute(f"CREATE TABLE raw_many (id BIGSERIAL PRIMARY KEY, {cols})")
        conn.commit()

        def copy() -> None:
            rows = read_rows(path)
            with conn.cursor() as cur, cur.copy(f"COPY raw_copy ({names}) FROM STDIN") as cp:
                for row in rows:
                    cp.write_row(row)
            conn.commit()

        def many() -> None:
            rows = read_rows(path)
            marks = ", ".join("%s" for _ in HEADER)
            with conn.cursor() as cur:
                cur.executemany(f"INSERT INTO raw_many ({names}) VALUES ({marks})", rows)
            conn.commit()

        return timed(copy), timed(many)


# -- a PostgreSQL server ---------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """A temporary PostgreSQL cluster on 127.0.0.1; yields its admin URL, removes it after."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
    bindir = Path(found[-1]).parent
    tmp = tempfile.mkdtemp(prefix="strongback-bench-pg-")
    if os.geteuid() == 0:
        shutil.chown(tmp, user="postgres", group="postgres")
    data = os.path.join(tmp, "data")
    port = _free_port()
    subprocess.run(
        _as_postgres([str(bindir / "initdb"), "-D", data, "-A", "trust", "-U", "postgres",
                      "-E", "UTF8", "--no-locale", "--no-sync"]),
        check=True, capture_output=True,
    )  # fmt: skip
    ctl = [str(bindir / "pg_ctl"), "-D", data]
    subprocess.run(
        _as_postgres([*ctl, "-o", f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 "
                      "-c fsync=off", "-l", os.path.join(tmp, "log"), "-w", "start"]),
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([*ctl, "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def _dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    """A new empty database on the server; dropped afterwards."""
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_dsn(admin_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = admin_url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(_dsn(admin_url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- report ----------------------------------------------------------------------------------


def report(
    title: str,
    n: int,
    ours: list[float],
    baselines: list[tuple[str, list[float]]],
    split: tuple[float, float] | None = None,
) -> None:
    """Medians of the repeats, and each baseline's ratio: the median of the per-repeat ratios
    (ours / baseline of the same repeat, run side by side) and their range."""
    print(f"\n{title}: {n:,} sets, {len(ours)} repeats (medians)")
    print(f"  {'run':<44} {'seconds':>8} {'sets/s':>10} {'ratio':>7}  ratios per repeat")
    mine = statistics.median(ours)
    print(f"  {'strongback import (parse+match+store)':<44} {mine:>8.2f} {n / mine:>10,.0f}")
    if split is not None:
        for name, seconds in (("  of which parse + name matching", split[0]),
                              ("  of which storage (bulk rows) + commit", split[1])):  # fmt: skip
            print(f"  {name:<44} {seconds:>8.2f} {n / seconds:>10,.0f}")
    for name, times in baselines:
        ratios = [o / b for o, b in zip(ours, times, strict=True)]
        each = " ".join(f"{r:.1f}x" for r in ratios)
        base = statistics.median(times)
        print(f"  {name:<44} {base:>8.2f} {n / base:>10,.0f} "
              f"{statistics.median(ratios):>6.1f}x  {each}")  # fmt: skip


def sqlite_runs(tmp: Path, export: Path, repeats: int) -> tuple[list[float], list[float]]:
    """Ours and the baseline side by side, alternating which goes first, each on fresh files."""
    ours: list[float] = []
    base: list[float] = []
    for i in range(repeats):

        def mine(i: int = i) -> None:
            ours.append(_checked(f"sqlite:///{tmp / f'ours{i}.db'}", export))

        def theirs(i: int = i) -> None:
            base.append(sqlite_baseline(tmp / f"baseline{i}.db", export))

        for step in (mine, theirs) if i % 2 == 0 else (theirs, mine):
            step()
    return ours, base


def postgres_runs(
    admin: str, export: Path, repeats: int
) -> tuple[list[float], list[float], list[float]]:
    """Ours, csv + COPY and csv + executemany side by side, each repeat on fresh databases."""
    ours: list[float] = []
    copies: list[float] = []
    manys: list[float] = []
    for i in range(repeats):
        with fresh_database(admin) as ours_url, fresh_database(admin) as base_url:

            def mine(url: str = ours_url) -> None:
                ours.append(_checked(url, export))

            def theirs(url: str = base_url) -> None:
                copy_s, many_s = postgres_baselines(_dsn(url), export)
                copies.append(copy_s)
                manys.append(many_s)

            for step in (mine, theirs) if i % 2 == 0 else (theirs, mine):
                step()
    return ours, copies, manys


def _checked(url: str, export: Path) -> float:
    seconds, inserted = import_with_strongback(url, export)
    if inserted != _EXPECTED[0]:
        raise SystemExit(f"importer stored {inserted} sets, expected {_EXPECTED[0]}")
    return seconds


_EXPECTED = [0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each, side by side")
    parser.add_argument("--postgres", help="PostgreSQL admin URL (a database is created on it)")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--keep", type=Path, help="also copy the generated export here")
    args = parser.parse_args(argv)
    _EXPECTED[0] = args.sets

    with tempfile.TemporaryDirectory(prefix="strongback-bench-") as tmp_name:
        tmp = Path(tmp_name)
        export = tmp / "strong_export.csv"
        rests = generate(export, args.sets)
        if args.keep:
            shutil.copyfile(export, args.keep)
        size = export.stat().st_size / 1e6
        print(f"generated {export.name}: {args.sets:,} sets + {rests:,} rest-timer rows, "
              f"{size:.1f} MB")  # fmt: skip
        ours, base = sqlite_runs(tmp, export, args.repeats)
        split = phases(f"sqlite:///{tmp / 'phases.db'}", export)
        report("SQLite", args.sets, ours, [("csv module + executemany (SQLite)", base)], split)

        if args.no_postgres:
            return 0
        url = args.postgres or os.environ.get("STRONGBACK_TEST_POSTGRES_URL")
        try:
            with _given(url) if url else throwaway_cluster() as admin:
                pg_ours, copies, manys = postgres_runs(admin, export, args.repeats)
                with fresh_database(admin) as split_url:
                    pg_split = phases(split_url, export)
        except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
            print(f"\nPostgreSQL skipped: {exc}")
            return 0
        report("PostgreSQL", args.sets, pg_ours,
               [("csv module + COPY", copies), ("csv module + executemany", manys)],
               pg_split)  # fmt: skip
    return 0


@contextmanager
def _given(url: str) -> Iterator[str]:
    # SQLAlchemy needs the driver named; psycopg (3) is the one installed.
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            url = "postgresql+psycopg://" + url[len(plain) :]
    yield url


if __name__ == "__main__":
    sys.exit(main())
