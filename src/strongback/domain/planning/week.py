"""One training week as the solver sees it: its input, its solution and the objective scoring it.

A plan is solved a week template at a time (days x exercises x day intensity), with week-to-week
progression and deloads applied as data afterwards. This module holds the values and the
objective's terms; it imports no solver, so the objective is written once here and both CP-SAT
formulations (``session_model``, ``item_model``) build the same ``Terms`` from their variables.

Rules that must always hold are constraints: the equipment (only candidates are offered), each
session fits its minutes, one item at least per session, two mobility-core items per session with
back pain, the same muscle never loaded hard (4+ weighted sets) on adjacent days. Weekly coverage
(vertical pull, horizontal pull, rear delts, lower back, two mobility items) and the volume bands
are priced far above every soft goal, so they hold whenever the profile allows and the plan still
comes out (with a warning) when it does not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from strongback.domain.exercise import Exercise
from strongback.domain.planning.principles import (
    HALF,
    HARD_DAY_SETS,
    MOBILITY_ITEMS_PER_WEEK,
    Group,
    Intensity,
    Requirement,
    meets,
)
from strongback.domain.tempo import WARM_UP_SET_SECONDS
from strongback.domain.vocab import Muscle

# Objective weights. Coverage dominates the bands, which dominate every soft goal together.
W_COVER = 1_000_000
W_BAND = 5_000
W_VOLUME = 12
W_DISTINCT = 20
W_DISTINCT_DRILL = 3
W_REPEAT_HARD = 25
W_REPEAT_DRILL = 2
W_INTENSITY = 40
W_UNILATERAL = 50
W_PULL_SESSION = 30
# A dose below the usual sets (short sessions only) costs more than any soft gain of one more
# item, so it appears only where coverage or the volume bands need it.
W_SMALL_DOSE = 150

HARD_HALF = HARD_DAY_SETS * HALF
"""Half-set units from which a muscle counts as loaded hard on a day."""


@dataclass(frozen=True)
class Candidate:
    """An exercise the week may use, with everything the model needs as integers.

    ``min_sets`` may sit below ``full_sets`` (the usual dose) in short sessions, where one or two
    sets of a coverage item beat leaving it out; such a dose is priced (``W_SMALL_DOSE``).
    ``per_set[i]`` is the seconds one working set adds at intensity ``INTENSITIES[i]`` (the set and
    its rest); ``fixed[i]`` is what the exercise costs once (changeover minus one rest, plus its
    ramp sets). ``muscles`` and ``groups`` are half-set units per set; empty for drills.
    """

    exercise: Exercise
    drill: bool
    min_sets: int
    max_sets: int
    per_set: tuple[int, int, int]
    fixed: tuple[int, int, int]
    muscles: Mapping[Muscle, int]
    groups: Mapping[Group, int]
    compound: bool
    compound_pull: bool
    unilateral: bool
    gentle: bool = False
    full_sets: int = 0

    def __post_init__(self) -> None:
        if not self.full_sets:
            object.__setattr__(self, "full_sets", self.min_sets)

    def seconds(self, intensity_index: int, sets: int) -> int:
        """Seconds this exercise takes with this many sets at this intensity."""
        return self.per_set[intensity_index] * sets + self.fixed[intensity_index]


@dataclass(frozen=True)
class WeekSpec:
    """One week's model input. Bands are (low, high) in half-set units."""

    days: tuple[int, ...]
    seconds: int
    candidates: tuple[Candidate, ...]
    bands: Mapping[Group, tuple[int, int]]
    requirements: tuple[Requirement, ...]
    mobility_per_session: int = 0
    wrap: bool = True
    before_first: frozenset[Muscle] = frozenset()
    after_last: frozenset[Muscle] = frozenset()
    first_compound_extra: int = WARM_UP_SET_SECONDS
    day_intensity: Mapping[int, int] | None = None
    weekly_set_caps: Mapping[str, int] = field(default_factory=dict)
    keep: frozenset[str] = frozenset()
    """Exercise ids the athlete keeps: each in the week at least once, priced like coverage."""

    def kept(self) -> list[int]:
        """Candidate indexes of the kept exercises."""
        return [i for i, c in enumerate(self.candidates) if c.exercise.id in self.keep]


@dataclass(frozen=True)
class Choice:
    """One exercise of a session: candidate index, intensity index and sets."""

    candidate: int
    intensity: int
    sets: int


@dataclass(frozen=True)
class DayPlan:
    """A session of the week template: weekday, its intensity (None if drills only), choices."""

    day: int
    intensity: Intensity | None
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class WeekSolution:
    """A solved week template; ``bound`` is the solver's best bound on the objective."""

    days: tuple[DayPlan, ...]
    objective: int
    status: str
    wall_seconds: float
    bound: float = field(default=0.0)


def adjacent_pairs(spec: WeekSpec) -> list[tuple[int, int]]:
    """Pairs of training weekdays that follow each other (Sunday to Monday when ``wrap``)."""
    days = set(spec.days)
    pairs = [(d, d + 1) for d in sorted(days) if d + 1 in days]
    if spec.wrap and 7 in days and 1 in days:
        pairs.append((7, 1))
    return pairs


