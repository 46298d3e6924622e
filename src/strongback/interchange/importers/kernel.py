"""The importer kernel: what every importer returns, the bounds of a set's numbers, source keys
and the record errors collected under ``--skip-invalid``.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, replace
from dataclasses import fields as dataclass_fields
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from strongback.domain.body_weight import BodyWeight
from strongback.domain.errors import ImportFormatError
from strongback.domain.set_bounds import MAX_DISTANCE_M, MAX_REPS, MAX_SECONDS, MAX_WEIGHT
from strongback.domain.set_rows import ROW_FIELDS
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType, Side, WeightUnit
from strongback.interchange.importers.source import CsvFile, open_csv

# --- Sane bounds of the numbers in a set -----------------------------------------------------

# The bounds of ``strongback log add``, from the domain. Weights may be negative down to
# -MAX_WEIGHT: the apps write the help of an assisted pull-up or dip machine as a negative load,
# and that is real data kept as it is.
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
    fields: tuple[str, ...] = ROW_FIELDS
    skipped: tuple[SkippedRecord, ...] = ()
    unit: WeightUnit | None = None
    rest_rows: int = 0
    note_rows: int = 0
    names: tuple[str, ...] = ()
    # Rows of the file that are not performed sets, by what they are ("sets not done", a
    # section's name...): counted for the summary, not imported.
    not_imported: tuple[tuple[str, int], ...] = ()
    # Weighings the file holds (JEFIT's PROFILE), one per day: kept as the user's body weights.
    body_weights: tuple[BodyWeight, ...] = ()

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


def key_seed(prefix: str) -> Any:
    """The hash state of every set key of one workout, its prefix (and separator) already fed.

    ``key_seed(p).copy()`` updated with ``f"{ordinal}\x1f{content...}"`` gives the digest of
    :func:`set_key`: the prefix is hashed once per workout, and copying a state costs less than
    starting a new hash for each set.
    """
    return hashlib.blake2b(f"{prefix}\x1f".encode(), digest_size=KEY_BYTES)


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


# --- What a plug-in is -----------------------------------------------------------------------

Resolve = Callable[[str], str]


class WorkoutSink(Protocol):
    """Takes an import's workouts while the file is still being read, so that storing them can
    go on beside the reading. A parser that feeds one gives every workout with sets once, in
    batches; the parsed export it returns holds the same workouts all the same."""

    def closed(self, workouts: Sequence[ParsedWorkout]) -> None:
        """Workouts the parser will not change again (each with at least one set)."""
        ...

    def reopened(self) -> None:
        """A workout already given got more rows later in the file: what was given is void."""
        ...


# Finished workouts go to a sink in batches of about this many sets: enough that each batch is
# worth a round trip, few enough that storing starts early in the file.
HAND_OVER_SETS = 5_000


class HandOver:
    """Finished workouts on their way to a sink, given in batches of about HAND_OVER_SETS sets;
    ``sink`` becomes None once the sink was told a workout came back (nothing more goes)."""

    def __init__(self, sink: WorkoutSink) -> None:
        self.sink: WorkoutSink | None = sink
        self.batch: list[ParsedWorkout] = []
        self.sets = 0

    def add(self, workout: ParsedWorkout) -> None:
        """Queue a finished workout; a full batch goes to the sink."""
        self.batch.append(workout)
        self.sets += len(workout.rows)
        if self.sets >= HAND_OVER_SETS:
            self.flush()

    def breathe(self) -> None:
        """Let a sink's thread run now if it waits (a parser calls this every few hundred
        records). A thread that finished waiting on its database asks for Python's lock back,
        and is otherwise given it only after the switch interval (5 ms): with several round
        trips a batch, the database would sit idle for much of the time the file is read."""
        if self.sink is not None:
            time.sleep(0)

    def flush(self) -> None:
        """Give the sink what is queued."""
        if self.sink is not None and self.batch:
            self.sink.closed(self.batch)
        self.batch = []
        self.sets = 0

    def reopened(self) -> None:
        """Tell the sink that a workout already given got more rows; stop giving."""
        if self.sink is not None:
            self.sink.reopened()
        self.sink = None


@dataclass(frozen=True)
class ImportOptions:
    """How to read a file: names to exercise ids, the unit when the file says none, whether bad
    records are skipped (and listed) instead of refusing the file, a progress callback called
    now and then with the physical line reached, and a sink for finished workouts (parsers
    that cannot tell when a workout is finished ignore it)."""

    resolve: Resolve
    unit: WeightUnit | None = None
    skip_invalid: bool = False
    progress: Callable[[int], None] | None = None
    sink: WorkoutSink | None = None


class Importer(Protocol):
    """One app's importer: a name, a ``sniff`` that recognises its files from the decoded
    header (the first non-blank line) and a ``parse`` of the whole file."""

    name: str
    title: str

    def sniff(self, csv_file: CsvFile) -> bool:
        """True when the file looks like this app's export."""
        ...

    def parse(self, csv_file: CsvFile, options: ImportOptions) -> ParsedExport:
        """Every workout of the file (oldest first); ImportFormatError on a bad file."""
        ...


