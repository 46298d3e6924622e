"""The exercise catalog: the curated 23 plus the extended entries, validated at load.

The curated entries live in ``strongback/data/exercises.toml``; the extended entries, generated
from free-exercise-db by ``scripts/build_extended_catalog.py``, in ``extended_exercises.json``.
A malformed entry fails loudly with the file, the entry id and the field.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from pydantic import ValidationError

from strongback.domain.errors import CatalogError, UnknownExercise, UnknownName
from strongback.domain.exercise import Exercise
from strongback.domain.vocab import Equipment, Muscle, Pattern, Section

CURATED_FILE = "exercises.toml"
EXTENDED_FILE = "extended_exercises.json"

E = TypeVar("E", bound=StrEnum)


def suggest(name: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The closest valid names to a misspelt one, best first."""
    options = list(choices)
    close = difflib.get_close_matches(name.lower(), options, n=n, cutoff=0.5)
    if not close:
        close = [c for c in options if name.lower() in c or c in name.lower()][:n]
    return close


def parse_slug(enum: type[E], kind: str, text: str) -> E:
    """The enum member for a public slug, or UnknownName with the closest valid slugs."""
    slug = text.strip().lower().replace("_", "-").replace(" ", "-")
    try:
        return enum(slug)
    except ValueError:
        raise UnknownName(kind, text, suggest(slug, [m.value for m in enum])) from None


def parse_muscle(text: str) -> Muscle:
    """A muscle slug, or UnknownName with suggestions."""
    return parse_slug(Muscle, "muscle", text)


def parse_equipment(text: str) -> Equipment:
    """An equipment slug, or UnknownName with suggestions."""
    return parse_slug(Equipment, "equipment", text)


def parse_equipment_list(text: str) -> frozenset[Equipment]:
    """A comma-separated equipment list; ``none`` (or empty) is the empty set."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if parts in ([], ["none"]):
        return frozenset()
    return frozenset(parse_equipment(p) for p in parts)


def parse_pattern(text: str) -> Pattern:
    """A pattern slug, or UnknownName with suggestions."""
    return parse_slug(Pattern, "pattern", text)


def parse_section(text: str) -> Section:
    """A section slug, or UnknownName with suggestions."""
    return parse_slug(Section, "section", text)


def _field_path(error: Any) -> str:
    return ".".join(str(p) for p in error["loc"]) or "(entry)"


def parse_entries(raw: Sequence[Any], source_name: str) -> list[Exercise]:
    """Validate raw entries into exercises; CatalogError names the file, entry and field."""
    out: list[Exercise] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw, start=1):
        entry_id = entry.get("id", f"#{index}") if isinstance(entry, dict) else f"#{index}"
        try:
            exercise = Exercise.model_validate(entry)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise CatalogError(
                f"{source_name}: entry '{entry_id}': field '{_field_path(first)}': {first['msg']}"
            ) from None
        if exercise.id in seen:
            raise CatalogError(f"{source_name}: entry '{entry_id}': field 'id': duplicate id")
        seen.add(exercise.id)
        out.append(exercise)
    return out


def parse_curated_toml(text: str, source_name: str = CURATED_FILE) -> list[Exercise]:
    """Parse the curated catalog's TOML text; every entry is checked, cross references too."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{source_name}: not valid TOML: {exc}") from None
    raw = data.get("exercise")
    if not isinstance(raw, list) or not raw:
        raise CatalogError(f"{source_name}: no [[exercise]] entries")
    exercises = parse_entries(raw, source_name)
    ids = {e.id for e in exercises}
    for e in exercises:
        for field in ("regression", "progression"):
            target = getattr(e, field)
            if target is not None and target not in ids:
                raise CatalogError(
                    f"{source_name}: entry '{e.id}': field '{field}': unknown exercise '{target}'"
                )
    return exercises


def _read_data(name: str) -> str:
    return resources.files("strongback.data").joinpath(name).read_text(encoding="utf-8")


class Catalog:
    """Validated exercises with lookups and filters. Curated entries come first."""

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        self._by_id: dict[str, Exercise] = {}
        for e in exercises:
            # The curated entries win where both describe the same movement.
            if e.id not in self._by_id:
                self._by_id[e.id] = e

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with this id, or UnknownExercise with the closest ids."""
        try:
            return self._by_id[exercise_id]
        except KeyError:
            curated = [e.id for e in self.curated()]
            hints = suggest(exercise_id, curated) or suggest(exercise_id, self._by_id)
            raise UnknownExercise(exercise_id, hints) from None

    def find(self, exercise_id: str) -> Exercise | None:
        """The exercise with this id, or None."""
        return self._by_id.get(exercise_id)

    def curated(self) -> list[Exercise]:
        """The curated entries in catalog order."""
        return [e for e in self._by_id.values() if e.source == "strongback"]

    def filter(
        self,
        *,
        muscle: Muscle | None = None,
        equipment: frozenset[Equipment] | None = None,
        pattern: Pattern | None = None,
        section: Section | None = None,
        include_extended: bool = False,
    ) -> list[Exercise]:
        """Entries matching every given filter; equipment keeps what the owned items allow."""
        out = []
        for e in self._by_id.values():
            if not include_extended and e.source != "strongback":
                continue
            if muscle is not None and muscle not in e.muscles:
                continue
            if equipment is not None and not e.doable_with(equipment):
                continue
            if pattern is not None and e.pattern is not pattern:
                continue
            if section is not None and e.section is not section:
                continue
            out.append(e)
        return out

    def with_extra(self, extra: Iterable[Exercise]) -> Catalog:
        """A catalog that also knows these entries (a user's custom exercises)."""
        return Catalog([*self._by_id.values(), *extra])


@cache
def curated_exercises() -> tuple[Exercise, ...]:
    """The curated 23, parsed once per process."""
    return tuple(parse_curated_toml(_read_data(CURATED_FILE)))


@cache
def extended_exercises() -> tuple[Exercise, ...]:
    """The extended entries generated from free-exercise-db, parsed once per process."""
    try:
        text = _read_data(EXTENDED_FILE)
    except FileNotFoundError:
        return ()
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogError(f"{EXTENDED_FILE}: not valid JSON: {exc}") from None
    entries = raw["exercises"] if isinstance(raw, dict) else raw
    return tuple(parse_entries(entries, EXTENDED_FILE))


def load_catalog(*, extended: bool = True) -> Catalog:
    """The product catalog: curated entries, then (by default) the extended ones."""
    items: list[Exercise] = list(curated_exercises())
    if extended:
        items.extend(extended_exercises())
    return Catalog(items)


__all__ = [
    "Catalog",
    "curated_exercises",
    "extended_exercises",
    "load_catalog",
    "parse_curated_toml",
    "parse_entries",
    "parse_equipment",
    "parse_equipment_list",
    "parse_muscle",
    "parse_pattern",
    "parse_section",
    "parse_slug",
    "suggest",
]
