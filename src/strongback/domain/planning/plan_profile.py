"""The planning profile: what a user asks a program for, validated with one-line errors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from strongback.domain.catalog import Catalog, parse_equipment_list, parse_slug, suggest
from strongback.domain.errors import InvalidInput, UnknownName
from strongback.domain.planning.history import check_kept
from strongback.domain.vocab import Equipment, Goal, Level

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday slugs; a session's ``day`` is the 1-based position here (1 = Monday)."""

_WEEKDAY_ALIASES = {
    "monday": "mon",
    "tuesday": "tue",
    "tues": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "thur": "thu",
    "thurs": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}

# Spread sessions so the same muscles get 48-72 h between hard days where possible [ACSMG].
DEFAULT_WEEKDAYS: dict[int, tuple[int, ...]] = {
    1: (1,),
    2: (1, 4),
    3: (1, 3, 5),
    4: (1, 2, 4, 5),
    5: (1, 2, 4, 5, 6),
    6: (1, 2, 3, 4, 5, 6),
    7: (1, 2, 3, 4, 5, 6, 7),
}

MIN_DAYS, MAX_DAYS = 1, 7
MIN_MINUTES, MAX_MINUTES = 10, 180
MIN_WEEKS, MAX_WEEKS = 1, 16


class PlanProfile(BaseModel):
    """A validated request for a program. ``weekdays`` are 1 = Monday ... 7 = Sunday, sorted."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    days: int
    minutes: int
    equipment: frozenset[Equipment]
    level: Level
    goal: Goal
    back_pain: bool = False
    weeks: int = 4
    weekdays: tuple[int, ...]
    avoid: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    """The athlete's own exercises (catalog or custom ids) the plan keeps, each serving a weekly
    requirement; empty by default, when the plan draws on the curated 23."""

    def to_public(self) -> dict[str, Any]:
        """The profile echo of the plan JSON: slugs, equipment as a sorted list."""
        return {
            "days": self.days,
            "minutes": self.minutes,
            "equipment": sorted(e.value for e in self.equipment),
            "level": self.level.value,
            "goal": self.goal.value,
            "back_pain": self.back_pain,
            "weeks": self.weeks,
            "weekdays": [WEEKDAYS[d - 1] for d in self.weekdays],
            "avoid": list(self.avoid),
            "keep": list(self.keep),
        }


def _in_range(name: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise InvalidInput(f"{{{name}}} must be between {low} and {high}, got {value}", field=name)
    return value


def parse_weekday(text: str) -> int:
    """A weekday name (``mon``, ``Monday``) or number (1-7) as 1 = Monday ... 7 = Sunday."""
    slug = text.strip().lower()
    if slug.isdigit() and 1 <= int(slug) <= 7:
        return int(slug)
    slug = _WEEKDAY_ALIASES.get(slug, slug)
    if slug in WEEKDAYS:
        return WEEKDAYS.index(slug) + 1
    raise UnknownName("weekday", text, suggest(slug, WEEKDAYS) or list(WEEKDAYS))


def _split(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [p.strip() for p in parts if p and p.strip()]


def make_profile(
    *,
    days: int,
    minutes: int,
    equipment: str | Iterable[str],
    level: str | Level,
    goal: str | Goal,
    catalog: Catalog,
    back_pain: bool = False,
    weeks: int = 4,
    weekdays: str | Iterable[str] | None = None,
    avoid: str | Iterable[str] | None = None,
    keep: str | Iterable[str] | None = None,
) -> PlanProfile:
    """Validate raw input into a profile; InvalidInput (exit 2) names the bad value and the fix."""
    _in_range("days", days, MIN_DAYS, MAX_DAYS)
    _in_range("minutes", minutes, MIN_MINUTES, MAX_MINUTES)
    _in_range("weeks", weeks, MIN_WEEKS, MAX_WEEKS)
    owned = parse_equipment_list(equipment if isinstance(equipment, str) else ",".join(equipment))
    lvl = level if isinstance(level, Level) else parse_slug(Level, "level", level)
    gl = goal if isinstance(goal, Goal) else parse_slug(Goal, "goal", goal)
    chosen = [parse_weekday(w) for w in _split(weekdays)]
    if chosen:
        if len(set(chosen)) != len(chosen):
            raise InvalidInput(
                "{weekdays} names a day twice; give each weekday once", field="weekdays"
            )
        if len(chosen) != days:
            raise InvalidInput(
                f"{{weekdays}} names {len(chosen)} day(s) but {{days}} is {days}; "
                f"give exactly {days} weekday(s), e.g. "
                + ",".join(WEEKDAYS[d - 1] for d in DEFAULT_WEEKDAYS[days]),
                field="weekdays",
            )
        days_tuple = tuple(sorted(chosen))
    else:
        days_tuple = DEFAULT_WEEKDAYS[days]
    avoided: list[str] = []
    for name in _split(avoid):
        exercise_id = catalog.get(name.lower()).id  # UnknownExercise with suggestions
        if exercise_id not in avoided:
            avoided.append(exercise_id)
    kept: list[str] = []
    for name in _split(keep):
        exercise = catalog.get(name.lower())
        check_kept(exercise, owned)
        if exercise.id in avoided:
            raise InvalidInput(f"{{keep}}: {exercise.id} is also in {{avoid}}", field="keep")
        if exercise.id not in kept:
            kept.append(exercise.id)
    return PlanProfile(
        days=days,
        minutes=minutes,
        equipment=owned,
        level=lvl,
        goal=gl,
        back_pain=back_pain,
        weeks=weeks,
        weekdays=days_tuple,
        avoid=tuple(sorted(avoided)),
        keep=tuple(sorted(kept)),
    )


__all__ = [
    "DEFAULT_WEEKDAYS",
    "WEEKDAYS",
    "PlanProfile",
    "make_profile",
    "parse_weekday",
]
