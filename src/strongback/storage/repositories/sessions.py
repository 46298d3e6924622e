"""The guided sessions repository: one active session per user, its state, its entered sets.

Both guarantees are the database's, so they hold across workers and engines: a unique key on
``(user_id, active)`` refuses a second active session (the insert does nothing and the caller
is told), and one on ``(user_id, client_id)`` stores a set sent twice once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, select, update

from strongback.domain.guided.codec import state_from_public, state_to_public
from strongback.domain.guided.session import EnteredSet, GuidedSession
from strongback.domain.vocab import WeightUnit
from strongback.storage.dialects import insert_for
from strongback.storage.repositories.rows import _refusals_as_invalid_input
from strongback.storage.tables import training_session_sets, training_sessions


def _utc_naive(moment: datetime) -> datetime:
    """UTC without an offset, as the columns hold it."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None)


def _entered(row: Row[Any]) -> EnteredSet:
    return EnteredSet(
        id=row.client_id,
        item=row.item,
        number=row.number,
        exercise=row.exercise,
        entered_at=row.entered_at.replace(tzinfo=UTC),
        reps=row.reps,
        seconds=row.seconds,
        weight=row.weight,
        unit=WeightUnit(row.unit) if row.unit else None,
        rir=row.rir,
        pain=row.pain,
        pain_where=row.pain_where,
    )


class SessionRepository:
    """A user's guided sessions."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def _insert(self, table: Any) -> Any:
        return insert_for(self._conn, table)

    def start(self, session: GuidedSession, now: datetime) -> GuidedSession | None:
        """Store a new active session; None (nothing stored) when the user has one already."""
        with _refusals_as_invalid_input():
            new_id = self._conn.execute(
                self._insert(training_sessions)
                .values(
                    user_id=self._user_id,
                    active=True,
                    started_at=_utc_naive(session.started_at),
                    updated_at=_utc_naive(now),
                    state=state_to_public(session),
                )
                .on_conflict_do_nothing(index_elements=["user_id", "active"])
                .returning(training_sessions.c.id)
            ).scalar()
        if new_id is None:
            return None
        return replace(session, id=int(new_id))

    def active(self, *, lock: bool = False) -> GuidedSession | None:
        """The user's active session with its entered sets (``lock``: hold its row until the
        transaction ends, for a read-change-write)."""
        query = select(training_sessions.c.id, training_sessions.c.state).where(
            training_sessions.c.user_id == self._user_id, training_sessions.c.active.is_(True)
        )
        if lock:
            query = query.with_for_update()
        row = self._conn.execute(query).first()
        if row is None:
            return None
        session = state_from_public(row.state, session_id=row.id)
        return replace(session, entered=self.entered(row.id))

    def entered(self, session_id: int) -> tuple[EnteredSet, ...]:
        """The sets entered in one of the user's sessions, in the order they were stored."""
        rows = self._conn.execute(
            select(training_session_sets)
            .where(
                training_session_sets.c.user_id == self._user_id,
                training_session_sets.c.session_id == session_id,
            )
            .order_by(training_session_sets.c.id)
        ).all()
        return tuple(_entered(r) for r in rows)

    def save_state(self, session: GuidedSession, now: datetime) -> None:
        """Store the state of the user's active session (its items, position and deadline)."""
        self._conn.execute(
            update(training_sessions)
            .where(
                training_sessions.c.id == session.id,
                training_sessions.c.user_id == self._user_id,
                training_sessions.c.active.is_(True),
            )
            .values(state=state_to_public(session), updated_at=_utc_naive(now))
        )

    def add_set(self, session_id: int, entry: EnteredSet) -> bool:
        """Store an entered set; False (nothing stored) when its client id is known already."""
        with _refusals_as_invalid_input():
            stored = self._conn.execute(
                self._insert(training_session_sets)
                .values(
                    user_id=self._user_id,
                    session_id=session_id,
                    client_id=entry.id,
                    item=entry.item,
                    number=entry.number,
                    exercise=entry.exercise,
                    reps=entry.reps,
                    seconds=entry.seconds,
                    weight=entry.weight,
                    unit=entry.unit.value if entry.unit else None,
                    rir=entry.rir,
                    pain=entry.pain,
                    pain_where=entry.pain_where,
                    entered_at=_utc_naive(entry.entered_at),
                )
                .on_conflict_do_nothing(index_elements=["user_id", "client_id"])
                .returning(training_session_sets.c.id)
            ).scalar()
        return stored is not None

    def end(self, session_id: int, now: datetime, workout_id: int | None) -> None:
        """Close one of the user's sessions (finished with its workout, or abandoned)."""
        self._conn.execute(
            update(training_sessions)
            .where(
                training_sessions.c.id == session_id,
                training_sessions.c.user_id == self._user_id,
            )
            .values(active=None, ended_at=_utc_naive(now), updated_at=_utc_naive(now),
                    workout_id=workout_id)
        )  # fmt: skip

    def workout_of(self, session_id: int) -> int | None:
        """The workout a finished session wrote (None while active, abandoned, or unknown)."""
        found = self._conn.execute(
            select(training_sessions.c.workout_id).where(
                training_sessions.c.id == session_id,
                training_sessions.c.user_id == self._user_id,
            )
        ).scalar()
        return int(found) if found is not None else None


__all__ = ["SessionRepository"]
