"""``strongback log``: record sets from the terminal, show, delete and restore history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from strongback.cli.common import (
    DbOption,
    JsonOption,
    parse_date,
    parse_int,
    parse_number,
    parse_numbers,
    parse_unit,
    parse_whole_numbers,
    print_json,
)
from strongback.cli.context import scope_for
from strongback.domain.wording import count_of

if TYPE_CHECKING:
    from strongback.domain.training_log import PerformedSet, Workout

app = typer.Typer(
    help="Your training log: add, show, delete and restore sets.", no_args_is_help=True
)


def _opt(name: str, help_text: str, metavar: str | None = None) -> Any:
    return typer.Option(name, help=help_text, show_default=False, metavar=metavar)


# The options that take one value per set (or one for every set).
RepsList = Annotated[
    str | None, _opt("--reps", "Reps of each set, comma-separated, e.g. 12,12,10.", "LIST")
]
WeightList = Annotated[
    str | None,
    _opt("--weight", "Load of every set, or one per set (e.g. 40,40,35); none = bodyweight.",
         "LIST"),
]  # fmt: skip
SecondsList = Annotated[
    str | None, _opt("--seconds", "Seconds per set (timed holds), or one per set.", "LIST")
]


@app.command("add")
def add(
    ctx: typer.Context,
    exercise: Annotated[str, _opt("--exercise", "Exercise id (see `strongback catalog list`).")],
    reps: RepsList = None,
    weight: WeightList = None,
    unit: Annotated[str | None, _opt("--unit", "kg or lb; default: your profile's unit.")] = None,
    seconds: SecondsList = None,
    rir: Annotated[str | None, _opt("--rir", "Reps in reserve (0-10).")] = None,
    rpe: Annotated[str | None, _opt("--rpe", "Rate of perceived exertion (1-10).")] = None,
    pain: Annotated[str | None, _opt("--pain", "Pain felt, 0-10.")] = None,
    tempo: Annotated[str | None, _opt("--tempo", "Tempo used, e.g. 3-2-1-2.")] = None,
    day: Annotated[str | None, _opt("--date", "Day trained, YYYY-MM-DD (default today).")] = None,
    notes: Annotated[str | None, _opt("--notes", "A note kept with each set.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Log one exercise's sets in that day's workout."""
    from strongback.domain.errors import InvalidInput
    from strongback.services import training_log as svc

    if rir is not None and rpe is not None:
        raise InvalidInput("--rir and --rpe exclude each other; give one", field="rir")
    request = svc.LogRequest(
        exercise=exercise.strip(),
        reps=parse_whole_numbers(reps, "reps") if reps is not None else (),
        seconds=parse_numbers(seconds, "seconds") if seconds is not None else (),
        weights=parse_numbers(weight, "weight") if weight is not None else (),
        unit=parse_unit(unit) if unit is not None else None,
        rir=parse_number(rir, "rir") if rir is not None else None,
        rpe=parse_number(rpe, "rpe") if rpe is not None else None,
        pain=parse_int(pain, "pain", low=0, high=10) if pain is not None else None,
        tempo=tempo.strip() or None if tempo is not None else None,
        day=svc.check_day(parse_date(day)) if day is not None and day.strip() else None,
        notes=notes.strip() or None if notes is not None else None,
    )
    # Check the counts and ranges before the database is even opened.
    svc.check_request(request)
    result = svc.log_sets(scope_for(ctx, db), request)
    if as_json:
        print_json(
            {
                "workout_id": result.workout_id,
                "created_workout": result.created_workout,
                "date": result.day.isoformat(),
                "set_ids": [s.id for s in result.sets],
            }
        )
        return
    where = "new workout" if result.created_workout else "workout"
    typer.echo(
        f"logged {count_of(len(result.sets), 'set')} in {where} {result.workout_id} on {result.day}"
    )
    for s in result.sets:
        typer.echo(f"  set {s.id}: {svc.format_set(s)}")


# What ``log show`` prints without --last or --all.
DEFAULT_LAST = 20


