"""The numbers and vocabularies of the method that the planner and the principle checks share.

Volume counts direct sets as 1 and indirect sets as 0.5 [PEL24]; to keep the solver in integers a
set is counted here in half-set units (primary muscle 2, secondary 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from strongback.domain.dosing import DELOAD_RIR, DRILLS, is_compound, rep_range
from strongback.domain.exercise import Exercise, RepRange
from strongback.domain.vocab import Equipment, Goal, Level, Muscle, Pattern, Section

HALF = 2
"""Half-set units per direct set [PEL24]."""

HARD_DAY_SETS = 4
"""A muscle is loaded hard on a day from 4 weighted sets on; such days are never back to back
(>= 48 h between sessions for the same muscles) [ACSMG][RPTR]."""


class Group(StrEnum):
    """The main back muscles whose weekly hard sets must sit in a band."""

    LATS = "lats"
    UPPER_BACK = "upper-back"
    REAR_DELTS = "rear-delts"
    ERECTORS = "erector-spinae"


GROUP_MUSCLES: dict[Group, frozenset[Muscle]] = {
    Group.LATS: frozenset({Muscle.LATS}),
    Group.UPPER_BACK: frozenset({Muscle.TRAPS, Muscle.RHOMBOIDS}),
    Group.REAR_DELTS: frozenset({Muscle.REAR_DELTS}),
    Group.ERECTORS: frozenset({Muscle.ERECTOR_SPINAE}),
}

GROUP_LABEL: dict[Group, str] = {
    Group.LATS: "lats",
    Group.UPPER_BACK: "upper back (traps, rhomboids)",
    Group.REAR_DELTS: "rear delts",
    Group.ERECTORS: "lower back (erector spinae)",
}

# ⚙ Weekly hard sets for the lats and the upper back: novice 6-10 near MEV [ACSM09][SOK17],
# intermediate 10-16 [BV22][PEL24], advanced 14-20 [ACSM09][RPVL]; strength needs fewer sets
# since strength flattens sooner [PEL24]; endurance and back-health sit lower still.
_MAIN_BAND: dict[tuple[Level, Goal], tuple[int, int]] = {
    (Level.BEGINNER, Goal.HYPERTROPHY): (6, 10),
    (Level.BEGINNER, Goal.STRENGTH): (6, 10),
    (Level.BEGINNER, Goal.ENDURANCE): (6, 10),
    (Level.BEGINNER, Goal.BACK_HEALTH): (4, 8),
    (Level.INTERMEDIATE, Goal.HYPERTROPHY): (10, 16),
    (Level.INTERMEDIATE, Goal.STRENGTH): (8, 12),
    (Level.INTERMEDIATE, Goal.ENDURANCE): (8, 14),
    (Level.INTERMEDIATE, Goal.BACK_HEALTH): (6, 10),
    (Level.ADVANCED, Goal.HYPERTROPHY): (14, 20),
    (Level.ADVANCED, Goal.STRENGTH): (10, 16),
    (Level.ADVANCED, Goal.ENDURANCE): (10, 16),
    (Level.ADVANCED, Goal.BACK_HEALTH): (8, 12),
}


@dataclass(frozen=True)
class Band:
    """An inclusive band of weekly hard sets (in whole sets; halves allowed in counts)."""

    low: float
    high: float

    def __str__(self) -> str:
        return f"{_num(self.low)}-{_num(self.high)}"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def volume_bands(level: Level, goal: Goal) -> dict[Group, Band]:
    """Weekly hard-set bands per main back muscle for a level and goal.

    The lats and the upper back take the main band; ⚙ the rear delts (MEV 8 against 10 for the
    back [RP17]) take 60 % of its floor, the erectors half its floor and three quarters of its
    ceiling, since every hinge and row already loads them isometrically.
    """
    low, high = _MAIN_BAND[(level, goal)]
    return {
        Group.LATS: Band(low, high),
        Group.UPPER_BACK: Band(low, high),
        Group.REAR_DELTS: Band(math.ceil(low * 0.6), high),
        Group.ERECTORS: Band(math.ceil(low / 2), math.ceil(high * 0.75)),
    }


def muscle_weights(exercise: Exercise) -> dict[Muscle, int]:
    """Half-set units per set for every muscle the exercise works (2 primary, 1 secondary)."""
    out: dict[Muscle, int] = {m: 1 for m in exercise.secondary_muscles}
    out.update({m: HALF for m in exercise.primary_muscles})
    return out


def group_weights(exercise: Exercise) -> dict[Group, int]:
    """Half-set units per set for each main back group (the best of its muscles)."""
    weights = muscle_weights(exercise)
    out: dict[Group, int] = {}
    for group, muscles in GROUP_MUSCLES.items():
        best = max((weights.get(m, 0) for m in muscles), default=0)
        if best:
            out[group] = best
    return out


def is_drill(exercise: Exercise) -> bool:
    """Mobility, anti-extension and anti-rotation work: never counted as hard sets."""
    return exercise.pattern in DRILLS


def is_mobility_core(exercise: Exercise) -> bool:
    """An item of the mobility-core section (or an imported exercise classified like one)."""
    return exercise.section is Section.MOBILITY_CORE or exercise.pattern in DRILLS


def is_lower_back(exercise: Exercise) -> bool:
    """Lower-back work: a back extension or a hip hinge."""
    return exercise.pattern in (Pattern.BACK_EXTENSION, Pattern.HIP_HINGE)


def is_unilateral(exercise: Exercise) -> bool:
    """One side at a time or alternating sides."""
    return exercise.laterality.value != "bilateral"


class Requirement(StrEnum):
    """Weekly coverage principles of the method (section 3 of the facts)."""

    VERTICAL_PULL = "vertical-pull"
    HORIZONTAL_PULL = "horizontal-pull"
    REAR_DELT = "rear-delt"
    LOWER_BACK = "lower-back"
    MOBILITY = "mobility"


REQUIREMENT_TEXT: dict[Requirement, str] = {
    Requirement.VERTICAL_PULL: "no vertical pull",
    Requirement.HORIZONTAL_PULL: "no horizontal pull",
    Requirement.REAR_DELT: "no rear-delt work",
    Requirement.LOWER_BACK: "no lower-back work",
    Requirement.MOBILITY: "fewer than two mobility-core items",
}

MOBILITY_ITEMS_PER_WEEK = 2
MOBILITY_ITEMS_PER_PAIN_SESSION = 2


def meets(requirement: Requirement, exercise: Exercise) -> bool:
    """True when the exercise counts toward the requirement."""
    if requirement is Requirement.VERTICAL_PULL:
        return exercise.pattern is Pattern.VERTICAL_PULL
    if requirement is Requirement.HORIZONTAL_PULL:
        return exercise.pattern is Pattern.HORIZONTAL_PULL
    if requirement is Requirement.REAR_DELT:
        return exercise.pattern is Pattern.REAR_DELT
    if requirement is Requirement.LOWER_BACK:
        return is_lower_back(exercise)
    return is_mobility_core(exercise)


def equipment_that_meets(requirement: Requirement, exercises: list[Exercise]) -> list[str]:
    """Equipment options (each a ``+``-joined set) that would make the requirement possible."""
    options: set[str] = set()
    for e in exercises:
        if meets(requirement, e):
            if e.needs_nothing:
                return []
            options.update("+".join(sorted(x.value for x in alt)) for alt in e.equipment)
    return sorted(options)


class Intensity(StrEnum):
    """The day's loading: a heavy, a moderate or a light rep range (variety of rep ranges)."""

    HEAVY = "heavy"
    MODERATE = "moderate"
    LIGHT = "light"


