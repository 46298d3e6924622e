"""Hevy's header columns and dates: the layout of a header (units in the column names, any
language, by position when the language is unknown) and dates as the phone's language writes
them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from strongback.domain.errors import ImportFormatError
from strongback.domain.vocab import WeightUnit
from strongback.interchange.importers.hevy_tables import (
    ENGLISH,
    HEADER_NAMES,
    LAYOUTS,
    MONTH_ABBREVIATIONS,
    MONTHS,
)
from strongback.interchange.importers.kernel import cap, header_keys
from strongback.interchange.importers.source import MAX_CELL, CsvFile, normalize_header

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
    keys, units, index = header_keys(header, _read_cell)
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


__all__ = ["METRES_PER_KM", "METRES_PER_MILE", "Columns", "detect_columns", "parse_hevy_datetime"]
