"""A guided session: the exercises to do, where the athlete is, and the sets entered so far.

The state is a value; every action is a pure function that returns the next state. Times are
absolute UTC instants, so whoever reads the state (a reloaded page, another device, the CLI
after a crash) computes the time left from the clock, never from ticks counted.

Stages of the current set: ``ready`` (waiting for the athlete to start it), ``work`` (its
timeline runs until ``deadline``), ``rest`` (until ``deadline``, then the next set is ready),
``done`` (every set is behind: the session waits to be finished).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from strongback.domain import set_bounds
from strongback.domain.errors import InvalidInput
from strongback.domain.tempo import CHANGEOVER_SECONDS, TimedItem
from strongback.domain.timeline import Timeline, exercise_timeline
from strongback.domain.vocab import WeightUnit

MAX_SETS_PER_ITEM = 10
MAX_PAIN_WHERE = 80


class Stage(StrEnum):
    """Where the current set stands."""

    READY = "ready"
    WORK = "work"
    REST = "rest"
    DONE = "done"


@dataclass(frozen=True)
class SessionItem:
    """One exercise of the session: its prescription, timed, and the load to use.

    ``instead_of`` names the exercise it replaced after a swap; ``pain`` and ``pain_where`` are
    the athlete's last mark on this exercise (0-10 and where it was felt).
    """

    exercise: str
    timed: TimedItem
    weight: float | None = None
    unit: WeightUnit | None = None
    target_rir: int | None = None
    instead_of: str | None = None
    pain: int | None = None
    pain_where: str | None = None

    def one_set(self) -> TimedItem:
        """The timing of one of its sets (get-ready and work, no rest)."""
        return replace(self.timed, sets=1, rest_seconds=0, warm_up_sets=0)

    def set_timeline(self) -> Timeline:
        """The events of one set, from its get-ready countdown."""
        return exercise_timeline(self.one_set())


@dataclass(frozen=True)
class EnteredSet:
    """A set as the athlete entered it; ``id`` is chosen by the client, so a set sent twice is
    stored once. ``item`` is the index of its exercise in the session, ``number`` its set."""

    id: str
    item: int
    number: int
    exercise: str
    entered_at: datetime
    reps: int | None = None
    seconds: float | None = None
    weight: float | None = None
    unit: WeightUnit | None = None
    rir: float | None = None
    pain: int | None = None
    pain_where: str | None = None


@dataclass(frozen=True)
class GuidedSession:
    """An athlete's session: its items, the current item and set, the stage and its deadline."""

    started_at: datetime
    title: str
    items: tuple[SessionItem, ...] = ()
    current: int = 0
    set_number: int = 1
    stage: Stage = Stage.READY
    stage_started_at: datetime | None = None
    deadline: datetime | None = None
    entered: tuple[EnteredSet, ...] = ()
    id: int | None = None

    @property
    def item(self) -> SessionItem | None:
        """The exercise in progress (None in an empty or finished session)."""
        return self.items[self.current] if self.current < len(self.items) else None

    def seconds_left(self, now: datetime) -> float:
        """Seconds until the deadline of the stage (0 when it has passed or there is none)."""
        if self.deadline is None:
            return 0.0
        return max(0.0, (self.deadline - now).total_seconds())

    def sets_of(self, item: int) -> tuple[EnteredSet, ...]:
        """The sets entered for one item, in the order entered."""
        return tuple(s for s in self.entered if s.item == item)

    def estimated_seconds_left(self) -> int:
        """Seconds the remaining sets take by the tempo engine (ramp sets not counted)."""
        total = 0
        for i, it in enumerate(self.items[self.current :], start=self.current):
            left = it.timed.sets - (self.set_number - 1 if i == self.current else 0)
            if left > 0:
                total += exercise_timeline(replace(it.timed, sets=left)).total_seconds
        return total