INTENSITIES = (Intensity.HEAVY, Intensity.MODERATE, Intensity.LIGHT)

# Accessories stay moderate to light: a heavy rear-delt or back-extension set is mostly momentum.
_NO_HEAVY = frozenset({Pattern.REAR_DELT, Pattern.SHOULDER_ELEVATION, Pattern.BACK_EXTENSION})


def day_reps(
    exercise: Exercise, goal: Goal, level: Level, intensity: Intensity, *, gentle: bool = False
) -> RepRange:
    """Working reps for a loaded exercise on a heavy, moderate or light day.

    The moderate day uses the shared dosing range; ⚙ a heavy day sits below it and a light day
    above it, so a week covers several rep ranges (growth at any load near failure, strength from
    heavy loads [S21][SGOK17]). Novices stay inside their 8-12RM (hypertrophy and strength
    alike [ACSM09][TREK]): ⚙ the low, middle and top of their range (8-10 / 10-12 / 12-15 for an
    8-12 range). Hand-held implements (kettlebell, dumbbells, band) cannot be loaded into low
    reps safely or usefully, so ``rep_floor`` keeps those lifts off 3-5 rep sets. ``gentle`` (a
    hinge returning after back pain) never goes heavy.
    """
    if not exercise.loaded and exercise.dose is not None:
        # Bodyweight work (pull-ups, back extensions) cannot be loaded up or down: its own range.
        own = exercise.dose.reps or exercise.dose.reps_per_side
        if own is not None:
            return own
    base = rep_range(exercise, goal, level)
    if intensity is Intensity.HEAVY and (gentle or exercise.pattern in _NO_HEAVY):
        intensity = Intensity.MODERATE
    if level is Level.BEGINNER:
        # Within the novice 8-15: from the bottom of the range (9 at most) to 15 in thirds.
        low, high = max(NOVICE_REPS.min, min(base.min, 9)), min(NOVICE_REPS.max, base.max + 3)
        if intensity is Intensity.HEAVY:
            rng = RepRange(min=low, max=low + 2)
        elif intensity is Intensity.MODERATE:
            rng = RepRange(min=low + 2, max=high - 3)
        else:
            rng = RepRange(min=high - 3, max=high)
    elif intensity is Intensity.MODERATE:
        rng = base
    elif intensity is Intensity.HEAVY:
        high = base.min - 1 if base.min > 6 else base.min
        low = max(3, high - 2)
        rng = RepRange(min=low, max=max(high, low))
    else:
        span = max(3, base.max - base.min)
        rng = RepRange(min=base.max, max=min(30, base.max + span))
    floor = rep_floor(exercise)
    if rng.min < floor:
        # Raised to the floor, the days keep their order: floor+0/2/4 to floor+2/4/7.
        step = INTENSITIES.index(intensity)
        rng = RepRange(min=floor + 2 * step, max=floor + 2 + 2 * step + (step == 2))
    return _within(rng, goal_reps(goal, level))


