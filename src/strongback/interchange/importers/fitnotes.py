"""FitNotes (Android) CSV exports.

Layouts: ``Date,Exercise,Category,Weight (kgs)|Weight (lbs),Reps,Distance,Distance Unit,Time``
with or without a final ``Comment``, and ``Weight`` + ``Weight Unit`` (the unit per row). There is
no time of day and no workout id: one day is one workout. Exercise names with a comma are not
quoted by the app; the Category column (a known category, or one seen in the file) tells where
the name ends. Cardio and stretch rows keep their distance and ``h:mm:ss`` time; a placeholder
load of 0 or 1 is a body-weight set; a set of 0 reps is a failed set.
"""

from __future__ import annotations

import re
from datetime import datetime

from strongback.domain.errors import ImportFormatError
from strongback.domain.vocab import SetType, WeightUnit
from strongback.interchange.importers.collector import (
    DISTANCE_METRES,
    WEIGHT_UNITS,
    Collector,
    SetValues,
)
from strongback.interchange.importers.kernel import ImportOptions, ParsedExport
from strongback.interchange.importers.source import MAX_CELL, CsvFile, normalize_header

SOURCE = "fitnotes"
CATEGORIES = frozenset(
    c.casefold()
    for c in (
        "Abs", "Back", "Biceps", "Cardio", "Chest", "Legs", "Shoulders", "Triceps", "Forearms",
        "Glutes", "Calves", "Full Body", "Olympic", "Stretching", "Stretch", "Other", "Core",
        "Arms", "Neck", "Hamstrings", "Quads", "Traps", "Cardiovascular", "Mobility",
    )
)  # fmt: skip
HEADER_NAMES = {
    "date": "date",
    "exercise": "exercise",
    "category": "category",
    "weight": "weight",
    "weight unit": "weight_unit",
    "reps": "reps",
    "distance": "distance",
    "distance unit": "distance_unit",
    "time": "time",
    "comment": "comment",
}
_WEIGHT_HEADER = re.compile(r"^weight \((kgs?|lbs?)\)$")
_TIME = re.compile(r"^(\d{1,3}):(\d{1,2})(?::(\d{1,2}))?$")
# A load the app stores for a body-weight set.
PLACEHOLDER_LOADS = (0.0, 1.0)


def columns_of(header: list[str]) -> tuple[dict[str, int], WeightUnit | None] | None:
    """The columns of a FitNotes header and the unit it states, or None when it is not one."""
    index: dict[str, int] = {}
    unit: WeightUnit | None = None
    for i, cell in enumerate(header):
        name = normalize_header(cell)[:40]
        match = _WEIGHT_HEADER.match(name)
        if match:
            index.setdefault("weight", i)
            unit = WEIGHT_UNITS[match.group(1)]
            continue
        key = HEADER_NAMES.get(name)
        if key is not None:
            index.setdefault(key, i)
    wanted = {"date", "exercise", "category", "weight", "reps", "distance", "time"}
    if not wanted <= index.keys():
        return None
    if (
        unit is None
        and "weight_unit" not in index
        and normalize_header(header[index["weight"]]) != "weight"
    ):
        return None
    return index, unit


def parse_time(text: str) -> float | None:
    """``h:mm:ss`` (or ``m:ss``) as seconds; ValueError when it is not one."""
    value = text.strip()
    if not value:
        return None
    match = _TIME.match(value[:MAX_CELL])
    if not match:
        raise ValueError(value)
    a, b, c = match.groups()
    if c is None:
        return int(a) * 60.0 + int(b)
    return int(a) * 3600.0 + int(b) * 60 + int(c)


