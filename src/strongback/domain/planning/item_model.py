"""The item model: CP-SAT with one choice, intensity and set count per exercise and training day.

It holds any session length; its time knapsack and big-M recovery flags make its bound weak on
many short sessions, where the session model is used instead.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from strongback.domain.planning.cpsat import (
    DETERMINISTIC_LIMIT,
    BoolVar,
    model_terms,
    new_solver,
    solve_lexicographic,
    week_solution,
)
from strongback.domain.planning.principles import INTENSITIES, Group, Intensity, Requirement, meets
from strongback.domain.planning.week import (
    HARD_HALF,
    Choice,
    DayPlan,
    WeekSolution,
    WeekSpec,
    adjacent_pairs,
    week_terms,
)
from strongback.domain.vocab import Muscle

Key = tuple[int, int, int]
"""(day, candidate index, intensity index)."""


@dataclass(frozen=True)
class _Vars:
    chosen: dict[Key, BoolVar]
    sets: dict[Key, cp_model.IntVar]
    small: list[BoolVar]
    day_intensity: dict[tuple[int, int], BoolVar]


def _levels(spec: WeekSpec, day: int, drill: bool) -> tuple[int, ...]:
    if drill:
        return (1,)
    if spec.day_intensity is not None:
        return (spec.day_intensity[day],)
    return tuple(range(len(INTENSITIES)))


def _variables(m: cp_model.CpModel, spec: WeekSpec) -> _Vars:
    """Per day, exercise and intensity: chosen or not, its sets, and whether the dose is small;
    per day, its intensity (one per session holding hard work; every hard item follows it)."""
    v = _Vars({}, {}, [], {})
    for d in spec.days:
        for i, c in enumerate(spec.candidates):
            for r in _levels(spec, d, c.drill):
                b = m.new_bool_var(f"x_{d}_{i}_{r}")
                s = m.new_int_var(0, c.max_sets, f"n_{d}_{i}_{r}")
                m.add(s >= c.min_sets * b)
                m.add(s <= c.max_sets * b)
                if c.min_sets < c.full_sets:
                    small = m.new_bool_var(f"small_{d}_{i}_{r}")
                    m.add(small <= b)
                    m.add(s >= c.full_sets * b - (c.full_sets - c.min_sets) * small)
                    v.small.append(small)
                v.chosen[d, i, r] = b
                v.sets[d, i, r] = s
        for r in range(len(INTENSITIES)):
            h = m.new_bool_var(f"h_{d}_{r}")
            hard_here = [
                b
                for (dd, i, rr), b in v.chosen.items()
                if dd == d and rr == r
                if not spec.candidates[i].drill
            ]
            for b in hard_here:
                m.add_implication(b, h)
            m.add(h <= sum(hard_here))
            v.day_intensity[d, r] = h
        m.add(sum(v.day_intensity[d, r] for r in range(len(INTENSITIES))) <= 1)
    return v


def _sessions(m: cp_model.CpModel, spec: WeekSpec, v: _Vars) -> None:
    """Each exercise at most once a session; each session holds something and fits its minutes;
    with back pain, each holds its mobility-core items."""
    cands = spec.candidates
    for d in spec.days:
        day_items = []
        for i, c in enumerate(cands):
            here = [v.chosen[d, i, r] for r in _levels(spec, d, c.drill)]
            if len(here) > 1:
                m.add(sum(here) <= 1)
            day_items.extend(here)
        m.add(sum(day_items) >= 1)
        has_compound = m.new_bool_var(f"compound_{d}")
        for (dd, i, _r), b in v.chosen.items():
            if dd == d and cands[i].compound:
                m.add_implication(b, has_compound)
        used = (
            sum(
                cands[i].per_set[r] * v.sets[dd, i, r] + cands[i].fixed[r] * b
                for (dd, i, r), b in v.chosen.items()
                if dd == d
            )
            + spec.first_compound_extra * has_compound
        )
        m.add(used <= spec.seconds)
        if spec.mobility_per_session:
            mob = [
                v.chosen[d, i, 1]
                for i, c in enumerate(cands)
                if meets(Requirement.MOBILITY, c.exercise)
            ]
            m.add(sum(mob) >= spec.mobility_per_session)
    # Caps on an exercise's weekly sets (so a later template never does less of it).
    for i, c in enumerate(cands):
        cap = spec.weekly_set_caps.get(c.exercise.id)
        if cap is not None:
            m.add(sum(s for (_d, ii, _r), s in v.sets.items() if ii == i) <= cap)


def _recovery(m: cp_model.CpModel, spec: WeekSpec, v: _Vars) -> None:
    """The same muscle is never loaded hard on adjacent days, nor next to the week's neighbours."""
    cands = spec.candidates
    muscles = sorted({mu for c in cands for mu in c.muscles}, key=str)
    hard: dict[tuple[int, Muscle], BoolVar] = {}
    for d in spec.days:
        for mu in muscles:
            terms = [
                cands[i].muscles[mu] * s
                for (dd, i, _r), s in v.sets.items()
                if dd == d and mu in cands[i].muscles
            ]
            big = sum(c.muscles.get(mu, 0) * c.max_sets for c in cands)
            if not terms or big < HARD_HALF:
                continue
            flag = m.new_bool_var(f"hard_{d}_{mu}")
            m.add(sum(terms) <= HARD_HALF - 1 + big * flag)
            hard[d, mu] = flag
    for day_a, day_b in adjacent_pairs(spec):
        for mu in muscles:
            if (day_a, mu) in hard and (day_b, mu) in hard:
                m.add(hard[day_a, mu] + hard[day_b, mu] <= 1)
    for day, banned in ((1, spec.before_first), (7, spec.after_last)):
        for mu in banned:
            if (day, mu) in hard:
                m.add(hard[day, mu] == 0)


