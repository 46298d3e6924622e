"""``strongback plan`` and ``strongback audit``: the program generator and the history audit.

OR-Tools, icalendar and storage are imported inside the commands so ``strongback --help`` stays
fast.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from strongback.cli.common import DbOption, JsonOption, print_json
from strongback.cli.context import app_for, scope_for
from strongback.domain.errors import InvalidInput
from strongback.domain.vocab import Goal, Level
from strongback.domain.wording import count_of

if TYPE_CHECKING:
    from strongback.domain.planning.audit import AuditReport
    from strongback.domain.planning.plan import Plan, PlanItem, PlanWeek

STRICT_EXIT = 3


def _whole(text: str | None, field: str, default: int | None = None) -> int:
    # The range is the planner's to check, so its message names the bounds.
    if text is None or not text.strip():
        if default is not None:
            return default
        raise InvalidInput(f"{{{field}}} is required", field=field)
    try:
        return int(text.strip())
    except ValueError:
        message = f"{{{field}}} must be a whole number, not '{text}'"
        raise InvalidInput(message, field=field) from None


def _week_number(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput(f"--week must be a whole number, not '{text}'", field="week") from None


def _start(text: str | None) -> date:
    from strongback.interchange.ics import next_monday

    if not text:
        return next_monday(date.today())
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(
            f"{{start}} must be a date like 2026-01-05, not '{text}'", field="start"
        ) from None


WIDE = 100
"""From this many columns the plan prints as one table per week; below, as wrapped lines."""


def _header(plan: Plan) -> str:
    p = plan.profile
    return (
        f"Back plan: {p.days} day(s) x {p.minutes} min, {p.weeks} week(s), {p.level.value}, "
        f"{p.goal.value}" + (", back pain" if p.back_pain else "")
        + f"; equipment: {', '.join(sorted(e.value for e in p.equipment)) or 'none'}"
    )  # fmt: skip


def _weeks(plan: Plan, week: int | None) -> tuple[PlanWeek, ...]:
    """Every week, or only week ``week`` (InvalidInput when the plan has no such week)."""
    if week is None:
        return plan.weeks
    if not 1 <= week <= len(plan.weeks):
        raise InvalidInput(
            # Written out: the flag names of cli/errors.py are shared by every command.
            f"--week must be between 1 and {len(plan.weeks)} (the plan's weeks), got {week}",
            field="week",
        )
    return (plan.weeks[week - 1],)


def _week_title(week: PlanWeek) -> str:
    return f"Week {week.week}" + (" (deload)" if week.deload else "")


def _item_line(item: PlanItem) -> str:
    """``barbell-row 3 x 6-8 @ 60 kg, RIR 2`` (no RIR for stretches, holds and drills; a load
    only on an item that starts from the history)."""
    rir = f", RIR {item.target_rir}" if item.target_rir is not None else ""
    return f"{item.exercise} {item.dose_text()}{_load_text(item)}{rir}"


def _load_text(item: PlanItem) -> str:
    if item.start_load is None or item.load_unit is None:
        return ""
    return f" @ {item.start_load:g} {item.load_unit.value}"


def _print_compact(plan: Plan, weeks: tuple[PlanWeek, ...], width: int) -> None:
    """One wrapped line per session: its items, doses and effort; no reasons or notes. A week
    that repeats the one before with only the effort changed is one line saying so."""
    import textwrap

    from strongback.domain.planning.plan_profile import WEEKDAYS

    out = [textwrap.fill(_header(plan), width)]
    previous: PlanWeek | None = None
    for week in weeks:
        change = None if previous is None else _effort_change(previous, week)
        previous = week
        if change is not None:
            out.append(textwrap.fill(f"{_week_title(week)}: {change}", width))
            continue
        out.append(_week_title(week))
        for s in week.sessions:
            line = (
                f"{WEEKDAYS[s.day - 1].capitalize()} {s.title} (~{s.estimated_minutes} min): "
                + "; ".join(_item_line(i) for i in s.items)
            )
            out.append(
                textwrap.fill(
                    line,
                    width,
                    initial_indent="  ",
                    subsequent_indent="    ",
                    break_on_hyphens=False,
                )
            )
    for w in plan.warnings:
        out.append(textwrap.fill(f"warning: {w}", width, subsequent_indent="  "))
    out.append(f"solver: {_solver_text(plan)}")
    sys.stdout.write("\n".join(out) + "\n")


def _effort_change(before: PlanWeek, week: PlanWeek) -> str | None:
    """``as week 1, 1 rep less in reserve ...`` when ``week`` holds the same sessions, exercises,
    sets and reps as ``before`` and differs only in its reps in reserve; else None."""

    def shape(w: PlanWeek) -> list[tuple[object, ...]]:
        return [
            (s.day, i.exercise, i.sets, i.reps, i.reps_per_side, i.seconds)
            for s in w.sessions
            for i in s.items
        ]

    if week.deload or before.deload or shape(week) != shape(before):
        return None
    deltas = {
        (b.target_rir or 0) - (a.target_rir or 0)
        for a, b in zip(before.items(), week.items(), strict=True)
        if a.target_rir is not None
    }
    if deltas <= {0}:
        return f"as week {before.week}"
    low, high = min(deltas), max(deltas)
    if high <= 0:
        which = "every loaded item" if len(deltas) == 1 else "some loaded items"
        return f"as week {before.week}, {_reps(-low)} less in reserve on {which}"
    if low >= 0:
        return f"as week {before.week}, up to {_reps(high)} more in reserve"
    return f"as week {before.week}, reps in reserve changed by {low:+d} to {high:+d}"


def _reps(n: int) -> str:
    return f"{n} rep" + ("" if n == 1 else "s")


def _solver_text(plan: Plan) -> str:
    gap = f", within {plan.gap_percent}% of the best" if plan.gap_percent is not None else ""
    return f"{plan.status}{gap} in {round(plan.wall_seconds, 3)} s"


def _print_plan(plan: Plan, week: int | None = None, compact: bool = False) -> None:
    """The plan (or one week of it): a table per week on a wide terminal, wrapped lines below
    ``WIDE`` columns, or one line per session with ``compact``."""
    from rich.console import Console

    weeks = _weeks(plan, week)
    width = Console().width
    if compact:
        _print_compact(plan, weeks, width)
        return
    console = Console(file=sys.stdout, width=width, soft_wrap=False)
    console.print(_header(plan), highlight=False, markup=False)
    for w in weeks:
        if width >= WIDE:
            console.print(_week_table(w))
        else:
            _print_narrow_week(console, w)
    if plan.warnings:
        console.print("[bold yellow]Warnings[/bold yellow]")
        for text in plan.warnings:
            console.print(f"- {text}", highlight=False, markup=False)
    console.print("[bold]Notes[/bold]")
    for n in plan.notes:
        console.print(f"- {n}", highlight=False, markup=False)
    console.print(f"solver: {_solver_text(plan)}", highlight=False)


def _week_table(week: PlanWeek) -> Any:
    from rich.table import Table

    from strongback.domain.planning.plan_profile import WEEKDAYS

    table = Table(title=_week_title(week), title_justify="left", show_lines=False)
    for col in ("day", "session", "exercise", "sets x reps", "tempo", "rest", "RIR", "why"):
        table.add_column(col, overflow="fold")
    for s in week.sessions:
        day = WEEKDAYS[s.day - 1].capitalize()
        session = f"{s.title} (~{s.estimated_minutes} min)"
        for k, item in enumerate(s.items):
            table.add_row(
                day if k == 0 else "",
                session if k == 0 else "",
                item.exercise,
                item.dose_text() + _load_text(item),
                item.tempo or "-",
                f"{item.rest_seconds} s" if item.rest_seconds is not None else "-",
                str(item.target_rir) if item.target_rir is not None else "-",
                item.reason,
            )
    return table


def _print_narrow_week(console: Any, week: PlanWeek) -> None:
    """A week for a narrow terminal: a line per session, per item its dose, tempo, rest and
    effort, and its reason wrapped under it."""
    import textwrap

    from strongback.domain.planning.plan_profile import WEEKDAYS

    console.print(f"[bold]{_week_title(week)}[/bold]")
    for s in week.sessions:
        console.print(
            f"{WEEKDAYS[s.day - 1].capitalize()}: {s.title} (~{s.estimated_minutes} min)",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
        for item in s.items:
            rest = f", rest {item.rest_seconds} s" if item.rest_seconds is not None else ""
            tempo = f", tempo {item.tempo}" if item.tempo else ""
            for text, indent in ((f"{_item_line(item)}{tempo}{rest}", "  "), (item.reason, "    ")):
                wrapped = textwrap.fill(
                    text,
                    console.width,
                    initial_indent=indent,
                    subsequent_indent=indent + "  ",
                    break_on_hyphens=False,
                )
                console.print(wrapped, highlight=False, markup=False, soft_wrap=True)


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
    keep: Annotated[
        str | None,
        typer.Option(
            "--keep",
            help="Your own exercises to keep (ids, comma-separated), each a vertical or "
            "horizontal pull, rear-delt or lower-back work.",
            show_default=False,
            metavar="LIST",
        ),
    ] = None,
    keep_own: Annotated[
        bool,
        typer.Option(
            "--keep-own",
            help="Keep, per weekly requirement, the exercise you log most that serves it "
            "(implies --from-history).",
        ),
    ] = False,
    from_history: Annotated[
        bool,
        typer.Option(
            "--from-history",
            help="Start each exercise's loads from your logged history (or a related lift).",
        ),
    ] = False,
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            help="Show only this week of the plan (the whole plan is still saved).",
            show_default=False,
            metavar="NUMBER",
        ),
    ] = None,
    compact: Annotated[
        bool,
        typer.Option("--compact", help="One line per session: exercises, doses and effort only."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Design a multi-week back plan that keeps every principle (CP-SAT solver).

    Example: strongback plan --days 3 --minutes 45 --equipment dumbbells,bench,pull-up-bar
    --level beginner --goal hypertrophy
    """
    from strongback.domain.catalog import parse_equipment_list, parse_slug
    from strongback.services.planning import PlanRequest, build_plan

    if equipment is None:
        raise InvalidInput(
            "{equipment} is required: comma-separated slugs, or 'none'", field="equipment"
        )
    request = PlanRequest(
        days=_whole(days, "days"),
        minutes=_whole(minutes, "minutes"),
        equipment=parse_equipment_list(equipment),
        level=parse_slug(Level, "level", level),
        goal=parse_slug(Goal, "goal", goal),
        back_pain=back_pain,
        weeks=_whole(weeks, "weeks", default=4),
        weekdays=tuple(w for w in (weekdays or "").split(",") if w.strip()),
        avoid=tuple(a for a in (avoid or "").split(",") if a.strip()),
        keep=tuple(k for k in (keep or "").split(",") if k.strip()),
        from_history=from_history,
        keep_own=keep_own,
    )
    start_day = _start(start) if ics or start else None
    shown = None if week is None else _week_number(week)
    reads_history = bool(from_history or keep_own or request.keep)
    scope = scope_for(ctx, db) if reads_history else None
    plan = build_plan(app_for(ctx, db).catalog, request, scope)
    if shown is not None:
        _weeks(plan, shown)  # a week the plan does not have is refused before anything is saved
    refused = strict and bool(plan.warnings)
    # The plan is saved first, then the calendar written, and both before anything is printed:
    # a reader that stops early (`| head`) cannot cut them off, and no calendar is left behind
    # for a plan that could not be saved.
    if not refused:
        plan = _save_and_write(ctx, db, plan, ics=ics, start_day=start_day, save=save)
    if as_json:
        data = plan.to_public()
        if shown is not None:
            data["weeks"] = [w.to_public() for w in _weeks(plan, shown)]
        print_json(data)
    else:
        _print_plan(plan, shown, compact)
    if refused:
        sys.stderr.write(
            f"error: {len(plan.warnings)} principle(s) cannot be met with this profile "
            "(--strict); nothing saved or written\n"
        )
        raise typer.Exit(STRICT_EXIT)


