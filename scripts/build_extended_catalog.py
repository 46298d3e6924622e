"""Regenerate src/strongback/data/extended_exercises.json from free-exercise-db.

Usage:
    python scripts/build_extended_catalog.py [PATH_TO_exercises.json] [--check] [--output FILE]

The default input is ../shared/data/free-exercise-db/exercises.json relative to the repository.
The output is deterministic (entries sorted by id, keys in a fixed order), so running the script
twice gives the same bytes. It prints the import report: counts per pattern, source values with
no mapping, and the data set entries merged into curated ones. ``--check`` writes nothing and
exits 1 when the checked-in file differs from what the data file gives now.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = REPO.parent / "shared" / "data" / "free-exercise-db" / "exercises.json"
DEFAULT_OUTPUT = REPO / "src" / "strongback" / "data" / "extended_exercises.json"


def main(argv: list[str] | None = None) -> int:
    """Build the file (or check it) and print the report; the exit code says how it went."""
    from strongback.domain.errors import StrongbackError
    from strongback.interchange.free_exercise_db import (
        build_extended,
        render_document,
        to_document,
    )

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--check", action="store_true", help="compare with the output file, write nothing"
    )
    args = parser.parse_args(argv)

    try:
        catalog = build_extended(args.input)
    except StrongbackError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(catalog.report.lines()))
    if catalog.report.accounted != catalog.report.read:
        print("error: some records are not accounted for", file=sys.stderr)
        return 1
    if catalog.report.rejected:
        print(
            f"error: {len(catalog.report.rejected)} record(s) rejected; fix the mapping first",
            file=sys.stderr,
        )
        return 1
    text = render_document(to_document(catalog))
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run this script without --check", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    # Write to a temporary file first so that a failure never leaves half a file behind.
    tmp = args.output.with_suffix(".json.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.output)
    print(f"wrote {args.output} ({len(text.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