def _terms_inputs(
    spec: WeekSpec, v: _Vars
) -> tuple[
    dict[int, list[BoolVar]],
    dict[Group, list[cp_model.LinearExprT]],
    dict[int, list[BoolVar]],
    dict[int, list[BoolVar]],
]:
    cands = spec.candidates
    occurrences: dict[int, list[BoolVar]] = {}
    for (_d, i, _r), b in v.chosen.items():
        occurrences.setdefault(i, []).append(b)
    volume: dict[Group, list[cp_model.LinearExprT]] = {
        g: [cands[i].groups[g] * s for (_d, i, _r), s in v.sets.items() if g in cands[i].groups]
        for g in spec.bands
    }
    by_intensity = {r: [v.day_intensity[d, r] for d in spec.days] for r in range(len(INTENSITIES))}
    pulls: dict[int, list[BoolVar]] = {
        d: [b for (dd, i, _r), b in v.chosen.items() if dd == d and cands[i].compound_pull]
        for d in spec.days
    }
    return occurrences, volume, by_intensity, pulls


def _hint(
    m: cp_model.CpModel,
    v: _Vars,
    week: Sequence[DayPlan],
    seed: int,
    objective: cp_model.LinearExprT,
) -> None:
    """A known week as the solver's first guess, every variable of it: its choices and sets fixed
    on a copy of the model, which completes the rest at once, at their best for ``objective``
    (a hint of the choices alone is often dropped before the search completes it)."""
    if not week:
        return
    picked = {(d.day, c.candidate, c.intensity): c.sets for d in week for c in d.choices}
    fixed = m.clone()
    for key, b in v.chosen.items():
        fixed.add(fixed.get_bool_var_from_proto_index(b.index) == int(key in picked))
        fixed.add(fixed.get_int_var_from_proto_index(v.sets[key].index) == picked.get(key, 0))
    fixed.maximize(objective)
    solver = new_solver(1, seed, QUICK_COMPLETION)
    if solver.solve(fixed) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return  # not a week of this model: no hint
    for idx in range(len(m.proto.variables)):
        m.add_hint(
            m.get_int_var_from_proto_index(idx),
            solver.value(fixed.get_int_var_from_proto_index(idx)),
        )


QUICK_COMPLETION = 0.05
"""Deterministic budget for completing a hinted week (all its choices fixed: propagation)."""


def solve_items(
    spec: WeekSpec,
    *,
    workers: int,
    seed: int,
    limit: float = DETERMINISTIC_LIMIT,
    hint: Sequence[DayPlan] = (),
) -> WeekSolution:
    """Solve the week item by item within ``limit`` deterministic seconds, starting from the
    ``hint`` week when given; ValueError when no week is found."""
    started = time.perf_counter()
    m = cp_model.CpModel()
    v = _variables(m, spec)
    _sessions(m, spec, v)
    _recovery(m, spec, v)
    occurrences, volume, by_intensity, pulls = _terms_inputs(spec, v)
    terms = model_terms(m, spec, occurrences, volume, by_intensity, pulls, sum(v.small))
    _hint(m, v, hint, seed, terms.primary() + terms.soft())
    hinted = int(week_terms(spec, hint).primary()) if hint else None
    solver, status = solve_lexicographic(m, terms, workers, seed, limit, hinted)
    plans = []
    for d in spec.days:
        choices = [
            Choice(i, r, int(solver.value(v.sets[d, i, r])))
            for (dd, i, r), b in v.chosen.items()
            if dd == d and solver.value(b)
        ]
        intensity: Intensity | None = None
        for r, level in enumerate(INTENSITIES):
            if solver.value(v.day_intensity[d, r]):
                intensity = level
        plans.append(DayPlan(d, intensity, tuple(choices)))
    return week_solution(solver, status, plans, started)


__all__ = ["solve_items"]
