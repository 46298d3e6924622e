"""Loaded exercises: double progression on the rungs the user can load, a stall reset, and the
tempo lever (then a set) at the heaviest load owned."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from strongback.domain.dosing import DELOAD_RIR
from strongback.domain.exercise import Exercise, RepRange
from strongback.domain.progression.dose import Dose
from strongback.domain.progression.gates import (
    LONG_BREAK_DAYS,
    PAIN_TOO_MUCH,
    KindRules,
)
from strongback.domain.progression.ladders import implement_words, load_ladder, start_load
from strongback.domain.progression.loads import (
    EPS,
    Implement,
    LoadLadder,
    convert,
    listed_implements,
)
from strongback.domain.progression.prescription import (
    DeloadWeek,
    Prescription,
    Rule,
    Settings,
    fmt,
)
from strongback.domain.progression.sessions import (
    Session,
    judged_sets,
    listed,
    recent_top_kg,
    reps_of,
    rir_ok,
    top_kg,
    top_sets,
)
from strongback.domain.progression.timed import TimedRules, progress_time
from strongback.domain.strength import carries_body
from strongback.domain.vocab import WeightUnit

_NAMES = {
    Implement.DUMBBELL: "dumbbells",
    Implement.KETTLEBELL: "kettlebell",
    Implement.BARBELL: "barbell",
    Implement.STACK: "cable or machine stack",
    Implement.BAND: "band",
    Implement.OTHER: "machine",
}

# Three sessions in a row that miss at the same load is a stall; take about 10% off [SL][GGP].
STALL_SESSIONS = 3
STALL_CUT = 0.10
# A deload takes about 10% off the load [JP19][ROG24].
DELOAD_LOAD = 0.90


class LoadedRules(KindRules):
    """Double progression on the exercise's load ladder."""

    def __init__(
        self, exercise: Exercise, dose: Dose, sessions: Sequence[Session], cfg: Settings
    ) -> None:
        loaded = [s for s in sessions if top_kg(s) > 0]
        super().__init__(exercise, dose, loaded, cfg)
        self.all_sessions = list(sessions)
        self.lad = load_ladder(exercise, cfg.profile, sessions)
        self.u = self.lad.unit.value
        self.top = self.hold = 0.0
        if self.last is not None:
            self.top = convert(top_kg(self.last), WeightUnit.KG, self.lad.unit)
            self.hold = self.lad.at_or_below(self.top)

    def at(
        self,
        rule: Rule,
        reason: str,
        weight: float,
        lad: LoadLadder | None = None,
        **changes: Any,
    ) -> Prescription:
        """A prescription at ``weight`` on the ladder; a load heavier than the profile lists is
        kept from the log, and the reason says so."""
        lad = lad or self.lad
        if lad.beyond_listed(weight) and lad.listed_up_to is not None:
            reason += (
                f" {fmt(weight)} {self.u} is beyond the equipment you listed ({lad.note}, up to "
                f"{fmt(lad.listed_up_to)} {self.u}): it follows your log."
            )
        elif self.sessions and self._unlisted(lad):
            reason += (
                f" {fmt(weight)} {self.u} follows your log: the equipment you listed has no "
                f"{_NAMES[lad.implement]} for it."
            )
        return self.out(rule, reason, weight=weight, unit=lad.unit, **changes)

    def _unlisted(self, lad: LoadLadder) -> bool:
        """True when the profile lists equipment and none of it loads this exercise the way the
        log does (a cable face pull logged, only a band at home)."""
        if lad.implement is Implement.OTHER or not self.cfg.profile.equipment:
            return False
        return lad.implement not in listed_implements(self.exercise, self.cfg.profile)

    def start(self) -> Prescription:
        rir = self.dose.rir if self.dose.rir is not None else 2
        adjust = f"until the last set ends with {rir} reps in reserve."
        if self.dose.start_load is not None:
            return self._planned_start(*self.dose.start_load, adjust)
        w = start_load(self.lad)
        return self.at(
            Rule.START,
            f"No loaded sets logged yet: start at {fmt(w)} {self.u} and pick the load up or down "
            + adjust,
            w,
        )

    def _planned_start(self, weight: float, unit: WeightUnit, adjust: str) -> Prescription:
        # The plan's first load came from the athlete's history (this lift's or a related one's);
        # it sits on a ladder that reaches it, rounded down to a load the user can make.
        kg = convert(weight, unit, WeightUnit.KG)
        lad = load_ladder(self.exercise, self.cfg.profile, self.all_sessions, reach_kg=kg)
        w = lad.at_or_below(convert(weight, unit, lad.unit))
        planned = f"{fmt(weight)} {unit.value}"
        shown = f"{fmt(w)} {lad.unit.value}"
        if convert(weight, unit, lad.unit) > lad.heaviest + EPS:
            # Above the heaviest implement of its kind (a kettlebell): the heaviest it is.
            where = (
                f"the heaviest {implement_words(lad)} of the usual set: the first load your plan "
                f"took from your history, {planned}, is heavier"
            )
        else:
            where = "the first load your plan took from your history" + (
                "" if shown == planned else f" ({planned})"
            )
        return self.at(
            Rule.START,
            f"No loaded sets of this exercise logged yet: start at {shown}, {where}; pick the "
            "load up or down " + adjust,
            w,
            lad,
        )

    def pain(self, pain: int, last: Session) -> Prescription:
        threshold, hold, u = self.cfg.profile.pain_threshold, self.hold, self.u
        if pain <= PAIN_TOO_MUCH:
            return self.at(
                Rule.PAIN,
                self.pain_reason(pain, f"keep {fmt(hold)} {u} and add nothing until a "
                            f"session stays at or under {threshold}/10."),
                hold,
            )  # fmt: skip
        down = self.lad.below(hold)
        if down is None:
            action = f"stay at {fmt(hold)} {u}, do fewer sets, and stop the set if the pain rises"
            sets = max(1, self.dose.sets - 1)
        else:
            action = f"drop to {fmt(down)} {u} and stop the set if the pain rises"
            sets = self.dose.sets
        w = down if down is not None else hold
        return self.at(Rule.PAIN, self.pain_reason(pain, action) + ".", w, sets=sets)

    def deload(self, deload: DeloadWeek, last: Session) -> Prescription:
        hold, dose = self.hold, self.dose
        sets = self.deload_sets(deload, last)
        w = self.lad.nearest_below(hold * DELOAD_LOAD, hold) or hold
        changes: dict[str, Any] = {"sets": sets, "target_rir": DELOAD_RIR}
        best = max((reps_of(s) for s in last.work), default=0)
        rng = dose.range
        if rng is not None:
            # Reps at the bottom of the range, never more than the best set of last time.
            top = max(1, min(rng.min, best or rng.min))
            if sets >= len(last.work) and w >= hold - EPS:
                top = max(1, min(top, best - 1 if best > 1 else 1, max(1, rng.min // 2)))
            changes.update(dose.with_range(RepRange(min=min(rng.min, top), max=top)))
        return self.at(
            Rule.DELOAD,
            self.deload_reason(deload, sets, f"at {fmt(w)} {self.u}, stopping with {DELOAD_RIR}+ "
                          "reps in reserve to shed fatigue."),
            w, **changes,
        )  # fmt: skip

    def comeback(self, gap_days: int, last: Session) -> Prescription | None:
        # From the recent working sets (the weeks before the break), not a light last session.
        reach = recent_top_kg(self.sessions)
        lad = load_ladder(self.exercise, self.cfg.profile, self.all_sessions, reach_kg=reach)
        top = convert(reach, WeightUnit.KG, lad.unit)
        base = lad.at_or_below(top)
        cut = 0.20 if gap_days > LONG_BREAK_DAYS else 0.10
        where = (
            f"at {fmt(top)} {self.u}"
            if top <= self.top + EPS
            else f"after working sets up to {fmt(top)} {self.u}"
        )
        said = f"Last done {gap_days // 7} weeks ago {where}: come back about {round(cut * 100)}% "
        body = self._body(lad.unit)
        if body is not None:
            return self._body_comeback(said, base, body, cut, lad)
        w = lad.nearest_below(base * (1 - cut), base) or base
        return self.at(
            Rule.COMEBACK,
            said + f"lighter at {fmt(w)} {self.u} and build up again.",
            w,
            lad,
            sets=self.comeback_sets(),
        )

    def _body(self, unit: WeightUnit) -> float | None:
        """The body weight in ``unit`` when this movement carries the body and it is known."""
        kg = self.cfg.body_weight_kg
        if kg is None or not carries_body(self.exercise):
            return None
        return convert(kg, WeightUnit.KG, unit)

    def _body_comeback(
        self, said: str, base: float, body: float, cut: float, lad: LoadLadder
    ) -> Prescription:
        # The whole load comes down by the cut, and the belt gives up all of it: 20% off 80 kg of
        # body weight and 20 kg added is 80 kg moved, the body alone.
        moved = (base + body) * (1 - cut)
        w = lad.nearest_below(moved - body, base) if moved > body + EPS else None
        counted = f"lighter counting your {fmt(body)} {self.u} body weight"
        if w is None:
            return self.out(
                Rule.COMEBACK,
                said + f"{counted}: your body weight alone, then add load again.",
                sets=self.comeback_sets(),
            )
        return self.at(
            Rule.COMEBACK,
            said + f"{counted}: {fmt(w)} {self.u} added ({fmt(w + body)} {self.u} moved), then "
            "build up again.",
            w,
            lad,
            sets=self.comeback_sets(),
        )

    def progress(self, last: Session) -> Prescription:
        rng = self.dose.range
        if rng is None:  # a loaded hold: keep the load, progress the time
            timed = TimedRules(self.exercise, self.dose, self.all_sessions, self.cfg)
            return progress_time(timed, weight=self.hold, unit=self.lad.unit)
        stalled = self._stall(rng)
        if stalled is not None:
            return stalled
        judged = [reps_of(s) for s in judged_sets(last)]
        if any(r < rng.min for r in judged):
            return self.at(
                Rule.HOLD,
                f"Last time {listed(judged)} reps at {fmt(self.top)} {self.u}, short of "
                f"{rng.min}: keep {fmt(self.hold)} {self.u} until every set reaches {rng.min}.",
                self.hold,
            )
        top_work = top_sets(last)
        reps = [reps_of(s) for s in top_work]
        if not all(r >= rng.max for r in reps):
            return self.at(
                Rule.ADD_REPS,
                f"Last time {listed(reps)} reps at {fmt(self.top)} {self.u}: keep "
                f"{fmt(self.hold)} {self.u} and add reps until every set reaches {rng.max}.",
                self.hold,
            )
        if not all(rir_ok(s, self.dose.rir) for s in top_work):
            return self.at(
                Rule.HOLD,
                f"Every set reached {rng.max} reps at {fmt(self.top)} {self.u} but with fewer "
                f"than {self.dose.rir} in reserve: repeat {fmt(self.hold)} {self.u} until it "
                "feels easier.",
                self.hold,
            )
        return self._at_top(rng, last)

    def _stall(self, rng: RepRange) -> Prescription | None:
        """Three sessions in a row that missed the bottom of the range at this load."""
        misses = 0
        for sess in reversed(self.sessions):
            load = convert(top_kg(sess), WeightUnit.KG, self.lad.unit)
            same = abs(load - self.top) <= max(0.01 * self.top, EPS)
            if same and any(reps_of(s) < rng.min for s in judged_sets(sess)):
                misses += 1
            else:
                break
        if misses < STALL_SESSIONS:
            return None
        hold, u = self.hold, self.u
        reset = self.lad.nearest_below(hold * (1 - STALL_CUT), hold)
        if reset is None:
            # The lightest load owned already: the tempo makes the reset instead.
            slower = self.dose.tempo.slower()
            why = (
                f"{misses} sessions in a row short of {rng.min} reps at {fmt(hold)} {u}, the "
                f"lightest load you have: slow the lowering ({slower}) and aim for {rng.min} reps."
            )
            return self.at(Rule.STALL_RESET, why, hold, tempo=slower)
        return self.at(
            Rule.STALL_RESET,
            f"{misses} sessions in a row short of {rng.min} reps at {fmt(self.top)} {u} is a "
            f"stall: take about 10% off to {fmt(reset)} {u} and build back up.",
            reset,
        )

    def _at_top(self, rng: RepRange, last: Session) -> Prescription:
        """At the top of the range: the next rung, else a slower tempo, else a set."""
        hold, u, lad = self.hold, self.u, self.lad
        up = lad.above(hold)
        if up is not None:
            owned = lad.owned and not lad.beyond_listed(up)
            what = f"the next {implement_words(lad)}" + (" you own" if owned else "")
            return self.at(
                Rule.ADD_LOAD,
                f"Every set reached the top of {rng} at {fmt(self.top)} {u}: go up to "
                f"{fmt(up)} {u} ({what}) and start again at {rng.min} reps.",
                up,
            )
        current, slower, sets = self.harder_tempo(last)
        have = "in your log" if lad.beyond_listed(hold) else "you have"
        if slower is not None:
            return self.at(
                Rule.SLOWER_TEMPO,
                f"Every set reached {rng.max} reps at {fmt(hold)} {u}, the heaviest "
                f"{implement_words(lad)} {have}: make it harder with a slower tempo, "
                f"{slower}, and start again at {rng.min} reps.",
                hold, tempo=slower,
            )  # fmt: skip
        return self.at(
            Rule.ADD_SET,
            f"Every set reached {rng.max} reps at {fmt(hold)} {u}, the heaviest load {have}, "
            f"at the slowest tempo: add a set ({sets}) and keep the load.",
            hold, tempo=current, sets=sets,
        )  # fmt: skip


__all__ = ["DELOAD_LOAD", "STALL_CUT", "STALL_SESSIONS", "LoadedRules"]
