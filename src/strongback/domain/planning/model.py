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
from dataclasses import dataclass, field, replace
from typing import Any

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
# A dose below the usual sets (short sessions only) costs more than any soft gain of one more
# item, so it appears only where coverage or the volume bands need it.
W_SMALL_DOSE = 150

PATTERN_LIMIT = 2500
"""Most whole sessions listed per day intensity before the item model is used instead."""

SEED = 20240611
DETERMINISTIC_LIMIT = 8.0
WALL_LIMIT = 30.0

_HARD_HALF = HARD_DAY_SETS * HALF


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
    soft -= W_SMALL_DOSE * sum(
        1 for d in days for c in d.choices if c.sets < cands[c.candidate].full_sets
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


@dataclass(frozen=True)
class _Pattern:
    """One whole session a day may hold, precomputed: its choices and what they add up to."""

    choices: tuple[Choice, ...]
    hard: frozenset[Muscle]
    volume: Mapping[Group, int]
    hard_item: bool
    compound_pull: bool
    small: int


def session_patterns(
    spec: WeekSpec, intensity: int, limit: int = PATTERN_LIMIT
) -> list[_Pattern] | None:
    """Every session that fits the minutes at this day intensity (each exercise at most once,
    every set count it allows, the back-pain mobility items included), or None past ``limit``.

    Short sessions hold one to three items, so there are few such sessions; a model choosing one
    whole session per day has an exact linear relaxation per day, where the item model's time
    knapsack and its big-M recovery flags leave a weak bound that the search must close by
    enumeration (seconds instead of milliseconds at 15-25 minutes).
    """
    cands = spec.candidates
    order = sorted(
        range(len(cands)),
        key=lambda i: cands[i].seconds(1 if cands[i].drill else intensity, cands[i].min_sets),
    )
    cheapest = [
        cands[i].seconds(1 if cands[i].drill else intensity, cands[i].min_sets) for i in order
    ]
    out: list[_Pattern] = []
    picked: list[Choice] = []

    def emit() -> None:
        day = DayPlan(0, None, tuple(sorted(picked, key=lambda c: c.candidate)))
        if spec.mobility_per_session:
            mob = sum(1 for c in picked if meets(Requirement.MOBILITY, cands[c.candidate].exercise))
            if mob < spec.mobility_per_session:
                return
        volume: dict[Group, int] = {}
        for c in picked:
            for g, w in cands[c.candidate].groups.items():
                volume[g] = volume.get(g, 0) + w * c.sets
        out.append(
            _Pattern(
                choices=day.choices,
                hard=hard_muscles(spec, day),
                volume=volume,
                hard_item=any(not cands[c.candidate].drill for c in picked),
                compound_pull=any(cands[c.candidate].compound_pull for c in picked),
                small=sum(1 for c in picked if c.sets < cands[c.candidate].full_sets),
            )
        )

    def walk(pos: int, used: int, compound: bool) -> bool:
        for k in range(pos, len(order)):
            if used + cheapest[k] > spec.seconds:
                break  # sorted by cost: nothing after fits either
            i = order[k]
            c = cands[i]
            r = 1 if c.drill else intensity
            extra = spec.first_compound_extra if c.compound and not compound else 0
            for sets in range(c.min_sets, c.max_sets + 1):
                cost = used + c.seconds(r, sets) + extra
                if cost > spec.seconds:
                    break
                picked.append(Choice(i, r, sets))
                emit()
                if len(out) > limit or not walk(k + 1, cost, compound or c.compound):
                    return False
                picked.pop()
        return True

    if not walk(0, 0, False):
        return None
    return out if spec.weekly_set_caps else _fullest(out)


def _fullest(patterns: list[_Pattern]) -> list[_Pattern]:
    """Drop a session when another one holds the same exercises with the same hard muscles and
    at least as many sets of each: within the same recovery footprint a session uses its minutes.
    (Kept whole when weekly set caps apply, where fewer sets can be needed.)"""
    groups: dict[tuple[tuple[int, ...], frozenset[Muscle]], list[_Pattern]] = {}
    for pat in patterns:
        key = (tuple(c.candidate for c in pat.choices), pat.hard)
        groups.setdefault(key, []).append(pat)
    out: list[_Pattern] = []
    for pats in groups.values():
        for pat in pats:
            sets = [c.sets for c in pat.choices]
            if not any(
                other is not pat
                and all(b.sets >= a for a, b in zip(sets, other.choices, strict=True))
                for other in pats
            ):
                out.append(pat)
    return out


def solve_week(spec: WeekSpec, *, workers: int = 1, seed: int = SEED) -> WeekSolution:
    """Build and solve the week model; raises ValueError when no week can be built at all.

    Two formulations, tried in a fixed order so the result stays deterministic (every budget is
    in deterministic time): the session model (one precomputed whole session per day) when the
    sessions are few; else the item model (one variable per exercise and day) on a short
    budget, which proves most weeks optimal at once; when it cannot, the session model over a
    smaller pool of exercises; and last the item model with the full budget.
    """
    table = _pattern_table(spec, FULL_POOL_PATTERNS) if spec.day_intensity is not None else None
    if table is not None and sum(map(len, table.values())) <= FULL_POOL_PATTERNS:
        return _solve_patterns(spec, table, workers=workers, seed=seed)
    try:
        quick = _solve_items(spec, workers=workers, seed=seed, limit=QUICK_LIMIT)
        if quick.status == "OPTIMAL":
            return quick
    except ValueError:
        pass  # no solution within the short budget: the other formulations follow
    if spec.day_intensity is not None:
        for per_pattern in POOL_SIZES:
            pool = _pool(spec, per_pattern)
            sub = replace(spec, candidates=tuple(spec.candidates[i] for i in pool))
            last = per_pattern == POOL_SIZES[-1]
            table = _pattern_table(sub, PATTERN_LIMIT if last else POOL_PATTERNS)
            if table is None:
                continue
            found = _solve_patterns(sub, table, workers=workers, seed=seed)
            days = tuple(
                replace(
                    d, choices=tuple(replace(c, candidate=pool[c.candidate]) for c in d.choices)
                )
                for d in found.days
            )
            return replace(found, days=days)
    return _solve_items(spec, workers=workers, seed=seed)


FULL_POOL_PATTERNS = 500
"""Whole sessions (over all day intensities) up to which the session model goes first."""

QUICK_LIMIT = 0.15
"""Deterministic-time budget of the first try with the item model (about 0.3 s here)."""

POOL_SIZES: tuple[int | None, ...] = (3, 2)
"""Exercises kept per movement pattern when whole sessions are too many to list (None: all)."""
POOL_PATTERNS = 300


def _pool(spec: WeekSpec, per_pattern: int | None) -> list[int]:
    """Candidate indexes kept: all, or per movement pattern the quickest few (ties by id), plus
    the quickest unilateral exercise so one-sided work stays possible. A week of short sessions
    holds few items, so a smaller pool loses little variety and keeps the model small."""
    cands = spec.candidates
    if per_pattern is None:
        return list(range(len(cands)))

    def cost(i: int) -> tuple[int, str]:
        c = cands[i]
        return (c.seconds(1, c.min_sets), c.exercise.id)

    keep: set[int] = set()
    by_pattern: dict[object, list[int]] = {}
    for i, c in enumerate(cands):
        by_pattern.setdefault(c.exercise.pattern, []).append(i)
    for members in by_pattern.values():
        keep.update(sorted(members, key=cost)[:per_pattern])
    uni = sorted((i for i, c in enumerate(cands) if c.unilateral and not c.drill), key=cost)
    keep.update(uni[:1])
    for i, c in enumerate(cands):
        if c.exercise.id in spec.weekly_set_caps:
            keep.add(i)
    return sorted(keep)


def _pattern_table(spec: WeekSpec, limit: int) -> dict[int, list[_Pattern]] | None:
    """The sessions of each day intensity, or None when there are more than ``limit`` in all."""
    assert spec.day_intensity is not None
    table: dict[int, list[_Pattern]] = {}
    for r in sorted(set(spec.day_intensity.values())):
        # The listing stops at a few times the limit: pruning keeps about half of it.
        found = session_patterns(spec, r, 3 * limit - sum(map(len, table.values())))
        if found is None:
            return None
        table[r] = found
    return table if sum(map(len, table.values())) <= limit else None


def _solver(workers: int, seed: int, limit: float = DETERMINISTIC_LIMIT) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = limit
    solver.parameters.max_time_in_seconds = WALL_LIMIT
    solver.parameters.linearization_level = 2
    # Probing in presolve costs more than it saves on these models (most of a second on the
    # session model), and one presolve pass is enough.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.max_presolve_iterations = 1
    return solver


def _solve_patterns(
    spec: WeekSpec, table: Mapping[int, list[_Pattern]], *, workers: int, seed: int
) -> WeekSolution:
    started = time.perf_counter()
    assert spec.day_intensity is not None
    m = cp_model.CpModel()
    cands = spec.candidates
    z: dict[tuple[int, int], cp_model.IntVar] = {}
    for d in spec.days:
        pats = table[spec.day_intensity[d]]
        for p, pat in enumerate(pats):
            if (d == 1 and pat.hard & spec.before_first) or (d == 7 and pat.hard & spec.after_last):
                continue
            z[d, p] = m.new_bool_var(f"z_{d}_{p}")
        m.add_exactly_one(v for (dd, _p), v in z.items() if dd == d)

    def pats_of(d: int) -> list[tuple[_Pattern, cp_model.IntVar]]:
        assert spec.day_intensity is not None
        pats = table[spec.day_intensity[d]]
        return [(pats[p], v) for (dd, p), v in z.items() if dd == d]

    by_day = {d: pats_of(d) for d in spec.days}
    # The same muscle is never loaded hard on adjacent days: one clique per pair and muscle.
    for day_a, day_b in adjacent_pairs(spec):
        muscles = {mu for pat, _ in by_day[day_a] for mu in pat.hard} & {
            mu for pat, _ in by_day[day_b] for mu in pat.hard
        }
        for mu in sorted(muscles, key=str):
            m.add_at_most_one(
                [v for pat, v in by_day[day_a] if mu in pat.hard]
                + [v for pat, v in by_day[day_b] if mu in pat.hard]
            )
    for i, c in enumerate(cands):
        cap = spec.weekly_set_caps.get(c.exercise.id)
        if cap is not None:
            m.add(
                sum(
                    ch.sets * v
                    for d in spec.days
                    for pat, v in by_day[d]
                    for ch in pat.choices
                    if ch.candidate == i
                )
                <= cap
            )
    objective: list[cp_model.LinearExprT] = []
    primary: list[cp_model.LinearExprT] = []
    used: dict[int, cp_model.IntVar] = {}
    holding: dict[tuple[int, int], list[cp_model.IntVar]] = {}
    for d in spec.days:
        for pat, v in by_day[d]:
            for ch in pat.choices:
                holding.setdefault((d, ch.candidate), []).append(v)
    for i, c in enumerate(cands):
        occ = []
        for d in spec.days:
            if (d, i) in holding:
                o = m.new_bool_var(f"o_{d}_{i}")
                m.add(o == sum(holding[d, i]))
                occ.append(o)
        u = m.new_bool_var(f"u_{i}")
        if occ:
            m.add_max_equality(u, occ)
        else:
            m.add(u == 0)
        used[i] = u
        objective.append((W_DISTINCT_DRILL if c.drill else W_DISTINCT) * u)
        w = W_REPEAT_DRILL if c.drill else W_REPEAT_HARD
        objective.append(-w * (sum(occ) - u))
    _coverage_and_bands(
        m,
        spec,
        used,
        {
            g: [pat.volume.get(g, 0) * v for d in spec.days for pat, v in by_day[d]]
            for g in spec.bands
        },
        objective,
        primary,
    )
    for r in sorted(set(spec.day_intensity.values())):
        hard_days = [
            v
            for d in spec.days
            if spec.day_intensity[d] == r
            for pat, v in by_day[d]
            if pat.hard_item
        ]
        if hard_days:
            flag = m.new_bool_var(f"int_{r}")
            m.add(flag <= sum(hard_days))
            objective.append(W_INTENSITY * flag)
    uni = [used[i] for i, c in enumerate(cands) if c.unilateral and not c.drill]
    if uni:
        any_uni = m.new_bool_var("unilateral")
        m.add(any_uni <= sum(uni))
        objective.append(W_UNILATERAL * any_uni)
    for d in spec.days:
        for pat, v in by_day[d]:
            value = W_PULL_SESSION * pat.compound_pull - W_SMALL_DOSE * pat.small
            if value:
                objective.append(value * v)
    solver, status = _solve_lexicographic(m, primary, objective, workers, seed)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ValueError(solver.status_name(status))
    plans = []
    for d in spec.days:
        chosen = next(pat for pat, v in by_day[d] if solver.value(v))
        intensity = INTENSITIES[spec.day_intensity[d]] if chosen.hard_item else None
        plans.append(DayPlan(d, intensity, chosen.choices))
    return WeekSolution(
        days=tuple(plans),
        objective=round(solver.objective_value),
        status=solver.status_name(status),
        wall_seconds=time.perf_counter() - started,
        bound=float(solver.best_objective_bound),
    )


def _solve_lexicographic(
    m: cp_model.CpModel,
    primary: list[cp_model.LinearExprT],
    soft: list[cp_model.LinearExprT],
    workers: int,
    seed: int,
    limit: float = DETERMINISTIC_LIMIT,
) -> tuple[cp_model.CpSolver, Any]:
    """Coverage and bands first, then the soft goals with that optimum held fixed.

    The weights already make coverage and bands dominate; solving them apart keeps each search
    small: the first objective is coarse (whole items and half-sets), and the second starts from
    the first solution as a hint with the first objective pinned.
    """
    m.maximize(cp_model.LinearExpr.sum(primary))
    solver = _solver(workers, seed, limit)
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver, status
    first_status = status
    best = round(solver.objective_value)
    m.add(cp_model.LinearExpr.sum(primary) >= best)
    for idx in range(len(m.proto.variables)):
        var = m.get_int_var_from_proto_index(idx)
        m.add_hint(var, solver.value(var))
    m.maximize(cp_model.LinearExpr.sum([*primary, *soft]))
    solver = _solver(workers, seed, limit)
    status = solver.solve(m)
    if first_status == cp_model.FEASIBLE and status == cp_model.OPTIMAL:
        status = cp_model.FEASIBLE  # optimal only given a first stage that was not proven
    return solver, status


def _coverage_and_bands(
    m: cp_model.CpModel,
    spec: WeekSpec,
    used: Mapping[int, cp_model.IntVar],
    volume_terms: Mapping[Group, list[cp_model.LinearExprT]],
    objective: list[cp_model.LinearExprT],
    primary: list[cp_model.LinearExprT],
) -> None:
    """Weekly coverage and the volume bands as priced slack (into ``primary``), and the volume
    reward (into ``objective``)."""
    cands = spec.candidates
    for req in spec.requirements:
        members = [used[i] for i, c in enumerate(cands) if meets(req, c.exercise)]
        need = MOBILITY_ITEMS_PER_WEEK if req is Requirement.MOBILITY else 1
        slack = m.new_int_var(0, need, f"slack_{req}")
        m.add(sum(members) + slack >= need)
        primary.append(-W_COVER * slack)
    for group, (low, high) in spec.bands.items():
        top = sum(cands[i].groups.get(group, 0) * cands[i].max_sets for i in range(len(cands)))
        top *= len(spec.days)
        vol = m.new_int_var(0, max(top, 0), f"vol_{group}")
        m.add(vol == sum(volume_terms[group]))
        short = m.new_int_var(0, max(low, 0), f"short_{group}")
        over = m.new_int_var(0, max(top, 0), f"over_{group}")
        m.add(vol + short >= low)
        m.add(vol - over <= high)
        capped = m.new_int_var(0, max((low + high) // 2, 0), f"capped_{group}")
        m.add(capped <= vol)
        primary.append(-W_BAND * (short + over))
        objective.append(W_VOLUME * capped)


def _solve_items(
    spec: WeekSpec, *, workers: int, seed: int, limit: float = DETERMINISTIC_LIMIT
) -> WeekSolution:
    started = time.perf_counter()
    m = cp_model.CpModel()
    cands = spec.candidates
    n_int = len(INTENSITIES)
    x: dict[tuple[int, int, int], cp_model.IntVar] = {}
    n: dict[tuple[int, int, int], cp_model.IntVar] = {}
    small_terms: list[cp_model.IntVar] = []
    for d in spec.days:
        for i, c in enumerate(cands):
            levels = (1,) if c.drill else _levels(spec, d)
            for r in levels:
                b = m.new_bool_var(f"x_{d}_{i}_{r}")
                s = m.new_int_var(0, c.max_sets, f"n_{d}_{i}_{r}")
                m.add(s >= c.min_sets * b)
                m.add(s <= c.max_sets * b)
                if c.min_sets < c.full_sets:
                    small = m.new_bool_var(f"small_{d}_{i}_{r}")
                    m.add(small <= b)
                    m.add(s >= c.full_sets * b - (c.full_sets - c.min_sets) * small)
                    small_terms.append(small)
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
    primary: list[cp_model.LinearExprT] = []
    used: dict[int, cp_model.IntVar] = {}
    for i, c in enumerate(cands):
        occ = [b for (dd, ii, r), b in x.items() if ii == i]
        u = m.new_bool_var(f"u_{i}")
        m.add_max_equality(u, occ)
        used[i] = u
        objective.append((W_DISTINCT_DRILL if c.drill else W_DISTINCT) * u)
        w = W_REPEAT_DRILL if c.drill else W_REPEAT_HARD
        objective.append(-w * (sum(occ) - u))
    # Coverage and the volume bands with priced slack, a reward for volume to mid-band.
    _coverage_and_bands(
        m,
        spec,
        used,
        {
            g: [cands[i].groups[g] * s for (_d, i, _r), s in n.items() if g in cands[i].groups]
            for g in spec.bands
        },
        objective,
        primary,
    )
    objective.extend(-W_SMALL_DOSE * v for v in small_terms)
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
    solver, status = _solve_lexicographic(m, primary, objective, workers, seed, limit)
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
