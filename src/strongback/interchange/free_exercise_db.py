"""Read free-exercise-db (github.com/yuhonas/free-exercise-db, Unlicense) into catalog entries.

Each record of the data set's ``exercises.json`` is checked, its words are mapped to our
vocabularies and it becomes an :class:`~strongback.domain.exercise.Exercise` with source
``free-exercise-db`` and no section. Nothing is dropped silently: every source value that maps to
nothing is counted in the :class:`ImportReport`, every record is either an extended entry, an
alias of a curated entry (``same_as``) or a rejected record with its reason.

Mapping decisions (the data set's word -> ours):

- muscles: ``quadriceps`` -> quads, ``shoulders`` -> deltoids (rear-delts when the movement is a
  rear-delt pattern: face pulls, reverse flyes), ``lower back`` -> erector-spinae, ``middle back``
  -> rhomboids and traps (the data set's mid back is the rhomboids with the middle trapezius);
  the other eleven words exist in our vocabulary as they are. A muscle word we do not know is
  reported and left out of the entry; a record left without a primary muscle is rejected.
- equipment: ``body only`` and a missing value -> nothing needed (missing values are counted),
  ``dumbbell`` -> dumbbells, ``barbell`` and ``e-z curl bar`` -> barbell (an EZ bar is a bent
  barbell), ``kettlebells`` -> kettlebell, ``cable`` -> cable-station, ``machine`` -> machine,
  ``bands`` -> band; ``medicine ball``, ``exercise ball``, ``foam roll`` and ``other`` -> other
  (counted in the report). An unknown word maps to other and is reported. The name then refines
  the equipment: pull-ups need a pull-up bar, cable pulldowns run on a lat-pulldown station or a
  cable station, hyperextensions need a back-extension bench, and names with "bench", "incline"
  or "decline" add a bench.
- category, force, mechanic and level: checked against the data set's vocabularies (level
  ``expert`` -> advanced); they feed the pattern (see :mod:`strongback.domain.classify`), the
  level is kept beside the entries. Unknown words are reported and treated as not given.
- laterality from the name ("one-arm", "single-leg", "alternating", ...), loaded from the equipment
  (external load: free weights, cables, machines, bands; "weighted" in a name), instructions from
  the data set's own public-domain text.
- ids are slugs of the data set's names. A record whose slug is a curated id, or that is listed in
  :data:`SAME_AS`, describes a curated movement: the curated entry wins and the record's name is
  kept as an alias of the curated id (see :func:`curated_aliases`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from strongback.domain.classify import guess_laterality, guess_pattern, normalize_name
from strongback.domain.errors import ImportFormatError
from strongback.domain.exercise import Exercise
from strongback.domain.vocab import Equipment, Laterality, Level, Muscle, Pattern
from strongback.interchange import free_exercise_db_vocab as _vocab

SOURCE = "free-exercise-db"
SOURCE_URL = "https://github.com/yuhonas/free-exercise-db"
SOURCE_LICENSE = "Unlicense"
EXTENDED_FILE = "extended_exercises.json"


def slugify(name: str) -> str:
    """The id form of a name: lowercase ASCII words and hyphens ("3/4 Sit-Up" -> "3-4-sit-up")."""
    return normalize_name(name).replace(" ", "-")


@dataclass
class ImportReport:
    """What the import did with every record and every source value."""

    read: int = 0
    extended: int = 0
    merged: int = 0
    same_as: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)
    unmapped: dict[str, Counter[str]] = field(default_factory=dict)
    mapped_to_other: dict[str, Counter[str]] = field(default_factory=dict)
    missing: Counter[str] = field(default_factory=Counter)
    patterns: Counter[str] = field(default_factory=Counter)
    renamed: dict[str, str] = field(default_factory=dict)

    def _count(self, table: dict[str, Counter[str]], field_name: str, value: str) -> None:
        table.setdefault(field_name, Counter())[value] += 1

    @property
    def accounted(self) -> int:
        """Records that ended somewhere: extended, alias of a curated entry, or rejected."""
        return self.extended + self.merged + len(self.rejected)

    def to_json(self) -> dict[str, Any]:
        """A plain, sorted, JSON-ready form."""

        def table(t: Mapping[str, Counter[str]]) -> dict[str, dict[str, int]]:
            return {k: dict(sorted(t[k].items())) for k in sorted(t) if t[k]}

        return {
            "read": self.read,
            "extended": self.extended,
            "merged": self.merged,
            "rejected": dict(sorted(self.rejected.items())),
            "patterns": {p.value: self.patterns.get(p.value, 0) for p in Pattern},
            "unmapped": table(self.unmapped),
            "mapped_to_other": table(self.mapped_to_other),
            "missing": dict(sorted(self.missing.items())),
            "renamed": dict(sorted(self.renamed.items())),
        }

    def lines(self) -> list[str]:
        """A human-readable summary, one fact per line."""
        out = [
            f"records read: {self.read}",
            f"extended entries: {self.extended}",
            f"merged into curated entries: {self.merged}",
            f"rejected records: {len(self.rejected)}",
            "entries per pattern:",
        ]
        out += [f"  {p.value}: {self.patterns.get(p.value, 0)}" for p in Pattern]
        out.append("source values with no mapping (mapped to other or left out):")
        if not any(self.unmapped.values()):
            out.append("  none")
        for name, counts in sorted(self.unmapped.items()):
            out += [f"  {name}: {value!r} x{n}" for value, n in sorted(counts.items())]
        out.append("source values deliberately mapped to other:")
        for name, counts in sorted(self.mapped_to_other.items()):
            out += [f"  {name}: {value!r} x{n}" for value, n in sorted(counts.items())]
        out.append("fields missing in records (null):")
        out += [f"  {name}: {n}" for name, n in sorted(self.missing.items())] or ["  none"]
        out.append("merged into curated entries (data set name -> curated id):")
        out += [f"  {name} -> {cid}" for name, cid in sorted(self.same_as.items())] or ["  none"]
        if self.rejected:
            out.append("rejected records:")
            out += [f"  {name}: {why}" for name, why in sorted(self.rejected.items())]
        if self.renamed:
            out.append("ids given a suffix to stay unique:")
            out += [f"  {name} -> {new_id}" for name, new_id in sorted(self.renamed.items())]
        return out


@dataclass
class ExtendedCatalog:
    """The result of an import: the entries, their levels, the aliases and the report."""

    exercises: list[Exercise]
    levels: dict[str, Level]
    report: ImportReport

    @property
    def same_as(self) -> dict[str, str]:
        """Data set names that are curated movements -> curated id."""
        return self.report.same_as


class _RecordError(Exception):
    pass


def _text(record: Mapping[str, Any], key: str, *, required: bool = False) -> str | None:
    value = record.get(key)
    if value is None:
        if required:
            raise _RecordError(f"field '{key}' is missing")
        return None
    if not isinstance(value, str):
        raise _RecordError(f"field '{key}' is not a string: {value!r}")
    value = value.strip()
    if required and not value:
        raise _RecordError(f"field '{key}' is empty")
    return value or None


def _text_list(record: Mapping[str, Any], key: str) -> list[str]:
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _RecordError(f"field '{key}' is not a list of strings")
    return [v.strip() for v in value if v.strip()]


def _vocab_word(
    report: ImportReport, field_name: str, value: str | None, known: Iterable[str]
) -> str | None:
    if value is None:
        report.missing[field_name] += 1
        return None
    word = value.lower()
    if word not in known:
        report._count(report.unmapped, field_name, value)
        return None
    return word


def _muscles(report: ImportReport, field_name: str, words: list[str]) -> list[Muscle]:
    out: list[Muscle] = []
    for word in words:
        mapped = _vocab.MUSCLES.get(word.lower())
        if mapped is None:
            report._count(report.unmapped, field_name, word)
            continue
        out += [m for m in mapped if m not in out]
    return out


def _equipment(
    report: ImportReport, value: str | None, text: str, pattern: Pattern
) -> tuple[frozenset[Equipment], ...]:
    """Equipment alternatives from the data set's word, refined by the (normalised) name."""
    if value is None:
        report.missing["equipment"] += 1
        base: Equipment | None = None
    else:
        word = value.lower()
        if word in _vocab.EQUIPMENT:
            base = _vocab.EQUIPMENT[word]
            if base is Equipment.OTHER:
                report._count(report.mapped_to_other, "equipment", value)
        else:
            report._count(report.unmapped, "equipment", value)
            base = Equipment.OTHER
    word = (value or "").lower()
    if (
        _vocab._PULL_UP_BAR.search(text)
        and base in (None, Equipment.OTHER)
        and pattern is not Pattern.MOBILITY
    ):
        items = {Equipment.PULL_UP_BAR}
        if re.search(r"\bbands?\b", text):
            items.add(Equipment.BAND)
        return (frozenset(items),)
    if _vocab._PULLDOWN.search(text) and base is Equipment.CABLE_STATION:
        return (frozenset({Equipment.LAT_PULLDOWN}), frozenset({Equipment.CABLE_STATION}))
    # A hyperextension bench, or a glute-ham developer (a machine), not an exercise ball.
    on_bench = _vocab._EXTENSION_BENCH.search(text) and word in (
        "",
        "body only",
        "other",
        "machine",
    )
    if (on_bench and not _vocab._NO_BENCH.search(text)) or (
        _vocab._GLUTE_HAM.search(text) and word == "machine"
    ):
        return (frozenset({Equipment.BACK_EXTENSION_BENCH}),)
    items = set() if base is None else {base}
    if (
        _vocab._BENCH.search(text)
        and base is not Equipment.MACHINE
        and not _vocab._NO_BENCH.search(text)
    ):
        items.add(Equipment.BENCH)
    return (frozenset(items),) if items else ()


