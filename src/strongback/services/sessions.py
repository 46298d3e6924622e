"""Use cases of a guided session: start it (from today's plan, named exercises, or empty), act
on it, enter sets, finish it into the training log.

Every action reads the active session with its row locked, changes it with a pure function of
:mod:`strongback.domain.guided` and stores the new state in the same transaction, so two
devices acting at once take turns. ``now`` is an aware UTC instant (the clock by default).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from strongback.domain import guided
from strongback.domain.body_weight import body_weights
from strongback.domain.catalog import Catalog
from strongback.domain.errors import Conflict, NotFound
from strongback.domain.exercise import Exercise
from strongback.domain.guided.items import item_from_prescription, session_of_day
from strongback.domain.guided.session import (
    EnteredSet,
    GuidedSession,
    SessionItem,
    check_entry,
    utc,
)
from strongback.domain.training_log import PerformedSet, Workout
from strongback.services.ports import Scope, UnitOfWork
from strongback.services.progress import Asked, prescriptions_for
from strongback.services.training_log import known_exercises

DEFAULT_TITLE = "Guided session"


def _now(now: datetime | None) -> datetime:
    return utc(now) if now is not None else datetime.now(UTC)


def _items(uow: UnitOfWork, cat: Catalog, ids: Sequence[str], today: date) -> list[SessionItem]:
    """Items doing the next prescriptions of these exercises (UnknownExercise for a bad id)."""
    profile = uow.profile.get()
    workouts = uow.workouts.list()
    plan = uow.plans.current()
    weighed = body_weights(uow.body_weights.list())
    out = []
    for ex_id in ids:
        exercise = cat.get(ex_id)
        found = prescriptions_for(
            cat, profile, workouts, plan, Asked(exercise=exercise.id), today=today, body=weighed
        )
        out.append(item_from_prescription(found.prescriptions[0], exercise))
    return out


def start_session(
    scope: Scope,
    *,
    exercises: Sequence[str] = (),
    today: date | None = None,
    now: datetime | None = None,
) -> GuidedSession:
    """Start the user's session: the named exercises, else today's session of the current plan,
    else an empty one. Conflict when a session is active already (one per user, whatever the
    number of devices or workers starting one at once)."""
    moment = _now(now)
    today = today or date.today()
    with scope.unit_of_work(write=True) as uow:
        cat = known_exercises(uow, scope.catalog)
        title, ids = DEFAULT_TITLE, list(exercises)
        plan = uow.plans.current()
        planned = session_of_day(plan, today) if plan is not None and not ids else None
        if planned is not None:
            title, ids = planned.title, [i.exercise for i in planned.items]
        items = _items(uow, cat, ids, today)
        session = GuidedSession(started_at=moment, title=title, items=tuple(items))
        stored = uow.sessions.start(session, moment)
        if stored is None:
            raise Conflict(
                "a session is active already: resume it (strongback session --resume) "
                "or finish it first"
            )
        uow.commit()
    return stored


def active_session(scope: Scope) -> GuidedSession | None:
    """The user's active session with every set entered so far, or None."""
    with scope.unit_of_work() as uow:
        return uow.sessions.active()


def _act(
    scope: Scope, change: Callable[[UnitOfWork, GuidedSession], GuidedSession], now: datetime
) -> GuidedSession:
    with scope.unit_of_work(write=True) as uow:
        session = uow.sessions.active(lock=True)
        if session is None:
            raise NotFound("no active session: start one")
        changed = change(uow, session)
        if changed != session:
            uow.sessions.save_state(changed, now)
            uow.commit()
    return changed


def start_set(scope: Scope, *, now: datetime | None = None) -> GuidedSession:
    """Start the current set's timeline (a rest may be cut short)."""
    moment = _now(now)
    return _act(scope, lambda _, s: guided.start_set(s, moment), moment)


def skip_set(scope: Scope, *, now: datetime | None = None) -> GuidedSession:
    """Leave the current set out and move on."""
    moment = _now(now)
    return _act(scope, lambda _, s: guided.skip_set(s, moment), moment)


def add_set(scope: Scope, *, now: datetime | None = None) -> GuidedSession:
    """One more set of the current exercise."""
    return _act(scope, lambda _, s: guided.add_set(s), _now(now))


def mark_pain(
    scope: Scope, pain: int, where: str | None = None, *, now: datetime | None = None
) -> GuidedSession:
    """Mark pain 0-10 on the current exercise and where it was felt."""
    return _act(scope, lambda _, s: guided.mark_pain(s, pain, where), _now(now))


def enter_set(scope: Scope, entry: EnteredSet, *, now: datetime | None = None) -> GuidedSession:
    """Store a set as entered. A set whose client id is stored already (sent twice, or by two
    devices) changes nothing; a set of the current position moves the session on. The exercise
    must be known (UnknownExercise); a weight without a unit is in the profile's unit."""
    moment = _now(now)
    check_entry(entry)

    def change(uow: UnitOfWork, session: GuidedSession) -> GuidedSession:
        exercise = known_exercises(uow, scope.catalog).get(entry.exercise)
        unit = entry.unit or (uow.profile.get().unit if entry.weight is not None else None)
        stored = replace(entry, exercise=exercise.id, unit=unit)
        if session.id is None or not uow.sessions.add_set(session.id, stored):
            return session
        return guided.enter_set(session, stored, moment)

    return _act(scope, change, moment)


