"""The repository of a user's body weight, one weighing per day."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, delete, insert, select

from strongback.domain.body_weight import BodyWeight
from strongback.domain.vocab import WeightUnit
from strongback.storage.repositories.rows import _now
from strongback.storage.tables import body_weights


class BodyWeightRepository:
    """The user's weighings."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def list(self) -> list[BodyWeight]:
        """Every weighing, oldest first."""
        rows = self._conn.execute(
            select(body_weights.c.id, body_weights.c.day, body_weights.c.weight,
                   body_weights.c.unit)
            .where(body_weights.c.user_id == self._user_id)
            .order_by(body_weights.c.day)
        ).all()  # fmt: skip
        return [BodyWeight(r.day, r.weight, WeightUnit(r.unit), id=r.id) for r in rows]

    def put(self, entry: BodyWeight) -> BodyWeight:
        """Store a weighing; one already stored on that day is replaced. Returns it with its id."""
        mine = body_weights.c.user_id == self._user_id
        self._conn.execute(delete(body_weights).where(mine, body_weights.c.day == entry.day))
        new_id = self._conn.execute(
            insert(body_weights)
            .values(user_id=self._user_id, day=entry.day, weight=entry.weight,
                    unit=entry.unit.value, created_at=_now())
            .returning(body_weights.c.id)
        ).scalar_one()  # fmt: skip
        return BodyWeight(entry.day, entry.weight, entry.unit, id=new_id)

    def add_imported(self, entries: Sequence[BodyWeight], import_id: int) -> int:
        """Store an import's weighings on the days that have none yet (a weighing already
        stored, by hand or by an earlier import, is kept), tied to the import. Returns how
        many were added."""
        if not entries:
            return 0
        taken = set(
            self._conn.execute(
                select(body_weights.c.day).where(body_weights.c.user_id == self._user_id)
            ).scalars()
        )
        now = _now()
        rows = [
            {"user_id": self._user_id, "day": e.day, "weight": e.weight, "unit": e.unit.value,
             "created_at": now, "import_id": import_id}
            for e in entries
            if e.day not in taken
        ]  # fmt: skip
        if rows:
            self._conn.execute(insert(body_weights), rows)
        return len(rows)


__all__ = ["BodyWeightRepository"]
