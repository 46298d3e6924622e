"""Plan generation speed and quality: the CP-SAT planner against a greedy baseline.

    python bench/plan.py [--repeats 5]

For a fixed set of profiles, the whole plan is generated ``--repeats`` times
(``strongback.domain.planning.generator.generate_plan``: validation, the week templates solved
with CP-SAT on one worker, progression and deloads, the principle checks); the table gives the
median and the maximum wall time. Quality compares, on the same week model input (the same
candidates, minutes, bands, day intensities and recovery rules), the solver's objective with that
of a greedy baseline built here: sessions filled day by day with the item of best marginal score
that still fits, then sets added one at a time while the score rises. Objectives are those of
``strongback.domain.planning.week.score``; the ratio is solver / greedy (higher is better).
"""

from __future__ import annotations

import argparse
import statistics
import time

from strongback.domain.catalog import load_catalog
from strongback.domain.planning.generator import generate_plan
from strongback.domain.planning.principles import INTENSITIES, Requirement, meets
from strongback.domain.planning.profile import PlanProfile, make_profile
from strongback.domain.planning.templates import solve_templates
from strongback.domain.planning.week import (
    Choice,
    DayPlan,
    WeekSpec,
    adjacent_pairs,
    hard_muscles,
    score,
    score_parts,
    session_seconds,
)

FULL = (
    "pull-up-bar,cable-station,lat-pulldown,dumbbells,kettlebell,barbell,bench,"
    "back-extension-bench,band,mat"
)
PROFILES = [
    ("12w 6d 60m full, advanced hypertrophy", 6, 60, FULL, "advanced", "hypertrophy", False, 12),
    ("12w 6d 60m full, interm. strength, pain", 6, 60, FULL, "intermediate", "strength", True, 12),
    ("12w 6d 45m db+bench+bar, beginner", 6, 45, "dumbbells,bench,pull-up-bar", "beginner",
     "hypertrophy", False, 12),
    ("12w 7d 75m full, advanced endurance, pain", 7, 75, FULL, "advanced", "endurance", True, 12),
    ("8w 4d 50m kettlebell+band, intermediate", 4, 50, "kettlebell,band", "intermediate",
     "back-health", False, 8),
    ("4w 3d 45m db+bench+bar, beginner", 3, 45, "dumbbells,bench,pull-up-bar", "beginner",
     "hypertrophy", False, 4),
    ("16w 5d 90m barbell+bar, advanced strength", 5, 90, "barbell,pull-up-bar", "advanced",
     "strength", False, 16),
    ("6w 2d 30m cable+bench, beginner, pain", 2, 30, "cable-station,back-extension-bench",
     "beginner", "back-health", True, 6),
    # Short sessions on many days: the hard case for the model.
    ("12w 6d 20m full, advanced hypertrophy", 6, 20, FULL, "advanced", "hypertrophy", False, 12),
    ("12w 6d 20m full, beginner hypertrophy", 6, 20, FULL, "beginner", "hypertrophy", False, 12),
    ("12w 6d 15m full, advanced back-health", 6, 15, FULL, "advanced", "back-health", False, 12),
    ("6w 7d 15m full, beginner back-health", 7, 15, FULL, "beginner", "back-health", False, 6),
    ("12w 6d 25m full, intermediate strength", 6, 25, FULL, "intermediate", "strength", False,
     12),
    ("12w 7d 30m full, advanced strength, pain", 7, 30, FULL, "advanced", "strength", True, 12),
    ("12w 6d 30m dumbbells, interm. hypertrophy", 6, 30, "dumbbells", "intermediate",
     "hypertrophy", False, 12),
    ("8w 5d 25m band, intermediate strength", 5, 25, "band", "intermediate", "strength", False, 8),
    ("4w 7d 20m none, beginner endurance", 7, 20, "none", "beginner", "endurance", False, 4),
    ("12w 5d 15m kettlebell+bar, adv. hypertrophy", 5, 15, "kettlebell,pull-up-bar", "advanced",
     "hypertrophy", False, 12),
    ("4w 1d 20m full, intermediate hypertrophy", 1, 20, FULL, "intermediate", "hypertrophy",
     False, 4),
]  # fmt: skip


def _fits(spec: WeekSpec, days: dict[int, list[Choice]], day: int) -> bool:
    plan = DayPlan(day, None, tuple(days[day]))
    if session_seconds(spec, plan) > spec.seconds:
        return False
    hard = {d: hard_muscles(spec, DayPlan(d, None, tuple(c))) for d, c in days.items()}
    for a, b in adjacent_pairs(spec):
        if hard[a] & hard[b]:
            return False
    if 1 in hard and hard[1] & spec.before_first:
        return False
    if 7 in hard and hard[7] & spec.after_last:
        return False
    for ex_id, cap in spec.weekly_set_caps.items():
        total = sum(
            c.sets
            for cs in days.values()
            for c in cs
            if spec.candidates[c.candidate].exercise.id == ex_id
        )
        if total > cap:
            return False
    return True


