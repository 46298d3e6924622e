"""An exercise of the catalog: what it trains, what it needs, how to do it and its default dose."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from strongback.domain.errors import InvalidInput
from strongback.domain.tempo import Tempo
from strongback.domain.vocab import Equipment, Laterality, Muscle, Pattern, Section

Source = Literal["strongback", "free-exercise-db", "custom"]

PUBLIC_KEYS: tuple[str, ...] = (
    "id",
    "name",
    "source",
    "section",
    "pattern",
    "primary_muscles",
    "secondary_muscles",
    "equipment",
    "laterality",
    "loaded",
    "default_tempo",
    "dose",
    "instructions",
    "why",
    "cues",
    "mistakes",
    "regression",
    "progression",
)
"""The keys of an exercise's public JSON object, in order; no more, no fewer."""

PROSE_FIELDS: tuple[str, ...] = ("setup", "instructions", "why", "cues", "mistakes")
"""The coaching text every curated entry must carry."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RepRange(_Frozen):
    """An inclusive range of reps, e.g. 8-12."""

    min: int = Field(ge=1, le=100)
    max: int = Field(ge=1, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> RepRange:
        if self.max < self.min:
            raise ValueError(f"max {self.max} is below min {self.min}")
        return self

    def __str__(self) -> str:
        return str(self.min) if self.min == self.max else f"{self.min}-{self.max}"


class Dose(_Frozen):
    """A default prescription: sets, and exactly one of reps, reps per side or seconds.

    ``per_side`` says that reps or seconds are done on each side (one side, then the other, or
    alternating); ``reps_per_side`` is the per-side rep range of one-sided and alternating drills.
    """

    sets: int = Field(ge=1, le=10)
    reps: RepRange | None = None
    reps_per_side: RepRange | None = None
    seconds: int | None = Field(default=None, ge=1, le=600)
    per_side: bool = False

    @model_validator(mode="after")
    def _one_measure(self) -> Dose:
        given = [m for m in (self.reps, self.reps_per_side, self.seconds) if m is not None]
        if len(given) != 1:
            raise ValueError("a dose has exactly one of reps, reps_per_side or seconds")
        if self.reps_per_side is not None and not self.per_side:
            raise ValueError("reps_per_side needs per_side = true")
        return self

    def describe(self) -> str:
        """A short human form: ``3 x 8-12``, ``2 x 5/side``, ``3 x 30 s``."""
        if self.reps is not None:
            what = f"{self.reps}"
        elif self.reps_per_side is not None:
            what = f"{self.reps_per_side}/side"
        else:
            what = f"{self.seconds} s" + ("/side" if self.per_side else "")
        return f"{self.sets} x {what}"


class Mistake(_Frozen):
    """A common mistake that applies to an exercise and the cue that corrects it."""

    mistake: str = Field(min_length=3)
    cue: str = Field(min_length=3)


class Exercise(_Frozen):
    """One exercise. ``equipment`` lists alternatives; each is the set of items needed together.

    An empty ``equipment`` list means the exercise needs nothing (bodyweight on the floor).
    """

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str = Field(min_length=2)
    source: Source = "strongback"
    section: Section | None = None
    pattern: Pattern
    primary_muscles: tuple[Muscle, ...] = Field(min_length=1)
    secondary_muscles: tuple[Muscle, ...] = ()
    equipment: tuple[frozenset[Equipment], ...] = ()
    laterality: Laterality = Laterality.BILATERAL
    loaded: bool = False
    setup: str = ""
    instructions: tuple[str, ...] = ()
    why: str = ""
    cues: tuple[str, ...] = ()
    mistakes: tuple[Mistake, ...] = ()
    dose: Dose | None = None
    default_tempo: Tempo | None = None
    regression: str | None = None
    progression: str | None = None
    aliases: tuple[str, ...] = ()

    @field_validator("default_tempo", mode="before")
    @classmethod
    def _parse_tempo(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return Tempo.parse(value)
        except InvalidInput as exc:
            # A ValueError lets validation report the field like any other bad value.
            raise ValueError(str(exc)) from None

    @field_validator("equipment", mode="before")
    @classmethod
    def _alternatives(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple(frozenset(alt) if isinstance(alt, list | tuple) else alt for alt in value)
        return value

    @property
    def needs_nothing(self) -> bool:
        """True when no equipment at all is needed."""
        return not self.equipment or any(not alt for alt in self.equipment)

    def doable_with(self, owned: Iterable[Equipment]) -> bool:
        """True when the owned equipment covers at least one alternative (or none is needed)."""
        have = frozenset(owned)
        return self.needs_nothing or any(alt <= have for alt in self.equipment)

    @property
    def muscles(self) -> tuple[Muscle, ...]:
        """Primary then secondary muscles."""
        return self.primary_muscles + tuple(
            m for m in self.secondary_muscles if m not in self.primary_muscles
        )

    def missing_prose(self) -> list[str]:
        """The coaching fields that are empty or hold a blank item, in declaration order."""
        missing = []
        for name in PROSE_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str):
                empty = not value.strip()
            else:
                empty = not value or any(isinstance(v, str) and not v.strip() for v in value)
            if empty:
                missing.append(name)
        return missing

    def to_public(self) -> dict[str, Any]:
        """The public JSON shape of an exercise (slugs as values, equipment as a list of lists).

        The keys are exactly ``PUBLIC_KEYS``.
        """
        return {
            "id": self.id,
            "name": self.name,
            "source": self.source,
            "section": self.section.value if self.section else None,
            "pattern": self.pattern.value,
            "primary_muscles": [m.value for m in self.primary_muscles],
            "secondary_muscles": [m.value for m in self.secondary_muscles],
            "equipment": [sorted(e.value for e in alt) for alt in self.equipment],
            "laterality": self.laterality.value,
            "loaded": self.loaded,
            "default_tempo": str(self.default_tempo) if self.default_tempo else None,
            "dose": self.dose.model_dump(mode="json") if self.dose else None,
            "instructions": list(self.instructions),
            "why": self.why or None,
            "cues": list(self.cues),
            "mistakes": [m.model_dump(mode="json") for m in self.mistakes],
            "regression": self.regression,
            "progression": self.progression,
        }


__all__ = ["PROSE_FIELDS", "PUBLIC_KEYS", "Dose", "Exercise", "Mistake", "RepRange", "Source"]
