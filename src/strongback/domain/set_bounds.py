"""The bounds of a performed set, one rule for every way a set comes in (logging, import, API).

A negative load means assistance (an assisted pull-up takes 20 kg off the body); only movements
loaded by the body itself take it. Loads are numbers in their own unit, so one bound holds for
kg and lb alike: 2,000 is beyond any lift in either.
"""

from __future__ import annotations

from strongback.domain.errors import InvalidInput
from strongback.domain.exercise import Exercise

MAX_REPS = 1000
MAX_SECONDS = 24 * 3600
MAX_WEIGHT = 2000.0
MAX_DISTANCE_M = 1_000_000.0
MAX_RIR = 10.0
MIN_RPE, MAX_RPE = 1.0, 10.0
MAX_PAIN = 10


def allows_assistance(exercise: Exercise | None) -> bool:
    """True when a negative load (assistance) makes sense: a movement the body loads, or one
    the catalog does not know."""
    return exercise is None or not exercise.loaded


def check_weight(weight: float, exercise: Exercise | None = None) -> None:
    """Refuse a load out of bounds; InvalidInput names the field ``weight``."""
    if weight != weight or abs(weight) == float("inf"):
        raise InvalidInput(f"{{weight}}: '{weight}' is not a number", field="weight")
    low = -MAX_WEIGHT if allows_assistance(exercise) else 0.0
    if weight < 0 and low == 0.0:
        assert exercise is not None
        raise InvalidInput(
            f"{{weight}}: {weight:g} is below 0; a negative load is assistance, which only "
            f"bodyweight movements take ({exercise.id} is loaded)",
            field="weight",
        )
    if not low <= weight <= MAX_WEIGHT:
        raise InvalidInput(
            f"{{weight}}: {weight:g} is not between {low:g} and {MAX_WEIGHT:g}", field="weight"
        )


def check_reps(reps: int) -> None:
    """Refuse a rep count out of bounds (0 is a failed set)."""
    if not 0 <= reps <= MAX_REPS:
        raise InvalidInput(f"{{reps}}: {reps} is not between 0 and {MAX_REPS}", field="reps")


def check_seconds(seconds: float) -> None:
    """Refuse a duration out of bounds."""
    if not 0 < seconds <= MAX_SECONDS:
        raise InvalidInput(
            f"{{seconds}}: {seconds:g} is not between 0 and {MAX_SECONDS}", field="seconds"
        )


def check_effort(rir: float | None, rpe: float | None) -> None:
    """Refuse RIR and RPE given together or out of bounds."""
    if rir is not None and rpe is not None:
        raise InvalidInput("rir and rpe exclude each other; give one", field="rir")
    if rir is not None and not 0 <= rir <= MAX_RIR:
        raise InvalidInput(f"{{rir}}: {rir:g} is not between 0 and {MAX_RIR:g}", field="rir")
    if rpe is not None and not MIN_RPE <= rpe <= MAX_RPE:
        raise InvalidInput(
            f"{{rpe}}: {rpe:g} is not between {MIN_RPE:g} and {MAX_RPE:g}", field="rpe"
        )


def check_pain(pain: int | None) -> None:
    """Refuse a pain score outside 0-10."""
    if pain is not None and not 0 <= pain <= MAX_PAIN:
        raise InvalidInput(f"{{pain}}: {pain} is not between 0 and {MAX_PAIN}", field="pain")


__all__ = [
    "MAX_DISTANCE_M",
    "MAX_PAIN",
    "MAX_REPS",
    "MAX_RIR",
    "MAX_RPE",
    "MAX_SECONDS",
    "MAX_WEIGHT",
    "MIN_RPE",
    "allows_assistance",
    "check_effort",
    "check_pain",
    "check_reps",
    "check_seconds",
    "check_weight",
]
