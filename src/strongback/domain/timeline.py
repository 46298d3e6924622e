"""The tempo engine: the exact timeline of an exercise's work, second by second.

From a prescription (a :class:`~strongback.domain.tempo.TimedItem`: sets, reps or seconds, per
side, tempo, rest) it lays out a get-ready countdown before each set, each rep's phases with
their durations, the side switch of per-side work, holds, and the rest after every set but the
last (the session's changeover follows the last one). Every duration the product shows or plans
with comes from here: the guided session paces reps by these events, and the planner's time
budget is :func:`session_seconds`, the sum of the same events [TPC].

A phase of 0 s (a 2-0-1-0 tempo has no pauses) makes no event.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from strongback.domain.dosing import HINGES_AND_SQUATS, rep_range, rest_seconds
from strongback.domain.errors import InvalidInput
from strongback.domain.exercise import Exercise
from strongback.domain.tempo import (
    CHANGEOVER_SECONDS,
    METHOD_TEMPO,
    SECONDS_PER_SIDE_SWITCH,
    SETUP_SECONDS_PER_SET,
    WARM_UP_SET_SECONDS,
    Tempo,
    TimedItem,
)
from strongback.domain.vocab import Goal, Level, Side

READY_SECONDS = SETUP_SECONDS_PER_SET
"""The get-ready countdown before each set: the set-up time of the session-time model."""


class EventKind(StrEnum):
    """What the athlete does during one event of a timeline."""

    READY = "ready"
    LOWER = "lower"
    PAUSE = "pause"
    LIFT = "lift"
    SQUEEZE = "squeeze"
    HOLD = "hold"
    SWITCH = "switch"
    REST = "rest"


WORK_KINDS = frozenset(
    {EventKind.LOWER, EventKind.PAUSE, EventKind.LIFT, EventKind.SQUEEZE, EventKind.HOLD}
)
"""The kinds that count as time under tension."""


@dataclass(frozen=True)
class Event:
    """One step of a timeline: it starts ``at`` seconds from the start and lasts ``seconds``.

    ``set`` is 1-based; ``rep`` is set for the phases of a rep only; ``side`` for per-side work
    (on a ``switch``, the side coming next).
    """

    at: int
    seconds: int
    kind: EventKind
    set: int
    rep: int | None = None
    side: Side | None = None

    @property
    def end(self) -> int:
        """Seconds from the start when the event ends."""
        return self.at + self.seconds

    def to_public(self) -> dict[str, object]:
        """The JSON shape of one event of ``strongback timeline --json``."""
        return {
            "at": self.at,
            "seconds": self.seconds,
            "kind": self.kind.value,
            "set": self.set,
            "rep": self.rep,
            "side": self.side.value if self.side else None,
        }


@dataclass(frozen=True)
class Timeline:
    """The events of an exercise's work, contiguous from 0."""

    events: tuple[Event, ...]

    @property
    def total_seconds(self) -> int:
        """The duration of the whole timeline: where its last event ends (the events are
        contiguous from 0; the planner asks this for every session it considers)."""
        if not self.events:
            return 0
        last = self.events[-1]
        return last.at + last.seconds

    @property
    def time_under_tension(self) -> int:
        """Seconds spent in the phases of reps and in holds."""
        return sum(e.seconds for e in self.events if e.kind in WORK_KINDS)

    def to_public(self) -> dict[str, object]:
        """The JSON of ``strongback timeline --json``."""
        return {
            "events": [e.to_public() for e in self.events],
            "total_seconds": self.total_seconds,
            "time_under_tension": self.time_under_tension,
        }

    def of_set(self, number: int) -> tuple[Event, ...]:
        """The events of one set (its get-ready, work and the rest after it)."""
        return tuple(e for e in self.events if e.set == number)


def rep_phases(tempo: Tempo, *, lower_first: bool = False) -> tuple[tuple[EventKind, int], ...]:
    """The phases of one rep in the order they are done.

    A pull starts with the lift (:meth:`Tempo.phases`); a squat or hinge starts standing, so it
    lowers first. Phases of 0 s are left out.
    """
    phases = tuple((EventKind(p.value), s) for p, s in tempo.phases())
    if lower_first:
        phases = phases[2:] + phases[:2]
    return tuple((k, s) for k, s in phases if s > 0)


def _side_work(
    item: TimedItem, side: Side | None
) -> Iterator[tuple[EventKind, int, int | None, Side | None]]:
    if item.seconds is not None:
        yield EventKind.HOLD, item.seconds, None, side
        return
    assert item.reps is not None  # checked by _check
    phases = rep_phases(item.tempo, lower_first=item.lower_first)
    for rep in range(1, item.reps + 1):
        for kind, secs in phases:
            yield kind, secs, rep, side


def _steps(item: TimedItem) -> Iterator[tuple[EventKind, int, int, int | None, Side | None]]:
    sides: Sequence[Side | None] = (Side.LEFT, Side.RIGHT) if item.per_side else (None,)
    for set_no in range(1, item.sets + 1):
        yield EventKind.READY, READY_SECONDS, set_no, None, None
        for i, side in enumerate(sides):
            if i:
                yield EventKind.SWITCH, SECONDS_PER_SIDE_SWITCH, set_no, None, side
            for kind, secs, rep, s in _side_work(item, side):
                yield kind, secs, set_no, rep, s
        if set_no < item.sets and item.rest_seconds > 0:
            yield EventKind.REST, item.rest_seconds, set_no, None, None


