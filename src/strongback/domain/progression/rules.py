"""The progression rules: an exercise's history in, its next Prescription out, with one reason.

Which rule applies, in order:

1. pain above the user's threshold in the last session: hold, or step back when above 5/10;
2. a deload week (planned, after weeks of continuous training, or on stalls): a lighter week;
3. a long break: come back lighter;
4. by kind: loaded exercises use double progression (with a stall reset and the tempo lever at the
   heaviest load owned); bodyweight moves add reps to a ceiling, then load or tempo, and fall back
   to their regression when the bottom of the range is out of reach; timed holds add seconds;
   per-side drills add a rep per side.

Reading real histories: warm-up sets never count; drop sets are back-off work and do not decide a
progression; a failure set counts as 0 reps in reserve; sets lighter than the session's top load
are ramps or back-offs and only the top-load sets are judged. An unknown RIR counts as on target:
reaching the top of the range is then the signal. RPE converts to RIR (RIR = 10 - RPE) [Z16][H16].
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from strongback.domain import dosing
from strongback.domain.exercise import Exercise, RepRange
from strongback.domain.profile import UserProfile
from strongback.domain.progression.loads import (
    EPS,
    Implement,
    LoadLadder,
    convert,
    implements_for,
    ladder,
)
from strongback.domain.progression.plan import PlanItem
from strongback.domain.tempo import CONTROLLED_TEMPO, METHOD_TEMPO, Tempo
from strongback.domain.training_log import ExerciseHistory, PerformedSet
from strongback.domain.vocab import Equipment, Goal, Level, Pattern, SetType, WeightUnit

# Three sessions in a row that miss at the same load is a stall; take about 10% off [SL][GGP].
STALL_SESSIONS = 3
STALL_CUT = 0.10
# Pain up to 5/10 during exercise can be acceptable; above 5 is too much, reduce the load
# [SIL07][BIM].
PAIN_TOO_MUCH = 5
# ⚙ A break longer than 4 weeks loses some strength: come back about 10% lighter, 20% after 12.
BREAK_DAYS = 28
LONG_BREAK_DAYS = 84
# ⚙ Holds add 5 s at a time (a tenth of a long hold) up to 60 s or twice the prescribed time;
# drills add a rep per side up to 10.
HOLD_STEP_SECONDS = 5
HOLD_CAP_SECONDS = 60
DRILL_CAP_REPS = 10
# A deload cuts volume by about half at 4+ RIR, lighter loads [JP19][ROG24].
DELOAD_RIR = 4
DELOAD_LOAD = 0.90
# ⚙ Sets lighter than this share of the session's top load are ramps or back-offs.
TOP_LOAD_SHARE = 0.99
# ⚙ A bodyweight move's ceiling before load or tempo: the top of its range.
MAX_SETS = 5


class Rule(StrEnum):
    """The rule behind a prescription (the ``rule`` field of ``strongback next --json``)."""

    START = "start"
    ADD_LOAD = "add-load"
    ADD_REPS = "add-reps"
    ADD_TIME = "add-time"
    HOLD = "hold"
    STALL_RESET = "stall-reset"
    SLOWER_TEMPO = "slower-tempo"
    ADD_SET = "add-set"
    REGRESSION = "regression"
    DELOAD = "deload"
    PAIN = "pain"
    COMEBACK = "comeback"


@dataclass(frozen=True)
class Prescription:
    """What to do next time for one exercise, and why (one sentence a user understands).

    Exactly one of ``reps``, ``reps_per_side`` and ``seconds`` is set. ``weight`` is None for a
    bodyweight exercise; otherwise it is a load the user can put on, in ``unit``.
    """

    exercise: str
    sets: int
    reps: RepRange | None
    reps_per_side: RepRange | None
    seconds: int | None
    weight: float | None
    unit: WeightUnit | None
    tempo: Tempo | None
    target_rir: int | None
    rest_seconds: int
    rule: Rule
    reason: str
    instead_of: str | None = None

    def to_public(self) -> dict[str, object]:
        """The public JSON shape (the keys of ``strongback next --json``)."""

        def rng(r: RepRange | None) -> dict[str, int] | None:
            return None if r is None else {"min": r.min, "max": r.max}

        return {
            "exercise": self.exercise,
            "sets": self.sets,
            "reps": rng(self.reps),
            "reps_per_side": rng(self.reps_per_side),
            "seconds": self.seconds,
            "weight": self.weight,
            "unit": self.unit.value if self.unit and self.weight is not None else None,
            "tempo": str(self.tempo) if self.tempo else None,
            "target_rir": self.target_rir,
            "rest_seconds": self.rest_seconds,
            "rule": self.rule.value,
            "reason": self.reason,
        }

    def describe(self) -> str:
        """A short form: ``3 x 8-12 @ 22.5 kg``, ``2 x 6/side``, ``3 x 35 s``."""
        if self.reps is not None:
            what = str(self.reps)
        elif self.reps_per_side is not None:
            what = f"{self.reps_per_side}/side"
        else:
            what = f"{self.seconds} s"
        load = f" @ {fmt(self.weight)} {self.unit.value if self.unit else ''}".rstrip()
        return f"{self.sets} x {what}" + (load if self.weight is not None else "")


def fmt(x: float | None) -> str:
    """A number without trailing zeros: 22.5, 20, 2.25."""
    if x is None:
        return "-"
    return f"{x:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class DeloadWeek:
    """A lighter week is due; ``reason`` says why (planned, continuous weeks, or stalls)."""

    reason: str
    planned: bool = False


@dataclass(frozen=True)
class Settings:
    """Everything besides the history that shapes a prescription."""

    profile: UserProfile
    today: date
    goal: Goal = Goal.HYPERTROPHY
    level: Level = Level.INTERMEDIATE
    deload: DeloadWeek | None = None


# ---------------------------------------------------------------------------------------------
# Reading a session


def working_sets(sets: Sequence[PerformedSet]) -> list[PerformedSet]:
    """The sets that decide a progression: no warm-ups, no drop sets, something measured."""
    return [
        s
        for s in sets
        if s.set_type in (SetType.WORKING, SetType.FAILURE)
        and ((s.reps is not None and s.reps > 0) or (s.seconds is not None and s.seconds > 0))
    ]


def _rir(s: PerformedSet) -> float | None:
    rir = s.effective_rir
    if rir is None and s.set_type is SetType.FAILURE:
        return 0.0
    return rir


def _rir_ok(s: PerformedSet, target: int | None) -> bool:
    """At or above the target RIR; unknown RIR counts as on target."""
    if target is None:
        return True
    rir = _rir(s)
    return rir is None or rir + EPS >= target


def _reps(s: PerformedSet) -> int:
    return s.reps or 0


def _max_pain(sets: Sequence[PerformedSet]) -> int:
    return max((s.pain for s in sets if s.pain is not None), default=0)


@dataclass(frozen=True)
class _Session:
    at: datetime
    sets: tuple[PerformedSet, ...]  # every set of the exercise that day
    work: tuple[PerformedSet, ...]  # working sets


def _sessions(history: ExerciseHistory | None) -> list[_Session]:
    if history is None:
        return []
    out = []
    for at, sets in history.sessions:
        work = working_sets(sets)
        if work:
            out.append(_Session(at, tuple(sets), tuple(work)))
    return out


def _top_kg(session: _Session) -> float:
    return max((s.weight_kg or 0.0 for s in session.work), default=0.0)


def _top_sets(session: _Session) -> list[PerformedSet]:
    top = _top_kg(session)
    if top <= 0:
        return list(session.work)
    return [s for s in session.work if (s.weight_kg or 0.0) >= top * TOP_LOAD_SHARE]


def _judged_sets(session: _Session) -> list[PerformedSet]:
    """The sets a miss is looked for in: the top-load sets and every lighter set after the first
    of them (a back-off). Lighter sets before it are ramps, warm-ups the export did not mark."""
    top = _top_kg(session)
    if top <= 0:
        return list(session.work)
    out: list[PerformedSet] = []
    for s in session.work:
        if out or (s.weight_kg or 0.0) >= top * TOP_LOAD_SHARE:
            out.append(s)
    return out


def _logged_tempo(session: _Session) -> Tempo | None:
    for s in reversed(session.work):
        if s.tempo:
            try:
                return Tempo.parse(s.tempo)
            except ValueError:
                continue
    return None


def _list(values: Sequence[float]) -> str:
    return ", ".join(fmt(v) for v in values)


# ---------------------------------------------------------------------------------------------
# The dose to aim for


class Kind(StrEnum):
    """How an exercise progresses."""

    LOADED = "loaded"
    BODYWEIGHT = "bodyweight"
    TIMED = "timed"
    DRILL = "drill"


@dataclass(frozen=True)
class _Dose:
    sets: int
    reps: RepRange | None
    reps_per_side: RepRange | None
    seconds: int | None
    tempo: Tempo
    rest: int
    rir: int | None
    planned_sets: bool = False  # the sets come from the plan's item

    @property
    def range(self) -> RepRange | None:
        return self.reps or self.reps_per_side


def _typical_reps(sessions: Sequence[_Session]) -> int | None:
    reps = [_reps(s) for sess in sessions[-3:] for s in _top_sets(sess) if s.reps]
    return round(statistics.median(reps)) if reps else None


def _own_range(typical: int) -> RepRange:
    # A range that starts at what the user does, wide enough for double progression.
    width = max(2, round(typical * 0.3))
    return RepRange(min=max(1, min(typical, 100)), max=min(typical + width, 100))


def _base_dose(
    exercise: Exercise, item: PlanItem | None, sessions: Sequence[_Session], cfg: Settings
) -> tuple[_Dose, Kind]:
    """The plan's item, else the catalog's dose, else defaults fitted to the user's history."""
    dose = exercise.dose
    timed_history = bool(sessions) and all(not s.reps and s.seconds for s in sessions[-1].work)
    loaded_history = bool(sessions) and _top_kg(sessions[-1]) > 0
    reps = reps_per_side = None
    seconds = None
    if item is not None and (item.reps or item.reps_per_side or item.seconds):
        reps, reps_per_side, seconds = item.reps, item.reps_per_side, item.seconds
    elif dose is not None:
        reps, reps_per_side, seconds = dose.reps, dose.reps_per_side, dose.seconds
    elif timed_history:
        seconds = round(min(float(s.seconds or 0) for s in sessions[-1].work))
    else:
        default = dosing.rep_range(exercise, cfg.goal, cfg.level)
        typical = _typical_reps(sessions)
        # With no plan and no catalog dose, a user who clearly trains another range keeps it.
        if typical is not None and not default.min - 1 <= typical <= default.max + 2:
            default = _own_range(typical)
        reps = default
    loaded = exercise.loaded or loaded_history
    if seconds is not None:
        kind = Kind.TIMED
    elif loaded:
        kind = Kind.LOADED
    elif reps_per_side is not None or exercise.pattern is Pattern.MOBILITY:
        kind = Kind.DRILL
    else:
        kind = Kind.BODYWEIGHT
    sets = (item.sets if item and item.sets else None) or (dose.sets if dose else None)
    if sets is None:
        # Without a plan or a catalog dose, keep the number of sets the user did last time.
        sets = min(max(len(sessions[-1].work), 1), MAX_SETS) if sessions else 3
    planned = Tempo.parse(str(item.tempo)) if item and item.tempo else None
    tempo = planned or exercise.default_tempo
    if tempo is None:
        tempo = METHOD_TEMPO if kind in (Kind.LOADED, Kind.BODYWEIGHT) else CONTROLLED_TEMPO
    rest = (item.rest_seconds if item else None) or dosing.rest_seconds(exercise, cfg.goal)
    rir: int | None
    if item is not None and item.target_rir is not None:
        rir = item.target_rir
    elif kind in (Kind.LOADED, Kind.BODYWEIGHT):
        rir = dosing.target_rir(exercise, cfg.level)
    else:
        rir = None
    from_plan = item is not None and item.sets is not None
    return _Dose(sets, reps, reps_per_side, seconds, tempo, rest, rir, from_plan), kind