NOVICE_REPS = RepRange(min=8, max=15)
"""Novices train in their 8-12RM for size and strength and at 10-15 reps for endurance [ACSM09]:
every loaded range a beginner is given stays within 8-15 reps."""

_GOAL_REPS: dict[Goal, RepRange] = {
    Goal.STRENGTH: RepRange(min=3, max=12),
    Goal.HYPERTROPHY: RepRange(min=4, max=20),
    Goal.ENDURANCE: RepRange(min=12, max=25),
    Goal.BACK_HEALTH: RepRange(min=6, max=20),
}


def goal_reps(goal: Goal, level: Level) -> RepRange:
    """Every loaded range of a plan stays within its goal's reps.

    Novices: 8-15 whatever the goal (``NOVICE_REPS``). ⚙ Trained lifters: strength 3-12 (heavy
    compounds 1-6RM, accessories 8-12RM [ACSM09]), so no hand-held hinge or rear-delt set runs to
    15 reps under a strength goal; hypertrophy 4-20 (growth from any load taken near failure, a
    counted set being 5-30 reps [S21][RPVL]); endurance 12-25 (10-25 [ACSM09]); back health 6-20.
    """
    return NOVICE_REPS if level is Level.BEGINNER else _GOAL_REPS[goal]


def _within(rng: RepRange, bounds: RepRange) -> RepRange:
    """The range moved into ``bounds``, keeping its width where it fits."""
    width = min(rng.max - rng.min, bounds.max - bounds.min)
    low = min(max(rng.min, bounds.min), bounds.max - width)
    return RepRange(min=low, max=low + width)


