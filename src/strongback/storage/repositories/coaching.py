"""The repositories of coaching: links and invites, comments with their read marks, check-ins.

Each works for the unit of work's user. A link belongs to the athlete; the coach's side (the
roster) reads the links that name them as coach. Comments belong to the athlete whose workout
they are on; a reader sees those of their own workouts and of athletes whose live link names
them, checked in the query itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    and_,
    delete,
    exists,
    insert,
    or_,
    select,
    true,
    update,
)

from strongback.domain.coaching import CheckIn, CoachingLink, Comment, Permission
from strongback.domain.errors import NotFound
from strongback.storage.tables import (
    checkins,
    coaching_invites,
    coaching_links,
    comment_reads,
    comments,
    users,
)


def _link(row: Row[Any]) -> CoachingLink:
    m = row._mapping
    return CoachingLink(
        coach_id=m["coach_id"],
        athlete_id=m["user_id"],
        permission=Permission(m["permission"]),
        created_at=m["created_at"],
        revoked_at=m["revoked_at"],
        coach_name=m.get("coach_name") or "",
        athlete_name=m.get("athlete_name") or "",
        coaching_on=bool(m.get("coach_coaching", True)),
    )


_coach = users.alias("coach")
_athlete = users.alias("athlete")
_LINK_READ = select(
    coaching_links,
    _coach.c.name.label("coach_name"),
    _athlete.c.name.label("athlete_name"),
    _coach.c.coaching.label("coach_coaching"),
).select_from(
    coaching_links.join(_coach, _coach.c.id == coaching_links.c.coach_id).join(
        _athlete, _athlete.c.id == coaching_links.c.user_id
    )
)


class CoachingRepository:
    """Invites the user made as a coach, and links where the user is the athlete or the coach."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    # -- the switch and invites (the user is the coach) -------------------------------------

    def coaching_on(self, user_id: int | None = None) -> bool:
        """Whether the user (or another account, a coach of the user) turned coaching on."""
        account = self._user_id if user_id is None else user_id
        found = self._conn.execute(select(users.c.coaching).where(users.c.id == account))
        return bool(found.scalar())

    def set_coaching(self, on: bool) -> None:
        """Turn the user's coaching on or off."""
        self._conn.execute(update(users).where(users.c.id == self._user_id).values(coaching=on))

    def add_invite(self, token_hash: str, created_at: datetime, expires_at: datetime) -> None:
        """Store an invite by the user, known by its token's hash."""
        self._conn.execute(
            insert(coaching_invites).values(
                user_id=self._user_id,
                token_hash=token_hash,
                created_at=created_at,
                expires_at=expires_at,
            )
        )

    # -- accepting (the user is the athlete) ------------------------------------------------

    def take_invite(self, token_hash: str, now: datetime) -> int:
        """Use up an invite for the user; returns the coach's id. NotFound says why it cannot
        be used (unknown, already used, expired, or the coach's own). Atomic: of two takers
        of one invite, one wins."""
        row = self._conn.execute(
            select(coaching_invites).where(coaching_invites.c.token_hash == token_hash)
        ).first()
        if row is None:
            raise NotFound("no such invite; ask your coach for a new link", field="token")
        if row.accepted_at is not None:
            raise NotFound("this invite was already used; ask for a new link", field="token")
        if row.expires_at <= now:
            raise NotFound("this invite has expired; ask for a new link", field="token")
        if row.user_id == self._user_id:
            raise NotFound("this is your own invite: send it to your athlete", field="token")
        coaching_on = select(users.c.coaching).where(users.c.id == row.user_id)
        if not self._conn.execute(coaching_on).scalar():
            raise NotFound("this coach has turned coaching off; ask for a new link", field="token")
        taken = self._conn.execute(
            update(coaching_invites)
            .where(coaching_invites.c.id == row.id, coaching_invites.c.accepted_at.is_(None))
            .values(accepted_at=now, accepted_by=self._user_id)
        )
        if taken.rowcount != 1:
            raise NotFound("this invite was already used; ask for a new link", field="token")
        return int(row.user_id)

    def grant(self, coach_id: int, permission: Permission, now: datetime) -> None:
        """Give a coach access to the user's data (again, after a revocation)."""
        done = self._conn.execute(
            update(coaching_links)
            .where(coaching_links.c.user_id == self._user_id, coaching_links.c.coach_id == coach_id)
            .values(permission=permission.value, changed_at=now, revoked_at=None)
        )
        if done.rowcount == 0:
            self._conn.execute(
                insert(coaching_links).values(
                    user_id=self._user_id,
                    coach_id=coach_id,
                    permission=permission.value,
                    created_at=now,
                    changed_at=now,
                )
            )

    # -- the athlete's side ------------------------------------------------------------------

    def coach_link(self, coach_id: int) -> CoachingLink | None:
        """The link (live or revoked) of this coach to the user, read now."""
        row = self._conn.execute(
            _LINK_READ.where(
                coaching_links.c.user_id == self._user_id, coaching_links.c.coach_id == coach_id
            )
        ).first()
        return _link(row) if row is not None else None

    def coaches(self) -> list[CoachingLink]:
        """The user's coaches with live links, oldest first."""
        rows = self._conn.execute(
            _LINK_READ.where(
                coaching_links.c.user_id == self._user_id, coaching_links.c.revoked_at.is_(None)
            ).order_by(coaching_links.c.id)
        ).all()
        return [_link(r) for r in rows]

    def change(self, coach_id: int, now: datetime, permission: Permission | None) -> bool:
        """Change a live link's permission, or revoke it (``permission`` None); False when the
        coach has no live link to the user."""
        values: dict[str, Any] = {"changed_at": now}
        if permission is None:
            values["revoked_at"] = now
        else:
            values["permission"] = permission.value
        done = self._conn.execute(
            update(coaching_links)
            .where(
                coaching_links.c.user_id == self._user_id,
                coaching_links.c.coach_id == coach_id,
                coaching_links.c.revoked_at.is_(None),
            )
            .values(**values)
        )
        return done.rowcount == 1

    # -- the coach's side --------------------------------------------------------------------

    def athletes(self) -> list[CoachingLink]:
        """The athletes whose live link names the user as coach, by name."""
        rows = self._conn.execute(
            _LINK_READ.where(
                coaching_links.c.coach_id == self._user_id, coaching_links.c.revoked_at.is_(None)
            ).order_by(_athlete.c.name, coaching_links.c.user_id)
        ).all()
        return [_link(r) for r in rows]


