"""Coach and athlete: the permission an athlete grants, the link between two accounts and the
one-time invite a coach hands out.

An invite's token is shown once; only its hash is stored, so a copy of the database cannot be
used to join anyone's roster.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from strongback.domain.errors import Conflict, InvalidInput

INVITE_DAYS = 7

COACHING_OFF = (
    "{coaching} is off for this account: turn it on (the Coaching page, or "
    "PUT /api/v1/coaching/settings) to invite athletes, see the dashboard and your athletes' "
    "plans, logs and comments"
)


def coaching_off() -> Conflict:
    """The refusal of a coach's tools while the account's coaching is off (field ``coaching``)."""
    return Conflict(COACHING_OFF, field="coaching")


"""An invite expires this many days after it was made."""

TOKEN_BYTES = 32


class Permission(StrEnum):
    """What an athlete lets a coach do: ``view`` (read everything, comment) or ``assign``
    (also assign plans and edit the profile)."""

    VIEW = "view"
    ASSIGN = "assign"

    def allows(self, need: Permission) -> bool:
        """True when this permission covers ``need``."""
        return self is Permission.ASSIGN or need is Permission.VIEW


def parse_permission(value: object) -> Permission:
    """The permission named by ``value``; InvalidInput naming the field ``permission``."""
    try:
        return Permission(str(value))
    except ValueError:
        raise InvalidInput(
            f"{{permission}} must be 'view' or 'assign', got {value!r}", field="permission"
        ) from None


@dataclass(frozen=True)
class CoachingLink:
    """A coach's access to an athlete's data, as the athlete granted it."""

    coach_id: int
    athlete_id: int
    permission: Permission
    created_at: datetime
    revoked_at: datetime | None = None
    coach_name: str = ""
    athlete_name: str = ""
    coaching_on: bool = True
    """Whether the coach has coaching on: while it is off the link is kept and the coach sees
    nothing of the athlete's."""

    @property
    def active(self) -> bool:
        """False once the athlete revoked it."""
        return self.revoked_at is None

    def allows(self, need: Permission) -> bool:
        """True when the link is live and its permission covers ``need``."""
        return self.active and self.permission.allows(need)


@dataclass(frozen=True)
class Invite:
    """A fresh invite: the plaintext token (shown once) and when it expires."""

    token: str
    expires_at: datetime


def new_token() -> str:
    """A random, URL-safe one-time token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What is stored of a token: its SHA-256, hex. A token has 256 random bits, so a fast
    hash is enough (there is nothing to guess from)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invite_expiry(now: datetime) -> datetime:
    """When an invite made at ``now`` expires."""
    return now + timedelta(days=INVITE_DAYS)


__all__ = [
    "COACHING_OFF",
    "INVITE_DAYS",
    "CoachingLink",
    "Invite",
    "Permission",
    "coaching_off",
    "invite_expiry",
    "new_token",
    "parse_permission",
    "token_hash",
]
