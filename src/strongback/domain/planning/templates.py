"""The week templates a profile needs, solved: the normal week and the early back-pain week."""

from __future__ import annotations

from dataclasses import dataclass, replace

from strongback.domain.catalog import Catalog
from strongback.domain.errors import InfeasibleProfile
from strongback.domain.planning.filling import fill_week
from strongback.domain.planning.plan_profile import PlanProfile
from strongback.domain.planning.solving import solve_week
from strongback.domain.planning.week import (
    WeekSolution,
    WeekSpec,
    hard_muscles,
    score,
    score_parts,
)
from strongback.domain.planning.week_input import (
    DELOAD,
    EARLY,
    NORMAL,
    SHORT_SESSION_MINUTES,
    build_week_spec,
    plan_phases,
)


@dataclass(frozen=True)
class Template:
    """A solved week template: the model input and its solution."""

    spec: WeekSpec
    solution: WeekSolution


def solve_templates(profile: PlanProfile, catalog: Catalog) -> dict[str, Template]:
    """Solve the week templates a profile needs: the normal week, then the early back-pain week
    constrained against the normal week's Monday."""
    phases = plan_phases(profile)
    templates: dict[str, Template] = {}
    if NORMAL in phases or DELOAD in phases:
        spec = build_week_spec(profile, catalog, NORMAL, wrap=profile.weeks > 1)
        templates[NORMAL] = _solve_template(profile, spec)
    if EARLY in phases:
        after: frozenset[object] = frozenset()
        if NORMAL in templates:
            monday = [d for d in templates[NORMAL].solution.days if d.day == 1]
            if monday:
                after = frozenset(hard_muscles(templates[NORMAL].spec, monday[0]))
        spec = build_week_spec(
            profile, catalog, EARLY, wrap=phases.count(EARLY) > 1, after_last=after
        )
        if NORMAL in templates:
            # Effort never drops into week 3: no exercise gets more weekly sets early than later.
            normal = templates[NORMAL]
            caps: dict[str, int] = {}
            for d in normal.solution.days:
                for ch in d.choices:
                    ex_id = normal.spec.candidates[ch.candidate].exercise.id
                    caps[ex_id] = caps.get(ex_id, 0) + ch.sets
            spec = replace(spec, weekly_set_caps=caps)
        templates[EARLY] = _solve_template(profile, spec)
    return templates


def _solve_template(profile: PlanProfile, spec: WeekSpec) -> Template:
    """Solve with the usual doses; in short sessions that leave a weekly principle uncovered,
    solve again allowing single sets (and keep that week when it scores better)."""
    best = Template(spec, _solve(spec))
    if (
        profile.minutes > SHORT_SESSION_MINUTES
        or not score_parts(spec, best.solution.days)["cover"]
    ):
        return best
    small = replace(
        spec,
        candidates=tuple(replace(c, min_sets=1) for c in spec.candidates),
    )
    again = Template(small, _solve(small))
    return again if again.solution.objective > best.solution.objective else best


def _solve(spec: WeekSpec) -> WeekSolution:
    """The solver's week, then its sessions filled toward their minutes (``fill_week``); the
    objective is the filled week's score, the bound that score plus what the solver left open."""
    try:
        solved = solve_week(spec)
    except ValueError:
        raise InfeasibleProfile(
            "no week fits these days, minutes and equipment together with the recovery rules"
        ) from None
    days = fill_week(spec, solved.days)
    filled = score(spec, days)
    # The bound keeps the solver's room: what the solved week could still gain.
    room = max(0.0, solved.bound - solved.objective)
    return replace(solved, days=days, objective=filled, bound=filled + room)


__all__ = ["Template", "solve_templates"]
