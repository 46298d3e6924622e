"""Deleted workouts, kept so a delete can be undone: each one's rows as they were stored.

A deleted workout's row and its sets' rows go to ``deleted_workouts`` as JSON, column by
column, and come back the same: ids, import, log day, client id and source keys included. An
id taken meanwhile (SQLite hands a deleted newest id out again) is replaced by a new one.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Table, delete, exists, insert, select

from strongback.domain.errors import Conflict
from strongback.storage.repositories.rows import _storable_id
from strongback.storage.tables import deleted_workouts, performed_sets, workouts

# How long a deleted workout can be brought back.
KEEP_DELETED = timedelta(days=30)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _to_json(table: Table, row: Any) -> dict[str, Any]:
    m = row._mapping
    return {
        c.name: m[c.name].isoformat() if isinstance(m[c.name], date) else m[c.name] for c in table.c
    }


def _from_json(table: Table, data: dict[str, Any]) -> dict[str, Any]:
    values = {}
    for c in table.c:
        value = data.get(c.name)
        if value is not None and isinstance(c.type, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(c.type, Date):
            value = date.fromisoformat(value)
        values[c.name] = value
    return values


class TrashRepository:
    """One user's deleted workouts."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def discard(self, workout_id: int) -> bool:
        """Delete one of the user's workouts with its sets, keeping them to be restored;
        False when the user has no such workout. Deletions older than KEEP_DELETED go."""
        if not _storable_id(self._conn, workout_id):
            return False
        row = self._conn.execute(
            select(workouts).where(workouts.c.id == workout_id, workouts.c.user_id == self._user_id)
        ).first()
        if row is None:
            return False
        sets = self._conn.execute(
            select(performed_sets)
            .where(
                performed_sets.c.workout_id == workout_id,
                performed_sets.c.user_id == self._user_id,
            )
            .order_by(performed_sets.c.id)
        ).all()
        now = _now()
        data = {
            "workout": _to_json(workouts, row),
            "sets": [_to_json(performed_sets, s) for s in sets],
        }
        self._conn.execute(
            delete(deleted_workouts).where(
                deleted_workouts.c.user_id == self._user_id,
                deleted_workouts.c.deleted_at < now - KEEP_DELETED,
            )
        )
        self._conn.execute(
            insert(deleted_workouts).values(
                user_id=self._user_id,
                workout_id=workout_id,
                client_id=row.client_id,
                deleted_at=now,
                data=data,
            )
        )
        self._conn.execute(
            delete(workouts).where(workouts.c.id == workout_id, workouts.c.user_id == self._user_id)
        )
        return True

    def holds_client_id(self, client_id: str) -> bool:
        """Whether a deleted workout of the user was created with ``client_id``."""
        return bool(
            self._conn.execute(
                select(
                    exists().where(
                        deleted_workouts.c.user_id == self._user_id,
                        deleted_workouts.c.client_id == client_id,
                    )
                )
            ).scalar()
        )

    def restore(self, workout_id: int) -> int | None:
        """Bring back the user's last deleted workout of this id with its sets; returns its id
        (a new one when the old was taken meanwhile), None when there is nothing to restore.

        Raises Conflict when its sets were imported again since (their source keys are taken).
        """
        if not _storable_id(self._conn, workout_id):
            return None
        entry = self._conn.execute(
            select(deleted_workouts)
            .where(
                deleted_workouts.c.user_id == self._user_id,
                deleted_workouts.c.workout_id == workout_id,
            )
            .order_by(deleted_workouts.c.id.desc())
            .limit(1)
        ).first()
        if entry is None:
            return None
        workout = self._free_workout_values(_from_json(workouts, entry.data["workout"]))
        sets = [_from_json(performed_sets, s) for s in entry.data["sets"]]
        self._check_source_keys(sets)
        new_id = self._conn.execute(
            insert(workouts).values(**workout).returning(workouts.c.id)
        ).scalar_one()
        if sets:
            ids_taken = self._taken(performed_sets, [s["id"] for s in sets])
            for s in sets:
                s["workout_id"], s["user_id"] = new_id, self._user_id
                if ids_taken:
                    del s["id"]
            self._conn.execute(insert(performed_sets), sets)
        self._conn.execute(delete(deleted_workouts).where(deleted_workouts.c.id == entry.id))
        return int(new_id)

    def _free_workout_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """The workout's values with what was taken meanwhile let go: its id, its log day (a
        new log workout of that day was started) or its client id."""
        values["user_id"] = self._user_id
        if self._taken(workouts, [values["id"]]):
            del values["id"]
        for column in ("log_day", "client_id"):
            if (
                values[column] is not None
                and self._conn.execute(
                    select(
                        exists().where(
                            workouts.c.user_id == self._user_id,
                            workouts.c[column] == values[column],
                        )
                    )
                ).scalar()
            ):
                values[column] = None
        return values

    def _taken(self, table: Table, ids: list[int]) -> bool:
        return bool(self._conn.execute(select(exists().where(table.c.id.in_(ids)))).scalar())

    def _check_source_keys(self, sets: list[dict[str, Any]]) -> None:
        hashes = [s["source_hash"] for s in sets if s["source_hash"] is not None]
        if (
            hashes
            and self._conn.execute(
                select(
                    exists().where(
                        performed_sets.c.user_id == self._user_id,
                        performed_sets.c.source_hash.in_(hashes),
                    )
                )
            ).scalar()
        ):
            raise Conflict(
                "the workout cannot come back: its sets were imported again since it was deleted"
            )


__all__ = ["KEEP_DELETED", "TrashRepository"]
