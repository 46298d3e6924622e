"""Use cases of moving history in and out: imports of every known app (detected or forced),
names remembered, imports listed and undone, the Strong export.

Every function works inside the caller's unit of work and never commits: the CLI commits once,
so an import is one transaction. A bad file leaves the database unchanged: the file is parsed
completely before anything is written, or (a first import on PostgreSQL) stored while it is read
inside a transaction that a bad file rolls back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from strongback.domain.errors import InvalidInput, UnknownExercise
from strongback.domain.exercise import Exercise
from strongback.domain.set_rows import UNIT, WEIGHT
from strongback.domain.training_log import PerformedSet
from strongback.domain.vocab import WeightUnit
from strongback.interchange.exercise_names import APP_ALIASES, NameMatcher
from strongback.interchange.importers import registry
from strongback.interchange.importers.hints import unit_warning
from strongback.interchange.importers.kernel import (
    Importer,
    ImportOptions,
    ParsedExport,
    SkippedRecord,
    WorkoutSink,
    paused_gc,
)
from strongback.interchange.importers.source import open_csv
from strongback.interchange.strong_export import write_strong_csv
from strongback.services.ports import ImportRecord, Scope, UndoneImport, UnitOfWork

Progress = Callable[[int, int], None]
"""Called with (lines read, total lines) while a file is parsed."""


@dataclass(frozen=True)
class ImportSummary:
    """What an import did. ``sets``/``workouts`` are what was added; ``duplicates`` the sets that
    were already stored (a re-import); ``matched`` maps names to catalog ids, ``unmatched`` maps
    names to the custom exercises that hold them (``suggestions``: the closest catalog entries);
    ``mapped`` the names the user's own mappings resolved; ``created`` the customs made now;
    ``not_imported`` the rows of the file that are not sets done; ``unit_hint`` the other unit
    when the loads look like it; ``units`` the units of the file's loads when its rows give more
    than one (``unit`` is then the one rows without a unit were read in); ``body_weights`` the
    weighings added to the user's body weights (``body_weights_in_file``: the file's, one per
    day; a day already weighed keeps its own).
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
    import_id: int | None = None
    mapped: dict[str, str] = field(default_factory=dict)
    suggestions: dict[str, list[str]] = field(default_factory=dict)
    not_imported: dict[str, int] = field(default_factory=dict)
    unit_hint: str | None = None
    body_weights: int = 0
    body_weights_in_file: int = 0
    units: tuple[str, ...] = ()

    @property
    def weights_in(self) -> str:
        """The units of the loads, in words: "kg", or "kg and lb, as each row says"."""
        if len(self.units) > 1:
            return f"{' and '.join(self.units)}, as each row says"
        return self.unit or "-"

    def to_public(self) -> dict[str, Any]:
        """The JSON object of ``strongback import ... --json``."""
        return {
            "id": self.import_id,
            "source": self.source,
            "app": self.source,
            "file": self.path,
            "unit": self.unit,
            "units": list(self.units) if self.units else [self.unit] if self.unit else [],
            "workouts": self.workouts,
            "sets": self.sets,
            "workouts_in_file": self.workouts_in_file,
            "sets_in_file": self.sets_in_file,
            "duplicates": self.duplicates,
            "duplicates_skipped": self.duplicates,
            "duplicates_in_other_unit": dict(sorted(self.kept_units.items())),
            "rest_timer_rows": self.rest_rows,
            "note_rows": self.note_rows,
            "not_imported": dict(sorted(self.not_imported.items())),
            "skipped": [s.to_public() for s in self.skipped],
            "matched": dict(sorted(self.matched.items())),
            "mapped": dict(sorted(self.mapped.items())),
            "unmatched": dict(sorted(self.unmatched.items())),
            "suggestions": dict(sorted(self.suggestions.items())),
            "custom_exercises_created": list(self.created),
            "unit_hint": self.unit_hint,
            "body_weights": self.body_weights,
            "body_weights_in_file": self.body_weights_in_file,
        }


def open_export(
    path: str | Path, app: str | None = None, *, display_path: str | None = None
) -> tuple[Importer, Any]:
    """Read a file and tell its app: ``app`` forced (refused when the file is another app's),
    else detected from the content. Returns the importer and the opened file."""
    csv_file = open_csv(path, display_path=display_path)
    if app is None:
        return registry.detect(csv_file), csv_file
    importer = registry.get(app)
    registry.check_forced(csv_file, importer)
    return importer, csv_file


def detect_app(path: str | Path, *, display_path: str | None = None) -> str:
    """The app whose export a file is (ImportFormatError naming the header when none)."""
    return open_export(path, display_path=display_path)[0].name


