"""Repositories of the import records (what ``import list`` shows and ``import undo`` removes)
and of the names a user mapped to exercises. Every query is scoped to one user."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, exists, func, insert, select, update

from strongback.domain.errors import InvalidInput
from strongback.domain.imports import ImportRecord, UndoneImport
from strongback.storage.tables import (
    body_weights,
    custom_exercises,
    imports,
    name_mappings,
    performed_sets,
    workouts,
)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class ImportRepository:
    """The user's import records and the rows each one added."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def start(self, app: str, file: str, unit: str | None, created: Sequence[str] = ()) -> int:
        """Record an import about to add rows, with the ids of the custom exercises it created;
        returns its id (counts are set by :meth:`finish`)."""
        return int(
            self._conn.execute(
                insert(imports)
                .values(
                    user_id=self._user_id,
                    app=app,
                    file=file,
                    unit=unit,
                    imported_at=_now(),
                    workouts=0,
                    sets=0,
                    duplicates=0,
                    skipped=0,
                    created_exercises=list(created),
                )
                .returning(imports.c.id)
            ).scalar_one()
        )

    def finish(
        self, import_id: int, *, workouts: int, sets: int, duplicates: int, skipped: int
    ) -> None:
        """Store the counts of a finished import."""
        self._conn.execute(
            update(imports)
            .where(imports.c.id == import_id, imports.c.user_id == self._user_id)
            .values(workouts=workouts, sets=sets, duplicates=duplicates, skipped=skipped)
        )

    def describe(
        self, import_id: int, *, app: str, unit: str | None, created: Sequence[str]
    ) -> None:
        """Set what an import read and made, when it was only known after :meth:`start` (an
        import stored while its file was read): the app, the weight unit, the customs created."""
        self._conn.execute(
            update(imports)
            .where(imports.c.id == import_id, imports.c.user_id == self._user_id)
            .values(app=app, unit=unit, created_exercises=list(created))
        )

    def list(self) -> list[ImportRecord]:
        """Every import of the user, oldest first."""
        rows = self._conn.execute(
            select(imports).where(imports.c.user_id == self._user_id).order_by(imports.c.id)
        ).all()
        return [_record(r._mapping) for r in rows]

    def get(self, import_id: int) -> ImportRecord | None:
        """One of the user's imports, or None."""
        row = self._conn.execute(
            select(imports).where(imports.c.id == import_id, imports.c.user_id == self._user_id)
        ).first()
        return _record(row._mapping) if row is not None else None

    def undo(self, import_id: int) -> UndoneImport:
        """Delete exactly the sets and workouts this import added, then its record.

        A workout the import added keeps living when sets logged later by hand are in it.
        Raises InvalidInput when the user has no such import.
        """
        record = self.get(import_id)
        if record is None:
            raise InvalidInput(f"no import with id {import_id}", field="id")
        uid = self._user_id
        removed_sets = self._conn.execute(
            delete(performed_sets).where(
                performed_sets.c.user_id == uid, performed_sets.c.import_id == import_id
            )
        ).rowcount
        empty = ~exists().where(
            and_(performed_sets.c.workout_id == workouts.c.id, performed_sets.c.user_id == uid)
        )
        removed_workouts = self._conn.execute(
            delete(workouts).where(
                workouts.c.user_id == uid, workouts.c.import_id == import_id, empty
            )
        ).rowcount
        created = self._conn.execute(
            select(imports.c.created_exercises).where(
                imports.c.id == import_id, imports.c.user_id == uid
            )
        ).scalar_one()
        if created:
            used = exists().where(
                performed_sets.c.user_id == uid,
                performed_sets.c.exercise == custom_exercises.c.slug,
            )
            self._conn.execute(
                delete(custom_exercises).where(
                    custom_exercises.c.user_id == uid,
                    custom_exercises.c.slug.in_(list(created)),
                    ~used,
                )
            )
        removed_weights = self._conn.execute(
            delete(body_weights).where(
                body_weights.c.user_id == uid, body_weights.c.import_id == import_id
            )
        ).rowcount
        self._conn.execute(
            delete(imports).where(imports.c.id == import_id, imports.c.user_id == uid)
        )
        return UndoneImport(record, int(removed_workouts), int(removed_sets), int(removed_weights))


def _record(m: Mapping[Any, Any]) -> ImportRecord:
    get = m.__getitem__
    return ImportRecord(
        id=int(get("id")),
        app=get("app"),
        file=get("file"),
        unit=get("unit"),
        imported_at=get("imported_at"),
        workouts=int(get("workouts")),
        sets=int(get("sets")),
        duplicates=int(get("duplicates")),
        skipped=int(get("skipped")),
    )


class NameMappingRepository:
    """Names from other apps that the user tied to an exercise."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def all(self) -> dict[str, str]:
        """Every mapping, name -> exercise id, in name order."""
        rows = self._conn.execute(
            select(name_mappings.c.name, name_mappings.c.exercise)
            .where(name_mappings.c.user_id == self._user_id)
            .order_by(name_mappings.c.name)
        ).all()
        return {r[0]: r[1] for r in rows}

    def set(self, name: str, exercise: str) -> None:
        """Map a name to an exercise, replacing an earlier mapping of the same name."""
        done = self._conn.execute(
            update(name_mappings)
            .where(name_mappings.c.user_id == self._user_id, name_mappings.c.name == name)
            .values(exercise=exercise)
        )
        if done.rowcount == 0:
            self._conn.execute(
                insert(name_mappings).values(
                    user_id=self._user_id, name=name, exercise=exercise, created_at=_now()
                )
            )

    def move_sets(self, name: str, exercise: str) -> int:
        """Point every set imported under ``name`` at ``exercise``; returns how many moved."""
        done = self._conn.execute(
            update(performed_sets)
            .where(
                performed_sets.c.user_id == self._user_id,
                performed_sets.c.imported_as == name,
                performed_sets.c.exercise != exercise,
            )
            .values(exercise=exercise)
        )
        return int(done.rowcount)

    def count_sets(self, name: str) -> int:
        """How many of the user's sets were imported under ``name``."""
        return int(
            self._conn.execute(
                select(func.count())
                .select_from(performed_sets)
                .where(
                    performed_sets.c.user_id == self._user_id,
                    performed_sets.c.imported_as == name,
                )
            ).scalar_one()
        )


__all__ = ["ImportRecord", "ImportRepository", "NameMappingRepository", "UndoneImport"]
