"""The exercise catalog: the curated 23 plus the extended entries, validated at load.

The curated entries live in ``strongback/data/exercises.toml``; the extended entries, generated
from free-exercise-db by ``scripts/build_extended_catalog.py``, in ``extended_exercises.json``.
A malformed entry fails loudly with the file, the entry id and the field.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from functools import cache, cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from strongback.domain.errors import CatalogError, UnknownExercise, UnknownName
from strongback.domain.exercise import Exercise
from strongback.domain.vocab import Equipment, Muscle, Pattern, Section

if TYPE_CHECKING:
    from strongback.domain.closest import Closest

CURATED_FILE = "exercises.toml"
EXTENDED_FILE = "extended_exercises.json"

E = TypeVar("E", bound=StrEnum)

NO_EQUIPMENT = "none"
"""The value of an equipment filter that means "I own nothing"."""


class CatalogEntryError(CatalogError):
    """A malformed catalog entry; the message and the attributes name the file, entry and field."""

    def __init__(
        self,
        source: str,
        message: str,
        *,
        entry: str | None = None,
        field: str | None = None,
        line: int | None = None,
    ) -> None:
        self.source = source
        self.entry = entry
        self.field = field
        self.line = line
        self.reason = message
        parts = [source if line is None else f"{source}:{line}"]
        if entry is not None:
            parts.append(f"entry '{entry}'")
        if field is not None:
            parts.append(f"field '{field}'")
        parts.append(message)
        super().__init__(": ".join(parts))


def suggest(name: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The closest valid names to a misspelt one, best first."""
    options = list(choices)
    close = difflib.get_close_matches(name.lower(), options, n=n, cutoff=0.5)
    if not close:
        close = [c for c in options if name.lower() in c or c in name.lower()][:n]
    return close


def normalize_id(text: str) -> str:
    """An id as typed (``Pull Up``, ``pull_up``) in slug form (``pull-up``)."""
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")


def parse_slug(enum: type[E], kind: str, text: str) -> E:
    """The enum member for a public slug, or UnknownName with the closest valid slugs."""
    slug = text.strip().lower().replace("_", "-").replace(" ", "-")
    try:
        return enum(slug)
    except ValueError:
        values = [m.value for m in enum]
        raise UnknownName(kind, text, suggest(slug, values), valid=values) from None


def parse_muscle(text: str) -> Muscle:
    """A muscle slug, or UnknownName with suggestions."""
    return parse_slug(Muscle, "muscle", text)


def parse_equipment(text: str) -> Equipment:
    """An equipment slug, or UnknownName with suggestions."""
    return parse_slug(Equipment, "equipment", text)


def parse_equipment_list(text: str) -> frozenset[Equipment]:
    """A comma-separated equipment list; ``none`` (alone, or among items) adds nothing.

    ``none`` or an empty text is the empty set: only entries that need nothing are doable.
    """
    owned: set[Equipment] = set()
    choices = [NO_EQUIPMENT, *(m.value for m in Equipment)]
    for part in (p.strip() for p in text.split(",")):
        if not part or part.lower() == NO_EQUIPMENT:
            continue
        slug = part.lower().replace("_", "-").replace(" ", "-")
        try:
            owned.add(Equipment(slug))
        except ValueError:
            raise UnknownName("equipment", part, suggest(slug, choices)) from None
    return frozenset(owned)


def parse_pattern(text: str) -> Pattern:
    """A pattern slug, or UnknownName with suggestions."""
    return parse_slug(Pattern, "pattern", text)


def parse_section(text: str) -> Section:
    """A section slug, or UnknownName with suggestions."""
    return parse_slug(Section, "section", text)


def _field_path(error: Any) -> str:
    """``primary_muscles[0]``, ``dose.reps.min``: where in the entry the error is."""
    path = ""
    for part in error["loc"]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(entry)"


def _error_text(error: Any) -> str:
    """Pydantic's message, shortened for a bad slug to the value and its closest valid slugs."""
    if error.get("type") == "enum":
        allowed = re.findall(r"'([^']+)'", str(error.get("ctx", {}).get("expected", "")))
        value = str(error.get("input"))
        hint = suggest(value, allowed)
        extra = f"; did you mean {', '.join(hint)}?" if hint else ""
        return f"unknown value '{value}'{extra}"
    return str(error["msg"])


def parse_entries(raw: Sequence[Any], source_name: str) -> list[Exercise]:
    """Validate raw entries into exercises; CatalogError names the file, entry and field."""
    out: list[Exercise] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw, start=1):
        entry_id = entry.get("id", f"#{index}") if isinstance(entry, dict) else f"#{index}"
        if not isinstance(entry, dict):
            raise CatalogEntryError(source_name, "an entry must be a table", entry=str(entry_id))
        try:
            exercise = Exercise.model_validate(entry)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise CatalogEntryError(
                source_name, _error_text(first), entry=str(entry_id), field=_field_path(first)
            ) from None
        if exercise.id in seen:
            raise CatalogEntryError(
                source_name, f"duplicate id '{exercise.id}'", entry=exercise.id, field="id"
            )
        seen.add(exercise.id)
        out.append(exercise)
    return out