def _convert(
    record: Any, report: ImportReport
) -> tuple[str, Exercise | None, Level | None, str | None]:
    """(name, exercise or None when rejected, level, rejection reason)."""
    if not isinstance(record, dict):
        raise _RecordError("record is not a JSON object")
    name = _text(record, "name", required=True)
    assert name is not None
    category = _vocab_word(report, "category", _text(record, "category"), _vocab.CATEGORIES)
    force = _vocab_word(report, "force", _text(record, "force"), _vocab.FORCES)
    mechanic = _vocab_word(report, "mechanic", _text(record, "mechanic"), _vocab.MECHANICS)
    level_word = _vocab_word(report, "level", _text(record, "level"), _vocab.LEVELS)
    level = _vocab.LEVELS[level_word] if level_word else None
    primary = _muscles(report, "primaryMuscles", _text_list(record, "primaryMuscles"))
    secondary = [
        m
        for m in _muscles(report, "secondaryMuscles", _text_list(record, "secondaryMuscles"))
        if m not in primary
    ]
    instructions = _text_list(record, "instructions")
    text = normalize_name(name)
    equipment_word = _text(record, "equipment")
    if not primary:
        _equipment(report, equipment_word, text, Pattern.OTHER)  # Count its value all the same.
        return name, None, level, "no primary muscle that maps to our vocabulary"
    pattern = guess_pattern(
        name,
        force=force,
        mechanic=mechanic,
        category=category,
        primary_muscles=primary,
        secondary_muscles=secondary,
    )
    if pattern is Pattern.REAR_DELT:
        # The data set says "shoulders"; in a rear-delt movement that is the rear delt.
        primary = [Muscle.REAR_DELTS if m is Muscle.DELTOIDS else m for m in primary]
        secondary = [Muscle.REAR_DELTS if m is Muscle.DELTOIDS else m for m in secondary]
        secondary = [m for i, m in enumerate(secondary) if m not in primary + secondary[:i]]
    equipment = _equipment(report, equipment_word, text, pattern)
    loaded = category != "stretching" and (
        (equipment_word or "").lower() in _vocab.LOADING_EQUIPMENT
        or bool(_vocab._LOADED_NAME.search(text))
    )
    laterality = guess_laterality(name, pattern)
    try:
        exercise = Exercise(
            id=slugify(name),
            name=name,
            source="free-exercise-db",
            section=None,
            pattern=pattern,
            primary_muscles=tuple(primary),
            secondary_muscles=tuple(secondary),
            equipment=equipment,
            laterality=laterality,
            loaded=loaded,
            instructions=tuple(instructions),
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return name, None, level, f"field '{where}': {first['msg']}"
    return name, exercise, level, None


def _with_suffix(base: str, taken: set[str]) -> str:
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def convert_records(records: Sequence[Any], curated: Iterable[Exercise]) -> ExtendedCatalog:
    """Turn the data set's records into extended entries, aliases of curated ones and a report.

    Records are handled in name order so that the result does not depend on the file's order.
    """
    curated_ids = {e.id for e in curated}
    report = ImportReport(read=len(records))
    converted: list[tuple[str, Exercise | None, Level | None, str | None]] = []
    for index, record in enumerate(records, start=1):
        try:
            converted.append(_convert(record, report))
        except _RecordError as exc:
            label = record.get("name") if isinstance(record, dict) else None
            key = f"#{index} {label}" if isinstance(label, str) else f"#{index}"
            report.rejected[key] = str(exc)
    exercises: list[Exercise] = []
    levels: dict[str, Level] = {}
    taken = set(curated_ids)
    for name, exercise, level, reason in sorted(converted, key=lambda c: c[0]):
        if exercise is None:
            report.rejected[name] = reason or "rejected"
            continue
        target = _vocab.SAME_AS.get(name)
        if target is None and exercise.id in curated_ids:
            target = exercise.id
        if target is not None and target in curated_ids:
            report.same_as[name] = target
            report.merged += 1
            continue
        if target is not None:
            report._count(report.unmapped, "same_as target", target)
        if exercise.id in taken:
            new_id = _with_suffix(exercise.id, taken)
            report.renamed[name] = new_id
            exercise = exercise.model_copy(update={"id": new_id})
        taken.add(exercise.id)
        exercises.append(exercise)
        if level is not None:
            levels[exercise.id] = level
        report.patterns[exercise.pattern.value] += 1
    report.extended = len(exercises)
    exercises.sort(key=lambda e: e.id)
    return ExtendedCatalog(exercises=exercises, levels=dict(sorted(levels.items())), report=report)


def read_records(path: str | Path) -> list[Any]:
    """The records of a free-exercise-db ``exercises.json``; ImportFormatError when unreadable."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportFormatError("no such file", path=str(p)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError(f"cannot read the file: {exc}", path=str(p)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            f"not valid JSON: {exc.msg}", path=str(p), line=exc.lineno
        ) from None
    if isinstance(data, dict) and isinstance(data.get("exercises"), list):
        data = data["exercises"]
    if not isinstance(data, list):
        raise ImportFormatError("expected a JSON array of exercise objects", path=str(p))
    return data


def build_extended(path: str | Path, curated: Iterable[Exercise] | None = None) -> ExtendedCatalog:
    """Read the data set at ``path`` and convert it against the curated catalog."""
    if curated is None:
        from strongback.domain.catalog import curated_exercises

        curated = curated_exercises()
    return convert_records(read_records(path), curated)


def _entry(e: Exercise) -> dict[str, Any]:
    """The stored form of an entry: Exercise fields only, defaults left out, sets sorted.

    Left out when at their defaults: section (null for every extended entry), empty secondary
    muscles, equipment (empty: nothing needed) and instructions, bilateral, not loaded.
    """
    out: dict[str, Any] = {
        "id": e.id,
        "name": e.name,
        "source": e.source,
        "pattern": e.pattern.value,
        "primary_muscles": [m.value for m in e.primary_muscles],
    }
    if e.secondary_muscles:
        out["secondary_muscles"] = [m.value for m in e.secondary_muscles]
    if e.equipment:
        out["equipment"] = sorted(sorted(i.value for i in alt) for alt in e.equipment)
    if e.laterality is not Laterality.BILATERAL:
        out["laterality"] = e.laterality.value
    if e.loaded:
        out["loaded"] = True
    if e.instructions:
        out["instructions"] = list(e.instructions)
    return out


def to_document(catalog: ExtendedCatalog) -> dict[str, Any]:
    """The JSON object stored as ``strongback/data/extended_exercises.json``."""
    return {
        "generated_by": "scripts/build_extended_catalog.py",
        "source": {
            "name": SOURCE,
            "url": SOURCE_URL,
            "license": SOURCE_LICENSE,
            "records": catalog.report.read,
        },
        "exercises": [_entry(e) for e in catalog.exercises],
        "same_as": dict(sorted(catalog.same_as.items())),
        "levels": {k: v.value for k, v in catalog.levels.items()},
        "report": catalog.report.to_json(),
    }


def render_document(document: Mapping[str, Any]) -> str:
    """Deterministic text of the document: one exercise per line, keys in a fixed order."""
    parts = ["{"]
    keys = list(document)
    for i, key in enumerate(keys):
        comma = "," if i < len(keys) - 1 else ""
        value = document[key]
        if key == "exercises":
            rows = [json.dumps(e, ensure_ascii=False) for e in value]
            body = ",\n".join(f"  {r}" for r in rows)
            parts.append(f'"exercises": [\n{body}\n]{comma}')
        else:
            dumped = json.dumps(value, ensure_ascii=False, indent=1)
            parts.append(f"{json.dumps(key)}: {dumped}{comma}")
    parts.append("}")
    return "\n".join(parts) + "\n"


@cache
def _packaged_document() -> dict[str, Any]:
    try:
        text = resources.files("strongback.data").joinpath(EXTENDED_FILE).read_text("utf-8")
    except FileNotFoundError:
        return {}
    data = json.loads(text)
    return data if isinstance(data, dict) else {}


def curated_aliases() -> dict[str, str]:
    """Names of free-exercise-db entries that are curated movements -> curated id.

    Read from the packaged extended catalog; importers use these names to recognise the
    curated exercises in logs written with the data set's names.
    """
    same_as = _packaged_document().get("same_as", {})
    return {str(k): str(v) for k, v in same_as.items()}


def extended_levels() -> dict[str, Level]:
    """The experience level the data set gives each extended entry, by id."""
    levels = _packaged_document().get("levels", {})
    return {str(k): Level(v) for k, v in levels.items()}


__all__ = [
    "ExtendedCatalog",
    "ImportReport",
    "build_extended",
    "convert_records",
    "curated_aliases",
    "extended_levels",
    "read_records",
    "render_document",
    "slugify",
    "to_document",
]
