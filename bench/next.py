"""Speed of ``strongback next`` on five years of history, beside reading the same sets alone.

    python bench/next.py [--repeat 15] [--file EXPORT.csv] [--unit lb]

The largest sample export (a Strong file, 2020-2026, in pounds) is imported with the real
importer into a fresh SQLite file in a temporary folder. Then, repeated, in fresh units of work:

- baseline: ``uow.workouts.list()``, reading every workout and set from the database;
- next: ``next_prescriptions(uow, every_logged=True)``, the use case of ``strongback next`` end to
  end from the database (profile, custom exercises, plan, every set, the deload decision and one
  prescription for every exercise ever logged);
- rules only: the same use case given the workouts already read (the domain's share).

The table gives the median and best times and each one's ratio to the baseline's median. The
goal is ``next`` under 2x the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--unit", choices=["kg", "lb"], default="lb")
    args = parser.parse_args(argv)

    from strongback.app import Strongback
    from strongback.domain.catalog import load_catalog
    from strongback.domain.profile import UserProfile
    from strongback.domain.vocab import WeightUnit
    from strongback.services.importing import import_file
    from strongback.services.progress import Asked, next_prescriptions, prescriptions_for
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
            start = time.perf_counter()
            with db.unit_of_work() as uow:
                uow.profile.save(UserProfile(unit=unit))
                uow.commit()
            summary = import_file(scope, "strong", args.file, unit=unit)
            imported = time.perf_counter() - start
            with db.unit_of_work() as uow:
                workouts = uow.workouts.list()
            today = workouts[-1].day + timedelta(days=2)
            catalog = load_catalog()

            def baseline() -> object:
                with db.unit_of_work() as uow:
                    return uow.workouts.list()

            def use_case() -> object:
                return next_prescriptions(scope, every_logged=True, today=today)

            profile = UserProfile(unit=unit)

            def rules_only() -> object:
                return prescriptions_for(
                    catalog, profile, workouts, None, Asked(every_logged=True), today=today
                )

            use_case()  # warm the catalog cache and the connection pool once
            base = _time(baseline, args.repeat)
            full = _time(use_case, args.repeat)
            rules = _time(rules_only, args.repeat)
            result = next_prescriptions(scope, every_logged=True, today=today)
        finally:
            db.dispose()

    n_sets = sum(len(w.sets) for w in workouts)
    print(f"file: {args.file.name}")
    print(
        f"imported {summary.sets} sets in {summary.workouts} workouts in {imported:.1f} s; "
        f"{len(result.prescriptions)} exercises prescribed as of {today.isoformat()}"
    )
    print(f"{len(workouts)} workouts, {n_sets} sets read per run; {args.repeat} runs each\n")
    b = statistics.median(base)
    rows = [
        ("baseline: uow.workouts.list()", base),
        ("next: next_prescriptions(), from the database", full),
        ("rules only (workouts already read)", rules),
    ]
    print(f"{'what':<48} {'median ms':>10} {'best ms':>10} {'x baseline':>11}")
    for name, times in rows:
        m = statistics.median(times)
        print(f"{name:<48} {m * 1000:>10.1f} {min(times) * 1000:>10.1f} {m / b:>10.2f}x")
    ratio = statistics.median(full) / b
    verdict = "met" if ratio < 2 else "NOT met"
    print(f"\ngoal: next under 2x the baseline: {verdict} ({ratio:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
