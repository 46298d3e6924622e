"""An independent checker of generated plans: its own reading of the hard rules, written against
the plan's JSON and the catalog data only (not the planner's rules, model or checks)."""

from __future__ import annotations

import itertools
import math
from typing import Any

from strongback.domain.catalog import load_catalog
from strongback.domain.exercise import Exercise
from strongback.domain.tempo import Tempo
from strongback.domain.timeline import exercise_seconds

CATALOG = {e.id: e for e in load_catalog(extended=False).curated()}
DEFAULT_DAYS = {1: [1], 2: [1, 4], 3: [1, 3, 5], 4: [1, 2, 4, 5], 5: [1, 2, 4, 5, 6],
                6: [1, 2, 3, 4, 5, 6], 7: [1, 2, 3, 4, 5, 6, 7]}  # fmt: skip
DRILL_PATTERNS = {"mobility", "anti-extension", "anti-rotation"}
COMPOUND_PATTERNS = {"vertical-pull", "horizontal-pull", "hip-hinge", "squat", "split-squat"}
PAIN_TEXT = "only if pain stays at or under 3/10"
RAMP_SECONDS = 60
NOVICE = (8, 15)  # novice reps: 8-12RM for size and strength, 10-15 for endurance
RECOVERY_SHARE = 0.5  # a session under half the week's longest must be called a recovery day

# Weekly hard sets for lats and upper back per (level, goal), from training-science.md section 1.
MAIN = {
    ("beginner", "hypertrophy"): (6, 10), ("beginner", "strength"): (6, 10),
    ("beginner", "endurance"): (6, 10), ("beginner", "back-health"): (4, 8),
    ("intermediate", "hypertrophy"): (10, 16), ("intermediate", "strength"): (8, 12),
    ("intermediate", "endurance"): (8, 14), ("intermediate", "back-health"): (6, 10),
    ("advanced", "hypertrophy"): (14, 20), ("advanced", "strength"): (10, 16),
    ("advanced", "endurance"): (10, 16), ("advanced", "back-health"): (8, 12),
}  # fmt: skip
GROUPS = {
    "lats": ({"lats"}, "lats"),
    "upper": ({"traps", "rhomboids"}, "upper back"),
    "rear": ({"rear-delts"}, "rear delts"),
    "erectors": ({"erector-spinae"}, "lower back"),
}


def bands(level: str, goal: str) -> dict[str, tuple[float, float]]:
    low, high = MAIN[(level, goal)]
    return {
        "lats": (low, high),
        "upper": (low, high),
        "rear": (math.ceil(low * 0.6), high),
        "erectors": (math.ceil(low / 2), math.ceil(high * 0.75)),
    }


def is_drill(e: Exercise) -> bool:
    return e.pattern.value in DRILL_PATTERNS


def weight(e: Exercise, muscles: set[str]) -> float:
    if any(m.value in muscles for m in e.primary_muscles):
        return 1.0
    if any(m.value in muscles for m in e.secondary_muscles):
        return 0.5
    return 0.0


def item_seconds(item: dict[str, Any], first_compound: bool) -> int:
    e = CATALOG[item["exercise"]]
    tempo = Tempo.parse(item["tempo"])
    if "reps" in item:
        kw: dict[str, Any] = {"reps": item["reps"]["max"]}
    elif "reps_per_side" in item:
        kw = {"reps": item["reps_per_side"]["max"], "per_side": True}
    else:
        kw = {"seconds": item["seconds"], "per_side": item["per_side"]}
    t = exercise_seconds(tempo, sets=item["sets"], rest_seconds=item["rest_seconds"], **kw)
    if e.pattern.value in COMPOUND_PATTERNS:
        ramps = 2 if first_compound else 1
    else:
        ramps = 1 if e.loaded and not is_drill(e) else 0
    return t + ramps * RAMP_SECONDS


def session_seconds(session: dict[str, Any]) -> int:
    total = 0
    seen = False
    for item in session["items"]:
        compound = CATALOG[item["exercise"]].pattern.value in COMPOUND_PATTERNS
        total += item_seconds(item, compound and not seen)
        seen = seen or compound
    return total


def doable(e: Exercise, equipment: set[str]) -> bool:
    if not e.equipment:
        return True
    return any({x.value for x in alt} <= equipment for alt in e.equipment)


