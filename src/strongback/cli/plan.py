"""``strongback plan`` and ``strongback audit``: the program generator and the history audit.

OR-Tools, icalendar and storage are imported inside the commands so ``strongback --help`` stays
fast.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from strongback.cli.common import DbOption, JsonOption, database_url, print_json
from strongback.domain.errors import InvalidInput

if TYPE_CHECKING:
    from strongback.domain.planning.audit import AuditReport

STRICT_EXIT = 3


def _int(text: str | None, option: str, low: int, high: int, default: int | None = None) -> int:
    if text is None or not text.strip():
        if default is not None:
            return default
        raise InvalidInput(f"{option} is required ({low}-{high})")
    try:
        value = int(text.strip())
    except ValueError:
        raise InvalidInput(
            f"{option} must be a whole number from {low} to {high}, not '{text}'"
        ) from None
    if not low <= value <= high:
        raise InvalidInput(f"{option} must be between {low} and {high}, got {value}")
    return value


def _start(text: str | None) -> date:
    from strongback.interchange.ics import next_monday

    if not text:
        return next_monday(date.today())
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"--start must be a date like 2026-01-05, not '{text}'") from None


def _open(ctx: typer.Context, db: str | None) -> Any:
    from strongback.storage import open_database

    return open_database(database_url(ctx, db))


def _dose(item: dict[str, Any]) -> str:
    if "reps" in item:
        return f"{item['sets']} x {item['reps']['min']}-{item['reps']['max']}"
    if "reps_per_side" in item:
        r = item["reps_per_side"]
        return f"{item['sets']} x {r['min']}-{r['max']}/side"
    side = "/side" if item.get("per_side") else ""
    return f"{item['sets']} x {item['seconds']} s{side}"


def _print_plan(data: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    from strongback.domain.planning.profile import WEEKDAYS

    console = Console(file=sys.stdout, width=max(120, Console().width), soft_wrap=False)
    p = data["profile"]
    console.print(
        f"[bold]Back plan[/bold]: {p['days']} day(s) x {p['minutes']} min, {p['weeks']} week(s), "
        f"{p['level']}, {p['goal']}"
        + (", back pain" if p["back_pain"] else "")
        + f"; equipment: {', '.join(p['equipment']) or 'none'}",
        highlight=False,
    )
    for week in data["weeks"]:
        title = f"Week {week['week']}" + (" (deload)" if week["deload"] else "")
        table = Table(title=title, title_justify="left", show_lines=False)
        for col in ("day", "session", "exercise", "sets x reps", "tempo", "rest", "RIR", "why"):
            table.add_column(col, overflow="fold")
        for s in week["sessions"]:
            day = WEEKDAYS[s["day"] - 1].capitalize()
            session = f"{s['title']} (~{s['estimated_minutes']} min)"
            for k, item in enumerate(s["items"]):
                table.add_row(
                    day if k == 0 else "",
                    session if k == 0 else "",
                    item["exercise"],
                    _dose(item),
                    item["tempo"],
                    f"{item['rest_seconds']} s",
                    str(item["target_rir"]),
                    item["reason"],
                )
        console.print(table)
    if data["warnings"]:
        console.print("[bold yellow]Warnings[/bold yellow]")
        for w in data["warnings"]:
            console.print(f"- {w}", highlight=False, soft_wrap=True)
    console.print("[bold]Notes[/bold]")
    for n in data["notes"]:
        console.print(f"- {n}", highlight=False, soft_wrap=True)
    solver = data["solver"]
    console.print(f"solver: {solver['status']} in {solver['wall_seconds']} s", highlight=False)


def plan_command(
    ctx: typer.Context,
    days: Annotated[str | None, typer.Option("--days", help="Sessions per week (1-7).")] = None,
    minutes: Annotated[
        str | None, typer.Option("--minutes", help="Minutes per session (10-180).")
    ] = None,
    equipment: Annotated[
        str | None,
        typer.Option("--equipment", help="Equipment owned, comma-separated slugs, or 'none'."),
    ] = None,
    level: Annotated[
        str, typer.Option("--level", help="beginner, intermediate or advanced.")
    ] = "beginner",
    goal: Annotated[
        str, typer.Option("--goal", help="strength, hypertrophy, endurance or back-health.")
    ] = "hypertrophy",
    back_pain: Annotated[
        bool, typer.Option("--back-pain", help="Plan around back pain (gentle first weeks).")
    ] = False,
    weeks: Annotated[str | None, typer.Option("--weeks", help="Weeks (1-16).")] = None,
    weekdays: Annotated[
        str | None,
        typer.Option(
            "--weekdays", help="Preferred weekdays, e.g. mon,wed,fri.", show_default=False
        ),
    ] = None,
    avoid: Annotated[
        str | None,
        typer.Option(
            "--avoid", help="Exercise ids to leave out, comma-separated.", show_default=False
        ),
    ] = None,
    as_json: JsonOption = False,
    ics: Annotated[
        str | None,
        typer.Option(
            "--ics", help="Also write the schedule as an iCalendar file.", show_default=False
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start", help="First day for --ics (default: next Monday).", show_default=False
        ),
    ] = None,
    save: Annotated[
        bool, typer.Option("--save", help="Store the plan as your current plan.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with code 3 when a principle cannot be met.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Design a multi-week back plan that keeps every principle (CP-SAT solver).

    Example: strongback plan --days 3 --minutes 45 --equipment dumbbells,bench,pull-up-bar
    --level beginner --goal hypertrophy
    """
    from strongback.services.planning import build_plan

    n_days = _int(days, "--days", 1, 7)
    n_minutes = _int(minutes, "--minutes", 10, 180)
    n_weeks = _int(weeks, "--weeks", 1, 16, default=4)
    if equipment is None:
        raise InvalidInput("--equipment is required: comma-separated slugs, or 'none'")
    start_day = _start(start) if ics or start else None
    plan = build_plan(
        days=n_days,
        minutes=n_minutes,
        equipment=equipment,
        level=level,
        goal=goal,
        back_pain=back_pain,
        weeks=n_weeks,
        weekdays=weekdays,
        avoid=avoid,
    )
    data = plan.to_public()
    refused = strict and bool(data["warnings"])
    # The file and the saved plan are written before anything is printed, so a reader that
    # stops early (`| head`) cannot cut them off.
    if not refused:
        _write_and_save(ctx, db, data, ics=ics, start_day=start_day, save=save)
    if as_json:
        print_json(data)
    else:
        _print_plan(data)
    if refused:
        sys.stderr.write(
            f"error: {len(data['warnings'])} principle(s) cannot be met with this profile "
            "(--strict); nothing saved or written\n"
        )
        raise typer.Exit(STRICT_EXIT)


