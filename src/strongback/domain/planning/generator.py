"""Turn a profile into a plan: week templates from the CP-SAT model, progression and deloads as
data, items with their reasons, and warnings from the principle checks run on the result."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from strongback.domain.catalog import Catalog
from strongback.domain.dosing import COMPOUND_PULLS, is_compound, rest_seconds, target_rir
from strongback.domain.errors import InfeasibleProfile
from strongback.domain.exercise import Exercise, RepRange
from strongback.domain.planning.checks import (
    Entry,
    WeekView,
    check_progression,
    check_week,
    group_volume,
)
from strongback.domain.planning.explain import (
    item_reason,
    plan_notes,
    session_title,
)
from strongback.domain.planning.model import (
    Candidate,
    DayPlan,
    WeekSolution,
    WeekSpec,
    hard_muscles,
    score_parts,
    solve_week,
)
from strongback.domain.planning.plan import Plan, PlanItem, PlanSession, PlanWeek
from strongback.domain.planning.profile import PlanProfile
from strongback.domain.planning.rules import (
    DELOAD_RIR,
    GROUP_LABEL,
    GROUP_MUSCLES,
    HALF,
    INTENSITIES,
    MOBILITY_ITEMS_PER_PAIN_SESSION,
    REQUIREMENT_TEXT,
    Band,
    Group,
    Intensity,
    Requirement,
    day_reps,
    deload_weeks,
    equipment_that_meets,
    group_weights,
    is_drill,
    is_lower_back,
    is_unilateral,
    meets,
    muscle_weights,
    volume_bands,
)
from strongback.domain.tempo import (
    METHOD_TEMPO,
    TimedItem,
    minutes_for,
    session_seconds,
    warm_up_sets,
)
from strongback.domain.vocab import Goal, Level, Pattern

REFERENCE_MONDAY = date(2024, 1, 1)
"""Plans are checked on calendar dates; any Monday works, this one keeps the output stable."""

EARLY, NORMAL, DELOAD = "early", "normal", "deload"

SHORT_SESSION_MINUTES = 30
"""⚙ Up to this length, when the usual doses leave a weekly principle uncovered, an item
may take a single set: one or two sets of a
coverage item beat leaving the item out (novices progress on 1-3 sets [ACSM09]), and the model
prices such a dose so it appears only when coverage or the bands need it."""
PAIN_EARLY_WEEKS = 2


def _sets_range(profile: PlanProfile, phase: str) -> tuple[int, int]:
    """Working sets per exercise: novices 1-3 [ACSM09], advanced 3-6 [ACSM09][RPVL]; ⚙ we use
    2-3, 2-4 and 3-5, and 2-3 for back health and the gentle first weeks with back pain."""
    if phase == EARLY or profile.goal is Goal.BACK_HEALTH or profile.level is Level.BEGINNER:
        return (2, 3)
    if profile.level is Level.INTERMEDIATE:
        return (2, 4)
    return (3, 5)


def _gentle(profile: PlanProfile, exercise: Exercise) -> bool:
    return profile.back_pain and is_lower_back(exercise)


def _timed(
    exercise: Exercise,
    profile: PlanProfile,
    intensity: Intensity,
    sets: int,
    *,
    first_compound: bool = False,
) -> TimedItem:
    tempo = exercise.default_tempo or METHOD_TEMPO
    rest = rest_seconds(exercise, profile.goal)
    drill = is_drill(exercise)
    dose = exercise.dose
    per_side = bool(dose and dose.per_side)
    if drill and dose is not None:
        reps_range = dose.reps or dose.reps_per_side
        reps = reps_range.max if reps_range else None
        secs = dose.seconds if reps_range is None else None
    else:
        reps = day_reps(
            exercise, profile.goal, profile.level, intensity, gentle=_gentle(profile, exercise)
        ).max
        secs = None
    return TimedItem(
        tempo=tempo,
        sets=sets,
        rest_seconds=rest,
        reps=reps,
        seconds=secs,
        per_side=per_side,
        warm_up_sets=warm_up_sets(
            compound=is_compound(exercise),
            loaded=exercise.loaded and not drill,
            first_compound=first_compound,
        ),
    )


def _candidate(
    exercise: Exercise, profile: PlanProfile, phase: str, small_doses: bool = False
) -> Candidate:
    drill = is_drill(exercise)
    if drill:
        fixed_sets = exercise.dose.sets if exercise.dose else 2
        low, high = fixed_sets, fixed_sets
    else:
        low, high = _sets_range(profile, phase)
    per_set: list[int] = []
    fixed: list[int] = []
    for intensity in INTENSITIES:
        one = session_seconds([_timed(exercise, profile, intensity, 1)])
        two = session_seconds([_timed(exercise, profile, intensity, 2)])
        per_set.append(two - one)
        fixed.append(one - (two - one))
    full = low
    if small_doses:
        low = 1
    return Candidate(
        exercise=exercise,
        drill=drill,
        min_sets=low,
        max_sets=high,
        full_sets=full,
        per_set=(per_set[0], per_set[1], per_set[2]),
        fixed=(fixed[0], fixed[1], fixed[2]),
        muscles={} if drill else muscle_weights(exercise),
        groups={} if drill else group_weights(exercise),
        compound=is_compound(exercise),
        compound_pull=exercise.pattern in COMPOUND_PULLS,
        unilateral=is_unilateral(exercise),
        gentle=_gentle(profile, exercise),
    )


def _allowed(profile: PlanProfile, catalog: Catalog, phase: str) -> list[Exercise]:
    out = []
    for e in catalog.curated():
        if e.id in profile.avoid or not e.doable_with(profile.equipment):
            continue
        if phase == EARLY and is_lower_back(e):
            continue  # back pain: no loaded hinge and no back extension in the first weeks
        out.append(e)
    return out


def phase_bands(profile: PlanProfile, phase: str) -> dict[Group, Band]:
    """The volume bands of a phase: the early back-pain weeks ask nothing of the erectors."""
    bands = volume_bands(profile.level, profile.goal)
    if phase == EARLY:
        bands[Group.ERECTORS] = Band(0, bands[Group.ERECTORS].high)
    return bands


def build_week_spec(
    profile: PlanProfile,
    catalog: Catalog,
    phase: str,
    *,
    wrap: bool = True,
    after_last: frozenset[object] = frozenset(),
    small_doses: bool = False,
) -> WeekSpec:
    """The model input for one week template of this profile; InfeasibleProfile when no week can
    be built at all."""
    exercises = _allowed(profile, catalog, phase)
    seconds = profile.minutes * 60
    if not exercises:
        raise InfeasibleProfile(
            "every exercise is avoided or needs equipment you do not have "
            f"(equipment: {', '.join(sorted(e.value for e in profile.equipment)) or 'none'})"
        )
    cands = tuple(_candidate(e, profile, phase, small_doses) for e in exercises)
    shortest = min(
        c.seconds(r, c.min_sets) + (60 if c.compound else 0)
        for c in cands
        for r in range(len(INTENSITIES))
    )
    if shortest > seconds:
        raise InfeasibleProfile(
            f"{profile.minutes} minutes cannot hold even one exercise: the shortest one you can "
            f"do takes {minutes_for(shortest)} minutes"
        )
    mobility_per_session = 0
    if profile.back_pain:
        mob = sorted(
            c.seconds(1, c.min_sets) for c in cands if meets(Requirement.MOBILITY, c.exercise)
        )
        need = MOBILITY_ITEMS_PER_PAIN_SESSION
        if len(mob) < need:
            raise InfeasibleProfile(
                f"with back pain every session needs {need} mobility-core items, but only "
                f"{len(mob)} are available with this equipment and --avoid list"
            )
        if sum(mob[:need]) > seconds:
            raise InfeasibleProfile(
                f"with back pain every session needs {need} mobility-core items, which do not fit "
                f"in {profile.minutes} minutes"
            )
        mobility_per_session = need
    requirements = tuple(
        r
        for r in Requirement
        if any(meets(r, c.exercise) for c in cands)
        and not (phase == EARLY and r is Requirement.LOWER_BACK)
    )
    bands = {
        g: (int(b.low * HALF), int(b.high * HALF)) for g, b in phase_bands(profile, phase).items()
    }
    return WeekSpec(
        day_intensity=day_intensities(profile, phase),
        days=profile.weekdays,
        seconds=seconds,
        candidates=cands,
        bands=bands,
        requirements=requirements,
        mobility_per_session=mobility_per_session,
        wrap=wrap,
        after_last=frozenset(after_last),  # type: ignore[arg-type]
    )


def day_intensities(profile: PlanProfile, phase: str) -> dict[int, int]:
    """The loading of each training day, as data: ⚙ heavy, light and moderate days in turn (a
    heavy day is followed by a light one), a single weekly session moderate, and no heavy day in
    the gentle first weeks with back pain. The soft goal of varied rep ranges then holds by
    construction and the model stays small."""
    cycle: tuple[Intensity, ...]
    if len(profile.weekdays) == 1:
        cycle = (Intensity.MODERATE,)
    elif phase == EARLY:
        cycle = (Intensity.MODERATE, Intensity.LIGHT)
    else:
        cycle = (Intensity.HEAVY, Intensity.LIGHT, Intensity.MODERATE)
    return {d: INTENSITIES.index(cycle[k % len(cycle)]) for k, d in enumerate(profile.weekdays)}


@dataclass(frozen=True)
class _Template:
    spec: WeekSpec
    solution: WeekSolution


def _phases(profile: PlanProfile) -> list[str]:
    deloads = set(deload_weeks(profile.weeks))
    out = []
    for w in range(1, profile.weeks + 1):
        if w in deloads:
            out.append(DELOAD)
        elif profile.back_pain and w <= PAIN_EARLY_WEEKS:
            out.append(EARLY)
        else:
            out.append(NORMAL)
    return out


def solve_templates(profile: PlanProfile, catalog: Catalog) -> dict[str, _Template]:
    """Solve the week templates a profile needs: the normal week, then the early back-pain week
    constrained against the normal week's Monday."""
    phases = _phases(profile)
    templates: dict[str, _Template] = {}
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


