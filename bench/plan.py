"""Plan generation speed and quality: the CP-SAT planner against a greedy baseline, and a sweep.

    python bench/plan.py [--repeats 5] [--sweep 200] [--seed 7] [--only-sweep] [--baseline main]

For a fixed set of profiles, the whole plan is generated ``--repeats`` times
(``strongback.domain.planning.generator.generate_plan``: validation, the week templates solved
with CP-SAT on one worker, progression and deloads, the principle checks); the table gives the
median and the maximum wall time. Quality compares, on the same week model input (the same
candidates, minutes, bands, day intensities and recovery rules), the solver's objective with that
of a greedy baseline built here: sessions filled day by day with the item of best marginal score
that still fits, then sets added one at a time while the score rises. Objectives are those of
``strongback.domain.planning.week.score``; the ratio is solver / greedy (higher is better).

The sweep generates each of ``--sweep`` random profiles (seeded: 1-7 days, 15-120 minutes, any
set of the owned equipment classes, every level, goal, with or without back pain, 1-16 weeks)
once, the reported slow profiles first, and prints the p50, p99 and max wall times, the solver
status counts, the largest stated gap and the slowest profiles, beside the same figures for the
baseline (``--baseline``, a git ref, main by default): a detached worktree of it is made in a
temporary folder, and two worker processes, one per source tree, take each profile in turn so
both sides see the same machine load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from strongback.domain.catalog import load_catalog
from strongback.domain.planning.generator import generate_plan
from strongback.domain.planning.plan_profile import PlanProfile, make_profile
from strongback.domain.planning.principles import INTENSITIES, Requirement, meets
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


OWNED = (
    "pull-up-bar", "cable-station", "lat-pulldown", "dumbbells", "kettlebell", "barbell", "bench",
    "back-extension-bench", "band", "mat",
)  # fmt: skip
LEVELS = ("beginner", "intermediate", "advanced")
GOALS = ("hypertrophy", "strength", "endurance", "back-health")
REPORTED_SLOW: list[dict[str, Any]] = [
    dict(days=5, minutes=30, equipment="dumbbells,pull-up-bar,band", level="advanced",
         goal="hypertrophy", back_pain=False, weeks=12),
    dict(days=6, minutes=30, equipment="dumbbells,bench,pull-up-bar,band", level="advanced",
         goal="hypertrophy", back_pain=False, weeks=12),
]  # fmt: skip


def sweep_profiles(count: int, seed: int) -> list[dict[str, Any]]:
    """The reported slow profiles, then random ones (the same for the same seed)."""
    rng = random.Random(seed)
    out = list(REPORTED_SLOW)
    while len(out) < count:
        kit = [e for e in OWNED if rng.random() < 0.45] if rng.random() > 0.1 else []
        out.append(
            dict(
                days=rng.randint(1, 7),
                minutes=rng.randint(15, 120),
                equipment=",".join(kit) or "none",
                level=rng.choice(LEVELS),
                goal=rng.choice(GOALS),
                back_pain=rng.random() < 0.3,
                weeks=rng.randint(1, 16),
            )
        )
    return out[:count]


def _describe(p: dict[str, Any]) -> str:
    pain = ", pain" if p["back_pain"] else ""
    return (
        f"{p['weeks']}w {p['days']}d {p['minutes']}m {p['equipment']}, {p['level']} "
        f"{p['goal']}{pain}"
    )


def _run_one(catalog: Any, spec: dict[str, Any]) -> dict[str, Any]:
    """Generate one sweep profile's plan: its wall time, status and stated gap (in %)."""
    profile = make_profile(catalog=catalog, **spec)
    t0, c0 = time.perf_counter(), time.process_time()
    plan = generate_plan(profile, catalog)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    gap = 0.0
    for note in plan.notes:
        found = re.search(r"at most ([0-9.]+)%", note)
        if found:
            gap = float(found.group(1))
    return {"seconds": elapsed, "cpu": cpu, "status": plan.status, "gap": gap}


def worker() -> None:
    """Answer one JSON profile per input line with one JSON result line (``--worker``): the
    sweep runs the baseline's code and this branch's in two such processes, in turn."""
    catalog = load_catalog()
    for line in sys.stdin:
        print(json.dumps(_run_one(catalog, json.loads(line))), flush=True)


