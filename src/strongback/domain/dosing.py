"""Default dosing shared by the planner and progression: rep ranges, rest and effort targets.

Numbers come from training-science.md; defaults marked there with ⚙ are our own choices built on the
cited facts.
"""

from __future__ import annotations

from strongback.domain.exercise import Exercise, RepRange
from strongback.domain.vocab import Goal, Level, Pattern

COMPOUND_PULLS = frozenset({Pattern.VERTICAL_PULL, Pattern.HORIZONTAL_PULL})
HINGES_AND_SQUATS = frozenset({Pattern.HIP_HINGE, Pattern.SQUAT, Pattern.SPLIT_SQUAT})
ACCESSORIES = frozenset({Pattern.REAR_DELT, Pattern.SHOULDER_ELEVATION, Pattern.BACK_EXTENSION})
DRILLS = frozenset({Pattern.MOBILITY, Pattern.ANTI_EXTENSION, Pattern.ANTI_ROTATION})
# A deload week stops every set with 4 or more reps in reserve [JP19][ROG24].
DELOAD_RIR = 4


def is_compound(exercise: Exercise) -> bool:
    """Multi-joint pulls, hinges and squats: the heavy work that goes first in a session."""
    return exercise.pattern in COMPOUND_PULLS | HINGES_AND_SQUATS


def rep_range(exercise: Exercise, goal: Goal, level: Level) -> RepRange:
    """Working rep range for a loaded exercise.

    Strength: mostly 1-6RM for trained lifters, 8-12RM for novices [ACSM09]; hypertrophy 8-12,
    6-12 for advanced [ACSM09][TREK]; endurance above 15 (10-25) [ACSM09]. Accessories stay in
    moderate to high reps, since a heavy rear-delt set is mostly momentum.
    """
    compound = is_compound(exercise)
    if goal is Goal.STRENGTH:
        if level is Level.BEGINNER:
            return RepRange(min=8, max=12)
        return RepRange(min=4, max=6) if compound else RepRange(min=8, max=12)
    if goal is Goal.ENDURANCE:
        return RepRange(min=15, max=20)
    if goal is Goal.BACK_HEALTH:
        return RepRange(min=10, max=15)
    if level is Level.ADVANCED and compound:
        return RepRange(min=6, max=10)
    return RepRange(min=8, max=12) if compound else RepRange(min=12, max=15)


def rest_seconds(exercise: Exercise, goal: Goal) -> int:
    """Rest between sets.

    ⚙ heavy rows, pull-ups and hinges 2-3 min (3-5 for strength) [ACSM09][DS09][RI11]; cable and
    machine back work 90-120 s [MIR07]; rear delts 60-90 s; endurance under 90 s [ACSM09][WIL06].
    Unloaded drills get a short transition.
    """
    if exercise.pattern in DRILLS and not exercise.loaded:
        return 30
    if goal is Goal.ENDURANCE:
        return 60
    compound = is_compound(exercise)
    if goal is Goal.STRENGTH:
        return 180 if compound else 90
    if compound:
        return 120 if exercise.loaded or exercise.pattern in COMPOUND_PULLS else 90
    if exercise.pattern in DRILLS:
        return 45
    return 75


def target_rir(exercise: Exercise, level: Level) -> int:
    """Reps in reserve to aim for.

    ⚙ novice 2-4 RIR, intermediate 1-3, advanced 0-2 on isolation and 1-3 on heavy compounds;
    never 0 RIR on deadlifts or heavy rows [Z16][H16][ROB24].
    """
    compound = is_compound(exercise)
    if level is Level.BEGINNER:
        return 3 if compound else 2
    if level is Level.INTERMEDIATE:
        return 2
    return 2 if exercise.pattern in HINGES_AND_SQUATS else 1


__all__ = [
    "ACCESSORIES",
    "COMPOUND_PULLS",
    "DELOAD_RIR",
    "DRILLS",
    "HINGES_AND_SQUATS",
    "is_compound",
    "rep_range",
    "rest_seconds",
    "target_rir",
]
