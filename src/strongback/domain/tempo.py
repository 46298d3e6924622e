"""Tempo in four-part notation and the time a set takes.

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
CHANGEOVER_SECONDS = 90
SETUP_SECONDS_PER_SET = 5
SECONDS_PER_SIDE_SWITCH = 5


def set_seconds(
    tempo: Tempo,
    *,
    reps: int | None = None,
    seconds: int | None = None,
    per_side: bool = False,
) -> int:
    """Seconds one set takes: reps at the tempo (or a timed hold), both sides when per side."""
    if seconds is not None:
        work = seconds
    elif reps is not None:
        work = reps * tempo.rep_seconds
    else:
        raise InvalidInput("a set needs reps or seconds")
    if per_side:
        work = 2 * work + SECONDS_PER_SIDE_SWITCH
    return work + SETUP_SECONDS_PER_SET


def exercise_seconds(
    tempo: Tempo,
    *,
    sets: int,
    rest_seconds: int,
    reps: int | None = None,
    seconds: int | None = None,
    per_side: bool = False,
    changeover: bool = True,
) -> int:
    """Seconds an exercise takes in a session: T = sets x set time + (sets - 1) x rest + changeover.

    The formula is the session-time model of [TPC].
    """
    one = set_seconds(tempo, reps=reps, seconds=seconds, per_side=per_side)
    total = sets * one + max(sets - 1, 0) * rest_seconds
    return total + (CHANGEOVER_SECONDS if changeover else 0)


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
    """What the clock needs to know about one exercise of a session."""

    tempo: Tempo
    sets: int
    rest_seconds: int
    reps: int | None = None
    seconds: int | None = None
    per_side: bool = False
    warm_up_sets: int = 0


def item_seconds(item: TimedItem) -> int:
    """Seconds one exercise takes: its ramp sets, working sets, rests and the changeover [TPC]."""
    work = exercise_seconds(
        item.tempo,
        sets=item.sets,
        rest_seconds=item.rest_seconds,
        reps=item.reps,
        seconds=item.seconds,
        per_side=item.per_side,
    )
    return work + item.warm_up_sets * WARM_UP_SET_SECONDS


def session_seconds(items: list[TimedItem] | tuple[TimedItem, ...]) -> int:
    """T = warm-up + sum of [sets x set time + (sets - 1) x rest + changeover] [TPC]."""
    return sum(item_seconds(i) for i in items)


def minutes_for(seconds: int) -> int:
    """Whole minutes shown for a duration, rounded up so an estimate never under-promises."""
    return -(-seconds // 60)


__all__ = [
    "CHANGEOVER_SECONDS",
    "CONTROLLED_TEMPO",
    "METHOD_TEMPO",
    "WARM_UP_SET_SECONDS",
    "Phase",
    "Tempo",
    "TimedItem",
    "exercise_seconds",
    "item_seconds",
    "minutes_for",
    "session_seconds",
    "set_seconds",
    "warm_up_sets",
]