_reader = users.alias("reader")  # never correlated with a users table of the outer query


def _visible_to(reader_id: int) -> ColumnElement[bool]:
    """Comments a reader may see: on their own workouts, or an athlete's with a live link
    while the reader's coaching is on."""
    live = exists().where(
        coaching_links.c.user_id == comments.c.user_id,
        coaching_links.c.coach_id == reader_id,
        coaching_links.c.revoked_at.is_(None),
        _reader.c.id == coaching_links.c.coach_id,
        _reader.c.coaching == true(),
    )
    return or_(comments.c.user_id == reader_id, live)


def _unread(reader_id: int) -> ColumnElement[bool]:
    read = exists().where(
        comment_reads.c.comment_id == comments.c.id, comment_reads.c.user_id == reader_id
    )
    return and_(comments.c.author_id != reader_id, ~read)


def _comment_query(reader_id: int) -> Any:
    return (
        select(comments, users.c.name.label("author_name"), _unread(reader_id).label("unread"))
        .join(users, users.c.id == comments.c.author_id)
        .order_by(comments.c.created_at, comments.c.id)
    )


def _comment(row: Row[Any]) -> Comment:
    return Comment(
        id=row.id,
        athlete_id=row.user_id,
        workout_id=row.workout_id,
        set_id=row.set_id,
        author_id=row.author_id,
        author_name=row.author_name,
        body=row.body,
        created_at=row.created_at,
        unread=bool(row.unread),
    )


class CommentRepository:
    """Comments on the user's workouts; the user's unread marks on every thread they see."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def add(
        self, workout_id: int, set_id: int | None, author_id: int, body: str, now: datetime
    ) -> int:
        """Store a comment on one of the user's workouts (or one of its sets)."""
        return int(
            self._conn.execute(
                insert(comments)
                .values(
                    user_id=self._user_id,
                    workout_id=workout_id,
                    set_id=set_id,
                    author_id=author_id,
                    body=body,
                    created_at=now,
                )
                .returning(comments.c.id)
            ).scalar_one()
        )

    def on_workouts(self, reader_id: int, workout_id: int | None = None) -> list[Comment]:
        """Comments on the user's workouts (one workout's with ``workout_id``), oldest first,
        unread as ``reader_id`` sees them."""
        query = _comment_query(reader_id).where(comments.c.user_id == self._user_id)
        if workout_id is not None:
            query = query.where(comments.c.workout_id == workout_id)
        return [_comment(r) for r in self._conn.execute(query).all()]

    def unread(self) -> list[Comment]:
        """What is new for the user: comments by others on every thread they may see."""
        query = _comment_query(self._user_id).where(
            _visible_to(self._user_id), _unread(self._user_id)
        )
        return [_comment(r) for r in self._conn.execute(query).all()]

    def mark_read(self, comment_ids: Iterable[int], now: datetime) -> int:
        """Mark comments the user may see as read by them; returns how many were newly marked."""
        wanted = sorted(set(comment_ids))
        if not wanted:
            return 0
        fresh = self._conn.execute(
            select(comments.c.id).where(
                comments.c.id.in_(wanted), _visible_to(self._user_id), _unread(self._user_id)
            )
        ).scalars()
        rows = [{"user_id": self._user_id, "comment_id": i, "read_at": now} for i in fresh]
        if rows:
            self._conn.execute(insert(comment_reads), rows)
        return len(rows)


class CheckInRepository:
    """The user's daily check-ins."""

    def __init__(self, conn: Connection, user_id: int) -> None:
        self._conn = conn
        self._user_id = user_id

    def save(self, checkin: CheckIn, now: datetime) -> None:
        """Store the day's check-in, replacing one already recorded that day."""
        self._conn.execute(
            delete(checkins).where(
                checkins.c.user_id == self._user_id, checkins.c.day == checkin.day
            )
        )
        self._conn.execute(
            insert(checkins).values(
                user_id=self._user_id,
                day=checkin.day,
                sleep=checkin.sleep,
                energy=checkin.energy,
                soreness=checkin.soreness,
                back_pain=checkin.back_pain,
                note=checkin.note,
                created_at=now,
            )
        )

    def list(self, *, since: date | None = None, until: date | None = None) -> list[CheckIn]:
        """Check-ins from ``since`` to ``until`` (both inclusive), oldest first."""
        query = select(checkins).where(checkins.c.user_id == self._user_id)
        if since is not None:
            query = query.where(checkins.c.day >= since)
        if until is not None:
            query = query.where(checkins.c.day <= until)
        return [
            CheckIn(
                day=r.day,
                back_pain=r.back_pain,
                sleep=r.sleep,
                energy=r.energy,
                soreness=r.soreness,
                note=r.note,
            )
            for r in self._conn.execute(query.order_by(checkins.c.day)).all()
        ]


__all__ = ["CheckInRepository", "CoachingRepository", "CommentRepository"]
