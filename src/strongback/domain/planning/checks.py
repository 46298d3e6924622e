"""The principle checks, written once over a neutral weekly view.

A week view lists which exercises were done (or planned) on which dates, with their hard sets,
reps and effort. The same functions verify a generated plan and audit a logged history: vertical
and horizontal pulls, rear-delt and lower-back work, mobility, several rep ranges, no muscle hard
on consecutive days, weekly sets per main back muscle inside the band, progression over a block.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from strongback.domain.dosing import is_compound
from strongback.domain.exercise import Exercise
from strongback.domain.planning.principles import (
    GROUP_LABEL,
    HALF,
    HARD_DAY_SETS,
    MOBILITY_ITEMS_PER_WEEK,
    REQUIREMENT_TEXT,
    Band,
    Group,
    Requirement,
    group_weights,
    is_drill,
    meets,
    muscle_weights,
    rep_bracket,
)
from strongback.domain.vocab import Muscle
from strongback.domain.wording import count_of, number


@dataclass(frozen=True)
class Entry:
    """One exercise on one date: its hard (working, non-warm-up) sets and what they were.

    ``reps`` holds the reps of each hard set (per side for one-sided work); ``rir`` the mean reps
    in reserve when known; ``best_e1rm`` the best estimated one-rep max in ``unit`` (kg unless the
    user's profile says lb) when loads are known.
    """

    day: date
    exercise: Exercise
    hard_sets: int
    reps: tuple[float, ...] = ()
    rir: float | None = None
    best_e1rm: float | None = None
    best_reps: float | None = None
    unit: str = "kg"


@dataclass(frozen=True)
class WeekView:
    """A week of training, Monday first. ``exempt`` names principles that do not apply by design
    (with the reason), e.g. lower-back work paused in the first weeks of a back-pain plan."""

    start: date
    entries: tuple[Entry, ...]
    deload: bool = False
    label: str = ""
    exempt: Mapping[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """How reports name the week."""
        return self.label or f"week of {self.start.isoformat()}"


@dataclass(frozen=True)
class CheckResult:
    """One principle on one week (or the block): held or not, the evidence, what to do."""

    principle: str
    held: bool
    evidence: tuple[str, ...] = ()
    suggestion: str | None = None
    applicable: bool = True

    def to_public(self) -> dict[str, object]:
        """The JSON shape of a result."""
        return {
            "principle": self.principle,
            "held": self.held,
            "applicable": self.applicable,
            "evidence": list(self.evidence),
            "suggestion": self.suggestion,
        }


PRINCIPLES = (
    "vertical-pull",
    "horizontal-pull",
    "rear-delt",
    "lower-back",
    "mobility",
    "rep-ranges",
    "recovery",
    "volume",
)

_SUGGEST: dict[Requirement, str] = {
    Requirement.VERTICAL_PULL: "add a pull-up or a lat pulldown once a week",
    Requirement.HORIZONTAL_PULL: "add a row (cable, chest-supported or one-arm) once a week",
    Requirement.REAR_DELT: "add face pulls or bent-over reverse flyes for the rear delts",
    Requirement.LOWER_BACK: "add a back extension or a hip hinge such as a kettlebell RDL",
    Requirement.MOBILITY: "add two mobility-core drills (hips, thoracic spine, core) each week",
}


def _short(day: date) -> str:
    return day.isoformat()


def check_requirement(week: WeekView, requirement: Requirement) -> CheckResult:
    """A weekly coverage principle: a vertical pull, a horizontal pull, rear-delt work, lower-back
    work, or at least two distinct mobility-core items."""
    name = requirement.value
    if name in week.exempt:
        return CheckResult(name, True, (week.exempt[name],), None, applicable=False)
    hits = [e for e in week.entries if meets(requirement, e.exercise)]
    if requirement is Requirement.MOBILITY:
        distinct = sorted({e.exercise.id for e in hits})
        held = len(distinct) >= MOBILITY_ITEMS_PER_WEEK
        evidence = (
            tuple(f"{_short(e.day)} {e.exercise.id}" for e in hits)
            if hits
            else ("no mobility or core drill logged",)
        )
        if not held and hits:
            evidence = (f"only {', '.join(distinct)}", *evidence)
    else:
        held = bool(hits)
        if held:
            evidence = tuple(f"{_short(e.day)} {e.exercise.id}" for e in hits)
        else:
            done = sorted({e.exercise.id for e in week.entries if e.hard_sets})
            evidence = (
                f"{REQUIREMENT_TEXT[requirement]} among: {', '.join(done) or 'nothing logged'}",
            )
    return CheckResult(name, held, evidence, None if held else _SUGGEST[requirement])


def check_rep_ranges(week: WeekView) -> CheckResult:
    """Several rep ranges across the week: hard sets in at least two of heavy, moderate, light."""
    brackets: dict[str, set[str]] = {}
    for e in week.entries:
        if e.hard_sets and not is_drill(e.exercise):
            for r in e.reps:
                brackets.setdefault(rep_bracket(r), set()).add(e.exercise.id)
    if not brackets:
        return CheckResult("rep-ranges", True, ("no hard sets with reps",), None, applicable=False)
    held = len(brackets) >= 2
    evidence = tuple(f"{b}: {', '.join(sorted(ids))}" for b, ids in sorted(brackets.items()))
    suggestion = (
        None
        if held
        else (
            "vary the rep ranges: a heavy day (4-6 reps), a moderate day (8-12) "
            "and a light day (15+)"
        )
    )
    return CheckResult("rep-ranges", held, evidence, suggestion)


def daily_load(entries: Iterable[Entry]) -> dict[date, dict[Muscle, tuple[int, list[str]]]]:
    """Half-set units per muscle per date, with the exercises that made them."""
    out: dict[date, dict[Muscle, tuple[int, list[str]]]] = {}
    for e in entries:
        if not e.hard_sets or is_drill(e.exercise):
            continue
        day = out.setdefault(e.day, {})
        for m, w in muscle_weights(e.exercise).items():
            units, names = day.get(m, (0, []))
            day[m] = (
                units + w * e.hard_sets,
                [*names, f"{e.exercise.id} {count_of(e.hard_sets, 'set')}"],
            )
    return out


def check_recovery(week: WeekView, previous: WeekView | None = None) -> CheckResult:
    """No muscle loaded hard (4+ weighted sets, indirect sets counting half) on consecutive dates,
    including the last day of the previous week to this week's first day."""
    entries = list(week.entries)
    if previous is not None:
        entries += [e for e in previous.entries if e.day == week.start - timedelta(days=1)]
    load = daily_load(entries)
    evidence: list[str] = []
    threshold = HARD_DAY_SETS * HALF
    for day in sorted(load):
        nxt = day + timedelta(days=1)
        if nxt not in load or nxt < week.start:
            continue
        for m in sorted(load[day], key=str):
            a, names_a = load[day][m]
            b, names_b = load[nxt].get(m, (0, []))
            if a >= threshold and b >= threshold:
                evidence.append(
                    f"{m.value} hard on {_short(day)} ({count_of(a / HALF, 'set')}: "
                    f"{', '.join(names_a)}) and {_short(nxt)} ({count_of(b / HALF, 'set')}: "
                    f"{', '.join(names_b)})"
                )
    held = not evidence
    return CheckResult(
        "recovery",
        held,
        tuple(evidence) or ("no muscle hard on consecutive days",),
        None
        if held
        else "leave 48 h between hard sessions for the same muscles: move one day "
        "or keep the second day under 4 sets for them",
    )


def group_volume(entries: Iterable[Entry]) -> dict[Group, float]:
    """Weekly hard sets per main back group, direct sets 1, indirect 0.5 [PEL24]."""
    out = {g: 0.0 for g in Group}
    for e in entries:
        if not e.hard_sets or is_drill(e.exercise):
            continue
        for g, w in group_weights(e.exercise).items():
            out[g] += w * e.hard_sets / HALF
    return out


def check_volume(week: WeekView, bands: Mapping[Group, Band]) -> CheckResult:
    """Weekly hard sets per main back muscle inside the band for the level and goal."""
    if "volume" in week.exempt:
        return CheckResult("volume", True, (week.exempt["volume"],), None, applicable=False)
    vol = group_volume(week.entries)
    evidence = []
    low_groups = []
    high_groups = []
    for g, band in bands.items():
        v = vol[g]
        mark = ""
        if v < band.low:
            mark = " (below)"
            low_groups.append(GROUP_LABEL[g])
        elif v > band.high:
            mark = " (above)"
            high_groups.append(GROUP_LABEL[g])
        evidence.append(f"{GROUP_LABEL[g]}: {count_of(v, 'set')}, band {band}{mark}")
    held = not low_groups and not high_groups
    suggestion = None
    if not held:
        parts = []
        if low_groups:
            parts.append(f"add sets for {', '.join(low_groups)}")
        if high_groups:
            parts.append(f"trim sets for {', '.join(high_groups)}")
        suggestion = "; ".join(parts) + " (direct sets count 1, indirect 0.5)"
    return CheckResult("volume", held, tuple(evidence), suggestion)


def check_week(
    week: WeekView, bands: Mapping[Group, Band], previous: WeekView | None = None
) -> list[CheckResult]:
    """Every weekly principle on one week, in the order of ``PRINCIPLES``."""
    results = [check_requirement(week, r) for r in Requirement]
    results.append(check_rep_ranges(week))
    results.append(check_recovery(week, previous))
    results.append(check_volume(week, bands))
    return results


def check_progression(weeks: Sequence[WeekView]) -> CheckResult:
    """Progression over the block: some exercise done in the first and a later loading week got
    harder (a higher estimated max or more reps, more sets, or fewer reps in reserve), and no
    main lift (a compound) went clearly backwards: an estimated max more than 5 % lower fails the
    block whatever else rose, with the drop as evidence. An accessory whose estimated max fell
    clearly does not count as progress either."""
    loading = [w for w in weeks if not w.deload and w.entries]
    if len(loading) < 2:
        return CheckResult(
            "progression",
            True,
            ("fewer than two loading weeks to compare",),
            None,
            applicable=False,
        )
    first: dict[str, tuple[WeekView, list[Entry]]] = {}
    last: dict[str, tuple[WeekView, list[Entry]]] = {}
    for w in loading:
        per: dict[str, list[Entry]] = {}
        for e in w.entries:
            if e.hard_sets and not is_drill(e.exercise):
                per.setdefault(e.exercise.id, []).append(e)
        for ex, es in per.items():
            first.setdefault(ex, (w, es))
            last[ex] = (w, es)
    progressed: list[str] = []
    flat: list[str] = []
    regressed: list[str] = []
    for ex in sorted(first):
        w0, a = first[ex]
        w1, b = last[ex]
        if w0 is w1:
            continue
        signs = _harder(a, b)
        line = f"{ex}: {_summary(a)} ({w0.name}) -> {_summary(b)} ({w1.name})"
        drop = _e1rm_drop(a, b)
        if drop is not None:
            # More sets at a clearly lower estimated max is fatigue, not progress.
            line += f": estimated max down {drop:.0%}"
            if is_compound(a[0].exercise):
                regressed.append(line)
            else:
                flat.append(line)
            continue
        (progressed if signs else flat).append(line + (f": {', '.join(signs)}" if signs else ""))
    if regressed:
        return CheckResult(
            "progression",
            False,
            tuple([*regressed, *progressed][:8]),
            "a main lift went backwards: hold the load, trim a set or take a deload week, and "
            "check sleep and recovery before adding more",
        )
    if progressed:
        return CheckResult("progression", True, tuple(progressed[:8]), None)
    if not flat and not any(e.hard_sets for w in loading for e in w.entries):
        return CheckResult(
            "progression", True, ("no hard sets to compare",), None, applicable=False
        )
    evidence = tuple(flat[:8]) or ("no exercise was repeated across the weeks",)
    return CheckResult(
        "progression",
        False,
        evidence,
        "add a little load, a rep, a set or a slower tempo week to week, then deload",
    )


def _summary(entries: list[Entry]) -> str:
    sets = sum(e.hard_sets for e in entries)
    reps = [r for e in entries for r in e.reps]
    top = max((e.best_e1rm for e in entries if e.best_e1rm is not None), default=None)
    text = count_of(sets, "set")
    if reps:
        text += f" x {number(max(reps))} reps max"
    if top is not None:
        text += f", e1RM {top:.1f} {entries[0].unit}"
    rirs = [e.rir for e in entries if e.rir is not None]
    if rirs:
        text += f", RIR {number(sum(rirs) / len(rirs))}"
    return text


REGRESSION = 0.05
"""⚙ A drop of the best estimated max beyond 5 %, more than day-to-day noise of the Epley
estimate on sets of 12 or fewer reps [REY06], counts as a clear regression."""


def _e1rm_drop(a: list[Entry], b: list[Entry]) -> float | None:
    """The relative fall of the best estimated max, when it fell clearly; else None."""
    e_a = max((e.best_e1rm for e in a if e.best_e1rm is not None), default=None)
    e_b = max((e.best_e1rm for e in b if e.best_e1rm is not None), default=None)
    if e_a is None or e_b is None or e_a <= 0:
        return None
    drop = (e_a - e_b) / e_a
    return drop if drop > REGRESSION else None


def _harder(a: list[Entry], b: list[Entry]) -> list[str]:
    signs: list[str] = []
    e_a = max((e.best_e1rm for e in a if e.best_e1rm is not None), default=None)
    e_b = max((e.best_e1rm for e in b if e.best_e1rm is not None), default=None)
    if e_a is not None and e_b is not None and e_b > e_a * 1.005:
        signs.append("estimated max up")
    if e_a is None and e_b is None:
        r_a = max((e.best_reps for e in a if e.best_reps is not None), default=None)
        r_b = max((e.best_reps for e in b if e.best_reps is not None), default=None)
        if r_a is not None and r_b is not None and r_b > r_a:
            signs.append("more reps")
    if sum(e.hard_sets for e in b) > sum(e.hard_sets for e in a):
        signs.append("more sets")
    rir_a = [e.rir for e in a if e.rir is not None]
    rir_b = [e.rir for e in b if e.rir is not None]
    if rir_a and rir_b and sum(rir_b) / len(rir_b) < sum(rir_a) / len(rir_a):
        signs.append("fewer reps in reserve")
    return signs


__all__ = [
    "PRINCIPLES",
    "CheckResult",
    "Entry",
    "WeekView",
    "check_progression",
    "check_recovery",
    "check_rep_ranges",
    "check_requirement",
    "check_volume",
    "check_week",
    "daily_load",
    "group_volume",
]
