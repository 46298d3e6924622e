"""The printable report: the current plan, the last weeks' progress and the audit on pages of
one HTML document (charts inline as SVG), and its PDF through WeasyPrint."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from strongback.charts.bodymap import body_map_svg
from strongback.charts.plots import chart, to_bytes
from strongback.domain.analytics import Progress
from strongback.domain.planning.audit import AuditReport

CSS = """
@page { size: A4; margin: 14mm; @bottom-right { content: "page " counter(page); font-size: 8pt; } }
body { font-family: sans-serif; font-size: 9.5pt; color: #222; }
h1 { font-size: 16pt; margin: 0 0 4mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; }
section.page { break-after: page; } section.page:last-child { break-after: auto; }
table { border-collapse: collapse; width: 100%; margin-bottom: 3mm; }
th, td { border: 0.5pt solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } .failed { color: #b00020; font-weight: bold; }
figure { margin: 0 1% 3mm 0; display: inline-block; width: 48%; vertical-align: top; }
figure svg { width: 100%; height: auto; }

"""


def _table(head: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = ["<table><thead><tr>", *(f"<th>{escape(h)}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _svg_inline(svg: str) -> str:
    # The XML prolog and DOCTYPE are not allowed inside an HTML body.
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def _dose(item: Mapping[str, Any]) -> str:
    if "reps" in item:
        r = item["reps"]
        return f"{item['sets']} x {r['min']}-{r['max']}"
    if "reps_per_side" in item:
        r = item["reps_per_side"]
        return f"{item['sets']} x {r['min']}-{r['max']}/side"
    return f"{item['sets']} x {item.get('seconds')} s" + ("/side" if item.get("per_side") else "")


def plan_page(plan: Mapping[str, Any] | None) -> str:
    """The current plan: one table per week, or a line saying there is none."""
    out = ['<section class="page" id="plan"><h1>Current plan</h1>']
    if not plan:
        out.append("<p>No current plan: save one with <code>strongback plan --save</code>.</p>")
        return "".join(out) + "</section>"
    p = plan.get("profile", {})
    out.append(
        f"<p>{escape(str(p.get('days')))} day(s) x {escape(str(p.get('minutes')))} min, "
        f"{escape(str(p.get('level')))}, {escape(str(p.get('goal')))}</p>"
    )
    for week in plan.get("weeks", []):
        rows = [
            (s.get("title", ""), i.get("exercise", ""), _dose(i), i.get("tempo", ""),
             f"{i.get('rest_seconds', '')} s", i.get("target_rir", ""))
            for s in week.get("sessions", []) for i in s.get("items", [])
        ]  # fmt: skip
        title = f"Week {week.get('week')}" + (" (deload)" if week.get("deload") else "")
        out.append(f"<h2>{escape(title)}</h2>")
        out.append(_table(("session", "exercise", "sets x reps", "tempo", "rest", "RIR"), rows))
    return "".join(out) + "</section>"


def _week_rows(progress: Progress) -> list[tuple[object, ...]]:
    def n(x: float) -> str:
        return f"{x:.1f}".rstrip("0").rstrip(".")

    return [
        (
            w.start.isoformat(),
            f"{w.sessions}" + (f"/{w.planned_sessions}" if w.planned_sessions is not None else ""),
            n(w.vertical_pull_sets), n(w.horizontal_pull_sets), n(w.rear_delt_sets),
            n(w.lower_back_sets), f"{w.mobility_sessions} ({w.mobility_minutes:.0f} min)",
            f"{w.tonnage:.0f}", f"{w.time_under_tension_seconds / 60:.0f} min",
            "-" if w.pain_max is None else w.pain_max,
        )
        for w in progress.weeks
    ]  # fmt: skip


def progress_page(progress: Progress) -> str:
    """The last weeks in numbers and pictures."""
    unit = progress.unit.value
    c = progress.consistency
    planned = f" of {c.planned} planned" if c.planned is not None else ""
    out = [
        '<section class="page" id="progress"><h1>Progress</h1>',
        f"<p>{c.sessions} session(s){planned} in {c.weeks} week(s); trained {c.weeks_trained} "
        f"of {c.weeks} weeks; current streak {c.streak_weeks} week(s). Loads in {unit}.</p>",
        _table(
            ("week", "sessions", "vertical", "horizontal", "rear delt", "lower back",
             "mobility", f"tonnage ({unit})", "under tension", "pain max"),
            _week_rows(progress),
        ),
    ]  # fmt: skip
    for name in ("sets", "pulls", "e1rm", "pain"):
        svg = to_bytes(chart(progress, name), "svg").decode("utf-8")
        out.append(f'<figure id="figure-{name}">{_svg_inline(svg)}</figure>')
    for mode in ("sets", "recovery"):
        svg = _svg_inline(body_map_svg(progress, mode))
        out.append(f'<figure class="bodymap" id="body-map-{mode}">{svg}</figure>')
    return "".join(out) + "</section>"


def audit_page(audit: AuditReport) -> str:
    """The audit of the same weeks: each principle held or failed, with its evidence."""
    out = [
        '<section class="page" id="audit"><h1>Audit</h1>',
        f"<p>{escape(audit.level)}, {escape(audit.goal)}; loads in {audit.unit.value}.</p>",
    ]
    if audit.message:
        out.append(f"<p>{escape(audit.message)}</p>")
    for week in audit.weeks:
        out.append(f"<h2>Week of {week.start.isoformat()}</h2>")
        if not week.trained:
            out.append(f"<p>{escape(week.message or '')}</p>")
            continue
        rows = [
            (r.principle, "n/a" if not r.applicable else ("held" if r.held else "FAILED"),
             "; ".join(r.evidence[:4]), r.suggestion or "")
            for r in week.results
        ]  # fmt: skip
        out.append(_table(("principle", "result", "evidence", "suggestion"), rows))
    p = audit.progression
    out.append(f"<h2>Progression over the block</h2><p>{escape('; '.join(p.evidence[:6]))}</p>")
    return "".join(out) + "</section>"


def report_html(
    plan: Mapping[str, Any] | None, progress: Progress, audit: AuditReport, made_on: str
) -> str:
    """The whole report as one HTML document with a page per part."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Strongback report, {escape(made_on)}</title><style>{CSS}</style></head><body>"
        + plan_page(plan)
        + progress_page(progress)
        + audit_page(audit)
        + "</body></html>\n"
    )


def html_to_pdf(html: str) -> bytes:
    """The report's PDF through WeasyPrint (imported here: it is heavy)."""
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf()
    assert pdf is not None
    return bytes(pdf)


__all__ = ["audit_page", "html_to_pdf", "plan_page", "progress_page", "report_html"]
