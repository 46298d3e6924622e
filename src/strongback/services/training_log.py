"""Use cases of the training log: the profile, logging sets, reading and deleting history.

Every function works inside the caller's unit of work and never commits: the caller decides.
Inputs are checked before anything is written, so a bad value leaves the database unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from strongback.domain.catalog import Catalog, load_catalog
from strongback.domain.errors import InvalidInput
from strongback.domain.profile import UserProfile
from strongback.domain.tempo import Tempo
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType, WeightUnit

if TYPE_CHECKING:
    from strongback.storage.unit_of_work import UnitOfWork

LOG_SOURCE = "strongback"
LOG_TITLE = "Training"
MAX_REPS = 1000
MAX_SECONDS = 24 * 3600
MAX_WEIGHT = 2000.0

# The profile fields and the option a user types to change each.
PROFILE_OPTIONS = {
    "equipment": "--equipment",
    "unit": "--unit",
    "dumbbells": "--dumbbells",
    "kettlebells": "--kettlebells",
    "plates": "--plates",
    "bar_weight": "--bar-weight",
    "cable_step": "--cable-step",
    "pain_threshold": "--pain-threshold",
}


# -- profile ---------------------------------------------------------------------------------


def update_profile(uow: UnitOfWork, **changes: Any) -> UserProfile:
    """Apply the given changes (fields of UserProfile; None means unchanged) and save.

    A value the profile refuses raises InvalidInput naming the option and the reason.
    """
    given = {k: (None if v is CLEAR else v) for k, v in changes.items() if v is not None}
    unknown = set(given) - set(PROFILE_OPTIONS)
    if unknown:
        raise InvalidInput(f"unknown profile field(s): {', '.join(sorted(unknown))}")
    current = uow.profile.get()
    _refuse_relabelled_loads(current, given)
    data = current.model_dump()
    data.update(given)
    try:
        profile = UserProfile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else "profile"
        option = PROFILE_OPTIONS.get(field, field)
        raise InvalidInput(f"{option}: {_pydantic_reason(err)}") from None
    uow.profile.save(profile)
    return profile


CLEAR: Any = object()
"""Passed for a scalar profile field (bar weight, cable step) to clear it; None means unchanged."""

_LOAD_FIELDS = ("dumbbells", "kettlebells", "plates", "bar_weight", "cable_step")


def _refuse_relabelled_loads(current: UserProfile, given: dict[str, Any]) -> None:
    """Owned loads are numbers in the profile's unit: a new unit alone would silently relabel
    them (16 kg would become 16 lb), so the loads must be given again, or cleared, with it."""
    new_unit = given.get("unit")
    if new_unit is None or new_unit == current.unit:
        return
    stale = [
        PROFILE_OPTIONS[f]
        for f in _LOAD_FIELDS
        if getattr(current, f) not in ((), None) and f not in given
    ]
    if stale:
        raise InvalidInput(
            f"--unit: your owned loads ({', '.join(stale)}) are in {current.unit.value}; "
            f"give them again in {WeightUnit(new_unit).value} in the same call, "
            "or clear them with 'none'"
        )


def _pydantic_reason(err: Any) -> str:
    msg = str(err.get("msg", "invalid value"))
    return msg.removeprefix("Value error, ")


def parse_unit(text: str, option: str = "--unit") -> WeightUnit:
    """``kg`` or ``lb`` (``lbs`` accepted); InvalidInput otherwise."""
    value = text.strip().lower()
    if value == "lbs":
        value = "lb"
    try:
        return WeightUnit(value)
    except ValueError:
        raise InvalidInput(f"{option}: '{text}' is not a unit; use kg or lb") from None


def parse_number(text: str, option: str) -> float:
    """A decimal number such as ``12.5``; InvalidInput naming the option otherwise."""
    try:
        value = float(text.strip())
    except ValueError:
        raise InvalidInput(f"{option}: '{text}' is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidInput(f"{option}: '{text}' is not a number")
    return value


def parse_numbers(text: str, option: str) -> tuple[float, ...]:
    """A comma-separated list of numbers such as ``5,7.5,10``; InvalidInput names the bad part."""
    parts = [p.strip() for p in text.split(",")]
    if not any(parts):
        return ()
    if not all(parts):
        raise InvalidInput(f"{option}: '{text}' has an empty item")
    return tuple(parse_number(p, option) for p in parts)


def parse_int(text: str, option: str, *, low: int, high: int) -> int:
    """A whole number within ``[low, high]``; InvalidInput naming the option otherwise."""
    try:
        value = int(text.strip())
    except ValueError:
        raise InvalidInput(f"{option}: '{text}' is not a whole number") from None
    if not low <= value <= high:
        raise InvalidInput(f"{option}: {value} is not between {low} and {high}")
    return value


# -- logging ---------------------------------------------------------------------------------


def known_exercises(uow: UnitOfWork, catalog: Catalog | None = None) -> Catalog:
    """The catalog (curated and extended) plus the user's custom exercises."""
    base = catalog if catalog is not None else load_catalog()
    return base.with_extra(uow.custom_exercises.list())


