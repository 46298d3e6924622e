"""Use cases of the training log: logging sets, reading and deleting history.

Each opens and commits its own unit of work. Inputs are checked before anything is written, so
a bad value leaves the database unchanged.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import TypeVar

from strongback.domain import set_bounds
from strongback.domain.catalog import Catalog
from strongback.domain.errors import InvalidInput, NotFound
from strongback.domain.exercise import Exercise
from strongback.domain.tempo import Tempo
from strongback.domain.training_log import LOG_TITLE, PerformedSet, Workout, what_was_done
from strongback.domain.vocab import SetType, WeightUnit
from strongback.domain.wording import count_of
from strongback.services.accounts import token_account
from strongback.services.group_commit import GroupCommit
from strongback.services.ports import Deployment, Scope, UnitOfWork

# A database integer column holds up to 2^63 - 1; a larger id names nothing.
MAX_ID = 2**63 - 1


def known_exercises(uow: UnitOfWork, catalog: Catalog) -> Catalog:
    """The catalog (curated and extended) plus the user's custom exercises."""
    return catalog.with_extra(uow.custom_exercises.list())


def known_exercise(uow: UnitOfWork, catalog: Catalog, exercise_id: str) -> Exercise:
    """The exercise of an id or alias, the user's custom exercises included (UnknownExercise
    with suggestions otherwise). A catalog id is answered without reading the custom ones: the
    catalog's entry wins over a custom exercise of the same id anyway."""
    if exercise_id in catalog:
        return catalog.get(exercise_id)
    return known_exercises(uow, catalog).get(exercise_id)


@dataclass(frozen=True)
class LogRequest:
    """One exercise's sets to record, as values."""

    exercise: str
    reps: tuple[int, ...] = ()
    seconds: tuple[float, ...] = ()
    weights: tuple[float, ...] = ()
    unit: WeightUnit | None = None
    rir: float | None = None
    rpe: float | None = None
    pain: int | None = None
    tempo: str | None = None
    day: date | None = None
    notes: str | None = None
    set_type: SetType = SetType.WORKING


@dataclass(frozen=True)
class LogResult:
    """The workout the sets went into, whether it was new, and the stored sets with ids."""

    workout_id: int
    created_workout: bool
    day: date
    sets: tuple[PerformedSet, ...]


def check_day(day: date, *, today: date | None = None) -> date:
    """A training day: never in the future (InvalidInput, field ``date``)."""
    if day > (today or date.today()):
        raise InvalidInput(f"{{date}}: {day.isoformat()} is in the future", field="date")
    return day


_T = TypeVar("_T")


def _pick(values: Sequence[_T], i: int) -> _T | None:
    if not values:
        return None
    return values[0] if len(values) == 1 else values[i]


def check_request(request: LogRequest, exercise: Exercise | None = None) -> int:
    """Check counts and bounds of a request; returns the number of sets it makes."""
    reps, seconds, weights = request.reps, request.seconds, request.weights
    if not reps and not seconds:
        raise InvalidInput(
            "give {reps} (e.g. 12,12,10) or {seconds} for a timed hold", field="reps"
        )
    # Reps (or seconds) given per set count the sets; one value holds for every set, and then
    # the weights, when given per set, count them.
    count = max(len(reps), len(seconds))
    if count <= 1:
        count = max(count, len(weights))
    for name, values in (("reps", reps), ("seconds", seconds), ("weight", weights)):
        if len(values) not in (0, 1, count):
            raise InvalidInput(
                f"{{{name}}}: {len(values)} values for {count} set{'' if count == 1 else 's'}; "
                "give one value or one per set",
                field=name,
            )
    for r in reps:
        set_bounds.check_reps(r)
    for s in seconds:
        set_bounds.check_seconds(s)
    for w in weights:
        set_bounds.check_weight(w, exercise)
    set_bounds.check_effort(request.rir, request.rpe)
    set_bounds.check_pain(request.pain)
    if request.tempo is not None:
        Tempo.parse(request.tempo)
    return count


def build_sets(
    request: LogRequest, first_order: int, exercise: Exercise | None = None
) -> list[PerformedSet]:
    """The sets of one request, checked: counts agree and values are in range."""
    count = check_request(request, exercise)
    sets = []
    for i in range(count):
        weight = _pick(request.weights, i)
        reps = _pick(request.reps, i)
        sets.append(
            PerformedSet(
                exercise=request.exercise,
                order=first_order + i,
                set_type=request.set_type,
                weight=weight,
                unit=request.unit if weight is not None else None,
                reps=int(reps) if reps is not None else None,
                seconds=_pick(request.seconds, i),
                rir=request.rir,
                rpe=request.rpe,
                tempo=str(Tempo.parse(request.tempo)) if request.tempo else None,
                pain=request.pain,
                notes=request.notes,
            )
        )
    return sets


