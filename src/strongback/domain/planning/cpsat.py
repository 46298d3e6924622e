"""What both CP-SAT formulations of a week share: the objective's terms as solver variables, the
solver's parameters, the two-stage solve and the solution's summary."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from ortools.sat.python import cp_model

from strongback.domain.planning.principles import Group, meets
from strongback.domain.planning.week import (
    DayPlan,
    Terms,
    Use,
    WeekSolution,
    WeekSpec,
    requirement_need,
)

SEED = 20240611
DETERMINISTIC_LIMIT = 8.0
WALL_LIMIT = 30.0

BoolVar = cp_model.IntVar
Expr = cp_model.LinearExprT


def at_least_one(m: cp_model.CpModel, name: str, members: Sequence[Expr]) -> Expr:
    """A 0/1 flag that may be 1 only when one of ``members`` is: exact under a maximized reward."""
    if not members:
        return 0
    flag = m.new_bool_var(name)
    m.add(flag <= sum(members))
    return flag


def model_terms(
    m: cp_model.CpModel,
    spec: WeekSpec,
    occurrences: Mapping[int, Sequence[BoolVar]],
    volume: Mapping[Group, Sequence[Expr]],
    hard_by_intensity: Mapping[int, Sequence[Expr]],
    pulls_by_day: Mapping[int, Sequence[Expr]],
    small_doses: Expr,
) -> Terms:
    """The objective's terms over a model's variables.

    ``occurrences`` holds, per candidate, a 0/1 per session that holds it; ``volume`` the half-set
    expressions per group; ``hard_by_intensity`` per day intensity the 0/1s of sessions holding
    loaded work at it; ``pulls_by_day`` per day the 0/1s of a compound pull.
    """
    cands = spec.candidates
    used: dict[int, Expr] = {}
    uses = []
    for i, c in enumerate(cands):
        occ = list(occurrences.get(i, ()))
        u = m.new_bool_var(f"u_{i}")
        if occ:
            m.add_max_equality(u, occ)
        else:
            m.add(u == 0)
        used[i] = u
        uses.append(Use(c.drill, u, sum(occ)))
    uncovered = []
    for req in spec.requirements:
        need = requirement_need(req)
        slack = m.new_int_var(0, need, f"slack_{req}")
        members = [used[i] for i, c in enumerate(cands) if meets(req, c.exercise)]
        m.add(cp_model.LinearExpr.sum([*members, slack]) >= need)
        uncovered.append(slack)
    for i in spec.kept():
        missing = m.new_bool_var(f"kept_{i}")
        m.add(cp_model.LinearExpr.sum([used[i], missing]) >= 1)
        uncovered.append(missing)
    outside, capped = _bands(m, spec, volume)
    unilateral = [used[i] for i, c in enumerate(cands) if c.unilateral and not c.drill]
    return Terms(
        uncovered=uncovered,
        outside_band=outside,
        volume=capped,
        uses=uses,
        intensities=sum(
            at_least_one(m, f"int_{r}", members) for r, members in sorted(hard_by_intensity.items())
        ),
        unilateral=at_least_one(m, "unilateral", unilateral),
        pull_sessions=sum(
            at_least_one(m, f"pull_{d}", members) for d, members in sorted(pulls_by_day.items())
        ),
        small_doses=small_doses,
    )


def _bands(
    m: cp_model.CpModel, spec: WeekSpec, volume: Mapping[Group, Sequence[Expr]]
) -> tuple[list[Expr], list[Expr]]:
    """Per volume group, the half-sets outside the band and the volume counted up to mid-band."""
    cands = spec.candidates
    outside: list[Expr] = []
    capped: list[Expr] = []
    for group, (low, high) in spec.bands.items():
        top = sum(c.groups.get(group, 0) * c.max_sets for c in cands) * len(spec.days)
        vol = m.new_int_var(0, max(top, 0), f"vol_{group}")
        m.add(vol == sum(volume[group]))
        short = m.new_int_var(0, max(low, 0), f"short_{group}")
        over = m.new_int_var(0, max(top, 0), f"over_{group}")
        m.add(vol + short >= low)
        m.add(vol - over <= high)
        mid = m.new_int_var(0, max((low + high) // 2, 0), f"capped_{group}")
        m.add(mid <= vol)
        outside.append(short + over)
        capped.append(mid)
    return outside, capped


def new_solver(workers: int, seed: int, limit: float = DETERMINISTIC_LIMIT) -> cp_model.CpSolver:
    """A CP-SAT solver with the planner's parameters (deterministic time, one presolve pass)."""
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


def solve_lexicographic(
    m: cp_model.CpModel,
    terms: Terms,
    workers: int,
    seed: int,
    limit: float = DETERMINISTIC_LIMIT,
    hint_primary: int | None = None,
) -> tuple[cp_model.CpSolver, Any]:
    """Coverage and bands first, then the soft goals with that optimum held fixed.

    The weights already make coverage and bands dominate; solving them apart keeps each search
    small: the first objective is coarse (whole items and half-sets), and the second starts from
    the first solution as a hint with the first objective pinned, or from the model's own hint
    when it reaches that optimum (``hint_primary``: its coverage and band score). Raises
    ValueError when no week is found.
    """
    primary = terms.primary()
    m.maximize(primary)
    solver = new_solver(workers, seed, limit)
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ValueError(solver.status_name(status))
    first_status = status
    best_primary = round(solver.objective_value)
    m.add(primary >= best_primary)
    if hint_primary is None or hint_primary < best_primary:
        m.clear_hints()  # type: ignore[no-untyped-call]
        for idx in range(len(m.proto.variables)):
            var = m.get_int_var_from_proto_index(idx)
            m.add_hint(var, solver.value(var))
    m.maximize(primary + terms.soft())
    solver = new_solver(workers, seed, limit)
    # A hint of only the choices and sets leaves the rest to complete: repair it, not drop it.
    solver.parameters.repair_hint = hint_primary is not None
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ValueError(solver.status_name(status))
    if first_status == cp_model.FEASIBLE and status == cp_model.OPTIMAL:
        status = cp_model.FEASIBLE  # optimal only given a first stage that was not proven
    return solver, status


def week_solution(
    solver: cp_model.CpSolver, status: Any, days: Sequence[DayPlan], started: float
) -> WeekSolution:
    """The solved week with the solver's objective, status, bound and the time since ``started``."""
    return WeekSolution(
        days=tuple(days),
        objective=round(solver.objective_value),
        status=solver.status_name(status),
        wall_seconds=time.perf_counter() - started,
        bound=float(solver.best_objective_bound),
    )


__all__ = [
    "DETERMINISTIC_LIMIT",
    "SEED",
    "at_least_one",
    "model_terms",
    "new_solver",
    "solve_lexicographic",
    "week_solution",
]
