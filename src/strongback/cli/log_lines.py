"""The training log as lines of text that fit the terminal: one heading per workout (its day,
title and id), one line per set under it (the set's id, exercise and what was done), its notes
wrapped whole under the set.

Plain text, not a Rich table: five years of sets print in a fraction of a second.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator

from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType

_MARK = {SetType.WARM_UP: "warm-up", SetType.DROP: "drop", SetType.FAILURE: "failure"}


def _num(value: float) -> str:
    return f"{value:g}"


def performed(s: PerformedSet) -> str:
    """What one set was: ``40 kg x 12 @ RIR 2, pain 4``, ``30 s``, ``5000 m in 1500 s``."""
    parts = [_MARK[s.set_type]] if s.set_type in _MARK else []
    unit = f" {s.unit.value}" if s.unit is not None else ""
    load = f"{_num(s.weight)}{unit}" if s.weight is not None else ""
    if s.reps is not None:
        parts.append(f"{load} x {s.reps}" if load else f"{s.reps} reps")
    elif load:
        parts.append(load)
    if s.distance_m is not None:
        parts.append(f"{_num(s.distance_m)} m")
    if s.seconds is not None:
        parts.append(f"{'in ' if s.distance_m is not None else ''}{_num(s.seconds)} s")
    if s.rir is not None:
        parts.append(f"@ RIR {_num(s.rir)}")
    elif s.rpe is not None:
        parts.append(f"@ RPE {_num(s.rpe)}")
    if s.pain is not None:
        parts.append(f"pain {s.pain}")
    if s.tempo:
        parts.append(f"tempo {s.tempo}")
    return " ".join(parts)


def _wrapped(text: str, width: int, indent: str) -> list[str]:
    # Words are never cut (an exercise id stays whole even when it is wider than the line).
    return textwrap.wrap(
        text,
        width=max(width, len(indent) + 20),
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def workout_lines(workouts: Iterable[Workout], width: int) -> Iterator[str]:
    """The lines of these workouts, oldest first, none wider than ``width`` unless one word is."""
    for w in workouts:
        heading = f"{w.day.isoformat()}  {w.title}  (workout {w.id})"
        yield from _wrapped(heading, width, "")
        id_width = max((len(str(s.id)) for s in w.sets), default=1)
        indent = " " * (id_width + 4)
        for s in w.sets:
            line = f"  {str(s.id).rjust(id_width)}  {s.exercise}  {performed(s)}"
            if len(line) <= width:
                yield line
            else:
                first, *rest = _wrapped(f"{s.exercise}  {performed(s)}", width, indent)
                yield f"  {str(s.id).rjust(id_width)}  {first.lstrip()}"
                yield from rest
            if s.notes:
                yield from _wrapped(f"note: {' '.join(s.notes.split())}", width, indent)


__all__ = ["performed", "workout_lines"]
