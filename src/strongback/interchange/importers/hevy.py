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
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from strongback.domain.errors import ImportFormatError
from strongback.domain.set_rows import ROW_FIELDS
from strongback.domain.training_log import Workout
from strongback.domain.vocab import WeightUnit
from strongback.interchange.importers.hevy_tables import (
    ENGLISH,
    HEADER_NAMES,
    LAYOUTS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    SET_TYPES,
)
from strongback.interchange.importers.kernel import (
    ImportOptions,
    ParsedExport,
    ParsedWorkout,
    RecordErrors,
    cap,
    future_error,
    key_prefix,
    out_of_bounds,
    paused_gc,
    set_key,
)
from strongback.interchange.importers.source import (
    MAX_CELL,
    CsvFile,
    Record,
    normalize_header,
    open_csv,
    parse_number,
)

SOURCE = "hevy"
METRES_PER_KM = 1000.0
METRES_PER_MILE = 1609.344


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    ).strip(".")


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    prefixes: dict[str, set[int]] = {}
    for names in MONTHS.values():
        for number, name in enumerate(names, start=1):
            table[_fold(name)] = number
            for size in (3, 4):
                if len(name) > size:
                    prefixes.setdefault(_fold(name[:size]), set()).add(number)
    for prefix, numbers in prefixes.items():
        if len(numbers) == 1 and prefix not in table:
            table[prefix] = next(iter(numbers))
    for abbr, number in MONTH_ABBREVIATIONS.items():
        table[_fold(abbr)] = number
    return table


_MONTHS = _month_table()
_DAY_FIRST = re.compile(
    r"^(\d{1,2})\.?\s*(?:de\s+)?([^\W\d_]+)\.?\s*(?:de\s+)?,?\s*(\d{4})\s*(?:г\.?)?"
    r"\s*(?:,|\bat\b|\bum\b|\bà\b|\ba las\b|\balle\b|\bàs\b|\bom\b|\bo\b)?\s*(.*)$",
    re.IGNORECASE,
)
_MONTH_FIRST = re.compile(
    r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})\s*(?:,|\bat\b)?\s*(.*)$", re.IGNORECASE
)
_TIME = re.compile(
    r"^(\d{1,2})(?::|\.|\s*h\s*)(\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?\s*$", re.IGNORECASE
)
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


def parse_hevy_datetime(text: str) -> datetime:
    """A Hevy date such as ``7 Apr 2026, 10:14`` in any of the app's languages; ValueError if not.

    Also accepted: ``Apr 7, 2026, 10:14 AM``, ``07 Jul 2025, 17:56``, ``7. Apr. 2026, 10:14``,
    ``7 de abr. de 2026, 10:14`` and ISO 8601. Times are the phone's wall clock (no time zone).
    """
    value = " ".join(text.split())
    if not value:
        raise ValueError("empty")
    if len(value) > MAX_CELL:
        raise ValueError(value[:MAX_CELL])
    if _ISO.match(value):
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment.replace(tzinfo=None)
    match = _DAY_FIRST.match(value)
    if match:
        day, month_word, year, rest = match.groups()
    else:
        match = _MONTH_FIRST.match(value)
        if not match:
            raise ValueError(value)
        month_word, day, year, rest = match.groups()
    month = _MONTHS.get(_fold(month_word))
    if month is None:
        raise ValueError(value)
    hour = minute = second = 0
    rest = rest.strip().strip(",").strip()
    if rest:
        clock = _TIME.match(rest)
        if not clock:
            raise ValueError(value)
        hour, minute = int(clock.group(1)), int(clock.group(2))
        second = int(clock.group(3) or 0)
        half = (clock.group(4) or "").casefold()
        if half:
            if not 1 <= hour <= 12:
                raise ValueError(value)
            hour = hour % 12 + (12 if half == "p" else 0)
    return datetime(int(year), month, int(day), hour, minute, second)


def _build_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for key, names in HEADER_NAMES.items():
        for name in names:
            lookup.setdefault(normalize_header(name), key)
    return lookup


_LOOKUP = _build_lookup()
_UNIT_SUFFIX = re.compile(r"^(.*?)[\s_(-]+(kgs?|lbs?|km|kms|miles?|mi|m|meters|metres)\)?$")
_ANY_SUFFIX = re.compile(r"^(.*?)[\s_(-]+([^\s_()-]+)\)?$")
_WEIGHT_UNITS = {
    "kg": WeightUnit.KG,
    "kgs": WeightUnit.KG,
    "lb": WeightUnit.LB,
    "lbs": WeightUnit.LB,
}
_DISTANCE_UNITS = {
    "km": METRES_PER_KM,
    "kms": METRES_PER_KM,
    "mile": METRES_PER_MILE,
    "miles": METRES_PER_MILE,
    "mi": METRES_PER_MILE,
    "m": 1.0,
    "meters": 1.0,
    "metres": 1.0,
}