def _save_and_write(
    ctx: typer.Context,
    db: str | None,
    plan: Plan,
    *,
    ics: str | None,
    start_day: date | None,
    save: bool,
) -> Plan:
    """Save the plan as the current one, then write the iCalendar file, as asked."""
    from strongback.services.planning import plan_calendar, save_plan

    if save:
        plan_id, plan = save_plan(scope_for(ctx, db), plan, start=start_day)
        sys.stderr.write(f"saved as your current plan (id {plan_id})\n")
    if ics and start_day is not None:
        from strongback.interchange.files import write_atomically
        from strongback.interchange.ics import session_count

        write_atomically(ics, plan_calendar(app_for(ctx, db).catalog, plan, start_day))
        sys.stderr.write(
            f"wrote {session_count(plan)} session(s) to {ics} from {start_day.isoformat()}\n"
        )
    return plan


def _mark(held: bool, applicable: bool) -> str:
    if not applicable:
        return "n/a"
    return "held" if held else "FAILED"


def _print_audit(report: AuditReport) -> None:
    from rich.console import RenderableType

    from strongback.cli.tables import Column, emit, paragraph, table_or_records

    bands = ", ".join(f"{g.value} {b}" for g, b in report.bands.items())
    out: list[RenderableType | str] = [
        paragraph(
            f"Audit ({report.level}, {report.goal}; weekly set bands: {bands}; "
            f"loads in {report.unit.value})"
        )
    ]
    if report.message:
        emit([*out, paragraph(report.message)])
        return
    columns = [Column("principle", no_wrap=True), Column("result", no_wrap=True),
               Column("evidence"), Column("suggestion")]  # fmt: skip
    for week in report.weeks:
        if not week.trained:
            out.append(paragraph(f"Week of {week.start.isoformat()}: {week.message}"))
            continue
        rows = [
            [
                r.principle,
                _mark(r.held, r.applicable),
                "; ".join(r.evidence[:4]) + (" ..." if len(r.evidence) > 4 else ""),
                r.suggestion or "",
            ]
            for r in week.results
        ]
        title = (
            f"Week of {week.start.isoformat()}: {count_of(week.workouts, 'workout')}, "
            f"{count_of(week.hard_sets, 'hard set')}"
        )
        out.extend(table_or_records(columns, rows, title=title, keys=2))
    p = report.progression
    out.append(
        paragraph(
            f"progression over the block: {_mark(p.held, p.applicable)}; "
            + "; ".join(p.evidence[:4])
        )
    )
    if p.suggestion:
        out.append(paragraph(f"suggestion: {p.suggestion}"))
    if report.unknown_exercises:
        names = ", ".join(sorted(report.unknown_exercises))
        out.append(paragraph(f"not classified (unknown exercises): {names}"))
    emit(out)


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
    from strongback.domain.catalog import parse_slug
    from strongback.services.planning import MAX_AUDIT_WEEKS, audit

    n_weeks = _whole(weeks, "weeks", default=4)
    if not 1 <= n_weeks <= MAX_AUDIT_WEEKS:
        raise InvalidInput(
            f"{{weeks}} must be between 1 and {MAX_AUDIT_WEEKS}, got {n_weeks}", field="weeks"
        )
    report = audit(
        scope_for(ctx, db),
        weeks=n_weeks,
        level=parse_slug(Level, "level", level),
        goal=parse_slug(Goal, "goal", goal),
    )
    if as_json:
        print_json(report.to_public())
    else:
        _print_audit(report)


def register(app: typer.Typer) -> None:
    """Add ``plan`` and ``audit`` to the root app."""
    app.command("plan")(plan_command)
    app.command("audit")(audit_command)


__all__ = ["audit_command", "plan_command", "register"]
