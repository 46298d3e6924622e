"""A small plot drawn as plain SVG by the project: linear scales, axes with ticks, lines with
markers, stars, bars, shaded bands, a title and a legend. No library draws it, so writing the
charts as SVG costs neither matplotlib's import nor its renderer.

Colours are presentation attributes (no style attribute), text stays ``<text>`` (a screen reader
and a test read it) and each series is a ``<g>`` or shape with its own id.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")  # fmt: skip
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


def _n(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round tick values covering ``low``-``high``: steps of 1, 2, 2.5 or 5 times a power of
    ten, at most about ``most`` of them."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(1, most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    count = math.floor((high - first) / step + 1e-9) + 1
    return [round(first + k * step, 10) for k in range(count)]


@dataclass
class Panel:
    """One chart in a box of the document (``x``, ``y``, ``width``, ``height``), its plot
    area inside the margins, values mapped by ``xlim`` and ``ylim``."""

    gid: str
    x: float
    y: float
    width: float
    height: float
    xlim: tuple[float, float] = (0.0, 1.0)
    ylim: tuple[float, float] = (0.0, 1.0)
    left: float = 44.0
    right: float = 10.0
    top: float = 26.0
    bottom: float = 40.0
    parts: list[str] = field(default_factory=list)
    legend_items: list[tuple[str, str, str]] = field(default_factory=list)

    def sx(self, v: float) -> float:
        """The horizontal position of a value, inside the box."""
        lo, hi = self.xlim
        span = hi - lo or 1.0
        return self.left + (v - lo) / span * (self.width - self.left - self.right)

    def sy(self, v: float) -> float:
        """The vertical position of a value, inside the box."""
        lo, hi = self.ylim
        span = hi - lo or 1.0
        return self.height - self.bottom - (v - lo) / span * (self.height - self.top - self.bottom)

    def line(self, xs: Sequence[float], ys: Sequence[float], colour: str, gid: str) -> None:
        """A line through the points, each marked by a dot."""
        pts = " ".join(f"{self.sx(x):.1f},{self.sy(y):.1f}" for x, y in zip(xs, ys, strict=True))
        dots = "".join(
            f'<circle cx="{self.sx(x):.1f}" cy="{self.sy(y):.1f}" r="2"/>'
            for x, y in zip(xs, ys, strict=True)
        )
        self.parts.append(
            f'<g id="{escape(gid)}" fill="{colour}" stroke="{colour}">'
            f'<polyline points="{pts}" fill="none" stroke-width="1.5"/>{dots}</g>'
        )

    def dots(self, xs: Sequence[float], ys: Sequence[float], colour: str, gid: str) -> None:
        """Larger dots at the points."""
        marks = "".join(
            f'<circle cx="{self.sx(x):.1f}" cy="{self.sy(y):.1f}" r="4"/>'
            for x, y in zip(xs, ys, strict=True)
        )
        self.parts.append(f'<g id="{escape(gid)}" fill="{colour}">{marks}</g>')

    def stars(self, xs: Sequence[float], ys: Sequence[float], colour: str, gid: str) -> None:
        """A five-pointed star at each point, outlined in black."""
        marks = "".join(_star(self.sx(x), self.sy(y)) for x, y in zip(xs, ys, strict=True))
        self.parts.append(
            f'<g id="{escape(gid)}" fill="{colour}" stroke="#000" stroke-width="0.5">{marks}</g>'
        )

    def bar(self, x: float, width: float, height: float, colour: str, gid: str) -> None:
        """A bar from 0 to ``height`` centred on ``x``, ``width`` in x units."""
        left, right = self.sx(x - width / 2), self.sx(x + width / 2)
        top, base = self.sy(height), self.sy(0.0)
        self.parts.append(
            f'<rect id="{escape(gid)}" x="{left:.1f}" y="{top:.1f}" width="{right - left:.1f}" '
            f'height="{max(0.0, base - top):.1f}" fill="{colour}"/>'
        )

    def band(self, low: float, high: float, colour: str, gid: str) -> None:
        """A shaded band across the plot between two values."""
        top, base = self.sy(high), self.sy(low)
        self.parts.append(
            f'<rect id="{escape(gid)}" x="{self.left:.1f}" y="{top:.1f}" '
            f'width="{self.width - self.left - self.right:.1f}" height="{base - top:.1f}" '
            f'fill="{colour}" fill-opacity="0.08"/>'
        )

    def text(self, message: str) -> None:
        """A message in the middle of the plot (nothing to draw)."""
        cx = (self.left + self.width - self.right) / 2
        cy = (self.top + self.height - self.bottom) / 2
        self.parts.append(f'<text x="{cx:.1f}" y="{cy:.1f}" text-anchor="middle">'
                          f"{escape(message)}</text>")  # fmt: skip

    def legend(self, label: str, colour: str, kind: str = "line") -> None:
        """An entry of the legend: ``line``, ``bar`` or ``star``."""
        self.legend_items.append((label, colour, kind))

    def render(
        self, title: str, xticks: Sequence[tuple[float, str]], ylabel: str = "", columns: int = 2
    ) -> str:
        """The panel as an SVG group: axes, ticks, the series, the title and the legend."""
        x0, x1 = self.left, self.width - self.right
        y0, y1 = self.top, self.height - self.bottom
        out = [f'<g id="{escape(self.gid)}" transform="translate({self.x:.1f},{self.y:.1f})">']
        out.append(f'<text x="{(x0 + x1) / 2:.1f}" y="14" text-anchor="middle" font-size="11">'
                   f"{escape(title)}</text>")  # fmt: skip
        for v in nice_ticks(*self.ylim):
            y = self.sy(v)
            out.append(f'<line x1="{x0:.1f}" x2="{x1:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
                       f'stroke="#eee"/><text x="{x0 - 4:.1f}" y="{y + 3:.1f}" '
                       f'text-anchor="end">{_n(v)}</text>')  # fmt: skip
        for v, label in xticks:
            x = self.sx(v)
            out.append(f'<text x="{x:.1f}" y="{y1 + 12:.1f}" text-anchor="middle" '
                       f'font-size="8">{escape(label)}</text>')  # fmt: skip
        out.append(f'<path d="M{x0:.1f},{y0:.1f} V{y1:.1f} H{x1:.1f}" fill="none" '
                   'stroke="#333"/>')  # fmt: skip
        if ylabel:
            mid = (y0 + y1) / 2
            out.append(f'<text x="10" y="{mid:.1f}" text-anchor="middle" '
                       f'transform="rotate(-90 10 {mid:.1f})">{escape(ylabel)}</text>')  # fmt: skip
        out.extend(self.parts)
        out.append(self._legend(y1 + 22, columns))
        out.append("</g>")
        return "".join(out)

    def _legend(self, top: float, columns: int) -> str:
        if not self.legend_items:
            return ""
        width = (self.width - self.left - self.right) / columns
        out = ['<g class="legend">']
        for k, (label, colour, kind) in enumerate(self.legend_items):
            x = self.left + (k % columns) * width
            y = top + (k // columns) * 12
            if kind == "star":
                swatch = (
                    f'<g fill="{colour}" stroke="#000" stroke-width="0.5">{_star(x + 7, y - 3)}</g>'
                )
            elif kind == "bar":
                swatch = (
                    f'<rect x="{x:.1f}" y="{y - 7:.1f}" width="12" height="8" fill="{colour}"/>'
                )
            else:
                swatch = (f'<line x1="{x:.1f}" x2="{x + 14:.1f}" y1="{y - 3:.1f}" y2="{y - 3:.1f}" '
                          f'stroke="{colour}" stroke-width="2"/>')  # fmt: skip
            out.append(f'{swatch}<text x="{x + 18:.1f}" y="{y:.1f}">{escape(label)}</text>')
        out.append("</g>")
        return "".join(out)

    def legend_rows(self, columns: int) -> int:
        """How many rows the legend takes."""
        return -(-len(self.legend_items) // columns)


def _star(cx: float, cy: float, r: float = 6.0) -> str:
    pts = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.45
        angle = math.pi / 2 + k * math.pi / 5
        pts.append(f"{cx + radius * math.cos(angle):.1f},{cy - radius * math.sin(angle):.1f}")
    return f'<polygon points="{" ".join(pts)}"/>'


def document(width: float, height: float, title: str, body: Sequence[str]) -> str:
    """An SVG document of this size holding the panels, with a title."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" role="img" {FONT} font-size="9" fill="#222">'
        f"<title>{escape(title)}</title>"
        f'<rect width="{width:g}" height="{height:g}" fill="#fff"/>{"".join(body)}</svg>'
    )


__all__ = ["PALETTE", "Panel", "document", "nice_ticks"]