@dataclass(frozen=True)
class Columns:
    """Where each field sits, the weight unit and metres per distance unit from the header."""

    index: dict[str, int]
    weight_unit: WeightUnit | None
    distance_factor: float | None


def _read_cell(cell: str) -> tuple[str | None, str | None]:
    text = cell.strip().strip('"').strip().casefold()
    if len(text) > MAX_CELL:
        # No header cell is this long; the suffix pattern would take quadratic time on it.
        return None, None
    key = _LOOKUP.get(normalize_header(text))
    if key is not None:
        return key, None
    match = _UNIT_SUFFIX.match(text)
    if match:
        base, unit = match.group(1), match.group(2)
        key = _LOOKUP.get(normalize_header(base))
        if unit in _WEIGHT_UNITS and key in (None, "weight"):
            return "weight", unit
        if unit in _DISTANCE_UNITS and key in (None, "distance"):
            return "distance", unit
    return None, None


def detect_columns(csv_file: CsvFile) -> Columns:
    """The columns of a Hevy header; ImportFormatError on the header line when it is not one."""
    header = csv_file.header
    keys: list[str | None] = []
    units: dict[str, str] = {}
    for cell in header:
        key, unit = _read_cell(cell)
        keys.append(key)
        if key and unit:
            units.setdefault(key, unit)
    index: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key is not None and key not in index:
            index[key] = i
    if None in keys or len(index) < len(keys):
        index = _by_layout(keys, index)
    missing = [k for k in ("start_time", "exercise", "set_index") if k not in index]
    if missing:
        unknown = next((c for c, k in zip(header, keys, strict=False) if k is None), None)
        wanted = ENGLISH[missing[0]]
        raise ImportFormatError(
            f"not a Hevy export header: no '{wanted}' column"
            + (f" (column '{cap(unknown, 40)}' is not one Hevy writes)" if unknown else ""),
            path=csv_file.path,
            line=csv_file.header_line,
            field=wanted,
            value=csv_file.delimiter.join(header),
        )
    weight_unit = _WEIGHT_UNITS.get(units.get("weight", ""))
    if "weight" in index and "weight" not in units:
        # ``weight_st``: a weight column whose unit suffix is not one we know.
        odd = _ANY_SUFFIX.match(header[index["weight"]].strip().casefold())
        if odd and _LOOKUP.get(normalize_header(odd.group(1))) == "weight":
            units["weight"] = odd.group(2)
    if "weight" in index and weight_unit is None and "weight" in units:
        raise ImportFormatError(
            "unknown weight unit in the header (expected kg or lbs)",
            path=csv_file.path,
            line=csv_file.header_line,
            field=header[index["weight"]],
            value=units["weight"],
        )
    factor = _DISTANCE_UNITS.get(units.get("distance", ""))
    return Columns(index, weight_unit, factor)


def _by_layout(keys: Sequence[str | None], index: dict[str, int]) -> dict[str, int]:
    best: tuple[int, tuple[str, ...]] | None = None
    for layout in LAYOUTS:
        if len(layout) != len(keys):
            continue
        agree = sum(1 for k, want in zip(keys, layout, strict=True) if k == want)
        clash = any(k is not None and k != want for k, want in zip(keys, layout, strict=True))
        if clash or agree < 3:
            continue
        if best is None or agree > best[0]:
            best = (agree, layout)
    if best is None:
        return index
    return {key: i for i, key in enumerate(best[1])}


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


def parse_hevy(
    path: str | Path,
    *,
    resolve: Callable[[str], str] | None = None,
    unit: WeightUnit | None = None,
    skip_invalid: bool = False,
    progress: Callable[[int], None] | None = None,
    display_path: str | None = None,
) -> ParsedExport:
    """Parse a Hevy CSV export into workouts (oldest first). No database is touched.

    ``unit`` is used only when the weight header does not say kg or lbs.
    """
    csv_file = open_csv(path, display_path=display_path)
    return parse_hevy_file(
        csv_file, resolve=resolve, unit=unit, skip_invalid=skip_invalid, progress=progress
    )


def parse_hevy_file(
    csv_file: CsvFile,
    *,
    resolve: Callable[[str], str] | None = None,
    unit: WeightUnit | None = None,
    skip_invalid: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ParsedExport:
    """Parse an already opened CsvFile as a Hevy export (see ``parse_hevy``)."""
    if resolve is None:
        from strongback.interchange.exercise_names import NameMatcher

        resolve = NameMatcher()
    return _HevyParser(csv_file, resolve, unit, skip_invalid, progress).run()


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
    "parse_hevy_file",
]