HAND_HELD = frozenset({Equipment.KETTLEBELL, Equipment.DUMBBELLS, Equipment.BAND})
_SUPPORT = frozenset({Equipment.BENCH, Equipment.MAT})


def rep_floor(exercise: Exercise) -> int:
    """The fewest working reps a loaded exercise is given on any day.

    ⚙ Work done only with a kettlebell, dumbbells or a band (goblet squats, kettlebell RDLs, the
    chest-loaded good morning, dumbbell rows) stays at 6 reps or more, and hip hinges held that
    way at the bottom of their own catalog range (8-12 for the good morning and the RDL in the
    facts file): a 3-rep goblet squat or good morning is limited by the grip and the trunk, not
    the target muscles. Barbell, cable and machine work may go as low as 3 reps [ACSM09].
    """
    alternatives = exercise.equipment
    if not alternatives or not all(alt - _SUPPORT <= HAND_HELD for alt in alternatives):
        return 3
    own = exercise.dose.reps or exercise.dose.reps_per_side if exercise.dose else None
    if exercise.pattern is Pattern.HIP_HINGE and own is not None:
        return max(6, own.min)
    return 6 if own is None else max(6, own.min - 2)


def is_heavy_compound(exercise: Exercise) -> bool:
    """Compounds keep a rep in reserve: never 0 RIR on deadlifts or heavy rows (⚙)."""
    return is_compound(exercise)


def rep_bracket(reps: float) -> str:
    """The rep range a set belongs to: heavy (<= 6), moderate (7-12) or light (13+)."""
    if reps <= 6:
        return "heavy (1-6)"
    if reps <= 12:
        return "moderate (7-12)"
    return "light (13+)"


# Deloads: every 4-6 weeks [ROG24]; ⚙ cut the sets in half and train at 4+ RIR (DELOAD_RIR,
# shared with progression in dosing) [JP19].
DELOAD_SET_FACTOR = 0.5


def deload_weeks(weeks: int) -> tuple[int, ...]:
    """Which weeks (1-based) are deloads: none under 5 weeks, then one every 4-6 weeks.

    ⚙ The cycle is the first of 4, 5, 6 weeks that divides the plan, so it ends on a deload;
    otherwise 4 weeks, with the loading weeks after the last deload starting the next block.
    """
    if weeks < 5:
        return ()
    cycle = next((c for c in (4, 5, 6) if weeks % c == 0), 4)
    return tuple(range(cycle, weeks + 1, cycle))


def equipment_label(equipment: frozenset[Equipment]) -> str:
    """The owned equipment in words."""
    return ", ".join(sorted(e.value for e in equipment)) or "none"


__all__ = [
    "DELOAD_RIR",
    "DELOAD_SET_FACTOR",
    "GROUP_LABEL",
    "GROUP_MUSCLES",
    "HALF",
    "HARD_DAY_SETS",
    "INTENSITIES",
    "MOBILITY_ITEMS_PER_PAIN_SESSION",
    "MOBILITY_ITEMS_PER_WEEK",
    "NOVICE_REPS",
    "REQUIREMENT_TEXT",
    "Band",
    "Group",
    "Intensity",
    "Requirement",
    "day_reps",
    "deload_weeks",
    "equipment_label",
    "equipment_that_meets",
    "goal_reps",
    "group_weights",
    "is_drill",
    "is_heavy_compound",
    "is_lower_back",
    "is_mobility_core",
    "is_unilateral",
    "meets",
    "muscle_weights",
    "rep_bracket",
    "rep_floor",
    "volume_bands",
]