def _out(
    exercise: Exercise,
    dose: _Dose,
    rule: Rule,
    reason: str,
    *,
    weight: float | None = None,
    unit: WeightUnit | None = None,
    **changes: Any,
) -> Prescription:
    p = Prescription(
        exercise=exercise.id,
        sets=dose.sets,
        reps=dose.reps,
        reps_per_side=dose.reps_per_side,
        seconds=dose.seconds,
        weight=weight,
        unit=unit if weight is not None else None,
        tempo=dose.tempo,
        target_rir=dose.rir,
        rest_seconds=dose.rest,
        rule=rule,
        reason=reason,
    )
    return replace(p, **changes) if changes else p


def _with_range(dose: _Dose, rng: RepRange) -> dict[str, Any]:
    return {"reps_per_side": rng} if dose.reps_per_side is not None else {"reps": rng}


# ---------------------------------------------------------------------------------------------
# Loads


def load_ladder(
    exercise: Exercise, profile: UserProfile, sessions: Sequence[_Session]
) -> LoadLadder:
    """The ladder for the exercise: the implement the user owns (and the history fits) first."""
    logged = [(s.weight, s.unit) for sess in sessions for s in sess.work if s.weight]
    last_unit = next(
        (s.unit for sess in reversed(sessions) for s in sess.work if s.weight and s.unit), None
    )
    if exercise.loaded:
        options = implements_for(exercise, profile)
    else:
        # A bodyweight move carries a dumbbell or a kettlebell the user owns, else a belt plate.
        added = _added_load_ladder(profile)
        options = [added.implement if added is not None else Implement.OTHER]
    # A band has no number to progress: it is never the ladder of a logged load.
    options = [i for i in options if i is not Implement.BAND] or [Implement.OTHER]
    ladders = [ladder(i, profile, logged_unit=last_unit, logged=logged) for i in options]
    # Loads the profile lists (dumbbells, kettlebells, plates, a stack step) come before defaults.
    pairs = sorted(zip(options, ladders, strict=True), key=lambda p: not p[1].owned)
    options, ladders = [p[0] for p in pairs], [p[1] for p in pairs]
    if len(ladders) > 1 and sessions:
        # Several implements fit: take the first whose own rungs (before the logged loads are
        # added) hold the last load lifted.
        last = [s for s in _top_sets(sessions[-1]) if s.weight]
        for imp, lad in zip(options, ladders, strict=True):
            bare = ladder(imp, profile, logged_unit=last_unit)
            if last and all(bare.contains(convert(s.weight or 0, s.unit, bare.unit)) for s in last):
                return lad
    return ladders[0]


