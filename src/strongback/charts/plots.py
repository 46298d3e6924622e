"""Charts of the progress numbers with matplotlib (Agg backend, imported only when drawing):
estimated max per exercise with records marked, weekly sets per muscle against the band, the pull
balance over time and the pain trend.

Each series carries an SVG id (``gid``) and text stays text, so the SVG can be read by a screen
reader and checked by a test.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strongback.domain.analytics import Progress

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

BLUE, ORANGE, GREEN, RED, GREY = "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9e9e9e"
TOP_EXERCISES = 3


def _setup() -> None:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",  # text as <text>, readable and searchable
            "svg.hashsalt": "strongback",  # stable ids from run to run
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )


def _day_axis(ax: Axes) -> None:
    from matplotlib.dates import DateFormatter

    ax.xaxis.set_major_formatter(DateFormatter("%d %b"))  # type: ignore[no-untyped-call]
    ax.tick_params(axis="x", labelrotation=30, labelsize=7)


MAX_TICKS = 12


def _week_ticks(ax: Axes, labels: list[str]) -> None:
    # A year of weeks would print 52 labels on top of each other: every k-th week is labelled.
    step = max(1, -(-len(labels) // MAX_TICKS))
    ticks = list(range(0, len(labels), step))
    ax.set_xticks(ticks, [labels[i] for i in ticks], rotation=30, fontsize=7)


def _week_labels(progress: Progress) -> list[str]:
    return [w.start.strftime("%d %b") for w in progress.weeks]


def draw_e1rm(ax: Axes, progress: Progress) -> None:
    """Estimated max per session of the most trained exercises, records as stars."""
    unit = progress.unit.value
    shown = progress.exercises[:TOP_EXERCISES]
    for trend in shown:
        xs: Any = [p.day for p in trend.e1rm]  # matplotlib takes dates, its stubs say floats
        ys = [p.value for p in trend.e1rm]
        (line,) = ax.plot(xs, ys, marker="o", markersize=3, label=trend.exercise)
        line.set_gid(f"e1rm-{trend.exercise}")
        if trend.records:
            days: Any = [p.day for p in trend.records]
            marks = ax.scatter(
                days,
                [p.value for p in trend.records],
                marker="*",
                s=90,
                color=line.get_color(),
                edgecolors="black",
                linewidths=0.5,
                zorder=3,
                label=f"{trend.exercise} record",
            )
            marks.set_gid(f"records-{trend.exercise}")
    ax.set_title(f"Estimated max ({unit}), records starred")
    ax.set_ylabel(unit)
    if shown:
        ax.legend(fontsize=7, loc="best")
        _day_axis(ax)
    else:
        ax.text(0.5, 0.5, "no loaded sets in these weeks", ha="center", transform=ax.transAxes)


def draw_sets(ax: Axes, progress: Progress) -> None:
    """This window's weekly hard sets per banded muscle, each line against its band."""
    labels = _week_labels(progress)
    xs = list(range(len(labels)))
    for k, (muscle, band) in enumerate(progress.bands.items()):
        ys = [w.sets_per_muscle.get(muscle, 0.0) for w in progress.weeks]
        (line,) = ax.plot(xs, ys, marker="o", markersize=3, label=muscle.value)
        line.set_gid(f"sets-{muscle.value}")
        if k == 0 or band != list(progress.bands.values())[k - 1]:
            span = ax.axhspan(band.low, band.high, color=line.get_color(), alpha=0.08)
            span.set_gid(f"band-{muscle.value}")
    ax.set_title("Weekly hard sets per muscle (shaded: band)")
    _week_ticks(ax, labels)
    ax.set_ylabel("sets")
    ax.legend(fontsize=7, loc="best")


def draw_pulls(ax: Axes, progress: Progress) -> None:
    """Vertical and horizontal pulls, rear-delt and lower-back sets per week."""
    labels = _week_labels(progress)
    xs = list(range(len(labels)))
    series = (
        ("vertical-pull", "vertical pulls", [w.vertical_pull_sets for w in progress.weeks]),
        ("horizontal-pull", "horizontal pulls", [w.horizontal_pull_sets for w in progress.weeks]),
        ("rear-delt", "rear delts", [w.rear_delt_sets for w in progress.weeks]),
        ("lower-back", "lower back", [w.lower_back_sets for w in progress.weeks]),
    )
    width = 0.2
    for k, (gid, label, ys) in enumerate(series):
        bars = ax.bar([x + (k - 1.5) * width for x in xs], ys, width=width, label=label)
        for i, rect in enumerate(bars):
            rect.set_gid(f"pulls-{gid}-{i}")
    top = max((max(ys, default=0.0) for _, _, ys in series), default=0.0)
    ax.set_ylim(0, max(1.0, top) * 1.45)  # room for the legend above the bars
    ax.set_title("Pull balance: sets per week")
    _week_ticks(ax, labels)
    ax.set_ylabel("sets")
    ax.legend(fontsize=7, loc="upper center", ncol=4)


