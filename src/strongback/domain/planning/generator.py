"""Turn a profile into a plan: week templates from the CP-SAT model, progression and deloads as
data, items with their reasons, and warnings from the principle checks run on the result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from strongback.domain.catalog import Catalog
from strongback.domain.planning.doses import WeekContext, plan_session, rir_offsets
from strongback.domain.planning.explain import (
    RECOVERY_SHARE,
    is_recovery,
    plan_notes,
    recovery_note,
    recovery_title,
)
from strongback.domain.planning.first_loads import with_first_loads
from strongback.domain.planning.history import AthleteHistory
from strongback.domain.planning.plan import Plan, PlanSession, PlanWeek
from strongback.domain.planning.plan_profile import PlanProfile
from strongback.domain.planning.plan_warnings import plan_warnings, plan_week_views
from strongback.domain.planning.principles import Requirement, is_lower_back
from strongback.domain.planning.templates import Template, solve_templates
from strongback.domain.planning.week import score_parts
from strongback.domain.planning.week_input import DELOAD, EARLY, NORMAL, plan_phases


def generate_plan(
    profile: PlanProfile, catalog: Catalog, history: AthleteHistory | None = None
) -> Plan:
    """The plan for a profile. Deterministic: the same profile (and history) gives the same plan.
    With the athlete's ``history``, each loaded exercise's first week carries its first load."""
    phases = plan_phases(profile)
    templates = solve_templates(profile, catalog)
    offsets = rir_offsets(phases)
    weeks: list[PlanWeek] = []
    # A week's sessions follow from its template, phase and effort offset only: weeks alike in
    # those share them (a 16-week plan has a handful of distinct weeks, not sixteen).
    made: dict[tuple[str, int], tuple[PlanSession, ...]] = {}
    for idx, phase in enumerate(phases):
        key = (phase, offsets[idx])
        if key not in made:
            tpl = templates[EARLY if phase == EARLY else NORMAL]
            missing = frozenset(
                r
                for r in (Requirement.VERTICAL_PULL, Requirement.HORIZONTAL_PULL)
                if r not in tpl.spec.requirements
            )
            ctx = WeekContext(profile, phase, idx + 1, offsets[idx], missing)
            made[key] = _mark_recovery_days(
                tuple(plan_session(ctx, tpl.spec, d) for d in tpl.solution.days)
            )
        weeks.append(PlanWeek(week=idx + 1, deload=phase == DELOAD, sessions=made[key]))
    plan_weeks = tuple(weeks) if history is None else with_first_loads(weeks, catalog, history)
    views = plan_week_views(plan_weeks, catalog, phases)
    warnings = plan_warnings(profile, catalog, views, phases, _room(profile, plan_weeks, phases))
    warnings += _kept_warnings(profile, catalog, plan_weeks, phases)
    statuses = {t.solution.status for t in templates.values()}
    notes = plan_notes(profile, [i + 1 for i, p in enumerate(phases) if p == DELOAD])
    days = sorted(
        {s.day for w in weeks if not w.deload for s in w.sessions if is_recovery(s.title)}
    )
    if days:
        notes.append(recovery_note(days))
    gap = _gap(templates)
    if gap is not None:
        notes.append(
            "The solver stopped at its time budget before proving this week the best one: every "
            f"weekly principle it could meet is met, and the rest could improve by at most {gap}%."
        )
    return Plan(
        profile=profile,
        weeks=plan_weeks,
        warnings=tuple(warnings),
        notes=tuple(notes),
        status="OPTIMAL" if statuses == {"OPTIMAL"} else "FEASIBLE",
        wall_seconds=sum(t.solution.wall_seconds for t in templates.values()),
        objective=sum(t.solution.objective for t in templates.values()),
        gap_percent=gap,
    )


ROOM_MINUTES = 15
"""A session leaving more minutes than this has room for more sets: time is not the limit."""


def _room(profile: PlanProfile, weeks: tuple[PlanWeek, ...], phases: list[str]) -> bool:
    """True when a session of the first normal week leaves more than ``ROOM_MINUTES`` unused."""
    for week, phase in zip(weeks, phases, strict=True):
        if phase == NORMAL:
            return any(profile.minutes - s.estimated_minutes > ROOM_MINUTES for s in week.sessions)
    return False


def _kept_warnings(
    profile: PlanProfile, catalog: Catalog, weeks: tuple[PlanWeek, ...], phases: list[str]
) -> list[str]:
    """A kept exercise missing from a loading week (outside the gentle back-pain weeks, which
    leave out every hinge and back extension) is said, with the weeks."""
    out = []
    for kept in profile.keep:
        gentle = is_lower_back(catalog.get(kept))
        missing = [
            w.week
            for w, phase in zip(weeks, phases, strict=True)
            if phase == NORMAL or (phase == EARLY and not gentle)
            if all(i.exercise != kept for i in w.items())
        ]
        if missing:
            listed = ", ".join(map(str, missing))
            out.append(
                f"kept {kept} left out in week(s) {listed}: the days and minutes cannot hold it "
                "alongside the weekly principles"
            )
    return out


def _mark_recovery_days(sessions: tuple[PlanSession, ...]) -> tuple[PlanSession, ...]:
    """A session under ``RECOVERY_SHARE`` of the week's longest holds what the recovery rules
    leave room for: it is called a recovery day."""
    longest = max((s.estimated_minutes for s in sessions), default=0)
    return tuple(
        replace(s, title=recovery_title(s.title))
        if s.estimated_minutes < RECOVERY_SHARE * longest
        else s
        for s in sessions
    )


def _gap(templates: Mapping[str, Template]) -> float | None:
    """The largest share (in %) by which a template's soft score could still improve, or None
    when every template is proven optimal."""
    gaps = []
    for t in templates.values():
        if t.solution.status == "OPTIMAL":
            continue
        soft = score_parts(t.spec, t.solution.days)["soft"]
        room = max(0.0, t.solution.bound - t.solution.objective)
        gaps.append(round(100 * room / max(1, abs(soft)), 1))
    return max(gaps) if gaps else None


__all__ = ["generate_plan"]
