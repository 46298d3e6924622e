"""Repositories: map rows to domain values and back. Every query is scoped to one user.

The bulk path (:meth:`WorkoutRepository.add_rows`, and :meth:`WorkoutRepository.add_many` on top
of it) hands plain tuples to the driver in one go: ``executemany`` on SQLite, ``COPY`` on
PostgreSQL, both inside the unit of work's transaction.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, replace
from datetime import date, datetime
from enum import Enum
from hashlib import blake2b
from operator import attrgetter
from typing import Any

from sqlalchemy import Connection, Row, Select, delete, exists, func, insert, select, update
from sqlalchemy.exc import DBAPIError

from strongback.domain.errors import InvalidInput
from strongback.domain.exercise import Exercise
from strongback.domain.planning.plan import Plan, StoredPlan
from strongback.domain.profile import UserProfile
from strongback.domain.training_log import LOG_SOURCE, PerformedSet, Workout
from strongback.domain.vocab import Equipment, SetType, Side, WeightUnit
from strongback.storage.errors import is_operational_failure
from strongback.storage.log_days import log_workout_for
from strongback.storage.tables import (
    custom_exercises,
    performed_sets,
    plans,
    profiles,
    workouts,
)

# The columns a set maps to, in the order _set_row builds tuples (source_hash is derived).
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


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def wall_clock(moment: datetime) -> datetime:
    """The naive wall-clock time stored for ``moment``: an offset, if any, is dropped, not applied.

    The exports record local times; storing what the user saw keeps "Monday 18:00" on Monday.
    """
    return moment.replace(tzinfo=None) if moment.tzinfo is not None else moment


def _slug(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


# The set's fields in SET_COLUMNS order after user_id and workout_id.
_BULK_FIELDS = (
    "exercise",
    "imported_as",
    "order",
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
_SET_FIELDS = attrgetter(*_BULK_FIELDS)


def _set_row(s: PerformedSet, user_id: int, workout_id: int) -> tuple[Any, ...]:
    return (user_id, workout_id, *_SET_FIELDS(s))


def _set_values(s: PerformedSet, user_id: int, workout_id: int) -> dict[str, Any]:
    values = {
        c: _slug(v) for c, v in zip(SET_COLUMNS, _set_row(s, user_id, workout_id), strict=True)
    }
    values["source_hash"] = key_hash(s.source_key) if s.source_key is not None else None
    return values


_SLUGS: dict[Any, Any] = {
    None: None,
    **{m: m.value for m in SetType},
    **{m: m.value for m in WeightUnit},
    **{m: m.value for m in Side},
}


def _as_row(s: PerformedSet) -> tuple[Any, ...]:
    # A set as a bulk row in _BULK_FIELDS order, its set type, unit and side as slugs (the
    # drivers bind an enum member too, but plain text several times faster).
    row = _SET_FIELDS(s)
    slugs = _SLUGS
    return (*row[:3], slugs[row[3]], row[4], slugs[row[5]], *row[6:9], slugs[row[9]], *row[10:])


# Binary COPY types of the columns the bulk path may write on PostgreSQL.
_COPY_TYPES = {
    "user_id": "int4",
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


_WORKOUT_COLUMNS = ("user_id", "started_at", "ended_at", "title", "notes", "source")


def _workout_row(w: Workout, user_id: int) -> dict[str, Any]:
    return {
        "user_id": user_id,
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

    A busy or read-only database is no refusal of the data: that error goes on unchanged, for
    the unit of work to tell in its own words."""
    try:
        yield
    except DBAPIError as exc:
        if is_operational_failure(exc):
            raise
        raise InvalidInput(f"the database refused the data: {_first_line(exc.orig)}") from None
    except Exception as exc:
        # psycopg's own errors, raised by COPY on the driver connection.
        if type(exc).__module__.startswith("psycopg") and not is_operational_failure(exc):
            raise InvalidInput(f"the database refused the data: {_first_line(exc)}") from None
        raise


