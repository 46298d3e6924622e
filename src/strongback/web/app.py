"""The web app: ``create_app`` wires the composition root, the security middleware, the error
handlers, the static files, the pages and the JSON API."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from strongback import __version__
from strongback.app import Strongback
from strongback.web.errors import install_error_handlers
from strongback.web.security import BrowserSecurity
from strongback.web.templating import STATIC_DIR


def create_app(strongback: Strongback | None = None) -> FastAPI:
    """The FastAPI app of one deployment (``strongback`` defaults to the environment's
    settings). The app lives in ``app.state.strongback``; nothing else is kept in memory that
    another worker would need."""
    from strongback.web import api, pages

    app = FastAPI(
        title="Strongback",
        version=__version__,
        description="Back training: plans, today's session, the training log.",
        # Swagger UI and ReDoc load scripts from a CDN and run inline script, which the
        # Content-Security-Policy refuses; /api/v1/docs renders the same on the server.
        docs_url=None,
        redoc_url=None,
    )
    app.state.strongback = strongback if strongback is not None else Strongback()
    app.add_middleware(BrowserSecurity)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.include_router(api.router)
    for router in pages.routers:
        app.include_router(router)
    return app


__all__ = ["create_app"]
