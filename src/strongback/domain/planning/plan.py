"""A generated plan as plain values, and its public JSON shape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strongback.domain.exercise import RepRange
from strongback.domain.planning.profile import PlanProfile


@dataclass(frozen=True)
class PlanItem:
    """One exercise of a session. Exactly one of ``reps``, ``reps_per_side`` or ``seconds``.
    ``target_rir`` is None on stretches, holds and drills, which are not taken near failure."""

    exercise: str
    sets: int
    tempo: str
    rest_seconds: int
    target_rir: int | None
    reason: str
    reps: RepRange | None = None
    reps_per_side: RepRange | None = None
    seconds: int | None = None
    per_side: bool = False

    def to_public(self) -> dict[str, Any]:
        """The item's JSON object."""
        out: dict[str, Any] = {"exercise": self.exercise, "sets": self.sets}
        if self.reps is not None:
            out["reps"] = {"min": self.reps.min, "max": self.reps.max}
        elif self.reps_per_side is not None:
            out["reps_per_side"] = {"min": self.reps_per_side.min, "max": self.reps_per_side.max}
        else:
            out["seconds"] = self.seconds
            out["per_side"] = self.per_side
        out.update(
            tempo=self.tempo,
            rest_seconds=self.rest_seconds,
            target_rir=self.target_rir,
            reason=self.reason,
        )
        return out

    def dose_text(self) -> str:
        """``3 x 8-12``, ``2 x 5-6/side``, ``2 x 30 s/side``."""
        if self.reps is not None:
            what = str(self.reps)
        elif self.reps_per_side is not None:
            what = f"{self.reps_per_side}/side"
        else:
            what = f"{self.seconds} s" + ("/side" if self.per_side else "")
        return f"{self.sets} x {what}"


@dataclass(frozen=True)
class PlanSession:
    """One session: weekday (1 = Monday), a title, its estimated minutes and its items."""

    day: int
    title: str
    estimated_minutes: int
    items: tuple[PlanItem, ...]

    def to_public(self) -> dict[str, Any]:
        """The session's JSON object."""
        return {
            "day": self.day,
            "title": self.title,
            "estimated_minutes": self.estimated_minutes,
            "items": [i.to_public() for i in self.items],
        }


@dataclass(frozen=True)
class PlanWeek:
    """One week of the plan."""

    week: int
    deload: bool
    sessions: tuple[PlanSession, ...]

    def to_public(self) -> dict[str, Any]:
        """The week's JSON object."""
        return {
            "week": self.week,
            "deload": self.deload,
            "sessions": [s.to_public() for s in self.sessions],
        }


@dataclass(frozen=True)
class Plan:
    """A complete plan with its warnings (unmet principles), notes and solver summary."""

    profile: PlanProfile
    weeks: tuple[PlanWeek, ...]
    warnings: tuple[str, ...]
    notes: tuple[str, ...]
    status: str
    wall_seconds: float
    objective: int = 0

    def to_public(self) -> dict[str, Any]:
        """The JSON object of ``strongback plan --json``."""
        return {
            "profile": self.profile.to_public(),
            "weeks": [w.to_public() for w in self.weeks],
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            "solver": {"status": self.status, "wall_seconds": round(self.wall_seconds, 3)},
        }


__all__ = ["Plan", "PlanItem", "PlanSession", "PlanWeek"]
