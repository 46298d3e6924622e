"""A solved week template turned into the sessions of one plan week: order, doses, effort."""

from __future__ import annotations

from dataclasses import dataclass

from strongback.domain.dosing import rest_seconds, target_rir
from strongback.domain.exercise import Exercise, RepRange
from strongback.domain.planning.explain import (
    item_reason,
    session_title,
)
from strongback.domain.planning.plan import PlanItem, PlanSession
from strongback.domain.planning.plan_profile import PlanProfile
from strongback.domain.planning.principles import (
    DELOAD_RIR,
    INTENSITIES,
    Intensity,
    Requirement,
    day_reps,
)
from strongback.domain.planning.week import (
    Candidate,
    DayPlan,
    WeekSpec,
)
from strongback.domain.planning.week_input import DELOAD, timed_item
from strongback.domain.tempo import (
    METHOD_TEMPO,
    TimedItem,
    minutes_for,
)
from strongback.domain.timeline import session_seconds
from strongback.domain.vocab import Level, Pattern


def rir_offsets(phases: list[str]) -> list[int]:
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
class WeekContext:
    profile: PlanProfile
    phase: str
    week: int
    offset: int
    missing: frozenset[Requirement]


def _drill_measure(e: Exercise) -> tuple[RepRange | None, RepRange | None, int | None, bool]:
    """Reps, reps per side, seconds and per side of a drill: its own catalog dose."""
    dose = e.dose
    if dose is None:
        return RepRange(min=8, max=10), None, None, False
    if dose.reps_per_side is not None or dose.seconds is not None:
        return None, dose.reps_per_side, dose.seconds, dose.per_side
    return dose.reps, None, None, dose.per_side


def _rir(ctx: WeekContext, cand: Candidate) -> int:
    """⚙ Novices train at 2-4 RIR, and nobody goes to failure on a compound [Z16][H16][ROB24];
    effort rises across a block, and a deload week trains at DELOAD_RIR or more."""
    profile = ctx.profile
    base = target_rir(cand.exercise, profile.level)
    floor = 2 if profile.level is Level.BEGINNER else (1 if cand.compound else 0)
    rir = max(floor, min(5, base + ctx.offset + (1 if cand.gentle else 0)))
    return max(rir, DELOAD_RIR) if ctx.phase == DELOAD else rir


def _item(ctx: WeekContext, cand: Candidate, intensity: Intensity, sets: int) -> PlanItem:
    """One item of a session. Stretches, holds and drills have no reps-in-reserve target: they
    are not taken near failure."""
    e = cand.exercise
    profile = ctx.profile
    rir: int | None
    if cand.drill:
        rir = None
        reps, reps_ps, secs, per_side = _drill_measure(e)
    else:
        rir = _rir(ctx, cand)
        rng = day_reps(e, profile.goal, profile.level, intensity, gentle=cand.gentle)
        per_side = bool(e.dose and e.dose.per_side)
        reps, reps_ps, secs = (None, rng, None) if per_side else (rng, None, None)
    return PlanItem(
        exercise=e.id,
        sets=sets,
        tempo=str(e.default_tempo or METHOD_TEMPO),
        rest_seconds=rest_seconds(e, profile.goal),
        target_rir=rir,
        reason=item_reason(e, ctx.phase, profile.back_pain, ctx.missing, cand.gentle),
        reps=reps,
        reps_per_side=reps_ps,
        seconds=secs,
        per_side=per_side,
    )


def _cut_in_deload(cand: Candidate) -> bool:
    """A deload cuts every loaded item, a loaded drill such as the Pallof press too; unloaded
    drills (stretches, holds) keep their dose."""
    return not cand.drill or cand.exercise.loaded


def plan_session(ctx: WeekContext, spec: WeekSpec, day: DayPlan) -> PlanSession:
    """One session of a plan week: items in a fixed order, doses, and its estimated minutes."""
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
        if ctx.phase == DELOAD and _cut_in_deload(cand):
            if sets == 1 and len(choices) > 1:
                continue  # a single set cannot be halved: a deload leaves it out
            sets = (sets + 1) // 2  # ⚙ about half the sets, never over 2/3 [JP19][ROG24]
        items.append(_item(ctx, cand, intensity, sets))
        first = cand.compound and not seen_compound
        seen_compound = seen_compound or cand.compound
        timed.append(timed_item(cand.exercise, ctx.profile, intensity, sets, first_compound=first))
    title = session_title(
        [spec.candidates[c.candidate].exercise for c in choices], day.intensity, ctx.phase
    )
    return PlanSession(
        day=day.day,
        title=title,
        estimated_minutes=minutes_for(session_seconds(timed)),
        items=tuple(items),
    )


__all__ = ["WeekContext", "plan_session", "rir_offsets"]
