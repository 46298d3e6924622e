"""Timed holds: add seconds to a ceiling; a loaded hold keeps its load."""

from __future__ import annotations

from collections.abc import Sequence

from strongback.domain.exercise import Exercise
from strongback.domain.progression.dose import Dose
from strongback.domain.progression.gates import PAIN_TOO_MUCH, KindRules
from strongback.domain.progression.ladders import load_ladder
from strongback.domain.progression.loads import convert
from strongback.domain.progression.prescription import DeloadWeek, Prescription, Rule, Settings
from strongback.domain.progression.sessions import Session, listed, top_kg
from strongback.domain.vocab import WeightUnit

# ⚙ Holds add 5 s at a time (a tenth of a long hold) up to 60 s or twice the prescribed time.
HOLD_STEP_SECONDS = 5
HOLD_CAP_SECONDS = 60


def progress_time(
    rules: KindRules, *, weight: float | None = None, unit: WeightUnit | None = None
) -> Prescription:
    """Add time to every hold up to the ceiling (``weight`` stays for a loaded hold)."""
    target = rules.dose.seconds or HOLD_STEP_SECONDS
    timed = [s for s in rules.sessions if any(x.seconds for x in s.work)]
    if not timed:
        return rules.out(
            Rule.START, f"Start with {target} s holds, smooth breathing.", weight=weight, unit=unit
        )
    secs = [round(s.seconds or 0) for s in timed[-1].work if s.seconds]
    shortest = min(secs)
    cap = max(HOLD_CAP_SECONDS, 2 * target)
    if shortest < target:
        return rules.out(
            Rule.HOLD,
            f"Last time {listed(secs)} s: hold {target} s on every set before adding time.",
            weight=weight, unit=unit,
        )  # fmt: skip
    if shortest >= cap:
        return rules.out(
            Rule.HOLD,
            f"You hold {shortest} s, the ceiling for this exercise: keep it and own the "
            "position.",
            weight=weight, unit=unit, seconds=cap,
        )  # fmt: skip
    # 5 s, or about a tenth of a long hold, rounded to 5 s.
    step = max(HOLD_STEP_SECONDS, round(shortest * 0.1 / 5) * 5)
    n = min(shortest + step, cap)
    return rules.out(
        Rule.ADD_TIME,
        f"Every hold lasted at least {shortest} s: add {n - shortest} s, {n} s a set.",
        weight=weight, unit=unit, seconds=n,
    )  # fmt: skip


class TimedRules(KindRules):
    """Holds for time; a loaded hold (a weighted plank, a carry) keeps its load on a rung."""

    def __init__(
        self, exercise: Exercise, dose: Dose, sessions: Sequence[Session], cfg: Settings
    ) -> None:
        super().__init__(exercise, dose, sessions, cfg)
        self.weight: float | None = None
        self.unit: WeightUnit | None = None
        if self.last is not None and top_kg(self.last) > 0:
            lad = load_ladder(exercise, cfg.profile, self.sessions)
            self.weight = lad.at_or_below(convert(top_kg(self.last), WeightUnit.KG, lad.unit))
            self.unit = lad.unit

    def _secs(self, last: Session) -> list[int]:
        return [round(s.seconds or 0) for s in last.work if s.seconds] or [self.dose.seconds or 10]

    def start(self) -> Prescription:
        return progress_time(self)

    def pain(self, pain: int, last: Session) -> Prescription:
        threshold = self.cfg.profile.pain_threshold
        n = min(self._secs(last))
        if pain > PAIN_TOO_MUCH:
            n = max(5, round(n * 0.75))
        return self.out(
            Rule.PAIN,
            self.pain_reason(pain, f"hold {n} s and add no time until it stays at or "
                        f"under {threshold}/10."),
            seconds=n, weight=self.weight, unit=self.unit,
        )  # fmt: skip

    def deload(self, deload: DeloadWeek, last: Session) -> Prescription:
        sets = self.deload_sets(deload, last)
        n = max(5, round(min(self._secs(last)) * 0.7))
        return self.out(
            Rule.DELOAD, self.deload_reason(deload, sets, f"of {n} s."),
            sets=sets, seconds=n, weight=self.weight, unit=self.unit,
        )  # fmt: skip

    def progress(self, last: Session) -> Prescription:
        return progress_time(self, weight=self.weight, unit=self.unit)


__all__ = ["HOLD_CAP_SECONDS", "HOLD_STEP_SECONDS", "TimedRules", "progress_time"]
