"""Browser security shared by every response: the headers, the cookies, the CSRF tokens.

CSRF tokens are HMACs under the deployment's secret key, so any worker can check any token
without shared memory: a signed-in browser's token is the HMAC of its session cookie, an
anonymous browser's (the sign-in and sign-up forms) that of a random cookie set on its first
visit.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection

SESSION_COOKIE = "strongback_session"
ANON_COOKIE = "strongback_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"

# No inline script or style anywhere: every script and stylesheet is a file under /static.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def csrf_token(secret_key: str, *, session: str | None, anonymous: str | None) -> str:
    """The CSRF token a browser must send: bound to its session, else to its anonymous cookie."""
    subject = f"session:{session}" if session else f"anonymous:{anonymous or ''}"
    return hmac.new(secret_key.encode(), subject.encode(), hashlib.sha256).hexdigest()


def tokens_match(given: str | None, expected: str) -> bool:
    """Compare in constant time."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def is_https(connection: HTTPConnection) -> bool:
    """True when the browser talks HTTPS (directly, or to a proxy that says so)."""
    forwarded = connection.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return connection.url.scheme == "https" or forwarded == "https"


def cookie_header(name: str, value: str, *, secure: bool, max_age: int | None) -> str:
    """A Set-Cookie value: HttpOnly, SameSite=Lax, for the whole site; Secure under HTTPS."""
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


class AnonymousCookie:
    """The browser's anonymous CSRF cookie: the value it sent, else one made when first asked
    for. A signed-in browser's tokens are bound to its session, so its requests never make one
    (nor send a cookie back); an anonymous form gets it with its page."""

    __slots__ = ("made", "sent")

    def __init__(self, sent: str | None) -> None:
        self.sent = sent or None
        self.made: str | None = None

    @property
    def value(self) -> str:
        """The cookie's value (made now if the browser sent none)."""
        if self.sent:
            return self.sent
        if self.made is None:
            self.made = secrets.token_urlsafe(24)
        return self.made


class BrowserSecurity:
    """ASGI middleware: the security headers on every response, and the anonymous CSRF cookie
    (``request.state.anonymous``, an :class:`AnonymousCookie`) set on a page's response when
    the page made one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        anonymous = AnonymousCookie(connection.cookies.get(ANON_COOKIE))
        scope.setdefault("state", {})["anonymous"] = anonymous
        page = not scope["path"].startswith(("/api/", "/static/"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if anonymous.made is not None and page:
                    secure = is_https(connection)
                    cookie = cookie_header(ANON_COOKIE, anonymous.made, secure=secure, max_age=None)
                    headers.append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_headers)


__all__ = [
    "ANON_COOKIE",
    "CONTENT_SECURITY_POLICY",
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SECURITY_HEADERS",
    "SESSION_COOKIE",
    "AnonymousCookie",
    "BrowserSecurity",
    "cookie_header",
    "csrf_token",
    "is_https",
    "tokens_match",
]
