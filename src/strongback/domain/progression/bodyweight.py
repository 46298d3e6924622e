"""Bodyweight moves: add reps to the ceiling, then load (or a slower tempo, then a set); fall back
to the regression when the bottom of the range is out of reach."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from strongback.domain.dosing import DELOAD_RIR
from strongback.domain.exercise import Exercise, RepRange
from strongback.domain.progression.dose import Dose
from strongback.domain.progression.gates import PAIN_TOO_MUCH, RepsRules
from strongback.domain.progression.ladders import added_load_ladder
from strongback.domain.progression.prescription import (
    DeloadWeek,
    Prescription,
    Rule,
    Settings,
    fmt,
)
from strongback.domain.progression.sessions import Session, listed, rir_ok


class BodyweightRules(RepsRules):
    """Reps of a bodyweight move; ``regression`` is the easier move's own prescription.

    ``band``: the resistance is a band, which has no number to add: at the ceiling the band gets
    stronger (or the anchor farther), never kilograms.
    """

    def __init__(
        self,
        exercise: Exercise,
        dose: Dose,
        sessions: Sequence[Session],
        cfg: Settings,
        regression: Prescription | None = None,
        *,
        band: bool = False,
    ) -> None:
        super().__init__(exercise, dose, sessions, cfg)
        self.name = exercise.name.lower()
        self.regression = regression
        self.band = band

    def start(self) -> Prescription:
        return self.out(
            Rule.START,
            f"No sets logged yet: do {self.dose.sets} sets of as many clean reps as you can, up "
            f"to {self.rng.max}, and log them.",
        )

    def pain(self, pain: int, last: Session) -> Prescription:
        reg = self.regression
        if pain > PAIN_TOO_MUCH and reg is not None:
            action = (
                f"switch to {reg.describe()} of {reg.exercise.replace('-', ' ')} instead of "
                f"{self.name}."
            )
            return replace(
                reg, rule=Rule.PAIN, instead_of=self.exercise.id,
                reason=self.pain_reason(pain, action),
            )  # fmt: skip
        n = max(1, min(self.reps(last)) - (1 if pain > PAIN_TOO_MUCH else 0))
        return self.out(
            Rule.PAIN,
            self.pain_reason(pain, f"add no reps; do {n} a set and stop if the pain rises."),
            **self.dose.with_range(RepRange(min=n, max=n)),
        )

    def deload(self, deload: DeloadWeek, last: Session) -> Prescription:
        sets = self.deload_sets(deload, last)
        top = max(1, math.ceil(min(self.reps(last)) * 0.6))
        return self.out(
            Rule.DELOAD,
            self.deload_reason(deload, sets, f"of about {top} reps, stopping with {DELOAD_RIR}+ in "
                          "reserve to shed fatigue."),
            sets=sets, target_rir=DELOAD_RIR, **self.dose.with_range(RepRange(min=top, max=top)),
        )  # fmt: skip

    def comeback(self, gap_days: int, last: Session) -> Prescription | None:
        target = RepRange(min=self.rng.min, max=max(self.rng.min, min(self.reps(last))))
        return self.out(
            Rule.COMEBACK,
            f"Last done {gap_days // 7} weeks ago: come back at {target} reps a set and build "
            "up again.",
            **self.dose.with_range(target),
        )

    def progress(self, last: Session) -> Prescription:
        rng, reps = self.rng, self.reps(last)
        if max(reps) < rng.min:
            return self._short(max(reps))
        if min(reps) < rng.min:
            return self.out(
                Rule.HOLD,
                f"Last time {listed(reps)} reps: aim for {rng.min} on every set before adding "
                "more.",
            )
        if not all(r >= rng.max for r in reps):
            target = RepRange(min=min(max(min(reps) + 1, rng.min), rng.max), max=rng.max)
            return self.out(
                Rule.ADD_REPS,
                f"Last time {listed(reps)} reps: add a rep to each set ({target}) on the way to "
                f"{rng.max}.",
                **self.dose.with_range(target),
            )
        if not all(rir_ok(s, self.dose.rir) for s in last.work if s.reps):
            return self.out(
                Rule.HOLD,
                f"Every set reached {rng.max} reps but with fewer than {self.dose.rir} in "
                "reserve: repeat them until they feel easier before adding load.",
            )
        return self._at_ceiling(last)

    def _short(self, best: int) -> Prescription:
        """The best set missed the bottom of the range: the regression, else keep at it."""
        reg, rng = self.regression, self.rng
        if reg is None:
            return self.out(
                Rule.HOLD,
                f"Your best set was {best} reps, short of {rng.min}: keep at it, and add a rep "
                "when you can.",
            )
        how = (
            "(a light first load, adjust it to the reps)"
            if reg.rule is Rule.START
            else "(from your last sessions of it)"
        )
        return replace(
            reg,
            rule=Rule.REGRESSION,
            instead_of=self.exercise.id,
            reason=(
                f"Your best {self.name} set was {best} reps, short of {rng.min}: do "
                f"{reg.describe()} of {reg.exercise.replace('-', ' ')} instead {how} and test "
                f"{self.name} again in a few weeks."
            ),
        )

    def _at_ceiling(self, last: Session) -> Prescription:
        """Every set at the top of the range: add load, else a slower tempo, else a set."""
        rng = self.rng
        if self.band:
            return self.out(
                Rule.ADD_LOAD,
                f"Every set reached {rng.max} reps, the ceiling: move to a stronger band, or "
                f"stand farther from the anchor, and start again at {rng.min} reps.",
            )
        added = added_load_ladder(self.cfg.profile)
        if added is not None:
            w = added.lightest
            return self.out(
                Rule.ADD_LOAD,
                f"Every set reached {rng.max} reps, the ceiling: add {fmt(w)} "
                f"{added.unit.value} (a belt or a dumbbell held between the feet) and start "
                f"again at {rng.min} reps.",
                weight=w, unit=added.unit,
            )  # fmt: skip
        current, slower, sets = self.harder_tempo(last)
        if slower is not None:
            return self.out(
                Rule.SLOWER_TEMPO,
                f"Every set reached {rng.max} reps, the ceiling: with no load to add, slow the "
                f"tempo to {slower} and start again at {rng.min} reps.",
                tempo=slower,
            )
        return self.out(
            Rule.ADD_SET,
            f"Every set reached {rng.max} reps at the slowest tempo: add a set ({sets}).",
            tempo=current, sets=sets,
        )  # fmt: skip


__all__ = ["BodyweightRules"]