class _Parser:
    def __init__(self, csv_file: CsvFile, options: ImportOptions) -> None:
        found = columns_of(csv_file.header)
        if found is None:
            raise ImportFormatError(
                "not a FitNotes export header (Date, Exercise, Category, Weight, Reps...)",
                path=csv_file.path,
                line=csv_file.header_line,
                value=csv_file.delimiter.join(csv_file.header),
            )
        self.ix, self.header_unit = found
        self.csv = csv_file
        self.c = Collector(SOURCE, csv_file, options)
        self.c.trim_extra = False
        self.unit = self.header_unit or options.unit
        self.width = len(csv_file.header)
        self.seen_categories: set[str] = set()
        self.units_seen: set[WeightUnit] = set()

    def run(self) -> ParsedExport:
        self.c.run(self.row)
        unit = self.header_unit or (
            next(iter(self.units_seen)) if len(self.units_seen) == 1 else None
        )
        return self.c.finish(unit)

    def _fit(self, line: int, fields: list[str]) -> list[str] | None:
        """A record of the header's width: extra fields are commas of an unquoted name."""
        extra = len(fields) - self.width
        if extra == 0:
            self.seen_categories.add(fields[self.ix["category"]].strip().casefold())
            return fields
        ex, cat = self.ix["exercise"], self.ix["category"]
        if extra < 0 or cat != ex + 1:
            return None
        category = fields[cat + extra].strip().casefold()
        if category not in CATEGORIES and category not in self.seen_categories:
            return None
        name = ",".join(fields[ex : ex + extra + 1])
        return [*fields[:ex], name, *fields[ex + extra + 1 :]]

    def cell(self, fields: list[str], key: str) -> str:
        i = self.ix.get(key)
        return fields[i].strip() if i is not None else ""

    def row(self, line: int, fields: list[str]) -> None:
        fitted = self._fit(line, fields)
        if fitted is None:
            self.c.width_error(line, fields)
            return
        c, h, cell = self.c, self.csv.header, self.cell
        date_text = cell(fitted, "date")
        try:
            day = datetime.fromisoformat(date_text[:MAX_CELL])
        except ValueError:
            raise c.error(line, h[self.ix["date"]], date_text, "not a date (YYYY-MM-DD)") from None
        c.check_date(line, h[self.ix["date"]], date_text, day)
        name = cell(fitted, "exercise")
        if not name:
            raise c.error(line, h[self.ix["exercise"]], name, "the exercise name is empty")
        w_text, r_text = cell(fitted, "weight"), cell(fitted, "reps")
        d_text, t_text = cell(fitted, "distance"), cell(fitted, "time")
        weight = c.number(line, h[self.ix["weight"]], w_text)
        reps = c.whole(line, h[self.ix["reps"]], r_text)
        distance = c.number(line, h[self.ix["distance"]], d_text)
        try:
            seconds = parse_time(t_text)
        except ValueError:
            raise c.error(line, h[self.ix["time"]], t_text, "not a time (h:mm:ss)") from None
        unit = self._unit(line, fitted)
        distance_m = self._metres(line, fitted, distance)
        if weight is not None and weight in PLACEHOLDER_LOADS:
            weight = None  # a body-weight set: the app needs some load
        set_type = SetType.FAILURE if reps == 0 else SetType.WORKING
        draft = c.workout(date_text, datetime(day.year, day.month, day.day), "FitNotes workout")
        c.add(
            draft,
            line,
            {
                "weight": (h[self.ix["weight"]], w_text),
                "reps": (h[self.ix["reps"]], r_text),
                "seconds": (h[self.ix["time"]], t_text),
                "distance": (h[self.ix["distance"]], d_text),
            },
            SetValues(
                name=name, set_type=set_type, weight=weight, unit=unit, reps=reps,
                seconds=seconds or None, distance_m=distance_m,
                notes=cell(fitted, "comment") or None, key_unit=self.header_unit or (
                    unit if "weight_unit" in self.ix else None
                ),
            ),
        )  # fmt: skip

    def _unit(self, line: int, fields: list[str]) -> WeightUnit | None:
        if "weight_unit" not in self.ix:
            return self.unit
        text = self.cell(fields, "weight_unit")
        if not text:
            return self.unit
        unit = WEIGHT_UNITS.get(text.casefold().rstrip("."))
        if unit is None:
            raise self.c.error(
                line, self.csv.header[self.ix["weight_unit"]], text, "unknown weight unit"
            )
        self.units_seen.add(unit)
        return unit

    def _metres(self, line: int, fields: list[str], distance: float | None) -> float | None:
        text = self.cell(fields, "distance_unit")
        factor = 1000.0
        if text:
            found = DISTANCE_METRES.get(text.casefold())
            if found is None:
                column = self.csv.header[self.ix["distance_unit"]]
                raise self.c.error(line, column, text, "unknown distance unit")
            factor = found
        return distance * factor if distance else None


class FitNotesImporter:
    """The FitNotes plug-in."""

    name = "fitnotes"
    title = "FitNotes"

    def sniff(self, csv_file: CsvFile) -> bool:
        """True when the header is one FitNotes writes."""
        return columns_of(csv_file.header) is not None

    def parse(self, csv_file: CsvFile, options: ImportOptions) -> ParsedExport:
        """Parse the file as a FitNotes export."""
        return _Parser(csv_file, options).run()


IMPORTER = FitNotesImporter()

__all__ = ["CATEGORIES", "IMPORTER", "FitNotesImporter", "columns_of", "parse_time"]
