"""``strongback progress`` and ``strongback report``: the numbers, the pictures and the printable
report. Storage, matplotlib and WeasyPrint are imported inside the commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from strongback.cli.common import DbOption, JsonOption, parse_int, print_json
from strongback.cli.context import scope_for
from strongback.cli.tables import Column, emit, paragraph, table_or_records
from strongback.domain.errors import InvalidInput

if TYPE_CHECKING:
    from rich.console import RenderableType

    from strongback.domain.analytics import Progress


def _weeks(text: str | None, default: int) -> int:
    from strongback.domain.analytics import MAX_WEEKS

    if text is None or not text.strip():
        return default
    return parse_int(text, "weeks", low=1, high=MAX_WEEKS)


def _target(text: str, option: str) -> Path:
    path = Path(text).expanduser()
    if path.is_dir():
        raise InvalidInput(f"{option} {text}: is a folder, not a file", literal=True)
    if not path.parent.is_dir():
        raise InvalidInput(f"{option} {text}: folder {path.parent} does not exist", literal=True)
    return path


def _write_atomic(path: Path, data: bytes) -> None:
    # A reader never sees half a file, and a failure leaves the target as it was.
    from strongback.interchange.files import write_atomically

    write_atomically(path, data)


def _n(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _weeks_table(p: Progress) -> list[RenderableType | str]:
    unit = p.unit.value
    headers = ("week", "sessions", "vertical pulls", "horizontal pulls", "rear delt",
               "lower back", "mobility", f"tonnage ({unit})", "under tension",
               "pain max")  # fmt: skip
    columns = [Column(headers[0], no_wrap=True), *(Column(h) for h in headers[1:])]
    rows = []
    for w in p.weeks:
        planned = "" if w.planned_sessions is None else f" of {w.planned_sessions}"
        rows.append([
            w.start.isoformat(), f"{w.sessions}{planned}", _n(w.vertical_pull_sets),
            _n(w.horizontal_pull_sets), _n(w.rear_delt_sets), _n(w.lower_back_sets),
            f"{w.mobility_sessions} ({w.mobility_minutes:.0f} min)", f"{w.tonnage:.0f}",
            f"{w.time_under_tension_seconds / 60:.0f} min",
            "-" if w.pain_max is None else str(w.pain_max),
        ])  # fmt: skip
    return table_or_records(columns, rows, title="Week by week")


def _sets_table(p: Progress) -> list[RenderableType | str]:
    columns = [Column("muscle", no_wrap=True), Column("band", no_wrap=True)]
    columns += [Column(w.start.strftime("%m-%d"), no_wrap=True, justify="right") for w in p.weeks]
    rows = []
    for m in dict.fromkeys(m for w in p.weeks for m in w.sets_per_muscle):
        band = p.bands.get(m)
        cells = []
        for w in p.weeks:
            v = w.sets_per_muscle.get(m, 0.0)
            mark = {"below": " -", "above": " +"}.get(band.judge(v), "") if band else ""
            cells.append(_n(v) + mark)
        rows.append([m.value, f"{_n(band.low)}-{_n(band.high)}" if band else "", *cells])
    return table_or_records(columns, rows, title="Hard sets per muscle (primary 1, secondary 0.5)")


def _print_weeks(p: Progress) -> list[RenderableType | str]:
    out = [*_weeks_table(p), *_sets_table(p)]
    spread = p.rep_spread
    total = sum(spread.values())
    if total:
        shares = ", ".join(
            f"{k} reps {v} set{'' if v == 1 else 's'} ({v / total:.0%})" for k, v in spread.items()
        )
        out.append(paragraph(f"rep ranges: {shares}"))
    return out


def _trends_table(p: Progress) -> list[RenderableType | str]:
    columns = [Column("exercise", no_wrap=True), Column("sessions"), Column("first"),
               Column("last"), Column("best"), Column("records")]  # fmt: skip
    rows = []
    for t in p.exercises[:12]:
        best = max(t.e1rm, key=lambda x: x.value)
        records = ", ".join(f"{r.day.isoformat()} {_n(r.value)}" for r in t.records[-3:])
        rows.append([
            t.exercise, str(len(t.e1rm)), _n(t.e1rm[0].value), _n(t.e1rm[-1].value),
            f"{_n(best.value)} ({best.day.isoformat()})", records or "-",
        ])  # fmt: skip
    return table_or_records(columns, rows, title=f"Estimated max ({p.unit.value}) per exercise")


def _print_trends(p: Progress) -> list[RenderableType | str]:
    out = _trends_table(p) if p.exercises else []
    c = p.consistency
    planned = f" of {c.planned} planned" if c.planned is not None else ""
    out.append(
        paragraph(
            f"consistency: {c.sessions} session(s){planned}, {c.weeks_trained} of {c.weeks} "
            f"weeks trained, current streak {c.streak_weeks} week(s)"
        )
    )
    out.extend(
        paragraph(f"pain rose to {d.pain} on {d.day.isoformat()} after: {', '.join(d.exercises)}")
        for d in p.pain
        if d.rose
    )
    trained = [r for r in p.recovery if r.last_trained is not None]
    if trained:
        states = "; ".join(
            f"{r.muscle.value} {r.state.value} ({_n(r.last_sets)} sets "
            f"{(r.hours_since or 0):.0f} h ago)"
            for r in trained
        )
        out.append(paragraph(f"recovery: {states}"))
    out.extend(
        paragraph(
            f"{b.label}: latest {_n(b.latest.seconds)} s on {b.latest.day.isoformat()}, "
            f"best {_n(b.best or 0)} s, {len(b.points)} test(s)"
        )
        for b in p.benchmarks
        if b.latest is not None
    )
    return out


def _write_pictures(p: Progress, path: Path, fmt: str) -> list[Path]:
    from strongback.charts.bodymap import body_map_svg
    from strongback.charts.plots import dashboard, to_bytes

    written = [path]
    maps = {
        path.with_name(f"{path.stem}-body-map.svg"): body_map_svg(p, "sets"),
        path.with_name(f"{path.stem}-recovery-map.svg"): body_map_svg(p, "recovery"),
    }
    _write_atomic(path, to_bytes(dashboard(p), fmt))
    for where, svg in maps.items():
        _write_atomic(where, svg.encode("utf-8"))
        written.append(where)
    return written


def progress_command(
    ctx: typer.Context,
    weeks: Annotated[
        str | None, typer.Option("--weeks", help="Weeks to show (default 8).", show_default=False)
    ] = None,
    exercise: Annotated[
        str | None,
        typer.Option(
            "--exercise", "-e", help="Estimated max of this exercise only.", show_default=False
        ),
    ] = None,
    svg: Annotated[
        str | None,
        typer.Option(
            "--svg",
            help="Write the charts to FILE as SVG (and FILE-body-map.svg).",
            show_default=False,
        ),
    ] = None,
    png: Annotated[
        str | None,
        typer.Option(
            "--png",
            help="Write the charts to FILE as PNG (body maps stay SVG).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Your progress in numbers and pictures, loads in your profile's unit.

    Sets per muscle against the band, the pull balance, mobility, estimated maxes and records,
    tonnage, time under tension, consistency, pain, recovery and the back-health benchmarks.
    """
    if svg is not None and png is not None:
        raise InvalidInput("give --svg or --png, not both")
    n_weeks = _weeks(weeks, 8)
    option, fmt, target = ("--svg", "svg", svg) if svg is not None else ("--png", "png", png)
    path = _target(target, option) if target is not None else None
    from strongback.services.analytics import progress

    found = progress(scope_for(ctx, db), weeks=n_weeks, exercise=exercise)
    written = _write_pictures(found, path, fmt) if path is not None else []
    if as_json:
        print_json(found.to_public())
        return
    out: list[RenderableType | str] = []
    if not any(w.sessions for w in found.weeks) and not found.exercises:
        out.append(
            paragraph(
                "Nothing logged in these weeks: log a workout (strongback log add) or import "
                "one (strongback import strong FILE), then ask again."
            )
        )
    span = f"{found.weeks[0].start.isoformat()} to {found.weeks[-1].start.isoformat()}"
    out.append(paragraph(f"Progress, weeks of {span} (loads in {found.unit.value})"))
    out.extend([*_print_weeks(found), *_print_trends(found)])
    out.extend(paragraph(f"wrote {where}") for where in written)
    emit(out)