def check_plan(plan: dict[str, Any]) -> list[str]:
    """Every hard rule, as a list of violations (empty when the plan keeps them all)."""
    bad: list[str] = []
    p = plan["profile"]
    eq = set(p["equipment"])
    avoid = set(p["avoid"])
    warnings = " | ".join(plan["warnings"])
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    days = [names.index(d) + 1 for d in p["weekdays"]] if p["weekdays"] else DEFAULT_DAYS[p["days"]]
    if len(days) != p["days"]:
        bad.append("weekdays count differs from days")
    if [w["week"] for w in plan["weeks"]] != list(range(1, p["weeks"] + 1)):
        bad.append("weeks are not numbered 1..N")
    if plan["solver"]["status"] not in ("OPTIMAL", "FEASIBLE"):
        bad.append("solver status")
    roomy = p["days"] * p["minutes"] >= 120 and p["minutes"] >= 40
    # items, equipment, time
    for w in plan["weeks"]:
        wd = [s["day"] for s in w["sessions"]]
        if wd != sorted(set(wd)) or sorted(wd) != sorted(days):
            bad.append(f"week {w['week']}: session days {wd} are not the weekdays {days}")
        for s in w["sessions"]:
            if not s["items"]:
                bad.append(f"week {w['week']} day {s['day']}: empty session")
            secs = session_seconds(s)
            if secs > p["minutes"] * 60:
                bad.append(f"week {w['week']} day {s['day']}: {secs} s over {p['minutes']} min")
            if math.ceil(secs / 60) != s["estimated_minutes"]:
                bad.append(f"week {w['week']} day {s['day']}: estimate {s['estimated_minutes']}")
            ids = [i["exercise"] for i in s["items"]]
            if len(ids) != len(set(ids)):
                bad.append(f"week {w['week']} day {s['day']}: exercise twice in a session")
            for it in s["items"]:
                e = CATALOG.get(it["exercise"])
                if e is None:
                    bad.append(f"unknown exercise {it['exercise']}")
                    continue
                if not doable(e, eq):
                    bad.append(f"{e.id} needs equipment not owned")
                if e.id in avoid:
                    bad.append(f"{e.id} was avoided")
                measures = [k for k in ("reps", "reps_per_side", "seconds") if k in it]
                if len(measures) != 1:
                    bad.append(f"{e.id}: measures {measures}")
                if "seconds" in it and "per_side" not in it:
                    bad.append(f"{e.id}: seconds without per_side")
                if not (it["sets"] >= 1 and it["rest_seconds"] >= 0):
                    bad.append(f"{e.id}: sets/rest out of range")
                if is_drill(e) and it["target_rir"] is not None:
                    bad.append(f"{e.id}: a drill with a reps-in-reserve target")
                if not is_drill(e) and not 0 <= it["target_rir"] <= 5:
                    bad.append(f"{e.id}: rir out of range")
                reps = it.get("reps") or it.get("reps_per_side")
                novice = p["level"] == "beginner" and e.loaded and not is_drill(e)
                if novice and reps and not NOVICE[0] <= reps["min"] <= reps["max"] <= NOVICE[1]:
                    bad.append(f"{e.id}: {reps} outside the novice range for a beginner")
                if not isinstance(it["reason"], str) or len(it["reason"]) < 10:
                    bad.append(f"{e.id}: no reason")
                Tempo.parse(it["tempo"])
    # weekly coverage
    pain_weeks = {1, 2} if p["back_pain"] else set()
    reqs = {
        "vertical pull": lambda e: e.pattern.value == "vertical-pull",
        "horizontal pull": lambda e: e.pattern.value == "horizontal-pull",
        "rear-delt": lambda e: e.pattern.value == "rear-delt",
        "lower-back": lambda e: e.pattern.value in ("back-extension", "hip-hinge"),
    }
    for w in plan["weeks"]:
        if w["deload"]:
            continue
        used = [CATALOG[i["exercise"]] for s in w["sessions"] for i in s["items"]]
        for name, test in reqs.items():
            if name == "lower-back" and w["week"] in pain_weeks:
                continue
            possible = any(
                test(e) and doable(e, eq) and e.id not in avoid for e in CATALOG.values()
            )
            if any(test(e) for e in used):
                continue
            if possible and roomy:
                bad.append(f"week {w['week']}: no {name} although possible")
            elif name.split()[0] not in warnings:
                bad.append(f"week {w['week']}: no {name} and no warning")
        mob = {e.id for e in used if e.section and e.section.value == "mobility-core"}
        if len(mob) < 2 and "mobility" not in warnings:
            bad.append(f"week {w['week']}: fewer than two mobility-core items, no warning")
    # back pain
    if p["back_pain"]:
        for w in plan["weeks"]:
            for s in w["sessions"]:
                es = [CATALOG[i["exercise"]] for i in s["items"]]
                mob = [e for e in es if e.section and e.section.value == "mobility-core"]
                if len(mob) < 2:
                    bad.append(f"week {w['week']} day {s['day']}: back pain needs 2 mobility items")
                for it, e in zip(s["items"], es, strict=True):
                    lower = e.pattern.value in ("hip-hinge", "back-extension")
                    if lower and w["week"] in pain_weeks:
                        bad.append(f"week {w['week']}: {e.id} in the first two weeks of back pain")
                    if lower and PAIN_TEXT not in it["reason"]:
                        bad.append(f"week {w['week']}: {e.id} without the pain rule")
        notes = " ".join(plan["notes"]).lower()
        if "clinician" not in notes and "professional" not in notes:
            bad.append("no note on when to see a professional")
    # recovery: no muscle at 4+ weighted hard sets on adjacent days (Sunday -> next Monday too)
    loads: dict[int, dict[str, float]] = {}
    for w in plan["weeks"]:
        for s in w["sessions"]:
            absolute = (w["week"] - 1) * 7 + s["day"]
            day = loads.setdefault(absolute, {})
            for it in s["items"]:
                e = CATALOG[it["exercise"]]
                if is_drill(e):
                    continue
                for m in e.primary_muscles:
                    day[m.value] = day.get(m.value, 0) + it["sets"]
                for m in e.secondary_muscles:
                    if m not in e.primary_muscles:
                        day[m.value] = day.get(m.value, 0) + 0.5 * it["sets"]
    for d, load in loads.items():
        nxt = loads.get(d + 1, {})
        for m, v in load.items():
            if v >= 4 and nxt.get(m, 0) >= 4:
                bad.append(f"{m} hard on days {d} and {d + 1}")
    # volume bands
    b = bands(p["level"], p["goal"])
    for w in plan["weeks"]:
        if w["deload"]:
            continue
        for g, (muscles, label) in GROUPS.items():
            low, high = b[g]
            if g == "erectors" and w["week"] in pain_weeks:
                low = 0
            vol = sum(
                weight(CATALOG[i["exercise"]], muscles) * i["sets"]
                for s in w["sessions"]
                for i in s["items"]
                if not is_drill(CATALOG[i["exercise"]])
            )
            if vol > high + 1e-9:
                bad.append(f"week {w['week']}: {label} {vol} above {high}")
            if vol < low - 1e-9 and label not in warnings:
                bad.append(f"week {w['week']}: {label} {vol} below {low} without a warning")
    # balance: a session far shorter than the week's longest is a recovery day, and says so
    for w in plan["weeks"]:
        longest = max(session_seconds(s) for s in w["sessions"])
        for s in w["sessions"]:
            short = session_seconds(s) < RECOVERY_SHARE * longest - 60  # whole minutes
            if short and not s["title"].startswith("Recovery day"):
                bad.append(f"week {w['week']} day {s['day']}: far shorter, not a recovery day")
    # deloads cut every loaded item, loaded drills too
    for w in plan["weeks"]:
        if not w["deload"] or w["week"] < 2:
            continue
        before = {
            (s["day"], i["exercise"]): i["sets"] for s in plan["weeks"][w["week"] - 2]["sessions"]
            for i in s["items"]
        }  # fmt: skip
        for s in w["sessions"]:
            for i in s["items"]:
                was = before.get((s["day"], i["exercise"]))
                if CATALOG[i["exercise"]].loaded and was and was > 1 and i["sets"] >= was:
                    bad.append(f"deload week {w['week']}: {i['exercise']} keeps {i['sets']} sets")
    # deloads and progression
    deloads = [w["week"] for w in plan["weeks"] if w["deload"]]
    if p["weeks"] >= 5:
        if not deloads:
            bad.append("no deload in a plan of 5+ weeks")
        marks = [0, *deloads]
        for a, c in itertools.pairwise(marks):
            if not 4 <= c - a <= 6:
                bad.append(f"deloads {a} -> {c} not 4-6 weeks apart")
        if p["weeks"] - marks[-1] > 6:
            bad.append("more than 6 weeks after the last deload")
    elif deloads:
        bad.append("deload in a plan under 5 weeks")

    def hard_sets(w: dict[str, Any]) -> int:
        return sum(
            i["sets"]
            for s in w["sessions"]
            for i in s["items"]
            if not is_drill(CATALOG[i["exercise"]])
        )

    for k in deloads:
        before = plan["weeks"][k - 2]
        if hard_sets(plan["weeks"][k - 1]) > hard_sets(before) * 2 / 3:
            bad.append(f"deload week {k} not a third lighter than week {k - 1}")
    blocks: list[list[dict[str, Any]]] = [[]]
    for w in plan["weeks"]:
        if w["deload"]:
            blocks.append([])
        else:
            blocks[-1].append(w)
    for block in blocks:
        if len(block) < 2 or hard_sets(block[0]) == 0:
            continue

        def effort(w: dict[str, Any]) -> dict[str, tuple[int, int]]:
            out: dict[str, tuple[int, int]] = {}
            for s in w["sessions"]:
                for i in s["items"]:
                    if is_drill(CATALOG[i["exercise"]]):
                        continue
                    rir, sets = out.get(i["exercise"], (99, 0))
                    out[i["exercise"]] = (min(rir, i["target_rir"]), sets + i["sets"])
            return out

        def easier(a: tuple[int, int], c: tuple[int, int]) -> bool:
            return (c[0] > a[0] and c[1] <= a[1]) or (c[1] < a[1] and c[0] >= a[0])

        rose = False
        for a, c in itertools.pairwise(block):
            ea, ec = effort(a), effort(c)
            for key in ea.keys() & ec.keys():
                if easier(ea[key], ec[key]):
                    bad.append(f"week {c['week']}: {key} easier than week {a['week']}")
        first, last = effort(block[0]), effort(block[-1])
        for key in first.keys() & last.keys():
            if last[key][0] < first[key][0] or last[key][1] > first[key][1]:
                rose = True
        if not rose:
            bad.append(f"no progression in the block starting week {block[0]['week']}")
    return bad
