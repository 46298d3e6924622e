"""Use cases of accounts: sign up, sign in (rate limited, the same cost for an unknown email),
sessions, passwords, API tokens, deleting an account with everything it owns.

Secrets (session cookies, API tokens) are random; only their SHA-256 is stored. Passwords are
hashed with Argon2id and rehashed at sign-in when the hasher's parameters changed.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from strongback.domain.accounts import (
    Account,
    ApiToken,
    SignedIn,
    check_new_password,
    normalized_email,
)
from strongback.domain.errors import (
    AuthenticationFailed,
    Conflict,
    InvalidInput,
    NotFound,
    TooManyAttempts,
)
from strongback.services.ports import AccountsUnit, Deployment

SESSION_LIFETIME = timedelta(days=30)
LOGIN_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20
TOKEN_PREFIX = "sb_"
MAX_TOKEN_NAME = 100
WRONG_CREDENTIALS = "the email or password is wrong"

_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters


@cache
def _dummy_hash() -> str:
    # Verified against when the email is unknown, so that costs what a wrong password costs.
    return _hasher.hash(secrets.token_urlsafe(16))


def utc_now() -> datetime:
    """The time stored in the account tables: naive UTC, whole seconds."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def secret_hash(secret: str) -> str:
    """What is stored for a session cookie or an API token: its SHA-256 in hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


def hash_password(password: str) -> str:
    """An Argon2id hash of the password."""
    return _hasher.hash(password)


def _password_matches(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored if stored is not None else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False


def sign_up(deployment: Deployment, email: str, password: str, *, is_demo: bool = False) -> Account:
    """A new account; InvalidInput naming ``email`` or ``password``, Conflict for a taken email."""
    address = normalized_email(email)
    check_new_password(password)
    hashed = hash_password(password)
    with deployment.accounts_unit(write=True) as unit:
        account = unit.accounts.create(address, hashed, is_demo=is_demo, now=utc_now())
        unit.commit()
    return account


def _check_rate(unit: AccountsUnit, email: str, address: str, now: datetime) -> None:
    since = now - LOGIN_WINDOW
    minutes = int(LOGIN_WINDOW.total_seconds() // 60)
    if unit.attempts.failures(since=since, email=email) >= MAX_FAILURES_PER_ACCOUNT:
        raise TooManyAttempts(
            f"too many failed sign-ins for this account; try again in {minutes} minutes",
            retry_after=int(LOGIN_WINDOW.total_seconds()),
        )
    if unit.attempts.failures(since=since, address=address) >= MAX_FAILURES_PER_ADDRESS:
        raise TooManyAttempts(
            f"too many failed sign-ins from this address; try again in {minutes} minutes",
            retry_after=int(LOGIN_WINDOW.total_seconds()),
        )


def authenticate(deployment: Deployment, email: str, password: str, address: str) -> Account:
    """The account whose email and password these are (AuthenticationFailed otherwise).

    Failed attempts are counted per email and per client address over LOGIN_WINDOW; past the
    limits TooManyAttempts is raised before any password is checked. An unknown email is checked
    against a dummy hash, so it costs the same time as a wrong password.
    """
    key = email.strip().lower()[:320]
    now = utc_now()
    with deployment.accounts_unit() as unit:
        _check_rate(unit, key, address, now)
        account = unit.accounts.by_email(key)
        stored = unit.accounts.password_hash(account.id) if account is not None else None
    # Argon2 runs outside any transaction: it takes tens of milliseconds.
    ok = _password_matches(stored, password) and account is not None and stored is not None
    with deployment.accounts_unit(write=True) as unit:
        unit.attempts.record(key, address, succeeded=ok, now=now)
        if ok and account is not None and stored is not None and _hasher.check_needs_rehash(stored):
            unit.accounts.set_password_hash(account.id, hash_password(password))
        unit.attempts.forget_before(now - 4 * LOGIN_WINDOW)
        unit.commit()
    if not ok or account is None:
        raise AuthenticationFailed(WRONG_CREDENTIALS)
    return account


def start_session(deployment: Deployment, account: Account, *, replaces: str | None = None) -> str:
    """A new session for the account; returns the cookie's secret. The session ``replaces``
    (the browser's previous cookie, if any) ends: a sign-in always gets a fresh cookie."""
    secret = secrets.token_urlsafe(32)
    now = utc_now()
    with deployment.accounts_unit(write=True) as unit:
        if replaces:
            unit.sessions.delete(secret_hash(replaces))
        unit.sessions.delete_expired(now)
        unit.sessions.create(
            secret_hash(secret), account.id, now=now, expires=now + SESSION_LIFETIME
        )
        unit.commit()
    return secret


def session_account(deployment: Deployment, secret: str) -> Account | None:
    """The account a session cookie signs in, or None (unknown or expired)."""
    with deployment.accounts_unit(one_read=True) as unit:
        return unit.sessions.account(secret_hash(secret), utc_now())


def session_signed_in(deployment: Deployment, secret: str) -> SignedIn | None:
    """The account a session cookie signs in and its data version, or None (unknown or
    expired)."""
    with deployment.accounts_unit(one_read=True) as unit:
        return unit.sessions.signed_in(secret_hash(secret), utc_now())


def sessions_signed_in(deployment: Deployment, cookies: Sequence[str]) -> list[SignedIn | None]:
    """:func:`session_signed_in` of several cookies' secrets in one query, in their order (a
    cookie given twice is looked up once)."""
    hashes = [secret_hash(cookie) for cookie in cookies]
    if not hashes:
        return []
    with deployment.accounts_unit(one_read=True) as unit:
        found = unit.sessions.signed_in_many(set(hashes), utc_now())
    return [found.get(h) for h in hashes]


def end_session(deployment: Deployment, secret: str) -> None:
    """Sign out the session of this cookie."""
    with deployment.accounts_unit(write=True) as unit:
        unit.sessions.delete(secret_hash(secret))
        unit.commit()


def account_by_id(deployment: Deployment, user_id: int) -> Account:
    """The account of this user id (NotFound otherwise)."""
    with deployment.accounts_unit() as unit:
        found = unit.accounts.get(user_id)
    if found is None:
        raise NotFound(f"no account with id {user_id}", field="user")
    return found


def account_by_email(deployment: Deployment, email: str) -> Account:
    """The account with this email (NotFound naming ``email`` otherwise)."""
    key = normalized_email(email)
    with deployment.accounts_unit() as unit:
        found = unit.accounts.by_email(key)
    if found is None:
        raise NotFound(f"no account with the email {key}", field="email", literal=True)
    return found


def has_accounts(deployment: Deployment) -> bool:
    """True once anyone can sign in on this deployment."""
    with deployment.accounts_unit() as unit:
        return unit.accounts.count_accounts() > 0


def claim_user(deployment: Deployment, user_id: int, email: str, password: str) -> Account:
    """Turn an existing user (the CLI's local one) into an account, keeping all its data.

    Conflict when the user already has an email or when the email is taken.
    """
    address = normalized_email(email)
    check_new_password(password)
    hashed = hash_password(password)
    with deployment.accounts_unit(write=True) as unit:
        account = unit.accounts.get(user_id)
        if account is None:
            raise NotFound(f"no user with id {user_id}", field="user")
        if account.email is not None:
            raise Conflict(
                f"this user is already the account {account.email}; use --user EMAIL to "
                "create another account",
                literal=True,
            )
        unit.accounts.claim(user_id, address, hashed)
        unit.commit()
        claimed = unit.accounts.get(user_id)
    assert claimed is not None
    return claimed


def _check_password(unit: AccountsUnit, user_id: int, password: str, field: str) -> None:
    if not _password_matches(unit.accounts.password_hash(user_id), password):
        raise InvalidInput(f"{{{field}}} is wrong", field=field)


def change_password(
    deployment: Deployment,
    user_id: int,
    current: str,
    new: str,
    *,
    keep_session: str | None = None,
) -> None:
    """Replace the password after checking the current one; every other session ends."""
    check_new_password(new, "new_password")
    with deployment.accounts_unit(write=True) as unit:
        _check_password(unit, user_id, current, "current_password")
        unit.accounts.set_password_hash(user_id, hash_password(new))
        unit.sessions.delete_for_user(
            user_id, keep=secret_hash(keep_session) if keep_session else None
        )
        unit.commit()


def set_password(deployment: Deployment, user_id: int, password: str) -> None:
    """Give the user a new password without the old one (the CLI, for the demo athlete)."""
    check_new_password(password)
    with deployment.accounts_unit(write=True) as unit:
        unit.accounts.set_password_hash(user_id, hash_password(password))
        unit.commit()


def delete_account(deployment: Deployment, user_id: int, password: str | None) -> None:
    """Delete the account and every row it owns (workouts, plans, profile, sessions, tokens).

    The password is asked unless the account is a demo (nobody knows a demo's password).
    """
    with deployment.accounts_unit(write=True) as unit:
        account = unit.accounts.get(user_id)
        if account is None:
            raise NotFound(f"no account with id {user_id}", field="user")
        if not account.is_demo:
            _check_password(unit, user_id, password or "", "password")
        unit.accounts.delete(user_id)
        unit.commit()


def create_token(deployment: Deployment, user_id: int, name: str = "") -> tuple[int, str]:
    """A new API token: its id and its secret, which is shown this once and never again."""
    label = name.strip() or "API token"
    if len(label) > MAX_TOKEN_NAME:
        raise InvalidInput(f"{{name}} must be at most {MAX_TOKEN_NAME} characters", field="name")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with deployment.accounts_unit(write=True) as unit:
        if unit.accounts.get(user_id) is None:
            raise NotFound(f"no account with id {user_id}", field="user")
        token_id = unit.tokens.create(user_id, label, secret_hash(secret), now=utc_now())
        unit.commit()
    return token_id, secret


def verify_token(deployment: Deployment, secret: str) -> int | None:
    """The user id an API token belongs to, or None for an unknown or revoked one."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    with deployment.accounts_unit() as unit:
        return unit.tokens.user_id(secret_hash(secret))


def token_account(deployment: Deployment, secret: str) -> Account | None:
    """The account an API token signs in, or None for an unknown or revoked one (a SHA-256
    lookup: tokens are random, so no slow hash is needed to keep them safe at rest)."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    with deployment.accounts_unit(one_read=True) as unit:
        return unit.tokens.account(secret_hash(secret))


def list_tokens(deployment: Deployment, user_id: int) -> list[ApiToken]:
    """The user's API tokens (names and dates, never the secrets)."""
    with deployment.accounts_unit() as unit:
        return unit.tokens.list(user_id)


def revoke_token(deployment: Deployment, user_id: int, token_id: int) -> None:
    """Revoke one of the user's tokens (NotFound for another user's or an unknown one)."""
    with deployment.accounts_unit(write=True) as unit:
        if not unit.tokens.revoke(user_id, token_id):
            raise NotFound(f"no API token with id {token_id}", field="token")
        unit.commit()


__all__ = [
    "LOGIN_WINDOW",
    "MAX_FAILURES_PER_ACCOUNT",
    "MAX_FAILURES_PER_ADDRESS",
    "SESSION_LIFETIME",
    "account_by_email",
    "account_by_id",
    "authenticate",
    "change_password",
    "claim_user",
    "create_token",
    "delete_account",
    "end_session",
    "has_accounts",
    "hash_password",
    "list_tokens",
    "revoke_token",
    "secret_hash",
    "session_account",
    "session_signed_in",
    "sessions_signed_in",
    "set_password",
    "sign_up",
    "start_session",
    "token_account",
    "utc_now",
    "verify_token",
]
