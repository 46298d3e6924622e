"""``strongback plan`` and ``strongback audit``: the program generator and the history audit.

OR-Tools, icalendar and storage are imported inside the commands so ``strongback --help`` stays
fast.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from strongback.cli.common import DbOption, JsonOption, print_json
from strongback.cli.context import app_for, scope_for
from strongback.cli.plan_output import print_audit, print_plan, weeks_of
from strongback.domain.errors import InvalidInput
from strongback.domain.vocab import Equipment, Goal, Level

if TYPE_CHECKING:
    from strongback.domain.planning.plan import Plan
    from strongback.services.planning import PlanRequest, SavedAnswers

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


# The options of `strongback plan`, named once so the command reads as its steps.
# Left out, each answer is taken from the saved profile (equipment) and the current plan (the
# rest): the answers the user gave last.
DaysOption = Annotated[
    str | None,
    typer.Option("--days", help="Sessions per week (1-7; default: your current plan's)."),
]

MinutesOption = Annotated[
    str | None,
    typer.Option("--minutes", help="Minutes per session (10-180; default: your current plan's)."),
]

EquipmentOption = Annotated[
    str | None,
    typer.Option(
        "--equipment",
        help="Equipment owned, comma-separated slugs, or 'none' (default: your saved profile's).",
    ),
]

LevelOption = Annotated[
    str | None,
    typer.Option(
        "--level",
        help="beginner, intermediate or advanced (default: your current plan's, else beginner).",
        show_default=False,
    ),
]

GoalOption = Annotated[
    str | None,
    typer.Option(
        "--goal",
        help="strength, hypertrophy, endurance or back-health (default: your current plan's, "
        "else hypertrophy).",
        show_default=False,
    ),
]

BackPainOption = Annotated[
    bool | None,
    typer.Option(
        "--back-pain/--no-back-pain",
        help="Plan around back pain, gentle first weeks (default: as your current plan).",
        show_default=False,
    ),
]

WeeksOption = Annotated[
    str | None, typer.Option("--weeks", help="Weeks (1-16; default: your current plan's, else 4).")
]

WeekdaysOption = Annotated[
    str | None,
    typer.Option("--weekdays", help="Preferred weekdays, e.g. mon,wed,fri.", show_default=False),
]

AvoidOption = Annotated[
    str | None,
    typer.Option("--avoid", help="Exercise ids to leave out, comma-separated.", show_default=False),
]

IcsOption = Annotated[
    str | None,
    typer.Option("--ics", help="Also write the schedule as an iCalendar file.", show_default=False),
]

StartOption = Annotated[
    str | None,
    typer.Option("--start", help="First day for --ics (default: next Monday).", show_default=False),
]

SaveOption = Annotated[bool, typer.Option("--save", help="Store the plan as your current plan.")]

StrictOption = Annotated[
    bool, typer.Option("--strict", help="Exit with code 3 when a principle cannot be met.")
]

KeepOption = Annotated[
    str | None,
    typer.Option(
        "--keep",
        help="Your own exercises to keep (ids, comma-separated), each a vertical or "
        "horizontal pull, rear-delt or lower-back work.",
        show_default=False,
        metavar="LIST",
    ),
]

KeepOwnOption = Annotated[
    bool,
    typer.Option(
        "--keep-own",
        help="Keep, per weekly requirement, the exercise you log most that serves it "
        "(implies --from-history).",
    ),
]

FromHistoryOption = Annotated[
    bool,
    typer.Option(
        "--from-history",
        help="Start each exercise's loads from your logged history (or a related lift).",
    ),
]

WeekOption = Annotated[
    str | None,
    typer.Option(
        "--week",
        help="Show only this week of the plan (the whole plan is still saved).",
        show_default=False,
        metavar="NUMBER",
    ),
]

CompactOption = Annotated[
    bool,
    typer.Option("--compact", help="One line per session: exercises, doses and effort only."),
]


def plan_command(
    ctx: typer.Context,
    days: DaysOption = None,
    minutes: MinutesOption = None,
    equipment: EquipmentOption = None,
    level: LevelOption = None,
    goal: GoalOption = None,
    back_pain: BackPainOption = None,
    weeks: WeeksOption = None,
    weekdays: WeekdaysOption = None,
    avoid: AvoidOption = None,
    as_json: JsonOption = False,
    ics: IcsOption = None,
    start: StartOption = None,
    save: SaveOption = False,
    strict: StrictOption = False,
    keep: KeepOption = None,
    keep_own: KeepOwnOption = False,
    from_history: FromHistoryOption = False,
    week: WeekOption = None,
    compact: CompactOption = False,
    db: DbOption = None,
) -> None:
    """Design a multi-week back plan that keeps every principle (CP-SAT solver).

    Example: strongback plan --days 3 --minutes 45 --equipment dumbbells,bench,pull-up-bar
    --level beginner --goal hypertrophy
    """
    from strongback.services.planning import build_plan

    given = _Given(days, minutes, equipment, level, goal, back_pain, weeks, weekdays, avoid)
    request = replace(
        given.request(_saved(ctx, db) if given.leaves_out_any() else None),
        keep=_listed(keep),
        from_history=from_history,
        keep_own=keep_own,
    )
    start_day = _start(start) if ics or start else None
    shown = None if week is None else _week_number(week)
    reads_history = bool(from_history or keep_own or request.keep)
    scope = scope_for(ctx, db) if reads_history else None
    plan = build_plan(app_for(ctx, db).catalog, request, scope)
    if shown is not None:
        weeks_of(plan, shown)  # a week the plan does not have is refused before anything is saved
    refused = strict and bool(plan.warnings)
    # The plan is saved first, then the calendar written, and both before anything is printed:
    # a reader that stops early (`| head`) cannot cut them off, and no calendar is left behind
    # for a plan that could not be saved.
    if not refused:
        plan = _save_and_write(ctx, db, plan, ics=ics, start_day=start_day, save=save)
    if as_json:
        data = plan.to_public()
        if shown is not None:
            data["weeks"] = [w.to_public() for w in weeks_of(plan, shown)]
        print_json(data)
    else:
        print_plan(plan, shown, compact)
    if refused:
        sys.stderr.write(
            f"error: {len(plan.warnings)} principle(s) cannot be met with this profile "
            "(--strict); nothing saved or written\n"
        )
        raise typer.Exit(STRICT_EXIT)


def _listed(text: str | None) -> tuple[str, ...]:
    return tuple(part for part in (text or "").split(",") if part.strip())


def _saved(ctx: typer.Context, db: str | None) -> SavedAnswers | None:
    """The saved answers; None where no SQLite file exists yet (a plan that is not saved
    creates no database)."""
    from strongback.services.planning import saved_answers
    from strongback.storage.urls import sqlite_path

    path = sqlite_path(app_for(ctx, db).settings.url)
    if path is not None and not path.exists():
        return None
    return saved_answers(scope_for(ctx, db))


@dataclass(frozen=True)
class _Given:
    """The planner's answers as given on the command line (None: left out)."""

    days: str | None
    minutes: str | None
    equipment: str | None
    level: str | None
    goal: str | None
    back_pain: bool | None
    weeks: str | None
    weekdays: str | None
    avoid: str | None

    def leaves_out_any(self) -> bool:
        """Whether an answer the saved ones can give was left out."""
        return None in (self.days, self.minutes, self.equipment, self.level, self.goal,
                        self.back_pain, self.weeks, self.avoid)  # fmt: skip

    def request(self, saved: SavedAnswers | None) -> PlanRequest:
        """The request: each answer given, else the saved one, else the planner's default
        (days, minutes and equipment have none: InvalidInput saying how to give them)."""
        from strongback.domain.catalog import parse_slug
        from strongback.services.planning import PlanRequest

        last = saved.plan if saved is not None else None
        # Without a saved plan, the planner's own defaults (days and minutes have none).
        base = last or PlanRequest(days=0, minutes=0, equipment=frozenset())
        days = _whole(self.days, "days", last.days if last else None)
        # The saved weekdays are those of the saved number of days.
        same_days = last is not None and days == last.days
        return PlanRequest(
            days=days,
            minutes=_whole(self.minutes, "minutes", last.minutes if last else None),
            equipment=_equipment(self.equipment, saved),
            level=parse_slug(Level, "level", self.level) if self.level else base.level,
            goal=parse_slug(Goal, "goal", self.goal) if self.goal else base.goal,
            back_pain=base.back_pain if self.back_pain is None else self.back_pain,
            weeks=_whole(self.weeks, "weeks", base.weeks),
            weekdays=_listed(self.weekdays) or (base.weekdays if same_days else ()),
            avoid=base.avoid if self.avoid is None else _listed(self.avoid),
        )


def _equipment(text: str | None, saved: SavedAnswers | None) -> frozenset[Equipment]:
    """The equipment given, else the saved profile's (or the current plan's)."""
    from strongback.domain.catalog import parse_equipment_list

    if text is not None:
        return parse_equipment_list(text)
    if saved is None or saved.equipment is None:
        raise InvalidInput(
            "{equipment} is required: comma-separated slugs, or 'none' (or save it once with "
            "`strongback profile set --equipment ...`)",
            field="equipment",
        )
    return saved.equipment


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
        print_audit(report)


def register(app: typer.Typer) -> None:
    """Add ``plan`` and ``audit`` to the root app."""
    app.command("plan")(plan_command)
    app.command("audit")(audit_command)


__all__ = ["audit_command", "plan_command", "register"]