def log_sets(scope: Scope, request: LogRequest) -> LogResult:
    """Record one exercise's sets in that day's workout (created when the day has none).

    The exercise must be in the catalog or among the user's custom exercises (UnknownExercise
    with suggestions otherwise). The unit defaults to the profile's. Requests of one scope made
    at once (several requests of one user on one worker's routes) are stored together, in one
    unit of work, each numbered after the last; each gets its own answer, or its own error.
    (The API's fast lane gathers a token's requests itself: :func:`log_batch_with_token`.)
    """
    pending = PendingLog.of(request)
    if not isinstance(scope, Hashable):  # no key to gather by: alone
        return _log_together(scope, [pending])[0].result()
    return _LOGGING.submit(scope, pending)


@dataclass(frozen=True)
class PendingLog:
    """A request to log, and when it was made (:meth:`of`: now)."""

    request: LogRequest
    made_at: datetime

    @classmethod
    def of(cls, request: LogRequest) -> PendingLog:
        """The request, its day checked, made now."""
        # The clock is read once, when the call is made: a batch that runs after midnight still
        # puts a set logged before it in the day it was logged, and starts that day's workout
        # then.
        now = datetime.now().replace(microsecond=0)
        day = check_day(request.day or now.date(), today=now.date())
        return cls(replace(request, day=day), now)


@dataclass(frozen=True)
class _Logged:
    """One request's outcome in a batch: its result or its error."""

    value: LogResult | Exception

    def result(self) -> LogResult:
        if isinstance(self.value, Exception):
            raise self.value
        return self.value


def _checked(uow: UnitOfWork, catalog: Catalog, request: LogRequest) -> list[PerformedSet]:
    """The sets of a request, checked against the exercise and the profile's unit."""
    exercise = known_exercise(uow, catalog, request.exercise)
    unit = request.unit or (uow.profile.get().unit if request.weights else None)
    request = replace(request, unit=unit, exercise=exercise.id)
    return build_sets(request, 1, exercise)


def _log_together(scope: Scope, requests: Sequence[PendingLog]) -> list[_Logged]:
    """Store the requests' sets in one unit of work, in order. A request refused by its checks
    gets its error and the others go in; when storing fails, each is tried alone, so that a
    failure is its own request's."""
    refused: dict[int, _Logged] = {}
    try:
        # The checks read (the user's custom exercises, the profile's unit) before the write
        # unit, which then only appends: its lock is held that much shorter.
        accepted: list[tuple[int, PendingLog, list[PerformedSet]]] = []
        with scope.unit_of_work() as uow:
            for i, pending in enumerate(requests):
                try:
                    accepted.append((i, pending, _checked(uow, scope.catalog, pending.request)))
                except (InvalidInput, NotFound) as exc:
                    refused[i] = _Logged(exc)
        stored: dict[int, LogResult] = {}
        if accepted:
            with scope.unit_of_work(write=True) as uow:
                stored = dict(_store(uow, accepted))
                uow.commit()
    except Exception as exc:
        # Only a refusal of the data rolled everything back for sure: anything else (a lost
        # connection after the commit was sent) is every request's answer, never retried.
        if len(requests) == 1 or not isinstance(exc, InvalidInput):
            return [refused.get(i, _Logged(exc)) for i in range(len(requests))]
        return [refused.get(i) or _log_together(scope, [r])[0] for i, r in enumerate(requests)]
    return [refused.get(i) or _Logged(stored[i]) for i in range(len(requests))]


def _store(
    uow: UnitOfWork, accepted: Sequence[tuple[int, PendingLog, list[PerformedSet]]]
) -> list[tuple[int, LogResult]]:
    """Append each day's sets to its workout, in the requests' order: (request, result). The
    unit is committed right after, so the last day's may commit with its sets."""
    results: list[tuple[int, LogResult]] = []
    days = list(dict.fromkeys(p.request.day for _, p, _ in accepted))
    for day in days:
        assert day is not None  # log_sets fills it in
        mine = [(i, sets) for i, p, sets in accepted if p.request.day == day]
        # A new workout of the day starts when its first set was logged (that day), else at
        # the day's start (a set logged for an earlier day).
        made = [p.made_at for _, p, _ in accepted if p.request.day == day]
        started = min((t for t in made if t.date() == day), default=None)
        # Numbered 1, 2, ... here; the store numbers them after the day's last set.
        workout_id, created, stored = uow.workouts.log_to_day(
            day,
            started or datetime.combine(day, time(0, 0)),
            LOG_TITLE,
            [s for _, sets in mine for s in sets],
            commit=day == days[-1],
        )
        start = 0
        for i, sets in mine:
            part = stored[start : start + len(sets)]
            results.append((i, LogResult(workout_id, created and start == 0, day, part)))
            start += len(sets)
    return results


