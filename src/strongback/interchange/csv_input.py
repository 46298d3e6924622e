"""Reading exported CSV files the way a person sees them in an editor.

What every importer shares: the bytes are checked (empty, binary junk), decoded (UTF-8 with or
without a BOM, UTF-16 with a BOM, else the Windows code page a spreadsheet may have saved), the
delimiter is sniffed from the header line (``,``, ``;``, tab or ``|``), and each record carries the
PHYSICAL line it starts on, so that an error points where an editor shows the problem even when a
quoted note spans several lines. A quote left open at the end of the file (a truncated export) is
reported at the line where the record began, with the field that never closed.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, replace
from dataclasses import fields as dataclass_fields
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from strongback.domain.errors import ImportFormatError
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType, Side, WeightUnit

DELIMITERS = (",", ";", "\t", "|")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


class Record(NamedTuple):
    """One CSV record: the physical line it starts on (1-based) and its fields."""

    line: int
    fields: list[str]


@dataclass(frozen=True)
class CsvFile:
    """A decoded CSV file: its path as given, text, delimiter, header and header line."""

    path: str
    text: str
    delimiter: str
    header: list[str]
    header_line: int

    def records(self) -> Iterator[Record]:
        """Every non-blank record after the header, each with its first physical line.

        Raises ImportFormatError when a quoted field is never closed (a truncated file).
        """
        for line, fields in self.rows():
            yield Record(line, fields)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """The records as plain ``(line, fields)`` pairs: :meth:`records` for hot loops."""
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        last_end = 0
        header_line = self.header_line
        pending: tuple[int, list[str]] | None = None
        try:
            for fields in reader:
                start = last_end + 1
                last_end = reader.line_num
                if start <= header_line:
                    continue
                if not any(fields) or (len(fields) == 1 and not fields[0].strip()):
                    continue
                # One record is held back: the last one must first be checked for a quote that
                # never closed, which the csv module ends silently at the end of the data.
                if pending is not None:
                    yield pending
                pending = (start, fields)
        except csv.Error as exc:
            raise self._open_quote_error(last_end + 1, str(exc)) from None
        if pending is not None:
            self._check_closed(pending[0])
            yield pending

    def count_lines(self) -> int:
        """The number of physical lines (for progress reporting)."""
        return self.text.count("\n") + (0 if self.text.endswith("\n") else 1)

    def _offset_of_line(self, line: int) -> int:
        if line <= 1:
            return 0
        text = self.text
        if "\r" not in text:
            # Plain newlines: the record checked is usually near the end, so count back from
            # there instead of walking every line of a large file.
            after = text.count("\n") - (line - 1)  # line breaks at or after the offset sought
            if after < 0:
                return len(text)
            if after < line:
                end = len(text)
                for _ in range(after + 1):
                    end = text.rfind("\n", 0, end)
                return end + 1
        for n, match in enumerate(_LINE_BREAK.finditer(text), start=2):
            if n == line:
                return match.end()
        return len(text)

    def _check_closed(self, line: int) -> None:
        tail = self.text[self._offset_of_line(line) :]
        field_index, opened = _open_field(tail, self.delimiter)
        if opened is not None:
            raise self._quote_error(line, field_index, opened)

    def _open_quote_error(self, line: int, detail: str) -> ImportFormatError:
        tail = self.text[self._offset_of_line(line) :]
        field_index, opened = _open_field(tail, self.delimiter)
        if opened is not None:
            return self._quote_error(line, field_index, opened)
        return ImportFormatError(f"not readable as CSV ({detail})", path=self.path, line=line)

    def _quote_error(self, line: int, field_index: int, opened: str) -> ImportFormatError:
        name = self.header[field_index] if field_index < len(self.header) else None
        shown = opened.split("\n", 1)[0].split("\r", 1)[0]
        return ImportFormatError(
            "a quote opened here is never closed (the file looks truncated)",
            path=self.path,
            line=line,
            field=name or f"column {field_index + 1}",
            value=shown,
        )

    def width_error(self, record: Record, width: int) -> ImportFormatError:
        """The error for a record with more or fewer fields than the header."""
        found = len(record.fields)
        if found < width:
            return ImportFormatError(
                f"the record ends after {found} of {width} fields (cut short?)",
                path=self.path,
                line=record.line,
                field=self.field_name(found),
                value=record.fields[-1] if record.fields else "",
            )
        return ImportFormatError(
            f"{found} fields where the header has {width}",
            path=self.path,
            line=record.line,
            field=self.field_name(width),
            value=record.fields[width],
        )

    def no_records_error(self) -> ImportFormatError:
        """The error for a file whose header is followed by no record at all."""
        return ImportFormatError(
            "the file has a header but no sets", path=self.path, line=self.header_line
        )

    def field_name(self, index: int) -> str:
        """The header name of a column (or ``column N`` when the header is shorter)."""
        if index < len(self.header) and self.header[index].strip():
            return self.header[index].strip()
        return f"column {index + 1}"


def _open_field(text: str, delimiter: str) -> tuple[int, str | None]:
    """Scan one record's raw text; if a quoted field is still open at the end, say which.

    Returns (index of the field, its raw text from the opening quote) or (index, None).
    """
    field_index = 0
    in_quote = False
    at_field_start = True
    opened_at = 0
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if in_quote:
            if c == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 2
                    continue
                in_quote = False
        elif c == '"' and at_field_start:
            in_quote = True
            opened_at = i
        elif c == delimiter:
            field_index += 1
            at_field_start = True
            i += 1
            continue
        elif c in "\r\n":
            # The record ends at a line break outside quotes.
            return field_index, None
        at_field_start = False
        i += 1
    if in_quote:
        return field_index, text[opened_at + 1 :]
    return field_index, None


def decode(data: bytes, path: str) -> str:
    """Bytes to text: refuses empty and binary files with the line where the junk starts."""
    if not data.strip():
        raise ImportFormatError("the file is empty", path=path, line=1)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        encoding = "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        head = data[:4096]
        if b"\x00" in head:
            # UTF-16 without a BOM has a NUL beside (nearly) every ASCII character, always on the
            # same side; binary junk has its NULs anywhere.
            odd, even = head[1::2].count(0), head[0::2].count(0)
            if odd > 0.9 * (len(head) // 2) and even == 0:
                encoding = "utf-16-le"
            elif even > 0.9 * (len(head) // 2) and odd == 0:
                encoding = "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise _binary_error(data, exc.start, path) from None
        try:
            # A spreadsheet re-save on Windows writes its code page, not UTF-8.
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _binary_error(data, exc.start, path) from None
        if _CONTROL.search(text):
            raise _binary_error(data, exc.start, path) from None
    junk = _CONTROL.search(text)
    if junk:
        line = text.count("\n", 0, junk.start()) + 1
        raise ImportFormatError(
            "the file holds binary data, not CSV text",
            path=path,
            line=line,
            value=repr(text[junk.start() : junk.start() + 8]),
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _binary_error(data: bytes, offset: int, path: str) -> ImportFormatError:
    line = data.count(b"\n", 0, offset) + 1
    return ImportFormatError(
        "the file is not text in a known encoding (binary data?)",
        path=path,
        line=line,
        value=data[offset : offset + 8].hex(" "),
    )


def sniff_delimiter(header_line: str) -> str:
    """The delimiter used by a header line: the candidate that occurs most outside quotes."""
    counts = dict.fromkeys(DELIMITERS, 0)
    in_quote = False
    for c in header_line:
        if c == '"':
            in_quote = not in_quote
        elif not in_quote and c in counts:
            counts[c] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def open_csv(path: str | Path, *, display_path: str | None = None) -> CsvFile:
    """Read, decode and sniff a CSV export; the header is its first non-blank line."""
    shown = display_path or str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportFormatError("no such file", path=shown) from None
    except IsADirectoryError:
        raise ImportFormatError("is a directory, not a file", path=shown) from None
    except OSError as exc:
        raise ImportFormatError(f"cannot read the file ({exc.strerror})", path=shown) from None
    return parse_text(decode(data, shown), shown)


def parse_text(text: str, path: str) -> CsvFile:
    """A CsvFile from decoded text (the header is the first non-blank line)."""
    header_line = 0
    first = ""
    start = 0
    n = 1
    # Line by line from the top (not a split of the whole file: the header is near the start).
    for match in _LINE_BREAK.finditer(text):
        raw = text[start : match.start()]
        if raw.strip():
            header_line, first = n, raw
            break
        start = match.end()
        n += 1
    else:
        if text[start:].strip():
            header_line, first = n, text[start:]
    if not header_line:
        raise ImportFormatError("the file is empty", path=path, line=1)
    delimiter = sniff_delimiter(first)
    reader = csv.reader(io.StringIO(first, newline=""), delimiter=delimiter)
    header = [h.strip() for h in next(reader, [])]
    return CsvFile(path, text, delimiter, header, header_line)


def parse_number(text: str, delimiter: str = ",") -> float:
    """A decimal number as apps write it; a decimal comma is accepted in ``;``-separated files.

    Raises ValueError when the text is not a number.
    """
    value = text.strip()
    if delimiter != "," and _DECIMAL_COMMA.match(value):
        value = value.replace(",", ".")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(value)
    return number


def normalize_header(name: str) -> str:
    """A header cell for lookup: lower case, accents kept, punctuation and spacing unified."""
    cleaned = re.sub(r"[\s_\-.:]+", " ", name.strip().strip('"').casefold())
    return cleaned.strip()


def find_columns(header: Sequence[str], names: dict[str, str]) -> dict[str, int]:
    """Map field keys to column indexes through a table of normalized header names."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = names.get(normalize_header(cell))
        if key is not None and key not in found:
            found[key] = index
    return found


