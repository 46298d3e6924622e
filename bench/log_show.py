"""Speed of ``strongback log show`` on five years of history, beside starting the command alone.

    python bench/log_show.py [--repeat 5] [--file EXPORT.csv] [--unit lb]

The largest sample export (a Strong file, 2020-2026, in pounds) is imported with the real
importer into a fresh SQLite file in a temporary folder. Then each command runs as a user runs it,
in its own process at 80 columns, its output read through a pipe, repeated:

- baseline: ``strongback --version``, the cost of starting the command at all;
- ``log show``: the default page, the last 20 workouts;
- ``log show --all``: every workout and set;
- ``log show --all --json``: every set as JSON, the same reading without the layout.

The table gives the median and best wall times and each one's ratio to the baseline's median.
The goal is the default page under 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_FILE = Path(
    "/work/shared/data/exports/strong/strong_classic12col_comma_lbs_2020-2026_andrew50-lifting.csv"
)
STRONGBACK = Path(sys.executable).with_name("strongback")


def _run(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(
        [str(STRONGBACK), *args], env=env, capture_output=True, text=True, check=True
    )
    return time.perf_counter() - start, done.stdout.count("\n")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--unit", choices=["kg", "lb"], default="lb")
    args = parser.parse_args(argv)
    if not args.file.exists():
        sys.stderr.write(f"error: {args.file} not found\n")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        env = {**os.environ, "STRONGBACK_DATABASE_URL": url, "COLUMNS": "80"}
        _run(["profile", "set", "--unit", args.unit], env)
        _run(["import", "strong", str(args.file)], env)
        runs = [
            ("baseline: strongback --version", ["--version"]),
            ("log show (the last 20 workouts)", ["log", "show"]),
            ("log show --all", ["log", "show", "--all"]),
            ("log show --all --json", ["log", "show", "--all", "--json"]),
        ]
        timed = []
        for name, command in runs:
            results = [_run(command, env) for _ in range(args.repeat)]
            timed.append((name, [t for t, _ in results], results[0][1]))
    print(f"file: {args.file.name}; {args.repeat} runs each, 80 columns, output to a pipe\n")
    base = statistics.median(timed[0][1])
    print(f"{'what':<34} {'lines':>7} {'median s':>9} {'best s':>8} {'x baseline':>11}")
    for name, times, lines in timed:
        m = statistics.median(times)
        print(f"{name:<34} {lines:>7} {m:>9.2f} {min(times):>8.2f} {m / base:>10.2f}x")
    page = statistics.median(timed[1][1])
    print(f"\ngoal: log show under 1 s: {'met' if page < 1 else 'NOT met'} ({page:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
