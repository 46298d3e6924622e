"""Speed of the progress analytics on five years of history, beside reading the same sets alone,
and of ``strongback progress --svg`` as a whole command.

    python bench/progress.py [--repeat 9] [--command-repeat 5] [--file EXPORT.csv] [--unit lb]

The largest sample export (a Strong file, 2020-2026, in pounds) is imported with the real
importer into a fresh SQLite file in a temporary folder. Then, repeated, in fresh units of work:

- baseline: ``uow.workouts.list()``, reading every workout and set from the database;
- progress: ``services.analytics.progress(scope)``, the use case of ``strongback progress`` from
  the database (8 weeks of numbers, estimated maxes and records over the whole history, pain,
  recovery, benchmarks: the window's workouts read whole, the past as SQL aggregates);
- the same numbers from every workout: ``uow.workouts.list()`` then ``analyse`` (what the use
  case did before it read a bounded part);
- analytics only: ``domain.analytics.analyse`` on the workouts already read, for 8 weeks and for
  260 weeks (five years of weekly numbers);
- the web page: ``GET /progress`` (8 weeks) and one of its charts (``GET
  /progress/charts/sets.svg``) through the ASGI app in this process (Starlette's TestClient,
  signed in by the session cookie), for a web account holding the same export, beside reading
  that account's sets;
- the command: ``strongback progress --svg FILE`` in a fresh process (Python start, imports,
  database, numbers, four charts and two body maps written), beside ``strongback --help``.

Goals: the progress use case at most 1.5x the baseline; the page under 150 ms of server time;
the command under 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_FILE = Path(
    "/work/shared/data/exports/strong/strong_classic12col_comma_lbs_2020-2026_andrew50-lifting.csv"
)


def _time(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def _command(args: list[str], url: str, repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (user + system) seconds of each run of the command, its modules'
    bytecode cached as an installed package has it (one untimed run writes it first)."""
    exe = Path(sys.executable).with_name("strongback")
    env = {**os.environ, "STRONGBACK_DATABASE_URL": url}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([str(exe), *args], env=env, check=True, capture_output=True)
    wall, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([str(exe), *args], env=env, check=True, capture_output=True)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, cpu


def _web_times(
    url: str, file: Path, unit: Any, repeat: int
) -> tuple[list[float], list[float], list[float]]:
    """Reading a web account's sets, ``GET /progress`` and ``GET /progress/charts/sets.svg``
    in process, for an account that imported ``file``."""
    import re

    from fastapi.testclient import TestClient

    from strongback.app import Strongback
    from strongback.services import accounts
    from strongback.services.importing import import_file
    from strongback.settings import Settings
    from strongback.web.app import create_app

    with Strongback(Settings(database_url=url, secret_key="bench-secret")) as app:
        client = TestClient(create_app(app))
        form = client.get("/signup").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert token is not None
        password = "correct horse battery"
        client.post(
            "/signup",
            data={"email": "bench@example.org", "password": password,
                  "password_again": password, "csrf_token": token.group(1)},
        )  # fmt: skip
        scope = app.scope(accounts.account_by_email(app, "bench@example.org").id)
        with scope.unit_of_work() as uow:
            uow.profile.save(uow.profile.get().model_copy(update={"unit": unit}))
            uow.commit()
        import_file(scope, "strong", file, unit=unit)

        def read() -> object:
            with scope.unit_of_work() as uow:
                return uow.workouts.list()

        def get(path: str) -> Callable[[], object]:
            def run() -> object:
                answer = client.get(path)
                assert answer.status_code == 200, answer.text[:300]
                return answer

            return run

        get("/progress/charts/sets.svg")()  # matplotlib is imported by the first chart
        return (
            _time(read, repeat),
            _time(get("/progress"), repeat),
            _time(get("/progress/charts/sets.svg"), repeat),
        )


