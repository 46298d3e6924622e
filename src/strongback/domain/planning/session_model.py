"""The session model: CP-SAT choosing one precomputed whole session per training day.

Short sessions hold one to three items, so there are few such sessions; a model choosing one whole
session per day has an exact linear relaxation per day, where the item model's time knapsack and
its big-M recovery flags leave a weak bound that the search must close by enumeration (seconds
instead of milliseconds at 15-25 minutes).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from strongback.domain.planning.cpsat import (
    DETERMINISTIC_LIMIT,
    BoolVar,
    model_terms,
    solve_lexicographic,
    week_solution,
)
from strongback.domain.planning.principles import INTENSITIES, Group, Requirement, meets
from strongback.domain.planning.week import (
    Choice,
    DayPlan,
    WeekSolution,
    WeekSpec,
    adjacent_pairs,
    hard_muscles,
)
from strongback.domain.vocab import Muscle

PATTERN_LIMIT = 2500
"""Most whole sessions listed per day intensity before the item model is used instead."""


@dataclass(frozen=True)
class Pattern:
    """One whole session a day may hold, precomputed: its choices and what they add up to."""

    choices: tuple[Choice, ...]
    hard: frozenset[Muscle]
    volume: Mapping[Group, int]
    hard_item: bool
    compound_pull: bool
    small: int


def _pattern(spec: WeekSpec, picked: list[Choice]) -> Pattern:
    cands = spec.candidates
    day = DayPlan(0, None, tuple(sorted(picked, key=lambda c: c.candidate)))
    volume: dict[Group, int] = {}
    for c in picked:
        for g, w in cands[c.candidate].groups.items():
            volume[g] = volume.get(g, 0) + w * c.sets
    return Pattern(
        choices=day.choices,
        hard=hard_muscles(spec, day),
        volume=volume,
        hard_item=any(not cands[c.candidate].drill for c in picked),
        compound_pull=any(cands[c.candidate].compound_pull for c in picked),
        small=sum(1 for c in picked if c.sets < cands[c.candidate].full_sets),
    )


def session_patterns(
    spec: WeekSpec, intensity: int, limit: int = PATTERN_LIMIT
) -> list[Pattern] | None:
    """Every session that fits the minutes at this day intensity (each exercise at most once,
    every set count it allows, the back-pain mobility items included), or None past ``limit``."""
    cands = spec.candidates

    def level(i: int) -> int:
        return 1 if cands[i].drill else intensity

    order = sorted(range(len(cands)), key=lambda i: cands[i].seconds(level(i), cands[i].min_sets))
    cheapest = [cands[i].seconds(level(i), cands[i].min_sets) for i in order]
    # Listed as plain choices first: building each session's summary costs far more, and a
    # listing that runs past the limit is thrown away.
    found: list[tuple[Choice, ...]] = []
    picked: list[Choice] = []

    # Whether each candidate is a mobility-core item, read once: the walk below visits
    # hundreds of thousands of partial sessions.
    mobile = [meets(Requirement.MOBILITY, c.exercise) for c in cands]
    need = spec.mobility_per_session

    def walk(pos: int, used: int, compound: bool, mob: int) -> bool:
        for k in range(pos, len(order)):
            if used + cheapest[k] > spec.seconds:
                break  # sorted by cost: nothing after fits either
            i = order[k]
            c = cands[i]
            extra = spec.first_compound_extra if c.compound and not compound else 0
            now = mob + mobile[i]
            for sets in range(c.min_sets, c.max_sets + 1):
                cost = used + c.seconds(level(i), sets) + extra
                if cost > spec.seconds:
                    break
                picked.append(Choice(i, level(i), sets))
                if now >= need:  # a session with back pain holds its mobility-core items
                    found.append(tuple(picked))
                if len(found) > limit or not walk(k + 1, cost, compound or c.compound, now):
                    return False
                picked.pop()
        return True

    if not walk(0, 0, False, 0):
        return None
    out = [_pattern(spec, list(choices)) for choices in found]
    return out if spec.weekly_set_caps else _fullest(out)


def _fullest(patterns: list[Pattern]) -> list[Pattern]:
    """Drop a session when another one holds the same exercises with the same hard muscles and
    at least as many sets of each: within the same recovery footprint a session uses its minutes.
    (Kept whole when weekly set caps apply, where fewer sets can be needed.)"""
    groups: dict[tuple[tuple[int, ...], frozenset[Muscle]], list[Pattern]] = {}
    for pat in patterns:
        key = (tuple(c.candidate for c in pat.choices), pat.hard)
        groups.setdefault(key, []).append(pat)
    out: list[Pattern] = []
    for pats in groups.values():
        for pat in pats:
            sets = [c.sets for c in pat.choices]
            if not any(
                other is not pat
                and all(b.sets >= a for a, b in zip(sets, other.choices, strict=True))
                for other in pats
            ):
                out.append(pat)
    return out


Table = Mapping[int, list[Pattern]]
"""The sessions of each day intensity."""

_Day = list[tuple[Pattern, BoolVar]]


def _day_choices(m: cp_model.CpModel, spec: WeekSpec, table: Table) -> dict[int, _Day]:
    """One session per day; none that loads hard what the week's neighbours forbid."""
    assert spec.day_intensity is not None
    by_day: dict[int, _Day] = {}
    for d in spec.days:
        by_day[d] = []
        for p, pat in enumerate(table[spec.day_intensity[d]]):
            if (d == 1 and pat.hard & spec.before_first) or (d == 7 and pat.hard & spec.after_last):
                continue
            by_day[d].append((pat, m.new_bool_var(f"z_{d}_{p}")))
        m.add_exactly_one(v for _pat, v in by_day[d])
    # The same muscle is never loaded hard on adjacent days: one clique per pair and muscle.
    for day_a, day_b in adjacent_pairs(spec):
        muscles = {mu for pat, _ in by_day[day_a] for mu in pat.hard} & {
            mu for pat, _ in by_day[day_b] for mu in pat.hard
        }
        for mu in sorted(muscles, key=str):
            m.add_at_most_one(v for d in (day_a, day_b) for pat, v in by_day[d] if mu in pat.hard)
    return by_day


