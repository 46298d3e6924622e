"""The workout collector the plug-ins share: cells read as numbers and dates with errors naming
the file, line, column and value; sets checked against the domain's bounds and gathered into
workouts with their source keys; the result as a :class:`ParsedExport`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from strongback.domain.errors import ImportFormatError
from strongback.domain.set_rows import ROW_FIELDS
from strongback.domain.training_log import Workout
from strongback.domain.vocab import SetType, WeightUnit
from strongback.interchange.importers.kernel import (
    ImportOptions,
    ParsedExport,
    ParsedWorkout,
    RecordErrors,
    future_error,
    key_prefix,
    out_of_bounds,
    paused_gc,
    set_key,
)
from strongback.interchange.importers.source import MAX_CELL, CsvFile, Record, parse_number

# Metres per distance unit as the apps write them.
DISTANCE_METRES: dict[str, float] = {
    "m": 1.0, "meter": 1.0, "meters": 1.0, "metre": 1.0, "metres": 1.0,
    "km": 1000.0, "kms": 1000.0, "kilometers": 1000.0, "kilometres": 1000.0,
    "mi": 1609.344, "mi.": 1609.344, "mile": 1609.344, "miles": 1609.344,
    "ft": 0.3048, "feet": 0.3048, "yd": 0.9144, "yds": 0.9144, "yards": 0.9144,
}  # fmt: skip
WEIGHT_UNITS: dict[str, WeightUnit] = {
    "kg": WeightUnit.KG, "kgs": WeightUnit.KG, "kilograms": WeightUnit.KG,
    "lb": WeightUnit.LB, "lbs": WeightUnit.LB, "pounds": WeightUnit.LB,
}  # fmt: skip


@dataclass
class Draft:
    """A workout being collected: its identity, and its sets as rows of ROW_FIELDS."""

    started_at: datetime
    title: str
    ended_at: datetime | None = None
    notes: str | None = None
    sets: list[list[Any]] = field(default_factory=list)
    prefix: str = ""


@dataclass(frozen=True)
class SetValues:
    """One set's values as read from a row (weights in ``unit``, distances in metres)."""

    name: str
    set_type: SetType = SetType.WORKING
    weight: float | None = None
    unit: WeightUnit | None = None
    reps: int | None = None
    seconds: float | None = None
    distance_m: float | None = None
    rpe: float | None = None
    notes: str | None = None
    key_unit: WeightUnit | None = None  # the unit as the file states it (None: assumed)


