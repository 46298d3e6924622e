"""Use cases of whole workouts, as the API and the log page edit them: read one, page through
them newest first, create one with its sets (once per client id), replace one, delete one and
undo the delete.

Each opens and commits its own unit of work; every value is checked before anything is written,
and an error about a set names it as ``sets[2].reps``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from uuid import UUID

from strongback.domain import set_bounds
from strongback.domain.catalog import Catalog
from strongback.domain.errors import Conflict, InvalidInput, NotFound
from strongback.domain.tempo import Tempo
from strongback.domain.training_log import PerformedSet, Workout
from strongback.services.ports import Scope
from strongback.services.training_log import find_workout, known_exercises

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class WorkoutPage:
    """Workouts newest first, and the cursor of the next page (None on the last one)."""

    items: tuple[Workout, ...]
    next: str | None


@dataclass(frozen=True)
class CreatedWorkout:
    """The stored workout, and whether this call stored it (False: its client_id was known)."""

    workout: Workout
    created: bool


def encode_cursor(workout: Workout) -> str:
    """An opaque cursor pointing after ``workout`` in the newest-first order."""
    text = f"{workout.started_at.isoformat()}|{workout.id}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """The (started_at, id) a cursor points after; InvalidInput naming ``cursor`` otherwise."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        started, workout_id = text.split("|")
        return datetime.fromisoformat(started), int(workout_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput(
            "{cursor}: not a cursor this list gave; start again without one", field="cursor"
        ) from None


def get_workout(scope: Scope, workout_id: int) -> Workout:
    """One of the user's workouts with its sets; NotFound for none (or another user's)."""
    with scope.unit_of_work() as uow:
        return find_workout(uow, workout_id)


def list_workouts(
    scope: Scope, *, limit: int = PAGE_SIZE, cursor: str | None = None
) -> WorkoutPage:
    """A page of the user's workouts newest first, each with its sets."""
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise InvalidInput(
            f"{{limit}}: {limit} is not between 1 and {MAX_PAGE_SIZE}", field="limit"
        )
    after = decode_cursor(cursor) if cursor else None
    with scope.unit_of_work() as uow:
        found = uow.workout_edits.page(limit + 1, after)
    items = tuple(found[:limit])
    return WorkoutPage(items, encode_cursor(items[-1]) if len(found) > limit else None)


@contextmanager
def _naming(prefix: str) -> Iterator[None]:
    """Errors about one set's field name it under the set: ``sets[2].reps``."""
    try:
        yield
    except InvalidInput as exc:
        exc.field = f"{prefix}.{exc.field}" if exc.field else prefix
        raise


def _checked_set(s: PerformedSet, catalog: Catalog) -> PerformedSet:
    exercise = catalog.get(s.exercise)
    if s.reps is not None:
        set_bounds.check_reps(s.reps)
    if s.seconds is not None:
        set_bounds.check_seconds(s.seconds)
    if s.weight is not None:
        set_bounds.check_weight(s.weight, exercise)
        if s.unit is None:
            raise InvalidInput("{unit}: a weight needs its unit (kg or lb)", field="unit")
    set_bounds.check_effort(s.rir, s.rpe)
    set_bounds.check_pain(s.pain)
    tempo = str(Tempo.parse(s.tempo)) if s.tempo else None
    return replace(
        s, exercise=exercise.id, tempo=tempo, unit=s.unit if s.weight is not None else None
    )


def check_workout(workout: Workout, catalog: Catalog, *, today: date | None = None) -> Workout:
    """The workout with its exercise ids made canonical, or InvalidInput naming the field:
    a started_at in the future (a day's grace for time zones), an end before the start, a set
    out of bounds or naming an unknown exercise."""
    tomorrow = (today or date.today()) + timedelta(days=1)
    if workout.started_at.date() > tomorrow:
        raise InvalidInput(
            f"{{started_at}}: {workout.started_at.date().isoformat()} is in the future",
            field="started_at",
        )
    if workout.ended_at is not None and workout.ended_at < workout.started_at:
        raise InvalidInput("{ended_at}: the workout ends before it starts", field="ended_at")
    sets = []
    for i, s in enumerate(workout.sets):
        with _naming(f"sets[{i}]"):
            sets.append(_checked_set(s, catalog))
    return replace(workout, sets=tuple(sets))


def create_workout(
    scope: Scope, workout: Workout, *, client_id: UUID | None = None
) -> CreatedWorkout:
    """Store a workout with its sets. With a ``client_id`` it is safe to retry: a client_id the
    user already used answers the workout first stored with it and stores nothing new (Conflict
    when that workout was deleted)."""
    key = str(client_id) if client_id is not None else None
    with scope.unit_of_work(write=True) as uow:
        if key is not None:
            known = uow.workout_edits.by_client_id(key)
            if known is not None:
                return CreatedWorkout(find_workout(uow, known), created=False)
            if uow.trash.holds_client_id(key):
                raise Conflict(
                    "{client_id}: the workout created with this client_id was deleted",
                    field="client_id",
                )
        checked = check_workout(workout, known_exercises(uow, scope.catalog))
        workout_id, created = uow.workout_edits.insert_once(checked, key)
        if created:
            uow.workouts.append_sets(workout_id, checked.sets)
            uow.commit()
        return CreatedWorkout(find_workout(uow, workout_id), created)


def update_workout(scope: Scope, workout_id: int, workout: Workout) -> Workout:
    """Replace one of the user's workouts: its fields and its sets (a set with the id of one of
    its sets edits that set, one without an id is added, the others are deleted)."""
    with scope.unit_of_work(write=True) as uow:
        find_workout(uow, workout_id)
        checked = check_workout(workout, known_exercises(uow, scope.catalog))
        uow.workout_edits.replace_fields(workout_id, checked)
        uow.workout_edits.replace_sets(workout_id, checked.sets)
        uow.commit()
        return find_workout(uow, workout_id)


def delete_workout(scope: Scope, workout_id: int) -> None:
    """Delete one of the user's workouts with its sets, kept so :func:`restore_workout` can
    bring it back; NotFound when there is none."""
    with scope.unit_of_work(write=True) as uow:
        if not uow.trash.discard(workout_id):
            raise NotFound(f"no workout with id {workout_id}", field="id")
        uow.commit()


def restore_workout(scope: Scope, workout_id: int) -> Workout:
    """Undo the delete of one of the user's workouts: it comes back as it was (under a new id
    when its id was given to another workout meanwhile); NotFound when nothing is to restore,
    Conflict when its sets were imported again since."""
    with scope.unit_of_work(write=True) as uow:
        restored = uow.trash.restore(workout_id)
        if restored is None:
            raise NotFound(f"no deleted workout with id {workout_id}", field="id")
        uow.commit()
        return find_workout(uow, restored)


__all__ = [
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "CreatedWorkout",
    "WorkoutPage",
    "check_workout",
    "create_workout",
    "decode_cursor",
    "delete_workout",
    "encode_cursor",
    "get_workout",
    "list_workouts",
    "restore_workout",
    "update_workout",
]