def _solve_template(profile: PlanProfile, spec: WeekSpec) -> _Template:
    """Solve with the usual doses; in short sessions that leave a weekly principle uncovered,
    solve again allowing single sets (and keep that week when it scores better)."""
    best = _Template(spec, _solve(spec))
    if (
        profile.minutes > SHORT_SESSION_MINUTES
        or not score_parts(spec, best.solution.days)["cover"]
    ):
        return best
    small = replace(
        spec,
        candidates=tuple(replace(c, min_sets=1) for c in spec.candidates),
    )
    again = _Template(small, _solve(small))
    return again if again.solution.objective > best.solution.objective else best


def _solve(spec: WeekSpec) -> WeekSolution:
    try:
        return solve_week(spec)
    except ValueError:
        raise InfeasibleProfile(
            "no week fits these days, minutes and equipment together with the recovery rules"
        ) from None


def _rir_offsets(phases: list[str]) -> list[int]:
    """Effort rises across each block between deloads: ⚙ RIR falls from +1 to -1 around the
    dosing default (RP: lower RIR across the mesocycle [RPPR])."""
    offsets = [0] * len(phases)
    block: list[int] = []
    for i, p in enumerate([*phases, DELOAD]):
        if p != DELOAD:
            block.append(i)
            continue
        n = len(block)
        for k, idx in enumerate(block):
            offsets[idx] = 0 if n == 1 else 1 - round(2 * k / (n - 1))
        block = []
    return offsets


