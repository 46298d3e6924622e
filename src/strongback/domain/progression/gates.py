"""The gates every prescription passes, in order, before an exercise progresses by its kind.

1. cardio: runs, rides and rows for distance or time stay outside the strength rules;
2. no history yet: the kind's first prescription;
3. pain above the user's threshold in the last session (or reported in a check-in since): hold,
   or step back when above 5/10;
4. a deload week (planned, after weeks of continuous training, or on stalls): a lighter week;
5. a long break: come back lighter than the recent working sets;
6. the progression of the kind.

A gate decides *whether* it applies; each kind (``KindRules``) supplies only its own response.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import Any

from strongback.domain import dosing
from strongback.domain.exercise import Exercise, RepRange
from strongback.domain.progression.dose import MAX_SETS, Dose, respond
from strongback.domain.progression.prescription import DeloadWeek, Prescription, Rule, Settings
from strongback.domain.progression.sessions import (
    RECENT_DAYS,
    Session,
    logged_tempo,
    max_pain,
    reps_of,
)
from strongback.domain.tempo import Tempo
from strongback.domain.vocab import WeightUnit

# Pain up to 5/10 during exercise can be acceptable; above 5 is too much, reduce the load
# [SIL07][BIM].
PAIN_TOO_MUCH = 5
# ⚙ A break longer than 4 weeks loses some strength: come back about 10% lighter, 20% after 12.
BREAK_DAYS = 28
LONG_BREAK_DAYS = 84


class KindRules(ABC):
    """How one kind of exercise answers each gate; subclasses override what they answer.

    ``last`` is the session the gates read (None: nothing to read yet, the kind starts).
    """

    def __init__(
        self, exercise: Exercise, dose: Dose, sessions: Sequence[Session], cfg: Settings
    ) -> None:
        self.exercise = exercise
        self.dose = dose
        self.sessions = list(sessions)
        self.cfg = cfg
        self.last: Session | None = self.sessions[-1] if self.sessions else None

    def out(
        self,
        rule: Rule,
        reason: str,
        *,
        weight: float | None = None,
        unit: WeightUnit | None = None,
        **changes: Any,
    ) -> Prescription:
        """The kind's dose as a prescription under ``rule``, with ``changes``."""
        return respond(self.exercise, self.dose, rule, reason, weight=weight, unit=unit, **changes)

    def comeback_sets(self) -> int:
        """The sets to come back with: the dose's, except when they only copy the last session
        (no plan, no catalog dose): then the most working sets of the recent sessions before the
        break, as the load is, not those of a light last session."""
        if self.dose.planned_sets or self.exercise.dose is not None or self.last is None:
            return self.dose.sets
        last = self.last.at
        recent = [len(s.work) for s in self.sessions if (last - s.at).days <= RECENT_DAYS]
        return min(max([self.dose.sets, *recent]), MAX_SETS)

    def pain_reason(self, pain: int, action: str) -> str:
        """The sentence of a pain answer: what was logged, the user's limit, what to do."""
        threshold = self.cfg.profile.pain_threshold
        logged = max_pain(self.last.sets) if self.last is not None else 0
        said = (
            f"You logged pain {pain}/10 last time"
            if logged >= pain
            else f"Your check-in reported back pain {pain}/10"
        )
        return f"{said}, above your limit of {threshold}/10: {action}"

    def deload_sets(self, deload: DeloadWeek, last: Session) -> int:
        """The sets of a deload week."""
        # The plan's deload week already cut the sets: keep its number when below last time's.
        if deload.planned and self.dose.planned_sets and self.dose.sets < len(last.work):
            return self.dose.sets
        # Otherwise about half the sets of the week before [JP19][ROG24].
        return max(1, math.ceil(min(self.dose.sets, len(last.work)) / 2))

    @staticmethod
    def deload_reason(deload: DeloadWeek, sets: int, rest: str) -> str:
        """The sentence of a deload answer: why, how many sets, and ``rest`` (load or reps)."""
        return f"Deload week ({deload.reason}): {sets} set{'s' if sets > 1 else ''} {rest}"

    def harder_tempo(self, last: Session) -> tuple[Tempo, Tempo | None, int]:
        """At the ceiling with nothing to add: the tempo logged (or planned), a slower one (None
        at the slowest) and the sets with one more."""
        current = logged_tempo(last) or self.dose.tempo
        slower = current.slower()
        return current, (slower if slower != current else None), min(self.dose.sets + 1, MAX_SETS)

    @abstractmethod
    def start(self) -> Prescription:
        """The first prescription, with nothing logged to read."""

    @abstractmethod
    def pain(self, pain: int, last: Session) -> Prescription:
        """The answer to pain above the threshold in the last session."""

    @abstractmethod
    def deload(self, deload: DeloadWeek, last: Session) -> Prescription:
        """The lighter week's prescription."""

    def comeback(self, gap_days: int, last: Session) -> Prescription | None:
        """The answer to a long break; None: the kind comes back as it progresses."""
        return None

    @abstractmethod
    def progress(self, last: Session) -> Prescription:
        """The kind's own progression once every gate let it through."""


