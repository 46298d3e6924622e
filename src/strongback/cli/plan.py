"""``strongback plan`` and ``strongback audit``: the program generator and the history audit.

OR-Tools, icalendar and storage are imported inside the commands so ``strongback --help`` stays
fast.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from strongback.cli.common import DbOption, JsonOption, print_json
from strongback.cli.context import app_for, scope_for
from strongback.domain.errors import InvalidInput
from strongback.domain.vocab import Goal, Level

if TYPE_CHECKING:
    from strongback.domain.planning.audit import AuditReport
    from strongback.domain.planning.plan import Plan

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


def _print_plan(plan: Plan) -> None:
    from rich.console import RenderableType

    from strongback.cli.tables import Column, emit, paragraph, table_or_records
    from strongback.domain.planning.plan_profile import WEEKDAYS

    p = plan.profile
    out: list[RenderableType | str] = [
        paragraph(
            f"Back plan: {p.days} day(s) x {p.minutes} min, {p.weeks} week(s), "
            f"{p.level.value}, {p.goal.value}"
            + (", back pain" if p.back_pain else "")
            + f"; equipment: {', '.join(sorted(e.value for e in p.equipment)) or 'none'}"
        )
    ]
    columns = [
        Column("day", no_wrap=True, group=True), Column("session", group=True),
        Column("exercise", no_wrap=True),
        Column("sets x reps", no_wrap=True), Column("tempo", no_wrap=True), Column("rest"),
        Column("RIR"), Column("why"),
    ]  # fmt: skip
    for week in plan.weeks:
        rows = [
            [
                WEEKDAYS[s.day - 1].capitalize() if k == 0 else "",
                f"{s.title} (~{s.estimated_minutes} min)" if k == 0 else "",
                item.exercise,
                item.dose_text(),
                item.tempo or "-",
                f"{item.rest_seconds} s" if item.rest_seconds is not None else "-",
                str(item.target_rir) if item.target_rir is not None else "-",
                item.reason,
            ]
            for s in week.sessions
            for k, item in enumerate(s.items)
        ]
        title = f"Week {week.week}" + (" (deload)" if week.deload else "")
        out.extend(table_or_records(columns, rows, title=title, keys=3))
    if plan.warnings:
        out.extend(["Warnings", *(paragraph(f"- {w}") for w in plan.warnings)])
    out.extend(["Notes", *(paragraph(f"- {n}") for n in plan.notes)])
    out.append(f"solver: {plan.status} in {round(plan.wall_seconds, 3)} s")
    emit(out)


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
    )
    start_day = _start(start) if ics or start else None
    plan = build_plan(app_for(ctx, db).catalog, request)
    refused = strict and bool(plan.warnings)
    # The plan is saved first, then the calendar written, and both before anything is printed:
    # a reader that stops early (`| head`) cannot cut them off, and no calendar is left behind
    # for a plan that could not be saved.
    if not refused:
        plan = _save_and_write(ctx, db, plan, ics=ics, start_day=start_day, save=save)
    if as_json:
        print_json(plan.to_public())
    else:
        _print_plan(plan)
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


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


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
                _one_set("; ".join(r.evidence[:4]) + (" ..." if len(r.evidence) > 4 else "")),
                r.suggestion or "",
            ]
            for r in week.results
        ]
        title = (
            f"Week of {week.start.isoformat()}: {_count(week.workouts, 'workout')}, "
            f"{_count(week.hard_sets, 'hard set')}"
        )
        out.extend(table_or_records(columns, rows, title=title, keys=2))
    p = report.progression
    out.append(
        paragraph(
            f"progression over the block: {_mark(p.held, p.applicable)}; "
            + _one_set("; ".join(p.evidence[:4]))
        )
    )
    if p.suggestion:
        out.append(paragraph(f"suggestion: {p.suggestion}"))
    if report.unknown_exercises:
        names = ", ".join(sorted(report.unknown_exercises))
        out.append(paragraph(f"not classified (unknown exercises): {names}"))
    emit(out)


def _one_set(text: str) -> str:
    # The principles' evidence counts sets as numbers ("lats: 1 sets"); one set is "1 set".
    return re.sub(r"(?<![\d.])1 sets\b", "1 set", text)


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
