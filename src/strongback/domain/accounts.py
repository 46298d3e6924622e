"""Accounts of a shared deployment: who signs in, their API tokens, and the rules on emails and
passwords. Plain values; hashing and storage live outside the domain."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from strongback.domain.errors import InvalidInput

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
MAX_EMAIL_LENGTH = 320
# Enough to catch a typo (no @, no dot in the domain, spaces); the address is never mailed.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Account:
    """A user who can sign in (or the CLI's local user before it became an account)."""

    id: int
    name: str
    email: str | None
    is_demo: bool
    created_at: datetime
    coaching: bool = False  # coaching turned on: a coach's dashboard and invites

    @property
    def label(self) -> str:
        """How pages name the account."""
        return self.email or self.name


@dataclass(frozen=True)
class SignedIn:
    """A signed-in session's account and the version of the account's data (raised by every
    write to it: what a page kept for the account is keyed on)."""

    account: Account
    data_version: int


@dataclass(frozen=True)
class ApiToken:
    """A personal access token as listed (its secret is shown once, when created)."""

    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


def normalized_email(text: str) -> str:
    """The email as stored and compared: trimmed and lowercased; InvalidInput naming ``email``."""
    email = text.strip().lower()
    if not email:
        raise InvalidInput("{email} is required", field="email")
    if len(email) > MAX_EMAIL_LENGTH or not _EMAIL.match(email):
        raise InvalidInput("{email} must be an address like name@example.org", field="email")
    return email


def check_new_password(password: str, field: str = "password") -> None:
    """Refuse a password too short or too long to be a good one (InvalidInput naming ``field``)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"{{{field}}} must be at least {MIN_PASSWORD_LENGTH} characters", field=field
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(
            f"{{{field}}} must be at most {MAX_PASSWORD_LENGTH} characters", field=field
        )


__all__ = [
    "MIN_PASSWORD_LENGTH",
    "Account",
    "ApiToken",
    "SignedIn",
    "check_new_password",
    "normalized_email",
]
