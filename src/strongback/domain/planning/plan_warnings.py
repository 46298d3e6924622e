"""The principle checks run on a generated plan, and the warnings they give in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from strongback.domain.catalog import Catalog
from strongback.domain.exercise import Exercise
from strongback.domain.planning.checks import (
    Entry,
    WeekView,
    check_progression,
    check_week,
    group_volume,
)
from strongback.domain.planning.plan import PlanWeek
from strongback.domain.planning.plan_profile import PlanProfile
from strongback.domain.planning.principles import (
    GROUP_LABEL,
    GROUP_MUSCLES,
    HALF,
    REQUIREMENT_TEXT,
    Band,
    Group,
    Requirement,
    equipment_that_meets,
    group_weights,
    is_drill,
    meets,
    volume_bands,
)
from strongback.domain.planning.week_input import DELOAD, EARLY, NORMAL, phase_bands, sets_range

REFERENCE_MONDAY = date(2024, 1, 1)
"""Plans are checked on calendar dates; any Monday works, this one keeps the output stable."""


def plan_week_views(
    plan_weeks: tuple[PlanWeek, ...], catalog: Catalog, phases: list[str]
) -> list[WeekView]:
    """The neutral weekly view of a generated plan, for the principle checks."""
    views = []
    for w, phase in zip(plan_weeks, phases, strict=True):
        start = REFERENCE_MONDAY + timedelta(days=7 * (w.week - 1))
        entries = []
        for s in w.sessions:
            day = start + timedelta(days=s.day - 1)
            for it in s.items:
                ex = catalog.get(it.exercise)
                rng = it.reps or it.reps_per_side
                reps = () if rng is None else ((rng.min + rng.max) / 2,) * it.sets
                entries.append(
                    Entry(
                        day=day,
                        exercise=ex,
                        hard_sets=0 if is_drill(ex) else it.sets,
                        reps=reps,
                        rir=None if it.target_rir is None else float(it.target_rir),
                    )
                )
        exempt: dict[str, str] = {}
        if phase == EARLY:
            exempt["lower-back"] = "paused in the first two weeks for back pain"
        if phase == DELOAD:
            for r in Requirement:
                exempt[r.value] = "deload week"
            exempt["volume"] = "deload week"
        views.append(
            WeekView(
                start=start,
                entries=tuple(entries),
                deload=phase == DELOAD,
                label=f"week {w.week}",
                exempt=exempt,
            )
        )
    return views


def _weeks_text(weeks: list[int]) -> str:
    if len(weeks) == 1:
        return f"week {weeks[0]}"
    runs: list[str] = []
    start = prev = weeks[0]
    for w in [*weeks[1:], -1]:
        if w == prev + 1:
            prev = w
            continue
        runs.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = w
    return "weeks " + ", ".join(runs)


@dataclass
class _Findings:
    """Per principle the weeks it failed; per group the (week, volume) rows below or above."""

    failed: dict[str, list[int]] = field(default_factory=dict)
    low: dict[Group, list[tuple[int, float]]] = field(default_factory=dict)
    high: dict[Group, list[tuple[int, float]]] = field(default_factory=dict)


def _findings(profile: PlanProfile, views: list[WeekView], phases: list[str]) -> _Findings:
    found = _Findings()
    for i, view in enumerate(views):
        bands = phase_bands(profile, phases[i])
        prev = views[i - 1] if i else None
        for res in check_week(view, bands, prev):
            if not res.held and res.applicable:
                found.failed.setdefault(res.principle, []).append(i + 1)
        if phases[i] != DELOAD:
            vol = group_volume(view.entries)
            for g, band in bands.items():
                if vol[g] < band.low:
                    found.low.setdefault(g, []).append((i + 1, vol[g]))
                elif vol[g] > band.high:
                    found.high.setdefault(g, []).append((i + 1, vol[g]))
    return found


def _days_text(profile: PlanProfile) -> str:
    return f"{profile.days} session(s) of {profile.minutes} minutes"


def _requirement_warnings(
    profile: PlanProfile, curated: list[Exercise], failed: dict[str, list[int]]
) -> list[str]:
    out: list[str] = []
    for req in Requirement:
        weeks = failed.get(req.value)
        if not weeks:
            continue
        head = f"{REQUIREMENT_TEXT[req]} in {_weeks_text(weeks)}"
        able = [e for e in curated if meets(req, e) and e.doable_with(profile.equipment)]
        if not able:
            options = equipment_that_meets(req, curated)
            out.append(f"{head}: your equipment allows none; {' or '.join(options)} would meet it")
        elif all(e.id in profile.avoid for e in able):
            out.append(
                f"{head}: every exercise for it is avoided ({', '.join(e.id for e in able)})"
            )
        else:
            out.append(
                f"{head}: {_days_text(profile)} cannot hold it alongside the rest; "
                "add time or a day"
            )
    return out


def _volume_warnings(
    profile: PlanProfile,
    curated: list[Exercise],
    kept: list[Exercise],
    found: _Findings,
    room: bool,
    early: frozenset[int] = frozenset(),
) -> list[str]:
    out: list[str] = []
    bands = volume_bands(profile.level, profile.goal)
    for g, rows in found.low.items():
        worst = min(v for _, v in rows)
        band = bands[g]

        def works(e: Exercise, group: Group = g) -> bool:
            return not is_drill(e) and any(m in GROUP_MUSCLES[group] for m in e.muscles)

        able = [
            e
            for e in curated + [k for k in kept if k.source != "strongback"]
            if works(e) and e.doable_with(profile.equipment) and e.id not in profile.avoid
        ]
        if not able:
            kit: set[str] = set()
            for e in curated:
                if works(e):
                    kit.update("+".join(sorted(x.value for x in alt)) for alt in e.equipment)
            cause = f"no exercise you can do works them; {' or '.join(sorted(kit))} would"
        elif all(w in early for w, _ in rows):
            cause = (
                "the gentle first weeks of back pain leave out hinges and back extensions and give "
                "no exercise more sets than the weeks after them"
            )
        else:
            cause = _band_cause(profile, g, able, bands, room)
        out.append(
            f"weekly hard sets for {GROUP_LABEL[g]} adjusted down to {_n(worst)} "
            f"(band {band}) in {_weeks_text([w for w, _ in rows])}: {cause}"
        )
    for g, rows in found.high.items():
        out.append(
            f"weekly hard sets for {GROUP_LABEL[g]} above the band in "
            f"{_weeks_text([w for w, _ in rows])}"
        )
    return out


def plan_warnings(
    profile: PlanProfile,
    catalog: Catalog,
    views: list[WeekView],
    phases: list[str],
    room: bool = False,
) -> list[str]:
    """Each principle the plan breaks, once, with the weeks and the cause in words. ``room``:
    the sessions leave minutes unused, so the minutes are not what keeps a band short."""
    found = _findings(profile, views, phases)
    curated = catalog.curated()
    out = _requirement_warnings(profile, curated, found.failed)
    kept = [catalog.get(k) for k in profile.keep]
    early = frozenset(i + 1 for i, phase in enumerate(phases) if phase == EARLY)
    out += _volume_warnings(profile, curated, kept, found, room, early)
    for principle, text in (
        ("rep-ranges", "one rep range only"),
        ("recovery", "the same muscle is hard on consecutive days"),
    ):
        if principle in found.failed:
            out.append(
                f"{text} in {_weeks_text(found.failed[principle])}: "
                f"{_days_text(profile)} leave no room"
            )
    blocks: list[list[WeekView]] = [[]]
    for v in views:
        if v.deload:
            blocks.append([])
        else:
            blocks[-1].append(v)
    for block in blocks:
        res = check_progression(block)
        if res.applicable and not res.held:
            out.append("no progression over a block: " + "; ".join(res.evidence[:2]))
    return out


def _band_cause(
    profile: PlanProfile,
    group: Group,
    able: list[Exercise],
    bands: dict[Group, Band],
    room: bool,
) -> str:
    """Why a group stays under its band although some exercise works it: the most sets those
    exercises can give (each in every session at its most sets), then that most while no other
    group goes over its band; else the recovery rule when sessions leave minutes unused; else
    the days and minutes."""
    most = sets_range(profile, NORMAL)[1]
    ids = ", ".join(e.id for e in able)
    alone = sum(group_weights(e).get(group, 0) for e in able) * most * profile.days / HALF
    if alone < bands[group].low:
        return (
            f"the exercises you can do for them ({ids}) reach at most {_n(alone)} at {most} sets "
            f"a session on {profile.days} day(s)"
        )
    cap = _reachable(group, able, bands, most * profile.days)
    if cap is not None and cap < bands[group].low:
        others = sorted({GROUP_LABEL[h] for e in able for h in group_weights(e) if h is not group})
        return (
            f"the exercises you can do for them ({ids}) reach at most {_n(cap)} before the "
            f"{' or '.join(others)} go above their band"
        )
    if room:
        return (
            f"on {profile.days} day(s) at most {most} sets of an exercise a session and no muscle "
            "hard on consecutive days leave no room for more"
        )
    return f"{_days_text(profile)} cannot hold the band"


def _reachable(
    group: Group, able: list[Exercise], bands: dict[Group, Band], most: int
) -> float | None:
    """The most weekly sets ``able`` (each at most ``most`` sets a week) can give ``group``
    while every other group stays within its band's ceiling, or None when not solved."""
    from ortools.sat.python import cp_model  # the warnings of most plans never need it

    weights = [group_weights(e) for e in able]
    m = cp_model.CpModel()
    sets = [m.new_int_var(0, most, f"s{i}") for i in range(len(able))]

    def volume(g: Group) -> cp_model.LinearExprT:
        return sum(w.get(g, 0) * s for w, s in zip(weights, sets, strict=True))

    for h, band in bands.items():
        if h is not group:
            m.add(volume(h) <= int(band.high * HALF))
    m.maximize(volume(group))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 1.0
    if solver.solve(m) != cp_model.OPTIMAL:
        return None
    return solver.objective_value / HALF


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


__all__ = ["REFERENCE_MONDAY", "plan_warnings", "plan_week_views"]
