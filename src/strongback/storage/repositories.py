"""Repositories: map rows to domain values and back. Every query is scoped to one user.

The bulk path (:meth:`WorkoutRepository.add_many`) builds plain tuples and hands them to the
driver in one go: ``executemany`` on SQLite, ``COPY`` on PostgreSQL, both inside the unit of
work's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from operator import attrgetter
from typing import Any

from sqlalchemy import Connection, Row, Select, delete, exists, func, insert, select, update
from sqlalchemy.exc import DBAPIError

from strongback.domain.errors import InvalidInput
from strongback.domain.exercise import Exercise
from strongback.domain.profile import UserProfile
from strongback.domain.training_log import PerformedSet, Workout
from strongback.domain.vocab import Equipment, SetType, Side, WeightUnit
from strongback.storage.tables import (
    custom_exercises,
    performed_sets,
    plans,
    profiles,
    workouts,
)

# Column order of the bulk insert; _set_row builds tuples in exactly this order.
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


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def wall_clock(moment: datetime) -> datetime:
    """The naive wall-clock time stored for ``moment``: an offset, if any, is dropped, not applied.

    The exports record local times; storing what the user saw keeps "Monday 18:00" on Monday.
    """
    return moment.replace(tzinfo=None) if moment.tzinfo is not None else moment


def _slug(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


# The set's fields in SET_COLUMNS order after user_id and workout_id. Enum members go to the
# drivers as they are: both bind a str subclass as its text, which is the slug.
_SET_FIELDS = attrgetter(
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


def _set_row(s: PerformedSet, user_id: int, workout_id: int) -> tuple[Any, ...]:
    return (user_id, workout_id, *_SET_FIELDS(s))


def _set_values(s: PerformedSet, user_id: int, workout_id: int) -> dict[str, Any]:
    return {c: _slug(v) for c, v in zip(SET_COLUMNS, _set_row(s, user_id, workout_id), strict=True)}


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
def _refusals_as_invalid_input() -> Iterator[None]:
    """A value the database refuses (too long, out of range, a key stored meanwhile) becomes
    one clear line instead of a traceback; the caller's transaction is then rolled back."""
    try:
        yield
    except DBAPIError as exc:
        raise InvalidInput(f"the database refused the data: {_first_line(exc.orig)}") from None
    except Exception as exc:
        # psycopg's own errors, raised by COPY on the driver connection.
        if type(exc).__module__.startswith("psycopg"):
            raise InvalidInput(f"the database refused the data: {_first_line(exc)}") from None
        raise


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

    def append_sets(
        self, workout_id: int, sets: Sequence[PerformedSet]
    ) -> tuple[PerformedSet, ...]:
        """Add sets to one of the user's workouts; returns them with their ids.

        Raises InvalidInput when the workout is not the user's.
        """
        if not sets:
            return ()
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

    def add_many(self, workouts_in: Iterable[Workout]) -> int:
        """Bulk-insert workouts and their sets; returns the number of sets inserted.

        Sets whose ``source_key`` is already stored for this user (or repeated earlier in the
        same batch) are skipped, and a workout left with no set to insert is skipped too, so
        importing the same file twice adds nothing. Store a workout without sets with :meth:`add`.
        """
        batch = list(workouts_in)
        keys = [s.source_key for w in batch for s in w.sets if s.source_key is not None]
        seen = self.known_source_keys(keys) if keys else set()
        kept: list[tuple[Workout, list[PerformedSet]]] = []
        for w in batch:
            new: list[PerformedSet] = []
            for s in w.sets:
                key = s.source_key
                if key is not None:
                    if key in seen:
                        continue
                    seen.add(key)
                new.append(s)
            if new:
                kept.append((w, new))
        if not kept:
            return 0
        with _refusals_as_invalid_input():
            return self._insert_batch(kept)

    def _insert_batch(self, kept: list[tuple[Workout, list[PerformedSet]]]) -> int:
        uid = self._user_id
        postgres = self._conn.dialect.name == "postgresql"
        workout_rows = [_workout_row(w, uid) for w, _ in kept]
        ids = (
            self._bulk_insert_workouts(workout_rows)
            if postgres
            else self._insert_workouts(workout_rows)
        )
        fields = _SET_FIELDS
        rows = [
            (uid, wid, *fields(s)) for (_, sets), wid in zip(kept, ids, strict=True) for s in sets
        ]
        if postgres:
            self._copy("performed_sets", SET_COLUMNS, rows)
        else:
            marks = ", ".join("?" for _ in SET_COLUMNS)
            self._conn.exec_driver_sql(
                f"INSERT INTO performed_sets ({', '.join(SET_COLUMNS)}) VALUES ({marks})", rows
            )
        return len(rows)

    def _insert_workouts(self, rows: list[dict[str, Any]]) -> list[int]:
        # One multi-row INSERT ... RETURNING per batch; ids come back in parameter order.
        result = self._conn.execute(
            insert(workouts).returning(workouts.c.id, sort_by_parameter_order=True), rows
        )
        return [int(i) for i in result.scalars()]

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

    def _copy(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        # COPY through the driver connection of this same transaction.
        raw = self._conn.connection.driver_connection
        assert raw is not None
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    def delete_set(self, set_id: int) -> bool:
        """Delete one of the user's sets; its workout goes too when no set is left in it."""
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
        done = self._conn.execute(
            delete(workouts).where(workouts.c.id == workout_id, workouts.c.user_id == self._user_id)
        )
        return bool(done.rowcount)

    # -- reading -------------------------------------------------------------------------------

    def known_source_keys(self, keys: Iterable[str]) -> set[str]:
        """The keys among ``keys`` that are already stored for this user."""
        wanted = list(dict.fromkeys(k for k in keys if k is not None))
        if not wanted:
            return set()
        any_keyed = self._conn.execute(
            select(performed_sets.c.id)
            .where(
                performed_sets.c.user_id == self._user_id,
                performed_sets.c.source_key.is_not(None),
            )
            .limit(1)
        ).first()
        if any_keyed is None:
            return set()
        # One round trip whatever the number of keys: an array on PostgreSQL, a JSON array
        # unpacked by json_each on SQLite.
        if self._conn.dialect.name == "postgresql":
            sql = (
                "SELECT source_key FROM performed_sets "
                "WHERE user_id = %(user)s AND source_key = ANY(%(keys)s)"
            )
            params: Any = {"user": self._user_id, "keys": wanted}
        else:
            sql = (
                "SELECT source_key FROM performed_sets WHERE user_id = ? "
                "AND source_key IN (SELECT value FROM json_each(?))"
            )
            params = (self._user_id, json.dumps(wanted))
        return {r[0] for r in self._conn.exec_driver_sql(sql, params)}

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
        if self.get(exercise.id) is not None:
            return
        stored = (
            exercise
            if exercise.source == "custom"
            else exercise.model_copy(update={"source": "custom"})
        )
        self._conn.execute(
            insert(custom_exercises).values(
                user_id=self._user_id,
                slug=stored.id,
                name=stored.name,
                data=stored.model_dump(mode="json"),
                created_at=_now(),
            )
        )


@dataclass(frozen=True)
class StoredPlan:
    """A saved plan with its bookkeeping."""

    id: int
    name: str | None
    created_at: datetime
    is_current: bool
    plan: dict[str, Any]


class PlanRepository:
    """Plans the user generated; at most one is current."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def save(
        self,
        plan: dict[str, Any],
        *,
        name: str | None = None,
        current: bool = True,
        created_at: datetime | None = None,
    ) -> int:
        """Store a plan (the JSON object of ``strongback plan --json``); returns its id.

        A current plan replaces the previous current one, which stays stored.
        """
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
                    data=plan,
                )
                .returning(plans.c.id)
            ).scalar_one()
        )

    def current(self) -> dict[str, Any] | None:
        """The current plan, or None."""
        data = self._conn.execute(
            select(plans.c.data)
            .where(plans.c.user_id == self._user_id, plans.c.is_current.is_(True))
            .order_by(plans.c.id.desc())
            .limit(1)
        ).scalar()
        return dict(data) if data is not None else None

    def list(self) -> list[StoredPlan]:
        """Every stored plan, oldest first."""
        rows = self._conn.execute(
            select(plans).where(plans.c.user_id == self._user_id).order_by(plans.c.id)
        ).all()
        return [
            StoredPlan(
                id=r.id,
                name=r.name,
                created_at=r.created_at,
                is_current=bool(r.is_current),
                plan=dict(r.data),
            )
            for r in rows
        ]


__all__ = [
    "SET_COLUMNS",
    "CustomExerciseRepository",
    "PlanRepository",
    "ProfileRepository",
    "StoredPlan",
    "WorkoutRepository",
    "wall_clock",
]