_INT4_MIN, _INT4_MAX = -(2**31), 2**31 - 1


def _check_int4(
    kept: Sequence[tuple[Workout, Sequence[Sequence[Any]], Sequence[int | None]]],
    positions: Sequence[int],
) -> None:
    """Refuse what an INTEGER column cannot hold before a binary COPY, which would otherwise
    send only the low 32 bits of a larger number (the text format lets the server check)."""
    for i in positions:
        values = [v for _, rows, _ in kept for row in rows if (v := row[i]) is not None]
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


class ProfileRepository:
    """The user's training profile (one per user)."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def get(self) -> UserProfile:
        """The stored profile, or the defaults when none was ever saved."""
        row = self._conn.execute(
            select(profiles).where(profiles.c.user_id == self._user_id)
        ).first()
        if row is None:
            return UserProfile()
        m = row._mapping
        return UserProfile(
            equipment=frozenset(Equipment(e) for e in m["equipment"]),
            unit=WeightUnit(m["unit"]),
            dumbbells=tuple(m["dumbbells"]),
            kettlebells=tuple(m["kettlebells"]),
            plates=tuple(m["plates"]),
            bar_weight=m["bar_weight"],
            cable_step=m["cable_step"],
            pain_threshold=m["pain_threshold"],
        )

    def exists(self) -> bool:
        """True when the user has saved a profile."""
        found = self._conn.execute(
            select(profiles.c.user_id).where(profiles.c.user_id == self._user_id)
        ).first()
        return found is not None

    def save(self, profile: UserProfile) -> None:
        """Store the profile, replacing the previous one."""
        values = {
            "equipment": sorted(e.value for e in profile.equipment),
            "unit": profile.unit.value,
            "dumbbells": list(profile.dumbbells),
            "kettlebells": list(profile.kettlebells),
            "plates": list(profile.plates),
            "bar_weight": profile.bar_weight,
            "cable_step": profile.cable_step,
            "pain_threshold": profile.pain_threshold,
            "updated_at": _now(),
        }
        done = self._conn.execute(
            update(profiles).where(profiles.c.user_id == self._user_id).values(**values)
        )
        if done.rowcount == 0:
            self._conn.execute(insert(profiles).values(user_id=self._user_id, **values))


class WorkoutRepository:
    """Workouts and their performed sets."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id
        # After add_rows: of the sets skipped as already stored, how many were stored in
        # another unit than the one given now, by stored unit (a unit-less file re-imported
        # with another --unit).
        self.last_kept_units: dict[str, int] = {}

    # -- writing -------------------------------------------------------------------------------

    def add(self, workout: Workout) -> Workout:
        """Store one workout with its sets; returns it with the new ids filled in.

        A set whose ``source_key`` is already stored for this user is refused (InvalidInput).
        """
        keys = [s.source_key for s in workout.sets if s.source_key is not None]
        if len(set(keys)) != len(keys):
            raise InvalidInput("a workout holds two sets with the same source key")
        clash = self.known_source_keys(keys)
        if clash:
            raise InvalidInput(f"set with source key {sorted(clash)[0]!r} is already stored")
        with _refusals_as_invalid_input():
            workout_id = self._conn.execute(
                insert(workouts)
                .values(**_workout_row(workout, self._user_id))
                .returning(workouts.c.id)
            ).scalar_one()
        stored_sets = self.append_sets(workout_id, workout.sets)
        return replace(
            workout,
            id=workout_id,
            sets=stored_sets,
            started_at=wall_clock(workout.started_at),
            ended_at=wall_clock(workout.ended_at) if workout.ended_at is not None else None,
        )

    def log_workout_for(
        self, day: date, started_at: datetime, title: str, source: str = LOG_SOURCE
    ) -> tuple[int, bool]:
        """The workout ``log add`` fills on ``day``: (its id, whether this call created it).

        Race-free on both engines (a unique index, not check-then-insert); see
        :mod:`strongback.storage.log_days`.
        """
        return log_workout_for(
            self._conn,
            self._user_id,
            day,
            started_at=wall_clock(started_at),
            title=title,
            source=source,
        )

    def append_sets(
        self, workout_id: int, sets: Sequence[PerformedSet]
    ) -> tuple[PerformedSet, ...]:
        """Add sets to one of the user's workouts; returns them with their ids.

        Raises InvalidInput when the workout is not the user's.
        """
        if not sets:
            return ()
        if not _storable_id(self._conn, workout_id):
            raise InvalidInput(f"no workout with id {workout_id}")
        owner = self._conn.execute(
            select(workouts.c.id).where(
                workouts.c.id == workout_id, workouts.c.user_id == self._user_id
            )
        ).first()
        if owner is None:
            raise InvalidInput(f"no workout with id {workout_id}")
        rows = [_set_values(s, self._user_id, workout_id) for s in sets]
        with _refusals_as_invalid_input():
            ids = (
                self._conn.execute(
                    insert(performed_sets).returning(
                        performed_sets.c.id, sort_by_parameter_order=True
                    ),
                    rows,
                )
                .scalars()
                .all()
            )
        return tuple(replace(s, id=i) for s, i in zip(sets, ids, strict=True))

    def next_set_order(self, workout_id: int) -> int:
        """The order the next set appended to one of the user's workouts takes."""
        top = self._conn.execute(
            select(func.max(performed_sets.c.set_order)).where(
                performed_sets.c.workout_id == workout_id,
                performed_sets.c.user_id == self._user_id,
            )
        ).scalar()
        return int(top or 0) + 1

    def add_many(self, workouts_in: Iterable[Workout]) -> int:
        """Bulk-insert workouts and their sets; returns the number of sets inserted.

        Sets whose ``source_key`` is already stored for this user (or repeated earlier in the
        same batch) are skipped, and a workout left with no set to insert is skipped too, so
        importing the same file twice adds nothing. Store a workout without sets with :meth:`add`.
        """
        batch = [(w, [_as_row(s) for s in w.sets]) for w in workouts_in]
        return self.add_rows(batch, _BULK_FIELDS)[1]

    def add_rows(
        self,
        batch: Sequence[tuple[Workout, Sequence[Sequence[Any]]]],
        fields: Sequence[str],
    ) -> tuple[int, int]:
        """The bulk path of imports: workouts with their sets given as plain rows.

        Each item is a workout (its own ``sets`` are ignored) and its sets, each a sequence of
        values in ``fields`` order; ``fields`` are PerformedSet field names (``order``,
        ``set_type``...; not ``id``), ``set_type``, ``unit`` and ``side`` given as their slugs.
        Fields left out are stored empty. Skips known and repeated source keys like
        :meth:`add_many`; returns (workouts inserted, sets inserted).
        """
        unknown = [f for f in fields if f not in SET_FIELD_COLUMNS]
        if unknown or len(set(fields)) != len(fields):
            raise ValueError(f"bad set fields for a bulk insert: {list(fields)}")
        if "exercise" not in fields or "order" not in fields:
            raise ValueError("a bulk insert needs the exercise and order of every set")
        with _paused_gc():
            return self._add_rows(batch, fields)

    def _add_rows(
        self,
        batch: Sequence[tuple[Workout, Sequence[Sequence[Any]]]],
        fields: Sequence[str],
    ) -> tuple[int, int]:
        self.last_kept_units = {}
        ki = fields.index("source_key") if "source_key" in fields else -1
        ui = fields.index("unit") if "unit" in fields else -1
        kh = key_hash
        # The hash of every keyed set, per workout; then one query for those already stored.
        hashes: list[list[int | None]] = [
            [kh(k) if (k := r[ki]) is not None else None for r in rows]
            if ki >= 0
            else [None] * len(rows)
            for _, rows in batch
        ]
        flat = [h for hs in hashes for h in hs if h is not None]
        known = self._known_units(flat) if flat else {}
        kept: list[tuple[Workout, Sequence[Sequence[Any]], Sequence[int | None]]] = []
        if not known and len(set(flat)) == len(flat):
            # The usual first import: nothing stored yet and no key twice in the file.
            kept = [(w, rows, hs) for (w, rows), hs in zip(batch, hashes, strict=True) if rows]
        else:
            seen = set(known)
            kept_units = self.last_kept_units
            for (w, rows), hs in zip(batch, hashes, strict=True):
                new_rows: list[Sequence[Any]] = []
                new_hs: list[int | None] = []
                for r, h in zip(rows, hs, strict=True):
                    if h is not None:
                        if h in seen:
                            stored = known.get(h)
                            if stored is not None and ui >= 0 and r[ui] not in (None, stored):
                                kept_units[stored] = kept_units.get(stored, 0) + 1
                            continue
                        seen.add(h)
                    new_rows.append(r)
                    new_hs.append(h)
                if new_rows:
                    kept.append((w, new_rows, new_hs))
        if not kept:
            return 0, 0
        with _refusals_as_invalid_input():
            return len(kept), self._insert_rows(kept, fields)

    def _insert_rows(
        self,
        kept: list[tuple[Workout, Sequence[Sequence[Any]], Sequence[int | None]]],
        fields: Sequence[str],
    ) -> int:
        uid = self._user_id
        workout_rows = [_workout_row(w, uid) for w, _, _ in kept]
        columns = [SET_FIELD_COLUMNS[f] for f in fields]
        columns.append("source_hash")
        if self._conn.dialect.name == "postgresql":
            _check_int4(kept, [i for i, c in enumerate(columns) if _COPY_TYPES.get(c) == "int4"])
            ids = self._bulk_insert_workouts(workout_rows)
            names = ["user_id", "workout_id", *columns]
            self._copy(
                "performed_sets",
                names,
                (
                    (uid, wid, *r, h)
                    for (_, rows, hs), wid in zip(kept, ids, strict=True)
                    for r, h in zip(rows, hs, strict=True)
                ),
                [_COPY_TYPES.get(c, "text") for c in names],
            )
        else:
            ids = self._insert_workouts(workout_rows)
            # The user id is ours (an integer): written into the statement once instead of
            # being bound on every row.
            marks = ", ".join("?" for _ in range(len(columns) + 1))
            self._conn.exec_driver_sql(
                f"INSERT INTO performed_sets (user_id, workout_id, {', '.join(columns)}) "
                f"VALUES ({int(uid)}, {marks})",
                [
                    (wid, *r, h)
                    for (_, rows, hs), wid in zip(kept, ids, strict=True)
                    for r, h in zip(rows, hs, strict=True)
                ],
            )
        return sum(len(rows) for _, rows, _ in kept)

    def _insert_workouts(self, rows: list[dict[str, Any]]) -> list[int]:
        # SQLite: the first workout takes the next id, and with it the database's write lock
        # until the transaction ends, so no one else can take ids meanwhile; the rest follow
        # with the ids after it, in one executemany. Should an id be taken anyway, the primary
        # key refuses it and the whole import rolls back.
        dialect = self._conn.dialect
        stamp = workouts.c.started_at.type.dialect_impl(dialect).bind_processor(dialect)
        values = [
            tuple(
                (stamp(v) if stamp is not None and isinstance(v, datetime) else v)
                for v in (r[c] for c in _WORKOUT_COLUMNS)
            )
            for r in rows
        ]
        names = ", ".join(_WORKOUT_COLUMNS)
        marks = ", ".join("?" for _ in _WORKOUT_COLUMNS)
        first = self._conn.exec_driver_sql(
            f"INSERT INTO workouts ({names}) VALUES ({marks})", values[0]
        ).lastrowid
        ids = list(range(first, first + len(values)))
        if ids[-1] >= 1 << 63:
            raise InvalidInput("workout ids are exhausted")
        if len(values) > 1:
            self._conn.exec_driver_sql(
                f"INSERT INTO workouts (id, {names}) VALUES (?, {marks})",
                [(i, *v) for i, v in zip(ids[1:], values[1:], strict=True)],
            )
        return ids

    def _bulk_insert_workouts(self, rows: list[dict[str, Any]]) -> list[int]:
        # Reserve a block of ids from the sequence, then COPY the workouts with those ids.
        ids = [
            int(r[0])
            for r in self._conn.exec_driver_sql(
                "SELECT nextval(pg_get_serial_sequence('workouts', 'id')) "
                "FROM generate_series(1, %(n)s)",
                {"n": len(rows)},
            )
        ]
        columns = ("id", *_WORKOUT_COLUMNS)
        self._copy(
            "workouts",
            columns,
            [(i, *(r[c] for c in _WORKOUT_COLUMNS)) for i, r in zip(ids, rows, strict=True)],
        )
        return ids

    def _copy(
        self,
        table: str,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        types: Sequence[str] | None = None,
    ) -> None:
        # COPY through the driver connection of this same transaction; in binary when the
        # column types are given (numbers go as machine values, not text to be parsed).
        raw = self._conn.connection.driver_connection
        assert raw is not None
        binary = " (FORMAT BINARY)" if types is not None else ""
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN{binary}") as copy,
        ):
            if types is not None:
                copy.set_types(list(types))
            write = copy.write_row
            for row in rows:
                write(row)

    def delete_set(self, set_id: int) -> bool:
        """Delete one of the user's sets; its workout goes too when no set is left in it."""
        if not _storable_id(self._conn, set_id):
            return False
        workout_id = self._conn.execute(
            select(performed_sets.c.workout_id).where(
                performed_sets.c.id == set_id, performed_sets.c.user_id == self._user_id
            )
        ).scalar()
        if workout_id is None:
            return False
        self._conn.execute(
            delete(performed_sets).where(
                performed_sets.c.id == set_id, performed_sets.c.user_id == self._user_id
            )
        )
        left = self._conn.execute(
            select(func.count())
            .select_from(performed_sets)
            .where(
                performed_sets.c.workout_id == workout_id,
                performed_sets.c.user_id == self._user_id,
            )
        ).scalar_one()
        if left == 0:
            self.delete_workout(workout_id)
        return True

    def delete_workout(self, workout_id: int) -> bool:
        """Delete one of the user's workouts with all its sets."""
        if not _storable_id(self._conn, workout_id):
            return False
        done = self._conn.execute(
            delete(workouts).where(workouts.c.id == workout_id, workouts.c.user_id == self._user_id)
        )
        return bool(done.rowcount)

    # -- reading -------------------------------------------------------------------------------

    def known_source_keys(self, keys: Iterable[str]) -> set[str]:
        """The keys among ``keys`` that are already stored for this user."""
        wanted = {k for k in keys if k is not None}
        if not wanted:
            return set()
        rows = self._stored_with_hashes([key_hash(k) for k in wanted], "source_key")
        return {r[0] for r in rows if r[0] in wanted}

    def _known_units(self, hashes: list[int]) -> dict[int, str | None]:
        """The source hashes among ``hashes`` already stored, each with its set's unit."""
        rows = self._stored_with_hashes(hashes, "source_hash, unit")
        return {int(r[0]): r[1] for r in rows}

    def _stored_with_hashes(self, hashes: list[int], column: str) -> list[Any]:
        any_keyed = self._conn.execute(
            select(performed_sets.c.id)
            .where(
                performed_sets.c.user_id == self._user_id,
                performed_sets.c.source_hash.is_not(None),
            )
            .limit(1)
        ).first()
        if any_keyed is None:
            return []
        # One round trip whatever the number of keys: an array on PostgreSQL, a JSON array
        # unpacked by json_each on SQLite.
        if self._conn.dialect.name == "postgresql":
            sql = (
                f"SELECT {column} FROM performed_sets "
                "WHERE user_id = %(user)s AND source_hash = ANY(%(hashes)s::bigint[])"
            )
            params: Any = {"user": self._user_id, "hashes": hashes}
        else:
            sql = (
                f"SELECT {column} FROM performed_sets WHERE user_id = ? "
                "AND source_hash IN (SELECT value FROM json_each(?))"
            )
            params = (self._user_id, json.dumps(hashes))
        return list(self._conn.exec_driver_sql(sql, params))

    def _workout_query(
        self,
        *,
        since: datetime | None,
        until: datetime | None,
        exercise: str | None,
        last: int | None,
    ) -> Select[Any]:
        query = select(workouts).where(workouts.c.user_id == self._user_id)
        if since is not None:
            query = query.where(workouts.c.started_at >= wall_clock(since))
        if until is not None:
            query = query.where(workouts.c.started_at < wall_clock(until))
        if exercise is not None:
            query = query.where(
                exists().where(
                    performed_sets.c.workout_id == workouts.c.id,
                    performed_sets.c.user_id == self._user_id,
                    performed_sets.c.exercise == exercise,
                )
            )
        if last is not None:
            query = query.order_by(workouts.c.started_at.desc(), workouts.c.id.desc()).limit(
                max(last, 0)
            )
        return query

    def list(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        exercise: str | None = None,
        last: int | None = None,
    ) -> list[Workout]:
        """The user's workouts, oldest first, each with its sets in order.

        ``since`` is inclusive and ``until`` exclusive (``since <= started_at < until``);
        ``exercise`` keeps the workouts holding that exercise and only its sets; ``last`` keeps
        the last N workouts (after the other filters).
        """
        query = self._workout_query(since=since, until=until, exercise=exercise, last=last)
        rows = list(self._conn.execute(query).all())
        rows.sort(key=lambda r: (r.started_at, r.id))
        if not rows:
            return []
        ids_query = query.with_only_columns(workouts.c.id)
        set_query = select(*_SET_READ).where(
            performed_sets.c.user_id == self._user_id,
            performed_sets.c.workout_id.in_(ids_query),
        )
        if exercise is not None:
            set_query = set_query.where(performed_sets.c.exercise == exercise)
        set_query = set_query.order_by(
            performed_sets.c.workout_id, performed_sets.c.set_order, performed_sets.c.id
        )
        by_workout: dict[int, list[PerformedSet]] = {}
        for row in self._conn.execute(set_query).all():
            by_workout.setdefault(row[1], []).append(_set_from_row(row))
        return [_workout_from_row(r, by_workout.get(r.id, [])) for r in rows]

    def get(self, workout_id: int) -> Workout | None:
        """One of the user's workouts with its sets, or None."""
        if not _storable_id(self._conn, workout_id):
            return None
        row = self._conn.execute(
            select(workouts).where(workouts.c.id == workout_id, workouts.c.user_id == self._user_id)
        ).first()
        if row is None:
            return None
        sets = self._conn.execute(
            select(*_SET_READ)
            .where(
                performed_sets.c.workout_id == workout_id,
                performed_sets.c.user_id == self._user_id,
            )
            .order_by(performed_sets.c.set_order, performed_sets.c.id)
        ).all()
        return _workout_from_row(row, [_set_from_row(s) for s in sets])

    def workout_of_set(self, set_id: int) -> int | None:
        """The id of the workout holding one of the user's sets, or None."""
        if not _storable_id(self._conn, set_id):
            return None
        found = self._conn.execute(
            select(performed_sets.c.workout_id).where(
                performed_sets.c.id == set_id, performed_sets.c.user_id == self._user_id
            )
        ).scalar()
        return int(found) if found is not None else None

    def count(self) -> tuple[int, int]:
        """(workouts, sets) stored for the user."""
        n_workouts = self._conn.execute(
            select(func.count()).select_from(workouts).where(workouts.c.user_id == self._user_id)
        ).scalar_one()
        n_sets = self._conn.execute(
            select(func.count())
            .select_from(performed_sets)
            .where(performed_sets.c.user_id == self._user_id)
        ).scalar_one()
        return int(n_workouts), int(n_sets)


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


