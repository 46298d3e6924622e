"""Strong's header columns and cells: the layout of a header, durations and dates as the app
writes them, and the checking of a set's number cells (each distinct text read once)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from strongback.domain.errors import ImportFormatError
from strongback.domain.vocab import WeightUnit
from strongback.interchange.importers.kernel import cap, header_keys, out_of_bounds
from strongback.interchange.importers.source import (
    MAX_CELL,
    CsvFile,
    normalize_header,
    parse_number,
)
from strongback.interchange.importers.strong_tables import (
    _CLOCK,
    _CLOCK_DATE,
    _DISTANCE_METRES,
    _DURATION_PART,
    _HEADER_UNIT,
    _HOUR_UNITS,
    _ISO_DATE,
    _UNIT_ONLY,
    _WEIGHT_UNITS,
    ENGLISH,
    HEADER_NAMES,
    LAYOUTS,
)

# A cache miss (None is a value: an empty cell).
_MISS: Any = object()
_INF = float("inf")


def _build_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for key, names in HEADER_NAMES.items():
        for name in names:
            lookup.setdefault(normalize_header(name), key)
    return lookup


_LOOKUP = _build_lookup()


@dataclass(frozen=True)
class Columns:
    """Where each field sits in a file, and the units its header states."""

    index: dict[str, int]
    weight_unit: WeightUnit | None = None
    distance_factor: float | None = None  # metres per unit, when the header says
    duration_in_seconds: bool = False


def _read_cell(cell: str) -> tuple[str | None, str | None]:
    """A header cell as (column key, unit stated in it)."""
    text = cell.strip().strip('"').strip()
    low = text.casefold()
    if low in _UNIT_ONLY:
        return _UNIT_ONLY[low]
    unit: str | None = None
    match = _HEADER_UNIT.match(text)
    if match:
        text, unit = match.group(1), match.group(2).strip().casefold()
    return _LOOKUP.get(normalize_header(text)), unit


def detect_columns(csv_file: CsvFile) -> Columns:
    """The columns of a Strong header; ImportFormatError on the header line when it is not one."""
    header = csv_file.header
    keys, units, index = header_keys(header, _read_cell)
    if None in keys:
        index = _by_layout(keys, index)
    missing = [k for k in ("date", "exercise", "set_order") if k not in index]
    if missing or not ({"weight", "reps", "seconds", "distance"} & index.keys()):
        unknown = next((c for c, k in zip(header, keys, strict=False) if k is None), None)
        wanted = ENGLISH[missing[0]] if missing else "Weight"
        raise ImportFormatError(
            f"not a Strong export header: no '{wanted}' column"
            + (f" (column '{cap(unknown, 40)}' is not one Strong writes)" if unknown else ""),
            path=csv_file.path,
            line=csv_file.header_line,
            field=wanted,
            value=csv_file.delimiter.join(header),
        )
    weight_unit = None
    if "weight" in units:
        weight_unit = _WEIGHT_UNITS.get(units["weight"].rstrip("."))
        if weight_unit is None:
            raise ImportFormatError(
                "unknown weight unit in the header (expected kg or lbs)",
                path=csv_file.path,
                line=csv_file.header_line,
                field=header[index["weight"]],
                value=units["weight"],
            )
    distance_factor = None
    if "distance" in units:
        distance_factor = _DISTANCE_METRES.get(units["distance"])
        if distance_factor is None:
            raise ImportFormatError(
                "unknown distance unit in the header",
                path=csv_file.path,
                line=csv_file.header_line,
                field=header[index["distance"]],
                value=units["distance"],
            )
    seconds_unit = units.get("duration", "")
    return Columns(
        index=index,
        weight_unit=weight_unit,
        distance_factor=distance_factor,
        duration_in_seconds=seconds_unit.startswith(("sec", "s", "seg", "sek")),
    )


def _by_layout(keys: Sequence[str | None], index: dict[str, int]) -> dict[str, int]:
    """Fill unrecognized header cells from the known layout that all recognized cells agree with."""
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


def parse_duration(text: str) -> float | None:
    """A workout duration in seconds: ``1h 5m``, ``55m``, ``31min``, ``55s``, ``1:05:00``, 3900."""
    value = text.strip()
    if not value:
        return None
    if len(value) > MAX_CELL:
        raise ValueError(value[:MAX_CELL])
    try:
        return float(value)
    except ValueError:
        pass
    clock = _CLOCK.match(value)
    if clock:
        a, b, c = clock.groups()
        if c is None:
            return int(a) * 60.0 + int(b)
        return int(a) * 3600.0 + int(b) * 60 + int(c)
    total = 0.0
    consumed = 0
    for match in _DURATION_PART.finditer(value):
        number = float(match.group(1).replace(",", "."))
        unit = match.group(2).casefold()
        if unit in _HOUR_UNITS:
            total += number * 3600
        elif unit.startswith("m"):
            total += number * 60
        else:
            total += number
        consumed += len(match.group(0))
    leftover = re.sub(r"[\s,.]+", "", _DURATION_PART.sub("", value))
    if not consumed or leftover:
        raise ValueError(value)
    return total


def parse_datetime(text: str) -> datetime:
    """Strong's local wall-clock time; ValueError when it is not one.

    ``2020-12-07 16:17:06`` as the app writes it; also ``2024-05-01 6:30:00 PM`` (some app
    versions, with a narrow space before PM) and ``14.07.2023 19:31`` (a spreadsheet re-save in a
    European locale).
    """
    value = " ".join(text.split())
    if len(value) > MAX_CELL:
        raise ValueError(value[:MAX_CELL])
    if _ISO_DATE.match(value):
        return datetime.fromisoformat(value)
    match = _CLOCK_DATE.match(value)
    if not match:
        # Other ISO 8601 forms; an offset, which Strong never writes, is dropped (wall clock).
        return datetime.fromisoformat(value).replace(tzinfo=None)
    year, month, day = match.group("y", "m", "d")
    if year is None:
        year, month, day = match.group("y2", "m2", "d2")
    hour, minute = int(match.group("H")), int(match.group("M"))
    second = int(match.group("S") or 0)
    half = (match.group("half") or "").casefold()
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(value)
        hour = hour % 12 + (12 if half == "p" else 0)
    return datetime(int(year), int(month), int(day), hour, minute, second)


class NumberCells:
    """The number and unit cells of a set, each distinct text checked once and remembered.
    Mixed into the parser, which sets these attributes."""

    csv: CsvFile
    columns: Columns
    delimiter: str
    file_unit: WeightUnit | None
    fallback_unit: WeightUnit | None
    default_distance: float
    has_weight_unit: bool
    has_distance_unit: bool
    units_seen: set[WeightUnit]
    weights: dict[str, float | None]
    reps: dict[str, int | None]
    seconds: dict[str, float | None]
    distances: dict[str, float | None]
    rpes: dict[str, float | None]
    weight_units: dict[str, str | None]
    distance_units: dict[str, float | None]
    combos: dict[tuple[str, ...], tuple[Any, ...]]

    def _column(self, key: str) -> str:
        i = self.columns.index.get(key)
        return self.csv.field_name(i) if i is not None else ENGLISH.get(key, key)

    def _error(self, line: int, key: str, value: str, reason: str) -> ImportFormatError:
        i = self.columns.index.get(key)
        name = self.csv.field_name(i) if i is not None else ENGLISH.get(key, key)
        return ImportFormatError(reason, path=self.csv.path, line=line, field=name, value=value)

    def _num(self, value: str, key: str, line: int) -> float | None:
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            value = value.strip()
            if not value:
                return None
            try:
                number = parse_number(value, self.delimiter)
            except ValueError:
                raise self._error(line, key, value, "not a number") from None
        if number != number or number == _INF or number == -_INF or "_" in value:
            raise self._error(line, key, value.strip(), "not a number")
        return number

    def _numbers(
        self, line: int, w: str, r: str, sec: str, d: str, rp: str, wu: str, du: str
    ) -> tuple[Any, ...]:
        """A new combination of number and unit cells: its values, checked, remembered."""
        miss = _MISS
        weight = self.weights.get(w, miss)
        reps = self.reps.get(r, miss)
        seconds = self.seconds.get(sec, miss)
        distance = self.distances.get(d, miss)
        rpe = self.rpes.get(rp, miss)
        unit = self.weight_units.get(wu, miss) if self.has_weight_unit else None
        given = self.distance_units.get(du, miss) if self.has_distance_unit else None
        # Each cell was checked alone; the bounds of a distance depend on its unit, so a new
        # combination is checked whole.
        if miss in (weight, reps, seconds, distance, rpe, unit, given) or distance:
            self._learn(line, w, r, sec, d, rp, wu, du)
            weight, reps, seconds = self.weights[w], self.reps[r], self.seconds[sec]
            distance, rpe = self.distances[d], self.rpes[rp]
            unit = self.weight_units[wu] if self.has_weight_unit else None
            given = self.distance_units[du] if self.has_distance_unit else None
        # Only a unit the file states is part of a set's key: a file without units imported
        # once in kg and again in lb is the same sets.
        key_unit = unit if unit is not None else self.file_unit
        if unit is None:
            default = self.file_unit or self.fallback_unit
            unit = default.value if default is not None else None
            if unit is None and weight is not None:
                self._learn(line, w, r, sec, d, rp, wu, du)  # raises: no unit
        distance_m = None
        if distance:
            distance_m = distance * (given or self.default_distance)
        if weight is None:
            unit = key_unit = None
        key_numbers = "\x1f".join(
            "" if v is None else str(v) for v in (weight, key_unit, reps, seconds, distance, rpe)
        )
        numbers = ((weight, unit, reps, seconds or None, distance_m, rpe), key_numbers)
        self.combos[(w, r, sec, d, rp, wu, du)] = numbers
        return numbers

    def _learn(
        self, line: int, w: str, r: str, sec: str, d: str, rp: str, wu: str, du: str
    ) -> None:
        """Check a set's numbers and units field by field, raising the first problem; when all
        are fine, remember what each text means for the rows that repeat it."""
        weight = self._num(w, "weight", line)
        reps_value = self._num(r, "reps", line)
        seconds = self._num(sec, "seconds", line)
        distance = self._num(d, "distance", line)
        rpe = self._num(rp, "rpe", line)
        unit = self.file_unit
        given_unit: WeightUnit | None = None
        if self.has_weight_unit:
            unit_text = wu.strip()
            if unit_text:
                given_unit = _WEIGHT_UNITS.get(unit_text.casefold().rstrip("."))
                if given_unit is None:
                    raise self._error(
                        line, "weight_unit", unit_text, "unknown weight unit (expected kg or lbs)"
                    )
                self.units_seen.add(given_unit)
                unit = given_unit
        if unit is None:
            unit = self.fallback_unit
        if weight is not None and unit is None:
            raise self._error(
                line, "weight", w.strip(), "the file does not say kg or lb: give --unit"
            )
        reps: int | None = None
        if reps_value is not None:
            reps = int(reps_value)
            if reps != reps_value or reps < 0:
                raise self._error(line, "reps", r.strip(), "not a whole number of reps")
        if seconds is not None and seconds < 0:
            raise self._error(line, "seconds", sec.strip(), "negative seconds")
        given_factor: float | None = None
        if self.has_distance_unit:
            # Checked whatever the distance: an unknown unit is a bad file even beside a 0.
            d_unit = du.strip()
            if d_unit:
                given_factor = _DISTANCE_METRES.get(d_unit.casefold())
                if given_factor is None:
                    raise self._error(line, "distance_unit", d_unit, "unknown distance unit")
        distance_m = (
            distance * (given_factor or self.default_distance) if distance is not None else None
        )
        problem = out_of_bounds(weight, reps, seconds, distance_m, rpe)
        if problem is not None:
            key, reason = problem
            cell = {"weight": w, "reps": r, "seconds": sec, "distance": d, "rpe": rp}[key]
            raise self._error(line, key, cell.strip(), reason)
        self.weights[w] = weight
        self.reps[r] = reps
        self.seconds[sec] = seconds
        self.distances[d] = distance
        self.rpes[rp] = rpe
        if self.has_weight_unit:
            self.weight_units[wu] = given_unit.value if given_unit is not None else None
        if self.has_distance_unit:
            self.distance_units[du] = given_factor


class _WorkoutDraft:
    __slots__ = (
        "duration", "given", "key_seed", "notes", "pending_note", "sets", "started_at", "title",
    )  # fmt: skip

    def __init__(
        self, started_at: datetime, title: str, duration: float | None, key_seed: Any
    ) -> None:
        self.started_at = started_at
        self.title = title
        self.duration = duration
        # The hash of the workout's key prefix (kernel.key_seed), copied for each set's key.
        self.key_seed = key_seed
        self.notes: str | None = None
        self.sets: list[list[Any]] = []
        self.pending_note: dict[str, list[str]] = {}
        self.given = False  # handed to a sink as finished (see _StrongParser._hand_over)


class _Row:
    """Field access for one record with the column of each field remembered in errors."""

    __slots__ = ("fields", "line", "parser")

    def __init__(self, parser: NumberCells, line: int, fields: list[str]) -> None:
        self.parser = parser
        self.line = line
        self.fields = fields

    def text(self, key: str) -> str:
        i = self.parser.columns.index.get(key)
        if i is None:
            return ""
        return self.fields[i].strip()

    def error(self, key: str, value: str, reason: str) -> ImportFormatError:
        return self.parser._error(self.line, key, value, reason)

    def number(self, key: str) -> float | None:
        value = self.text(key)
        if not value:
            return None
        try:
            return parse_number(value, self.parser.csv.delimiter)
        except ValueError:
            raise self.error(key, value, "not a number") from None


__all__ = ["Columns", "NumberCells", "detect_columns", "parse_datetime", "parse_duration"]
