"""A worker is ready before its first request: the database open and the catalog loaded while
the app starts, so the first requests of a fresh worker do not queue behind them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from strongback.app import Strongback
from strongback.settings import Settings
from strongback.web.app import create_app


def test_the_app_opens_its_database_and_loads_the_catalog_before_serving(
    sqlite_url: str,
) -> None:
    strongback = Strongback(Settings(database_url=sqlite_url))
    try:
        app = create_app(strongback)
        assert strongback._database is None and "catalog" not in vars(strongback)
        with TestClient(app) as client:
            assert strongback._database is not None and "catalog" in vars(strongback)
            assert client.get("/api/v1/me").status_code == 401
    finally:
        strongback.close()
