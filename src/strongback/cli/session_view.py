"""What ``strongback session`` shows: the exercise with its cues and the mistake to avoid, the
phase of the rep counting down, the rest countdown, and the plates to load per side."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

if TYPE_CHECKING:
    from strongback.domain.exercise import Exercise
    from strongback.domain.guided import GuidedSession, SessionItem
    from strongback.domain.profile import UserProfile
    from strongback.domain.timeline import Event

PHASE_WORDS = {
    "ready": "GET READY",
    "lift": "LIFT",
    "squeeze": "SQUEEZE",
    "lower": "LOWER",
    "pause": "PAUSE",
    "hold": "HOLD",
    "switch": "SWITCH SIDES",
    "rest": "REST",
}


def countdown(seconds: float) -> str:
    """Whole seconds left, rounded up (a phase shows 3, 2, 1), as ``m:ss`` from a minute on."""
    left = max(0, math.ceil(seconds - 1e-9))
    return f"{left // 60}:{left % 60:02d}" if left >= 60 else str(left)


def dose_line(item: SessionItem) -> str:
    """``10 reps @ 16 kg, tempo 3-2-1-2, rest 90 s`` (per side where it is)."""
    t = item.timed
    what = f"{t.reps} reps" if t.reps is not None else f"{t.seconds} s"
    side = " per side" if t.per_side else ""
    load = ""
    if item.weight is not None:
        load = f" @ {item.weight:g} {item.unit.value if item.unit else ''}".rstrip()
    return f"{what}{side}{load}, tempo {t.tempo}, rest {t.rest_seconds} s"


def plate_line(item: SessionItem, exercise: Exercise, profile: UserProfile) -> str | None:
    """The plates on each side of the bar for barbell work at the item's load, else None."""
    from strongback.domain.progression.loads import Implement, implements_for, plate_loading

    if item.weight is None or implements_for(exercise, profile)[0] is not Implement.BARBELL:
        return None
    if item.unit is not None and item.unit is not profile.unit:
        # The profile's bar and plates are in its unit: a load in the other one uses a gym's.
        profile = profile.model_copy(update={"unit": item.unit, "plates": (), "bar_weight": None})
    found = plate_loading(item.weight, profile)
    unit = (item.unit or profile.unit).value
    if found is None:
        return f"{item.weight:g} {unit} cannot be loaded with pairs of plates"
    on_bar = f"on a {found.bar:g} {unit} bar"
    if not found.per_side:
        return f"Per side: nothing (the bar alone) {on_bar}"
    return f"Per side: {' + '.join(f'{p:g}' for p in found.per_side)} {unit} {on_bar}"


def exercise_panel(
    session: GuidedSession, exercise: Exercise, plates: str | None, body: RenderableType
) -> Panel:
    """The panel of the exercise in progress around what the clock shows now."""
    item = session.items[session.current]
    lines: list[RenderableType] = [
        Text(f"Set {session.set_number}/{item.timed.sets} · {dose_line(item)}", style="bold"),
    ]
    if plates:
        lines.append(Text(plates))
    for cue in exercise.cues[:2]:
        lines.append(Text(f"• {cue}"))
    if exercise.mistakes:
        lines.append(Text(f"Avoid: {exercise.mistakes[0].mistake}", style="yellow"))
    lines.append(Text(""))
    lines.append(body)
    title = f"{exercise.name} ({session.current + 1}/{len(session.items)})"
    return Panel(Group(*lines), title=title, subtitle=session.title)


def phase_text(event: Event, left: float, reps: int | None) -> Text:
    """The phase in progress in big words with its countdown: ``LOWER 2 · rep 3/10 · left``."""
    words = [f"{PHASE_WORDS[event.kind.value]} {countdown(left)}"]
    if event.rep is not None and reps is not None:
        words.append(f"rep {event.rep}/{reps}")
    if event.side is not None:
        words.append(event.side.value)
    return Text(" · ".join(words), style="bold cyan")


def rest_text(left: float, next_up: str) -> Text:
    """The rest countdown and what comes next."""
    return Text(f"REST {countdown(left)} · next: {next_up}", style="bold green")


__all__ = [
    "PHASE_WORDS",
    "countdown",
    "dose_line",
    "exercise_panel",
    "phase_text",
    "plate_line",
    "rest_text",
]
