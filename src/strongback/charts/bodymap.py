"""A back-view body map drawn as plain SVG by the project, each muscle coloured by this week's
hard sets (against its band) or by its recovery, with a legend and text a screen reader reads.

No library draws it: the outlines below are the project's own, mirrored for the right side.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Literal

from strongback.domain.analytics import MuscleBand, Progress, RecoveryState
from strongback.domain.vocab import Muscle

Mode = Literal["sets", "recovery"]
WIDTH, HEIGHT, MID = 620, 480, 150

Shape = tuple[
    str, tuple[float, ...]
]  # ("poly", x1, y1, x2, y2, ...) or ("ellipse", cx, cy, rx, ry)

# The left side of the body as the viewer sees it; the right side is its mirror.
REGIONS: dict[Muscle, tuple[Shape, ...]] = {
    Muscle.NECK: (("poly", (140, 58, 160, 58, 162, 76, 138, 76)),),
    Muscle.TRAPS: (("poly", (150, 74, 104, 94, 150, 168)),),
    Muscle.REAR_DELTS: (("ellipse", (96, 104, 16, 13)),),
    Muscle.RHOMBOIDS: (("poly", (148, 104, 124, 112, 148, 146)),),
    Muscle.TRICEPS: (("poly", (84, 118, 72, 178, 88, 180, 98, 122)),),
    Muscle.FOREARMS: (("poly", (72, 184, 62, 246, 76, 248, 88, 186)),),
    Muscle.LATS: (("poly", (116, 122, 106, 150, 122, 208, 146, 222, 146, 172)),),
    Muscle.OBLIQUES: (("poly", (106, 158, 102, 220, 124, 242, 120, 212)),),
    Muscle.ERECTOR_SPINAE: (("poly", (139, 170, 147, 170, 147, 252, 137, 252)),),
    Muscle.GLUTES: (("ellipse", (128, 272, 22, 22)),),
    Muscle.HAMSTRINGS: (("poly", (108, 298, 146, 298, 140, 372, 114, 372)),),
    Muscle.CALVES: (("ellipse", (126, 410, 12, 30)),),
}
OUTLINE = (
    "M150,18 C168,18 176,32 174,48 C172,60 164,66 160,70 L196,88 C214,96 216,112 216,124 "
    "L230,180 L240,250 L222,252 L212,190 L200,150 L196,236 L204,300 L190,450 L164,450 "
    "L154,310 L146,310 L136,450 L110,450 L96,300 L104,236 L100,150 L88,190 L78,252 L60,250 "
    "L70,180 L84,124 C84,112 86,96 104,88 L140,70 C136,66 128,60 126,48 C124,32 132,18 150,18 Z"
)

SETS_COLOURS = (
    ("none", "#e6e6e6", "no hard sets"),
    ("below", "#9ecae1", "below the band (or under 4 sets)"),
    ("in", "#31a354", "in the band (or 4+ sets)"),
    ("above", "#fd8d3c", "above the band"),
)
RECOVERY_COLOURS = (
    ("untrained", "#e6e6e6", "no hard sets in two weeks"),
    ("fresh-load", "#de2d26", "recovering, under half way"),
    ("recovering", "#fdae6b", "recovering, past half way"),
    ("ready", "#31a354", "ready to train"),
)


def _sets_class(sets: float, band: MuscleBand | None) -> str:
    if sets <= 0:
        return "none"
    if band is None:
        return "in" if sets >= 4 else "below"
    return band.judge(sets)


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _describe_sets(progress: Progress) -> dict[Muscle, tuple[str, str]]:
    week = progress.this_week
    out = {}
    for m in REGIONS:
        sets = week.sets_per_muscle.get(m, 0.0) if week else 0.0
        band = progress.bands.get(m)
        cls = _sets_class(sets, band)
        text = f"{m.value}: {_num(sets)} sets"
        if band is not None:
            text += f", band {_num(band.low)}-{_num(band.high)}"
            text += {"in": ", in the band", "below": ", below", "above": ", above"}.get(cls, "")
        out[m] = (cls, text)
    return out


def _describe_recovery(progress: Progress) -> dict[Muscle, tuple[str, str]]:
    found = {r.muscle: r for r in progress.recovery}
    out = {}
    for m in REGIONS:
        r = found.get(m)
        if r is None or r.state is RecoveryState.UNTRAINED:
            out[m] = ("untrained", f"{m.value}: no hard sets in two weeks")
            continue
        hours = r.hours_since or 0.0
        text = f"{m.value}: {_num(r.last_sets)} sets {hours:.0f} h ago"
        if r.state is RecoveryState.READY:
            out[m] = ("ready", text + ", ready")
        else:
            cls = "fresh-load" if r.recovered < 0.5 else "recovering"
            out[m] = (cls, text + f", {r.recovered:.0%} recovered")
    return out


def _shape(shape: Shape, mirror: bool) -> str:
    kind, nums = shape
    if kind == "ellipse":
        cx, cy, rx, ry = nums
        cx = 2 * MID - cx if mirror else cx
        return f'<ellipse cx="{cx:g}" cy="{cy:g}" rx="{rx:g}" ry="{ry:g}"/>'
    pts = [
        f"{(2 * MID - x) if mirror else x:g},{y:g}"
        for x, y in zip(nums[::2], nums[1::2], strict=True)
    ]
    return f'<path d="M{" L".join(pts)} Z"/>'


def _legend(colours: Sequence[tuple[str, str, str]], y0: float) -> list[str]:
    out = ['<g id="legend" aria-label="legend">']
    for k, (_, colour, label) in enumerate(colours):
        y = y0 + k * 20
        out.append(
            f'<rect x="310" y="{y:g}" width="14" height="14" fill="{colour}" stroke="#555"/>'
            f'<text x="330" y="{y + 11:g}" font-size="11">{escape(label)}</text>'
        )
    out.append("</g>")
    return out


def _described(progress: Progress, mode: Mode) -> dict[Muscle, tuple[str, str]]:
    return _describe_sets(progress) if mode == "sets" else _describe_recovery(progress)


def legend(mode: Mode = "sets") -> tuple[tuple[str, str, str], ...]:
    """The map's colours: (class, colour, meaning) for each state."""
    return SETS_COLOURS if mode == "sets" else RECOVERY_COLOURS