def parse_file(
    kind: str | None,
    path: str | Path,
    *,
    matcher: Callable[[str], str],
    unit: WeightUnit | None,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    display_path: str | None = None,
    sink: WorkoutSink | None = None,
) -> ParsedExport:
    """Parse an export of any known app (``kind`` None: detected) with this matcher; ``sink``
    gets the finished workouts while the file is read, from the parsers that can tell."""
    importer, csv_file = open_export(path, kind, display_path=display_path)
    if progress is None:
        return importer.parse(csv_file, ImportOptions(matcher, unit, skip_invalid, None, sink))
    # Lines are counted only for a progress report: a pass over the whole text.
    total = csv_file.count_lines()
    options = ImportOptions(matcher, unit, skip_invalid, lambda line: progress(line, total), sink)
    parsed = importer.parse(csv_file, options)
    progress(total, total)
    return parsed


class _Resolver:
    """The user's own mappings first, then the catalog matcher."""

    def __init__(self, mappings: dict[str, str], matcher: NameMatcher) -> None:
        self.mappings = {k.strip().casefold(): v for k, v in mappings.items()}
        self.matcher = matcher
        self.mapped: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        hit = self.mappings.get(name.strip().casefold())
        if hit is not None:
            self.mapped[name] = hit
            return hit
        return self.matcher(name)


def import_file(
    scope: Scope,
    kind: str | None,
    path: str | Path,
    *,
    unit: WeightUnit | None = None,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    display_path: str | None = None,
) -> ImportSummary:
    """Import an export of a known app (``kind`` None: detected) into the user's history, in
    one transaction. The import is recorded, and every workout and set it adds is tied to the
    record so that :func:`undo_import` removes exactly those.

    The weight unit comes from the file when it says; else ``unit``; else the profile's unit.
    Sets already stored (same source key) are skipped, so importing a file twice adds nothing.
    The file is parsed whole before anything is kept: on SQLite before the write transaction
    begins; on PostgreSQL a user's first import is stored batch by batch while the file is read
    (see :func:`_import_streaming`), and a bad file rolls the transaction back.
    """
    with scope.unit_of_work() as uow:
        fallback = unit or uow.profile.get().unit
        existing = uow.custom_exercises.list()
        mapped_names = uow.name_mappings.all()
    known = scope.catalog
    matcher = NameMatcher(known, custom=existing)
    resolver = _Resolver(mapped_names, matcher)
    shown = display_path or str(path)
    read = partial(
        parse_file, kind, path, matcher=resolver, unit=fallback, skip_invalid=skip_invalid,
        progress=progress, display_path=shown,
    )  # fmt: skip
    with paused_gc():
        streamed = _import_streaming(scope, read, matcher, shown, fallback)
        if streamed is not None:
            parsed, stored = streamed
        else:
            parsed = read()
        file_unit = parsed.unit
        units, hint = _units_read(parsed, fallback) if file_unit is None else ((), None)
        in_file = (len(parsed.parsed), parsed.set_count, len(parsed.body_weights))
        if streamed is None:
            stored = _store(scope, parsed, matcher, shown, (file_unit or fallback).value)
        import_id, added_workouts, inserted, kept_units, weighed = stored
        source, skipped = parsed.source, parsed.skipped
        rest_rows, note_rows = parsed.rest_rows, parsed.note_rows
        not_imported = dict(parsed.not_imported)
        # The rows go before the collector resumes, so it never has to walk them.
        del parsed, streamed
    matched, unmatched, kinds = _names(matcher, existing)
    near = known.closest if unmatched else None
    return ImportSummary(
        source=source,
        path=shown,
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
        import_id=import_id,
        mapped=dict(resolver.mapped),
        suggestions={n: near(n) for n in unmatched} if near is not None else {},
        not_imported=not_imported,
        unit_hint=hint,
        body_weights=weighed,
        body_weights_in_file=in_file[2],
        units=units,
    )


def _units_read(parsed: ParsedExport, fallback: WeightUnit) -> tuple[tuple[str, ...], str | None]:
    """For a file that names no one unit: the units of its loads when its rows give more than
    one (sorted, else ()), and the other unit when the loads look like it (else None)."""
    units = {r[UNIT] for p in parsed.parsed for r in p.rows if r[WEIGHT] is not None}
    if len(units) > 1:
        return tuple(sorted(units)), None
    weights = (r[WEIGHT] for p in parsed.parsed for r in p.rows if r[WEIGHT])
    other = unit_warning(weights, fallback)
    return (), other.value if other is not None else None


Stored = tuple[int, int, int, dict[str, int], int]
"""What storing an import did: its id, the workouts and sets added, the duplicates stored in
another unit (by unit), and the body weights added."""


def _store(
    scope: Scope, parsed: ParsedExport, matcher: NameMatcher, shown: str, unit: str
) -> Stored:
    """Write a parsed file in one transaction, recorded as one import."""
    with scope.unit_of_work(write=True) as uow:
        uow.custom_exercises.add_many(matcher.created)
        created = [e.id for e in matcher.created]
        import_id = uow.imports.start(parsed.source, shown, unit, created)
        # The bulk path: sets go to storage as the parser's rows, never built as objects;
        # sets already stored (a re-import) are skipped there, with one query.
        added = _add_parsed(uow, parsed, import_id)
        kept_units = dict(uow.workouts.last_kept_units)
        weighed = _finish(uow, parsed, import_id, added)
        uow.commit()
    return import_id, *added, kept_units, weighed