class _Side:
    """A ``--worker`` process on one source tree (``src`` None: this checkout)."""

    def __init__(self, src: Path | None) -> None:
        env = dict(os.environ)
        if src is not None:
            env["PYTHONPATH"] = f"{src}{os.pathsep}{env.get('PYTHONPATH', '')}"
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )

    def run(self, spec: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(spec) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the worker stopped on {spec}")
        result: dict[str, Any] = json.loads(line)
        return result

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def _baseline_tree(ref: str, into: Path) -> Path:
    """A detached git worktree of ``ref`` (the baseline's code) under ``into``."""
    repo = Path(__file__).resolve().parents[1]
    tree = into / "baseline"
    subprocess.run(
        ["git", "-C", str(repo), "worktree", "add", "--detach", "-q", str(tree), ref], check=True
    )
    return tree


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def _summary(rows: list[dict[str, Any]]) -> dict[str, str]:
    times = sorted(r["seconds"] for r in rows)
    cpu = sorted(r["cpu"] for r in rows)
    statuses = Counter(r["status"] for r in rows)
    return {
        "p50 s": f"{statistics.median(times):.3f}",
        "p99 s": f"{_p99(times):.3f}",
        "max s": f"{times[-1]:.3f}",
        "over 1 s": str(sum(t > 1 for t in times)),
        "over 2 s": str(sum(t > 2 for t in times)),
        "CPU p50 s": f"{statistics.median(cpu):.3f}",
        "CPU p99 s": f"{_p99(cpu):.3f}",
        "CPU max s": f"{cpu[-1]:.3f}",
        "OPTIMAL": str(statuses.get("OPTIMAL", 0)),
        "FEASIBLE": str(statuses.get("FEASIBLE", 0)),
        "largest gap %": f"{max(r['gap'] for r in rows):.1f}",
    }


def sweep(count: int, seed: int, baseline: str | None) -> None:
    """Generate every sweep profile once with this branch's code and, in turn, the baseline's;
    print the time percentiles, the statuses, the largest stated gap and the slowest profiles."""
    specs = sweep_profiles(count, seed)
    with tempfile.TemporaryDirectory() as tmp:
        sides = {"this branch": _Side(None)}
        tree = _baseline_tree(baseline, Path(tmp)) if baseline else None
        if tree is not None:
            sides[f"baseline ({baseline})"] = _Side(tree / "src")
        try:
            rows: dict[str, list[dict[str, Any]]] = {name: [] for name in sides}
            for spec in specs:
                for name, side in sides.items():
                    rows[name].append(side.run(spec))
        finally:
            for side in sides.values():
                side.close()
            if tree is not None:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], check=False)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"\nsweep of {len(specs)} profiles (seed {seed}), each side one process, in turn; "
        f"load average at the end {load:.1f} on {os.cpu_count()} cores (wall times include "
        "waiting for a core, CPU times do not)"
    )
    summaries = {name: _summary(r) for name, r in rows.items()}
    names = list(summaries)
    print("| figure | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for key in summaries[names[0]]:
        print(f"| {key} | " + " | ".join(summaries[n][key] for n in names) + " |")
    mine = rows["this branch"]
    print("\nreported slow profiles (this branch):")
    for spec, r in zip(specs[: len(REPORTED_SLOW)], mine, strict=False):
        print(f"  {r['seconds']:6.3f} s {r['status']:>8}  {_describe(spec)}")
    print("slowest (this branch):")
    ranked = sorted(zip(mine, specs, strict=True), key=lambda x: -x[0]["seconds"])
    for r, spec in ranked[:5]:
        print(f"  {r['seconds']:6.3f} s {r['status']:>8} gap {r['gap']:.1f}%  {_describe(spec)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sweep", type=int, default=200, help="random profiles (0: none)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only-sweep", action="store_true")
    parser.add_argument(
        "--baseline", default="main", help="git ref timed beside this checkout ('' for none)"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return
    if not args.only_sweep:
        table(args.repeats)
    if args.sweep:
        sweep(args.sweep, args.seed, args.baseline or None)


def table(repeats: int) -> None:
    """The fixed profiles: time, status and the objective against the greedy baseline."""
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
        for _ in range(repeats):
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