def _caps_and_occurrences(
    m: cp_model.CpModel, spec: WeekSpec, by_day: Mapping[int, _Day]
) -> dict[int, list[BoolVar]]:
    """Weekly set caps per exercise, and per candidate a 0/1 for each session that holds it."""
    holding: dict[tuple[int, int], list[BoolVar]] = {}
    sets: dict[int, list[cp_model.LinearExprT]] = {}
    for d in spec.days:
        for pat, v in by_day[d]:
            for ch in pat.choices:
                holding.setdefault((d, ch.candidate), []).append(v)
                sets.setdefault(ch.candidate, []).append(ch.sets * v)
    for i, c in enumerate(spec.candidates):
        cap = spec.weekly_set_caps.get(c.exercise.id)
        if cap is not None:
            m.add(sum(sets.get(i, [])) <= cap)
    occurrences: dict[int, list[BoolVar]] = {}
    for (d, i), members in sorted(holding.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        o = m.new_bool_var(f"o_{d}_{i}")
        m.add(o == sum(members))
        occurrences.setdefault(i, []).append(o)
    return occurrences


def solve_sessions(
    spec: WeekSpec, table: Table, *, workers: int, seed: int, limit: float = DETERMINISTIC_LIMIT
) -> WeekSolution:
    """Solve the week choosing whole sessions from ``table``; ValueError when none fits."""
    started = time.perf_counter()
    assert spec.day_intensity is not None
    intensity = spec.day_intensity
    m = cp_model.CpModel()
    by_day = _day_choices(m, spec, table)
    terms = model_terms(
        m,
        spec,
        _caps_and_occurrences(m, spec, by_day),
        {
            g: [pat.volume.get(g, 0) * v for d in spec.days for pat, v in by_day[d]]
            for g in spec.bands
        },
        {
            r: [v for d in spec.days if intensity[d] == r for pat, v in by_day[d] if pat.hard_item]
            for r in sorted(set(intensity.values()))
        },
        {d: [v for pat, v in by_day[d] if pat.compound_pull] for d in spec.days},
        sum(pat.small * v for d in spec.days for pat, v in by_day[d] if pat.small),
    )
    solver, status = solve_lexicographic(m, terms, workers, seed, limit)
    plans = []
    for d in spec.days:
        chosen = next(pat for pat, v in by_day[d] if solver.value(v))
        plans.append(
            DayPlan(d, INTENSITIES[intensity[d]] if chosen.hard_item else None, chosen.choices)
        )
    return week_solution(solver, status, plans, started)


__all__ = ["PATTERN_LIMIT", "Pattern", "Table", "session_patterns", "solve_sessions"]
