"""How a performed set and a workout map to rows and back, and the helpers every repository
shares: source-key hashes, wall-clock times, refused values turned into one clear line."""

from __future__ import annotations

import gc
import struct
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from datetime import datetime
from enum import Enum
from hashlib import blake2b
from operator import attrgetter, itemgetter
from typing import Any, cast

from sqlalchemy import Connection, Row
from sqlalchemy.exc import DBAPIError

from strongback.domain.errors import InvalidInput
from strongback.domain.set_rows import ROW_FIELDS
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import SetType, Side, WeightUnit
from strongback.storage.errors import is_operational_failure
from strongback.storage.tables import (
    performed_sets,
)

# The columns a set is read from, in the order _set_from_row unpacks them after its id.
SET_COLUMNS = (
    "user_id",
    "workout_id",
    "exercise",
    "imported_as",
    "set_order",
    "set_type",
    "weight",
    "unit",
    "reps",
    "seconds",
    "distance_m",
    "side",
    "rpe",
    "rir",
    "tempo",
    "pain",
    "notes",
    "rest_seconds",
    "superset",
    "source_key",
)
# The PerformedSet fields that rows given to add_rows may hold, and the column of each.
SET_FIELD_COLUMNS: dict[str, str] = {
    f.name: ("set_order" if f.name == "order" else f.name)
    for f in fields(PerformedSet)
    if f.name != "id"
}


_HEX_DIGITS = "0123456789abcdef"


def key_hash(key: str) -> int:
    """The 64-bit hash stored beside a source key (a signed integer, as BIGINT holds it).

    Uniqueness per user is kept on this integer: cheaper to index than the text, and at 64 bits
    two different keys of one user's history colliding is out of reach (about 1 in 10^7 for a
    million sets). A key that is already 16 lowercase hex digits (the importers' keys are) is
    its own hash, read as a number; any other text is hashed with BLAKE2b.
    """
    if len(key) == 16 and not key.strip(_HEX_DIGITS):
        value = int(key, 16)
        return value - (1 << 64) if value >= 1 << 63 else value
    return int.from_bytes(blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)


def key_hashes(keys: Sequence[str | None]) -> list[int | None]:
    """:func:`key_hash` of every key (None stays None), in one step when every key is 16
    lowercase hex digits, as the importers' keys are: their bytes read as big-endian signed
    64-bit integers all at once instead of one ``int()`` per key."""
    if None not in keys:
        texts = cast("Sequence[str]", keys)
        if set(map(len, texts)) == {16}:
            joined = "".join(texts)
            if not joined.strip(_HEX_DIGITS):
                return list(struct.unpack(f">{len(texts)}q", bytes.fromhex(joined)))
    return [key_hash(k) if k is not None else None for k in keys]


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def wall_clock(moment: datetime) -> datetime:
    """The naive wall-clock time stored for ``moment``: an offset, if any, is dropped, not applied.

    The exports record local times; storing what the user saw keeps "Monday 18:00" on Monday.
    """
    return moment.replace(tzinfo=None) if moment.tzinfo is not None else moment


def _slug(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


# The fields of a bulk row: the importers' row layout, then what only hand-logged sets hold.
_BULK_FIELDS = (*ROW_FIELDS, "side", "rir", "tempo", "pain")
_SET_FIELDS = attrgetter(*_BULK_FIELDS)


def _set_values(s: PerformedSet, user_id: int, workout_id: int) -> dict[str, Any]:
    values: dict[str, Any] = {"user_id": user_id, "workout_id": workout_id}
    for f, v in zip(_BULK_FIELDS, _SET_FIELDS(s), strict=True):
        values[SET_FIELD_COLUMNS[f]] = _slug(v)
    values["source_hash"] = key_hash(s.source_key) if s.source_key is not None else None
    return values


_SLUGS: dict[Any, Any] = {
    None: None,
    **{m: m.value for m in SetType},
    **{m: m.value for m in WeightUnit},
    **{m: m.value for m in Side},
}
# The positions in a bulk row that hold an enum member to be written as its slug.
_SLUGGED = frozenset(_BULK_FIELDS.index(f) for f in ("set_type", "unit", "side"))


def _as_row(s: PerformedSet) -> tuple[Any, ...]:
    # A set as a bulk row in _BULK_FIELDS order, its set type, unit and side as slugs (the
    # drivers bind an enum member too, but plain text several times faster).
    slugs = _SLUGS
    return tuple(slugs[v] if i in _SLUGGED else v for i, v in enumerate(_SET_FIELDS(s)))


# Binary COPY types of the columns the bulk path may write on PostgreSQL.
_COPY_TYPES = {
    "user_id": "int4",
    "import_id": "int4",
    "workout_id": "int4",
    "set_order": "int4",
    "reps": "int4",
    "pain": "int4",
    "weight": "float8",
    "seconds": "float8",
    "distance_m": "float8",
    "rpe": "float8",
    "rir": "float8",
    "rest_seconds": "float8",
    "source_hash": "int8",
}


# Slug -> member maps: faster than calling the enum for every row read.
_SET_TYPES: dict[Any, SetType] = {m.value: m for m in SetType}
_UNITS: dict[Any, WeightUnit | None] = {None: None, **{m.value: m for m in WeightUnit}}
_SIDES: dict[Any, Side | None] = {None: None, **{m.value: m for m in Side}}
# The columns read for a set, in the order _set_from_row unpacks them.
_SET_READ = (
    performed_sets.c.id,
    performed_sets.c.workout_id,
    *(performed_sets.c[name] for name in SET_COLUMNS[2:]),
)


def _set_from_row(row: Any) -> PerformedSet:
    (
        set_id, _workout_id, exercise, imported_as, order, set_type, weight, unit, reps,
        seconds, distance_m, side, rpe, rir, tempo, pain, notes, rest_seconds, superset,
        source_key,
    ) = row  # fmt: skip
    return PerformedSet(
        exercise=exercise,
        order=order,
        set_type=_SET_TYPES[set_type],
        weight=weight,
        unit=_UNITS[unit],
        reps=reps,
        seconds=seconds,
        distance_m=distance_m,
        side=_SIDES[side],
        rpe=rpe,
        rir=rir,
        tempo=tempo,
        pain=pain,
        notes=notes,
        imported_as=imported_as,
        rest_seconds=rest_seconds,
        superset=superset,
        source_key=source_key,
        id=set_id,
    )


_WORKOUT_COLUMNS = ("user_id", "started_at", "ended_at", "title", "notes", "source", "import_id")


def _workout_row(w: Workout, user_id: int, import_id: int | None = None) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "import_id": import_id,
        "started_at": wall_clock(w.started_at),
        "ended_at": wall_clock(w.ended_at) if w.ended_at is not None else None,
        "title": w.title,
        "notes": w.notes,
        "source": w.source,
    }