def report_command(
    ctx: typer.Context,
    pdf: Annotated[
        str | None, typer.Option("--pdf", help="Write the report as PDF.", show_default=False)
    ] = None,
    html: Annotated[
        str | None, typer.Option("--html", help="Write the report as HTML.", show_default=False)
    ] = None,
    weeks: Annotated[
        str | None,
        typer.Option(
            "--weeks", help="Weeks of progress and audit (default 4).", show_default=False
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """A printable report: the current plan, the last weeks' progress and the audit."""
    if (pdf is None) == (html is None):
        raise InvalidInput("give --pdf FILE or --html FILE")
    option, target = ("--pdf", pdf) if pdf is not None else ("--html", html)
    assert target is not None
    path = _target(target, option)
    n_weeks = _weeks(weeks, 4)
    from strongback.charts.report import html_to_pdf, report_html
    from strongback.services.analytics import report

    data = report(scope_for(ctx, db), weeks=n_weeks)
    plan = data.plan.to_public() if data.plan is not None else None
    page = report_html(plan, data.progress, data.audit, data.made_on.isoformat())
    body = html_to_pdf(page) if option == "--pdf" else page.encode("utf-8")
    _write_atomic(path, body)
    typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add ``progress`` and ``report`` to the root app."""
    app.command("progress")(progress_command)
    app.command("report")(report_command)


__all__ = ["progress_command", "register", "report_command"]
