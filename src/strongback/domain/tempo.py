"""Tempo in four-part notation and the timing constants of a session.

Notation is lower-pause-lift-squeeze (eccentric, stretched pause, concentric, top pause), in seconds
[POL]. The method's rule is a smooth lift, a 2 s squeeze, a slow lowering and a 2 s pause: 3-2-1-2.
An ``X`` (as fast as control allows) is timed as 1 s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from strongback.domain.errors import InvalidInput

_TEMPO = re.compile(r"^\s*([0-9xX])-([0-9xX])-([0-9xX])-([0-9xX])\s*$")
_COMPACT = re.compile(r"^\s*([0-9xX])([0-9xX])([0-9xX])([0-9xX])\s*$")


class Phase(StrEnum):
    """The four phases of one rep, in notation order."""

    LOWER = "lower"
    PAUSE = "pause"
    LIFT = "lift"
    SQUEEZE = "squeeze"


def _seconds(digit: str) -> int:
    return 1 if digit in "xX" else int(digit)


@dataclass(frozen=True, order=True)
class Tempo:
    """Seconds for each phase of a rep: lowering, bottom pause, lifting, top squeeze."""

    lower: int
    pause: int
    lift: int
    squeeze: int

    @classmethod
    def parse(cls, text: str) -> Tempo:
        """Read ``3-2-1-2`` (or ``3212``, ``30X0``); raise InvalidInput naming the bad text."""
        match = _TEMPO.match(text) or _COMPACT.match(text)
        if match is None:
            raise InvalidInput(
                f"tempo {text!r} is not four phases like 3-2-1-2 (lower-pause-lift-squeeze)"
            )
        lower, pause, lift, squeeze = (_seconds(g) for g in match.groups())
        return cls(lower, pause, lift, squeeze)

    @property
    def rep_seconds(self) -> int:
        """Seconds one rep takes at this tempo."""
        return self.lower + self.pause + self.lift + self.squeeze

    def phases(self) -> tuple[tuple[Phase, int], ...]:
        """The phases of one rep in the order a lifter meets them, lift first.

        A rep of a pull starts with the concentric [CRX], so the timeline is lift, squeeze, lower,
        pause; the notation keeps its classic order.
        """
        return (
            (Phase.LIFT, self.lift),
            (Phase.SQUEEZE, self.squeeze),
            (Phase.LOWER, self.lower),
            (Phase.PAUSE, self.pause),
        )

    def slower(self) -> Tempo:
        """One step harder: a longer lowering first (up to 5 s), then longer pauses (up to 3 s)."""
        if self.lower < 5:
            return Tempo(self.lower + 1, self.pause, self.lift, self.squeeze)
        if self.pause < 3:
            return Tempo(self.lower, self.pause + 1, self.lift, self.squeeze)
        if self.squeeze < 3:
            return Tempo(self.lower, self.pause, self.lift, self.squeeze + 1)
        return self

    def __str__(self) -> str:
        return f"{self.lower}-{self.pause}-{self.lift}-{self.squeeze}"


METHOD_TEMPO = Tempo(3, 2, 1, 2)
"""The tempo rule of the method: slow lowering, 2 s pause, smooth lift, 2 s squeeze."""

CONTROLLED_TEMPO = Tempo(2, 0, 1, 0)
"""A controlled default for unloaded drills and hinges without the squeeze pauses."""

# A working set of ~30-45 s and 1.5 min changeovers [TPC]; per-rep seconds come from the tempo.
# The timeline of strongback.domain.timeline turns these into events.
CHANGEOVER_SECONDS = 90
SETUP_SECONDS_PER_SET = 5
SECONDS_PER_SIDE_SWITCH = 5


# Warm-up ramps: the first compound of a session gets 2-3 ramp sets, later compounds 0-1, an
# isolation exercise one light set [SCF]. ⚙ A ramp set is light and short: 60 s with its transition.
WARM_UP_SET_SECONDS = 60


def warm_up_sets(*, compound: bool, loaded: bool, first_compound: bool = False) -> int:
    """Ramp sets before an exercise: 2 for the session's first compound, 1 for a later compound
    or a loaded isolation exercise, none for unloaded drills [SCF]."""
    if compound:
        return 2 if first_compound else 1
    return 1 if loaded else 0


@dataclass(frozen=True)
class TimedItem:
    """What the clock needs to know about one exercise of a session (the tempo engine of
    :mod:`strongback.domain.timeline` lays it out)."""

    tempo: Tempo
    sets: int
    rest_seconds: int
    reps: int | None = None
    seconds: int | None = None
    per_side: bool = False
    warm_up_sets: int = 0
    lower_first: bool = False  # squats and hinges start standing: the rep lowers first


def minutes_for(seconds: int) -> int:
    """Whole minutes shown for a duration, rounded up so an estimate never under-promises."""
    return -(-seconds // 60)


__all__ = [
    "CHANGEOVER_SECONDS",
    "CONTROLLED_TEMPO",
    "METHOD_TEMPO",
    "SECONDS_PER_SIDE_SWITCH",
    "SETUP_SECONDS_PER_SET",
    "WARM_UP_SET_SECONDS",
    "Phase",
    "Tempo",
    "TimedItem",
    "minutes_for",
    "warm_up_sets",
]
