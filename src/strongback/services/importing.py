"""Use cases of moving history in and out: Strong and Hevy imports, the Strong export.

Each use case opens and commits its own unit of work; an import is one transaction. The file is
parsed completely before anything is written, so a bad file leaves the database unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from strongback.domain.errors import InvalidInput
from strongback.domain.training_log import PerformedSet
from strongback.domain.vocab import WeightUnit
from strongback.interchange.csv_input import ParsedExport, SkippedRecord, open_csv, paused_gc
from strongback.interchange.exercise_names import APP_ALIASES, NameMatcher
from strongback.interchange.hevy import parse_hevy_file
from strongback.interchange.strong import parse_strong_file
from strongback.interchange.strong_export import write_strong_csv
from strongback.services.ports import Scope

Kind = Literal["strong", "hevy"]
Progress = Callable[[int, int], None]
"""Called with (lines read, total lines) while a file is parsed."""


@dataclass(frozen=True)
class ImportSummary:
    """What an import did. ``sets``/``workouts`` are what was added; ``duplicates`` the sets that
    were already stored (a re-import); ``matched`` maps names to catalog ids, ``unmatched`` maps
    names to the custom exercises that hold them; ``created`` lists customs made by this import.
    """

    source: str
    path: str
    unit: str | None
    workouts: int
    sets: int
    workouts_in_file: int
    sets_in_file: int
    duplicates: int
    skipped: tuple[SkippedRecord, ...] = ()
    matched: dict[str, str] = field(default_factory=dict)
    unmatched: dict[str, str] = field(default_factory=dict)
    created: tuple[str, ...] = ()
    match_kinds: dict[str, str] = field(default_factory=dict)
    rest_rows: int = 0
    note_rows: int = 0
    kept_units: dict[str, int] = field(default_factory=dict)

    def to_public(self) -> dict[str, Any]:
        """The JSON object of ``strongback import ... --json``."""
        return {
            "source": self.source,
            "file": self.path,
            "unit": self.unit,
            "workouts": self.workouts,
            "sets": self.sets,
            "workouts_in_file": self.workouts_in_file,
            "sets_in_file": self.sets_in_file,
            "duplicates": self.duplicates,
            "duplicates_skipped": self.duplicates,
            "duplicates_in_other_unit": dict(sorted(self.kept_units.items())),
            "rest_timer_rows": self.rest_rows,
            "note_rows": self.note_rows,
            "skipped": [s.to_public() for s in self.skipped],
            "matched": dict(sorted(self.matched.items())),
            "unmatched": dict(sorted(self.unmatched.items())),
            "custom_exercises_created": list(self.created),
        }


def parse_file(
    kind: Kind,
    path: str | Path,
    *,
    matcher: NameMatcher,
    unit: WeightUnit | None,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    display_path: str | None = None,
) -> ParsedExport:
    """Parse a Strong or Hevy export with this matcher; nothing is written."""
    csv_file = open_csv(path, display_path=display_path)
    total = csv_file.count_lines()
    tick = (lambda line: progress(line, total)) if progress is not None else None
    parser = parse_strong_file if kind == "strong" else parse_hevy_file
    parsed = parser(csv_file, resolve=matcher, unit=unit, skip_invalid=skip_invalid, progress=tick)
    if progress is not None:
        progress(total, total)
    return parsed


def import_file(
    scope: Scope,
    kind: Kind,
    path: str | Path,
    *,
    unit: WeightUnit | None = None,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    display_path: str | None = None,
) -> ImportSummary:
    """Import a Strong or Hevy export into the user's history, in one transaction.

    The weight unit comes from the file when it says; else ``unit``; else the profile's unit.
    Sets already stored (same source key) are skipped, so importing a file twice adds nothing.
    The file is parsed whole before the write transaction begins.
    """
    if kind not in ("strong", "hevy"):
        raise InvalidInput(f"unknown import format '{kind}' (strong or hevy)", field="app")
    with scope.unit_of_work() as uow:
        fallback = unit or uow.profile.get().unit
        existing = uow.custom_exercises.list()
    matcher = NameMatcher(scope.catalog, custom=existing)
    with paused_gc():
        parsed = parse_file(
            kind,
            path,
            matcher=matcher,
            unit=fallback,
            skip_invalid=skip_invalid,
            progress=progress,
            display_path=display_path,
        )
        with scope.unit_of_work(write=True) as uow:
            uow.custom_exercises.add_many(matcher.created)
            # The bulk path: sets go to storage as the parser's rows, never built as objects;
            # sets already stored (a re-import) are skipped there, with one query.
            added_workouts, inserted = uow.workouts.add_rows(
                [(p.workout, p.rows) for p in parsed.parsed], parsed.fields
            )
            kept_units = dict(uow.workouts.last_kept_units)
            uow.commit()
        in_file = (len(parsed.parsed), parsed.set_count)
        file_unit, skipped = parsed.unit, parsed.skipped
        rest_rows, note_rows = parsed.rest_rows, parsed.note_rows
        # The rows go before the collector resumes, so it never has to walk them.
        del parsed
    custom_ids = {e.id for e in matcher.created} | {e.id for e in existing}
    matched: dict[str, str] = {}
    unmatched: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for m in matcher.matches():
        (unmatched if m.exercise_id in custom_ids else matched)[m.name] = m.exercise_id
        kinds[m.name] = m.how
    return ImportSummary(
        source=kind,
        path=display_path or str(path),
        unit=(file_unit or fallback).value,
        workouts=added_workouts,
        sets=inserted,
        workouts_in_file=in_file[0],
        sets_in_file=in_file[1],
        duplicates=in_file[1] - inserted,
        skipped=skipped,
        matched=matched,
        unmatched=unmatched,
        created=tuple(e.id for e in matcher.created),
        match_kinds=kinds,
        rest_rows=rest_rows,
        note_rows=note_rows,
        kept_units=kept_units,
    )


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    path: str
    format: str
    workouts: int
    sets: int
    unit: str | None = None

    def to_public(self) -> dict[str, Any]:
        """The JSON object of ``strongback export ... --json``."""
        return {
            "file": self.path,
            "format": self.format,
            "workouts": self.workouts,
            "sets": self.sets,
            "unit": self.unit,
        }


def app_name_for(exercise_id: str) -> str | None:
    """Strong's own name for a curated movement (the first known app name), if there is one."""
    names = APP_ALIASES.get(exercise_id)
    return names[0] if names else None


def export_strong(
    scope: Scope, path: str | Path, *, unit: WeightUnit | None = None
) -> ExportSummary:
    """Write the user's whole history as a Strong CSV (weights converted to ``unit`` on the way
    out, the profile's unit by default); the file is replaced atomically."""
    with scope.unit_of_work() as uow:
        target_unit = unit or uow.profile.get().unit
        known = scope.catalog.with_extra(uow.custom_exercises.list())
        workouts = uow.workouts.list()

    def name_of(s: PerformedSet) -> str:
        if s.imported_as:
            return s.imported_as
        app = app_name_for(s.exercise)
        if app is not None:
            return app
        found = known.find(s.exercise)
        return found.name if found is not None else s.exercise

    try:
        sets = write_strong_csv(workouts, path, unit=target_unit, name_of=name_of)
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}", field="file") from None
    return ExportSummary(str(path), "strong", len(workouts), sets, target_unit.value)


__all__ = [
    "ExportSummary",
    "ImportSummary",
    "app_name_for",
    "export_strong",
    "import_file",
    "parse_file",
]
