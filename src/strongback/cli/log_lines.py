"""The training log as lines of text that fit the terminal: one heading per workout (its day,
title and id), one line per set under it (the set's id, exercise and what was done), its notes
wrapped whole under the set.

Plain text, not a Rich table: five years of sets print in a fraction of a second.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator

from strongback.domain.training_log import Workout, what_was_done


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
            line = f"  {str(s.id).rjust(id_width)}  {s.exercise}  {what_was_done(s)}"
            if len(line) <= width:
                yield line
            else:
                first, *rest = _wrapped(f"{s.exercise}  {what_was_done(s)}", width, indent)
                yield f"  {str(s.id).rjust(id_width)}  {first.lstrip()}"
                yield from rest
            if s.notes:
                yield from _wrapped(f"note: {' '.join(s.notes.split())}", width, indent)


__all__ = ["workout_lines"]
