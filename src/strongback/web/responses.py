"""Responses pages share: the redirect after a form (a plain 303, or an htmx location), and the
session cookie set and cleared."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel

from strongback.services.accounts import SESSION_LIFETIME
from strongback.web.security import SESSION_COOKIE, cookie_header, is_https


def see_other(request: Request, url: str) -> Response:
    """After a form: go to ``url`` (a 303 without JavaScript; htmx loads it in place)."""
    if request.headers.get("HX-Request") and not request.headers.get("HX-Boosted"):
        return Response(status_code=200, headers={"HX-Location": url})
    return RedirectResponse(url, status_code=303)


def model_response(answer: BaseModel, status_code: int = 200) -> Response:
    """A model as its JSON answer, serialized here: a sync route that returns its model has
    FastAPI check it again in a thread-pool hop of its own (the route's ``response_model``
    still tells the OpenAPI schema)."""
    body = answer.model_dump_json()
    return Response(body, status_code=status_code, media_type="application/json")


def safe_next(target: str | None, default: str = "/today") -> str:
    """A local path to go to after signing in (never another site)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return default


def set_session_cookie(request: Request, response: Response, secret: str) -> None:
    """Sign the browser in with this session secret."""
    response.headers.append(
        "set-cookie",
        cookie_header(
            SESSION_COOKIE,
            secret,
            secure=is_https(request),
            max_age=int(SESSION_LIFETIME.total_seconds()),
        ),
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    """Sign the browser out."""
    response.headers.append(
        "set-cookie", cookie_header(SESSION_COOKIE, "", secure=is_https(request), max_age=0)
    )


__all__ = [
    "clear_session_cookie",
    "model_response",
    "safe_next",
    "see_other",
    "set_session_cookie",
]
