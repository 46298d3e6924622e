"""The solving strategy: which formulation of the week when, over which exercises, within which
budget. Every budget is in deterministic time, so the same profile always gives the same plan."""

from __future__ import annotations

from dataclasses import replace

from strongback.domain.planning.cpsat import SEED
from strongback.domain.planning.item_model import solve_items
from strongback.domain.planning.session_model import (
    PATTERN_LIMIT,
    Pattern,
    session_patterns,
    solve_sessions,
)
from strongback.domain.planning.week import (
    W_BAND,
    W_COVER,
    WeekSolution,
    WeekSpec,
    score,
    score_parts,
)

FULL_POOL_PATTERNS = 500
"""Whole sessions (over all day intensities) up to which the session model goes first."""

QUICK_LIMIT = 0.15
"""Deterministic-time budget of the first try with the item model (about 0.3 s here)."""

SESSION_LIMIT = 0.5
"""Deterministic-time budget of each stage of the session model."""

LAST_LIMIT = 0.5
"""Budget of each stage of the item model when no session model could be listed."""

QUICK_GAP = 0.08
"""A week from the first try kept without a longer search when within 8 % of the best possible
(the plan states the gap). Over the 200 profiles of ``bench/plan.py``'s sweep, the pooled search
improved no week that came within 3-8 % of the item model's bound (those bounds are loose, not the
weeks: the item model finds its best week early and spends the rest of its budget on the bound),
and it was the slowest path: it now runs only for a week far from its bound."""

POOL_SIZES: tuple[tuple[int, int], ...] = ((3, 300), (2, 600), (1, PATTERN_LIMIT))
"""Exercises kept per movement pattern when whole sessions are too many to list, each with the
most sessions its model may hold (beyond them the next, smaller pool is tried)."""


def solve_week(spec: WeekSpec, *, workers: int = 1, seed: int = SEED) -> WeekSolution:
    """Build and solve the week model; raises ValueError when no week can be built at all.

    Two formulations, tried in a fixed order within fixed deterministic budgets, so the result
    stays the same for the same profile: the session model (one precomputed whole session per
    day) when the sessions are few; else the item model (one variable per exercise and day) on a
    short budget, which proves most weeks optimal at once or comes within ``QUICK_GAP`` of its
    bound (kept, with that gap stated); when it cannot, the session model over a smaller pool of
    exercises, unless the item model's week scores higher; and last the item model on a longer
    budget. A pooled week is optimal over its pool only: it is judged against the item model's
    bound over every exercise. A week not proven optimal comes out FEASIBLE with that bound.
    """
    table = pattern_table(spec, FULL_POOL_PATTERNS) if spec.day_intensity is not None else None
    if table is not None and sum(map(len, table.values())) <= FULL_POOL_PATTERNS:
        return solve_sessions(spec, table, workers=workers, seed=seed, limit=SESSION_LIMIT)
    quick: WeekSolution | None = None
    try:
        quick = solve_items(spec, workers=workers, seed=seed, limit=QUICK_LIMIT)
        # Proven optimal, or within QUICK_GAP of the bound: the pooled session model below is
        # optimal only over a smaller pool, so it rarely beats such a week and costs seconds.
        if quick.status == "OPTIMAL" or _gap(spec, quick) <= QUICK_GAP:
            return quick
    except ValueError:
        pass  # no solution within the short budget: the other formulations follow
    pooled = _solve_pooled(spec, frozenset(), workers, seed)
    if pooled is None:
        return solve_items(spec, workers=workers, seed=seed, limit=LAST_LIMIT)
    if quick is None:
        # No week of the full model to bound the pooled one: the item model, from the pooled week
        # as a hint, on the longer budget gives a week of the full model and its bound.
        return solve_items(spec, workers=workers, seed=seed, limit=LAST_LIMIT, hint=pooled.days)
    best = pooled
    if _principles(spec, quick) > _principles(spec, pooled):
        # The item model met more of the principles outside the pool: the pool takes its exercises.
        keep = frozenset(c.candidate for d in quick.days for c in d.choices)
        wider = _solve_pooled(spec, keep, workers, seed)
        best = wider if wider is not None else quick
    if score(spec, quick.days) > score(spec, best.days):
        best = quick
    return _bounded(spec, best, quick, pooled.wall_seconds)


def _bounded(
    spec: WeekSpec, best: WeekSolution, full: WeekSolution, extra_seconds: float
) -> WeekSolution:
    """``best`` judged against the bound of ``full`` (a solve of the whole model): a pooled week
    is optimal only over its pool, so it is proven optimal only when it reaches that bound."""
    found = score(spec, best.days)
    proven = found >= full.bound
    return replace(
        best,
        objective=found,
        bound=max(float(found), full.bound),
        status="OPTIMAL" if proven else "FEASIBLE",
        wall_seconds=best.wall_seconds + full.wall_seconds + extra_seconds,
    )


def _gap(spec: WeekSpec, found: WeekSolution) -> float:
    """How much the week's soft score could still improve, as a share of it."""
    soft = score_parts(spec, found.days)["soft"]
    return max(0.0, found.bound - found.objective) / max(1, abs(soft))


def _principles(spec: WeekSpec, found: WeekSolution) -> int:
    """The coverage and band part of a week's score (higher is better)."""
    parts = score_parts(spec, found.days)
    return -W_COVER * parts["cover"] - W_BAND * parts["band"]


def _solve_pooled(
    spec: WeekSpec, keep: frozenset[int], workers: int, seed: int
) -> WeekSolution | None:
    """The session model over the quickest few exercises of each pattern and those of ``keep``,
    or None when even the smallest pool holds too many sessions to list."""
    if spec.day_intensity is None:
        return None
    for per_pattern, limit in POOL_SIZES:
        pool = sorted(set(exercise_pool(spec, per_pattern)) | keep)
        sub = replace(spec, candidates=tuple(spec.candidates[i] for i in pool))
        table = pattern_table(sub, limit)
        if table is None:
            continue
        try:
            found = solve_sessions(sub, table, workers=workers, seed=seed, limit=SESSION_LIMIT)
        except ValueError:
            return None
        days = tuple(
            replace(d, choices=tuple(replace(c, candidate=pool[c.candidate]) for c in d.choices))
            for d in found.days
        )
        return replace(found, days=days)
    return None


def exercise_pool(spec: WeekSpec, per_pattern: int | None) -> list[int]:
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
        if c.exercise.id in spec.weekly_set_caps or c.exercise.id in spec.keep:
            keep.add(i)
    return sorted(keep)


def pattern_table(spec: WeekSpec, limit: int) -> dict[int, list[Pattern]] | None:
    """The sessions of each day intensity, or None when there are more than ``limit`` in all."""
    assert spec.day_intensity is not None
    table: dict[int, list[Pattern]] = {}
    for r in sorted(set(spec.day_intensity.values())):
        # The listing stops at a few times the limit: pruning keeps about half of it.
        found = session_patterns(spec, r, 3 * limit - sum(map(len, table.values())))
        if found is None:
            return None
        table[r] = found
    return table if sum(map(len, table.values())) <= limit else None


__all__ = ["exercise_pool", "pattern_table", "solve_week"]
