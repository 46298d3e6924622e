"""``strongback profile``: the equipment and loads you own, your unit, your pain threshold."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from strongback.cli.common import (
    DbOption,
    JsonOption,
    parse_int,
    parse_number,
    parse_numbers,
    parse_unit,
    print_json,
)
from strongback.cli.context import scope_for
from strongback.domain.errors import InvalidInput

app = typer.Typer(help="Your training profile: equipment, loads, unit.", no_args_is_help=True)


def _opt(name: str, help_text: str) -> Any:
    return typer.Option(name, help=help_text, show_default=False)


def _print_profile(public: dict[str, Any]) -> None:
    def weights(values: Any) -> str:
        return ", ".join(f"{v:g}" for v in values) if values else "-"

    unit = public["unit"]
    typer.echo(f"equipment:      {', '.join(public['equipment']) or 'none'}")
    typer.echo(f"unit:           {unit}")
    typer.echo(f"dumbbells:      {weights(public['dumbbells'])}")
    typer.echo(f"kettlebells:    {weights(public['kettlebells'])}")
    typer.echo(f"plates (pairs): {weights(public['plates'])}")
    bar, step = public["bar_weight"], public["cable_step"]
    typer.echo(f"bar weight:     {f'{bar:g} {unit}' if bar is not None else '-'}")
    typer.echo(f"cable step:     {f'{step:g} {unit}' if step is not None else '-'}")
    typer.echo(f"pain threshold: {public['pain_threshold']}/10")


@app.command("set")
def set_profile(
    ctx: typer.Context,
    equipment: Annotated[
        str | None, _opt("--equipment", "Equipment you own, comma-separated slugs, or 'none'.")
    ] = None,
    unit: Annotated[str | None, _opt("--unit", "Your unit: kg or lb.")] = None,
    dumbbells: Annotated[
        str | None, _opt("--dumbbells", "Dumbbell weights you own, e.g. 5,7.5,10 ('none' clears).")
    ] = None,
    kettlebells: Annotated[
        str | None, _opt("--kettlebells", "Kettlebell weights you own, e.g. 8,12,16.")
    ] = None,
    plates: Annotated[
        str | None, _opt("--plates", "Plate weights you own in pairs, e.g. 1.25,2.5,5,10.")
    ] = None,
    bar_weight: Annotated[
        str | None, _opt("--bar-weight", "Weight of your barbell ('none' clears).")
    ] = None,
    cable_step: Annotated[
        str | None, _opt("--cable-step", "Smallest load step of your cable stack ('none' clears).")
    ] = None,
    pain_threshold: Annotated[
        str | None, _opt("--pain-threshold", "Pain (0-10) up to which training goes on.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change your profile; only the options given change."""
    from strongback.domain.catalog import parse_equipment_list
    from strongback.services import profile as svc

    def weights(text: str | None, field: str) -> tuple[float, ...] | None:
        if text is None:
            return None
        if text.strip().lower() == "none":
            return ()
        if not text.strip():
            raise InvalidInput(f"{{{field}}} is empty; give weights or 'none'", field=field)
        return parse_numbers(text, field)

    def number(text: str | None, field: str) -> Any:
        if text is None:
            return None
        if text.strip().lower() == "none":
            return svc.CLEAR
        return parse_number(text, field)

    if equipment is not None and not equipment.strip():
        raise InvalidInput(
            "{equipment} is empty; give equipment slugs, or 'none' to clear it", field="equipment"
        )
    changes = svc.ProfileChanges(
        equipment=parse_equipment_list(equipment) if equipment is not None else None,
        unit=parse_unit(unit) if unit is not None else None,
        dumbbells=weights(dumbbells, "dumbbells"),
        kettlebells=weights(kettlebells, "kettlebells"),
        plates=weights(plates, "plates"),
        bar_weight=number(bar_weight, "bar_weight"),
        cable_step=number(cable_step, "cable_step"),
        pain_threshold=(
            parse_int(pain_threshold, "pain_threshold", low=0, high=10)
            if pain_threshold is not None
            else None
        ),
    )
    profile = svc.update_profile(scope_for(ctx, db), changes)
    if as_json:
        print_json(profile.to_public())
    else:
        typer.echo("profile saved")
        _print_profile(profile.to_public())


@app.command("show")
def show_profile(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show your profile (defaults until you set it)."""
    from strongback.services.profile import get_profile

    public = get_profile(scope_for(ctx, db)).to_public()
    if as_json:
        print_json(public)
    else:
        _print_profile(public)
