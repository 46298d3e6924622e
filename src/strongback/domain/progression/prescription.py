"""The values of progression: a Prescription and its Rule, the Settings it is made for, the kinds
of exercise and a deload week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from strongback.domain.exercise import RepRange
from strongback.domain.profile import UserProfile
from strongback.domain.tempo import Tempo
from strongback.domain.vocab import Goal, Level, WeightUnit


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


class Kind(StrEnum):
    """How an exercise progresses."""

    LOADED = "loaded"
    BODYWEIGHT = "bodyweight"
    TIMED = "timed"
    DRILL = "drill"


def fmt(x: float | None) -> str:
    """A number without trailing zeros: 22.5, 20, 2.25."""
    if x is None:
        return "-"
    return f"{x:.2f}".rstrip("0").rstrip(".")


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
    band: bool = False  # the resistance is a band: no load number, tension or distance instead

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


@dataclass(frozen=True)
class DeloadWeek:
    """A lighter week is due; ``reason`` says why (planned, continuous weeks, or stalls)."""

    reason: str
    planned: bool = False


@dataclass(frozen=True)
class Settings:
    """Everything besides the history that shapes a prescription.

    ``reported_pain`` is back pain the user reported since their last session (a daily
    check-in): the pain gate reads it like pain logged on the last session's sets.
    """

    profile: UserProfile
    today: date
    goal: Goal = Goal.HYPERTROPHY
    level: Level = Level.INTERMEDIATE
    deload: DeloadWeek | None = None
    # The body weight on the day (kg), when logged: a movement that carries the body (a pull-up)
    # moves it besides the load on the belt.
    body_weight_kg: float | None = None
    reported_pain: int = 0


__all__ = ["DeloadWeek", "Kind", "Prescription", "Rule", "Settings", "fmt"]