def swap_exercise(scope: Scope, exercise: str, *, now: datetime | None = None) -> GuidedSession:
    """Do another exercise for the current one's remaining sets, at its next prescription."""
    moment = _now(now)

    def change(uow: UnitOfWork, session: GuidedSession) -> GuidedSession:
        cat = known_exercises(uow, scope.catalog)
        (item,) = _items(uow, cat, [exercise], moment.date())
        return guided.swap_item(session, item)

    return _act(scope, change, moment)


def add_exercise(scope: Scope, exercise: str, *, now: datetime | None = None) -> GuidedSession:
    """Add an exercise at the end of the session, at its next prescription."""
    moment = _now(now)

    def change(uow: UnitOfWork, session: GuidedSession) -> GuidedSession:
        cat = known_exercises(uow, scope.catalog)
        (item,) = _items(uow, cat, [exercise], moment.date())
        return guided.add_item(session, item)

    return _act(scope, change, moment)


def known_catalog(scope: Scope) -> Catalog:
    """The catalog with the user's custom exercises (what a session's items name)."""
    with scope.unit_of_work() as uow:
        return known_exercises(uow, scope.catalog)


def exercise_choices(scope: Scope) -> tuple[Exercise, ...]:
    """What a session offers to add: the curated exercises, then the user's own."""
    with scope.unit_of_work() as uow:
        custom = uow.custom_exercises.list()
    return (*scope.catalog.curated(), *custom)


def swap_options(scope: Scope) -> tuple[guided.SwapOption, ...]:
    """What the current exercise can be swapped for, with the equipment the profile owns."""
    with scope.unit_of_work() as uow:
        session = uow.sessions.active()
        if session is None or session.item is None:
            raise NotFound("no active session with an exercise in progress")
        cat = known_exercises(uow, scope.catalog)
        owned = uow.profile.get().equipment
    return guided.swap_options(cat.get(session.item.exercise), cat, owned)


@dataclass(frozen=True)
class FinishResult:
    """The workout a finished session wrote (None when no set was entered) and its sets."""

    session_id: int
    workout_id: int | None
    sets: tuple[PerformedSet, ...]


def performed_sets(session: GuidedSession) -> tuple[PerformedSet, ...]:
    """The sets of the workout a session writes: each entered set, exercise by exercise, with
    the tempo it was paced at and the pain marked on it (else on its exercise)."""
    out: list[PerformedSet] = []
    for index, item in enumerate(session.items):
        for s in session.sets_of(index):
            pain = s.pain if s.pain is not None else item.pain
            where = s.pain_where or (item.pain_where if s.pain is None else None)
            out.append(
                PerformedSet(
                    exercise=s.exercise, order=len(out) + 1, weight=s.weight,
                    unit=s.unit if s.weight is not None else None, reps=s.reps,
                    seconds=s.seconds, rir=s.rir, tempo=str(item.timed.tempo), pain=pain,
                    notes=f"pain felt: {where}" if where and pain else None,
                    source_key=f"session-set:{s.id}",
                )
            )  # fmt: skip
    return tuple(out)


def _local(moment: datetime) -> datetime:
    # The log keeps the wall-clock time the athlete trained at (see storage.tables).
    return moment.astimezone().replace(tzinfo=None, microsecond=0)


def finish_session(scope: Scope, *, now: datetime | None = None) -> FinishResult:
    """Write the session's sets as a workout of the training log and close the session, so the
    next prescriptions see them (pain included). NotFound when no session is active."""
    moment = _now(now)
    with scope.unit_of_work(write=True) as uow:
        session = uow.sessions.active(lock=True)
        if session is None or session.id is None:
            raise NotFound("no active session to finish")
        sets = performed_sets(session)
        workout_id = None
        if sets:
            workout = Workout(
                started_at=_local(session.started_at), ended_at=_local(moment),
                title=session.title, sets=sets,
            )  # fmt: skip
            stored = uow.workouts.add(workout)
            workout_id, sets = stored.id, stored.sets
        uow.sessions.end(session.id, moment, workout_id)
        uow.commit()
    return FinishResult(session.id, workout_id, sets)


def abandon_session(scope: Scope, *, now: datetime | None = None) -> int:
    """Close the active session without writing a workout (its entered sets stay stored with
    it); returns its id. NotFound when no session is active."""
    moment = _now(now)
    with scope.unit_of_work(write=True) as uow:
        session = uow.sessions.active(lock=True)
        if session is None or session.id is None:
            raise NotFound("no active session")
        uow.sessions.end(session.id, moment, None)
        uow.commit()
    return session.id


__all__ = [
    "DEFAULT_TITLE",
    "FinishResult",
    "abandon_session",
    "active_session",
    "add_exercise",
    "add_set",
    "enter_set",
    "exercise_choices",
    "finish_session",
    "known_catalog",
    "mark_pain",
    "performed_sets",
    "skip_set",
    "start_session",
    "start_set",
    "swap_exercise",
    "swap_options",
]
