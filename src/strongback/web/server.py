"""Running the web app with uvicorn: one process, or several workers that share the database."""

from __future__ import annotations

from fastapi import FastAPI

from strongback.settings import Settings


def app_factory() -> FastAPI:
    """The app for a uvicorn worker, from the environment's settings (each worker builds its
    own; they share nothing but the database)."""
    from strongback.web.app import create_app

    return create_app()


def serve(settings: Settings) -> None:
    """Serve the app on ``settings.host``:``settings.port`` with ``settings.workers`` processes.

    The database is migrated once, here, before any worker starts. Workers read the settings
    from ``STRONGBACK_*`` variables, so the ones given here are exported for them.
    """
    import os

    import uvicorn

    from strongback.app import Strongback

    with Strongback(settings) as strongback:
        strongback.upgrade_database()
    if settings.database_url:
        os.environ["STRONGBACK_DATABASE_URL"] = settings.database_url
    if settings.data_dir is not None:
        os.environ["STRONGBACK_DATA_DIR"] = str(settings.data_dir)
    os.environ["STRONGBACK_SECRET_KEY"] = settings.secret_key.get_secret_value()
    uvicorn.run(
        "strongback.web.server:app_factory",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        proxy_headers=True,
        log_level=settings.log_level.lower(),
        access_log=False,
    )


__all__ = ["app_factory", "serve"]
