"""What an athlete's logged history gives a plan: the exercises they already do that serve a
required pattern (which a plan may keep), and each exercise's first load.

A first load comes from the exercise's own recent working sets when the history holds them, else
from a conservative share of a related lift's estimated max (same movement pattern), else none:
the reason then says to start light. Loads are in the athlete's unit, rounded down to what the
implement comes in: an owned dumbbell or kettlebell, else the usual sizes (kettlebells in 4 kg
jumps, a dumbbell rack, a bar with plates, a cable stack's steps).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from strongback.domain.catalog import Catalog
from strongback.domain.e1rm import estimate_e1rm, load_for_reps
from strongback.domain.errors import InvalidInput
from strongback.domain.exercise import Exercise
from strongback.domain.planning.principles import HAND_HELD, Requirement, is_drill, meets
from strongback.domain.profile import UserProfile
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import KG_PER_LB, Equipment, WeightUnit

RECENT_SESSIONS = 3
"""The best estimated max over this many most recent sessions: recent working sets, not one."""

MAX_EFFECTIVE_REPS = 12.0
"""Sets past 12 effective reps give rough estimates [WHI03]; they do not set a first load."""

BREAKS: tuple[tuple[int, float], ...] = ((26, 0.8), (8, 0.9))
"""⚙ A lift last done over 8 weeks ago starts 10 % lighter than its old estimate suggests, over
26 weeks ago 20 % lighter."""

SAME_IMPLEMENT_SHARE = 0.8
HAND_HELD_SHARE = 0.3
OTHER_SHARE = 0.6
"""⚙ Share of a related lift's estimated max a first estimate starts from: another variant with
the same kind of implement 80 %; a dumbbell or kettlebell lift from a barbell or cable one 40 %
(one bell or one hand per side, grip- and balance-limited, or a bell held at the chest) 30 %;
otherwise 60 %. Deliberately low: the
first sessions then correct it upward at the planned reps in reserve."""

REQUIRED_PATTERNS = (
    Requirement.VERTICAL_PULL,
    Requirement.HORIZONTAL_PULL,
    Requirement.REAR_DELT,
    Requirement.LOWER_BACK,
)
"""The weekly requirements an athlete's own exercise may serve when kept in a plan."""


@dataclass(frozen=True)
class LiftRecord:
    """One loaded exercise in the history: its recent best estimated max (kg) and the set it
    came from, the day last done and how many sessions hold it."""

    exercise: str
    e1rm_kg: float
    weight_kg: float
    reps: int
    last_day: date
    sessions: int


@dataclass(frozen=True)
class AthleteHistory:
    """The lifts of a history, the athlete's unit and owned implements, and the day it is read."""

    lifts: Mapping[str, LiftRecord]
    today: date
    unit: WeightUnit = WeightUnit.KG
    owned: UserProfile = field(default_factory=UserProfile)


def read_lifts(workouts: Iterable[Workout], catalog: Catalog) -> dict[str, LiftRecord]:
    """Per loaded exercise, the best estimated max of its last ``RECENT_SESSIONS`` sessions with
    working sets (warm-ups, unloaded sets and sets past 12 effective reps left out)."""
    by_exercise: dict[str, list[tuple[date, float, PerformedSet]]] = {}
    for w in sorted(workouts, key=lambda w: w.started_at):
        best: dict[str, tuple[float, PerformedSet]] = {}
        for s in w.sets:
            e1rm = _set_e1rm(s, catalog)
            if e1rm is not None and e1rm > best.get(s.exercise, (0.0, s))[0]:
                best[s.exercise] = (e1rm, s)
        for ex, (e1rm, s) in best.items():
            by_exercise.setdefault(ex, []).append((w.day, e1rm, s))
    out: dict[str, LiftRecord] = {}
    for ex, rows in by_exercise.items():
        _day, e1rm, s = max(rows[-RECENT_SESSIONS:], key=lambda r: r[1])
        assert s.weight_kg is not None and s.reps is not None
        out[ex] = LiftRecord(ex, e1rm, s.weight_kg, s.reps, rows[-1][0], len(rows))
    return out


def _set_e1rm(s: PerformedSet, catalog: Catalog) -> float | None:
    exercise = catalog.find(s.exercise)
    if exercise is None or not exercise.loaded or s.is_warm_up:
        return None
    if not s.weight_kg or s.weight_kg <= 0 or not s.reps or s.reps < 1:
        return None
    rir = s.effective_rir
    if s.reps + (rir or 0.0) > MAX_EFFECTIVE_REPS:
        return None
    try:
        return estimate_e1rm(s.weight_kg, s.reps, rir).estimate
    except InvalidInput:
        return None


def own_exercises(
    history: AthleteHistory,
    catalog: Catalog,
    equipment: frozenset[Equipment],
    avoid: Sequence[str] = (),
) -> tuple[str, ...]:
    """Per required pattern, the athlete's most practised exercise that serves it and their
    equipment allows (the curated ones aside: they are in every plan's choice anyway)."""
    kept: list[str] = []
    for req in REQUIRED_PATTERNS:
        served = [
            (rec.sessions, rec.last_day, ex.id)
            for rec in history.lifts.values()
            if (ex := catalog.find(rec.exercise)) is not None
            and ex.source != "strongback"
            and meets(req, ex)
            and ex.doable_with(equipment)
            and ex.id not in avoid
        ]
        if served:
            best = max(served)[2]
            if best not in kept:
                kept.append(best)
    return tuple(kept)


