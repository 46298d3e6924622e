"""``strongback next``, ``strongback e1rm`` and ``strongback records``: progression at the terminal.

Storage is imported inside the commands so ``strongback --help`` stays fast.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from strongback.cli.common import DbOption, JsonOption, parse_number, print_json
from strongback.cli.context import scope_for
from strongback.domain.errors import InvalidInput
from strongback.domain.set_bounds import MAX_RIR, MAX_RPE, MAX_WEIGHT, MIN_RPE

if TYPE_CHECKING:
    from strongback.domain.progression import Prescription
    from strongback.domain.strength import ExerciseRecords

ExerciseOption = Annotated[
    str | None,
    typer.Option("--exercise", "-e", help="Only this exercise (a catalog or custom id).",
                 show_default=False),
]  # fmt: skip


def _number(text: str | None, field: str, *, minimum: float, maximum: float) -> float:
    if text is None:
        raise InvalidInput(f"{{{field}}} is required", field=field)
    return parse_number(text, field, low=minimum, high=maximum)


def e1rm_command(
    weight: Annotated[str | None, typer.Option("--weight", "-w", help="Load lifted.")] = None,
    reps: Annotated[str | None, typer.Option("--reps", "-r", help="Reps done (1-100).")] = None,
    rir: Annotated[
        str | None, typer.Option("--rir", help="Reps left in reserve (0-10).", show_default=False)
    ] = None,
    rpe: Annotated[
        str | None, typer.Option("--rpe", help="RPE instead of RIR (RIR = 10 - RPE).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Estimate a one-rep max from a set: Epley, Brzycki and the combined estimate."""
    from strongback.domain.strength import estimate_e1rm

    w = _number(weight, "weight", minimum=0.01, maximum=MAX_WEIGHT)
    r = _number(reps, "reps", minimum=1, maximum=100)
    if r != int(r):
        raise InvalidInput(f"{{reps}} must be a whole number, not {reps}", field="reps")
    if rir is not None and rpe is not None:
        raise InvalidInput("give {rir} or {rpe}, not both", field="rir")
    reserve = None
    if rir is not None:
        reserve = _number(rir, "rir", minimum=0, maximum=MAX_RIR)
    elif rpe is not None:
        # The same bounds as a logged set's RPE.
        reserve = 10 - _number(rpe, "rpe", minimum=MIN_RPE, maximum=MAX_RPE)
    est = estimate_e1rm(w, int(r), reserve)
    if as_json:
        print_json(est.to_public())
        return
    brz = "undefined at 37+ reps" if est.brzycki is None else f"{est.brzycki:.1f}"
    trust = {
        "high": "trusted (10 effective reps or fewer)",
        "fair": "fair (11-12 effective reps)",
        "rough": "rough (more than 12 effective reps: take it as a guess)",
    }[est.confidence.value]
    typer.echo(f"epley     {est.epley:.1f}")
    typer.echo(f"brzycki   {brz}")
    typer.echo(f"estimate  {est.estimate:.1f}")
    typer.echo(f"trusted   {'yes' if est.trusted else 'no'}: {trust}")


def _print_next(items: list[Prescription]) -> None:
    from strongback.domain.progression import fmt

    def reps_of(p: Prescription) -> str:
        if p.reps is not None:
            return f"{p.sets} x {p.reps}"
        if p.reps_per_side is not None:
            return f"{p.sets} x {p.reps_per_side}/side"
        return f"{p.sets} x {p.seconds} s"

    from rich.console import Console
    from rich.table import Table

    table = Table(title="Next session", show_lines=False)
    table.add_column("exercise", no_wrap=True)
    for col in ("sets x reps", "load", "tempo", "RIR", "rest", "rule"):
        table.add_column(col, overflow="fold")
    for p in items:
        load = "bodyweight" if p.weight is None else f"{fmt(p.weight)} {p.unit or ''}".strip()
        name = p.exercise + (f" (for {p.instead_of})" if p.instead_of else "")
        table.add_row(
            name, reps_of(p), load, str(p.tempo or "-"),
            "-" if p.target_rir is None else str(p.target_rir),
            f"{p.rest_seconds} s", p.rule.value,
        )  # fmt: skip
    console = Console(file=sys.stdout, width=max(120, Console().width), soft_wrap=False)
    console.print(table)
    for p in items:
        console.print(f"[bold]{p.exercise}[/bold]: {p.reason}", soft_wrap=True, highlight=False)


def next_command(
    ctx: typer.Context,
    exercise: ExerciseOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """What to do next for each exercise: sets, reps, load, tempo, target RIR, rest and why.

    Follows the current plan; with no plan, every exercise logged in the last 4 weeks.
    """
    from strongback.services.progress import next_prescriptions

    result = next_prescriptions(scope_for(ctx, db), exercise=exercise)
    items = list(result.prescriptions)
    if as_json:
        print_json([p.to_public() for p in items])
        return
    if result.message:
        typer.echo(result.message)
    if not items:
        return
    if result.deload is not None:
        typer.echo(f"Deload week: {result.deload.reason}. Every exercise is lighter this week.")
    _print_next(items)


def _records_rows(recs: ExerciseRecords, full: bool) -> list[tuple[str, str, str, str]]:
    rows = []
    chosen = recs.all() if full else recs.summary()
    for r in chosen:
        label = {
            "best-e1rm": "best e1RM",
            "heaviest": f"heaviest x{r.reps}" if full else "heaviest set",
            "most-reps": "most reps",
            "session-volume": "best session volume",
            "longest-hold": "longest hold",
        }[r.kind.value]
        rows.append((recs.exercise, label, r.describe(), r.at.date().isoformat()))
    return rows


def records_command(
    ctx: typer.Context,
    exercise: ExerciseOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Personal records: best e1RM, heaviest set per rep count, most reps, best session, hold.

    Warm-up sets never count. Loads are compared in kg and shown in the unit they were logged in.
    """
    from strongback.services.progress import records

    found = records(scope_for(ctx, db), exercise=exercise)
    found = {k: v for k, v in found.items() if v.all()}
    if as_json:
        print_json([r.to_public() for recs in found.values() for r in recs.all()])
        return
    if not found:
        what = f"of {exercise} " if exercise else ""
        typer.echo(f"No sets {what}logged yet: no records to show.")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Personal records")
    table.add_column("exercise", no_wrap=True)
    for col in ("record", "value", "date"):
        table.add_column(col, overflow="fold")
    for recs in found.values():
        for row in _records_rows(recs, full=exercise is not None):
            table.add_row(*row)
    Console(file=sys.stdout, width=max(120, Console().width)).print(table)


def register(app: typer.Typer) -> None:
    """Add ``next``, ``e1rm`` and ``records`` to the root app."""
    app.command("next")(next_command)
    app.command("e1rm")(e1rm_command)
    app.command("records")(records_command)


__all__ = ["e1rm_command", "next_command", "records_command", "register"]