def _check(item: TimedItem) -> None:
    if (item.reps is None) == (item.seconds is None):
        raise InvalidInput("a set needs reps or seconds (one of them)", field="reps")
    if item.sets < 1:
        raise InvalidInput(f"{{sets}} must be 1 or more, got {item.sets}", field="sets")
    if item.reps is not None and item.reps < 1:
        raise InvalidInput(f"{{reps}} must be 1 or more, got {item.reps}", field="reps")
    if item.seconds is not None and item.seconds < 1:
        raise InvalidInput(f"{{seconds}} must be 1 or more, got {item.seconds}", field="seconds")
    if item.rest_seconds < 0:
        raise InvalidInput(f"{{rest}} must be 0 or more, got {item.rest_seconds}", field="rest")


@lru_cache(maxsize=4096)
def exercise_timeline(item: TimedItem) -> Timeline:
    """The timeline of one exercise's working sets (its ramp sets are not paced).

    Raises InvalidInput naming the field when the prescription cannot be timed.
    """
    _check(item)
    events: list[Event] = []
    at = 0
    for kind, secs, set_no, rep, side in _steps(item):
        events.append(Event(at, secs, kind, set_no, rep, side))
        at += secs
    return Timeline(tuple(events))


def item_seconds(item: TimedItem) -> int:
    """Seconds one exercise takes in a session: its ramp sets, its timeline and the changeover
    to the next station [TPC]."""
    ramps = item.warm_up_sets * WARM_UP_SET_SECONDS
    return ramps + exercise_timeline(item).total_seconds + CHANGEOVER_SECONDS


def session_seconds(items: Sequence[TimedItem]) -> int:
    """The duration of a whole session: the planner's time budget and the session's estimate."""
    return sum(item_seconds(i) for i in items)


def set_seconds(
    tempo: Tempo, *, reps: int | None = None, seconds: int | None = None, per_side: bool = False
) -> int:
    """Seconds one set takes, its get-ready included."""
    item = TimedItem(tempo, sets=1, rest_seconds=0, reps=reps, seconds=seconds, per_side=per_side)
    return exercise_timeline(item).total_seconds


def exercise_seconds(
    tempo: Tempo,
    *,
    sets: int,
    rest_seconds: int,
    reps: int | None = None,
    seconds: int | None = None,
    per_side: bool = False,
) -> int:
    """Seconds an exercise takes without ramp sets: its timeline plus the changeover."""
    item = TimedItem(
        tempo, sets=sets, rest_seconds=rest_seconds, reps=reps, seconds=seconds, per_side=per_side
    )
    return item_seconds(item)


@dataclass(frozen=True)
class Overrides:
    """What a user states about a prescription; None keeps the exercise's default."""

    sets: int | None = None
    reps: int | None = None
    seconds: int | None = None
    tempo: Tempo | None = None
    rest_seconds: int | None = None
    per_side: bool | None = None


def default_item(exercise: Exercise, goal: Goal = Goal.HYPERTROPHY) -> TimedItem:
    """The exercise's own dose as a timed item: its sets, the top of its rep range (as the
    planner times it), its tempo (else the method's) and the goal's rest."""
    dose = exercise.dose
    reps: int | None
    if dose is None:
        sets, per_side, secs = 3, False, None
        reps = rep_range(exercise, goal, Level.INTERMEDIATE).max
    else:
        sets, per_side, secs = dose.sets, dose.per_side, dose.seconds
        reps_range = dose.reps or dose.reps_per_side
        reps = reps_range.max if reps_range else None
    return TimedItem(
        tempo=exercise.default_tempo or METHOD_TEMPO,
        sets=sets,
        rest_seconds=rest_seconds(exercise, goal),
        reps=reps,
        seconds=secs,
        per_side=per_side,
        lower_first=exercise.pattern in HINGES_AND_SQUATS,
    )


def with_overrides(item: TimedItem, given: Overrides) -> TimedItem:
    """The item with what the user stated: reps replace a hold's seconds and the reverse."""
    if given.reps is not None and given.seconds is not None:
        raise InvalidInput("give {reps} or {seconds}, not both", field="reps")
    reps, secs = item.reps, item.seconds
    if given.reps is not None:
        reps, secs = given.reps, None
    elif given.seconds is not None:
        reps, secs = None, given.seconds
    return TimedItem(
        tempo=given.tempo or item.tempo,
        sets=item.sets if given.sets is None else given.sets,
        rest_seconds=item.rest_seconds if given.rest_seconds is None else given.rest_seconds,
        reps=reps,
        seconds=secs,
        per_side=item.per_side if given.per_side is None else given.per_side,
        warm_up_sets=item.warm_up_sets,
        lower_first=item.lower_first,
    )


__all__ = [
    "READY_SECONDS",
    "WORK_KINDS",
    "Event",
    "EventKind",
    "Overrides",
    "Timeline",
    "default_item",
    "exercise_seconds",
    "exercise_timeline",
    "item_seconds",
    "rep_phases",
    "session_seconds",
    "set_seconds",
    "with_overrides",
]
