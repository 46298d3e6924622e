"""The fast lane of ``POST /api/v1/sets``: the app's busiest write, answered without FastAPI's
routing and dependency solving.

A set logged with an API token and a JSON body that the route's model accepts is signed in,
stored and answered here: the sets a worker is asked to log at once with one token go as one
batch in one thread hop (the route takes one hop to sign in and another to store, per request).
Every other request (a cookie, no token or an unknown one, a body the model refuses, a domain
error's answer aside) goes on to the route with its body replayed, so each answer the route
gives (401, 422 naming the field, the CSRF check of cookie requests) stays the route's own.
What the lane answers is what the route answers: the same model, the same service call.
"""

from __future__ import annotations

import json

from pydantic import ValidationError
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from strongback.app import Strongback
from strongback.domain.errors import StrongbackError
from strongback.services import training_log
from strongback.services.training_log import LogResult, PendingLog
from strongback.web.api.log import LoggedSet, SetLog
from strongback.web.db_threads import in_write_thread
from strongback.web.errors import domain_error_response
from strongback.web.loop_group import LoopGroup
from strongback.web.responses import model_response

PATH = "/api/v1/sets"


def _lane_token(scope: Scope) -> str | None:
    """The Bearer token of a JSON ``POST /api/v1/sets``; None for any other request."""
    if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != PATH:
        return None
    # The first of a repeated header counts, as the route's ``request.headers.get`` reads it.
    found: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        if name in (b"authorization", b"content-type"):
            found.setdefault(name, value)
    scheme, _, token = found.get(b"authorization", b"").decode("latin-1").partition(" ")
    media = found.get(b"content-type", b"").split(b";")[0].strip().lower()
    if scheme.lower() != "bearer" or media != b"application/json":
        return None
    return token.strip() or None


async def _read_body(receive: Receive) -> bytes | None:
    """The whole request body; None when the client went away first."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replaying(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the body read already to the next app, then the client's."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


# Sets a worker is asked to log at once with one token: signed in once and stored as one batch,
# in one write thread hop.
_LOG_BY_TOKEN: LoopGroup[tuple[Strongback, str], PendingLog, LogResult | None] = LoopGroup(
    lambda key, pending: training_log.log_batch_with_token(*key, pending), in_write_thread
)


class SetLogLane:
    """ASGI middleware: the fast lane of ``POST /api/v1/sets`` in front of ``app``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = _lane_token(scope)
        if token is None:
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:
            return
        try:
            # As the route reads it: JSON first, then the model in Python mode.
            values = SetLog.model_validate(json.loads(body))
        except (ValueError, ValidationError, RecursionError):  # the route answers it
            await self.app(scope, _replaying(body, receive), send)
            return
        strongback: Strongback = scope["app"].state.strongback
        try:
            pending = PendingLog.of(values.to_request())
        except StrongbackError:  # a day refused: the route answers it, after signing in
            await self.app(scope, _replaying(body, receive), send)
            return
        try:
            logged = await _LOG_BY_TOKEN.submit((strongback, token), pending)
        except StrongbackError as exc:
            await domain_error_response(Request(scope), exc)(scope, receive, send)
            return
        if logged is None:  # an unknown token: the route answers the 401
            await self.app(scope, _replaying(body, receive), send)
            return
        await model_response(LoggedSet.of(logged), 201)(scope, receive, send)


__all__ = ["PATH", "SetLogLane"]