class Collector:
    """Collects one file's sets into workouts; one per plug-in run."""

    def __init__(self, source: str, csv_file: CsvFile, options: ImportOptions) -> None:
        self.source = source
        self.csv = csv_file
        self.path = csv_file.path
        self.options = options
        self.errors = RecordErrors(options.skip_invalid)
        self.drafts: dict[Any, Draft] = {}
        self.exercise_ids: dict[str, str] = {}
        self.not_imported: dict[str, int] = {}
        self.records = 0
        # Empty fields past the header's width are trailing delimiters (dropped), except in a
        # format where they can be part of an unquoted name.
        self.trim_extra = True

    # -- cells ---------------------------------------------------------------------------------

    def error(self, line: int, column: str, value: str, reason: str) -> ImportFormatError:
        """The one-line error for a cell."""
        return ImportFormatError(reason, path=self.path, line=line, field=column, value=value)

    def number(self, line: int, column: str, text: str) -> float | None:
        """A number cell (empty: None)."""
        value = text.strip()
        if not value:
            return None
        if len(value) > MAX_CELL or "_" in value:
            raise self.error(line, column, value, "not a number")
        try:
            return parse_number(value, self.csv.delimiter)
        except ValueError:
            raise self.error(line, column, value, "not a number") from None

    def whole(self, line: int, column: str, text: str) -> int | None:
        """A whole number cell such as reps (``8.0`` is 8)."""
        number = self.number(line, column, text)
        if number is None:
            return None
        if number != int(number) or number < 0:
            raise self.error(line, column, text.strip(), "not a whole number of reps")
        return int(number)

    def check_date(self, line: int, column: str, text: str, moment: datetime) -> datetime:
        """Refuse a date beyond tomorrow in any time zone; returns the date."""
        future = future_error(self.path, line, column, text.strip(), moment)
        if future is not None:
            raise future
        return moment

    def count(self, what: str, n: int = 1) -> None:
        """Count rows of the file that are kept out of the import (shown in the summary)."""
        self.not_imported[what] = self.not_imported.get(what, 0) + n

    # -- rows ----------------------------------------------------------------------------------

    def rows(self) -> Any:
        """The file's records of the header's width; bad widths go to the record errors."""
        width = len(self.csv.header)
        progress = self.options.progress
        for line, fields in self.csv.rows():
            self.records += 1
            if progress is not None and self.records % 2000 == 0:
                progress(line)
            if (
                self.trim_extra
                and len(fields) > width
                and not any(f.strip() for f in fields[width:])
            ):
                fields = fields[:width]
            yield line, fields

    def width_error(self, line: int, fields: list[str]) -> None:
        """Note a record of the wrong width (raises unless invalid records are skipped)."""
        self.errors.bad(self.csv.width_error(Record(line, fields), len(self.csv.header)))

    def workout(self, key: Any, started_at: datetime, title: str) -> Draft:
        """The workout under ``key``, made on first use."""
        draft = self.drafts.get(key)
        if draft is None:
            draft = Draft(started_at, title or "Workout")
            draft.prefix = key_prefix(self.source, started_at, draft.title)
            self.drafts[key] = draft
        return draft

    def add(
        self, draft: Draft, line: int, columns: dict[str, tuple[str, str]], values: SetValues
    ) -> None:
        """Check a set against the bounds and add it; ``columns`` names the column and cell
        of each number (``weight``, ``reps``, ``seconds``, ``distance``, ``rpe``) for errors."""
        v = values
        problem = out_of_bounds(v.weight, v.reps, v.seconds, v.distance_m, v.rpe)
        if problem is not None:
            key, reason = problem
            column, cell = columns.get(key, (key, ""))
            raise self.error(line, column, cell, reason)
        if v.weight is not None and v.unit is None:
            raise self.error(line, "weight", "", "the file does not say kg or lb: give --unit")
        exercise = self.exercise_ids.get(v.name)
        if exercise is None:
            exercise = self.exercise_ids[v.name] = self.options.resolve(v.name)
        ordinal = len(draft.sets) + 1
        unit = v.unit.value if v.weight is not None and v.unit is not None else None
        key = set_key(
            draft.prefix, ordinal, v.name, v.set_type.value, v.weight,
            v.key_unit.value if v.key_unit is not None and v.weight is not None else None,
            v.reps, v.seconds, v.distance_m, v.rpe,
        )  # fmt: skip
        draft.sets.append(
            [exercise, ordinal, v.set_type.value, v.weight, unit, v.reps, v.seconds,
             v.distance_m, v.rpe, v.notes, v.name, None, None, key]
        )  # fmt: skip

    def finish(self, unit: WeightUnit | None) -> ParsedExport:
        """The collected workouts, oldest first (workouts left without a set are dropped)."""
        if not self.records:
            raise self.csv.no_records_error()
        drafts = sorted((d for d in self.drafts.values() if d.sets), key=lambda d: d.started_at)
        parsed = tuple(
            ParsedWorkout(
                Workout(
                    started_at=d.started_at, title=d.title, ended_at=d.ended_at,
                    notes=d.notes, source=self.source,
                ),
                d.sets,
            )
            for d in drafts
        )  # fmt: skip
        return ParsedExport(
            source=self.source,
            path=self.path,
            parsed=parsed,
            fields=ROW_FIELDS,
            skipped=tuple(self.errors.skipped),
            unit=unit,
            not_imported=tuple(sorted(self.not_imported.items())),
        )

    def run(self, each: Any) -> None:
        """Call ``each(line, fields)`` for every record, bad records going to the errors."""
        with paused_gc():
            for line, fields in self.rows():
                try:
                    each(line, fields)
                except ImportFormatError as exc:
                    self.errors.bad(exc)


__all__ = ["DISTANCE_METRES", "WEIGHT_UNITS", "Collector", "Draft", "SetValues"]