def _week(spec: WeekSpec, days: dict[int, list[Choice]]) -> list[DayPlan]:
    return [DayPlan(d, None, tuple(cs)) for d, cs in days.items()]


def greedy(spec: WeekSpec) -> list[DayPlan]:
    """A simple baseline: best marginal item per day while it fits, then one more set at a time."""
    days: dict[int, list[Choice]] = {d: [] for d in spec.days}
    intensity = {
        d: (spec.day_intensity or {}).get(d, INTENSITIES.index(INTENSITIES[1])) for d in spec.days
    }

    def choice(i: int, d: int, sets: int) -> Choice:
        return Choice(i, 1 if spec.candidates[i].drill else intensity[d], sets)

    if spec.mobility_per_session:
        mob = [i for i, c in enumerate(spec.candidates) if meets(Requirement.MOBILITY, c.exercise)]
        mob.sort(key=lambda i: spec.candidates[i].seconds(1, spec.candidates[i].min_sets))
        for k, d in enumerate(spec.days):
            for j in range(spec.mobility_per_session):
                i = mob[(k * spec.mobility_per_session + j) % len(mob)]
                days[d].append(choice(i, d, spec.candidates[i].min_sets))
    for d in spec.days:
        while True:
            base = score(spec, _week(spec, days))
            best: tuple[int, int] | None = None
            for i, c in enumerate(spec.candidates):
                if any(ch.candidate == i for ch in days[d]):
                    continue
                days[d].append(choice(i, d, c.min_sets))
                if _fits(spec, days, d):
                    gain = score(spec, _week(spec, days)) - base
                    if gain > 0 and (best is None or gain > best[0]):
                        best = (gain, i)
                days[d].pop()
            if best is None:
                break
            days[d].append(choice(best[1], d, spec.candidates[best[1]].min_sets))
    improved = True
    while improved:
        improved = False
        for d in spec.days:
            for k, ch in enumerate(days[d]):
                cand = spec.candidates[ch.candidate]
                if ch.sets >= cand.max_sets:
                    continue
                base = score(spec, _week(spec, days))
                days[d][k] = Choice(ch.candidate, ch.intensity, ch.sets + 1)
                if _fits(spec, days, d) and score(spec, _week(spec, days)) > base:
                    improved = True
                else:
                    days[d][k] = ch
    return _week(spec, days)


def _profile(row: tuple[object, ...]) -> PlanProfile:
    _, days, minutes, eq, level, goal, pain, weeks = row
    return make_profile(
        days=int(days),  # type: ignore[call-overload]
        minutes=int(minutes),  # type: ignore[call-overload]
        equipment=str(eq),
        level=str(level),
        goal=str(goal),
        back_pain=bool(pain),
        weeks=int(weeks),  # type: ignore[call-overload]
        catalog=load_catalog(),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    catalog = load_catalog()
    header = (
        f"{'profile':43} {'median s':>8} {'max s':>6} {'status':>8} {'unmet':>7} {'band':>7} "
        f"{'objective':>10} {'greedy':>10} {'soft':>5} {'greedy':>6} {'ratio':>5}"
    )
    print(header)
    print("-" * len(header))
    better = 0
    for row in PROFILES:
        profile = _profile(row)
        times = []
        status = ""
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            plan = generate_plan(profile, catalog)
            times.append(time.perf_counter() - t0)
            status = plan.status
        templates = solve_templates(profile, catalog)
        cp = {"cover": 0, "band": 0, "soft": 0}
        gr = {"cover": 0, "band": 0, "soft": 0}
        cp_obj = gr_obj = 0
        for t in templates.values():
            g = greedy(t.spec)
            for k, v in score_parts(t.spec, t.solution.days).items():
                cp[k] += v
            for k, v in score_parts(t.spec, g).items():
                gr[k] += v
            cp_obj += score(t.spec, t.solution.days)
            gr_obj += score(t.spec, g)
        better += cp_obj > gr_obj
        ratio = f"{cp['soft'] / gr['soft']:5.2f}" if gr["soft"] > 0 else "  n/a"
        print(
            f"{row[0]:43} {statistics.median(times):8.3f} {max(times):6.3f} {status:>8} "
            f"{cp['cover']:>3}/{gr['cover']:<3} {cp['band']:>3}/{gr['band']:<3} "
            f"{cp_obj:10d} {gr_obj:10d} {cp['soft']:5d} {gr['soft']:6d} {ratio}"
        )
    print(
        "\nunmet = weekly coverage items missed (solver/greedy), band = half-sets outside the "
        "volume bands,\nobjective = soft - 1e6 x unmet - 5e3 x band; ratio = solver soft score / "
        "greedy soft score."
    )
    print(f"solver objective above greedy on {better} of {len(PROFILES)} profiles")


if __name__ == "__main__":
    main()
