"""The server-rendered pages, one module per area; ``first_routers`` (included before the API)
and ``routers`` (after it) list their routers in the order the app includes them. Every router
checks the CSRF token of state-changing requests. ``today_lane`` serves the kept today page
ahead of the routing (the app's middleware)."""

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
    today_lane,
    transfer,
)

# Included before the API (a route is found by trying each in turn, and the today page is
# the one a user sees most); ``routers`` after it.
first_routers: list[APIRouter] = [today.router]
routers: list[APIRouter] = [
    auth.router,
    plans.router,
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
    "first_routers",
    "library",
    "log",
    "plans",
    "progress",
    "routers",
    "session",
    "settings",
    "today",
    "today_lane",
    "transfer",
]