@contextmanager
def _paused_gc() -> Iterator[None]:
    # The cyclic collector would walk the many tuples of a bulk insert again and again; they
    # hold no cycles (the importers pause it the same way while parsing).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _refusals_as_invalid_input() -> Iterator[None]:
    """A value the database refuses (too long, out of range, a key stored meanwhile) becomes
    one clear line instead of a traceback; the caller's transaction is then rolled back.

    A busy or read-only database is no refusal of the data, nor is a lost connection (whose
    commit may have gone through: retrying it could store the data twice): those errors go on
    unchanged, for the unit of work to tell in its own words."""
    try:
        yield
    except DBAPIError as exc:
        if is_operational_failure(exc) or exc.connection_invalidated or _lost(exc.orig):
            raise
        raise InvalidInput(f"the database refused the data: {_first_line(exc.orig)}") from None
    except Exception as exc:
        # psycopg's own errors, raised by COPY on the driver connection.
        if type(exc).__module__.startswith("psycopg") and not (
            is_operational_failure(exc) or _lost(exc)
        ):
            raise InvalidInput(f"the database refused the data: {_first_line(exc)}") from None
        raise


def _lost(exc: BaseException | None) -> bool:
    """A PostgreSQL error with no SQLSTATE of the server's: the connection itself failed."""
    module = type(exc).__module__
    return module.startswith("psycopg") and getattr(exc, "sqlstate", "") is None


_INT4_MIN, _INT4_MAX = -(2**31), 2**31 - 1


def _check_int4(
    kept: Sequence[tuple[Workout, Sequence[Sequence[Any]], Sequence[int | None]]],
    positions: Sequence[int],
) -> None:
    """Refuse what an INTEGER column cannot hold before a binary COPY, which would otherwise
    send only the low 32 bits of a larger number (the text format lets the server check)."""
    every = [row for _, rows, _ in kept for row in rows]
    for i in positions:
        # Column by column in C: the values, the empty ones dropped (zero too, which fits).
        values = list(filter(None, map(itemgetter(i), every)))
        if values and (min(values) < _INT4_MIN or max(values) > _INT4_MAX):
            wrong = next(v for v in values if not _INT4_MIN <= v <= _INT4_MAX)
            raise InvalidInput(
                f"the database refused the data: {wrong} is out of range for an integer"
            )


def _storable_id(conn: Connection, value: int) -> bool:
    """Whether ``value`` fits the id columns (PostgreSQL's INTEGER, SQLite's 64-bit rowid):
    an id that cannot be stored cannot be found, and the driver would refuse to bind it."""
    high = _INT4_MAX if conn.dialect.name == "postgresql" else (1 << 63) - 1
    return -high - 1 <= value <= high


def _first_line(exc: BaseException | None) -> str:
    text = str(exc).strip() if exc is not None else ""
    return text.splitlines()[0] if text else "unknown reason"


def _workout_from_row(row: Row[Any], sets: list[PerformedSet]) -> Workout:
    m = row._mapping
    return Workout(
        id=m["id"],
        started_at=m["started_at"],
        ended_at=m["ended_at"],
        title=m["title"],
        notes=m["notes"],
        source=m["source"],
        sets=tuple(sets),
    )


__all__ = ["SET_COLUMNS", "SET_FIELD_COLUMNS", "key_hash", "key_hashes", "wall_clock"]
