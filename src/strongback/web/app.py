"""The web app: ``create_app`` wires the composition root, the security middleware, the error
handlers, the static files, the pages and the JSON API."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from strongback import __version__
from strongback.app import Strongback
from strongback.web.api.log_lane import SetLogLane
from strongback.web.errors import install_error_handlers
from strongback.web.kept_pages import KeptPages
from strongback.web.pages.today_lane import TodayPageLane
from strongback.web.security import BrowserSecurity
from strongback.web.templating import STATIC_DIR


def _ready(strongback: Strongback) -> None:
    """Open the database and load the catalog (both kept for the process's life)."""
    _ = strongback.database, strongback.catalog


async def _route_once(app: FastAPI) -> None:
    """Send the app one request for a path no route has (a 404): matching it against every
    route builds what FastAPI builds for a route on its first match, and the error page's
    template is compiled."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": "/.warm-start", "raw_path": b"/.warm-start",
        "query_string": b"", "root_path": "", "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 0), "state": {},
    }  # fmt: skip

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(_message: object) -> None:
        return None

    await app(scope, receive, send)


@asynccontextmanager
async def _warm_start(app: FastAPI) -> AsyncIterator[None]:
    # Before the worker takes its first request: else the first requests of a fresh worker
    # queue behind the database's opening, the catalog's loading and the routes' first-match
    # set-up (a second or more on a busy machine), which shows in the latency's tail.
    await run_in_threadpool(_ready, app.state.strongback)
    await _route_once(app)
    # What is loaded by now (the catalog, the routes, the modules: about 180,000 objects) lives
    # as long as the worker: out of the collector's sight, a full collection no longer walks it
    # (75 ms each on a busy machine, a pause every request queued behind it would wait out).
    gc.freeze()
    yield


def create_app(strongback: Strongback | None = None) -> FastAPI:
    """The FastAPI app of one deployment (``strongback`` defaults to the environment's
    settings). The app lives in ``app.state.strongback``; nothing else is kept in memory that
    another worker would need (``app.state.kept_pages``, the pages a worker keeps, are keyed on
    each user's data version, read from the database with every request)."""
    from strongback.web import api, pages

    app = FastAPI(
        title="Strongback",
        version=__version__,
        description="Back training: plans, today's session, the training log.",
        # Swagger UI and ReDoc load scripts from a CDN and run inline script, which the
        # Content-Security-Policy refuses; /api/v1/docs renders the same on the server.
        docs_url=None,
        redoc_url=None,
        lifespan=_warm_start,
    )
    app.state.strongback = strongback if strongback is not None else Strongback()
    # Added first, so it runs inside the security middleware (its answers get the headers).
    app.add_middleware(SetLogLane)
    app.add_middleware(TodayPageLane)
    app.add_middleware(BrowserSecurity)
    install_error_handlers(app)
    app.state.kept_pages = KeptPages()
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    # A request's route is found by trying each in turn: the page seen most goes first.
    # /openapi.json describes the JSON API only: the HTML pages stay out of the schema.
    for router in pages.first_routers:
        app.include_router(router, include_in_schema=False)
    app.include_router(api.router)
    for router in pages.routers:
        app.include_router(router, include_in_schema=False)
    return app


__all__ = ["create_app"]
