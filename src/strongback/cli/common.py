"""What every command group shares: the database option, JSON output, one-line errors."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from strongback.domain.errors import InvalidInput

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///path.db or postgresql+psycopg://...). "
        "Default: $STRONGBACK_DATABASE_URL, else a SQLite file in the user data directory.",
        show_default=False,
    ),
]

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def database_url(ctx: typer.Context, db: str | None = None) -> str | None:
    """The URL given to this command, else the one given before the command group, else None."""
    if db:
        return db
    root = ctx.find_root()
    obj = root.obj if isinstance(root.obj, dict) else {}
    value = obj.get("db")
    return value if isinstance(value, str) else None


def print_json(data: Any) -> None:
    """Print data as JSON on stdout (UTF-8, no Rich markup)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    sys.stderr.write(f"error: {message}\n")
    return typer.Exit(code)


def parse_csv_numbers(text: str, what: str) -> list[float]:
    """``12,12,10`` or ``8, 12.5`` as numbers; InvalidInput names the bad part."""
    out = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            out.append(float(part))
        except ValueError:
            raise InvalidInput(f"{what}: '{part}' is not a number") from None
    return out
