"""The model input of a profile's week templates: its phases, candidates, bands and days."""

from __future__ import annotations

from strongback.domain.catalog import Catalog
from strongback.domain.dosing import COMPOUND_PULLS, is_compound, rest_seconds
from strongback.domain.errors import InfeasibleProfile
from strongback.domain.exercise import Exercise
from strongback.domain.planning.plan_profile import PlanProfile
from strongback.domain.planning.principles import (
    HALF,
    INTENSITIES,
    MOBILITY_ITEMS_PER_PAIN_SESSION,
    Band,
    Group,
    Intensity,
    Requirement,
    day_reps,
    deload_weeks,
    group_weights,
    is_drill,
    is_lower_back,
    is_unilateral,
    meets,
    muscle_weights,
    volume_bands,
)
from strongback.domain.planning.week import (
    Candidate,
    WeekSpec,
)
from strongback.domain.tempo import (
    METHOD_TEMPO,
    TimedItem,
    minutes_for,
    warm_up_sets,
)
from strongback.domain.timeline import session_seconds
from strongback.domain.vocab import Goal, Level

EARLY, NORMAL, DELOAD = "early", "normal", "deload"

SHORT_SESSION_MINUTES = 30
"""⚙ Up to this length, when the usual doses leave a weekly principle uncovered, an item
may take a single set: one or two sets of a
coverage item beat leaving the item out (novices progress on 1-3 sets [ACSM09]), and the model
prices such a dose so it appears only when coverage or the bands need it."""
PAIN_EARLY_WEEKS = 2


def _sets_range(profile: PlanProfile, phase: str) -> tuple[int, int]:
    """Working sets per exercise: novices 1-3 [ACSM09], advanced 3-6 [ACSM09][RPVL]; ⚙ we use
    2-3, 2-4 and 3-5, and 2-3 for back health and the gentle first weeks with back pain."""
    if phase == EARLY or profile.goal is Goal.BACK_HEALTH or profile.level is Level.BEGINNER:
        return (2, 3)
    if profile.level is Level.INTERMEDIATE:
        return (2, 4)
    return (3, 5)


def is_gentle(profile: PlanProfile, exercise: Exercise) -> bool:
    return profile.back_pain and is_lower_back(exercise)


def timed_item(
    exercise: Exercise,
    profile: PlanProfile,
    intensity: Intensity,
    sets: int,
    *,
    first_compound: bool = False,
) -> TimedItem:
    tempo = exercise.default_tempo or METHOD_TEMPO
    rest = rest_seconds(exercise, profile.goal)
    drill = is_drill(exercise)
    dose = exercise.dose
    per_side = bool(dose and dose.per_side)
    if drill and dose is not None:
        reps_range = dose.reps or dose.reps_per_side
        reps = reps_range.max if reps_range else None
        secs = dose.seconds if reps_range is None else None
    else:
        reps = day_reps(
            exercise, profile.goal, profile.level, intensity, gentle=is_gentle(profile, exercise)
        ).max
        secs = None
    return TimedItem(
        tempo=tempo,
        sets=sets,
        rest_seconds=rest,
        reps=reps,
        seconds=secs,
        per_side=per_side,
        warm_up_sets=warm_up_sets(
            compound=is_compound(exercise),
            loaded=exercise.loaded and not drill,
            first_compound=first_compound,
        ),
    )


def _candidate(
    exercise: Exercise, profile: PlanProfile, phase: str, small_doses: bool = False
) -> Candidate:
    drill = is_drill(exercise)
    if drill:
        fixed_sets = exercise.dose.sets if exercise.dose else 2
        low, high = fixed_sets, fixed_sets
    else:
        low, high = _sets_range(profile, phase)
    per_set: list[int] = []
    fixed: list[int] = []
    for intensity in INTENSITIES:
        one = session_seconds([timed_item(exercise, profile, intensity, 1)])
        two = session_seconds([timed_item(exercise, profile, intensity, 2)])
        per_set.append(two - one)
        fixed.append(one - (two - one))
    full = low
    if small_doses:
        low = 1
    return Candidate(
        exercise=exercise,
        drill=drill,
        min_sets=low,
        max_sets=high,
        full_sets=full,
        per_set=(per_set[0], per_set[1], per_set[2]),
        fixed=(fixed[0], fixed[1], fixed[2]),
        muscles={} if drill else muscle_weights(exercise),
        groups={} if drill else group_weights(exercise),
        compound=is_compound(exercise),
        compound_pull=exercise.pattern in COMPOUND_PULLS,
        unilateral=is_unilateral(exercise),
        gentle=is_gentle(profile, exercise),
    )