def draw_pain(ax: Axes, progress: Progress) -> None:
    """Pain ratings by day, days where it rose in red."""
    if not progress.pain:
        ax.text(0.5, 0.5, "no pain logged in these weeks", ha="center", transform=ax.transAxes)
    else:
        days: Any = [d.day for d in progress.pain]
        (line,) = ax.plot(days, [d.pain for d in progress.pain], color=GREY, marker="o", ms=3)
        line.set_gid("pain")
        rose = [d for d in progress.pain if d.rose]
        if rose:
            rose_days: Any = [d.day for d in rose]
            marks = ax.scatter(rose_days, [d.pain for d in rose], color=RED, zorder=3)
            marks.set_gid("pain-rose")
        _day_axis(ax)
    ax.set_ylim(0, 10)
    ax.set_title("Pain (0-10), rises in red")


CHARTS: dict[str, tuple[str, Callable[[Any, Progress], None]]] = {
    "e1rm": ("Estimated max per exercise", draw_e1rm),
    "sets": ("Weekly sets per muscle against the band", draw_sets),
    "pulls": ("Pull balance", draw_pulls),
    "pain": ("Pain trend", draw_pain),
}


def dashboard(progress: Progress) -> Figure:
    """One figure with the four charts."""
    _setup()
    from matplotlib.figure import Figure

    # A fixed layout: the constrained one measures every text twice and doubles the drawing time.
    fig = Figure(figsize=(11, 7.5))
    axes = fig.subplots(2, 2)
    fig.subplots_adjust(left=0.06, right=0.98, bottom=0.09, top=0.9, wspace=0.18, hspace=0.42)
    for ax, (name, (_, draw)) in zip(axes.flat, CHARTS.items(), strict=True):
        draw(ax, progress)
        ax.set_gid(f"chart-{name}")
    fig.suptitle(f"Strongback progress, weeks of {_span(progress)}")
    return fig


def chart(progress: Progress, name: str, *, narrow: bool = False) -> Figure:
    """One of the charts (``e1rm``, ``sets``, ``pulls``, ``pain``) as its own figure.

    ``narrow`` draws it for a phone's width (a web page): a smaller figure, so its text is
    read at full size, with the legend under the plot instead of over the lines."""
    _setup()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4.2, 3.6) if narrow else (6.5, 3.4))
    ax = fig.subplots()
    CHARTS[name][1](ax, progress)
    ax.set_gid(f"chart-{name}")
    if not narrow:
        fig.subplots_adjust(left=0.1, right=0.98, bottom=0.2, top=0.88)
    elif ax.get_legend() is not None:
        ax.legend(fontsize=7.5, loc="upper center", bbox_to_anchor=(0.45, -0.22), ncol=2,
                  frameon=False)  # fmt: skip
        fig.subplots_adjust(left=0.15, right=0.97, bottom=0.36, top=0.9)
    else:
        fig.subplots_adjust(left=0.15, right=0.97, bottom=0.2, top=0.9)
    return fig


def _span(progress: Progress) -> str:
    if not progress.weeks:
        return "-"
    return f"{progress.weeks[0].start.isoformat()} to {progress.weeks[-1].start.isoformat()}"


def to_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as ``svg`` or ``png`` bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=110, metadata=_metadata(fmt))
    return buf.getvalue()


def _metadata(fmt: str) -> dict[str, Any]:
    # No creation date: the same numbers always give the same file.
    return {"Date": None} if fmt == "svg" else {}


def write_figure(fig: Figure, path: Path) -> None:
    """Write the figure to ``path`` in the format its suffix names (``.svg`` or ``.png``)."""
    fmt = path.suffix.lower().lstrip(".")
    path.write_bytes(to_bytes(fig, fmt))


__all__ = ["CHARTS", "chart", "dashboard", "to_bytes", "write_figure"]