def _toml_error_place(text: str, message: str) -> tuple[int | None, str | None, str | None]:
    """Line, entry id and key of a TOML syntax error, as far as the text tells."""
    found = re.search(r"at line (\d+)", message)
    if found is None:
        return None, None, None
    line_no = int(found.group(1))
    lines = text.splitlines()
    start = 0
    for i in range(min(line_no, len(lines)) - 1, -1, -1):
        if lines[i].strip().startswith("[[exercise]]"):
            start = i
            break
    end = len(lines)
    for j in range(start + 1, len(lines)):
        if lines[j].strip().startswith("[["):
            end = j
            break
    entry = None
    for candidate in lines[start:end]:
        id_match = re.match(r"\s*id\s*=\s*[\"']([^\"']+)[\"']", candidate)
        if id_match:
            entry = id_match.group(1)
            break
    key = None
    if 0 < line_no <= len(lines):
        key_match = re.match(r"\s*([A-Za-z0-9_-]+)\s*=", lines[line_no - 1])
        key = key_match.group(1) if key_match else None
    return line_no, entry, key


def parse_curated_toml(text: str, source_name: str = CURATED_FILE) -> list[Exercise]:
    """Parse the curated catalog's TOML text; every entry is checked, cross references too.

    Structure is checked first (TOML syntax, fields and slugs, duplicate ids, regressions and
    progressions that name a known entry), then that every entry carries its coaching text. Any
    problem raises a CatalogEntryError naming the file, the entry and the field.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, entry, key = _toml_error_place(text, str(exc))
        raise CatalogEntryError(
            source_name, f"not valid TOML: {exc}", entry=entry, field=key, line=line
        ) from None
    unknown_tables = sorted(k for k in data if k != "exercise")
    if unknown_tables:
        raise CatalogEntryError(
            source_name,
            "unknown top-level key (expected only [[exercise]] entries)",
            field=unknown_tables[0],
        )
    raw = data.get("exercise")
    if not isinstance(raw, list) or not raw:
        raise CatalogEntryError(source_name, "no [[exercise]] entries", field="exercise")
    exercises = parse_entries(raw, source_name)
    ids = {e.id for e in exercises}
    for e in exercises:
        for field in ("regression", "progression"):
            target = getattr(e, field)
            if target is None:
                continue
            if target == e.id:
                raise CatalogEntryError(
                    source_name, "an exercise cannot point to itself", entry=e.id, field=field
                )
            if target not in ids:
                hint = suggest(target, ids)
                extra = f"; did you mean {', '.join(hint)}?" if hint else ""
                raise CatalogEntryError(
                    source_name, f"unknown exercise '{target}'{extra}", entry=e.id, field=field
                )
    for e in exercises:
        missing = e.missing_prose()
        if missing:
            raise CatalogEntryError(
                source_name,
                "a curated entry needs its coaching text; this field is empty",
                entry=e.id,
                field=missing[0],
            )
    return exercises


def _read_data(name: str) -> str:
    return resources.files("strongback.data").joinpath(name).read_text(encoding="utf-8")


class Catalog:
    """Validated exercises with lookups and filters. Curated entries come first."""

    def __init__(self, exercises: Iterable[Exercise]) -> None:
        self._by_id: dict[str, Exercise] = {}
        self._aliases: dict[str, str] = {}
        for e in exercises:
            # The curated entries win where both describe the same movement.
            if e.id not in self._by_id:
                self._by_id[e.id] = e
        for e in self._by_id.values():
            for alias in e.aliases:
                if alias not in self._by_id:
                    self._aliases.setdefault(alias, e.id)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with this id (or alias), or UnknownExercise with the closest ids."""
        found = self.find(exercise_id)
        if found is not None:
            return found
        # A clear typo of a curated id first, then the entries alike in words and movement (a
        # name that only shares a generic word with them gets none): a looser spelling match
        # offered "crab-reach" for "bench".
        curated = [e.id for e in self.curated()]
        typed = normalize_id(exercise_id)
        typos = difflib.get_close_matches(typed, curated, n=3, cutoff=0.75)
        hints = list(dict.fromkeys([*typos, *self.closest(exercise_id)]))[:3]
        if not hints:  # an abbreviation that is a word of a curated id ("rdl")
            from strongback.domain.closest import GENERIC_WORDS

            if typed not in GENERIC_WORDS:
                hints = [c for c in curated if typed in c.split("-")][:3]
        raise UnknownExercise(exercise_id, hints)

    @cached_property
    def closest(self) -> Closest:
        """The entries closest to a name this catalog does not hold, curated ones first among
        equals; prepared on first use, once per catalog (its words over every entry)."""
        from strongback.domain.closest import Closest

        return Closest(list(self._by_id.values()), preferred={e.id for e in self.curated()})

    def find(self, exercise_id: str) -> Exercise | None:
        """The exercise with this id (or one of its aliases), or None."""
        for key in dict.fromkeys((exercise_id, normalize_id(exercise_id))):
            found = self._by_id.get(key)
            if found is None and key in self._aliases:
                found = self._by_id[self._aliases[key]]
            if found is not None:
                return found
        return None

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
    "NO_EQUIPMENT",
    "Catalog",
    "CatalogEntryError",
    "curated_exercises",
    "extended_exercises",
    "load_catalog",
    "normalize_id",
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
