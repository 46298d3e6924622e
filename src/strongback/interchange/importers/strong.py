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

from collections.abc import Callable
from datetime import datetime, timedelta
from operator import itemgetter
from pathlib import Path
from typing import Any

from strongback.domain.errors import ImportFormatError
from strongback.domain.set_rows import IMPORTED_AS, NOTES, REST_SECONDS, ROW_FIELDS
from strongback.domain.training_log import Workout
from strongback.domain.vocab import SetType, WeightUnit
from strongback.interchange.importers.kernel import (
    MAX_DURATION_SECONDS,
    MAX_SECONDS,
    HandOver,
    ImportOptions,
    ParsedExport,
    ParsedWorkout,
    RecordErrors,
    WorkoutSink,
    future_error,
    key_prefix,
    key_seed,
    parse_path,
    paused_gc,
)
from strongback.interchange.importers.source import (
    CsvFile,
    Record,
)
from strongback.interchange.importers.strong_cells import (
    _MISS,
    NumberCells,
    _Row,
    _WorkoutDraft,
    detect_columns,
    parse_datetime,
    parse_duration,
)
from strongback.interchange.importers.strong_tables import (
    HEADER_NAMES,
    LAYOUTS,
    NOTE_LABELS,
    REST_LABELS,
    SET_TAGS,
)

SOURCE = "strong"


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


_INF = float("inf")


class _StrongParser(NumberCells):
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
        sink: WorkoutSink | None = None,
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
        # The cells that name a record's workout, and the set's number and unit cells, each
        # taken as one tuple: the keys of the dictionaries that remember what they meant.
        self.workout_cells = itemgetter(*self.positions[0:3])
        self.number_cells = itemgetter(*self.positions[5:10], *self.positions[12:14])
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
        # Finished workouts not yet given to the sink, and their sets.
        self.hand_over = HandOver(sink) if sink is not None else None

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
        workout_cells, number_cells = self.workout_cells, self.number_cells
        i_name, i_order, i_notes, i_workout_notes = (self.positions[i] for i in (3, 4, 10, 11))
        names, set_orders, combos = self.names, self.set_orders, self.combos
        resolve = self.resolve
        bad = self.errors.bad
        last_workout = last_name = None
        # Placeholders until the first record (no cell text equals None).
        last_draft = _WorkoutDraft(datetime.min, "", None, None)
        last_entry: list[Any] = []
        n = 0
        for line, fields in self.csv.rows():
            n += 1
            if n % 250 == 0:
                if progress is not None and n % 2000 == 0:
                    progress(line)
                if self.hand_over is not None:
                    self.hand_over.breathe()
            if len(fields) != width and not (fields := self._fitted(line, fields)):
                continue
            fields.append("")
            try:
                # Consecutive records mostly belong to the same workout and exercise.
                workout = workout_cells(fields)
                if workout != last_workout:
                    last_draft = self._workout(line, fields, workout, last_draft)
                    last_workout = workout
                draft = last_draft
                workout_notes = fields[i_workout_notes]
                if workout_notes and not draft.notes:
                    draft.notes = workout_notes.strip() or None
                name_cell = fields[i_name]
                if name_cell != last_name:
                    entry = names.get(name_cell)
                    if entry is None:
                        entry = self._name(line, name_cell)
                    last_name, last_entry = name_cell, entry
                else:
                    entry = last_entry
                order = fields[i_order]
                set_type = set_orders.get(order)
                if set_type is None:
                    kind = self._order_kind(order)
                    if not isinstance(kind, SetType):
                        self._not_a_set(kind, _Row(self, line, fields), draft, entry[0], order)
                        continue
                    set_type = kind.value
                # The numbers and units, each distinct combination worked out once: the values
                # stored (weight, unit, reps, seconds, distance, RPE) and their text in the key.
                cells = number_cells(fields)
                numbers = combos.get(cells)
                if numbers is None:
                    numbers = self._numbers(line, *cells)
                values, key_numbers = numbers
                name = entry[0]
                notes_cell = fields[i_notes]
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
                # The same key as kernel.set_key: the workout's prefix is already hashed.
                hasher = draft.key_seed.copy()
                hasher.update(f"{ordinal}\x1f{name}\x1f{set_type}\x1f{key_numbers}".encode())
                # A row of ROW_FIELDS (rest and superset empty until a rest row says).
                sets.append([exercise, ordinal, set_type, *values, notes, name, None, None,
                             hasher.hexdigest()])  # fmt: skip
            except ImportFormatError as exc:
                bad(exc)
        if self.hand_over is not None:
            self._hand_over(last_draft, None)
        return n

    def _fitted(self, line: int, fields: list[str]) -> list[str]:
        """A record of another width than the header's: without its trailing empty fields,
        or no field at all once its error is noted (a record cut short, a field too many)."""
        width = self.width
        if len(fields) > width and not any(f.strip() for f in fields[width:]):
            return fields[:width]
        self.errors.bad(self.csv.width_error(Record(line, fields), width))
        return []

    def _workout(
        self, line: int, fields: list[str], cells: tuple[str, str, str], last: _WorkoutDraft
    ) -> _WorkoutDraft:
        """The workout of a record whose workout cells differ from the record before's."""
        draft = self.drafts.get(cells)
        if draft is None:
            draft = self._draft(line, fields, *cells)
        if draft is not last and self.hand_over is not None:
            self._hand_over(last, draft)
        return draft

    def _hand_over(self, finished: _WorkoutDraft, current: _WorkoutDraft | None) -> None:
        """The records left ``finished`` for ``current`` (None: the end of the file): it goes to
        the sink, unless the records came back to a workout the sink already has."""
        hand_over = self.hand_over
        assert hand_over is not None
        if current is not None and current.given:
            hand_over.reopened()
            self.hand_over = None
            return
        if finished.sets and not finished.given:
            finished.given = True
            hand_over.add(self._finish(finished))
        if current is None:
            hand_over.flush()

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
            draft = _WorkoutDraft(
                started, title, duration, key_seed(key_prefix(SOURCE, started, title))
            )
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


def parse_strong(path: str | Path, **options: Any) -> ParsedExport:
    """Parse a Strong CSV export into workouts (oldest first); see ``kernel.parse_path``."""
    return parse_path(IMPORTER, path, **options)


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
            csv_file, options.resolve, options.unit, options.skip_invalid, options.progress,
            options.sink,
        ).run()  # fmt: skip


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
]