def day_load(spec: WeekSpec, day: DayPlan) -> dict[Muscle, int]:
    """Half-set units per muscle on one day."""
    load: dict[Muscle, int] = {}
    for ch in day.choices:
        for m, w in spec.candidates[ch.candidate].muscles.items():
            load[m] = load.get(m, 0) + w * ch.sets
    return load


def hard_muscles(spec: WeekSpec, day: DayPlan) -> frozenset[Muscle]:
    """Muscles loaded hard (4+ weighted sets) on the day."""
    return frozenset(m for m, v in day_load(spec, day).items() if v >= HARD_HALF)


def session_seconds(spec: WeekSpec, day: DayPlan) -> int:
    """The model's time for a session (equal to the tempo module's estimate of its items)."""
    total = sum(spec.candidates[c.candidate].seconds(c.intensity, c.sets) for c in day.choices)
    if any(spec.candidates[c.candidate].compound for c in day.choices):
        total += spec.first_compound_extra
    return total


Term = Any
"""An integer when a week is scored here, a CP-SAT linear expression inside a model."""


@dataclass(frozen=True)
class Use:
    """How often the week uses one candidate: ``used`` is 0 or 1, ``sessions`` how many hold it."""

    drill: bool
    used: Term
    sessions: Term


@dataclass(frozen=True)
class Terms:
    """The quantities the objective prices, each per the week.

    ``uncovered``: per weekly requirement, the items missing; ``outside_band``: per volume group,
    half-sets below or above its band; ``volume``: per group, half-sets counted up to mid-band;
    ``intensities``: day intensities that hold loaded work; ``unilateral``: 1 when loaded
    one-sided work is used; ``pull_sessions``: sessions with a compound pull; ``small_doses``:
    items given fewer than their usual sets.
    """

    uncovered: Sequence[Term]
    outside_band: Sequence[Term]
    volume: Sequence[Term]
    uses: Sequence[Use]
    intensities: Term
    unilateral: Term
    pull_sessions: Term
    small_doses: Term

    def primary(self) -> Term:
        """Coverage and the bands: what must hold whenever the profile allows."""
        return -W_COVER * sum(self.uncovered) - W_BAND * sum(self.outside_band)

    def soft(self) -> Term:
        """Every soft goal: volume to mid-band, variety, rep ranges, one-sided work, pulls."""
        total = W_VOLUME * sum(self.volume)
        for u in self.uses:
            total += (W_DISTINCT_DRILL if u.drill else W_DISTINCT) * u.used
            total -= (W_REPEAT_DRILL if u.drill else W_REPEAT_HARD) * (u.sessions - u.used)
        total += W_INTENSITY * self.intensities + W_UNILATERAL * self.unilateral
        return total + W_PULL_SESSION * self.pull_sessions - W_SMALL_DOSE * self.small_doses


def week_terms(spec: WeekSpec, days: Sequence[DayPlan]) -> Terms:
    """The objective's terms of a week, counted without the solver."""
    cands = spec.candidates
    used: dict[int, int] = {}
    for d in days:
        for c in d.choices:
            used[c.candidate] = used.get(c.candidate, 0) + 1
    uncovered = []
    for req in spec.requirements:
        have = sum(1 for i in used if meets(req, cands[i].exercise))
        uncovered.append(max(0, requirement_need(req) - have))
    uncovered.extend(0 if i in used else 1 for i in spec.kept())
    outside, volume = [], []
    for group, (low, high) in spec.bands.items():
        vol = sum(cands[c.candidate].groups.get(group, 0) * c.sets for d in days for c in d.choices)
        outside.append(max(0, low - vol) + max(0, vol - high))
        volume.append(min(vol, (low + high) // 2))
    return Terms(
        uncovered=uncovered,
        outside_band=outside,
        volume=volume,
        uses=[Use(cands[i].drill, 1, n) for i, n in used.items()],
        intensities=len(
            {c.intensity for d in days for c in d.choices if not cands[c.candidate].drill}
        ),
        unilateral=int(any(cands[i].unilateral and not cands[i].drill for i in used)),
        pull_sessions=sum(
            1 for d in days if any(cands[c.candidate].compound_pull for c in d.choices)
        ),
        small_doses=sum(
            1 for d in days for c in d.choices if c.sets < cands[c.candidate].full_sets
        ),
    )


def requirement_need(requirement: Requirement) -> int:
    """Items a week needs for a coverage requirement."""
    return MOBILITY_ITEMS_PER_WEEK if requirement is Requirement.MOBILITY else 1


def score_parts(spec: WeekSpec, days: Sequence[DayPlan]) -> dict[str, int]:
    """The objective's parts: unmet coverage items, half-sets outside the bands, soft score."""
    terms = week_terms(spec, days)
    return {
        "cover": int(sum(terms.uncovered)),
        "band": int(sum(terms.outside_band)),
        "soft": int(terms.soft()),
    }


def score(spec: WeekSpec, days: Sequence[DayPlan]) -> int:
    """The objective of a week, computed without the solver (used by the greedy baseline)."""
    terms = week_terms(spec, days)
    return int(terms.primary() + terms.soft())


__all__ = [
    "HARD_HALF",
    "Candidate",
    "Choice",
    "DayPlan",
    "Terms",
    "Use",
    "WeekSolution",
    "WeekSpec",
    "adjacent_pairs",
    "day_load",
    "hard_muscles",
    "requirement_need",
    "score",
    "score_parts",
    "session_seconds",
    "week_terms",
]
