"""The CP-SAT model of one training week, and the same objective scored in plain Python.

A plan is solved a week template at a time: one model for a week (days x exercises x day
intensity), with week-to-week progression and deloads applied as data afterwards. A monolithic
model over every week is far slower to prove optimal and barely better, so the shape is kept small
and the search deterministic (one worker, fixed seed, a deterministic time limit).

Rules that must always hold are constraints: the equipment (only candidates are offered), each
session fits its minutes, one item at least per session, two mobility-core items per session with
back pain, the same muscle never loaded hard (4+ weighted sets) on adjacent days. Weekly coverage
(vertical pull, horizontal pull, rear delts, lower back, two mobility items) and the volume bands
are constraints with a slack priced far above every soft goal, so they hold whenever the profile
allows and the plan still comes out (with a warning) when it does not.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from strongback.domain.exercise import Exercise
from strongback.domain.planning.rules import (
    HALF,
    HARD_DAY_SETS,
    INTENSITIES,
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

SEED = 20240611
DETERMINISTIC_LIMIT = 8.0
WALL_LIMIT = 30.0

_HARD_HALF = HARD_DAY_SETS * HALF


@dataclass(frozen=True)
class Candidate:
    """An exercise the week may use, with everything the model needs as integers.

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
    """A solved week template."""

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
    return frozenset(m for m, v in day_load(spec, day).items() if v >= _HARD_HALF)


def session_seconds(spec: WeekSpec, day: DayPlan) -> int:
    """The model's time for a session (equal to the tempo module's estimate of its items)."""
    total = sum(spec.candidates[c.candidate].seconds(c.intensity, c.sets) for c in day.choices)
    if any(spec.candidates[c.candidate].compound for c in day.choices):
        total += spec.first_compound_extra
    return total