# ⚙ First loads when there is no history: light enough to learn the movement.
_START_KG = {
    Implement.DUMBBELL: 6.0,
    Implement.KETTLEBELL: 8.0,
    Implement.BARBELL: 20.0,
    Implement.STACK: 25.0,
    Implement.OTHER: 20.0,
    Implement.BAND: 0.0,
}


def start_load(lad: LoadLadder) -> float:
    """A sensible first load on this ladder when the user has no history."""
    guess = convert(_START_KG[lad.implement], WeightUnit.KG, lad.unit)
    return lad.at_or_below(guess)


def _implement_words(lad: LoadLadder) -> str:
    return {
        Implement.DUMBBELL: "dumbbell",
        Implement.KETTLEBELL: "kettlebell",
        Implement.BARBELL: "plate pair",
        Implement.STACK: "stack step",
        Implement.OTHER: "step",
        Implement.BAND: "band",
    }[lad.implement]


# ---------------------------------------------------------------------------------------------
# The rules


def _pain_reason(pain: int, threshold: int, action: str) -> str:
    return f"You logged pain {pain}/10 last time, above your limit of {threshold}/10: {action}"


def _loaded(
    exercise: Exercise,
    dose: _Dose,
    sessions: Sequence[_Session],
    cfg: Settings,
) -> Prescription:
    lad = load_ladder(exercise, cfg.profile, sessions)
    u = lad.unit.value
    rng = dose.range
    assert rng is not None or dose.seconds is not None
    loaded_sessions = [s for s in sessions if _top_kg(s) > 0]
    if not loaded_sessions:
        w = start_load(lad)
        return _out(
            exercise, dose, Rule.START,
            f"No loaded sets logged yet: start at {fmt(w)} {u} and pick the load up or down "
            f"until the last set ends with {dose.rir if dose.rir is not None else 2} reps "
            "in reserve.",
            weight=w, unit=lad.unit,
        )  # fmt: skip
    last = loaded_sessions[-1]
    top = convert(_top_kg(last), WeightUnit.KG, lad.unit)
    hold = lad.at_or_below(top)
    top_sets = _top_sets(last)
    reps = [_reps(s) for s in top_sets]
    pain = _max_pain(last.sets)
    threshold = cfg.profile.pain_threshold

    if pain > threshold:
        if pain > PAIN_TOO_MUCH:
            down = lad.below(hold)
            w = down if down is not None else hold
            action = (
                f"drop to {fmt(w)} {u} and stop the set if the pain rises"
                if down is not None
                else f"stay at {fmt(w)} {u}, do fewer sets, and stop the set if the pain rises"
            )
            sets = dose.sets if down is not None else max(1, dose.sets - 1)
            return _out(
                exercise, dose, Rule.PAIN, _pain_reason(pain, threshold, action) + ".",
                weight=w, unit=lad.unit, sets=sets,
            )  # fmt: skip
        return _out(
            exercise, dose, Rule.PAIN,
            _pain_reason(
                pain, threshold,
                f"keep {fmt(hold)} {u} and add nothing until a session stays at or under "
                f"{threshold}/10.",
            ),
            weight=hold, unit=lad.unit,
        )  # fmt: skip

    if cfg.deload is not None:
        return _deload_loaded(exercise, dose, last, lad, hold, cfg.deload)

    gap = (cfg.today - last.at.date()).days
    if gap > BREAK_DAYS:
        cut = 0.20 if gap > LONG_BREAK_DAYS else 0.10
        w = lad.nearest_below(hold * (1 - cut), hold) or hold
        return _out(
            exercise, dose, Rule.COMEBACK,
            f"Last done {gap // 7} weeks ago at {fmt(top)} {u}: come back about "
            f"{round(cut * 100)}% lighter at {fmt(w)} {u} and build up again.",
            weight=w, unit=lad.unit,
        )  # fmt: skip

    if rng is None:  # a loaded hold: keep the load, progress the time
        return _timed_progress(exercise, dose, sessions, weight=hold, unit=lad.unit)

    # A stall: three sessions in a row that missed the bottom of the range at this load.
    misses = 0
    for sess in reversed(loaded_sessions):
        same = abs(convert(_top_kg(sess), WeightUnit.KG, lad.unit) - top) <= max(0.01 * top, EPS)
        if same and any(_reps(s) < rng.min for s in _judged_sets(sess)):
            misses += 1
        else:
            break
    if misses >= STALL_SESSIONS:
        reset = lad.nearest_below(hold * (1 - STALL_CUT), hold)
        if reset is None:
            return _out(
                exercise, dose, Rule.STALL_RESET,
                f"{misses} sessions in a row short of {rng.min} reps at {fmt(hold)} {u}, the "
                f"lightest load you have: slow the lowering ({dose.tempo.slower()}) and aim "
                f"for {rng.min} reps.",
                weight=hold, unit=lad.unit, tempo=dose.tempo.slower(),
            )  # fmt: skip
        return _out(
            exercise, dose, Rule.STALL_RESET,
            f"{misses} sessions in a row short of {rng.min} reps at {fmt(top)} {u} is a stall: "
            f"take about 10% off to {fmt(reset)} {u} and build back up.",
            weight=reset, unit=lad.unit,
        )  # fmt: skip

    judged = [_reps(s) for s in _judged_sets(last)]
    if any(r < rng.min for r in judged):
        return _out(
            exercise, dose, Rule.HOLD,
            f"Last time {_list(judged)} reps at {fmt(top)} {u}, short of {rng.min}: keep "
            f"{fmt(hold)} {u} until every set reaches {rng.min}.",
            weight=hold, unit=lad.unit,
        )  # fmt: skip

    at_top = all(r >= rng.max for r in reps)
    effort_ok = all(_rir_ok(s, dose.rir) for s in top_sets)
    if at_top and not effort_ok:
        return _out(
            exercise, dose, Rule.HOLD,
            f"Every set reached {rng.max} reps at {fmt(top)} {u} but with fewer than "
            f"{dose.rir} in reserve: repeat {fmt(hold)} {u} until it feels easier.",
            weight=hold, unit=lad.unit,
        )  # fmt: skip
    if at_top:
        up = lad.above(hold)
        if up is not None:
            what = f"the next {_implement_words(lad)}" + (" you own" if lad.owned else "")
            return _out(
                exercise, dose, Rule.ADD_LOAD,
                f"Every set reached the top of {rng} at {fmt(top)} {u}: go up to {fmt(up)} {u} "
                f"({what}) and start again at {rng.min} reps.",
                weight=up, unit=lad.unit,
            )  # fmt: skip
        current = _logged_tempo(last) or dose.tempo
        slower = current.slower()
        if slower != current:
            return _out(
                exercise, dose, Rule.SLOWER_TEMPO,
                f"Every set reached {rng.max} reps at {fmt(hold)} {u}, the heaviest "
                f"{_implement_words(lad)} you have: make it harder with a slower tempo, "
                f"{slower}, and start again at {rng.min} reps.",
                weight=hold, unit=lad.unit, tempo=slower,
            )  # fmt: skip
        sets = min(dose.sets + 1, MAX_SETS)
        return _out(
            exercise, dose, Rule.ADD_SET,
            f"Every set reached {rng.max} reps at {fmt(hold)} {u}, the heaviest load you have, "
            f"at the slowest tempo: add a set ({sets}) and keep the load.",
            weight=hold, unit=lad.unit, tempo=current, sets=sets,
        )  # fmt: skip
    return _out(
        exercise, dose, Rule.ADD_REPS,
        f"Last time {_list(reps)} reps at {fmt(top)} {u}: keep {fmt(hold)} {u} and add reps "
        f"until every set reaches {rng.max}.",
        weight=hold, unit=lad.unit,
    )  # fmt: skip


