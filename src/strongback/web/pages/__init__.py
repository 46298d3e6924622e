"""The server-rendered pages, one module per area; ``routers`` lists their routers in the order
the app includes them. Every router checks the CSRF token of state-changing requests."""

from __future__ import annotations

from fastapi import APIRouter

from strongback.web.pages import (
    auth,
    body,
    coaching,
    library,
    log,
    plans,
    progress,
    session,
    settings,
    today,
    transfer,
)

routers: list[APIRouter] = [
    auth.router,
    plans.router,
    today.router,
    log.router,
    library.router,
    transfer.router,
    settings.router,
    coaching.router,
    progress.router,
    session.router,
    body.router,
]

__all__ = [
    "auth",
    "body",
    "coaching",
    "library",
    "log",
    "plans",
    "progress",
    "routers",
    "session",
    "settings",
    "today",
    "transfer",
]
