"""What ``strongback plan`` and ``strongback audit`` print: a plan week by week (a table per week
on a wide terminal, wrapped lines on a narrow one, one line per session with ``--compact``) and
the audit of the logged weeks."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from strongback.domain.errors import InvalidInput
from strongback.domain.wording import count_of

if TYPE_CHECKING:
    from strongback.domain.planning.audit import AuditReport
    from strongback.domain.planning.plan import Plan, PlanItem, PlanWeek


WIDE = 100
"""From this many columns the plan prints as one table per week; below, as wrapped lines."""


def _header(plan: Plan) -> str:
    p = plan.profile
    return (
        f"Back plan: {p.days} day(s) x {p.minutes} min, {p.weeks} week(s), {p.level.value}, "
        f"{p.goal.value}" + (", back pain" if p.back_pain else "")
        + f"; equipment: {', '.join(sorted(e.value for e in p.equipment)) or 'none'}"
    )  # fmt: skip


def weeks_of(plan: Plan, week: int | None) -> tuple[PlanWeek, ...]:
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


def print_plan(plan: Plan, week: int | None = None, compact: bool = False) -> None:
    """The plan (or one week of it): a table per week on a wide terminal, wrapped lines below
    ``WIDE`` columns, or one line per session with ``compact``."""
    from rich.console import Console

    weeks = weeks_of(plan, week)
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


def _mark(held: bool, applicable: bool) -> str:
    if not applicable:
        return "n/a"
    return "held" if held else "FAILED"


def print_audit(report: AuditReport) -> None:
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


__all__ = ["WIDE", "print_audit", "print_plan", "weeks_of"]