_LOGGING: GroupCommit[Scope, PendingLog, LogResult] = GroupCommit(
    lambda scope, requests: [o.value for o in _log_together(scope, requests)]
)


def log_batch_with_token(
    deployment: Deployment, secret: str, requests: Sequence[PendingLog]
) -> list[LogResult | Exception | None]:
    """Requests made at once with one API token (an app sending a workout's sets together),
    signed in once and stored as one batch, as :func:`log_sets` stores them: each request's
    result or error; None for each, with nothing stored, when the token signs in no one
    (unknown or revoked)."""
    account = token_account(deployment, secret)
    if account is None:
        return [None] * len(requests)
    return [o.value for o in _log_together(deployment.scope(account.id), requests)]


def workouts(
    scope: Scope, *, last: int | None = None, exercise: str | None = None
) -> list[Workout]:
    """Every workout with its sets (or the last N, or those holding one exercise), oldest first."""
    if last is not None and last < 1:
        raise InvalidInput(f"{{last}}: {last} is not 1 or more", field="last")
    with scope.unit_of_work() as uow:
        if exercise is not None:
            known_exercises(uow, scope.catalog).get(exercise)  # unknown: fails with suggestions
        return uow.workouts.list(last=last, exercise=exercise)


def _check_id(item_id: int, what: str) -> None:
    if not 1 <= item_id <= MAX_ID:
        raise NotFound(f"no {what} with id {item_id}", field="id")


def find_set(uow: UnitOfWork, set_id: int) -> tuple[Workout, PerformedSet]:
    """One of the user's sets with its workout; NotFound when there is none."""
    _check_id(set_id, "set")
    workout_id = uow.workouts.workout_of_set(set_id)
    workout = uow.workouts.get(workout_id) if workout_id is not None else None
    found = [s for s in workout.sets if s.id == set_id] if workout else []
    if workout is None or not found:
        raise NotFound(f"no set with id {set_id}", field="id")
    return workout, found[0]


def find_workout(uow: UnitOfWork, workout_id: int) -> Workout:
    """One of the user's workouts; NotFound when there is none."""
    _check_id(workout_id, "workout")
    workout = uow.workouts.get(workout_id)
    if workout is None:
        raise NotFound(f"no workout with id {workout_id}", field="id")
    return workout


def describe_set(scope: Scope, set_id: int) -> str:
    """A one-line description of one of the user's sets; NotFound when there is none."""
    with scope.unit_of_work() as uow:
        workout, found = find_set(uow, set_id)
    return f"set {set_id}: {workout.started_at.date().isoformat()} {format_set(found)}"


def describe_workout(scope: Scope, workout_id: int) -> str:
    """A one-line description of one of the user's workouts; NotFound when there is none."""
    with scope.unit_of_work() as uow:
        workout = find_workout(uow, workout_id)
    return (
        f"workout {workout_id}: {workout.started_at.date().isoformat()} {workout.title!r} "
        f"with {count_of(len(workout.sets), 'set')}"
    )


def delete_set(scope: Scope, set_id: int) -> None:
    """Delete one of the user's sets (its workout goes too when it was the last one);
    NotFound when the user has no such set."""
    _check_id(set_id, "set")
    with scope.unit_of_work(write=True) as uow:
        if not uow.workouts.delete_set(set_id):
            raise NotFound(f"no set with id {set_id}", field="id")
        uow.commit()


def count(scope: Scope) -> tuple[int, int]:
    """(workouts, sets) stored for the user."""
    with scope.unit_of_work() as uow:
        return uow.workouts.count()


def format_set(s: PerformedSet) -> str:
    """``lat-pulldown 40 kg x 12 @ RIR 2`` and the like."""
    return f"{s.exercise} {what_was_done(s)}"


__all__ = [
    "MAX_ID",
    "LogRequest",
    "LogResult",
    "PendingLog",
    "build_sets",
    "check_day",
    "check_request",
    "count",
    "delete_set",
    "describe_set",
    "describe_workout",
    "find_set",
    "find_workout",
    "format_set",
    "known_exercise",
    "known_exercises",
    "log_batch_with_token",
    "log_sets",
    "workouts",
]