class CustomExerciseRepository:
    """Exercises the user added (imported names the catalog did not know)."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def list(self) -> list[Exercise]:
        """The user's custom exercises, in the order they were added."""
        rows = self._conn.execute(
            select(custom_exercises.c.data)
            .where(custom_exercises.c.user_id == self._user_id)
            .order_by(custom_exercises.c.id)
        ).scalars()
        return [Exercise.model_validate(data) for data in rows]

    def get(self, exercise_id: str) -> Exercise | None:
        """The custom exercise with this id, or None."""
        data = self._conn.execute(
            select(custom_exercises.c.data).where(
                custom_exercises.c.user_id == self._user_id,
                custom_exercises.c.slug == exercise_id,
            )
        ).scalar()
        return Exercise.model_validate(data) if data is not None else None

    def add(self, exercise: Exercise) -> None:
        """Store a custom exercise (as source ``custom``); adding an id again keeps the first."""
        self.add_many([exercise])

    def add_many(self, exercises: Iterable[Exercise]) -> int:
        """Store several custom exercises in one statement (an import's new names); ids already
        stored, or repeated, keep their first definition. Returns the number added."""
        new: dict[str, Exercise] = {}
        for e in exercises:
            new.setdefault(e.id, e)
        if not new:
            return 0
        stored = set(
            self._conn.execute(
                select(custom_exercises.c.slug).where(
                    custom_exercises.c.user_id == self._user_id,
                    custom_exercises.c.slug.in_(list(new)),
                )
            ).scalars()
        )
        now = _now()
        rows = [
            {
                "user_id": self._user_id,
                "slug": e.id,
                "name": e.name,
                "data": (
                    e if e.source == "custom" else e.model_copy(update={"source": "custom"})
                ).model_dump(mode="json"),
                "created_at": now,
            }
            for e in new.values()
            if e.id not in stored
        ]
        if rows:
            self._conn.execute(insert(custom_exercises), rows)
        return len(rows)


