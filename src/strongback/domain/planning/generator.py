"""Turn a profile into a plan: week templates from the CP-SAT model, progression and deloads as
data, items with their reasons, and warnings from the principle checks run on the result."""

from __future__ import annotations

from strongback.domain.catalog import Catalog
from strongback.domain.planning.doses import WeekContext, plan_session, rir_offsets
from strongback.domain.planning.explain import plan_notes
from strongback.domain.planning.plan import Plan, PlanWeek
from strongback.domain.planning.plan_warnings import plan_warnings, plan_week_views
from strongback.domain.planning.principles import Requirement
from strongback.domain.planning.profile import PlanProfile
from strongback.domain.planning.templates import solve_templates
from strongback.domain.planning.week_input import DELOAD, EARLY, NORMAL, plan_phases


def generate_plan(profile: PlanProfile, catalog: Catalog) -> Plan:
    """The plan for a profile. Deterministic: the same profile gives the same plan."""
    phases = plan_phases(profile)
    templates = solve_templates(profile, catalog)
    offsets = rir_offsets(phases)
    weeks: list[PlanWeek] = []
    for idx, phase in enumerate(phases):
        tpl = templates[EARLY if phase == EARLY else NORMAL]
        missing = frozenset(
            r
            for r in (Requirement.VERTICAL_PULL, Requirement.HORIZONTAL_PULL)
            if r not in tpl.spec.requirements
        )
        ctx = WeekContext(profile, phase, idx + 1, offsets[idx], missing)
        sessions = tuple(plan_session(ctx, tpl.spec, d) for d in tpl.solution.days)
        weeks.append(PlanWeek(week=idx + 1, deload=phase == DELOAD, sessions=sessions))
    plan_weeks = tuple(weeks)
    views = plan_week_views(plan_weeks, catalog, phases)
    warnings = plan_warnings(profile, catalog, views, phases)
    statuses = {t.solution.status for t in templates.values()}
    return Plan(
        profile=profile,
        weeks=plan_weeks,
        warnings=tuple(warnings),
        notes=tuple(plan_notes(profile, [i + 1 for i, p in enumerate(phases) if p == DELOAD])),
        status="OPTIMAL" if statuses == {"OPTIMAL"} else "FEASIBLE",
        wall_seconds=sum(t.solution.wall_seconds for t in templates.values()),
        objective=sum(t.solution.objective for t in templates.values()),
    )


__all__ = ["generate_plan"]
