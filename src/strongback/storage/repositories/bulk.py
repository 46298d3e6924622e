"""The bulk path of the workouts repository: plain tuples handed to the driver in one go
(``executemany`` on SQLite, ``COPY`` on PostgreSQL) inside the unit of work's transaction, sets
already stored (a re-import) skipped with one query."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from strongback.domain.errors import InvalidInput
from strongback.domain.set_rows import ROW_FIELDS
from strongback.domain.training_log import Workout
from strongback.storage.repositories.rows import (
    _BULK_FIELDS,
    _COPY_TYPES,
    _WORKOUT_COLUMNS,
    SET_FIELD_COLUMNS,
    _as_row,
    _check_int4,
    _paused_gc,
    _refusals_as_invalid_input,
    _workout_row,
    key_hash,
    key_hashes,
)
from strongback.storage.tables import (
    performed_sets,
    workouts,
)

# SQLite's page cache for a large bulk insert, in KiB (the default is 2 MiB): the indexes of
# ``performed_sets`` outgrow the default, and every page evicted from the cache is written out
# and read back. Only memory: the transaction and its durability are unchanged.
_BULK_CACHE_KIB = 64 * 1024
# Below this many sets the default cache holds the indexes' pages touched anyway.
_BULK_CACHE_FROM = 5_000


@contextmanager
def _sqlite_cache(conn: Connection, sets: int) -> Iterator[None]:
    """A larger page cache on this SQLite connection while ``sets`` are inserted, the
    connection's own size restored afterwards (the pool hands the connection on)."""
    if sets < _BULK_CACHE_FROM:
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


class BulkSets:
    """Bulk inserts and source-key lookups, mixed into :class:`WorkoutRepository`."""

    _conn: Connection
    _user_id: int
    last_kept_units: dict[str, int]

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
        fields: Sequence[str] = ROW_FIELDS,
        *,
        import_id: int | None = None,
    ) -> tuple[int, int]:
        """The bulk path of imports: workouts with their sets given as plain rows.

        Each item is a workout (its own ``sets`` are ignored) and its sets, each a sequence of
        values in ``fields`` order; ``fields`` are PerformedSet field names (``order``,
        ``set_type``...; not ``id``), ``set_type``, ``unit`` and ``side`` given as their slugs.
        Fields left out are stored empty. Skips known and repeated source keys like
        :meth:`add_many`; returns (workouts inserted, sets inserted). ``import_id`` ties every
        workout and set inserted to that import record (see :class:`ImportRepository`).
        """
        unknown = [f for f in fields if f not in SET_FIELD_COLUMNS]
        if unknown or len(set(fields)) != len(fields):
            raise ValueError(f"bad set fields for a bulk insert: {list(fields)}")
        if "exercise" not in fields or "order" not in fields:
            raise ValueError("a bulk insert needs the exercise and order of every set")
        if import_id is not None and not isinstance(import_id, int):
            raise ValueError("an import id is an integer")
        with _paused_gc():
            return self._add_rows(batch, fields, import_id)

    def _add_rows(
        self,
        batch: Sequence[tuple[Workout, Sequence[Sequence[Any]]]],
        fields: Sequence[str],
        import_id: int | None,
    ) -> tuple[int, int]:
        self.last_kept_units = {}
        ki = fields.index("source_key") if "source_key" in fields else -1
        ui = fields.index("unit") if "unit" in fields else -1
        # The hash of every keyed set, per workout (all hashed in one step); then one query for
        # those already stored.
        if ki >= 0:
            every = key_hashes([r[ki] for _, rows in batch for r in rows])
            hashes: list[Sequence[int | None]] = []
            start = 0
            for _, rows in batch:
                hashes.append(every[start : start + len(rows)])
                start += len(rows)
            flat = [h for h in every if h is not None]
        else:
            hashes = [[None] * len(rows) for _, rows in batch]
            flat = []
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
            return len(kept), self._insert_rows(kept, fields, import_id)

    def _insert_rows(
        self,
        kept: list[tuple[Workout, Sequence[Sequence[Any]], Sequence[int | None]]],
        fields: Sequence[str],
        import_id: int | None,
    ) -> int:
        uid = self._user_id
        workout_rows = [_workout_row(w, uid, import_id) for w, _, _ in kept]
        columns = [SET_FIELD_COLUMNS[f] for f in fields]
        columns.append("source_hash")
        if self._conn.dialect.name == "postgresql":
            _check_int4(kept, [i for i, c in enumerate(columns) if _COPY_TYPES.get(c) == "int4"])
            ids = self._bulk_insert_workouts(workout_rows)
            names = ["user_id", "import_id", "workout_id", *columns]
            self._copy(
                "performed_sets",
                names,
                (
                    (uid, import_id, wid, *r, h)
                    for (_, rows, hs), wid in zip(kept, ids, strict=True)
                    for r, h in zip(rows, hs, strict=True)
                ),
                [_COPY_TYPES.get(c, "text") for c in names],
            )
        else:
            with _sqlite_cache(self._conn, sum(len(rows) for _, rows, _ in kept)):
                ids = self._insert_workouts(workout_rows)
                # The user id is ours (an integer): written into the statement once instead of
                # being bound on every row.
                marks = ", ".join("?" for _ in range(len(columns) + 1))
                link = "NULL" if import_id is None else str(int(import_id))
                self._conn.exec_driver_sql(
                    "INSERT INTO performed_sets (user_id, import_id, workout_id, "
                    f"{', '.join(columns)}) VALUES ({int(uid)}, {link}, {marks})",
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


__all__ = ["BulkSets"]