# --- Sane bounds of the numbers in a set -----------------------------------------------------

# The same bounds as ``strongback log add`` (services.training_log; a test keeps them equal).
# Weights may be negative down to -MAX_WEIGHT: the apps write the help of an assisted pull-up or
# dip machine as a negative load, and that is real data kept as it is.
MAX_WEIGHT = 2000.0
MAX_REPS = 1000
MAX_SECONDS = 24 * 3600
# A day's distance on foot or by bike stays well under 1000 km.
MAX_DISTANCE_M = 1_000_000.0
# A workout's duration: an app timer left running for days is real, months is not.
MAX_DURATION_SECONDS = 30 * 24 * 3600


def out_of_bounds(
    weight: float | None,
    reps: float | None,
    seconds: float | None,
    distance_m: float | None,
    rpe: float | None,
) -> tuple[str, str] | None:
    """The first number of a set outside its sane bounds, as (field key, reason), else None.

    Non-finite values (inf, nan) fail every comparison here, so they are refused too.
    """
    if weight is not None and not -MAX_WEIGHT <= weight <= MAX_WEIGHT:
        return "weight", f"the weight is not between -{MAX_WEIGHT:g} and {MAX_WEIGHT:g}"
    if reps is not None and not 0 <= reps <= MAX_REPS:
        return "reps", f"the reps are not between 0 and {MAX_REPS}"
    if seconds is not None and not 0 <= seconds <= MAX_SECONDS:
        return "seconds", f"the seconds are not between 0 and {MAX_SECONDS}"
    if distance_m is not None and not 0 <= distance_m <= MAX_DISTANCE_M:
        return "distance", f"the distance is not between 0 and {MAX_DISTANCE_M / 1000:g} km"
    if rpe is not None and not 0 <= rpe <= 10:
        return "rpe", "RPE must be between 0 and 10"
    return None


