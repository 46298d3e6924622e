"""What every command group shares: the database option, JSON output, and the one set of
parsers that turn option text into values (errors name the field; cli/errors.py names the flag).
"""

from __future__ import annotations

import json
import math
import sys
from datetime import date
from typing import Annotated, Any

import typer

from strongback.domain.errors import InvalidInput
from strongback.domain.vocab import WeightUnit

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///path.db or postgresql+psycopg://...). "
        "Default: $STRONGBACK_DATABASE_URL, else a SQLite file in the user data directory.",
        show_default=False,
        metavar="URL",
    ),
]

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def print_json(data: Any) -> None:
    """Print data as JSON on stdout (UTF-8, no Rich markup)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def parse_number(
    text: str, field: str, *, low: float | None = None, high: float | None = None
) -> float:
    """A decimal number such as ``12.5`` (``12,5`` too), optionally within ``[low, high]``."""
    try:
        value = float(
            text.strip().replace(",", ".")
            if text.count(",") == 1 and "." not in text
            else text.strip()
        )
    except ValueError:
        raise InvalidInput(f"{{{field}}}: '{text}' is not a number", field=field) from None
    if not math.isfinite(value):
        raise InvalidInput(f"{{{field}}}: '{text}' is not a number", field=field)
    if (low is not None and value < low) or (high is not None and value > high):
        raise InvalidInput(
            f"{{{field}}}: {value:g} is not between {low:g} and {high:g}", field=field
        )
    return value


def parse_numbers(text: str, field: str) -> tuple[float, ...]:
    """A comma-separated list of numbers such as ``5,7.5,10``; the bad part is named."""
    parts = [p.strip() for p in text.split(",")]
    if not any(parts):
        return ()
    if not all(parts):
        raise InvalidInput(f"{{{field}}}: '{text}' has an empty item", field=field)
    return tuple(parse_number(p, field) for p in parts)


def parse_int(text: str, field: str, *, low: int, high: int) -> int:
    """A whole number within ``[low, high]``."""
    try:
        value = int(text.strip())
    except ValueError:
        raise InvalidInput(f"{{{field}}}: '{text}' is not a whole number", field=field) from None
    if not low <= value <= high:
        raise InvalidInput(f"{{{field}}}: {value} is not between {low} and {high}", field=field)
    return value


def parse_whole_numbers(text: str, field: str) -> tuple[int, ...]:
    """A comma-separated list of whole numbers such as ``12,12,10``."""
    values = parse_numbers(text, field)
    for v in values:
        if v != int(v):
            raise InvalidInput(f"{{{field}}}: '{v:g}' is not a whole number", field=field)
    return tuple(int(v) for v in values)


_UNITS = {"kg": WeightUnit.KG, "kgs": WeightUnit.KG, "lb": WeightUnit.LB, "lbs": WeightUnit.LB}


def parse_unit(text: str, field: str = "unit") -> WeightUnit:
    """``kg`` or ``lb`` (``kgs`` and ``lbs`` accepted)."""
    found = _UNITS.get(text.strip().casefold())
    if found is None:
        raise InvalidInput(f"{{{field}}} must be kg or lb, not '{text}'", field=field)
    return found


def parse_date(text: str, field: str = "date") -> date:
    """A day written ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"{{{field}}}: '{text}' is not a date like 2026-04-07", field=field
        ) from None


__all__ = [
    "DbOption",
    "JsonOption",
    "parse_date",
    "parse_int",
    "parse_number",
    "parse_numbers",
    "parse_unit",
    "parse_whole_numbers",
    "print_json",
]