def _write_and_save(
    ctx: typer.Context,
    db: str | None,
    data: dict[str, Any],
    *,
    ics: str | None,
    start_day: date | None,
    save: bool,
) -> None:
    """Write the iCalendar file and save the plan as the current one, as asked."""
    if ics and start_day is not None:
        from strongback.interchange.ics import write_ics

        count = write_ics(data, ics, start_day)
        sys.stderr.write(f"wrote {count} session(s) to {ics} from {start_day.isoformat()}\n")
    if save:
        from strongback.services.planning import save_plan

        database = _open(ctx, db)
        try:
            with database.unit_of_work() as uow:
                plan_id = save_plan(uow, data)
                uow.commit()
        finally:
            database.dispose()
        sys.stderr.write(f"saved as your current plan (id {plan_id})\n")


def _mark(held: bool, applicable: bool) -> str:
    if not applicable:
        return "n/a"
    return "held" if held else "FAILED"


def _print_audit(report: AuditReport) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=sys.stdout, width=max(120, Console().width), soft_wrap=False)
    bands = ", ".join(f"{g.value} {b}" for g, b in report.bands.items())
    console.print(
        f"[bold]Audit[/bold] ({report.level}, {report.goal}; weekly set bands: {bands}; "
        f"loads in {report.unit.value})",
        highlight=False,
    )
    if report.message:
        console.print(report.message, highlight=False, soft_wrap=True)
        return
    for week in report.weeks:
        if not week.trained:
            console.print(
                f"[bold]Week of {week.start.isoformat()}[/bold]: {week.message}", highlight=False
            )
            continue
        table = Table(
            title=f"Week of {week.start.isoformat()}: {week.workouts} workout(s), "
            f"{week.hard_sets} hard set(s)",
            title_justify="left",
        )
        for col in ("principle", "result", "evidence", "suggestion"):
            table.add_column(col, overflow="fold")
        for r in week.results:
            table.add_row(
                r.principle,
                _mark(r.held, r.applicable),
                "; ".join(r.evidence[:4]) + (" ..." if len(r.evidence) > 4 else ""),
                r.suggestion or "",
            )
        console.print(table)
    p = report.progression
    console.print(
        f"[bold]progression over the block[/bold]: {_mark(p.held, p.applicable)}; "
        + "; ".join(p.evidence[:4]),
        highlight=False,
        soft_wrap=True,
    )
    if p.suggestion:
        console.print(f"suggestion: {p.suggestion}", highlight=False, soft_wrap=True)
    if report.unknown_exercises:
        names = ", ".join(sorted(report.unknown_exercises))
        console.print(f"not classified (unknown exercises): {names}", highlight=False)


def audit_command(
    ctx: typer.Context,
    weeks: Annotated[str | None, typer.Option("--weeks", help="Weeks to audit (1-52).")] = None,
    level: Annotated[
        str, typer.Option("--level", help="Level for the volume bands.")
    ] = "intermediate",
    goal: Annotated[str, typer.Option("--goal", help="Goal for the volume bands.")] = "hypertrophy",
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Check your logged history (imports included) against every principle, week by week."""
    from strongback.services.planning import MAX_AUDIT_WEEKS, audit

    n_weeks = _int(weeks, "--weeks", 1, MAX_AUDIT_WEEKS, default=4)
    database = _open(ctx, db)
    try:
        with database.unit_of_work() as uow:
            report = audit(uow, weeks=n_weeks, level=level, goal=goal)
    finally:
        database.dispose()
    if as_json:
        print_json(report.to_public())
    else:
        _print_audit(report)


def register(app: typer.Typer) -> None:
    """Add ``plan`` and ``audit`` to the root app."""
    app.command("plan")(plan_command)
    app.command("audit")(audit_command)


__all__ = ["audit_command", "plan_command", "register"]