def score_parts(spec: WeekSpec, days: tuple[DayPlan, ...] | list[DayPlan]) -> dict[str, int]:
    """The objective's parts: unmet coverage items, half-sets outside the bands, soft score."""
    cands = spec.candidates
    used: dict[int, int] = {}
    for d in days:
        for c in d.choices:
            used[c.candidate] = used.get(c.candidate, 0) + 1
    cover = 0
    for req in spec.requirements:
        if req is Requirement.MOBILITY:
            have = sum(1 for i in used if meets(req, cands[i].exercise))
            cover += max(0, MOBILITY_ITEMS_PER_WEEK - have)
        elif not any(meets(req, cands[i].exercise) for i in used):
            cover += 1
    band = 0
    soft = 0
    for group, (low, high) in spec.bands.items():
        vol = sum(cands[c.candidate].groups.get(group, 0) * c.sets for d in days for c in d.choices)
        band += max(0, low - vol) + max(0, vol - high)
        soft += W_VOLUME * min(vol, (low + high) // 2)
    for i, n in used.items():
        soft += W_DISTINCT_DRILL if cands[i].drill else W_DISTINCT
        soft -= (W_REPEAT_DRILL if cands[i].drill else W_REPEAT_HARD) * (n - 1)
    intensities = {c.intensity for d in days for c in d.choices if not cands[c.candidate].drill}
    soft += W_INTENSITY * len(intensities)
    if any(cands[i].unilateral and not cands[i].drill for i in used):
        soft += W_UNILATERAL
    soft += W_PULL_SESSION * sum(
        1 for d in days if any(cands[c.candidate].compound_pull for c in d.choices)
    )
    return {"cover": cover, "band": band, "soft": soft}


def score(spec: WeekSpec, days: tuple[DayPlan, ...] | list[DayPlan]) -> int:
    """The objective of a week, computed without the solver (used by the greedy baseline)."""
    parts = score_parts(spec, days)
    return parts["soft"] - W_COVER * parts["cover"] - W_BAND * parts["band"]


def _levels(spec: WeekSpec, day: int) -> tuple[int, ...]:
    if spec.day_intensity is not None:
        return (spec.day_intensity[day],)
    return tuple(range(len(INTENSITIES)))


def solve_week(spec: WeekSpec, *, workers: int = 1, seed: int = SEED) -> WeekSolution:
    """Build and solve the week model; raises ValueError when no week can be built at all."""
    started = time.perf_counter()
    m = cp_model.CpModel()
    cands = spec.candidates
    n_int = len(INTENSITIES)
    x: dict[tuple[int, int, int], cp_model.IntVar] = {}
    n: dict[tuple[int, int, int], cp_model.IntVar] = {}
    for d in spec.days:
        for i, c in enumerate(cands):
            levels = (1,) if c.drill else _levels(spec, d)
            for r in levels:
                b = m.new_bool_var(f"x_{d}_{i}_{r}")
                s = m.new_int_var(0, c.max_sets, f"n_{d}_{i}_{r}")
                m.add(s >= c.min_sets * b)
                m.add(s <= c.max_sets * b)
                x[d, i, r] = b
                n[d, i, r] = s
    # Day intensity: one per session that holds hard work; every hard item follows it.
    h: dict[tuple[int, int], cp_model.IntVar] = {}
    for d in spec.days:
        for r in range(n_int):
            h[d, r] = m.new_bool_var(f"h_{d}_{r}")
            hard_here = [x[d, i, r] for i, c in enumerate(cands) if not c.drill and (d, i, r) in x]
            for b in hard_here:
                m.add_implication(b, h[d, r])
            m.add(h[d, r] <= sum(hard_here))
        m.add(sum(h[d, r] for r in range(n_int)) <= 1)
    # Each exercise at most once a session; each session holds something and fits its minutes.
    for d in spec.days:
        day_items = []
        for i, c in enumerate(cands):
            here = [x[d, i, r] for r in ((1,) if c.drill else _levels(spec, d))]
            if len(here) > 1:
                m.add(sum(here) <= 1)
            day_items.extend(here)
        m.add(sum(day_items) >= 1)
        has_compound = m.new_bool_var(f"compound_{d}")
        for (dd, i, _r), b in x.items():
            if dd == d and cands[i].compound:
                m.add_implication(b, has_compound)
        m.add(
            sum(
                cands[i].per_set[r] * n[dd, i, r] + cands[i].fixed[r] * x[dd, i, r]
                for (dd, i, r) in x
                if dd == d
            )
            + spec.first_compound_extra * has_compound
            <= spec.seconds
        )
        if spec.mobility_per_session:
            mob = [
                x[d, i, 1] for i, c in enumerate(cands) if meets(Requirement.MOBILITY, c.exercise)
            ]
            m.add(sum(mob) >= spec.mobility_per_session)
    # The same muscle is never loaded hard on adjacent days.
    muscles = sorted({mu for c in cands for mu in c.muscles}, key=str)
    hard: dict[tuple[int, Muscle], cp_model.IntVar] = {}
    for d in spec.days:
        for mu in muscles:
            terms = [
                cands[i].muscles[mu] * n[dd, i, r]
                for (dd, i, r) in n
                if dd == d and mu in cands[i].muscles
            ]
            if not terms:
                continue
            big = sum(cands[i].muscles.get(mu, 0) * cands[i].max_sets for i in range(len(cands)))
            if big < _HARD_HALF:
                continue
            flag = m.new_bool_var(f"hard_{d}_{mu}")
            m.add(sum(terms) <= _HARD_HALF - 1 + big * flag)
            hard[d, mu] = flag
    for day_a, day_b in adjacent_pairs(spec):
        for mu in muscles:
            if (day_a, mu) in hard and (day_b, mu) in hard:
                m.add(hard[day_a, mu] + hard[day_b, mu] <= 1)
    if 1 in spec.days:
        for mu in spec.before_first:
            if (1, mu) in hard:
                m.add(hard[1, mu] == 0)
    if 7 in spec.days:
        for mu in spec.after_last:
            if (7, mu) in hard:
                m.add(hard[7, mu] == 0)
    # Caps on an exercise's weekly sets (so a later template never does less of it).
    for i, c in enumerate(cands):
        cap = spec.weekly_set_caps.get(c.exercise.id)
        if cap is not None:
            m.add(sum(s for (dd, ii, r), s in n.items() if ii == i) <= cap)
    # Weekly use of each exercise.
    objective: list[cp_model.LinearExprT] = []
    used: dict[int, cp_model.IntVar] = {}
    for i, c in enumerate(cands):
        occ = [b for (dd, ii, r), b in x.items() if ii == i]
        u = m.new_bool_var(f"u_{i}")
        m.add_max_equality(u, occ)
        used[i] = u
        objective.append((W_DISTINCT_DRILL if c.drill else W_DISTINCT) * u)
        w = W_REPEAT_DRILL if c.drill else W_REPEAT_HARD
        objective.append(-w * (sum(occ) - u))
    # Coverage with priced slack.
    for req in spec.requirements:
        members = [used[i] for i, c in enumerate(cands) if meets(req, c.exercise)]
        need = MOBILITY_ITEMS_PER_WEEK if req is Requirement.MOBILITY else 1
        slack = m.new_int_var(0, need, f"slack_{req}")
        m.add(sum(members) + slack >= need)
        objective.append(-W_COVER * slack)
    # Volume bands with priced slack, and a reward for volume up to the middle of the band.
    for group, (low, high) in spec.bands.items():
        terms = [
            cands[i].groups[group] * s for (dd, i, r), s in n.items() if group in cands[i].groups
        ]
        top = sum(cands[i].groups.get(group, 0) * cands[i].max_sets for i in range(len(cands)))
        top *= len(spec.days)
        vol = m.new_int_var(0, max(top, 0), f"vol_{group}")
        m.add(vol == sum(terms))
        short = m.new_int_var(0, max(low, 0), f"short_{group}")
        over = m.new_int_var(0, max(top, 0), f"over_{group}")
        m.add(vol + short >= low)
        m.add(vol - over <= high)
        capped = m.new_int_var(0, max((low + high) // 2, 0), f"capped_{group}")
        m.add(capped <= vol)
        objective.append(-W_BAND * (short + over))
        objective.append(W_VOLUME * capped)
    # Soft goals: several intensities, unilateral work, a compound pull in each session.
    for r in range(n_int):
        v = m.new_bool_var(f"int_{r}")
        m.add_max_equality(v, [h[d, r] for d in spec.days])
        objective.append(W_INTENSITY * v)
    uni = [used[i] for i, c in enumerate(cands) if c.unilateral and not c.drill]
    if uni:
        any_uni = m.new_bool_var("unilateral")
        m.add_max_equality(any_uni, uni)
        objective.append(W_UNILATERAL * any_uni)
    for d in spec.days:
        pulls = [b for (dd, i, r), b in x.items() if dd == d and cands[i].compound_pull]
        if pulls:
            p = m.new_bool_var(f"pull_{d}")
            m.add_max_equality(p, pulls)
            objective.append(W_PULL_SESSION * p)
    m.maximize(sum(objective))

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = DETERMINISTIC_LIMIT
    solver.parameters.max_time_in_seconds = WALL_LIMIT
    solver.parameters.linearization_level = 2
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ValueError(solver.status_name(status))
    plans = []
    for d in spec.days:
        choices = []
        intensity: Intensity | None = None
        for (dd, i, r), b in x.items():
            if dd == d and solver.value(b):
                choices.append(Choice(i, r, int(solver.value(n[dd, i, r]))))
        for r in range(n_int):
            if solver.value(h[d, r]):
                intensity = INTENSITIES[r]
        plans.append(DayPlan(d, intensity, tuple(choices)))
    return WeekSolution(
        days=tuple(plans),
        objective=round(solver.objective_value),
        status=solver.status_name(status),
        wall_seconds=time.perf_counter() - started,
        bound=float(solver.best_objective_bound),
    )


def total_hard_sets(spec: WeekSpec, days: tuple[DayPlan, ...]) -> int:
    """Loaded (hard) working sets in the week."""
    return sum(c.sets for d in days for c in d.choices if not spec.candidates[c.candidate].drill)


def ceil_minutes(seconds: int) -> int:
    """Whole minutes, rounded up."""
    return math.ceil(seconds / 60)


__all__ = [
    "Candidate",
    "Choice",
    "DayPlan",
    "WeekSolution",
    "WeekSpec",
    "adjacent_pairs",
    "day_load",
    "hard_muscles",
    "score",
    "score_parts",
    "session_seconds",
    "solve_week",
    "total_hard_sets",
]