def _allowed(profile: PlanProfile, catalog: Catalog, phase: str) -> list[Exercise]:
    out = []
    for e in catalog.curated():
        if e.id in profile.avoid or not e.doable_with(profile.equipment):
            continue
        if phase == EARLY and is_lower_back(e):
            continue  # back pain: no loaded hinge and no back extension in the first weeks
        out.append(e)
    return out


def phase_bands(profile: PlanProfile, phase: str) -> dict[Group, Band]:
    """The volume bands of a phase: the early back-pain weeks ask nothing of the erectors."""
    bands = volume_bands(profile.level, profile.goal)
    if phase == EARLY:
        bands[Group.ERECTORS] = Band(0, bands[Group.ERECTORS].high)
    return bands


def build_week_spec(
    profile: PlanProfile,
    catalog: Catalog,
    phase: str,
    *,
    wrap: bool = True,
    after_last: frozenset[object] = frozenset(),
    small_doses: bool = False,
) -> WeekSpec:
    """The model input for one week template of this profile; InfeasibleProfile when no week can
    be built at all."""
    exercises = _allowed(profile, catalog, phase)
    seconds = profile.minutes * 60
    if not exercises:
        raise InfeasibleProfile(
            "every exercise is avoided or needs equipment you do not have "
            f"(equipment: {', '.join(sorted(e.value for e in profile.equipment)) or 'none'})"
        )
    cands = tuple(_candidate(e, profile, phase, small_doses) for e in exercises)
    shortest = min(
        c.seconds(r, c.min_sets) + (60 if c.compound else 0)
        for c in cands
        for r in range(len(INTENSITIES))
    )
    if shortest > seconds:
        raise InfeasibleProfile(
            f"{profile.minutes} minutes cannot hold even one exercise: the shortest one you can "
            f"do takes {minutes_for(shortest)} minutes"
        )
    mobility_per_session = 0
    if profile.back_pain:
        mob = sorted(
            c.seconds(1, c.min_sets) for c in cands if meets(Requirement.MOBILITY, c.exercise)
        )
        need = MOBILITY_ITEMS_PER_PAIN_SESSION
        if len(mob) < need:
            raise InfeasibleProfile(
                f"with back pain every session needs {need} mobility-core items, but only "
                f"{len(mob)} are available with this equipment and --avoid list"
            )
        if sum(mob[:need]) > seconds:
            raise InfeasibleProfile(
                f"with back pain every session needs {need} mobility-core items, which do not fit "
                f"in {profile.minutes} minutes"
            )
        mobility_per_session = need
    requirements = tuple(
        r
        for r in Requirement
        if any(meets(r, c.exercise) for c in cands)
        and not (phase == EARLY and r is Requirement.LOWER_BACK)
    )
    bands = {
        g: (int(b.low * HALF), int(b.high * HALF)) for g, b in phase_bands(profile, phase).items()
    }
    return WeekSpec(
        day_intensity=day_intensities(profile, phase),
        days=profile.weekdays,
        seconds=seconds,
        candidates=cands,
        bands=bands,
        requirements=requirements,
        mobility_per_session=mobility_per_session,
        wrap=wrap,
        after_last=frozenset(after_last),  # type: ignore[arg-type]
    )


def day_intensities(profile: PlanProfile, phase: str) -> dict[int, int]:
    """The loading of each training day, as data: ⚙ heavy, light and moderate days in turn (a
    heavy day is followed by a light one), a single weekly session moderate, and no heavy day in
    the gentle first weeks with back pain. The soft goal of varied rep ranges then holds by
    construction and the model stays small."""
    cycle: tuple[Intensity, ...]
    if len(profile.weekdays) == 1:
        cycle = (Intensity.MODERATE,)
    elif phase == EARLY:
        cycle = (Intensity.MODERATE, Intensity.LIGHT)
    else:
        cycle = (Intensity.HEAVY, Intensity.LIGHT, Intensity.MODERATE)
    return {d: INTENSITIES.index(cycle[k % len(cycle)]) for k, d in enumerate(profile.weekdays)}


def plan_phases(profile: PlanProfile) -> list[str]:
    deloads = set(deload_weeks(profile.weeks))
    out = []
    for w in range(1, profile.weeks + 1):
        if w in deloads:
            out.append(DELOAD)
        elif profile.back_pain and w <= PAIN_EARLY_WEEKS:
            out.append(EARLY)
        else:
            out.append(NORMAL)
    return out


__all__ = [
    "DELOAD",
    "EARLY",
    "NORMAL",
    "PAIN_EARLY_WEEKS",
    "SHORT_SESSION_MINUTES",
    "build_week_spec",
    "day_intensities",
    "is_gentle",
    "phase_bands",
    "plan_phases",
    "timed_item",
]