class PlanRepository:
    """Plans the user saved; at most one is current. Stored as the plan's documented JSON."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def save(
        self,
        plan: Plan,
        *,
        name: str | None = None,
        current: bool = True,
        created_at: datetime | None = None,
    ) -> int:
        """Store a plan; returns its id. A current plan replaces the previous current one,
        which stays stored."""
        if current:
            self._conn.execute(
                update(plans)
                .where(plans.c.user_id == self._user_id, plans.c.is_current.is_(True))
                .values(is_current=False)
            )
        return int(
            self._conn.execute(
                insert(plans)
                .values(
                    user_id=self._user_id,
                    created_at=wall_clock(created_at) if created_at else _now(),
                    name=name,
                    is_current=current,
                    data=plan.to_public(),
                )
                .returning(plans.c.id)
            ).scalar_one()
        )

    def current(self) -> Plan | None:
        """The current plan, or None."""
        stored = self.current_stored()
        return stored.plan if stored is not None else None

    def current_stored(self) -> StoredPlan | None:
        """The current plan with its bookkeeping, or None."""
        row = self._conn.execute(
            select(plans)
            .where(plans.c.user_id == self._user_id, plans.c.is_current.is_(True))
            .order_by(plans.c.id.desc())
            .limit(1)
        ).first()
        return _stored_plan(row) if row is not None else None

    def list(self) -> list[StoredPlan]:
        """Every stored plan, oldest first."""
        rows = self._conn.execute(
            select(plans).where(plans.c.user_id == self._user_id).order_by(plans.c.id)
        ).all()
        return [_stored_plan(r) for r in rows]


def _stored_plan(row: Row[Any]) -> StoredPlan:
    return StoredPlan(
        id=row.id,
        name=row.name,
        created_at=row.created_at,
        is_current=bool(row.is_current),
        plan=Plan.from_public(dict(row.data)),
    )


__all__ = [
    "SET_COLUMNS",
    "CustomExerciseRepository",
    "PlanRepository",
    "ProfileRepository",
    "StoredPlan",
    "WorkoutRepository",
    "wall_clock",
]
