"""The progress charts as the project's own SVG (see :mod:`strongback.charts.svgplot`): the
estimated max per exercise with records starred, weekly sets per muscle against the band, the
pull balance and the pain trend, one by one (the web page) or four in one (``strongback progress
--svg``). The series carry the same ids as the matplotlib charts (:mod:`plots`), which draw the
PNG pictures.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html import escape

from strongback.charts.svgplot import PALETTE, Panel, document, nice_ticks
from strongback.domain.analytics import Progress

GREY, RED = "#9e9e9e", "#d62728"
Ticks = list[tuple[float, str]]
Drawn = tuple[str, Ticks, str]
"""What drawing a chart into its panel gives back: its title, the x ticks and the y label."""
TOP_EXERCISES = 3
MAX_TICKS = 12
DATE_TICKS = 5


def _week_ticks(progress: Progress) -> Ticks:
    # A year of weeks would print 52 labels on top of each other: every k-th week is labelled.
    labels = [w.start.strftime("%d %b") for w in progress.weeks]
    step = max(1, -(-len(labels) // MAX_TICKS))
    return [(float(i), labels[i]) for i in range(0, len(labels), step)]


def _day_ticks(first: date, last: date) -> Ticks:
    span = max(1, (last - first).days)
    step = max(1, -(-span // (DATE_TICKS - 1)))
    days = [first + timedelta(days=k) for k in range(0, span + 1, step)]
    return [(float(d.toordinal()), d.strftime("%d %b")) for d in days]


def _day_limits(days: list[date]) -> tuple[float, float]:
    first, last = min(days).toordinal(), max(days).toordinal()
    pad = max(1.0, (last - first) * 0.05)
    return first - pad, last + pad


def _value_limits(values: list[float], floor: float | None = None) -> tuple[float, float]:
    low, high = min(values, default=0.0), max(values, default=1.0)
    pad = max(1.0, (high - low) * 0.08)
    low = floor if floor is not None else low - pad
    ticks = nice_ticks(low, high + pad)
    return low, max(ticks[-1], high + pad)


def draw_e1rm(panel: Panel, progress: Progress) -> Drawn:
    """Estimated max per session of the most trained exercises, records as stars."""
    unit = progress.unit.value
    shown = progress.exercises[:TOP_EXERCISES]
    title = f"Estimated max ({unit}), records starred"
    if not shown:
        panel.text("no loaded sets in these weeks")
        return title, [], unit
    days = [p.day for t in shown for p in t.e1rm]
    panel.xlim = _day_limits(days)
    panel.ylim = _value_limits([p.value for t in shown for p in t.e1rm])
    for k, trend in enumerate(shown):
        colour = PALETTE[k % len(PALETTE)]
        xs = [float(p.day.toordinal()) for p in trend.e1rm]
        panel.line(xs, [p.value for p in trend.e1rm], colour, f"e1rm-{trend.exercise}")
        panel.legend(trend.exercise, colour)
        if trend.records:
            days_of = [float(p.day.toordinal()) for p in trend.records]
            values = [p.value for p in trend.records]
            panel.stars(days_of, values, colour, f"records-{trend.exercise}")
    if any(t.records for t in shown):
        panel.legend("record", "#fff", "star")
    return title, _day_ticks(min(days), max(days)), unit


def draw_sets(panel: Panel, progress: Progress) -> Drawn:
    """This window's weekly hard sets per banded muscle, each line against its band."""
    bands = list(progress.bands.items())
    values = [w.sets_per_muscle.get(m, 0.0) for m, _ in bands for w in progress.weeks]
    panel.xlim = (-0.5, max(0.5, len(progress.weeks) - 0.5))
    panel.ylim = _value_limits([*values, *(b.high for _, b in bands)], floor=0.0)
    xs = [float(i) for i in range(len(progress.weeks))]
    for k, (muscle, band) in enumerate(bands):
        colour = PALETTE[k % len(PALETTE)]
        if k == 0 or band != bands[k - 1][1]:
            panel.band(band.low, band.high, colour, f"band-{muscle.value}")
        ys = [w.sets_per_muscle.get(muscle, 0.0) for w in progress.weeks]
        panel.line(xs, ys, colour, f"sets-{muscle.value}")
        panel.legend(muscle.value, colour)
    return "Weekly hard sets per muscle (shaded: band)", _week_ticks(progress), "sets"