Gate = Callable[[KindRules, Session], Prescription | None]


class RepsRules(KindRules):
    """A kind counted in reps (bodyweight moves, drills): the gates read the sessions with reps."""

    def __init__(
        self, exercise: Exercise, dose: Dose, sessions: Sequence[Session], cfg: Settings
    ) -> None:
        with_reps = [sess for sess in sessions if any(s.reps for s in sess.work)]
        super().__init__(exercise, dose, with_reps, cfg)
        rng = dose.range
        assert rng is not None
        self.rng: RepRange = rng

    @staticmethod
    def reps(last: Session) -> list[int]:
        """The reps of the session's sets that have reps."""
        return [reps_of(s) for s in last.work if s.reps]


def pain_gate(rules: KindRules, last: Session) -> Prescription | None:
    """Pain above the user's threshold in the last session, or reported since."""
    pain = max(max_pain(last.sets), rules.cfg.reported_pain)
    return rules.pain(pain, last) if pain > rules.cfg.profile.pain_threshold else None


def deload_gate(rules: KindRules, last: Session) -> Prescription | None:
    """A deload week."""
    deload = rules.cfg.deload
    return None if deload is None else rules.deload(deload, last)


def comeback_gate(rules: KindRules, last: Session) -> Prescription | None:
    """A break of more than 4 weeks since the last session."""
    gap = (rules.cfg.today - last.at.date()).days
    return rules.comeback(gap, last) if gap > BREAK_DAYS else None


GATES: tuple[Gate, ...] = (pain_gate, deload_gate, comeback_gate)


def through_gates(rules: KindRules) -> Prescription:
    """The first gate's answer that applies, else the kind's progression."""
    last = rules.last
    if last is None:
        return rules.start()
    for gate in GATES:
        answer = gate(rules, last)
        if answer is not None:
            return answer
    return rules.progress(last)


def cardio(exercise: Exercise, sessions: Sequence[Session], cfg: Settings) -> Prescription:
    """The cardio gate's answer: keep the time last done."""
    secs = [round(s.seconds) for sess in sessions[-1:] for s in sess.work if s.seconds]
    n = max(secs) if secs else 600
    return Prescription(
        exercise=exercise.id, sets=1, reps=None, reps_per_side=None, seconds=n, weight=None,
        unit=None, tempo=None, target_rir=None,
        rest_seconds=dosing.rest_seconds(exercise, cfg.goal), rule=Rule.HOLD,
        reason="Cardio has no strength progression here: keep the time you did, or add a few "
        "minutes when it feels easy.",
    )  # fmt: skip


__all__ = [
    "BREAK_DAYS",
    "GATES",
    "LONG_BREAK_DAYS",
    "PAIN_TOO_MUCH",
    "Gate",
    "KindRules",
    "RepsRules",
    "cardio",
    "comeback_gate",
    "deload_gate",
    "pain_gate",
    "through_gates",
]
