"""Using the time given: after the solver's week, each session takes more work while it fits.

The solver's objective counts volume only up to mid-band and prices repeats, so an optimal week
may leave minutes unused (a 10-minute day beside a 67-minute one). Filling is a last stage of the
same order of priorities, done greedily: the shortest session first takes one more step that
keeps every hard rule (its minutes, no muscle hard on adjacent days, the volume bands' ceilings,
the weekly set caps). A step is, in this order, an exercise the week does not use yet, one more
set of an exercise the session holds, or an exercise another day already holds. Nothing the
solver placed is taken away, so coverage and the bands' floors stay as solved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace

from strongback.domain.planning.principles import INTENSITIES, Group
from strongback.domain.planning.week import (
    Choice,
    DayPlan,
    WeekSpec,
    adjacent_pairs,
    hard_muscles,
    session_seconds,
)


def fill_week(spec: WeekSpec, days: Sequence[DayPlan]) -> tuple[DayPlan, ...]:
    """The week with each session filled toward its minutes, shortest sessions first."""
    plans = {d.day: d for d in days}
    blocked: set[int] = set()
    while len(blocked) < len(plans):
        day = min(
            (d for d in plans if d not in blocked),
            key=lambda d: (session_seconds(spec, plans[d]), d),
        )
        before = _volumes(spec, plans.values())
        step = next(
            (s for s in _steps(spec, plans, day) if _keeps_rules(spec, plans, s, before)), None
        )
        if step is None:
            blocked.add(day)
        else:
            plans[day] = step
    return tuple(plans[d.day] for d in days)


def _level(spec: WeekSpec, day: DayPlan) -> int:
    if spec.day_intensity is not None:
        return spec.day_intensity[day.day]
    return INTENSITIES.index(day.intensity) if day.intensity is not None else 1


def _with(spec: WeekSpec, day: DayPlan, choices: list[Choice]) -> DayPlan:
    hard = any(not spec.candidates[c.candidate].drill for c in choices)
    intensity = INTENSITIES[_level(spec, day)] if hard else None
    return DayPlan(day.day, intensity, tuple(sorted(choices, key=lambda c: c.candidate)))


def _steps(spec: WeekSpec, plans: dict[int, DayPlan], day: int) -> Iterator[DayPlan]:
    """The day's possible next steps, in order of preference."""
    cands = spec.candidates
    plan = plans[day]
    here = {c.candidate for c in plan.choices}
    used = {c.candidate for d in plans.values() for c in d.choices}

    def add(i: int) -> DayPlan:
        c = cands[i]
        level = 1 if c.drill else _level(spec, plan)
        return _with(spec, plan, [*plan.choices, Choice(i, level, c.full_sets)])

    def cost(i: int) -> tuple[int, int]:
        return (cands[i].seconds(1, cands[i].full_sets), i)

    for i in sorted((i for i in range(len(cands)) if i not in used), key=cost):
        yield add(i)
    for k, ch in enumerate(plan.choices):
        if ch.sets < cands[ch.candidate].max_sets:
            choices = list(plan.choices)
            choices[k] = replace(ch, sets=ch.sets + 1)
            yield _with(spec, plan, choices)
    for i in sorted((i for i in used if i not in here), key=cost):
        yield add(i)


def _volumes(spec: WeekSpec, days: Iterable[DayPlan]) -> dict[Group, int]:
    """Half-sets per volume group over ``days``."""
    cands = spec.candidates
    out: dict[Group, int] = dict.fromkeys(spec.bands, 0)
    for d in days:
        for c in d.choices:
            for group, w in cands[c.candidate].groups.items():
                if group in out:
                    out[group] += w * c.sets
    return out


def _keeps_rules(
    spec: WeekSpec, plans: dict[int, DayPlan], new: DayPlan, before: Mapping[Group, int]
) -> bool:
    """The step keeps the minutes, recovery and weekly set caps, and takes no group above its
    band (or above the volume it had already, ``before``: half-sets per group of ``plans``)."""
    if session_seconds(spec, new) > spec.seconds:
        return False
    week = {**plans, new.day: new}
    hard = hard_muscles(spec, new)
    for a, b in adjacent_pairs(spec):
        if new.day in (a, b) and hard & hard_muscles(spec, week[b if a == new.day else a]):
            return False
    if (new.day == 1 and hard & spec.before_first) or (new.day == 7 and hard & spec.after_last):
        return False
    cands = spec.candidates
    old_day = _volumes(spec, [plans[new.day]])
    new_day = _volumes(spec, [new])
    for group, (_low, high) in spec.bands.items():
        volume = before[group] - old_day[group] + new_day[group]
        if volume > max(high, before[group]):
            return False
    for ex_id, cap in spec.weekly_set_caps.items():
        total = sum(
            c.sets
            for d in week.values()
            for c in d.choices
            if cands[c.candidate].exercise.id == ex_id
        )
        if total > cap:
            return False
    return True


__all__ = ["fill_week"]
