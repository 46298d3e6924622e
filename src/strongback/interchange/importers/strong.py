"""Strong's CSV export, in every layout the app has written, into workouts and sets.

Layouts (the delimiter is sniffed, ``,`` or ``;``; headers may come translated):

- classic, 12 columns: ``Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,
  Seconds,Notes,Workout Notes,RPE`` (10 columns without the two notes columns);
- new, 13 columns, all quoted: ``Workout #;Date;Workout Name;Duration (sec);Exercise Name;Set Order;
  Weight (kg);Reps;RPE;Distance (meters);Seconds;Notes;Workout Notes``, the units in the headers;
- with unit columns: ``Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;
  Distance;Distance Unit;Seconds;Notes;Workout Notes[;Workout Duration]`` (and an older 12-column
  form without RPE and duration);
- the oldest, where the unit is the column name (``lbs``, ``mi.``).

Rows whose Set Order is not a set are kept for what they are: a rest timer (``Rest Timer``,
``Ruhezeit``...) becomes the rest taken after the set before it; an exercise note row (``Note``)
joins the notes of the nearest set of that exercise. Every other row is a set, including cardio
and timed rows, and two identical rows stay two sets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from hashlib import blake2b
from operator import itemgetter
from pathlib import Path
from typing import Any

from strongback.domain.errors import ImportFormatError
from strongback.domain.set_rows import IMPORTED_AS, NOTES, REST_SECONDS, ROW_FIELDS
from strongback.domain.training_log import Workout
from strongback.domain.vocab import SetType, WeightUnit
from strongback.interchange.importers.kernel import (
    KEY_BYTES,
    MAX_DURATION_SECONDS,
    MAX_SECONDS,
    ImportOptions,
    ParsedExport,
    ParsedWorkout,
    RecordErrors,
    cap,
    future_error,
    key_prefix,
    out_of_bounds,
    paused_gc,
)
from strongback.interchange.importers.source import (
    MAX_CELL,
    CsvFile,
    Record,
    normalize_header,
    open_csv,
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
    NOTE_LABELS,
    REST_LABELS,
    SET_TAGS,
)

SOURCE = "strong"


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


# A set row is laid out as ROW_FIELDS (Strong records no side, RIR, tempo, pain or superset).
_NOTES, _NAME, _REST = NOTES, IMPORTED_AS, REST_SECONDS
# The cells read from every record, in this order.
_CELLS = (
    "workout_no",
    "date",
    "title",
    "exercise",
    "set_order",
    "weight",
    "reps",
    "seconds",
    "distance",
    "rpe",
    "notes",
    "workout_notes",
    "weight_unit",
    "distance_unit",
)
# A cache miss (None is a value: an empty cell).
_MISS: Any = object()


class _WorkoutDraft:
    __slots__ = ("duration", "key_prefix", "notes", "pending_note", "sets", "started_at", "title")

    def __init__(
        self, started_at: datetime, title: str, duration: float | None, key_prefix: str
    ) -> None:
        self.started_at = started_at
        self.title = title
        self.duration = duration
        self.key_prefix = key_prefix
        self.notes: str | None = None
        self.sets: list[list[Any]] = []
        self.pending_note: dict[str, list[str]] = {}


class _Row:
    """Field access for one record with the column of each field remembered in errors."""

    __slots__ = ("fields", "line", "parser")

    def __init__(self, parser: _StrongParser, line: int, fields: list[str]) -> None:
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


_INF = float("inf")


class _StrongParser:
    """One pass over the records. Every distinct cell text (a date, a name, a weight...) is read
    and checked once, the first time it appears; later rows find the result in a dictionary.
    """

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
        self.errors = RecordErrors(skip_invalid)
        self.progress = progress
        self.file_unit = self.columns.weight_unit
        self.fallback_unit = unit
        # Without a distance unit in the file, Strong wrote the user's own: miles for a pounds
        # user, kilometres otherwise.
        default_unit = self.file_unit or unit
        self.default_distance = self.columns.distance_factor or (
            1609.344 if default_unit is WeightUnit.LB else 1000.0
        )
        self.workouts: dict[tuple[str, str, str], _WorkoutDraft] = {}
        self.rest_rows = 0
        self.note_rows = 0
        self.units_seen: set[WeightUnit] = set()
        self.delimiter = csv_file.delimiter
        ix = self.columns.index
        self.width = len(csv_file.header)
        # A column the file lacks reads as the empty cell appended to every record.
        self.positions = [ix.get(key, self.width) for key in _CELLS]
        self.has_weight_unit = "weight_unit" in ix
        self.has_distance_unit = "distance_unit" in ix
        # What each distinct cell text was found to mean (only texts that were valid).
        self.drafts: dict[tuple[str, str, str], _WorkoutDraft] = {}
        self.names: dict[str, list[Any]] = {}  # raw cell -> [name, exercise id or None]
        self.set_orders: dict[str, str] = {}  # raw cell -> set type slug
        self.other_orders: dict[str, str] = {}
        self.weights: dict[str, float | None] = {}
        self.reps: dict[str, int | None] = {}
        self.seconds: dict[str, float | None] = {}
        self.distances: dict[str, float | None] = {}
        self.rpes: dict[str, float | None] = {}
        self.weight_units: dict[str, str | None] = {}  # raw cell -> unit slug
        self.distance_units: dict[str, float | None] = {}
        # (weight, reps, seconds, distance, rpe, weight unit, distance unit) cells -> the
        # values stored and the text they add to a source key.
        self.combos: dict[tuple[str, ...], tuple[Any, ...]] = {}
        self.durations: dict[str, float | None] = {}
        self.rest_seconds: dict[str, float | None] = {}

    def run(self) -> ParsedExport:
        with paused_gc():
            records = self._read_all()
        if not records:
            raise self.csv.no_records_error()
        drafts = [d for d in self.workouts.values() if d.sets]
        drafts.sort(key=lambda d: d.started_at)
        unit = self.file_unit or (
            next(iter(self.units_seen)) if len(self.units_seen) == 1 else None
        )
        return ParsedExport(
            source=SOURCE,
            path=self.csv.path,
            parsed=tuple(self._finish(d) for d in drafts),
            fields=ROW_FIELDS,
            skipped=tuple(self.errors.skipped),
            unit=unit,
            rest_rows=self.rest_rows,
            note_rows=self.note_rows,
        )

    def _read_all(self) -> int:
        width = self.width
        progress = self.progress
        cells = itemgetter(*self.positions)
        drafts, names, set_orders, combos = self.drafts, self.names, self.set_orders, self.combos
        resolve = self.resolve
        bad = self.errors.bad
        last_no = last_date = last_title = last_name = None
        # Placeholders until the first record (no cell text equals None).
        last_draft = _WorkoutDraft(datetime.min, "", None, "")
        last_entry: list[Any] = []
        n = 0
        for line, fields in self.csv.rows():
            n += 1
            if progress is not None and n % 2000 == 0:
                progress(line)
            if len(fields) != width:
                if len(fields) > width and not any(f.strip() for f in fields[width:]):
                    fields = fields[:width]
                else:
                    bad(self.csv.width_error(Record(line, fields), width))
                    continue
            fields.append("")
            (no, date_text, title, name_cell, order, w, r, sec, d, rp, notes_cell,
             workout_notes, wu, du) = cells(fields)  # fmt: skip
            try:
                # Consecutive records mostly belong to the same workout and exercise.
                if date_text != last_date or title != last_title or no != last_no:
                    draft = drafts.get((no, date_text, title))
                    if draft is None:
                        draft = self._draft(line, fields, no, date_text, title)
                    last_no, last_date, last_title, last_draft = no, date_text, title, draft
                else:
                    draft = last_draft
                if workout_notes and not draft.notes:
                    draft.notes = workout_notes.strip() or None
                if name_cell != last_name:
                    entry = names.get(name_cell)
                    if entry is None:
                        entry = self._name(line, name_cell)
                    last_name, last_entry = name_cell, entry
                else:
                    entry = last_entry
                set_type = set_orders.get(order)
                if set_type is None:
                    kind = self._order_kind(order)
                    if not isinstance(kind, SetType):
                        self._not_a_set(kind, _Row(self, line, fields), draft, entry[0], order)
                        continue
                    set_type = kind.value
                # The numbers and units, each distinct combination worked out once.
                numbers = combos.get((w, r, sec, d, rp, wu, du))
                if numbers is None:
                    numbers = self._numbers(line, w, r, sec, d, rp, wu, du)
                weight, unit, reps, seconds, distance_m, rpe, key_numbers = numbers
                name = entry[0]
                notes = (notes_cell.strip() or None) if notes_cell else None
                if draft.pending_note:
                    pending = draft.pending_note.pop(name, None)
                    if pending:
                        notes = "\n".join([*pending, *([notes] if notes else [])])
                exercise = entry[1]
                if exercise is None:
                    exercise = entry[1] = resolve(name)
                sets = draft.sets
                ordinal = len(sets) + 1
                sets.append(
                    [
                        exercise,
                        ordinal,
                        set_type,
                        weight,
                        unit,
                        reps,
                        seconds,
                        distance_m,
                        rpe,
                        notes,
                        name,
                        None,
                        None,
                        # The same text as kernel.set_key, built in one step for speed.
                        blake2b(
                            f"{draft.key_prefix}\x1f{ordinal}\x1f{name}\x1f{set_type}\x1f"
                            f"{key_numbers}".encode(),
                            digest_size=KEY_BYTES,
                        ).hexdigest(),
                    ]
                )
            except ImportFormatError as exc:
                bad(exc)
        return n

    def _column(self, key: str) -> str:
        i = self.columns.index.get(key)
        return self.csv.field_name(i) if i is not None else ENGLISH.get(key, key)

    def _error(self, line: int, key: str, value: str, reason: str) -> ImportFormatError:
        i = self.columns.index.get(key)
        name = self.csv.field_name(i) if i is not None else ENGLISH.get(key, key)
        return ImportFormatError(reason, path=self.csv.path, line=line, field=name, value=value)

    def _draft(
        self, line: int, fields: list[str], no: str, date_text: str, title: str
    ) -> _WorkoutDraft:
        """The workout a record belongs to, the first time its cells are seen."""
        date_text = date_text.strip()
        title = title.strip() or "Workout"
        key = (no.strip(), date_text, title)
        draft = self.workouts.get(key)
        if draft is None:
            try:
                started = parse_datetime(date_text)
            except ValueError:
                raise self._error(
                    line, "date", date_text, "not a date (expected YYYY-MM-DD HH:MM:SS)"
                ) from None
            future = future_error(self.csv.path, line, self._column("date"), date_text, started)
            if future is not None:
                raise future
            i_duration = self.columns.index.get("duration")
            duration_text = fields[i_duration].strip() if i_duration is not None else ""
            duration = self.durations.get(duration_text, _MISS)
            if duration is _MISS:
                try:
                    duration = parse_duration(duration_text)
                except ValueError:
                    raise self._error(
                        line, "duration", duration_text, "not a duration (like 1h 5m)"
                    ) from None
                if duration is not None and not 0 <= duration <= MAX_DURATION_SECONDS:
                    raise self._error(
                        line,
                        "duration",
                        duration_text,
                        f"a duration not between 0 and {MAX_DURATION_SECONDS // 86400} days",
                    )
                self.durations[duration_text] = duration
            draft = _WorkoutDraft(started, title, duration, key_prefix(SOURCE, started, title))
            self.workouts[key] = draft
        positions = self.positions
        self.drafts[(fields[positions[0]], fields[positions[1]], fields[positions[2]])] = draft
        return draft

    def _name(self, line: int, cell: str) -> list[Any]:
        name = cell.strip()
        if not name:
            raise self._error(line, "exercise", name, "the exercise name is empty")
        entry: list[Any] = [name, None]
        self.names[cell] = entry
        return entry

    def _order_kind(self, cell: str) -> SetType | str:
        """What a Set Order cell says: a set type, or ``rest``, ``note`` or ``judge`` (a label
        this table does not know: the row is judged by what it holds)."""
        kind = self.other_orders.get(cell)
        if kind is not None:
            return kind
        order = cell.strip()
        tag = order.casefold().replace("-", " ")
        found: SetType | str
        if order.isdigit():
            found = SetType.WORKING
        elif tag in SET_TAGS:
            found = SET_TAGS[tag]
        elif tag in REST_LABELS:
            found = "rest"
        elif tag in NOTE_LABELS:
            found = "note"
        else:
            try:
                float(order)
                found = SetType.WORKING
            except ValueError:
                found = "judge"
        if isinstance(found, SetType):
            self.set_orders[cell] = found.value
        else:
            self.other_orders[cell] = found
        return found

    def _not_a_set(
        self, kind: str, row: _Row, draft: _WorkoutDraft, name: str, order_cell: str
    ) -> None:
        if kind == "rest":
            self._rest(row, draft)
        elif kind == "note":
            self._note(row, draft, name)
        elif self._looks_like_rest(row):
            self._rest(row, draft)
        elif self._looks_like_note(row):
            self._note(row, draft, name)
        else:
            raise row.error("set_order", order_cell.strip(), "not a set number or a known set tag")

    def _looks_like_rest(self, row: _Row) -> bool:
        return bool(
            (row.number("seconds") or 0) > 0
            and not (row.number("reps") or 0)
            and not (row.number("weight") or 0)
            and not row.text("notes")
        )

    def _looks_like_note(self, row: _Row) -> bool:
        return bool(
            row.text("notes")
            and not (row.number("reps") or 0)
            and not (row.number("weight") or 0)
            and not (row.number("seconds") or 0)
        )

    def _rest(self, row: _Row, draft: _WorkoutDraft) -> None:
        self.rest_rows += 1
        i = self.columns.index.get("seconds")
        cell = row.fields[i] if i is not None else ""
        seconds = self.rest_seconds.get(cell, _MISS)
        if seconds is _MISS:
            seconds = row.number("seconds")
            if seconds is not None and not 0 <= seconds <= MAX_SECONDS:
                raise row.error(
                    "seconds", row.text("seconds"), f"a rest time not between 0 and {MAX_SECONDS}"
                )
            self.rest_seconds[cell] = seconds
        if draft.sets and seconds:
            last = draft.sets[-1]
            last[_REST] = (last[_REST] or 0.0) + seconds

    def _note(self, row: _Row, draft: _WorkoutDraft, name: str) -> None:
        self.note_rows += 1
        text = row.text("notes")
        if not text:
            return
        # The note belongs to this exercise: the last set of it so far, else the next one.
        for s in reversed(draft.sets):
            if s[_NAME] == name:
                s[_NOTES] = f"{s[_NOTES]}\n{text}" if s[_NOTES] else text
                return
        draft.pending_note.setdefault(name, []).append(text)

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
        numbers = (weight, unit, reps, seconds or None, distance_m, rpe, key_numbers)
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

    def _finish(self, draft: _WorkoutDraft) -> ParsedWorkout:
        # Notes whose exercise had no set after them stay with the workout.
        leftover = [t for texts in draft.pending_note.values() for t in texts]
        notes = "\n".join([*([draft.notes] if draft.notes else []), *leftover]) or None
        ended = None
        if draft.duration is not None and draft.duration > 0:
            try:
                ended = draft.started_at + timedelta(seconds=draft.duration)
            except OverflowError:
                ended = None  # past the last representable day: the end is not known
        workout = Workout(
            started_at=draft.started_at, title=draft.title, ended_at=ended, notes=notes,
            source=SOURCE,
        )  # fmt: skip
        return ParsedWorkout(workout, draft.sets)


def parse_strong(
    path: str | Path,
    *,
    resolve: Callable[[str], str] | None = None,
    unit: WeightUnit | None = None,
    skip_invalid: bool = False,
    progress: Callable[[int], None] | None = None,
    display_path: str | None = None,
) -> ParsedExport:
    """Parse a Strong CSV export into workouts (oldest first). No database is touched.

    ``resolve`` maps an exercise name to an id (default: the catalog matcher); ``unit`` is the
    weight unit to assume when the file does not state one; with ``skip_invalid`` bad records are
    listed instead of raising. ``progress`` is called now and then with the line reached.
    """
    csv_file = open_csv(path, display_path=display_path)
    return parse_strong_file(
        csv_file, resolve=resolve, unit=unit, skip_invalid=skip_invalid, progress=progress
    )


def parse_strong_file(
    csv_file: CsvFile,
    *,
    resolve: Callable[[str], str] | None = None,
    unit: WeightUnit | None = None,
    skip_invalid: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ParsedExport:
    """Parse an already opened CsvFile as a Strong export (see ``parse_strong``)."""
    if resolve is None:
        from strongback.interchange.exercise_names import NameMatcher

        resolve = NameMatcher()
    return _StrongParser(csv_file, resolve, unit, skip_invalid, progress).run()


class StrongImporter:
    """The Strong plug-in: recognised by its header (any layout, any language it ships)."""

    name = "strong"
    title = "Strong"

    def sniff(self, csv_file: CsvFile) -> bool:
        """True when the header is one Strong writes."""
        try:
            detect_columns(csv_file)
        except ImportFormatError:
            return False
        return True

    def parse(self, csv_file: CsvFile, options: ImportOptions) -> ParsedExport:
        """Parse the file as a Strong export."""
        return _StrongParser(
            csv_file, options.resolve, options.unit, options.skip_invalid, options.progress
        ).run()


IMPORTER = StrongImporter()

__all__ = [
    "HEADER_NAMES",
    "IMPORTER",
    "LAYOUTS",
    "NOTE_LABELS",
    "REST_LABELS",
    "SET_TAGS",
    "StrongImporter",
    "detect_columns",
    "parse_datetime",
    "parse_duration",
    "parse_strong",
    "parse_strong_file",
]
