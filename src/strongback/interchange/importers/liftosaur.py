"""Liftosaur CSV exports.

One row per set: ``Workout DateTime,Program,Day Name,Exercise,Is Warmup Set?,Required Reps,
Completed Reps,...,Completed Weight Value,Completed Weight Unit,...,Notes``. Warm-up rows are
warm-up sets; a set with an empty ``Completed Reps`` was not done: it is not imported and the
summary counts it. The completed weight is the one performed (the required one when the app left
it empty). The newest workout comes first; the DateTime comes in several styles
(``2025-12-15T10:30:00.000Z``, ``...:00Z``, ``2026-03-07 09:01:00 +00:00``); its offset is dropped
(times are kept as the wall clock they are written in).
"""

from __future__ import annotations

import re
from datetime import datetime

from strongback.domain.errors import ImportFormatError
from strongback.domain.vocab import SetType, WeightUnit
from strongback.interchange.importers.collector import WEIGHT_UNITS, Collector, SetValues
from strongback.interchange.importers.kernel import ImportOptions, ParsedExport
from strongback.interchange.importers.source import MAX_CELL, CsvFile, normalize_header

SOURCE = "liftosaur"
HEADER_NAMES = {
    "workout datetime": "date",
    "program": "program",
    "day name": "day",
    "exercise": "exercise",
    "is warmup set?": "warmup",
    "required reps": "required_reps",
    "completed reps": "reps",
    "is amrap?": "amrap",
    "completed rpe": "rpe",
    "required weight value": "required_weight",
    "required weight unit": "required_unit",
    "completed weight value": "weight",
    "completed weight unit": "unit",
    "completed reps time": "done_at",
    "notes": "notes",
}
REQUIRED = ("date", "exercise", "reps", "weight", "unit", "warmup")
_OFFSET = re.compile(r"\s*(?:Z|[+-]\d{2}:?\d{2})$")
_TRUE = frozenset({"1", "true", "yes", "y"})


def columns_of(header: list[str]) -> dict[str, int] | None:
    """The columns of a Liftosaur header, or None when it is not one."""
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = HEADER_NAMES.get(normalize_header(cell)[:40])
        if key is not None:
            index.setdefault(key, i)
    return index if all(k in index for k in REQUIRED) else None


def parse_datetime(text: str) -> datetime:
    """A Liftosaur DateTime as its wall clock; ValueError when it is not one."""
    value = text.strip()[: MAX_CELL + 1]
    if len(value) > MAX_CELL:
        raise ValueError(value)
    value = _OFFSET.sub("", value)
    return datetime.fromisoformat(value).replace(tzinfo=None)


class _Parser:
    def __init__(self, csv_file: CsvFile, options: ImportOptions) -> None:
        ix = columns_of(csv_file.header)
        if ix is None:
            raise ImportFormatError(
                "not a Liftosaur export header (Workout DateTime, Exercise, Completed Reps...)",
                path=csv_file.path,
                line=csv_file.header_line,
                value=csv_file.delimiter.join(csv_file.header),
            )
        self.ix = ix
        self.csv = csv_file
        self.options = options
        self.c = Collector(SOURCE, csv_file, options)
        self.units_seen: set[WeightUnit] = set()

    def run(self) -> ParsedExport:
        self.c.run(self.row)
        return self.c.finish(next(iter(self.units_seen)) if len(self.units_seen) == 1 else None)

    def cell(self, fields: list[str], key: str) -> str:
        i = self.ix.get(key)
        return fields[i].strip() if i is not None and i < len(fields) else ""

    def col(self, key: str) -> str:
        return self.csv.field_name(self.ix[key])

    def row(self, line: int, fields: list[str]) -> None:
        if len(fields) != len(self.csv.header):
            self.c.width_error(line, fields)
            return
        c, cell = self.c, self.cell
        date_text = cell(fields, "date")
        try:
            started = parse_datetime(date_text)
        except ValueError:
            raise c.error(line, self.col("date"), date_text, "not a date and time") from None
        c.check_date(line, self.col("date"), date_text, started)
        name = cell(fields, "exercise")
        if not name:
            raise c.error(line, self.col("exercise"), name, "the exercise name is empty")
        r_text = cell(fields, "reps")
        if not r_text:
            c.count("sets not done (no completed reps)")
            return
        reps = c.whole(line, self.col("reps"), r_text)
        w_key, u_key = "weight", "unit"
        if not cell(fields, "weight") and cell(fields, "required_weight"):
            w_key, u_key = "required_weight", "required_unit"
        w_text = cell(fields, w_key)
        weight = c.number(line, self.col(w_key), w_text)
        unit = self._unit(line, fields, u_key) if weight is not None else None
        if weight == 0:
            weight = None  # no load: a body-weight set
        rp_text = cell(fields, "rpe")
        rpe = c.number(line, self.col("rpe"), rp_text) if "rpe" in self.ix else None
        warm = cell(fields, "warmup").casefold() in _TRUE
        title = " - ".join(t for t in (cell(fields, "program"), cell(fields, "day")) if t)
        draft = c.workout(date_text, started, title)
        c.add(
            draft,
            line,
            {
                "weight": (self.col(w_key), w_text),
                "reps": (self.col("reps"), r_text),
                "rpe": (self.csv.field_name(self.ix.get("rpe", 0)), rp_text),
            },
            SetValues(
                name=name, set_type=SetType.WARM_UP if warm else SetType.WORKING,
                weight=weight, unit=unit or self.options.unit, reps=reps, rpe=rpe,
                notes=cell(fields, "notes") or None, key_unit=unit,
            ),
        )  # fmt: skip

    def _unit(self, line: int, fields: list[str], key: str) -> WeightUnit | None:
        text = self.cell(fields, key)
        if not text:
            return None
        unit = WEIGHT_UNITS.get(text.casefold().rstrip("."))
        if unit is None:
            raise self.c.error(line, self.col(key), text, "unknown weight unit (kg or lb)")
        self.units_seen.add(unit)
        return unit


class LiftosaurImporter:
    """The Liftosaur plug-in."""

    name = "liftosaur"
    title = "Liftosaur"

    def sniff(self, csv_file: CsvFile) -> bool:
        """True when the header is one Liftosaur writes."""
        return columns_of(csv_file.header) is not None

    def parse(self, csv_file: CsvFile, options: ImportOptions) -> ParsedExport:
        """Parse the file as a Liftosaur export."""
        return _Parser(csv_file, options).run()


IMPORTER = LiftosaurImporter()

__all__ = ["IMPORTER", "LiftosaurImporter", "columns_of", "parse_datetime"]