def check_kept(exercise: Exercise, equipment: frozenset[Equipment]) -> None:
    """InvalidInput unless the exercise can be kept: it serves a required pattern, the equipment
    allows it, and it is not a drill."""
    if is_drill(exercise) or not any(meets(r, exercise) for r in REQUIRED_PATTERNS):
        raise InvalidInput(
            f"{{keep}}: {exercise.id} is a {exercise.pattern.value} exercise; a plan keeps only "
            "a vertical pull, a horizontal pull, rear-delt or lower-back work",
            field="keep",
        )
    if not exercise.doable_with(equipment):
        raise InvalidInput(
            f"{{keep}}: {exercise.id} needs equipment not in the profile", field="keep"
        )


@dataclass(frozen=True)
class FirstLoad:
    """A first load in the athlete's unit and the words saying where it came from."""

    weight: float
    unit: WeightUnit
    source: str


def first_load(
    exercise: Exercise,
    reps: int,
    rir: int,
    history: AthleteHistory,
    catalog: Catalog,
) -> FirstLoad | None:
    """The first load for ``reps`` at ``rir``: from the exercise's own recent sets, else from a
    related lift's estimated max, else None."""
    own = history.lifts.get(exercise.id)
    if own is not None:
        kg = load_for_reps(own.e1rm_kg, reps, rir)
        source = (
            f"first load from your recent sets (best {_w(own.weight_kg, history.unit)} x "
            f"{own.reps}, estimated max {_w(own.e1rm_kg, history.unit)})"
        )
        off = history.today - own.last_day
        for weeks, factor in BREAKS:
            if off > timedelta(weeks=weeks):
                kg *= factor
                source += f", {round(100 * (1 - factor))}% lighter after {off.days // 7} weeks off"
                break
        return _rounded(exercise, kg, history, source)
    related = _related(exercise, history, catalog)
    if related is None:
        return None
    rec, share = related
    kg = load_for_reps(rec.e1rm_kg * share, reps, rir)
    source = (
        f"first load a conservative estimate: {round(100 * share)}% of your {rec.exercise} "
        f"estimated max ({_w(rec.e1rm_kg, history.unit)}); no history of this exercise"
    )
    return _rounded(exercise, kg, history, source)


def _related(
    exercise: Exercise, history: AthleteHistory, catalog: Catalog
) -> tuple[LiftRecord, float] | None:
    """The most practised logged lift of the same movement pattern, and the share of its max."""
    found = [
        (rec.sessions, -rec.e1rm_kg, rec.exercise, other)
        for rec in history.lifts.values()
        if (other := catalog.find(rec.exercise)) is not None
        and other.pattern is exercise.pattern
        and other.id != exercise.id
    ]
    if not found:
        return None
    _n, _e, ex_id, other = max(found)
    return history.lifts[ex_id], _share(other, exercise)


def _implement(exercise: Exercise) -> str:
    alts = exercise.equipment
    if alts and all(alt - {Equipment.BENCH, Equipment.MAT} <= HAND_HELD for alt in alts):
        return "hand-held"
    if any(Equipment.BARBELL in alt for alt in alts):
        return "barbell"
    return "cable-or-machine"


def _share(source: Exercise, target: Exercise) -> float:
    a, b = _implement(source), _implement(target)
    if a == b:
        return SAME_IMPLEMENT_SHARE
    return HAND_HELD_SHARE if b == "hand-held" else OTHER_SHARE


def _rounded(exercise: Exercise, kg: float, history: AthleteHistory, source: str) -> FirstLoad:
    """Down to a load the implement comes in (never below the lightest): the profile's own
    dumbbells and kettlebells when it lists them, else the usual sizes (kettlebells in 4 kg
    jumps, a dumbbell rack, a bar with plates, a stack's steps), in the athlete's unit. An
    exercise done with either dumbbells or a kettlebell may take any of the owned ones."""
    # Imported here: progression's package reads the plan types, which import this module.
    from strongback.domain.progression.loads import EPS, Implement, convert, implements_for, ladder

    owned = history.owned
    implements = implements_for(exercise, owned)
    hand_held = [i for i in implements if i in (Implement.DUMBBELL, Implement.KETTLEBELL)]
    listed = [i for i in hand_held if ladder(i, owned, logged_unit=history.unit).owned]
    chosen = [ladder(i, owned, logged_unit=history.unit) for i in (listed or implements[:1])]
    unit = chosen[0].unit
    rungs = sorted({w for lad in chosen if lad.unit is unit for w in lad.rungs})
    weight = convert(kg, WeightUnit.KG, unit)
    if weight > rungs[-1] + EPS:
        # Said, so a heavier implement the profile does not list can be added to it.
        source += (
            f"; the estimate ({weight:.0f} {unit.value}) is above {chosen[0].note}, so the "
            "heaviest of them"
        )
    fitting = [w for w in rungs if w <= weight + EPS]
    return FirstLoad(weight=max(fitting) if fitting else rungs[0], unit=unit, source=source)


def _w(kg: float, unit: WeightUnit) -> str:
    value = kg / KG_PER_LB if unit is WeightUnit.LB else kg
    return f"{value:.0f} {unit.value}"


__all__ = [
    "REQUIRED_PATTERNS",
    "AthleteHistory",
    "FirstLoad",
    "LiftRecord",
    "check_kept",
    "first_load",
    "own_exercises",
    "read_lifts",
]
