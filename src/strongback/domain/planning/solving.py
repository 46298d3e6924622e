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
from strongback.domain.planning.week import WeekSolution, WeekSpec

FULL_POOL_PATTERNS = 500
"""Whole sessions (over all day intensities) up to which the session model goes first."""

QUICK_LIMIT = 0.15
"""Deterministic-time budget of the first try with the item model (about 0.3 s here)."""

POOL_SIZES: tuple[int | None, ...] = (3, 2)
"""Exercises kept per movement pattern when whole sessions are too many to list (None: all)."""
POOL_PATTERNS = 300


def solve_week(spec: WeekSpec, *, workers: int = 1, seed: int = SEED) -> WeekSolution:
    """Build and solve the week model; raises ValueError when no week can be built at all.

    Two formulations, tried in a fixed order: the session model (one precomputed whole session
    per day) when the sessions are few; else the item model (one variable per exercise and day)
    on a short budget, which proves most weeks optimal at once; when it cannot, the session model
    over a smaller pool of exercises; and last the item model with the full budget.
    """
    table = pattern_table(spec, FULL_POOL_PATTERNS) if spec.day_intensity is not None else None
    if table is not None and sum(map(len, table.values())) <= FULL_POOL_PATTERNS:
        return solve_sessions(spec, table, workers=workers, seed=seed)
    try:
        quick = solve_items(spec, workers=workers, seed=seed, limit=QUICK_LIMIT)
        if quick.status == "OPTIMAL":
            return quick
    except ValueError:
        pass  # no solution within the short budget: the other formulations follow
    if spec.day_intensity is not None:
        for per_pattern in POOL_SIZES:
            pool = exercise_pool(spec, per_pattern)
            sub = replace(spec, candidates=tuple(spec.candidates[i] for i in pool))
            last = per_pattern == POOL_SIZES[-1]
            table = pattern_table(sub, PATTERN_LIMIT if last else POOL_PATTERNS)
            if table is None:
                continue
            found = solve_sessions(sub, table, workers=workers, seed=seed)
            days = tuple(
                replace(
                    d, choices=tuple(replace(c, candidate=pool[c.candidate]) for c in d.choices)
                )
                for d in found.days
            )
            return replace(found, days=days)
    return solve_items(spec, workers=workers, seed=seed)


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
        if c.exercise.id in spec.weekly_set_caps:
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
