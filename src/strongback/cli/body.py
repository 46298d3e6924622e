"""``strongback body``: log your body weight and list it. A movement that carries the body (a
pull-up, a dip) counts the body weight nearest before the set in its estimated max."""

from __future__ import annotations

from typing import Annotated

import typer

from strongback.cli.common import (
    DbOption,
    JsonOption,
    parse_date,
    parse_number,
    parse_unit,
    print_json,
)
from strongback.cli.context import scope_for

app = typer.Typer(help="Your body weight: log it, list it.", no_args_is_help=True)


@app.command("add")
def add(
    ctx: typer.Context,
    weight: Annotated[str, typer.Argument(metavar="WEIGHT", help="Your body weight, e.g. 80.5.")],
    unit: Annotated[
        str | None, typer.Option("--unit", help="kg or lb; default: your profile's unit.")
    ] = None,
    day: Annotated[
        str | None, typer.Option("--date", help="Day weighed, YYYY-MM-DD (default today).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Log your body weight for a day (a second weighing that day replaces the first)."""
    from strongback.domain.errors import InvalidInput
    from strongback.services.body import add_body_weight

    try:
        value = parse_number(weight, "weight")
    except InvalidInput:
        # WEIGHT is an argument, not the --weight of other commands.
        raise InvalidInput(f"WEIGHT: '{weight}' is not a number", field="body_weight") from None
    saved = add_body_weight(
        scope_for(ctx, db),
        value,
        unit=parse_unit(unit) if unit is not None else None,
        day=parse_date(day) if day is not None and day.strip() else None,
    )
    if as_json:
        print_json(saved.to_public())
        return
    typer.echo(f"body weight {saved.weight:g} {saved.unit.value} on {saved.day.isoformat()}")


@app.command("list")
def list_weights(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """List your body weights, oldest first."""
    from strongback.services.body import list_body_weights

    found = list_body_weights(scope_for(ctx, db))
    if as_json:
        print_json([b.to_public() for b in found])
        return
    if not found:
        typer.echo("no body weight logged yet (strongback body add WEIGHT)")
        return
    for b in found:
        typer.echo(f"{b.day.isoformat()}  {b.weight:g} {b.unit.value}")


__all__ = ["app"]