@dataclass(frozen=True)
class LogRequest:
    """What ``log add`` was asked to record, already parsed into values."""

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


def parse_day(text: str | None, *, today: date | None = None) -> date:
    """``YYYY-MM-DD`` (default today); a date in the future is refused."""
    now = today or date.today()
    if text is None or not text.strip():
        return now
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"--date: '{text}' is not a date like 2026-04-07") from None
    if day > now:
        raise InvalidInput(f"--date: {day.isoformat()} is in the future")
    return day


def build_sets(request: LogRequest, first_order: int) -> list[PerformedSet]:
    """The sets of one ``log add`` call, checked: counts agree and values are in range."""
    reps, seconds, weights = request.reps, request.seconds, request.weights
    count = max(len(reps), len(seconds), 1 if not (reps or seconds) else 0)
    if not reps and not seconds:
        raise InvalidInput("give --reps (e.g. 12,12,10) or --seconds for a timed hold")
    for name, values in (("--reps", reps), ("--seconds", seconds), ("--weight", weights)):
        if len(values) not in (0, 1, count):
            raise InvalidInput(
                f"{name}: {len(values)} values for {count} sets; give one value or one per set"
            )
    for r in reps:
        if not 0 <= r <= MAX_REPS:
            raise InvalidInput(f"--reps: {r} is not between 0 and {MAX_REPS}")
    for s in seconds:
        if not 0 < s <= MAX_SECONDS:
            raise InvalidInput(f"--seconds: {s:g} is not between 0 and {MAX_SECONDS}")
    for w in weights:
        if not 0 <= w <= MAX_WEIGHT:
            raise InvalidInput(f"--weight: {w:g} is not between 0 and {MAX_WEIGHT:g}")
    if request.rir is not None and request.rpe is not None:
        raise InvalidInput("--rir and --rpe exclude each other; give one")
    if request.rir is not None and not 0 <= request.rir <= 10:
        raise InvalidInput(f"--rir: {request.rir:g} is not between 0 and 10")
    if request.rpe is not None and not 1 <= request.rpe <= 10:
        raise InvalidInput(f"--rpe: {request.rpe:g} is not between 1 and 10")
    if request.pain is not None and not 0 <= request.pain <= 10:
        raise InvalidInput(f"--pain: {request.pain} is not between 0 and 10")

    def pick(values: Sequence[Any], i: int) -> Any:
        if not values:
            return None
        return values[0] if len(values) == 1 else values[i]

    sets = []
    for i in range(count):
        weight = pick(weights, i)
        sets.append(
            PerformedSet(
                exercise=request.exercise,
                order=first_order + i,
                set_type=request.set_type,
                weight=weight,
                unit=request.unit if weight is not None else None,
                reps=int(pick(reps, i)) if reps else None,
                seconds=pick(seconds, i),
                rir=request.rir,
                rpe=request.rpe,
                tempo=request.tempo,
                pain=request.pain,
                notes=request.notes,
            )
        )
    return sets


def normalize_tempo(text: str | None) -> str | None:
    """A tempo in the canonical ``3-2-1-2`` form, or None; InvalidInput when it does not parse."""
    if text is None or not text.strip():
        return None
    return str(Tempo.parse(text))


def log_sets(uow: UnitOfWork, request: LogRequest, *, catalog: Catalog | None = None) -> LogResult:
    """Record one exercise's sets in that day's workout (created when the day has none).

    The exercise must be in the catalog or among the user's custom exercises (UnknownExercise
    with suggestions otherwise). The unit defaults to the profile's.
    """
    known = known_exercises(uow, catalog)
    known.get(request.exercise)  # raises UnknownExercise with the closest ids
    day = request.day or date.today()
    unit = request.unit or (uow.profile.get().unit if request.weights else None)
    request = LogRequest(**{**request.__dict__, "unit": unit, "day": day})
    build_sets(request, 1)  # refuse bad values before anything is written
    started = datetime.now().replace(microsecond=0) if day == date.today() else None
    # Found or created in one race-free step: concurrent `log add` share one workout a day.
    workout_id, created = uow.workouts.log_workout_for(
        day, started or datetime.combine(day, time(0, 0)), LOG_TITLE, LOG_SOURCE
    )
    existing = uow.workouts.get(workout_id)
    first = 1 + max((s.order for s in existing.sets), default=0) if existing else 1
    stored = uow.workouts.append_sets(workout_id, build_sets(request, first))
    return LogResult(workout_id, created, day, stored)