def body_map_rows(progress: Progress, mode: Mode = "sets") -> list[tuple[Muscle, str, str]]:
    """Each muscle of the map with its colour and the words that say its number (the map's
    text alternative, for a page to show as text)."""
    fill = {cls: colour for cls, colour, _ in legend(mode)}
    return [(m, fill[cls], text) for m, (cls, text) in _described(progress, mode).items()]


def _titles(progress: Progress, mode: Mode) -> tuple[str, str]:
    if mode == "sets":
        week = progress.this_week
        subtitle = f"week of {week.start.isoformat()}" if week else "nothing logged"
        return "Hard sets this week", subtitle
    return "Recovery of each muscle", "time since each muscle's last hard sets"


def body_map_svg(
    progress: Progress, mode: Mode = "sets", *, labels: bool = True, ids: str = "bm"
) -> str:
    """The back-view body map as an SVG document: one ``<g id="muscle-SLUG">`` per muscle with a
    ``<title>``, a text list of the numbers and a legend.

    ``labels=False`` draws the body alone (a page shows the list and legend as text beside it);
    ``ids`` prefixes the ids a page holding two maps must keep apart."""
    described, colours = _described(progress, mode), legend(mode)
    title, subtitle = _titles(progress, mode)
    fill = {cls: colour for cls, colour, _ in colours}
    summary = "; ".join(text for _, text in described.values())
    width = WIDTH if labels else 2 * MID
    muscle_id = "muscle" if ids == "bm" else f"{ids}-muscle"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {HEIGHT}" '
        f'width="{width}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{ids}-title {ids}-desc" font-family="sans-serif">',
        f'<title id="{ids}-title">Body map, back view: {escape(title)}, {escape(subtitle)}</title>',
        f'<desc id="{ids}-desc">{escape(summary)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<path d="{OUTLINE}" fill="#f7f3ef" stroke="#888" stroke-width="1.5"/>',
    ]
    for m, shapes in REGIONS.items():
        cls, text = described[m]
        parts.append(
            f'<g id="{muscle_id}-{m.value}" class="{cls}" fill="{fill[cls]}" stroke="#555" '
            f'stroke-width="0.8" role="img" aria-label="{escape(text)}">'
            f"<title>{escape(text)}</title>"
        )
        for shape in shapes:
            parts.append(_shape(shape, mirror=False))
            parts.append(_shape(shape, mirror=True))
        parts.append("</g>")
    if labels:
        parts.extend(_label_column(title, subtitle, described, colours))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _label_column(
    title: str,
    subtitle: str,
    described: dict[Muscle, tuple[str, str]],
    colours: Sequence[tuple[str, str, str]],
) -> list[str]:
    parts = [
        f'<text x="310" y="22" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<text x="310" y="38" font-size="11">{escape(subtitle)}</text>',
        '<g id="labels">',
    ]
    for k, (_, text) in enumerate(described.values()):
        parts.append(f'<text x="310" y="{58 + k * 17}" font-size="11">{escape(text)}</text>')
    parts.append("</g>")
    parts.extend(_legend(colours, 58 + len(described) * 17 + 12))
    return parts


__all__ = ["REGIONS", "Mode", "body_map_rows", "body_map_svg", "legend"]