def _order_key(exercise: Exercise) -> tuple[int, int]:
    ranks = {
        Pattern.VERTICAL_PULL: 0,
        Pattern.HORIZONTAL_PULL: 1,
        Pattern.HIP_HINGE: 2,
        Pattern.SQUAT: 3,
        Pattern.SPLIT_SQUAT: 3,
        Pattern.SHOULDER_ELEVATION: 4,
        Pattern.REAR_DELT: 5,
        Pattern.BACK_EXTENSION: 6,
        Pattern.ANTI_EXTENSION: 7,
        Pattern.ANTI_ROTATION: 7,
        Pattern.MOBILITY: 8,
    }
    return (ranks.get(exercise.pattern, 9), 0)


@dataclass(frozen=True)
class _Context:
    profile: PlanProfile
    phase: str
    week: int
    offset: int
    missing: frozenset[Requirement]


def _item(ctx: _Context, cand: Candidate, intensity: Intensity, sets: int) -> PlanItem:
    e = cand.exercise
    profile = ctx.profile
    tempo = str(e.default_tempo or METHOD_TEMPO)
    rest = rest_seconds(e, profile.goal)
    base_rir = target_rir(e, profile.level)
    if cand.drill:
        dose = e.dose
        rir = base_rir
        reps = dose.reps if dose else RepRange(min=8, max=10)
        reps_ps = dose.reps_per_side if dose else None
        secs = dose.seconds if dose else None
        per_side = bool(dose and dose.per_side)
        if reps_ps is not None or secs is not None:
            reps = None
        return PlanItem(
            exercise=e.id,
            sets=sets,
            tempo=tempo,
            rest_seconds=rest,
            target_rir=rir,
            reason=item_reason(e, ctx.phase, profile.back_pain, ctx.missing, cand.gentle),
            reps=reps,
            reps_per_side=reps_ps,
            seconds=secs,
            per_side=per_side,
        )
    # ⚙ Novices train at 2-4 RIR, and nobody goes to failure on a compound [Z16][H16][ROB24].
    floor = 2 if profile.level is Level.BEGINNER else (1 if cand.compound else 0)
    rir = max(floor, min(5, base_rir + ctx.offset + (1 if cand.gentle else 0)))
    if ctx.phase == DELOAD:
        rir = max(rir, DELOAD_RIR)
    rng = day_reps(e, profile.goal, profile.level, intensity, gentle=cand.gentle)
    per_side = bool(e.dose and e.dose.per_side)
    return PlanItem(
        exercise=e.id,
        sets=sets,
        tempo=tempo,
        rest_seconds=rest,
        target_rir=rir,
        reason=item_reason(e, ctx.phase, profile.back_pain, ctx.missing, cand.gentle),
        reps=None if per_side else rng,
        reps_per_side=rng if per_side else None,
        per_side=per_side,
    )


