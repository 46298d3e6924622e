"""Speed of a coach's dashboard: 200 athletes, each with 2 years of generated history, on
PostgreSQL, beside the time to read the rows the dashboard reads.

    python bench/coach.py [--athletes 200] [--weeks 104] [--repeat 7] [--postgres URL]

A fresh database (``--postgres URL``, else ``$STRONGBACK_TEST_POSTGRES_URL``, else a throwaway
cluster started like the test suite's) gets one coach and ``--athletes`` athletes who accepted
the coach's invites; each athlete has 3 workouts a week of 12 sets for ``--weeks`` weeks, a
current plan and two weeks of check-ins. Then, repeated:

- read: the rows the roster reads (each athlete's workouts and sets of the last weeks, current
  plan, profile, check-ins, last session) in plain SQL over one connection;
- roster: ``services.roster.roster(coach)``, the attention figures of every athlete;
- dashboard: ``GET /coach`` through the web app in process (the roster, what is new, the page).

Goal: the dashboard under 300 ms and at most 2x the read. Each run prints its median and best
wall-clock time and the median CPU time of this process (the machine is shared: wall-clock
times include waiting for a core).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

EXERCISES = (
    ("incline-dumbbell-row", 22.5, 10),
    ("lat-pulldown", 50.0, 10),
    ("goblet-squat", 24.0, 10),
    ("face-pull", 15.0, 15),
)
SETS_PER_EXERCISE = 3
DAYS = (0, 2, 4)  # Monday, Wednesday, Friday


def _bench_import() -> Any:
    """bench/import.py (its throwaway cluster and fresh database helpers)."""
    spec = importlib.util.spec_from_file_location(
        "bench_import", Path(__file__).with_name("import.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def postgres_database(given: str | None) -> Iterator[str]:
    """A fresh PostgreSQL database URL, on the given server or a throwaway cluster."""
    helpers = _bench_import()
    admin = given or os.environ.get("STRONGBACK_TEST_POSTGRES_URL")
    if admin:
        with helpers.fresh_database(admin) as url:
            yield url
        return
    with helpers.throwaway_cluster() as admin_url, helpers.fresh_database(admin_url) as url:
        yield url


def _history(weeks: int, today: date, seed: int) -> list[Any]:
    from strongback.domain.training_log import PerformedSet, Workout
    from strongback.domain.vocab import WeightUnit

    monday = today - timedelta(days=today.weekday() + 7 * weeks)
    out = []
    for k in range(weeks + 1):
        for d in DAYS:
            day = monday + timedelta(days=7 * k + d)
            # Some athletes stopped a while ago, some miss sessions: the roster has work to do.
            if (
                day > today
                or (seed % 5 == 0 and (today - day).days < 12)
                or (k + d + seed) % 7 == 0
            ):
                continue
            sets = [
                PerformedSet(ex, i * SETS_PER_EXERCISE + j + 1, weight=w + (k // 4) * 2.5,
                             unit=WeightUnit.KG, reps=r, pain=(seed % 4) if j == 0 else None)
                for i, (ex, w, r) in enumerate(EXERCISES) for j in range(SETS_PER_EXERCISE)
            ]  # fmt: skip
            started = datetime.combine(day, datetime.min.time()) + timedelta(hours=18)
            out.append(Workout(started, "Pull and squat", tuple(sets), source="bench"))
    return out


def populate(url: str, athletes: int, weeks: int, today: date) -> tuple[int, list[int]]:
    """The coach and the athletes; returns their ids."""
    from strongback.app import Strongback
    from strongback.domain.coaching import CheckIn, Permission
    from strongback.domain.vocab import Equipment
    from strongback.services.planning import PlanRequest, build_plan
    from strongback.settings import Settings

    owned = frozenset({Equipment.DUMBBELLS, Equipment.BENCH, Equipment.CABLE_STATION})
    request = PlanRequest(
        days=3, minutes=45, equipment=owned, weeks=8, weekdays=("mon", "wed", "fri")
    )
    with Strongback(Settings(database_url=url)) as app:
        plan = build_plan(app.catalog, request)
        coach_id = app.database.user_id("coach")
        with app.scope(coach_id).unit_of_work(write=True) as uow:
            uow.coaching.set_coaching(True)  # the dashboard is the coach's: coaching is on
            uow.commit()
        ids = []
        for n in range(athletes):
            athlete_id = app.database.user_id(f"athlete-{n:03d}")
            ids.append(athlete_id)
            with app.scope(athlete_id).unit_of_work(write=True) as uow:
                uow.workouts.add_many(_history(weeks, today, n))
                start = today - timedelta(days=today.weekday() + 21)
                uow.plans.save(plan.starting(start))
                uow.coaching.grant(coach_id, Permission.VIEW, datetime.now())
                for d in range(14):
                    day = today - timedelta(days=d)
                    uow.checkins.save(CheckIn(day, back_pain=(n + d) % 6, sleep=7), datetime.now())
                uow.commit()
            if n % 20 == 19:
                print(f"  {n + 1} athletes stored", file=sys.stderr)
    return coach_id, ids


def raw_read(url: str, coach_id: int, today: date) -> Callable[[], int]:
    """The rows the roster reads, in plain SQL on one connection: the baseline. The same rows
    as the roster's statements: the live links, 30 days of sessions, 14 of set pain and notes,
    the audit's weeks of sets, current plans, profiles, check-ins and last sessions."""
    import psycopg

    from strongback.domain.coaching import READ_DAYS
    from strongback.services.roster import audit_start

    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    live = "SELECT user_id FROM coaching_links WHERE coach_id = %(coach)s AND revoked_at IS NULL"
    params = {
        "coach": coach_id,
        "sessions": today - timedelta(days=READ_DAYS),
        "pain": today - timedelta(days=14),
        "audit": audit_start(today),
    }
    queries = (
        "SELECT c.*, u.name FROM coaching_links c JOIN users u ON u.id = c.user_id "
        "WHERE c.coach_id = %(coach)s AND c.revoked_at IS NULL",
        f"SELECT user_id, started_at, notes FROM workouts WHERE user_id IN ({live}) "
        "AND started_at >= %(sessions)s",
        f"SELECT s.user_id, w.started_at, s.pain, s.notes FROM performed_sets s JOIN workouts w "
        f"ON w.id = s.workout_id WHERE w.user_id IN ({live}) AND w.started_at >= %(pain)s "
        "AND (s.pain IS NOT NULL OR s.notes IS NOT NULL)",
        f"SELECT * FROM workouts WHERE user_id IN ({live}) AND started_at >= %(audit)s",
        f"SELECT s.* FROM performed_sets s WHERE s.workout_id IN (SELECT id FROM workouts "
        f"WHERE user_id IN ({live}) AND started_at >= %(audit)s)",
        f"SELECT user_id, max(started_at) FROM workouts WHERE user_id IN ({live}) GROUP BY user_id",
        f"SELECT user_id, data FROM plans WHERE user_id IN ({live}) AND is_current",
        f"SELECT * FROM profiles WHERE user_id IN ({live})",
        f"SELECT * FROM checkins WHERE user_id IN ({live}) AND day >= %(pain)s",
        f"SELECT * FROM custom_exercises WHERE user_id IN ({live})",
    )

    def read() -> int:
        with psycopg.connect(dsn) as conn:
            return sum(len(conn.execute(q, params).fetchall()) for q in queries)  # type: ignore[arg-type]

    return read