@app.command("show")
def show(
    ctx: typer.Context,
    last: Annotated[
        str | None, _opt("--last", f"Only the last N workouts (default {DEFAULT_LAST}).")
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Every workout (the default is the last 20).")
    ] = False,
    exercise: Annotated[str | None, _opt("--exercise", "Only this exercise id.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the last workouts with their sets, oldest first (--all: every workout).

    --json prints every set unless --last is given.
    """
    from strongback.domain.errors import InvalidInput
    from strongback.services import training_log as svc

    if last is not None and show_all:
        raise InvalidInput("--last and --all exclude each other; give one", field="last")
    count = parse_int(last, "last", low=1, high=1_000_000) if last is not None else None
    if count is None and not show_all and not as_json:
        count = DEFAULT_LAST
    # One workout more than shown says whether there are older ones.
    found = svc.workouts(scope_for(ctx, db), last=count + 1 if count else None, exercise=exercise)
    more = count is not None and len(found) > count
    shown = found[1:] if more else found
    if as_json:
        print_json([set_record(w, s) for w in shown for s in w.sets])
        return
    if not shown:
        typer.echo("no sets logged yet" if exercise is None else f"no sets of {exercise} logged")
        return
    _print_log(shown, more)


def _print_log(shown: list[Workout], more: bool) -> None:
    import sys

    from strongback.cli.log_lines import workout_lines
    from strongback.cli.tables import terminal_width

    lines = workout_lines(shown, terminal_width())
    sys.stdout.write("\n".join(lines) + "\n")
    if more:
        sys.stdout.write(
            f"(the last {len(shown)} workouts; --last N for more, --all for every one)\n"
        )


@app.command("delete")
def delete(
    ctx: typer.Context,
    item_id: Annotated[int, typer.Argument(metavar="ID", help="Id of the set (or workout).")],
    workout: Annotated[
        bool, typer.Option("--workout", help="ID is a workout: delete it with all its sets.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
) -> None:
    """Delete one set (or, with --workout, a whole workout) after asking."""
    from strongback.services import training_log as svc

    scope = scope_for(ctx, db)
    what = svc.describe_workout(scope, item_id) if workout else svc.describe_set(scope, item_id)
    if not yes and not typer.confirm(f"Delete {what}?", default=False):
        typer.echo("nothing deleted", err=True)
        raise typer.Exit(1)
    if workout:
        from strongback.services import workouts

        workouts.delete_workout(scope, item_id)
        typer.echo(f"deleted {what}")
        typer.echo(f"undo: strongback log restore {item_id}")
    else:
        svc.delete_set(scope, item_id)
        typer.echo(f"deleted {what}")


@app.command()
def restore(
    ctx: typer.Context,
    workout_id: Annotated[int, typer.Argument(metavar="ID", help="Id of the deleted workout.")],
    db: DbOption = None,
) -> None:
    """Bring back a workout deleted with `log delete --workout`, with all its sets."""
    from strongback.services import workouts

    restored = workouts.restore_workout(scope_for(ctx, db), workout_id)
    note = "" if restored.id == workout_id else f" as workout {restored.id}"
    typer.echo(f"restored workout {workout_id}{note} with {count_of(len(restored.sets), 'set')}")


# What the backup keeps of a set that the log's JSON leaves out (the id comes first here).
_BACKUP_ONLY = frozenset({"id", "rest_seconds", "superset", "source_key"})


def set_record(workout: Workout, s: PerformedSet) -> dict[str, Any]:
    """The JSON shape of one logged set with its workout's date and title: the backup's set
    fields (one list of them) after the workout's."""
    from strongback.interchange.backup_json import set_record as stored

    head = {
        "id": s.id,
        "workout_id": workout.id,
        "date": workout.started_at.date().isoformat(),
        "started_at": workout.started_at.isoformat(),
        "workout_title": workout.title,
    }
    return head | {k: v for k, v in stored(s).items() if k not in _BACKUP_ONLY}
