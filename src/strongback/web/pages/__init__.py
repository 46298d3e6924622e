"""The server-rendered pages, one module per area; ``routers`` lists their routers in the order
the app includes them. Every router checks the CSRF token of state-changing requests."""

from __future__ import annotations

from fastapi import APIRouter

from strongback.web.pages import auth, coaching

routers: list[APIRouter] = [auth.router, coaching.router]

__all__ = ["auth", "coaching", "routers"]
