"""``strongback next``, ``strongback e1rm`` and ``strongback records``: progression at the terminal.

Storage is imported inside the commands so ``strongback --help`` stays fast.
"""

from __future__ import annotations

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


def _body_weight(text: str | None) -> float | None:
    from strongback.domain.body_weight import MAX_BODY_KG, MIN_BODY_KG
    from strongback.domain.vocab import KG_PER_LB

    if text is None:
        return None
    # No unit here: the bounds hold a person in kg or in lb.
    most = round(MAX_BODY_KG / KG_PER_LB)
    return _number(text, "body_weight", minimum=MIN_BODY_KG, maximum=most)


def e1rm_command(
    weight: Annotated[str | None, typer.Option("--weight", "-w", help="Load lifted.")] = None,
    reps: Annotated[str | None, typer.Option("--reps", "-r", help="Reps done (1-100).")] = None,
    rir: Annotated[
        str | None, typer.Option("--rir", help="Reps left in reserve (0-10).", show_default=False)
    ] = None,
    rpe: Annotated[
        str | None, typer.Option("--rpe", help="RPE instead of RIR (RIR = 10 - RPE).")
    ] = None,
    body_weight: Annotated[
        str | None,
        typer.Option(
            "--body-weight",
            help="Your body weight, for a movement that carries the body (a pull-up, a dip): "
            "the estimate is on the body weight plus --weight (negative: assistance).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Estimate a one-rep max from a set: Epley, Brzycki and the combined estimate."""
    from strongback.domain.strength import estimate_e1rm

    body = _body_weight(body_weight)
    low = 0.01 if body is None else -body + 0.01
    w = _number(weight, "weight", minimum=low, maximum=MAX_WEIGHT)
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
    est = estimate_e1rm(w, int(r), reserve, body_weight=body)
    if as_json:
        print_json(est.to_public())
        return
    brz = "undefined at 37+ reps" if est.brzycki is None else f"{est.brzycki:.1f}"
    trust = {
        "high": "trusted (10 effective reps or fewer)",
        "fair": "fair (11-12 effective reps)",
        "rough": "rough (more than 12 effective reps: take it as a guess)",
    }[est.confidence.value]
    if body is not None:
        typer.echo(f"load      {w + body:g} ({body:g} body weight {'+' if w >= 0 else '-'} "
                   f"{abs(w):g})")  # fmt: skip
    typer.echo(f"epley     {est.epley:.1f}")
    typer.echo(f"brzycki   {brz}")
    typer.echo(f"estimate  {est.estimate:.1f}")
    typer.echo(f"trusted   {'yes' if est.trusted else 'no'}: {trust}")


def _load_text(p: Prescription) -> str:
    from strongback.domain.progression import fmt

    if p.weight is not None:
        return f"{fmt(p.weight)} {p.unit or ''}".strip()
    return "band" if p.band else "bodyweight"


def _print_next(items: list[Prescription], title: str) -> None:
    from strongback.cli.tables import Column, emit, paragraph, table_or_records

    def reps_of(p: Prescription) -> str:
        if p.reps is not None:
            return f"{p.sets} x {p.reps}"
        if p.reps_per_side is not None:
            return f"{p.sets} x {p.reps_per_side}/side"
        return f"{p.sets} x {p.seconds} s"

    columns = [
        Column("exercise", no_wrap=True), Column("sets x reps", no_wrap=True),
        Column("load", no_wrap=True), Column("tempo", no_wrap=True), Column("RIR"),
        Column("rest", no_wrap=True), Column("rule", no_wrap=True),
    ]  # fmt: skip
    rows = [
        [
            p.exercise + (f" (for {p.instead_of})" if p.instead_of else ""),
            reps_of(p),
            _load_text(p),
            str(p.tempo or "-"),
            "-" if p.target_rir is None else str(p.target_rir),
            f"{p.rest_seconds} s",
            p.rule.value,
        ]
        for p in items
    ]
    reasons = [paragraph(f"{p.exercise}: {p.reason}") for p in items]
    emit([*table_or_records(columns, rows, title=title), *reasons])


def next_command(
    ctx: typer.Context,
    exercise: ExerciseOption = None,
    whole_plan: Annotated[
        bool, typer.Option("--all", help="Every exercise of the plan, not only the next session.")
    ] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """What to do next: sets, reps, load, tempo, target RIR, rest and why, for each exercise.

    Follows the next session of the current plan (--all: every exercise of the plan); with no
    plan, every exercise logged in the last 4 weeks.
    """
    from strongback.services.progress import next_prescriptions

    result = next_prescriptions(scope_for(ctx, db), exercise=exercise, whole_plan=whole_plan)
    items = list(result.prescriptions)
    if as_json:
        print_json(result.to_public())
        return
    if result.message:
        typer.echo(result.message)
    if not items:
        return
    if result.deload is not None:
        typer.echo(f"Deload week: {result.deload.reason}. Every exercise is lighter this week.")
    titles = {
        "plan": f"Every exercise of the plan (week {result.plan_week})",
        "exercise": "Next time",
        "recent": "Next time, for each exercise of the last 4 weeks",
        "all": "Next time, for every exercise logged",
    }
    session = result.session
    _print_next(items, f"Next session: {session.title()}" if session else titles[result.source])


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
    from strongback.cli.tables import Column, emit, table_or_records

    columns = [Column("exercise", no_wrap=True), Column("record"), Column("value"),
               Column("date", no_wrap=True)]  # fmt: skip
    rows = [
        list(row) for recs in found.values() for row in _records_rows(recs, exercise is not None)
    ]
    emit(table_or_records(columns, rows, title="Personal records"))


def register(app: typer.Typer) -> None:
    """Add ``next``, ``e1rm`` and ``records`` to the root app."""
    app.command("next")(next_command)
    app.command("e1rm")(e1rm_command)
    app.command("records")(records_command)


__all__ = ["e1rm_command", "next_command", "records_command", "register"]