# --- Dates -----------------------------------------------------------------------------------

# The latest wall-clock offset in use (UTC+14): "tomorrow" anywhere ends before this.
_LATEST_OFFSET = timedelta(hours=14)


def latest_day() -> date:
    """The last day a logged set may fall on: tomorrow in the time zone furthest ahead."""
    return (datetime.now(UTC) + _LATEST_OFFSET).date() + timedelta(days=1)


# The earliest day a file may hold: before it, a date is a typo or a broken cell (year 1, 1066),
# not a training log.
EARLIEST_DAY = date(1900, 1, 1)


def future_error(
    path: str, line: int, field: str, value: str, moment: datetime
) -> ImportFormatError | None:
    """The error for a date beyond tomorrow in any time zone (``log add`` refuses those too) or
    before :data:`EARLIEST_DAY`."""
    if moment.date() < EARLIEST_DAY:
        reason = f"a date before {EARLIEST_DAY.year}"
        return ImportFormatError(reason, path=path, line=line, field=field, value=value)
    if moment.date() <= latest_day():
        return None
    return ImportFormatError("a date in the future", path=path, line=line, field=field, value=value)


def cap(text: str, limit: int = 60) -> str:
    """A cell shortened for a message, its unprintable characters (line and paragraph
    separators, controls) escaped: a message never echoes a long cell whole nor breaks a line."""
    short = text if len(text) <= limit else text[: limit - 3] + "..."
    if short.isprintable():
        return short
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in short)


def header_keys(
    header: Sequence[str], read_cell: Callable[[str], tuple[str | None, str | None]]
) -> tuple[list[str | None], dict[str, str], dict[str, int]]:
    """What a header says, read cell by cell with the app's ``read_cell`` (a column key or None,
    and the unit the cell names): the key of each cell, the first unit named for each key, and
    the first position of each key."""
    keys: list[str | None] = []
    units: dict[str, str] = {}
    for cell in header:
        key, unit = read_cell(cell)
        keys.append(key)
        if key and unit:
            units.setdefault(key, unit)
    index: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key is not None and key not in index:
            index[key] = i
    return keys, units, index


def parse_path(
    importer: Importer,
    path: str | Path,
    *,
    resolve: Resolve | None = None,
    unit: WeightUnit | None = None,
    skip_invalid: bool = False,
    progress: Callable[[int], None] | None = None,
    display_path: str | None = None,
) -> ParsedExport:
    """Read a file and parse it with ``importer`` into workouts (oldest first); no database is
    touched. ``resolve`` maps an exercise name to an id (default: the catalog matcher); ``unit``
    is the weight unit to assume when the file states none; with ``skip_invalid`` bad records
    are listed instead of refusing the file; ``progress`` is called now and then with the line
    reached."""
    csv_file = open_csv(path, display_path=display_path)
    if resolve is None:
        from strongback.interchange.exercise_names import NameMatcher

        resolve = NameMatcher()
    options = ImportOptions(resolve, unit, skip_invalid, progress)
    return importer.parse(csv_file, options)


__all__ = [
    "EARLIEST_DAY",
    "HAND_OVER_SETS",
    "KEY_BYTES",
    "MAX_DISTANCE_M",
    "MAX_DURATION_SECONDS",
    "MAX_REPS",
    "MAX_SECONDS",
    "MAX_WEIGHT",
    "HandOver",
    "ImportOptions",
    "Importer",
    "ParsedExport",
    "ParsedWorkout",
    "RecordErrors",
    "Resolve",
    "SkippedRecord",
    "WorkoutSink",
    "cap",
    "future_error",
    "header_keys",
    "key_prefix",
    "key_seed",
    "latest_day",
    "make_set",
    "out_of_bounds",
    "parse_path",
    "paused_gc",
    "set_key",
    "source_key",
]