def day_workout(uow: UnitOfWork, day: date) -> Workout | None:
    """The latest workout logged with strongback on that day, if any."""
    start = datetime.combine(day, time(0, 0))
    found = [
        w
        for w in uow.workouts.list(since=start, until=start + timedelta(days=1))
        if w.source == LOG_SOURCE
    ]
    return found[-1] if found else None


# -- reading and deleting --------------------------------------------------------------------


def set_record(workout: Workout, s: PerformedSet) -> dict[str, Any]:
    """The public JSON shape of one logged set with its workout's date and title."""
    return {
        "id": s.id,
        "workout_id": workout.id,
        "date": workout.started_at.date().isoformat(),
        "started_at": workout.started_at.isoformat(),
        "workout_title": workout.title,
        "exercise": s.exercise,
        "imported_as": s.imported_as,
        "order": s.order,
        "set_type": s.set_type.value if isinstance(s.set_type, SetType) else s.set_type,
        "weight": s.weight,
        "unit": s.unit.value if s.unit is not None else None,
        "reps": s.reps,
        "seconds": s.seconds,
        "distance_m": s.distance_m,
        "side": s.side.value if s.side is not None else None,
        "rpe": s.rpe,
        "rir": s.rir,
        "tempo": s.tempo,
        "pain": s.pain,
        "notes": s.notes,
    }


def history_records(
    uow: UnitOfWork, *, last: int | None = None, exercise: str | None = None
) -> list[dict[str, Any]]:
    """Every set (or those of the last N workouts, or of one exercise), oldest first."""
    if last is not None and last < 1:
        raise InvalidInput(f"--last: {last} is not 1 or more")
    if exercise is not None:
        known_exercises(uow).get(exercise)  # an unknown id fails with suggestions
    workouts = uow.workouts.list(last=last, exercise=exercise)
    return [set_record(w, s) for w in workouts for s in w.sets]


def describe_set(uow: UnitOfWork, set_id: int) -> str:
    """A one-line description of one of the user's sets; InvalidInput when there is none."""
    workout_id = uow.workouts.workout_of_set(set_id)
    workout = uow.workouts.get(workout_id) if workout_id is not None else None
    found = [s for s in workout.sets if s.id == set_id] if workout else []
    if workout is None or not found:
        raise InvalidInput(f"no set with id {set_id}")
    return f"set {set_id}: {workout.started_at.date().isoformat()} {format_set(found[0])}"


def describe_workout(uow: UnitOfWork, workout_id: int) -> str:
    """A one-line description of one of the user's workouts; InvalidInput when there is none."""
    workout = uow.workouts.get(workout_id)
    if workout is None:
        raise InvalidInput(f"no workout with id {workout_id}")
    return (
        f"workout {workout_id}: {workout.started_at.date().isoformat()} {workout.title!r} "
        f"with {len(workout.sets)} set(s)"
    )


def format_set(s: PerformedSet) -> str:
    """``lat-pulldown 40 kg x 12 @ RIR 2`` and the like."""
    parts = [s.exercise]
    if s.weight is not None:
        parts.append(f"{s.weight:g} {s.unit.value if s.unit else ''}".strip())
    if s.reps is not None:
        parts.append(f"x {s.reps}")
    if s.seconds is not None:
        parts.append(f"{s.seconds:g} s")
    if s.rir is not None:
        parts.append(f"@ RIR {s.rir:g}")
    elif s.rpe is not None:
        parts.append(f"@ RPE {s.rpe:g}")
    return " ".join(parts)


__all__ = [
    "LOG_SOURCE",
    "PROFILE_OPTIONS",
    "LogRequest",
    "LogResult",
    "build_sets",
    "day_workout",
    "describe_set",
    "describe_workout",
    "format_set",
    "history_records",
    "known_exercises",
    "log_sets",
    "normalize_tempo",
    "parse_day",
    "parse_int",
    "parse_number",
    "parse_numbers",
    "parse_unit",
    "set_record",
    "update_profile",
]
