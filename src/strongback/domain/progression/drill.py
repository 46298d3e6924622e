"""Per-side drills and mobility work: add a rep per side up to a ceiling, always pain-free."""

from __future__ import annotations

from strongback.domain.exercise import RepRange
from strongback.domain.progression.gates import PAIN_TOO_MUCH, RepsRules
from strongback.domain.progression.prescription import DeloadWeek, Prescription, Rule
from strongback.domain.progression.sessions import Session, listed

# ⚙ Drills add a rep per side up to 10.
DRILL_CAP_REPS = 10


class DrillRules(RepsRules):
    """Reps per side of a drill; no comeback: a drill comes back as it progresses."""

    def start(self) -> Prescription:
        return self.out(Rule.START, f"Start with {self.rng} slow, controlled reps per side.")

    def pain(self, pain: int, last: Session) -> Prescription:
        low = min(self.reps(last))
        n = max(1, low - 1) if pain > PAIN_TOO_MUCH else max(1, low)
        target = RepRange(min=n, max=n)
        return self.out(
            Rule.PAIN,
            self.pain_reason(pain, f"stay at {target} reps and keep the range of motion "
                             "pain-free."),
            **self.dose.with_range(target),
        )  # fmt: skip

    def deload(self, deload: DeloadWeek, last: Session) -> Prescription:
        sets = max(1, min(self.dose.sets, len(last.work)) - 1)
        return self.out(
            Rule.DELOAD,
            f"Deload week ({deload.reason}): keep the drill easy, "
            f"{sets} set{'s' if sets > 1 else ''}.",
            sets=sets,
        )  # fmt: skip

    def progress(self, last: Session) -> Prescription:
        rng = self.rng
        reps = self.reps(last)
        low = min(reps)
        cap = max(DRILL_CAP_REPS, rng.max)
        if low < rng.min:
            return self.out(
                Rule.HOLD, f"Last time {listed(reps)} reps: aim for {rng.min} on every set."
            )
        if low >= cap:
            return self.out(
                Rule.HOLD,
                f"You do {low} reps a set, the ceiling for this drill: keep it smooth and slow.",
                **self.dose.with_range(RepRange(min=cap, max=cap)),
            )
        if low >= rng.max:
            n = low + 1
            return self.out(
                Rule.ADD_REPS,
                f"Every set reached {low} reps a side: add one, {n} a side.",
                **self.dose.with_range(RepRange(min=n, max=n)),
            )
        return self.out(
            Rule.ADD_REPS, f"Last time {listed(reps)} reps: work up to {rng.max} on every set."
        )


__all__ = ["DRILL_CAP_REPS", "DrillRules"]
