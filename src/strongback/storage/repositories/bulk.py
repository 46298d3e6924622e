"""The bulk path of the workouts repository: plain tuples handed to the driver in one go
(``executemany`` on SQLite, ``COPY`` on PostgreSQL) inside the unit of work's transaction, sets
already stored (a re-import) skipped with one query."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
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


# A NaN bound on SQLite is stored as NULL (SQLite has no NaN: it documents the conversion). The
# driver binds a float at once, while None goes through its adapter lookup first (a dictionary
# probe and two failed attribute lookups): for the half-dozen empty values of an imported set,
# most of the time of binding the row. ``_sqlite_null(v, v)`` is NaN for None, else v.
_SQLITE_NULLS: dict[Any, Any] = {None: float("nan")}
_sqlite_null = _SQLITE_NULLS.get

Kept = list[tuple[Workout, Sequence[Sequence[Any]], Sequence[int | None]]]


def _check_bulk_fields(fields: Sequence[str], import_id: int | None) -> None:
    unknown = [f for f in fields if f not in SET_FIELD_COLUMNS]
    if unknown or len(set(fields)) != len(fields):
        raise ValueError(f"bad set fields for a bulk insert: {list(fields)}")
    if "exercise" not in fields or "order" not in fields:
        raise ValueError("a bulk insert needs the exercise and order of every set")
    if import_id is not None and not isinstance(import_id, int):
        raise ValueError("an import id is an integer")


def _batch_hashes(
    batch: Sequence[tuple[Workout, Sequence[Sequence[Any]]]], fields: Sequence[str]
) -> list[Sequence[int | None]]:
    """The source hash of every set, per workout (None for a set without a key); the keys are
    hashed all in one step."""
    if "source_key" not in fields:
        return [[None] * len(rows) for _, rows in batch]
    ki = fields.index("source_key")
    every = key_hashes([r[ki] for _, rows in batch for r in rows])
    hashes: list[Sequence[int | None]] = []
    start = 0
    for _, rows in batch:
        hashes.append(every[start : start + len(rows)])
        start += len(rows)
    return hashes


def _new_rows(
    batch: Sequence[tuple[Workout, Sequence[Sequence[Any]]]],
    hashes: Sequence[Sequence[int | None]],
    known: dict[int, str | None],
    seen: set[int],
    kept_units: dict[str, int],
    ui: int,
) -> Kept:
    """The sets whose hash is neither stored (``known``, with its unit) nor ``seen`` before
    (which they join), by workout; workouts left without a set are dropped. ``kept_units``
    counts the stored duplicates given in another unit (position ``ui``), by stored unit."""
    kept: Kept = []
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
    return kept


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
        _check_bulk_fields(fields, import_id)
        with _paused_gc():
            return self._add_rows(batch, fields, import_id)

    def can_stream(self) -> bool:
        """Whether :meth:`stream_rows` can store an import while its file is read: on
        PostgreSQL (a server of its own checks and indexes one batch while the next is parsed)
        and when no set of the user has a source key yet, so that none can be a duplicate of a
        stored one. Elsewhere, use :meth:`add_rows` on the parsed file."""
        return self._conn.dialect.name == "postgresql" and not self._any_keyed()

    def stream_rows(
        self, fields: Sequence[str] = ROW_FIELDS, *, import_id: int | None = None
    ) -> RowStream:
        """A :class:`RowStream` storing batches of workouts as the parser hands them over, in
        this unit of work's transaction (only after :meth:`can_stream` said yes)."""
        _check_bulk_fields(fields, import_id)
        if self._conn.dialect.name != "postgresql":
            raise ValueError("streamed imports are for PostgreSQL; use add_rows")
        return RowStream(self, fields, import_id)

    def _add_rows(
        self,
        batch: Sequence[tuple[Workout, Sequence[Sequence[Any]]]],
        fields: Sequence[str],
        import_id: int | None,
    ) -> tuple[int, int]:
        self.last_kept_units = {}
        hashes = _batch_hashes(batch, fields)
        flat = [h for hs in hashes for h in hs if h is not None]
        known = self._known_units(flat) if flat else {}
        if not known and len(set(flat)) == len(flat):
            # The usual first import: nothing stored yet and no key twice in the file.
            kept = [(w, rows, hs) for (w, rows), hs in zip(batch, hashes, strict=True) if rows]
        else:
            ui = fields.index("unit") if "unit" in fields else -1
            kept = _new_rows(batch, hashes, known, set(known), self.last_kept_units, ui)
        if not kept:
            return 0, 0
        with _refusals_as_invalid_input():
            return len(kept), self._insert_rows(kept, fields, import_id)

    def _insert_rows(
        self,
        kept: Kept,
        fields: Sequence[str],
        import_id: int | None,
        before_sets: Callable[[], None] | None = None,
    ) -> int:
        """Insert the kept workouts, then their sets (``before_sets`` runs between the two, on
        PostgreSQL); returns the number of sets."""
        uid = self._user_id
        workout_rows = [_workout_row(w, uid, import_id) for w, _, _ in kept]
        columns = [SET_FIELD_COLUMNS[f] for f in fields]
        columns.append("source_hash")
        if self._conn.dialect.name == "postgresql":
            _check_int4(kept, [i for i, c in enumerate(columns) if _COPY_TYPES.get(c) == "int4"])
            ids = self._bulk_insert_workouts(workout_rows)
            if before_sets is not None:
                before_sets()
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
                # being bound on every row. Empty values go as NaN, which SQLite stores as NULL.
                marks = ", ".join("?" for _ in range(len(columns) + 1))
                link = "NULL" if import_id is None else str(int(import_id))
                self._conn.exec_driver_sql(
                    "INSERT INTO performed_sets (user_id, import_id, workout_id, "
                    f"{', '.join(columns)}) VALUES ({int(uid)}, {link}, {marks})",
                    [
                        (wid, *map(_sqlite_null, r, r), _sqlite_null(h, h))
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

    def _any_keyed(self) -> bool:
        """Whether any set of the user has a source key."""
        found = self._conn.execute(
            select(performed_sets.c.id)
            .where(
                performed_sets.c.user_id == self._user_id,
                performed_sets.c.source_hash.is_not(None),
            )
            .limit(1)
        ).first()
        return found is not None

    def _stored_with_hashes(self, hashes: list[int], column: str) -> list[Any]:
        if not self._any_keyed():
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


# Below this many rows the workouts table is analyzed once a stream's first workouts are in
# (see RowStream): a table this small takes a moment, and only a new deployment has one.
_SMALL_TABLE = 1000


class RowStream:
    """An import's workouts stored while its file is still being read (PostgreSQL).

    The parser hands over finished workouts in batches (:meth:`closed`); a thread of this
    object stores each batch through the unit of work's connection (ids reserved, ``COPY`` of
    the workouts, then of their sets), so the server checks and indexes one batch while the
    parser reads on. The connection is the thread's alone until :meth:`finish` or
    :meth:`abandon` returns. Everything stays in the caller's transaction, after a savepoint:
    when a workout comes back later in the file (:meth:`reopened`), or fewer sets were handed
    over than the file holds, the stream is rolled back to it and :meth:`finish` answers None,
    for the caller to store the parsed file with ``add_rows``. Only for a user without keyed
    sets (``can_stream``): a key repeated in the file is skipped, as ``add_rows`` does.
    """

    def __init__(self, repo: BulkSets, fields: Sequence[str], import_id: int | None) -> None:
        self._repo = repo
        self._fields = tuple(fields)
        self._import_id = import_id
        self._unit_at = self._fields.index("unit") if "unit" in self._fields else -1
        # The server plans the check of the sets' key to their workouts (a trigger's query)
        # once per connection, at its first use. On a workouts table still (nearly) empty it
        # would plan a scan of the table, or of the index on (user_id, client_id) since it
        # knows nothing better: a plan kept while the table grows batch by batch, each check
        # reading all of the user's workouts.
        # With scans off for this transaction, and the table analyzed after the first batch of
        # workouts when it was small, the check uses the workouts' key.
        repo._conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        self._analyze_first = bool(
            repo._conn.exec_driver_sql(
                f"SELECT reltuples < {_SMALL_TABLE} FROM pg_class WHERE oid = 'workouts'::regclass"
            ).scalar()
        )
        self._savepoint = repo._conn.begin_nested()
        self._queue: queue.SimpleQueue[list[tuple[Workout, Sequence[Sequence[Any]]]] | None]
        self._queue = queue.SimpleQueue()
        self._seen: set[int] = set()
        self._handed = 0
        self._stored = (0, 0)
        self._void = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="import-rows", daemon=True)
        self._thread.start()

    def closed(self, workouts: Sequence[Any]) -> None:
        """Store these parsed workouts (each with ``workout`` and ``rows``) in the background;
        raises the storing thread's failure, if any, so the parser stops at once."""
        if self._error is not None:
            raise self._error
        batch = [(p.workout, p.rows) for p in workouts]
        self._handed += sum(len(rows) for _, rows in batch)
        self._queue.put(batch)

    def reopened(self) -> None:
        """What was handed over is void (the batches still queued are dropped)."""
        self._void = True

    def finish(self, expected_sets: int) -> tuple[int, int] | None:
        """Wait for the last batch: (workouts, sets) stored, or None after rolling back to the
        savepoint when the stream is void or did not get all ``expected_sets``."""
        self._stop()
        if self._void or self._handed != expected_sets:
            self._savepoint.rollback()
            return None
        if self._error is not None:
            raise self._error
        self._savepoint.commit()
        return self._stored

    def abandon(self) -> None:
        """Stop storing after a failure elsewhere (the caller's transaction rolls back)."""
        self._void = True
        self._stop()

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    def _run(self) -> None:
        while (batch := self._queue.get()) is not None:
            if self._void or self._error is not None:
                continue
            try:
                with _refusals_as_invalid_input():
                    self._store(batch)
            except BaseException as exc:  # handed to the parser's thread, raised there
                self._error = exc

    def _analyze_workouts(self) -> None:
        self._repo._conn.exec_driver_sql("ANALYZE workouts")

    def _store(self, batch: list[tuple[Workout, Sequence[Sequence[Any]]]]) -> None:
        hashes = _batch_hashes(batch, self._fields)
        keyed = [h for hs in hashes for h in hs if h is not None]
        fresh = set(keyed)
        if len(fresh) == len(keyed) and self._seen.isdisjoint(fresh):
            self._seen |= fresh
            kept = [(w, rows, hs) for (w, rows), hs in zip(batch, hashes, strict=True) if rows]
        else:
            kept = _new_rows(batch, hashes, {}, self._seen, {}, self._unit_at)
        if kept:
            analyze = self._analyze_workouts if self._analyze_first else None
            self._analyze_first = False
            sets = self._repo._insert_rows(kept, self._fields, self._import_id, analyze)
            self._stored = (self._stored[0] + len(kept), self._stored[1] + sets)


__all__ = ["BulkSets", "RowStream"]