def _session(ctx: _Context, spec: WeekSpec, day: DayPlan) -> PlanSession:
    choices = sorted(
        day.choices, key=lambda c: (_order_key(spec.candidates[c.candidate].exercise), c.candidate)
    )
    items: list[PlanItem] = []
    timed: list[TimedItem] = []
    seen_compound = False
    for ch in choices:
        cand = spec.candidates[ch.candidate]
        intensity = INTENSITIES[ch.intensity]
        sets = ch.sets
        if ctx.phase == DELOAD and not cand.drill:
            if sets == 1 and len(day.choices) > 1:
                continue  # a single set cannot be halved: a deload leaves it out
            sets = (sets + 1) // 2  # ⚙ about half the loaded sets, never over 2/3 [JP19][ROG24]
        items.append(_item(ctx, cand, intensity, sets))
        first = cand.compound and not seen_compound
        seen_compound = seen_compound or cand.compound
        timed.append(_timed(cand.exercise, ctx.profile, intensity, sets, first_compound=first))
    title = session_title(
        [spec.candidates[c.candidate].exercise for c in choices], day.intensity, ctx.phase
    )
    return PlanSession(
        day=day.day,
        title=title,
        estimated_minutes=minutes_for(session_seconds(timed)),
        items=tuple(items),
    )


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
                        # Drills and holds carry no RIR target: they are far from failure.
                        rir=float(it.target_rir if it.target_rir is not None else 10),
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


