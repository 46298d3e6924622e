"""The fast lane of the today page: ``GET /today`` served from the worker's kept pages without
FastAPI's routing and dependency solving.

A browser signed in by its session cookie whose today page is kept (for its user, data version,
day and account) gets it here, after the one query that signs it in. Anything else (no cookie,
a token, a page not kept yet) goes on to the route, with the caller already resolved
(the route's ``caller`` dependency takes it from the request's state). What the lane answers
is what the route answers: the same key, the same kept page, the same CSRF token put in; a
failure to sign in (a busy database) gets the answer of the route's error handler.
"""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from strongback.domain.errors import StrongbackError
from strongback.web.deps import cookie_caller
from strongback.web.errors import domain_error_response
from strongback.web.kept_pages import kept_pages, page_key, serve_kept
from strongback.web.pages.today import KEPT_AS, PATH
from strongback.web.security import SESSION_COOKIE


def _lane_request(scope: Scope) -> Request | None:
    """The request of a ``GET /today`` signed in by session cookie; None for any other."""
    if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != PATH:
        return None
    request = Request(scope)
    if "authorization" in request.headers or not request.cookies.get(SESSION_COOKIE):
        return None
    return request


class TodayPageLane:
    """ASGI middleware: the fast lane of ``GET /today`` in front of ``app``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = _lane_request(scope)
        if request is None:
            await self.app(scope, receive, send)
            return
        try:
            who = await cookie_caller(request)  # kept in the request's state
        except StrongbackError as exc:  # what the route's error handler answers, at once
            await domain_error_response(request, exc)(scope, receive, send)
            return
        key = page_key(KEPT_AS, who, date.today())
        html = kept_pages(request).get(key) if key is not None else None
        if html is None:
            await self.app(scope, receive, send)
            return
        await serve_kept(request, who, html)(scope, receive, send)


__all__ = ["TodayPageLane"]
