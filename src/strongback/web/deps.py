"""FastAPI dependencies: the app, who is calling (session cookie or API token), their scope, and
the CSRF check every state-changing request passes.

A request with an ``Authorization`` header is authenticated by its token alone (never by a
cookie it may also carry), which is why such requests need no CSRF token.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Depends, Request

from strongback.app import Strongback, UserScope
from strongback.domain.accounts import Account, SignedIn
from strongback.services import accounts
from strongback.web.db_threads import in_read_thread
from strongback.web.errors import CsrfRejected, NotSignedIn, is_api
from strongback.web.loop_group import LoopGroup
from strongback.web.security import (
    CSRF_FIELD,
    CSRF_HEADER,
    SESSION_COOKIE,
    AnonymousCookie,
    csrf_token,
    tokens_match,
)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Caller:
    """Who sent a request: the account (None when anonymous), the session cookie's secret when
    signed in by cookie, whether an API token was used, and (signed in by cookie) the version of
    the account's data read with the session."""

    account: Account | None
    session: str | None = None
    by_token: bool = False
    data_version: int | None = None


# The dependencies that only pick from what is resolved already are coroutines: FastAPI runs a
# plain function dependency in its thread pool, a hop per dependency per request. Only
# ``caller``, which reads the database, takes that hop.


def strongback_of(request: Request) -> Strongback:
    """The app's composition root."""
    strongback: Strongback = request.app.state.strongback
    return strongback


async def get_strongback(request: Request) -> Strongback:
    """The app's composition root (the dependency)."""
    return strongback_of(request)


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def caller(request: Request) -> Caller:
    """Who sent the request (resolved once per request)."""
    found = _resolved(request)
    if found is not None:
        return found
    strongback = strongback_of(request)
    token = _bearer(request)
    if token is not None:
        account = accounts.token_account(strongback, token) if token else None
        return _remember(request, Caller(account, by_token=True))
    secret = request.cookies.get(SESSION_COOKIE)
    signed_in = accounts.session_signed_in(strongback, secret) if secret else None
    return _remember(request, _cookie_caller(secret, signed_in))


# The session lookups of a worker's requests asked for at once: one query per batch.
_SIGN_INS: LoopGroup[Strongback, str, SignedIn | None] = LoopGroup(
    lambda strongback, cookies: accounts.sessions_signed_in(strongback, cookies), in_read_thread
)


async def cookie_caller(request: Request) -> Caller:
    """:func:`caller` of a request without an ``Authorization`` header (signed in by its
    session cookie, or anonymous), its lookup made together with those of the worker's other
    requests asking at once."""
    found = _resolved(request)
    if found is not None:
        return found
    secret = request.cookies.get(SESSION_COOKIE)
    signed_in = await _SIGN_INS.submit(strongback_of(request), secret) if secret else None
    return _remember(request, _cookie_caller(secret, signed_in))


def _resolved(request: Request) -> Caller | None:
    found = getattr(request.state, "caller", None)
    return found if isinstance(found, Caller) else None


def _cookie_caller(secret: str | None, signed_in: SignedIn | None) -> Caller:
    if secret is None or signed_in is None:
        return Caller(None)
    return Caller(signed_in.account, secret, data_version=signed_in.data_version)


def _remember(request: Request, found: Caller) -> Caller:
    request.state.caller = found
    request.state.account = found.account
    return found


async def optional_account(who: Caller = Depends(caller)) -> Account | None:
    """The signed-in account, or None."""
    return who.account


async def current_account(who: Caller = Depends(caller)) -> Account:
    """The signed-in account; NotSignedIn (401 for the API, a redirect for pages) otherwise."""
    if who.account is None:
        raise NotSignedIn()
    return who.account


async def current_scope(
    account: Account = Depends(current_account),
    strongback: Strongback = Depends(get_strongback),
) -> UserScope:
    """The signed-in user's scope: every service call of the request acts on their data only."""
    return strongback.scope(account.id)


def expected_csrf_token(request: Request, who: Caller) -> str:
    """The CSRF token this browser's forms carry."""
    secret = strongback_of(request).settings.secret_key.get_secret_value()
    if who.session:
        return csrf_token(secret, session=who.session, anonymous=None)
    cookie = getattr(request.state, "anonymous", None)  # made now when the browser has none
    anonymous = cookie.value if isinstance(cookie, AnonymousCookie) else None
    return csrf_token(secret, session=None, anonymous=anonymous)


async def csrf_protect(request: Request, who: Caller = Depends(caller)) -> None:
    """Refuse a state-changing request authenticated by cookie that lacks its CSRF token (in
    the ``X-CSRF-Token`` header or the ``csrf_token`` form field). Token requests are exempt."""
    if request.method in SAFE_METHODS or who.by_token:
        return
    if is_api(request) and who.account is None:
        return  # nothing to forge: the route answers 401
    given = request.headers.get(CSRF_HEADER)
    if given is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            value = (await request.form()).get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
    if not tokens_match(given, expected_csrf_token(request, who)):
        raise CsrfRejected()


def client_address(request: Request) -> str:
    """The caller's address, as rate limits count it."""
    return request.client.host if request.client is not None else "unknown"


__all__ = [
    "SAFE_METHODS",
    "Caller",
    "caller",
    "client_address",
    "cookie_caller",
    "csrf_protect",
    "current_account",
    "current_scope",
    "expected_csrf_token",
    "get_strongback",
    "optional_account",
    "strongback_of",
]
