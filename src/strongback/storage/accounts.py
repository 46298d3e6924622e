"""The deployment's accounts: users who sign in, their web sessions, API tokens and the login
attempts counted against guessing. Unlike a user's unit of work, these span users (a sign-in
looks an account up by email), so they have a unit of their own: :class:`AccountsUnit`."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from strongback.domain.accounts import Account, ApiToken, SignedIn
from strongback.domain.errors import Conflict
from strongback.storage.tables import api_tokens, login_attempts, users, web_sessions
from strongback.storage.transaction import Transaction

_ACCOUNT_COLUMNS = (
    users.c.id,
    users.c.name,
    users.c.email,
    users.c.is_demo,
    users.c.created_at,
    users.c.coaching,
)


def _account(row: Any) -> Account:
    return Account(
        id=row.id,
        name=row.name,
        email=row.email,
        is_demo=bool(row.is_demo),
        created_at=row.created_at,
        coaching=bool(row.coaching),
    )


class AccountRepository:
    """Users as accounts: found by id, email or name; created, claimed, deleted."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def get(self, user_id: int) -> Account | None:
        """The account of this user id, or None."""
        row = self._conn.execute(select(*_ACCOUNT_COLUMNS).where(users.c.id == user_id)).first()
        return _account(row) if row is not None else None

    def by_email(self, email: str) -> Account | None:
        """The account with this (normalized) email, or None."""
        row = self._conn.execute(select(*_ACCOUNT_COLUMNS).where(users.c.email == email)).first()
        return _account(row) if row is not None else None

    def by_name(self, name: str) -> Account | None:
        """The user with this name (the CLI's ``local``), or None."""
        row = self._conn.execute(select(*_ACCOUNT_COLUMNS).where(users.c.name == name)).first()
        return _account(row) if row is not None else None

    def password_hash(self, user_id: int) -> str | None:
        """The stored password hash of the user (None when it has no password)."""
        value = self._conn.execute(
            select(users.c.password_hash).where(users.c.id == user_id)
        ).scalar()
        return str(value) if value is not None else None

    def create(
        self, email: str, password_hash: str, *, is_demo: bool = False, now: datetime
    ) -> Account:
        """A new account (its user name is its email); Conflict when the email is taken."""
        try:
            user_id = self._conn.execute(
                insert(users)
                .values(
                    name=email,
                    email=email,
                    password_hash=password_hash,
                    is_demo=is_demo,
                    created_at=now,
                )
                .returning(users.c.id)
            ).scalar_one()
        except IntegrityError:
            raise Conflict(
                "{email}: an account with this address exists already", field="email"
            ) from None
        found = self.get(int(user_id))
        assert found is not None
        return found

    def claim(self, user_id: int, email: str, password_hash: str) -> None:
        """Give an existing user (the CLI's local one) an email and password; Conflict when the
        email is taken."""
        try:
            self._conn.execute(
                update(users)
                .where(users.c.id == user_id)
                .values(email=email, password_hash=password_hash)
            )
        except IntegrityError:
            raise Conflict(
                "{email}: an account with this address exists already", field="email"
            ) from None

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        """Replace the user's password hash."""
        self._conn.execute(
            update(users).where(users.c.id == user_id).values(password_hash=password_hash)
        )

    def delete(self, user_id: int) -> bool:
        """Delete the user and, by the cascades, everything they own."""
        return bool(self._conn.execute(delete(users).where(users.c.id == user_id)).rowcount)

    def count_accounts(self) -> int:
        """How many users can sign in (have an email)."""
        return int(
            self._conn.execute(
                select(func.count()).select_from(users).where(users.c.email.is_not(None))
            ).scalar_one()
        )


# Built once: the read of every signed-in page, for one browser or several signing in at once
# (the hashes expand into an IN list).
_SIGNED_IN = (
    select(*_ACCOUNT_COLUMNS, users.c.data_version, web_sessions.c.token_hash)
    .join(web_sessions, web_sessions.c.user_id == users.c.id)
    .where(
        web_sessions.c.token_hash.in_(bindparam("token_hashes", expanding=True)),
        web_sessions.c.expires_at > bindparam("now"),
    )
)