# --- What every importer returns ------------------------------------------------------------


@dataclass(frozen=True)
class SkippedRecord:
    """A record left out under ``skip_invalid``: where it starts and why."""

    line: int
    reason: str

    def to_public(self) -> dict[str, object]:
        """The JSON shape used in import summaries."""
        return {"line": self.line, "reason": self.reason}


# Slug -> member, for the fields a row holds as slugs.
_MEMBERS: dict[str, dict[str | None, Any]] = {
    "set_type": {m.value: m for m in SetType},
    "unit": {None: None, **{m.value: m for m in WeightUnit}},
    "side": {None: None, **{m.value: m for m in Side}},
}


@dataclass(frozen=True)
class ParsedWorkout:
    """A parsed workout with its sets as plain rows, the shape the bulk import path stores.

    ``workout`` carries no sets; each row holds the values of the export's ``fields``
    (PerformedSet field names) in that order, set types, units and sides as their slugs (plain
    text binds faster than an enum member).
    """

    workout: Workout
    rows: list[list[Any]]


@dataclass(frozen=True)
class ParsedExport:
    """A parsed export: workouts oldest first, the records skipped, and what the file said.

    ``parsed`` holds each workout with its sets as rows of ``fields`` (for the bulk path);
    ``workouts`` gives the same as domain values, built on first use. ``unit`` is the weight
    unit the file itself states (None when it does not); ``rest_rows`` and ``note_rows`` count
    the rows that were not sets but were kept (as rest after a set, as notes).
    """

    source: str
    path: str
    parsed: tuple[ParsedWorkout, ...]
    fields: tuple[str, ...]
    skipped: tuple[SkippedRecord, ...] = ()
    unit: WeightUnit | None = None
    rest_rows: int = 0
    note_rows: int = 0
    names: tuple[str, ...] = ()

    @cached_property
    def workouts(self) -> tuple[Workout, ...]:
        """The workouts with their sets as domain values."""
        names = self.fields
        slugged = [(i, _MEMBERS[name]) for i, name in enumerate(names) if name in _MEMBERS]

        def as_set(row: list[Any]) -> PerformedSet:
            values = list(row)
            for i, members in slugged:
                values[i] = members[values[i]]
            return make_set(dict(zip(names, values, strict=True)))

        return tuple(
            replace(p.workout, sets=tuple(as_set(row) for row in p.rows)) for p in self.parsed
        )

    @property
    def set_count(self) -> int:
        """The number of sets in all workouts."""
        return sum(len(p.rows) for p in self.parsed)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector while a bulk import builds its many small objects.

    The rows and values of an import hold no reference cycles, yet each collection would walk
    all of them again: about a fifth of an import's time on a large file.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# The size of a set's source key: 64 bits, written as 16 hex digits.
