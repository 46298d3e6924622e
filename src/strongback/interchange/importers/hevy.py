"""Hevy's CSV export into workouts and sets.

One row is one set, cardio and timed rows included; nothing is merged (the same exercise twice in
a workout gives two runs of rows with the same ``set_index`` values). Rows come newest workout
first; workouts are returned oldest first with their sets in file order. Units are in the
headers (``weight_kg`` or ``weight_lbs``, ``distance_km`` or ``distance_miles``); weights keep
that unit and distances become metres. Dates are written in the phone's language
(``7 Apr 2026, 10:14``, ``7 abr 2026, 10:14``, ``7. Apr. 2026, 10:14``...), and so may the headers
be; a layout with an unknown header language is recognized by position.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from strongback.domain.errors import ImportFormatError
from strongback.domain.set_rows import ROW_FIELDS
from strongback.domain.training_log import Workout
from strongback.domain.vocab import WeightUnit
from strongback.interchange.importers.hevy_cells import (
    METRES_PER_KM,
    METRES_PER_MILE,
    detect_columns,
    parse_hevy_datetime,
)
from strongback.interchange.importers.hevy_tables import (
    ENGLISH,
    HEADER_NAMES,
    LAYOUTS,
    MONTHS,
    SET_TYPES,
)
from strongback.interchange.importers.kernel import (
    ImportOptions,
    ParsedExport,
    ParsedWorkout,
    RecordErrors,
    future_error,
    key_prefix,
    out_of_bounds,
    parse_path,
    paused_gc,
    set_key,
)
from strongback.interchange.importers.source import (
    CsvFile,
    Record,
    parse_number,
)

SOURCE = "hevy"


# The fields a row is read into, in this order.
_KEYS = ("title", "start_time", "end_time", "description", "exercise", "superset_id",
         "exercise_notes", "set_index", "set_type", "weight", "reps", "distance", "duration",
         "rpe")  # fmt: skip
# What float() accepts but a number in an export never is: nan, inf, 1_000.
_SUSPECT = re.compile(r"[nNiI_]")


# A set row is laid out as ROW_FIELDS (Hevy records no side, RIR, tempo, pain or rest taken).


@dataclass
class _Draft:
    started_at: datetime
    ended_at: datetime | None
    title: str
    notes: str | None
    sets: list[list[Any]] = field(default_factory=list)
    key_prefix: str = ""


class _HevyParser:
    def __init__(
        self,
        csv_file: CsvFile,
        resolve: Callable[[str], str],
        unit: WeightUnit | None,
        skip_invalid: bool,
        progress: Callable[[int], None] | None,
    ) -> None:
        self.csv = csv_file
        self.columns = detect_columns(csv_file)
        self.resolve = resolve
        self.unit = self.columns.weight_unit or unit
        self.errors = RecordErrors(skip_invalid)
        self.progress = progress
        # Without a unit in the distance header, the weight unit tells which system the app used.
        self.distance_factor = self.columns.distance_factor or (
            METRES_PER_MILE if self.unit is WeightUnit.LB else METRES_PER_KM
        )
        self.workouts: dict[tuple[str, str, str], _Draft] = {}
        self._dates: dict[str, datetime] = {}
        self.exercise_ids: dict[str, str] = {}
        self.positions = [self.columns.index.get(k, -1) for k in _KEYS]

    def _cell(self, fields: list[str], key: str) -> str:
        i = self.columns.index.get(key)
        return fields[i].strip() if i is not None else ""

    def _error(self, line: int, key: str, value: str, reason: str) -> ImportFormatError:
        i = self.columns.index.get(key)
        name = self.csv.field_name(i) if i is not None else ENGLISH.get(key, key)
        return ImportFormatError(reason, path=self.csv.path, line=line, field=name, value=value)

    def _date(self, line: int, key: str, value: str, required: bool) -> datetime | None:
        if not value and not required:
            return None
        cached = self._dates.get(value)
        if cached is not None:
            return cached
        try:
            moment = parse_hevy_datetime(value)
        except ValueError:
            raise self._error(line, key, value, "not a date (like 7 Apr 2026, 10:14)") from None
        self._dates[value] = moment
        return moment

    def _number(self, fields: list[str], line: int, key: str) -> float | None:
        value = self._cell(fields, key)
        if not value:
            return None
        try:
            return parse_number(value, self.csv.delimiter)
        except ValueError:
            raise self._error(line, key, value, "not a number") from None

    def run(self) -> ParsedExport:
        width = len(self.csv.header)
        n = 0
        with paused_gc():
            for n, (line, fields) in enumerate(self.csv.rows(), start=1):
                if self.progress is not None and n % 2000 == 0:
                    self.progress(line)
                if len(fields) != width:
                    if len(fields) > width and not any(f.strip() for f in fields[width:]):
                        fields = fields[:width]
                    else:
                        self.errors.bad(self.csv.width_error(Record(line, fields), width))
                        continue
                try:
                    self._row(line, fields)
                except ImportFormatError as exc:
                    self.errors.bad(exc)
        if not n:
            raise self.csv.no_records_error()
        drafts = sorted(self.workouts.values(), key=lambda d: d.started_at)
        return ParsedExport(
            source=SOURCE,
            path=self.csv.path,
            parsed=tuple(self._finish(d) for d in drafts),
            fields=ROW_FIELDS,
            skipped=tuple(self.errors.skipped),
            unit=self.columns.weight_unit,
        )

    def _row(self, line: int, fields: list[str]) -> None:
        # Every field once, stripped, in the order of _KEYS ("" for a column the file lacks).
        cells = [fields[i].strip() if i >= 0 else "" for i in self.positions]
        (title, start_text, end_text, description, name, superset_text, notes, index_text,
         type_text, w, r, d, sec, rp) = cells  # fmt: skip
        draft = self.workouts.get((start_text, title, end_text))
        if draft is None:
            started = self._date(line, "start_time", start_text, True)
            assert started is not None
            future = future_error(
                self.csv.path, line, self.csv.field_name(self.positions[1]), start_text, started
            )
            if future is not None:
                raise future
            ended = self._date(line, "end_time", end_text, False)
            draft = _Draft(started, ended, title or "Workout", description or None)
            draft.key_prefix = key_prefix(SOURCE, started, draft.title)
            self.workouts[(start_text, title, end_text)] = draft
        if not name:
            raise self._error(line, "exercise", name, "the exercise name is empty")
        if not index_text.isdigit():
            raise self._error(line, "set_index", index_text, "not a set number")
        set_type = SET_TYPES.get(type_text.casefold())
        if set_type is None:
            raise self._error(
                line, "set_type", type_text, "not a set type (normal, warmup, dropset, failure)"
            )
        weight, unit, reps, seconds, distance, distance_m, rpe = self._numbers(
            line, fields, w, r, d, sec, rp
        )
        superset = None
        if superset_text:
            try:
                superset = str(int(parse_number(superset_text, self.csv.delimiter)))
            except ValueError:
                raise self._error(line, "superset_id", superset_text, "not a number") from None
        ordinal = len(draft.sets) + 1
        exercise = self.exercise_ids.get(name)
        if exercise is None:
            exercise = self.exercise_ids[name] = self.resolve(name)
        draft.sets.append(
            [
                exercise,
                ordinal,
                set_type.value,
                weight,
                unit.value if weight is not None and unit is not None else None,
                reps,
                seconds,
                distance_m,
                rpe,
                notes or None,
                name,
                None,
                superset,
                set_key(
                    draft.key_prefix,
                    ordinal,
                    name,
                    set_type.value,
                    weight,
                    # Only a unit the file states: a file without one imported in kg and
                    # again in lb holds the same sets.
                    self.columns.weight_unit,
                    reps,
                    seconds,
                    distance,
                    rpe,
                    superset,
                ),
            ]
        )

    def _numbers(
        self, line: int, fields: list[str], w: str, r: str, d: str, sec: str, rp: str
    ) -> tuple[Any, ...]:
        """A set's numbers, checked against the bounds: (weight, unit, reps, seconds,
        distance as written, distance in metres, RPE)."""
        weight = reps_value = distance = seconds = rpe = None
        try:
            if _SUSPECT.search(w + r + d + sec + rp):
                raise ValueError
            weight = float(w) if w else None
            reps_value = float(r) if r else None
            distance = float(d) if d else None
            seconds = float(sec) if sec else None
            rpe = float(rp) if rp else None
        except ValueError:
            # Not plain decimals: field by field, so the error names the right one.
            weight = self._number(fields, line, "weight")
            reps_value = self._number(fields, line, "reps")
            distance = self._number(fields, line, "distance")
            seconds = self._number(fields, line, "duration")
            rpe = self._number(fields, line, "rpe")
        unit = self.unit
        if weight is not None and unit is None:
            raise self._error(line, "weight", w, "the file does not say kg or lb: give --unit")
        distance_m = distance * self.distance_factor if distance is not None else None
        problem = out_of_bounds(weight, reps_value, seconds, distance_m, rpe)
        if problem is not None:
            key, reason = problem
            key = "duration" if key == "seconds" else key
            cell = {"weight": w, "reps": r, "duration": sec, "distance": d, "rpe": rp}[key]
            raise self._error(line, key, cell, reason)
        reps = None
        if reps_value is not None:
            reps = int(reps_value)
            if reps != reps_value:
                raise self._error(line, "reps", r, "not a whole number of reps")
        return weight, unit, reps, seconds, distance, distance_m, rpe

    @staticmethod
    def _finish(draft: _Draft) -> ParsedWorkout:
        workout = Workout(
            started_at=draft.started_at,
            title=draft.title,
            ended_at=draft.ended_at,
            notes=draft.notes,
            source=SOURCE,
        )
        return ParsedWorkout(workout, draft.sets)


def parse_hevy(path: str | Path, **options: Any) -> ParsedExport:
    """Parse a Hevy CSV export into workouts (oldest first); ``unit`` is used only when the
    weight header does not say kg or lbs. See ``kernel.parse_path``."""
    return parse_path(IMPORTER, path, **options)


class HevyImporter:
    """The Hevy plug-in: recognised by its header (any language, units in the column names)."""

    name = "hevy"
    title = "Hevy"

    def sniff(self, csv_file: CsvFile) -> bool:
        """True when the header is one Hevy writes."""
        try:
            detect_columns(csv_file)
        except ImportFormatError:
            return False
        return True

    def parse(self, csv_file: CsvFile, options: ImportOptions) -> ParsedExport:
        """Parse the file as a Hevy export."""
        return _HevyParser(
            csv_file, options.resolve, options.unit, options.skip_invalid, options.progress
        ).run()


IMPORTER = HevyImporter()


__all__ = [
    "HEADER_NAMES",
    "IMPORTER",
    "LAYOUTS",
    "MONTHS",
    "SET_TYPES",
    "HevyImporter",
    "detect_columns",
    "parse_hevy",
    "parse_hevy_datetime",
]
