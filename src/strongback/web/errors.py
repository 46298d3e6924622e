"""One error shape for the whole web app, in one place.

The API answers ``{"error": {"code", "message", "field"}}``; a page answers an error page in the
same words. InvalidInput -> 422 naming its field, request validation -> 422 naming the field,
NotFound (another user's objects too) -> 404, Conflict -> 409, a failed sign-in or no session
-> 401 (a page redirects to the sign-in form instead), too many sign-ins -> 429, a missing CSRF
token -> 403, a busy or read-only database -> 503.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from strongback.domain.errors import (
    AuthenticationFailed,
    Conflict,
    InfeasibleProfile,
    InvalidInput,
    NotFound,
    StorageError,
    StrongbackError,
    TooManyAttempts,
)


class NotSignedIn(Exception):
    """The request needs an account and has neither a session nor a valid token."""


class CsrfRejected(Exception):
    """A state-changing request authenticated by cookie came without its CSRF token."""


@dataclass(frozen=True)
class ErrorBody:
    """What every error says: an HTTP status, a code, a message and the field at fault."""

    status: int
    code: str
    message: str
    field: str | None = None

    def to_public(self) -> dict[str, Any]:
        """The API's JSON shape."""
        return {"error": {"code": self.code, "message": self.message, "field": self.field}}


# The most specific class first.
_DOMAIN: tuple[tuple[type[StrongbackError], int, str], ...] = (
    (NotFound, 404, "not_found"),
    (Conflict, 409, "conflict"),
    (InvalidInput, 422, "invalid_input"),
    (InfeasibleProfile, 422, "infeasible_profile"),
    (AuthenticationFailed, 401, "not_authenticated"),
    (TooManyAttempts, 429, "too_many_attempts"),
    (StorageError, 503, "storage_unavailable"),
    (StrongbackError, 400, "bad_request"),
)

_HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid_input",
    429: "too_many_attempts",
}

SIGN_IN_REQUIRED = "sign in first: this needs an account (a session or an API token)"
CSRF_MISSING = "the form is out of date or was sent from another site; reload the page and retry"


def error_for_domain(exc: StrongbackError) -> ErrorBody:
    """The error body of a domain error."""
    status, code = next((s, c) for kind, s, c in _DOMAIN if isinstance(exc, kind))
    field = exc.field if isinstance(exc, InvalidInput) else None
    return ErrorBody(status, code, " ".join(str(exc).split()), field)


def error_for_validation(exc: RequestValidationError) -> ErrorBody:
    """The first validation failure, naming its field (the last part of its location)."""
    errors = exc.errors()
    if not errors:
        return ErrorBody(422, "invalid_input", "the request is not valid")
    first = errors[0]
    location = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path")]
    field = location[-1] if location else None
    message = str(first.get("msg", "is not valid"))
    return ErrorBody(422, "invalid_input", f"{field}: {message}" if field else message, field)


def is_api(request: Request) -> bool:
    """True for requests to the JSON API (answered in JSON, never redirected)."""
    return request.url.path.startswith("/api/")


def _respond(request: Request, body: ErrorBody, headers: dict[str, str] | None = None) -> Response:
    if is_api(request):
        return JSONResponse(body.to_public(), status_code=body.status, headers=headers)
    from strongback.web.templating import render

    response = render(
        request,
        "error.html",
        {"title": _TITLES.get(body.status, "Something went wrong"), "error": body},
        status_code=body.status,
    )
    if headers:
        response.headers.update(headers)
    return response


_TITLES = {
    401: "Sign in first",
    403: "Refused",
    404: "Not found",
    409: "Conflict",
    422: "Check what you entered",
    429: "Too many attempts",
    503: "Busy, try again",
}


def domain_error_response(request: Request, exc: StrongbackError) -> Response:
    """The answer to a domain error (what its exception handler answers)."""
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyAttempts) else None
    return _respond(request, error_for_domain(exc), headers)


async def _domain_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StrongbackError)
    return domain_error_response(request, exc)


async def _validation_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return _respond(request, error_for_validation(exc))


async def _http_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    if exc.status_code == 404:
        message = f"nothing at {request.url.path}"
    headers = dict(exc.headers) if exc.headers else None
    return _respond(request, ErrorBody(exc.status_code, code, message), headers)


async def _not_signed_in_handler(request: Request, exc: Exception) -> Response:
    if is_api(request):
        return _respond(
            request,
            ErrorBody(401, "not_authenticated", SIGN_IN_REQUIRED),
            {"WWW-Authenticate": "Bearer"},
        )
    target = f"/login?next={quote(request.url.path, safe='/')}"
    if request.headers.get("HX-Request"):
        return Response(status_code=200, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


async def _csrf_handler(request: Request, exc: Exception) -> Response:
    return _respond(request, ErrorBody(403, "csrf", CSRF_MISSING))


SERVER_FAILED = "something went wrong on the server; nothing was changed, try again"


async def _unexpected_handler(request: Request, exc: Exception) -> Response:
    # Answered outside the middleware stack (Starlette's outermost layer), so the security
    # headers are added here; the exception is still logged by the server.
    from strongback.web.security import SECURITY_HEADERS

    body = ErrorBody(500, "internal_error", SERVER_FAILED)
    if is_api(request):
        response: Response = JSONResponse(body.to_public(), status_code=500)
    else:
        try:
            response = _respond(request, body)
        except Exception:  # the page itself cannot render: plain words then
            response = Response(SERVER_FAILED, status_code=500, media_type="text/plain")
    response.headers.update(SECURITY_HEADERS)
    return response


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler of this module on the app."""
    app.add_exception_handler(StrongbackError, _domain_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    app.add_exception_handler(NotSignedIn, _not_signed_in_handler)
    app.add_exception_handler(CsrfRejected, _csrf_handler)
    app.add_exception_handler(Exception, _unexpected_handler)


__all__ = [
    "CSRF_MISSING",
    "SERVER_FAILED",
    "SIGN_IN_REQUIRED",
    "CsrfRejected",
    "ErrorBody",
    "NotSignedIn",
    "domain_error_response",
    "error_for_domain",
    "error_for_validation",
    "install_error_handlers",
    "is_api",
]