def _warnings(
    profile: PlanProfile,
    catalog: Catalog,
    views: list[WeekView],
    phases: list[str],
) -> list[str]:
    failed: dict[str, list[int]] = {}
    low_groups: dict[Group, list[tuple[int, float]]] = {}
    high_groups: dict[Group, list[tuple[int, float]]] = {}
    for i, view in enumerate(views):
        bands = phase_bands(profile, phases[i])
        prev = views[i - 1] if i else None
        for res in check_week(view, bands, prev):
            if not res.held and res.applicable:
                failed.setdefault(res.principle, []).append(i + 1)
        if phases[i] != DELOAD:
            vol = group_volume(view.entries)
            for g, band in bands.items():
                if vol[g] < band.low:
                    low_groups.setdefault(g, []).append((i + 1, vol[g]))
                elif vol[g] > band.high:
                    high_groups.setdefault(g, []).append((i + 1, vol[g]))
    out: list[str] = []
    curated = catalog.curated()
    days_text = f"{profile.days} session(s) of {profile.minutes} minutes"
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
            out.append(f"{head}: {days_text} cannot hold it alongside the rest; add time or a day")
    for g, rows in low_groups.items():
        weeks = [w for w, _ in rows]
        worst = min(v for _, v in rows)
        band = volume_bands(profile.level, profile.goal)[g]
        able = [
            e
            for e in curated
            if not is_drill(e)
            and e.doable_with(profile.equipment)
            and e.id not in profile.avoid
            and any(m in GROUP_MUSCLES[g] for m in e.muscles)
        ]
        if not able:
            kit: set[str] = set()
            for e in curated:
                if not is_drill(e) and any(m in GROUP_MUSCLES[g] for m in e.muscles):
                    kit.update("+".join(sorted(x.value for x in alt)) for alt in e.equipment)
            cause = f"no exercise you can do works them; {' or '.join(sorted(kit))} would"
        else:
            cause = f"{days_text} cannot hold the band"
        out.append(
            f"weekly hard sets for {GROUP_LABEL[g]} adjusted down to {_n(worst)} "
            f"(band {band}) in {_weeks_text(weeks)}: {cause}"
        )
    for g, rows in high_groups.items():
        out.append(
            f"weekly hard sets for {GROUP_LABEL[g]} above the band in "
            f"{_weeks_text([w for w, _ in rows])}"
        )
    for principle, text in (
        ("rep-ranges", "one rep range only"),
        ("recovery", "the same muscle is hard on consecutive days"),
    ):
        if principle in failed:
            out.append(f"{text} in {_weeks_text(failed[principle])}: {days_text} leave no room")
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


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def generate_plan(profile: PlanProfile, catalog: Catalog) -> Plan:
    """The plan for a profile. Deterministic: the same profile gives the same plan."""
    phases = _phases(profile)
    templates = solve_templates(profile, catalog)
    offsets = _rir_offsets(phases)
    weeks: list[PlanWeek] = []
    for idx, phase in enumerate(phases):
        tpl = templates[EARLY if phase == EARLY else NORMAL]
        missing = frozenset(
            r
            for r in (Requirement.VERTICAL_PULL, Requirement.HORIZONTAL_PULL)
            if r not in tpl.spec.requirements
        )
        ctx = _Context(profile, phase, idx + 1, offsets[idx], missing)
        sessions = tuple(_session(ctx, tpl.spec, d) for d in tpl.solution.days)
        weeks.append(PlanWeek(week=idx + 1, deload=phase == DELOAD, sessions=sessions))
    plan_weeks = tuple(weeks)
    views = plan_week_views(plan_weeks, catalog, phases)
    warnings = _warnings(profile, catalog, views, phases)
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


__all__ = [
    "DELOAD",
    "EARLY",
    "NORMAL",
    "REFERENCE_MONDAY",
    "build_week_spec",
    "generate_plan",
    "phase_bands",
    "plan_week_views",
    "solve_templates",
]
