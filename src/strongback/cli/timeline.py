"""``strongback timeline``: the exact timeline of an exercise's sets, rep phase by rep phase."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from strongback.cli.common import DbOption, JsonOption, parse_int, print_json
from strongback.cli.context import scope_for

if TYPE_CHECKING:
    from strongback.domain.timeline import Timeline

MAX_SETS, MAX_REPS, MAX_SECONDS, MAX_REST = 10, 100, 600, 900


def _whole(text: str | None, field: str, low: int, high: int) -> int | None:
    return None if text is None else parse_int(text, field, low=low, high=high)


def clock(seconds: int) -> str:
    """``m:ss`` for a number of seconds."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def _print(timeline: Timeline, title: str) -> None:
    import sys

    from rich.console import Console
    from rich.table import Table

    table = Table()
    for col in ("at", "seconds", "kind", "set", "rep", "side"):
        table.add_column(col, justify="right" if col != "kind" else "left")
    for e in timeline.events:
        table.add_row(
            clock(e.at), str(e.seconds), e.kind.value, str(e.set),
            "-" if e.rep is None else str(e.rep), e.side.value if e.side else "-",
        )  # fmt: skip
    console = Console(file=sys.stdout)
    console.print(title, highlight=False)
    console.print(table)
    console.print(
        f"total {clock(timeline.total_seconds)} ({timeline.total_seconds} s), "
        f"time under tension {timeline.time_under_tension} s",
        highlight=False,
    )


def timeline_command(
    ctx: typer.Context,
    exercise: Annotated[str, typer.Option("--exercise", "-e", help="A catalog or custom id.")],
    sets: Annotated[str | None, typer.Option("--sets", help="Sets (default: the dose's).")] = None,
    reps: Annotated[str | None, typer.Option("--reps", help="Reps per set (per side).")] = None,
    seconds: Annotated[
        str | None, typer.Option("--seconds", help="Seconds of a hold instead of reps.")
    ] = None,
    tempo: Annotated[
        str | None, typer.Option("--tempo", help="Lower-pause-lift-squeeze, e.g. 3-2-1-2.")
    ] = None,
    rest: Annotated[str | None, typer.Option("--rest", help="Rest after a set, seconds.")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The timeline of an exercise's sets: get-ready, each rep's phases, side switch, rest.

    Options not given take the exercise's dose, tempo and rest.
    """
    from strongback.domain.tempo import Tempo
    from strongback.domain.timeline import Overrides
    from strongback.services.timeline import exercise_timeline

    given = Overrides(
        sets=_whole(sets, "sets", 1, MAX_SETS),
        reps=_whole(reps, "reps", 1, MAX_REPS),
        seconds=_whole(seconds, "seconds", 1, MAX_SECONDS),
        tempo=Tempo.parse(tempo) if tempo is not None else None,
        rest_seconds=_whole(rest, "rest", 0, MAX_REST),
    )
    found = exercise_timeline(scope_for(ctx, db), exercise, given)
    if as_json:
        print_json(found.timeline.to_public())
        return
    item = found.item
    what = f"{item.reps} reps" if item.reps is not None else f"{item.seconds} s"
    side = " per side" if item.per_side else ""
    _print(
        found.timeline,
        f"{found.exercise.name}: {item.sets} x {what}{side} at {item.tempo}, "
        f"rest {item.rest_seconds} s",
    )


def register(app: typer.Typer) -> None:
    """Add ``timeline`` to the root app."""
    app.command("timeline")(timeline_command)


__all__ = ["clock", "register", "timeline_command"]