PULL_SERIES: tuple[tuple[str, str, Callable[..., float]], ...] = (
    ("vertical-pull", "vertical pulls", lambda w: w.vertical_pull_sets),
    ("horizontal-pull", "horizontal pulls", lambda w: w.horizontal_pull_sets),
    ("rear-delt", "rear delts", lambda w: w.rear_delt_sets),
    ("lower-back", "lower back", lambda w: w.lower_back_sets),
)


def draw_pulls(panel: Panel, progress: Progress) -> Drawn:
    """Vertical and horizontal pulls, rear-delt and lower-back sets per week."""
    top = max((get(w) for _, _, get in PULL_SERIES for w in progress.weeks), default=0.0)
    panel.xlim = (-0.5, max(0.5, len(progress.weeks) - 0.5))
    panel.ylim = _value_limits([max(1.0, top)], floor=0.0)
    width = 0.2
    for k, (gid, label, get) in enumerate(PULL_SERIES):
        colour = PALETTE[k]
        for i, w in enumerate(progress.weeks):
            panel.bar(i + (k - 1.5) * width, width, get(w), colour, f"pulls-{gid}-{i}")
        panel.legend(label, colour, "bar")
    return "Pull balance: sets per week", _week_ticks(progress), "sets"


def draw_pain(panel: Panel, progress: Progress) -> Drawn:
    """Pain ratings by day, days where it rose in red."""
    title = "Pain (0-10), rises in red"
    panel.ylim = (0.0, 10.0)
    if not progress.pain:
        panel.text("no pain logged in these weeks")
        return title, [], ""
    days = [d.day for d in progress.pain]
    panel.xlim = _day_limits(days)
    panel.line([float(d.toordinal()) for d in days], [d.pain for d in progress.pain], GREY, "pain")
    rose = [d for d in progress.pain if d.rose]
    if rose:
        panel.dots([float(d.day.toordinal()) for d in rose], [d.pain for d in rose], RED,
                   "pain-rose")  # fmt: skip
        panel.legend("pain rose", RED, "bar")
    return title, _day_ticks(min(days), max(days)), ""


CHARTS: dict[str, tuple[str, Callable[[Panel, Progress], Drawn]]] = {
    "e1rm": ("Estimated max per exercise", draw_e1rm),
    "sets": ("Weekly sets per muscle against the band", draw_sets),
    "pulls": ("Pull balance", draw_pulls),
    "pain": ("Pain trend", draw_pain),
}


def _panel(progress: Progress, name: str, box: tuple[float, float, float, float],
           columns: int) -> str:  # fmt: skip
    draw = CHARTS[name][1]
    # The legend goes under the plot: a first pass counts its rows, the second draws.
    probe = Panel(f"chart-{name}", *box)
    draw(probe, progress)
    panel = Panel(f"chart-{name}", *box, bottom=30 + 12 * probe.legend_rows(columns))
    title, ticks, ylabel = draw(panel, progress)
    return panel.render(title, ticks, ylabel, columns)


def chart_svg(progress: Progress, name: str, *, narrow: bool = False) -> str:
    """One of the charts (``e1rm``, ``sets``, ``pulls``, ``pain``) as an SVG document;
    ``narrow`` draws it for a phone's width (a web page), the legend in two columns."""
    width, height, columns = (302, 259, 2) if narrow else (468, 245, 4)
    body = _panel(progress, name, (0, 0, width, height), columns)
    return document(width, height, CHARTS[name][0], [body])


def dashboard_svg(progress: Progress) -> str:
    """The four charts in one SVG document, two by two, under a title."""
    width, height, head = 792, 540, 30
    cell_w, cell_h = width / 2, (height - head) / 2
    title = f"Strongback progress, weeks of {_span(progress)}"
    body = [f'<text x="{width / 2:g}" y="20" text-anchor="middle" font-size="13">'
            f"{escape(title)}</text>"]  # fmt: skip
    for k, name in enumerate(CHARTS):
        box = ((k % 2) * cell_w, head + (k // 2) * cell_h, cell_w, cell_h)
        body.append(_panel(progress, name, box, 3))
    return document(width, height, title, body)


def _span(progress: Progress) -> str:
    if not progress.weeks:
        return "-"
    return f"{progress.weeks[0].start.isoformat()} to {progress.weeks[-1].start.isoformat()}"


__all__ = ["CHARTS", "chart_svg", "dashboard_svg"]