def _deload_sets(dose: _Dose, last: _Session, deload: DeloadWeek) -> int:
    # The plan's deload week already cut the sets: keep its number when it is below last time's.
    if deload.planned and dose.planned_sets and dose.sets < len(last.work):
        return dose.sets
    # Otherwise about half the sets of the week before [JP19][ROG24].
    return max(1, math.ceil(min(dose.sets, len(last.work)) / 2))


def _deload_loaded(
    exercise: Exercise,
    dose: _Dose,
    last: _Session,
    lad: LoadLadder,
    hold: float,
    deload: DeloadWeek,
) -> Prescription:
    u = lad.unit.value
    sets = _deload_sets(dose, last, deload)
    w = lad.nearest_below(hold * DELOAD_LOAD, hold) or hold
    rng = dose.range
    changes: dict[str, Any] = {"sets": sets, "target_rir": DELOAD_RIR}
    best = max((_reps(s) for s in last.work), default=0)
    if rng is not None:
        # Reps at the bottom of the range, never more than the best set of last time.
        top = max(1, min(rng.min, best or rng.min))
        if sets >= len(last.work) and w >= hold - EPS:
            top = max(1, min(top, best - 1 if best > 1 else 1, max(1, rng.min // 2)))
        low = min(rng.min, top)
        changes.update(_with_range(dose, RepRange(min=low, max=top)))
    return _out(
        exercise, dose, Rule.DELOAD,
        f"Deload week ({deload.reason}): {sets} set{'s' if sets > 1 else ''} at {fmt(w)} {u}, "
        f"stopping with {DELOAD_RIR}+ reps in reserve to shed fatigue.",
        weight=w, unit=lad.unit, **changes,
    )  # fmt: skip


def _added_load_ladder(profile: UserProfile) -> LoadLadder | None:
    """What a bodyweight move can be loaded with: a dumbbell held, a kettlebell, a belt plate."""
    if profile.dumbbells or Equipment.DUMBBELLS in profile.equipment:
        return ladder(Implement.DUMBBELL, profile)
    if profile.kettlebells or Equipment.KETTLEBELL in profile.equipment:
        return ladder(Implement.KETTLEBELL, profile)
    return None


def _bodyweight(
    exercise: Exercise,
    dose: _Dose,
    sessions: Sequence[_Session],
    cfg: Settings,
    regression: Prescription | None,
) -> Prescription:
    rng = dose.range
    assert rng is not None
    name = exercise.name.lower()
    sessions = [sess for sess in sessions if any(s.reps for s in sess.work)]
    if not sessions:
        return _out(
            exercise, dose, Rule.START,
            f"No sets logged yet: do {dose.sets} sets of as many clean reps as you can, up to "
            f"{rng.max}, and log them.",
        )  # fmt: skip
    last = sessions[-1]
    reps = [_reps(s) for s in last.work if s.reps]
    pain = _max_pain(last.sets)
    threshold = cfg.profile.pain_threshold
    if pain > threshold:
        if pain > PAIN_TOO_MUCH and regression is not None:
            return replace(
                regression,
                rule=Rule.PAIN,
                instead_of=exercise.id,
                reason=_pain_reason(
                    pain, threshold, f"switch to {regression.describe()} of "
                    f"{regression.exercise.replace('-', ' ')} instead of {name}.",
                ),
            )  # fmt: skip
        n = max(1, min(reps) - (1 if pain > PAIN_TOO_MUCH else 0))
        return _out(
            exercise, dose, Rule.PAIN,
            _pain_reason(pain, threshold, f"add no reps; do {n} a set and stop if the pain "
                         "rises."),
            **_with_range(dose, RepRange(min=n, max=n)),
        )  # fmt: skip
    if cfg.deload is not None:
        sets = _deload_sets(dose, last, cfg.deload)
        top = max(1, math.ceil(min(reps) * 0.6))
        return _out(
            exercise, dose, Rule.DELOAD,
            f"Deload week ({cfg.deload.reason}): {sets} set{'s' if sets > 1 else ''} of about "
            f"{top} reps, stopping with {DELOAD_RIR}+ in reserve to shed fatigue.",
            sets=sets, target_rir=DELOAD_RIR, **_with_range(dose, RepRange(min=top, max=top)),
        )  # fmt: skip
    gap = (cfg.today - last.at.date()).days
    if gap > BREAK_DAYS:
        target = RepRange(min=rng.min, max=max(rng.min, min(reps)))
        return _out(
            exercise, dose, Rule.COMEBACK,
            f"Last done {gap // 7} weeks ago: come back at {target} reps a set and build "
            "up again.",
            **_with_range(dose, target),
        )  # fmt: skip
    if max(reps) < rng.min:
        if regression is not None:
            return replace(
                regression,
                rule=Rule.REGRESSION,
                instead_of=exercise.id,
                reason=(
                    f"Your best {name} set was {max(reps)} reps, short of {rng.min}: do "
                    f"{regression.describe()} of {regression.exercise.replace('-', ' ')} instead "
                    + (
                        "(a light first load, adjust it to the reps)"
                        if regression.rule is Rule.START
                        else "(from your last sessions of it)"
                    )
                    + f" and test {name} again in a few weeks."
                ),
            )
        return _out(
            exercise, dose, Rule.HOLD,
            f"Your best set was {max(reps)} reps, short of {rng.min}: keep at it, and add a "
            "rep when you can.",
        )  # fmt: skip
    if min(reps) < rng.min:
        return _out(
            exercise, dose, Rule.HOLD,
            f"Last time {_list(reps)} reps: aim for {rng.min} on every set before adding more.",
        )  # fmt: skip
    at_ceiling = all(r >= rng.max for r in reps)
    if at_ceiling and not all(_rir_ok(s, dose.rir) for s in last.work if s.reps):
        return _out(
            exercise, dose, Rule.HOLD,
            f"Every set reached {rng.max} reps but with fewer than {dose.rir} in reserve: "
            "repeat them until they feel easier before adding load.",
        )  # fmt: skip
    if at_ceiling:
        added = _added_load_ladder(cfg.profile)
        if added is not None:
            w = added.lightest
            return _out(
                exercise, dose, Rule.ADD_LOAD,
                f"Every set reached {rng.max} reps, the ceiling: add {fmt(w)} "
                f"{added.unit.value} (a belt or a dumbbell held between the feet) and start "
                f"again at {rng.min} reps.",
                weight=w, unit=added.unit,
            )  # fmt: skip
        current = _logged_tempo(last) or dose.tempo
        slower = current.slower()
        if slower != current:
            return _out(
                exercise, dose, Rule.SLOWER_TEMPO,
                f"Every set reached {rng.max} reps, the ceiling: with no load to add, slow the "
                f"tempo to {slower} and start again at {rng.min} reps.",
                tempo=slower,
            )  # fmt: skip
        sets = min(dose.sets + 1, MAX_SETS)
        return _out(
            exercise, dose, Rule.ADD_SET,
            f"Every set reached {rng.max} reps at the slowest tempo: add a set ({sets}).",
            tempo=current, sets=sets,
        )  # fmt: skip
    target = RepRange(min=min(max(min(reps) + 1, rng.min), rng.max), max=rng.max)
    return _out(
        exercise, dose, Rule.ADD_REPS,
        f"Last time {_list(reps)} reps: add a rep to each set ({target}) on the way to "
        f"{rng.max}.",
        **_with_range(dose, target),
    )  # fmt: skip


def _drill(
    exercise: Exercise, dose: _Dose, sessions: Sequence[_Session], cfg: Settings
) -> Prescription:
    rng = dose.range
    assert rng is not None
    sessions = [sess for sess in sessions if any(s.reps for s in sess.work)]
    if not sessions:
        return _out(exercise, dose, Rule.START, f"Start with {rng} slow, controlled reps per side.")
    last = sessions[-1]
    reps = [_reps(s) for s in last.work if s.reps]
    low = min(reps)
    pain = _max_pain(last.sets)
    if pain > cfg.profile.pain_threshold:
        n = max(1, low - 1) if pain > PAIN_TOO_MUCH else max(1, low)
        target = RepRange(min=n, max=n)
        return _out(
            exercise, dose, Rule.PAIN,
            _pain_reason(pain, cfg.profile.pain_threshold,
                         f"stay at {target} reps and keep the range of motion pain-free."),
            **_with_range(dose, target),
        )  # fmt: skip
    if cfg.deload is not None:
        sets = max(1, min(dose.sets, len(last.work)) - 1)
        return _out(
            exercise, dose, Rule.DELOAD,
            f"Deload week ({cfg.deload.reason}): keep the drill easy, "
            f"{sets} set{'s' if sets > 1 else ''}.",
            sets=sets,
        )  # fmt: skip
    cap = max(DRILL_CAP_REPS, rng.max)
    if low < rng.min:
        return _out(
            exercise, dose, Rule.HOLD,
            f"Last time {_list(reps)} reps: aim for {rng.min} on every set.",
        )  # fmt: skip
    if low >= cap:
        return _out(
            exercise, dose, Rule.HOLD,
            f"You do {low} reps a set, the ceiling for this drill: keep it smooth and slow.",
            **_with_range(dose, RepRange(min=cap, max=cap)),
        )  # fmt: skip
    if low >= rng.max:
        n = low + 1
        return _out(
            exercise, dose, Rule.ADD_REPS,
            f"Every set reached {low} reps a side: add one, {n} a side.",
            **_with_range(dose, RepRange(min=n, max=n)),
        )  # fmt: skip
    return _out(
        exercise, dose, Rule.ADD_REPS,
        f"Last time {_list(reps)} reps: work up to {rng.max} on every set.",
    )  # fmt: skip


def _timed_progress(
    exercise: Exercise,
    dose: _Dose,
    sessions: Sequence[_Session],
    *,
    weight: float | None = None,
    unit: WeightUnit | None = None,
) -> Prescription:
    target = dose.seconds or HOLD_STEP_SECONDS
    timed = [s for s in sessions if any(x.seconds for x in s.work)]
    if not timed:
        return _out(
            exercise, dose, Rule.START, f"Start with {target} s holds, smooth breathing.",
            weight=weight, unit=unit,
        )  # fmt: skip
    last = timed[-1]
    secs = [round(s.seconds or 0) for s in last.work if s.seconds]
    shortest = min(secs)
    cap = max(HOLD_CAP_SECONDS, 2 * target)
    if shortest < target:
        return _out(
            exercise, dose, Rule.HOLD,
            f"Last time {_list(secs)} s: hold {target} s on every set before adding time.",
            weight=weight, unit=unit,
        )  # fmt: skip
    if shortest >= cap:
        return _out(
            exercise, dose, Rule.HOLD,
            f"You hold {shortest} s, the ceiling for this exercise: keep it and own the "
            "position.",
            weight=weight, unit=unit, seconds=cap,
        )  # fmt: skip
    # 5 s, or about a tenth of a long hold, rounded to 5 s.
    step = max(HOLD_STEP_SECONDS, round(shortest * 0.1 / 5) * 5)
    n = min(shortest + step, cap)
    return _out(
        exercise, dose, Rule.ADD_TIME,
        f"Every hold lasted at least {shortest} s: add {n - shortest} s, {n} s a set.",
        weight=weight, unit=unit, seconds=n,
    )  # fmt: skip


def _timed(
    exercise: Exercise, dose: _Dose, sessions: Sequence[_Session], cfg: Settings
) -> Prescription:
    # A loaded hold (a weighted plank, a carry for time) keeps its load, rounded to a rung.
    weight = unit = None
    if sessions and _top_kg(sessions[-1]) > 0:
        lad = load_ladder(exercise, cfg.profile, sessions)
        weight = lad.at_or_below(convert(_top_kg(sessions[-1]), WeightUnit.KG, lad.unit))
        unit = lad.unit
    if sessions:
        last = sessions[-1]
        pain = _max_pain(last.sets)
        secs = [round(s.seconds or 0) for s in last.work if s.seconds] or [dose.seconds or 10]
        if pain > cfg.profile.pain_threshold:
            n = min(secs)
            if pain > PAIN_TOO_MUCH:
                n = max(5, round(n * 0.75))
            return _out(
                exercise, dose, Rule.PAIN,
                _pain_reason(pain, cfg.profile.pain_threshold,
                             f"hold {n} s and add no time until it stays at or under "
                             f"{cfg.profile.pain_threshold}/10."),
                seconds=n, weight=weight, unit=unit,
            )  # fmt: skip
        if cfg.deload is not None:
            sets = _deload_sets(dose, last, cfg.deload)
            n = max(5, round(min(secs) * 0.7))
            return _out(
                exercise, dose, Rule.DELOAD,
                f"Deload week ({cfg.deload.reason}): {sets} set{'s' if sets > 1 else ''} of "
                f"{n} s.",
                sets=sets, seconds=n, weight=weight, unit=unit,
            )  # fmt: skip
    return _timed_progress(exercise, dose, sessions, weight=weight, unit=unit)


def is_cardio(exercise: Exercise, history: ExerciseHistory | None) -> bool:
    """Runs, rides and rows for distance or time: outside the strength rules."""
    if exercise.pattern is Pattern.CARDIO:
        return True
    if history is None or not history.sessions:
        return False
    last = [s for s in history.sessions[-1][1] if not s.is_warm_up]
    return bool(last) and all(s.distance_m and not s.reps and not s.weight for s in last)


def _cardio(exercise: Exercise, sessions: Sequence[_Session], cfg: Settings) -> Prescription:
    secs = [round(s.seconds) for sess in sessions[-1:] for s in sess.work if s.seconds]
    n = max(secs) if secs else 600
    return Prescription(
        exercise=exercise.id, sets=1, reps=None, reps_per_side=None, seconds=n, weight=None,
        unit=None, tempo=None, target_rir=None,
        rest_seconds=dosing.rest_seconds(exercise, cfg.goal), rule=Rule.HOLD,
        reason="Cardio has no strength progression here: keep the time you did, or add a few "
        "minutes when it feels easy.",
    )  # fmt: skip


def prescribe(
    exercise: Exercise,
    history: ExerciseHistory | None,
    settings: Settings,
    *,
    item: PlanItem | None = None,
    regression: Exercise | None = None,
    regression_history: ExerciseHistory | None = None,
) -> Prescription:
    """The next prescription for one exercise from its history.

    ``item`` is the plan's item for the exercise (its sets, range, tempo, rest and target RIR win
    over the defaults); ``regression`` and its history serve a bodyweight move the user cannot do
    for the bottom of its range yet.
    """
    sessions = _sessions(history)
    if is_cardio(exercise, history):
        return _cardio(exercise, sessions, settings)
    dose, kind = _base_dose(exercise, item, sessions, settings)
    if kind is Kind.LOADED:
        first = implements_for(exercise, settings.profile)[0]
        if first is Implement.BAND and not any(_top_kg(s) > 0 for s in sessions):
            kind = Kind.BODYWEIGHT if dose.reps_per_side is None else Kind.DRILL
    if kind is Kind.LOADED:
        return _loaded(exercise, dose, sessions, settings)
    if kind is Kind.TIMED:
        return _timed(exercise, dose, sessions, settings)
    if kind is Kind.DRILL:
        return _drill(exercise, dose, sessions, settings)
    reg: Prescription | None = None
    if regression is not None:
        reg_settings = replace(settings, deload=None)
        reg = prescribe(regression, regression_history, reg_settings)
    return _bodyweight(exercise, dose, sessions, settings, reg)


# ---------------------------------------------------------------------------------------------
# Stalls and deloads across exercises


def is_stalled(
    exercise: Exercise, history: ExerciseHistory | None, settings: Settings,
    item: PlanItem | None = None,
) -> bool:  # fmt: skip
    """True when the exercise's rule would reset a stall next time."""
    plain = replace(settings, deload=None)
    return prescribe(exercise, history, plain, item=item).rule is Rule.STALL_RESET


# ⚙ Deload after at most 6 weeks of continuous training (surveyed lifters: every 5.6 ± 2.3
# weeks) [ROG24]; a week with at most 60% of the usual sets already was a lighter one.
DELOAD_EVERY_WEEKS = 6
LIGHT_WEEK_SHARE = 0.6


def continuous_weeks(workout_days: Sequence[tuple[date, int]], today: date) -> int:
    """Complete weeks of training in a row before this week, without a lighter week or a gap.

    ``workout_days`` are (day, working sets that day). A week with no training, or with at most
    60% of the median sets of the weeks before it, breaks the run.
    """
    monday = today - timedelta(days=today.weekday())
    per_week: dict[date, int] = {}
    for day, sets in workout_days:
        if day >= monday:
            continue
        wk = day - timedelta(days=day.weekday())
        per_week[wk] = per_week.get(wk, 0) + sets
    if not per_week:
        return 0
    weeks = sorted(per_week)
    # Walk back from last week; stop at the first gap or lighter week.
    run = 0
    wk = monday - timedelta(days=7)
    while wk in per_week:
        before = [per_week[w] for w in weeks if w < wk][-4:]
        if len(before) >= 2 and per_week[wk] <= LIGHT_WEEK_SHARE * statistics.median(before):
            break
        run += 1
        wk -= timedelta(days=7)
    return run


def deload_due(
    *,
    plan_deload: bool = False,
    weeks_in_a_row: int = 0,
    stalled: Sequence[str] = (),
    active: int = 0,
) -> DeloadWeek | None:
    """Whether this week is a lighter one, and why.

    A deload week of the plan; 6 or more weeks of continuous training [ROG24]; or stalls across
    several exercises (⚙ at least 2, and at least a third of those trained lately).
    """
    if plan_deload:
        return DeloadWeek("this is the plan's deload week", planned=True)
    if weeks_in_a_row >= DELOAD_EVERY_WEEKS:
        return DeloadWeek(f"{weeks_in_a_row} weeks of training in a row without a lighter one")
    if len(stalled) >= max(2, math.ceil(active / 3)):
        names = ", ".join(s.replace("-", " ") for s in stalled[:4])
        return DeloadWeek(f"{len(stalled)} exercises have stalled ({names})")
    return None


__all__ = [
    "BREAK_DAYS",
    "DELOAD_EVERY_WEEKS",
    "PAIN_TOO_MUCH",
    "STALL_SESSIONS",
    "DeloadWeek",
    "Kind",
    "Prescription",
    "Rule",
    "Settings",
    "continuous_weeks",
    "deload_due",
    "fmt",
    "is_cardio",
    "is_stalled",
    "load_ladder",
    "prescribe",
    "start_load",
    "working_sets",
]