KEY_BYTES = 8


def key_prefix(source: str, started_at: datetime, title: str) -> str:
    """The part of a set's source key shared by every set of one workout."""
    return f"{source}\x1f{started_at.isoformat()}\x1f{title}"


def set_key(prefix: str, ordinal: int, *content: object) -> str:
    """A set's source key from its workout's prefix, its ordinal and its content."""
    parts = [prefix, str(ordinal)]
    parts.extend("" if c is None else str(c) for c in content)
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=KEY_BYTES).hexdigest()


def source_key(
    source: str, started_at: datetime, title: str, ordinal: int, *content: object
) -> str:
    """A stable key for one set: the same file gives the same keys, two identical rows two keys.

    The ordinal (the set's position in its workout) separates rows that look alike; the content
    makes a key change when the set itself was edited between two exports.
    """
    return set_key(key_prefix(source, started_at, title), ordinal, *content)


_SET_DEFAULTS: dict[str, object] = {
    f.name: f.default for f in dataclass_fields(PerformedSet) if f.default is not MISSING
}
# The plain constructor runs one object.__setattr__ per field of a frozen dataclass; a bulk
# import builds the instance dictionary in one step instead. Only while the class has no
# __post_init__ that a bypass would skip.
_FAST_SETS = not hasattr(PerformedSet, "__post_init__") and not hasattr(PerformedSet, "__slots__")


_SET_FIELDS = frozenset(f.name for f in dataclass_fields(PerformedSet))


def make_set(values: dict[str, Any]) -> PerformedSet:
    """A PerformedSet from field values (the fields without a default must be given).

    Given every field, the values become the instance's dictionary in one step.
    """
    if not _FAST_SETS:
        return PerformedSet(**values)
    # Parsers pass every field (checked by a test); a shorter dict gets the defaults.
    if len(values) != len(_SET_FIELDS):
        unknown = values.keys() - _SET_FIELDS
        missing = {"exercise", "order"} - values.keys()
        if unknown or missing:
            raise TypeError(f"bad PerformedSet fields: unknown {unknown}, missing {missing}")
        values = {**_SET_DEFAULTS, **values}
    instance = object.__new__(PerformedSet)
    instance.__dict__.update(values)
    return instance


class RecordErrors:
    """Collects bad records under ``skip_invalid``; otherwise the first one raises."""

    def __init__(self, skip_invalid: bool) -> None:
        self.skip_invalid = skip_invalid
        self.skipped: list[SkippedRecord] = []

    def bad(self, error: ImportFormatError) -> None:
        """Raise the error, or note the record as skipped when invalid records are skipped."""
        if not self.skip_invalid:
            raise error
        detail = error.reason
        if error.field is not None:
            shown = (
                error.value
                if error.value is None or len(error.value) <= 40
                else error.value[:37] + "..."
            )
            detail = (
                f"field '{error.field}'"
                + (f": value {shown!r}" if shown is not None else "")
                + f": {detail}"
            )
        self.skipped.append(SkippedRecord(error.line or 0, detail))


__all__ = [
    "DELIMITERS",
    "KEY_BYTES",
    "MAX_DISTANCE_M",
    "MAX_DURATION_SECONDS",
    "MAX_REPS",
    "MAX_SECONDS",
    "MAX_WEIGHT",
    "CsvFile",
    "ParsedExport",
    "ParsedWorkout",
    "Record",
    "RecordErrors",
    "SkippedRecord",
    "decode",
    "find_columns",
    "key_prefix",
    "make_set",
    "normalize_header",
    "open_csv",
    "out_of_bounds",
    "parse_number",
    "parse_text",
    "paused_gc",
    "set_key",
    "sniff_delimiter",
    "source_key",
]