class WebSessionRepository:
    """Signed-in browsers, by the hash of their cookie's value."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def create(self, token_hash: str, user_id: int, *, now: datetime, expires: datetime) -> None:
        """Store a new session."""
        self._conn.execute(
            insert(web_sessions).values(
                token_hash=token_hash, user_id=user_id, created_at=now, expires_at=expires
            )
        )

    def account(self, token_hash: str, now: datetime) -> Account | None:
        """The account signed in by this session, unless it expired."""
        found = self.signed_in(token_hash, now)
        return found.account if found is not None else None

    def signed_in(self, token_hash: str, now: datetime) -> SignedIn | None:
        """The account signed in by this session and its data version, unless it expired (one
        query: a page kept for the account is served after this read alone)."""
        return self.signed_in_many((token_hash,), now).get(token_hash)

    def signed_in_many(self, token_hashes: Collection[str], now: datetime) -> dict[str, SignedIn]:
        """:meth:`signed_in` of several sessions in one query, by hash (a hash that signs in
        no one is left out)."""
        rows = self._conn.execute(
            _SIGNED_IN, {"token_hashes": list(token_hashes), "now": now}
        ).all()
        return {row.token_hash: SignedIn(_account(row), int(row.data_version)) for row in rows}

    def delete(self, token_hash: str) -> None:
        """End one session."""
        self._conn.execute(delete(web_sessions).where(web_sessions.c.token_hash == token_hash))

    def delete_for_user(self, user_id: int, *, keep: str | None = None) -> None:
        """End every session of the user (but ``keep``)."""
        statement = delete(web_sessions).where(web_sessions.c.user_id == user_id)
        if keep is not None:
            statement = statement.where(web_sessions.c.token_hash != keep)
        self._conn.execute(statement)

    def delete_expired(self, now: datetime) -> None:
        """Forget sessions past their end."""
        self._conn.execute(delete(web_sessions).where(web_sessions.c.expires_at <= now))


# Built once: every API request signs in with it.
_TOKEN_ACCOUNT = (
    select(*_ACCOUNT_COLUMNS)
    .join(api_tokens, api_tokens.c.user_id == users.c.id)
    .where(api_tokens.c.token_hash == bindparam("token_hash"))
)


class TokenRepository:
    """Personal access tokens for the API, by the hash of their secret."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def create(self, user_id: int, name: str, token_hash: str, *, now: datetime) -> int:
        """Store a token; returns its id."""
        return int(
            self._conn.execute(
                insert(api_tokens)
                .values(user_id=user_id, name=name, token_hash=token_hash, created_at=now)
                .returning(api_tokens.c.id)
            ).scalar_one()
        )

    def user_id(self, token_hash: str) -> int | None:
        """The user a token belongs to, or None."""
        found = self._conn.execute(
            select(api_tokens.c.user_id).where(api_tokens.c.token_hash == token_hash)
        ).scalar()
        return int(found) if found is not None else None

    def account(self, token_hash: str) -> Account | None:
        """The account a token belongs to, or None (one query: a request authenticated by its
        token needs the account, not only its id)."""
        row = self._conn.execute(_TOKEN_ACCOUNT, {"token_hash": token_hash}).first()
        return _account(row) if row is not None else None

    def touch(self, token_hash: str, now: datetime) -> None:
        """Record that the token was used now."""
        self._conn.execute(
            update(api_tokens).where(api_tokens.c.token_hash == token_hash).values(last_used_at=now)
        )

    def list(self, user_id: int) -> list[ApiToken]:
        """The user's tokens, oldest first."""
        rows = self._conn.execute(
            select(
                api_tokens.c.id,
                api_tokens.c.name,
                api_tokens.c.created_at,
                api_tokens.c.last_used_at,
            )
            .where(api_tokens.c.user_id == user_id)
            .order_by(api_tokens.c.id)
        )
        return [ApiToken(r.id, r.name, r.created_at, r.last_used_at) for r in rows]

    def revoke(self, user_id: int, token_id: int) -> bool:
        """Delete one of the user's tokens; False when the user has no such token."""
        result = self._conn.execute(
            delete(api_tokens).where(api_tokens.c.id == token_id, api_tokens.c.user_id == user_id)
        )
        return bool(result.rowcount)


class LoginAttemptRepository:
    """Sign-in attempts, counted per email and per address over a window."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def record(self, email: str, address: str, *, succeeded: bool, now: datetime) -> None:
        """Remember one attempt."""
        self._conn.execute(
            insert(login_attempts).values(
                email=email[:320], address=address[:64], attempted_at=now, succeeded=succeeded
            )
        )

    def failures(
        self, *, since: datetime, email: str | None = None, address: str | None = None
    ) -> int:
        """Failed attempts since ``since`` for the email or for the address."""
        statement = (
            select(func.count())
            .select_from(login_attempts)
            .where(login_attempts.c.attempted_at >= since, login_attempts.c.succeeded.is_(False))
        )
        if email is not None:
            statement = statement.where(login_attempts.c.email == email)
        if address is not None:
            statement = statement.where(login_attempts.c.address == address)
        return int(self._conn.execute(statement).scalar_one())

    def forget_before(self, moment: datetime) -> None:
        """Drop attempts older than any window still counted."""
        self._conn.execute(delete(login_attempts).where(login_attempts.c.attempted_at < moment))


class AccountsUnit(Transaction):
    """One transaction over the accounts; rolls back unless :meth:`commit` is called."""

    def __enter__(self) -> AccountsUnit:
        conn = self._open()
        self.accounts = AccountRepository(conn)
        self.sessions = WebSessionRepository(conn)
        self.tokens = TokenRepository(conn)
        self.attempts = LoginAttemptRepository(conn)
        return self


__all__ = [
    "AccountRepository",
    "AccountsUnit",
    "LoginAttemptRepository",
    "TokenRepository",
    "WebSessionRepository",
]