def _time(fn: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU times (this process: the app and its database driver, not the
    PostgreSQL server) of each run."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    """Build the data, time the three runs and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--athletes", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=104)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--postgres", help="PostgreSQL admin URL (a database is created on it)")
    args = parser.parse_args(argv)

    from fastapi.testclient import TestClient

    from strongback.app import Strongback
    from strongback.services import roster
    from strongback.settings import Settings
    from strongback.web.app import create_app
    from strongback.web.deps import current_scope

    today = date.today()
    with postgres_database(args.postgres) as url:
        started = time.perf_counter()
        coach_id, ids = populate(url, args.athletes, args.weeks, today)
        print(f"stored in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        with Strongback(Settings(database_url=url, secret_key="bench")) as app:
            coach = app.scope(coach_id)
            web = create_app(app)
            web.dependency_overrides[current_scope] = lambda: coach
            with TestClient(web) as client:
                read = raw_read(url, coach_id, today)
                rows = read()
                lines = roster.roster(coach)
                assert len(lines) == len(ids) and client.get("/coach").status_code == 200
                n = args.repeat
                runs = [
                    ("read: the roster's rows, plain SQL", _time(read, n)),
                    ("roster: services.roster.roster", _time(lambda: roster.roster(coach), n)),
                    ("dashboard: GET /coach in process", _time(lambda: client.get("/coach"), n)),
                ]
    base = statistics.median(runs[0][1][0])
    flagged = sum(1 for a in lines if a.needs_attention)
    print(
        f"\nA coach with {len(ids)} athletes, {args.weeks} weeks of history each "
        f"({rows:,} rows read; {flagged} need attention), PostgreSQL, {args.repeat} runs"
    )
    print(f"  {'run':<40} {'median ms':>10} {'min ms':>10} {'vs read':>8} {'CPU ms':>8}")
    for name, (times, cpu) in runs:
        m = statistics.median(times)
        print(
            f"  {name:<40} {m * 1000:>10.1f} {min(times) * 1000:>10.1f} {m / base:>7.2f}x"
            f" {statistics.median(cpu) * 1000:>8.1f}"
        )
    print("  goal: the dashboard under 300 ms and at most 2x the read")
    print("  CPU ms: median CPU time of this process (not the PostgreSQL server's)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