def _import_streaming(
    scope: Scope,
    read: Callable[..., ParsedExport],
    matcher: NameMatcher,
    shown: str,
    fallback: WeightUnit,
) -> tuple[ParsedExport, Stored] | None:
    """Read and store a file together, in one transaction, where storage can take workouts
    while the file is read (PostgreSQL, the user's first keyed import): the server stores one
    batch while the parser reads the next. None when it cannot (nothing read or written then).
    A file that does not stream (a workout coming back later in it, a parser that gives no
    workouts early) is stored after reading, as :func:`_store` does; a bad file rolls it all
    back."""
    with scope.unit_of_work(write=True) as uow:
        if not uow.workouts.can_stream():
            return None
        # The app, unit and customs created are set once the file is read.
        import_id = uow.imports.start("", shown, fallback.value)
        stream = uow.workouts.stream_rows(import_id=import_id)
        try:
            parsed = read(sink=stream)
        except BaseException:
            stream.abandon()
            raise
        added = stream.finish(parsed.set_count) or _add_parsed(uow, parsed, import_id)
        uow.custom_exercises.add_many(matcher.created)
        created = [e.id for e in matcher.created]
        unit = (parsed.unit or fallback).value
        uow.imports.describe(import_id, app=parsed.source, unit=unit, created=created)
        weighed = _finish(uow, parsed, import_id, added)
        uow.commit()
    # No keyed set was stored before: none can have been kept in another unit.
    return parsed, (import_id, *added, {}, weighed)


def _add_parsed(uow: UnitOfWork, parsed: ParsedExport, import_id: int) -> tuple[int, int]:
    """Store the parsed workouts with the bulk path: (workouts, sets) added."""
    return uow.workouts.add_rows(
        [(p.workout, p.rows) for p in parsed.parsed], parsed.fields, import_id=import_id
    )


def _finish(uow: UnitOfWork, parsed: ParsedExport, import_id: int, added: tuple[int, int]) -> int:
    """Store the file's body weights and the import's counts; returns the weighings added."""
    weighed = uow.body_weights.add_imported(parsed.body_weights, import_id)
    workouts, sets = added
    uow.imports.finish(
        import_id, workouts=workouts, sets=sets, duplicates=parsed.set_count - sets,
        skipped=len(parsed.skipped),
    )  # fmt: skip
    return weighed


def _names(
    matcher: NameMatcher, existing: list[Exercise]
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Names matched to the catalog, names kept as custom exercises, and how each matched."""
    custom_ids = {e.id for e in matcher.created} | {e.id for e in existing}
    matched: dict[str, str] = {}
    unmatched: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for m in matcher.matches():
        (unmatched if m.exercise_id in custom_ids else matched)[m.name] = m.exercise_id
        kinds[m.name] = m.how
    return matched, unmatched, kinds


@dataclass(frozen=True)
class MappedName:
    """A name mapped to an exercise, and how many sets already imported under it moved."""

    name: str
    exercise: str
    moved: int


def map_name(scope: Scope, name: str, exercise: str) -> MappedName:
    """Map a name from another app to an exercise for this user, in one transaction: the sets
    already imported under the name move to it, and every later import uses the mapping."""
    text = name.strip()
    if not text:
        raise InvalidInput("the name to map is empty", field="name")
    with scope.unit_of_work(write=True) as uow:
        known = scope.catalog.with_extra(uow.custom_exercises.list())
        target = known.find(exercise.strip())
        if target is None:
            suggestions = [e.id for e in known if exercise.strip().casefold() in e.id][:3]
            raise UnknownExercise(exercise, suggestions)
        uow.name_mappings.set(text, target.id)
        moved = uow.name_mappings.move_sets(text, target.id)
        uow.commit()
    return MappedName(text, target.id, moved)


def mappings(scope: Scope) -> dict[str, str]:
    """The user's name mappings, name -> exercise id."""
    with scope.unit_of_work() as uow:
        return uow.name_mappings.all()


def list_imports(scope: Scope) -> list[ImportRecord]:
    """Every import of the user, oldest first."""
    with scope.unit_of_work() as uow:
        return uow.imports.list()


def undo_import(scope: Scope, import_id: int) -> UndoneImport:
    """Remove exactly the workouts and sets an import added, and its record, in one
    transaction."""
    with scope.unit_of_work(write=True) as uow:
        done = uow.imports.undo(import_id)
        uow.commit()
    return done


def import_to_public(record: ImportRecord) -> dict[str, Any]:
    """The JSON object of one import in ``strongback import list --json``."""
    return {
        "id": record.id,
        "app": record.app,
        "file": record.file,
        "unit": record.unit,
        "imported_at": record.imported_at.isoformat(),
        "workouts": record.workouts,
        "sets": record.sets,
        "duplicates": record.duplicates,
        "skipped": record.skipped,
    }


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
    "MappedName",
    "app_name_for",
    "detect_app",
    "export_strong",
    "import_file",
    "import_to_public",
    "list_imports",
    "map_name",
    "mappings",
    "open_export",
    "parse_file",
    "undo_import",
]