def _row(name: str, times: list[float], base: float) -> str:
    m = statistics.median(times)
    return f"{name:<52} {m * 1000:>10.1f} {min(times) * 1000:>10.1f} {m / base:>10.2f}x"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--command-repeat", type=int, default=5)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--unit", choices=["kg", "lb"], default="lb")
    args = parser.parse_args(argv)

    from strongback.app import Strongback
    from strongback.domain.analytics import analyse
    from strongback.domain.catalog import load_catalog
    from strongback.domain.profile import UserProfile
    from strongback.domain.vocab import WeightUnit
    from strongback.services.analytics import progress
    from strongback.services.importing import import_file
    from strongback.settings import Settings
    from strongback.storage import open_database

    if not args.file.exists():
        sys.stderr.write(f"error: {args.file} not found\n")
        return 2
    unit = WeightUnit(args.unit)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        db = open_database(url)
        scope = Strongback(Settings(database_url=url), database=db).local_scope()
        try:
            with db.unit_of_work() as uow:
                uow.profile.save(UserProfile(unit=unit))
                uow.commit()
            summary = import_file(scope, "strong", args.file, unit=unit)
            with db.unit_of_work() as uow:
                workouts = uow.workouts.list()
            today = workouts[-1].day
            catalog = load_catalog()

            def baseline() -> object:
                with db.unit_of_work() as uow:
                    return uow.workouts.list()

            def use_case() -> object:
                return progress(scope, today=today)

            def every_workout() -> object:
                with db.unit_of_work() as uow:
                    everything = uow.workouts.list()
                return analyse(everything, catalog, unit=unit, today=today)

            use_case()  # warm the catalog cache and the connection pool once
            base = _time(baseline, args.repeat)
            full = _time(use_case, args.repeat)
            whole = _time(every_workout, args.repeat)
            only8 = _time(lambda: analyse(workouts, catalog, unit=unit, today=today), args.repeat)
            only260 = _time(
                lambda: analyse(workouts, catalog, unit=unit, today=today, weeks=260), args.repeat
            )
        finally:
            db.dispose()
        web_read, page, chart = _web_times(url, args.file, unit, args.repeat)
        svg = str(Path(tmp) / "progress.svg")
        help_times, help_cpu = _command(["--help"], url, args.command_repeat)
        command, command_cpu = _command(["progress", "--svg", svg], url, args.command_repeat)

    n_sets = sum(len(w.sets) for w in workouts)
    print(f"file: {args.file.name}")
    print(f"imported {summary.sets} sets in {summary.workouts} workouts ({unit.value})")
    print(f"{len(workouts)} workouts, {n_sets} sets read per run; {args.repeat} runs each\n")
    b = statistics.median(base)
    print(f"{'what':<52} {'median ms':>10} {'best ms':>10} {'x baseline':>11}")
    print(_row("baseline: uow.workouts.list()", base, b))
    print(_row("progress: services.analytics.progress(), from the db", full, b))
    print(_row("same numbers from every workout: list() + analyse", whole, b))
    print(_row("analytics only, 8 weeks (workouts already read)", only8, b))
    print(_row("analytics only, 260 weeks", only260, b))
    r = statistics.median(web_read)
    print(f"\n{'web, in process (a signed-in account, same export)':<52} {'median ms':>10} "
          f"{'best ms':>10} {'x read':>11}")  # fmt: skip
    print(_row("read the account's sets: uow.workouts.list()", web_read, r))
    print(_row("GET /progress (8 weeks)", page, r))
    print(_row("GET /progress/charts/sets.svg", chart, r))
    h = statistics.median(help_times)
    print(f"\n{'command (fresh process)':<52} {'median ms':>10} {'best ms':>10} {'x --help':>11}")
    print(_row("strongback --help", help_times, h))
    print(_row("strongback progress --svg FILE", command, h))
    print(_row("strongback progress --svg FILE, CPU time (user + system)", command_cpu, h))
    print(f"(CPU time of --help: {statistics.median(help_cpu) * 1000:.0f} ms; on a busy machine "
          "the wall clock includes waiting for a core)")  # fmt: skip
    print("(the commands run with their bytecode cached, after one untimed run)")
    ratio = statistics.median(full) / b
    print(f"\ngoal: progress at most 1.5x the read: {'met' if ratio <= 1.5 else 'NOT met'} "
          f"({ratio:.2f}x)")  # fmt: skip
    pg = statistics.median(page)
    print(f"goal: the progress page under 150 ms: {'met' if pg < 0.15 else 'NOT met'} "
          f"({pg * 1000:.0f} ms)")  # fmt: skip
    c = statistics.median(command)
    print(f"goal: strongback progress --svg under 1.5 s: {'met' if c < 1.5 else 'NOT met'} "
          f"({c:.2f} s)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