def utc(moment: datetime) -> datetime:
    """An aware UTC instant (a naive one is taken as UTC already)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _need_item(session: GuidedSession) -> SessionItem:
    item = session.item
    if item is None or session.stage is Stage.DONE:
        raise InvalidInput("the session has no set left: add a set or an exercise, or finish it")
    return item


def _where(text: str | None) -> str | None:
    where = (text or "").strip() or None
    if where is not None and len(where) > MAX_PAIN_WHERE:
        message = f"{{pain_where}} is over {MAX_PAIN_WHERE} characters"
        raise InvalidInput(message, field="pain_where")
    return where


def start_set(session: GuidedSession, now: datetime) -> GuidedSession:
    """Start the current set: its timeline runs from now (a rest may be cut short)."""
    item = _need_item(session)
    if session.stage is Stage.WORK:
        return session  # started already (another device, or the same request twice)
    seconds = item.set_timeline().total_seconds
    now = utc(now)
    return replace(
        session,
        stage=Stage.WORK,
        stage_started_at=now,
        deadline=now + timedelta(seconds=seconds),
    )


def _advance(session: GuidedSession, now: datetime) -> GuidedSession:
    """The next set of the item after a rest, else the next item after a changeover, else done."""
    item = _need_item(session)
    now = utc(now)
    if session.set_number < item.timed.sets:
        rest, current, number = item.timed.rest_seconds, session.current, session.set_number + 1
    elif session.current + 1 < len(session.items):
        rest, current, number = CHANGEOVER_SECONDS, session.current + 1, 1
    else:
        return replace(session, stage=Stage.DONE, stage_started_at=now, deadline=None)
    return replace(
        session,
        current=current,
        set_number=number,
        stage=Stage.REST if rest else Stage.READY,
        stage_started_at=now,
        deadline=now + timedelta(seconds=rest) if rest else None,
    )


def check_entry(entry: EnteredSet) -> None:
    """Bounds of an entered set (InvalidInput naming the field)."""
    if not entry.id or len(entry.id) > 64:
        raise InvalidInput("{id} of a set must be 1 to 64 characters", field="id")
    if entry.reps is None and entry.seconds is None:
        raise InvalidInput("give {reps} or {seconds} for the set", field="reps")
    if entry.reps is not None:
        set_bounds.check_reps(entry.reps)
    if entry.seconds is not None:
        set_bounds.check_seconds(entry.seconds)
    if entry.weight is not None:
        set_bounds.check_weight(entry.weight, None)
    set_bounds.check_effort(entry.rir, None)
    set_bounds.check_pain(entry.pain)
    _where(entry.pain_where)


def enter_set(session: GuidedSession, entry: EnteredSet, now: datetime) -> GuidedSession:
    """Record a set. A set id already entered changes nothing; a set of the current position
    moves the session on (rest, or the next exercise); one entered late (a queue sent after the
    network came back) is only recorded."""
    if any(s.id == entry.id for s in session.entered):
        return session
    check_entry(entry)
    if not 0 <= entry.item < len(session.items):
        raise InvalidInput(f"{{item}}: the session has no exercise {entry.item}", field="item")
    recorded = replace(session, entered=(*session.entered, entry))
    here = (entry.item, entry.number) == (session.current, session.set_number)
    if here and session.stage is not Stage.DONE:
        return _advance(recorded, now)
    return recorded


def skip_set(session: GuidedSession, now: datetime) -> GuidedSession:
    """Leave the current set out: nothing is recorded and the session moves on."""
    return _advance(session, now)


def add_set(session: GuidedSession) -> GuidedSession:
    """One more set of the current exercise (of the last one when every set is done)."""
    if not session.items:
        raise InvalidInput("the session has no exercise to add a set to")
    item = session.items[session.current]
    if item.timed.sets >= MAX_SETS_PER_ITEM:
        raise InvalidInput(f"{{sets}}: at most {MAX_SETS_PER_ITEM} sets of one exercise")
    grown = replace(item, timed=replace(item.timed, sets=item.timed.sets + 1))
    out = _with_item(session, session.current, grown)
    if session.stage is Stage.DONE:
        return replace(out, set_number=grown.timed.sets, stage=Stage.READY, deadline=None)
    return out


def swap_item(session: GuidedSession, replacement: SessionItem) -> GuidedSession:
    """Replace the current exercise for its remaining sets (the sets entered keep theirs)."""
    item = _need_item(session)
    done = len(session.sets_of(session.current))
    timed = replace(replacement.timed, sets=max(item.timed.sets, done + 1))
    swapped = replace(replacement, timed=timed, instead_of=item.instead_of or item.exercise)
    return _with_item(session, session.current, swapped)


def add_item(session: GuidedSession, item: SessionItem) -> GuidedSession:
    """Append an exercise; a session that was done goes on with it."""
    out = replace(session, items=(*session.items, item))
    if session.stage is Stage.DONE or not session.items:
        return replace(
            out, current=len(session.items), set_number=1, stage=Stage.READY, deadline=None
        )
    return out


def mark_pain(session: GuidedSession, pain: int, where: str | None) -> GuidedSession:
    """Mark pain 0-10 on the current exercise and where it was felt."""
    set_bounds.check_pain(pain)
    where = _where(where)
    if not session.items:
        raise InvalidInput("the session has no exercise to mark pain on")
    index = min(session.current, len(session.items) - 1)
    marked = replace(session.items[index], pain=pain, pain_where=where)
    return _with_item(session, index, marked)


def _with_item(session: GuidedSession, index: int, item: SessionItem) -> GuidedSession:
    items = list(session.items)
    items[index] = item
    return replace(session, items=tuple(items))


__all__ = [
    "MAX_PAIN_WHERE",
    "MAX_SETS_PER_ITEM",
    "EnteredSet",
    "GuidedSession",
    "SessionItem",
    "Stage",
    "add_item",
    "add_set",
    "check_entry",
    "enter_set",
    "mark_pain",
    "skip_set",
    "start_set",
    "swap_item",
    "utc",
]
